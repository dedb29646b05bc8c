/**
 * Progress on a terminal (stderr), laid out and redrawn as oras 1.3 does:
 *
 *   ⠼ [████████............](1.5 MB/s) Downloading big.bin               6.00/15 MB  40.00%     4s
 *     └─ sha256:…
 *   ✓ Pulled      hi.txt                                                      12/12  B 100.00%   12ms
 *     └─ sha256:…
 *
 * Every transfer or report keeps its two rows, in the order it was first shown; the block is
 * redrawn 5 times a second from a saved cursor position (DEC save/restore, `ESC[nF` up, erase
 * to the end of each line), only the last rows that fit the terminal's height are drawn, and the
 * right-hand side (`done/total unit  percent  elapsed`) ends at the terminal's right edge. The
 * filled part of the bar is a light-blue background, the spinner light yellow, the check mark
 * light green, a failure a light-red `✗`; `NO_COLOR` drops the colours (the filled part is
 * then drawn as `█`).
 */
import { type Descriptor, titleOf } from "../../oci/descriptor.js";
import type { CliIO } from "../io.js";
import { printable } from "./escape.js";
import { formatBytes, formatDuration, formatNumber, type HumanBytes, roundTo, toBytes } from "./humanize.js";

export const BAR_LENGTH = 20;
/** `1023 KB`: 4 digits, a space, 2 unit columns. */
const SPEED_LENGTH = 7;
export const FRAMES_PER_SECOND = 5;
export const REFRESH_MS = 1000 / FRAMES_PER_SECOND;
/** The smallest terminal assumed (oras's console minimum). */
export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 10;

const SPINNER = [..."⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"];

const ESC = "\x1b[";
const RESET = `${ESC}0m`;
export const Ansi = {
	spinner: `${ESC}93m`,
	done: `${ESC}92m`,
	bar: `${ESC}104m`,
	failure: `${ESC}91m`,
	/** Hide the cursor, save its position (DEC). */
	save: `${ESC}?25l\x1b7${RESET}`,
	/** Back to the saved position, one row down, save again. */
	newRow: "\x1b8\n\x1b7",
	/** Back to the saved position, to column 0, clear the line, show the cursor. */
	restore: `\x1b8${ESC}0G${ESC}2K${ESC}?25h`,
	up: (n: number) => (n === 0 ? "" : `${ESC}${n}F`),
	eraseTail: `${ESC}0K`,
} as const;

/** A moving average over the last `FRAMES_PER_SECOND` samples (one per redraw). */
export class SpeedWindow {
	private readonly points: Array<{ time: number; offset: number }> = [];

	add(time: number, offset: number): void {
		this.points.push({ time, offset });
		if (this.points.length > FRAMES_PER_SECOND) this.points.shift();
	}

	/** Sets every sample to `offset` (a transfer resumed there: its earlier bytes are not speed). */
	rebase(offset: number): void {
		for (const p of this.points) p.offset = offset;
	}

	/** Bytes per second; 0 before two samples. */
	mean(): number {
		const first = this.points[0];
		const last = this.points[this.points.length - 1];
		if (this.points.length < 2 || !first || !last || last.time <= first.time) return 0;
		return ((last.offset - first.offset) / (last.time - first.time)) * 1000;
	}
}

/** One transfer's or report's state; `render` draws it. */
export interface StatusView {
	desc: Descriptor;
	/** The prompt shown (oras shows none until the first bytes move). */
	text: string;
	/** Bytes done; -1 before the first bytes (shown as `-`). */
	offset: number;
	done: boolean;
	failed: boolean;
	/** performance.now() at the start; undefined for reports (shown as `0s`). */
	startTime?: number | undefined;
	endTime?: number | undefined;
	/** Next spinner frame. */
	spin: number;
	/** The prompt a running transfer shows once bytes move. */
	prompt?: string;
	speed: SpeedWindow;
}

export function newStatus(desc: Descriptor): StatusView {
	return { desc, text: "", offset: -1, done: false, failed: false, spin: 0, speed: new SpeedWindow() };
}

export interface RenderOptions {
	readonly color: boolean;
	/** performance.now() of this frame. */
	readonly now: number;
}

