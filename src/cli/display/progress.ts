/**
 * Progress bars on a terminal (stderr), redrawn at 5 fps: one bar per transfer in flight,
 * finished transfers printed once above them with a check mark and their digest.
 */
import type { Writable } from "node:stream";
import { type Descriptor, titleOf } from "../../oci/descriptor.js";
import { printable } from "./escape.js";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

export function humanSize(n: number): string {
	let v = n;
	let u = 0;
	while (v >= 1024 && u < UNITS.length - 1) {
		v /= 1024;
		u++;
	}
	const num = u === 0 ? String(v) : String(Math.round(v * 100) / 100);
	return `${num} ${(UNITS[u] as string).padStart(2)}`;
}

export function humanDuration(ms: number): string {
	if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
	if (ms >= 1) return `${Math.round(ms)}ms`;
	return `${Math.round(ms * 1000)}µs`;
}

interface Item {
	desc: Descriptor;
	prompt: string;
	bytes: number;
	started: number;
}

export interface Progress {
	start(desc: Descriptor, prompt: string): void;
	done(desc: Descriptor, prompt: string): void;
	readonly onProgress: (desc: Descriptor, bytes: number) => void;
	/** Forgets a transfer without printing it as finished. */
	drop(desc: Descriptor): void;
	stop(): void;
}

export function startProgress(out: Writable & { columns?: number }, _opts: { push?: boolean } = {}): Progress {
	const active = new Map<string, Item>();
	let pending: string[] = [];
	let drawn = 0;
	let frame = 0;
	let stopped = false;

	const line = (it: Item, finished: boolean): string[] => {
		const name = printable(titleOf(it.desc) ?? it.desc.mediaType);
		const total = it.desc.size;
		const pct = total === 0 ? 100 : (it.bytes / total) * 100;
		const elapsed = Date.now() - it.started;
		const head = finished ? "✓" : SPINNER[frame % SPINNER.length];
		let bar = "";
		if (!finished) {
			const filled = Math.min(20, Math.floor((pct / 100) * 20));
			const speed = elapsed > 0 ? (it.bytes / elapsed) * 1000 : 0;
			bar = `[${"█".repeat(filled)}${" ".repeat(20 - filled)}](${humanSize(speed)}/s) `;
		}
		const right = `${humanSize(it.bytes)}/${humanSize(total)} ${pct.toFixed(2)}% ${humanDuration(elapsed)}`;
		const digest = it.desc.digest.startsWith("staging:") ? "(digest computed while uploading)" : it.desc.digest;
		return [`${head} ${bar}${it.prompt} ${name}  ${right}`, `  └─ ${digest}`];
	};

	const render = () => {
		if (stopped) return;
		frame++;
		let s = drawn > 0 ? `\x1b[${drawn}A\x1b[J` : "";
		for (const p of pending) s += `${p}\n`;
		pending = [];
		const lines = [...active.values()].flatMap((it) => line(it, false));
		for (const l of lines) s += `${l}\n`;
		drawn = lines.length;
		out.write(s);
	};
	const timer = setInterval(render, 200);
	timer.unref();

	return {
		start(desc, prompt) {
			active.set(desc.digest, { desc, prompt, bytes: 0, started: Date.now() });
		},
		done(desc, prompt) {
			const it = active.get(desc.digest) ?? { desc, prompt, bytes: desc.size, started: Date.now() };
			active.delete(desc.digest);
			it.bytes = desc.size;
			it.prompt = prompt;
			pending.push(...line(it, true));
		},
		drop(desc) {
			active.delete(desc.digest);
		},
		onProgress(desc, bytes) {
			const it = active.get(desc.digest);
			if (it) it.bytes = bytes;
		},
		stop() {
			if (stopped) return;
			render();
			stopped = true;
			clearInterval(timer);
		},
	};
}