const paint = (color: boolean, code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
const runes = (s: string) => [...s].length;

/** The two rows of a status at `width` columns (advances the spinner, samples the speed). */
export function render(s: StatusView, width: number, opts: RenderOptions): [string, string] {
	const name = printable(titleOf(s.desc) ?? s.desc.mediaType);
	const total: HumanBytes = toBytes(s.desc.size);
	let offset: string;
	let percent = 0;
	if (s.done) {
		offset = formatNumber(total.size);
		percent = 1;
	} else if (s.offset < 0) {
		offset = "-";
	} else if (s.desc.size === 0) {
		offset = "0";
		percent = 1;
	} else {
		percent = Math.min(1, s.offset / s.desc.size);
		offset = roundTo(total.size * percent).toFixed(2);
	}

	// The left side: a coloured head (its width counted by hand) and the plain prompt and name.
	let head: string;
	let headLen: number;
	if (s.done) {
		head = paint(opts.color, Ansi.done, "✓");
		headLen = 1;
	} else {
		const mark = s.failed ? paint(opts.color, Ansi.failure, "✗") : paint(opts.color, Ansi.spinner, SPINNER[s.spin] as string);
		s.spin = (s.spin + 1) % SPINNER.length;
		const filled = Math.floor(percent * BAR_LENGTH);
		const bar = opts.color ? paint(true, Ansi.bar, " ".repeat(filled)) : "█".repeat(filled);
		let speed = 0;
		if (s.offset >= 0) {
			s.speed.add(opts.now, s.offset);
			speed = s.speed.mean();
		}
		head = `${mark} [${bar}${".".repeat(BAR_LENGTH - filled)}](${formatBytes(toBytes(Math.max(0, Math.trunc(speed)))).padStart(SPEED_LENGTH)}/s)`;
		headLen = 1 + 2 + BAR_LENGTH + 2 + SPEED_LENGTH + 3;
	}
	let tail = ` ${s.text} ${name}`;

	let elapsed = "0s";
	if (s.startTime !== undefined) elapsed = formatDuration((s.endTime ?? opts.now) - s.startTime);
	const right = ` ${offset}/${formatBytes(total)} ${(percent * 100).toFixed(2).padStart(6)}% ${elapsed.padStart(6)}`;

	let margin = width - headLen - runes(tail) - runes(right);
	if (margin < 0) {
		// Too wide: cut the name, keep one column for a `.`.
		const chars = [...tail];
		tail = `${chars.slice(0, Math.max(0, chars.length + margin - 1)).join("")}.`;
		margin = 0;
	}
	const digest = s.desc.digest.startsWith(PENDING) ? PENDING_TEXT : s.desc.digest;
	const pad = width - digest.length - 5;
	return [`${head}${tail}${" ".repeat(margin)}${right}`, `  └─ ${digest}${pad > 0 ? " ".repeat(pad) : ""}`];
}

const PENDING = "pending:";
const PENDING_TEXT = "(digest computed while uploading)";

/** A stand-in for a file uploading before its digest is known (see `Progress.resolve`). */
export function pendingDescriptor(name: string, size: number, mediaType: string): Descriptor {
	return { mediaType, digest: `${PENDING}${name}` as Descriptor["digest"], size, annotations: { "org.opencontainers.image.title": name } };
}

export interface Progress {
	/** A transfer starts (`prompt` is shown once bytes move). A transfer of the same digest already running is kept. */
	start(desc: Descriptor, prompt: string): void;
	/** Bytes of a running transfer so far (a resumed transfer starts at its offset). */
	onProgress(desc: Descriptor, bytes: number): void;
	/** A transfer finished with `prompt`; for a node never started, a finished row (as oras's reports: `0s`). */
	done(desc: Descriptor, prompt: string): void;
	/** A finished row for a node that was not transferred (exists, skipped, restored, mounted). */
	report(desc: Descriptor, prompt: string): void;
	/** A transfer whose digest became known while it ran: `start` of `to`'s digest continues it. */
	resolve(from: Descriptor, to: Descriptor): void;
	/** Whether a transfer of this digest is running. */
	has(desc: Descriptor): boolean;
	/** Final redraw; transfers still running are marked failed when `failed`. Restores the cursor. */
	stop(failed?: boolean): void;
}

export type ProgressOutput = Pick<CliIO, "env"> & { readonly stderr: CliIO["stderr"] & { rows?: number } };

/** Whether colours are used: not when `NO_COLOR` is set to anything but the empty string. */
function useColor(env: Readonly<Record<string, string | undefined>>): boolean {
	return !env.NO_COLOR;
}

/** Starts drawing progress on `io.stderr` (a terminal; see `useTTY`). */
export function startProgress(io: ProgressOutput, opts: { color?: boolean; refreshMs?: number } = {}): Progress {
	const out = io.stderr;
	const color = opts.color ?? useColor(io.env);
	const statuses: StatusView[] = [];
	/** Running transfers by digest (more than one only for files of equal content staged separately). */
	const active = new Map<string, StatusView[]>();
	const running = (desc: Descriptor) => active.get(desc.digest) ?? [];
	let stopped = false;

	const size = () => ({ width: Math.max(MIN_WIDTH, out.columns ?? MIN_WIDTH), height: Math.max(MIN_HEIGHT, out.rows ?? MIN_HEIGHT) });

	/** Redraws the rows that fit, bottom-aligned at the saved cursor position. */
	const draw = () => {
		const { width, height } = size();
		const now = performance.now();
		const count = Math.min(statuses.length, Math.ceil(height / 2));
		const lines: string[] = [];
		for (const s of statuses.slice(statuses.length - count)) lines.push(...render(s, width, { color, now }));
		// Only the last `height` rows are drawn (with an odd height, the digest row of the status above comes first).
		const shown = lines.slice(Math.max(0, lines.length - height));
		let buf = "";
		shown.forEach((line, i) => {
			buf += `\x1b8${Ansi.up(shown.length - i)}${line}${RESET}\n${Ansi.eraseTail}`;
		});
		if (buf !== "") out.write(buf);
	};

	const add = (s: StatusView) => {
		draw();
		statuses.push(s);
		out.write(Ansi.newRow + Ansi.newRow);
	};

	out.write(Ansi.save);
	const timer = setInterval(() => {
		if (!stopped) draw();
	}, opts.refreshMs ?? REFRESH_MS);
	timer.unref();

	const progress: Progress = {
		start(desc, prompt) {
			if (stopped) return;
			const rows = running(desc);
			if (rows.length > 0) {
				// A staged upload resolved to this digest: the copy of it continues the same row.
				for (const s of rows) s.prompt = prompt;
				return;
			}
			const s = newStatus(desc);
			s.prompt = prompt;
			s.startTime = performance.now();
			s.speed.add(s.startTime, 0);
			active.set(desc.digest, [s]);
			add(s);
		},
		onProgress(desc, bytes) {
			for (const s of running(desc)) {
				if (s.offset < 0 && bytes > 0) s.speed.rebase(bytes);
				s.text = s.prompt ?? s.text;
				s.offset = bytes;
			}
		},
		done(desc, prompt) {
			if (stopped) return;
			const rows = running(desc);
			if (rows.length === 0) {
				progress.report(desc, prompt);
				return;
			}
			active.delete(desc.digest);
			const now = performance.now();
			for (const s of rows) {
				// Each row keeps its own name (equal content staged under two names).
				s.desc = rows.length === 1 ? desc : { ...desc, ...(s.desc.annotations ? { annotations: s.desc.annotations } : {}) };
				s.text = prompt;
				s.endTime = now;
				s.done = true;
			}
		},
		report(desc, prompt) {
			if (stopped) return;
			const s = newStatus(desc);
			s.offset = desc.size;
			s.text = prompt;
			s.done = true;
			add(s);
		},
		resolve(from, to) {
			const rows = running(from);
			active.delete(from.digest);
			for (const s of rows) {
				s.desc = { ...to, ...(from.annotations ? { annotations: { ...from.annotations, ...to.annotations } } : {}) };
				s.offset = Math.max(s.offset, 0);
			}
			if (rows.length > 0) active.set(to.digest, [...running(to), ...rows]);
		},
		has(desc) {
			return running(desc).length > 0;
		},
		stop(failed = false) {
			if (stopped) return;
			const now = performance.now();
			for (const rows of active.values()) {
				for (const s of rows) {
					s.failed = failed;
					s.endTime = now;
				}
			}
			draw();
			stopped = true;
			clearInterval(timer);
			out.write(Ansi.restore);
		},
	};
	return progress;
}

/** An `onProgress` hook that starts a row (with `prompt`) for a node whose bytes move before it was announced. */
export function trackBytes(progress: Progress, prompt: string): (desc: Descriptor, bytes: number) => void {
	return (desc, bytes) => {
		if (!progress.has(desc)) progress.start(desc, prompt);
		progress.onProgress(desc, bytes);
	};
}

/** Passes a body through counting its bytes (the library's, shared with the copy engine). */
export { countBytes } from "../../content/ingest.js";
