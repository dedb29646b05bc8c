import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Writable } from "node:stream";
import { formatBytes, formatDuration, formatSize, roundTo, toBytes } from "../../../src/cli/display/humanize.js";
import { Ansi, newStatus, pendingDescriptor, render, SpeedWindow, startProgress, type StatusView } from "../../../src/cli/display/progress.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";

const MiB = 1024 * 1024;
const DIGEST = `sha256:${"ab".repeat(32)}`;
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g;
const visible = (s: string) => [...s.replace(ANSI, "")].length;

function desc(size: number, title?: string): Descriptor {
	return {
		mediaType: "application/vnd.oci.image.layer.v1.tar",
		digest: DIGEST as Descriptor["digest"],
		size,
		...(title !== undefined ? { annotations: { "org.opencontainers.image.title": title } } : {}),
	};
}

function status(d: Descriptor, patch: Partial<StatusView>): StatusView {
	return Object.assign(newStatus(d), patch);
}

const plain = { color: false, now: 1000 };

describe("humanize: sizes and durations as oras prints them", () => {
	it("sizes: 1024 steps, 3 significant figures, unit in 2 columns", () => {
		const cases: Array<[number, string]> = [
			[0, "0  B"],
			[12, "12  B"],
			[1023, "1023  B"],
			[1024, "1 KB"],
			[1536, "1.5 KB"],
			[10 * 1024 + 512, "10.5 KB"],
			[12.5 * MiB, "12.5 MB"],
			[123.4 * MiB, "123 MB"],
			[1023.9 * MiB, "1024 MB"],
			[3 * 1024 * MiB, "3 GB"],
			[2048 * 1024 * 1024 * MiB, "2048 TB"],
		];
		for (const [n, want] of cases) assert.equal(formatSize(n), want, String(n));
		assert.deepEqual(toBytes(1.234 * MiB), { size: 1.23, unit: "MB" });
		assert.equal(formatBytes({ size: 7.5, unit: "GB" }), "7.5 GB");
		assert.equal(roundTo(9.996), 10);
		assert.equal(roundTo(99.95), 100);
	});

	it("durations: Go's Duration.String after rounding to µs, ms or s", () => {
		const cases: Array<[number, string]> = [
			[0, "0s"],
			[0.0004, "0s"],
			[0.85, "850µs"],
			[1, "1ms"],
			[12.3456, "12ms"],
			[999.6, "1s"],
			[1000, "1s"],
			[1499, "1s"],
			[1500, "2s"],
			[61_000, "1m1s"],
			[3_600_000, "1h0m0s"],
			[3_723_400, "1h2m3s"],
		];
		for (const [ms, want] of cases) assert.equal(formatDuration(ms), want, String(ms));
	});
});

describe("progress: one status's two rows", () => {
	it("a finished transfer: check mark, prompt, name, size, 100.00%, elapsed at the right edge; digest row padded to the width", () => {
		const s = status(desc(12, "hi.txt"), { done: true, text: "Pulled     ", offset: 12, startTime: 0, endTime: 12 });
		const [line, digest] = render(s, 120, plain);
		assert.equal(line, `✓ Pulled      hi.txt${" ".repeat(120 - 20 - 24)} 12/12  B 100.00%   12ms`);
		assert.equal(visible(line), 120);
		assert.equal(digest, `  └─ ${DIGEST}${" ".repeat(120 - DIGEST.length - 5)}`);
		assert.equal(visible(digest), 120);
	});

	it("a report (exists, skipped) has no start time: 0s", () => {
		const s = status(desc(3 * MiB, "big.bin"), { done: true, text: "Exists   ", offset: 3 * MiB });
		const [line] = render(s, 100, plain);
		assert.match(line, /^✓ Exists {4}big\.bin +3\/3 MB 100\.00% {5}0s$/);
		assert.equal(visible(line), 100);
	});

	it("before the first byte: spinner, empty bar, zero speed, no prompt yet, `-` done", () => {
		const s = status(desc(12, "hi.txt"), { startTime: 990 });
		const [line] = render(s, 100, plain);
		assert.match(line, /^⠋ \[\.{20}\]\( {3}0 {2}B\/s\) {2}hi\.txt +-\/12 {2}B {3}0\.00% {3}10ms$/);
		assert.equal(visible(line), 100);
	});

	it("mid-transfer: filled bar cells, 2-decimal done size, padded percentage, speed over the last samples", () => {
		const s = status(desc(10 * MiB, "big.bin"), { text: "Downloading", prompt: "Downloading", offset: 5 * MiB, startTime: 0 });
		s.speed.add(0, 0);
		const [line] = render(s, 120, { color: false, now: 2500 });
		// 5 MiB in 2.5 s = 2 MiB/s; 2.5 s rounds (half away from zero) to 3s
		assert.match(line, /^⠋ \[█{10}\.{10}\]\( {3}2 MB\/s\) Downloading big\.bin +5\.00\/10 MB {2}50\.00% {5}3s$/);
		assert.equal(visible(line), 120);
		const [next] = render(s, 120, { color: false, now: 2700 });
		assert.ok(next.startsWith("⠙ "), "the spinner advances each frame");
	});

	it("colours: light-blue background for the filled cells, light-yellow spinner, light-green check, light-red failure", () => {
		const s = status(desc(4 * MiB, "a"), { text: "Uploading", prompt: "Uploading", offset: MiB, startTime: 0 });
		const [line] = render(s, 100, { color: true, now: 100 });
		assert.ok(line.startsWith(`\x1b[93m⠋\x1b[0m [\x1b[104m${" ".repeat(5)}\x1b[0m${".".repeat(15)}]`), JSON.stringify(line));
		assert.equal(visible(line), 100);
		s.failed = true;
		assert.ok(render(s, 100, { color: true, now: 200 })[0].startsWith("\x1b[91m✗\x1b[0m ["));
		const done = status(desc(4 * MiB, "a"), { done: true, text: "Uploaded ", startTime: 0, endTime: 5 });
		assert.ok(render(done, 100, { color: true, now: 200 })[0].startsWith("\x1b[92m✓\x1b[0m Uploaded  a "));
	});

	it("an empty blob is 100% as soon as it starts", () => {
		const s = status(desc(0, "empty"), { text: "Pulling", offset: 0, startTime: 0 });
		const [line] = render(s, 90, plain);
		assert.match(line, / 0\/0 {2}B 100\.00% /);
		assert.match(line, /\[█{20}\]/);
	});

	it("a name too long for the width is cut, ending in `.`, the line exactly as wide as the terminal", () => {
		const long = "x".repeat(200);
		for (const width of [80, 100, 137]) {
			for (const s of [
				status(desc(MiB, long), { done: true, text: "Pulled     ", startTime: 0, endTime: 1 }),
				status(desc(MiB, long), { text: "Downloading", offset: 1000, startTime: 0 }),
			]) {
				const [line] = render(s, width, plain);
				assert.equal(visible(line), width, line);
				assert.match(line, /x\. /);
			}
		}
	});

	it("untitled nodes show their media type; names are escaped", () => {
		const s = status({ ...desc(5), annotations: { "org.opencontainers.image.title": "a\x1b[2Jb" } }, { done: true, text: "Pulled" });
		assert.match(render(s, 80, plain)[0], /a\\\\x1b\[2Jb|a\\x1b\[2Jb/);
		const m = status(desc(5), { done: true, text: "Skipped" });
		assert.match(render(m, 80, plain)[0], /Skipped application\/vnd\.oci\.image\.layer\.v1\.tar /);
	});

	it("a file uploading before its digest is known says so on the digest row", () => {
		const s = newStatus(pendingDescriptor("big.bin", MiB, "application/octet-stream"));
		assert.match(render(s, 80, plain)[1], /^ {2}└─ \(digest computed while uploading\) +$/);
	});

	it("speed: mean over the last 5 samples, 0 before two", () => {
		const w = new SpeedWindow();
		assert.equal(w.mean(), 0);
		w.add(0, 0);
		assert.equal(w.mean(), 0);
		for (let i = 1; i <= 10; i++) w.add(i * 200, i * 1000);
		// samples 6..10: 4000 bytes in 800 ms
		assert.equal(w.mean(), 5000);
		w.rebase(7000);
		assert.equal(w.mean(), 0);
	});
});

class Screen extends Writable {
	text = "";
	columns = 100;
	rows = 12;
	override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
		this.text += chunk.toString();
		cb();
	}
}

describe("progress: the redraw", () => {
	const io = (screen: Screen, env: Record<string, string> = {}) => ({ stderr: screen, env });

	it("hides and saves the cursor, gives each status two new rows, redraws them from the saved position, restores at the end", () => {
		const screen = new Screen();
		const p = startProgress(io(screen), { refreshMs: 60_000 });
		assert.ok(screen.text.startsWith(Ansi.save));
		const a = desc(100, "a.txt");
		p.start(a, "Downloading");
		assert.ok(screen.text.endsWith(Ansi.newRow + Ansi.newRow));
		p.onProgress(a, 40);
		const b = { ...desc(10, "b.txt"), digest: `sha256:${"cd".repeat(32)}` as Descriptor["digest"] };
		p.report(b, "Skipped    ");
		const before = screen.text.length;
		p.done(a, "Pulled     ");
		p.stop();
		const last = screen.text.slice(before);
		// Four rows, each: restore, up n lines, the row, reset, newline, erase the rest of the line.
		const rows = [...last.matchAll(/\x1b8\x1b\[(\d+)F(.*?)\x1b\[0m\n\x1b\[0K/g)];
		assert.deepEqual(
			rows.map((r) => Number(r[1])),
			[4, 3, 2, 1],
		);
		assert.match(rows[0]?.[2] ?? "", /✓.*Pulled {6}a\.txt +100\/100 {2}B 100\.00% /);
		assert.match(rows[2]?.[2] ?? "", /✓.*Skipped {5}b\.txt +10\/10 {2}B 100\.00% {5}0s$/);
		assert.ok(last.endsWith(Ansi.restore));
		for (const r of rows) assert.equal(visible(r[2] ?? ""), 100);
	});

	it("redraws on its own timer while bytes move", async () => {
		const screen = new Screen();
		const p = startProgress(io(screen, { NO_COLOR: "1" }), { refreshMs: 10 });
		const a = desc(1000, "a.txt");
		p.start(a, "Downloading");
		p.onProgress(a, 500);
		const start = screen.text.length;
		for (let i = 0; i < 100 && !screen.text.slice(start).includes("50.00%"); i++) await new Promise((r) => setTimeout(r, 10));
		p.stop();
		assert.match(screen.text.slice(start), /\[█{10}\.{10}\]\(.*\) Downloading a\.txt +500\.00\/1000 {2}B {2}50\.00% /);
		assert.doesNotMatch(screen.text, /\x1b\[9[1-3]m|\x1b\[104m/, "NO_COLOR: no colours");
	});

	it("draws only the last statuses that fit the terminal's height", () => {
		const screen = new Screen();
		screen.rows = 11;
		const p = startProgress(io(screen), { refreshMs: 60_000 });
		for (let i = 0; i < 9; i++) p.report({ ...desc(1, `f${i}`), digest: `sha256:${String(i).repeat(64)}` as Descriptor["digest"] }, "Pulled");
		const before = screen.text.length;
		p.stop();
		const rows = [...screen.text.slice(before).matchAll(/\x1b8\x1b\[(\d+)F(.*?)\x1b\[0m\n/g)];
		assert.equal(rows.length, 11);
		// Odd height: the digest row of the status above the visible ones comes first.
		assert.match(rows[0]?.[2] ?? "", new RegExp(`└─ sha256:${"3".repeat(64)}`));
		assert.match(rows[1]?.[2] ?? "", /Pulled f4 /);
		assert.match(rows[9]?.[2] ?? "", /Pulled f8 /);
	});

	it("a staged upload resolved to its digest is continued by the copy of that digest, not shown twice", () => {
		const screen = new Screen();
		const p = startProgress(io(screen), { refreshMs: 60_000 });
		const pending = pendingDescriptor("big.bin", 100, "application/vnd.oci.image.layer.v1.tar");
		p.start(pending, "Uploading");
		p.onProgress(pending, 100);
		const real = desc(100, "big.bin");
		p.resolve(pending, real);
		p.start(real, "Uploading");
		assert.ok(p.has(real));
		p.done(real, "Uploaded ");
		const before = screen.text.length;
		p.stop();
		const rows = [...screen.text.slice(before).matchAll(/\x1b8\x1b\[(\d+)F(.*?)\x1b\[0m\n/g)];
		assert.equal(rows.length, 2);
		assert.match(rows[0]?.[2] ?? "", /Uploaded {2}big\.bin +100\/100 {2}B 100\.00% /);
		assert.match(rows[1]?.[2] ?? "", new RegExp(DIGEST));
	});

	it("two files of equal content staged separately: both rows finish, each under its own name", () => {
		const screen = new Screen();
		const p = startProgress(io(screen), { refreshMs: 60_000 });
		const real = desc(100, "one.bin");
		for (const name of ["one.bin", "two.bin"]) {
			const pending = pendingDescriptor(name, 100, real.mediaType);
			p.start(pending, "Uploading");
			p.onProgress(pending, 100);
			p.resolve(pending, { ...real, annotations: {} });
		}
		p.start(real, "Uploading");
		p.done(real, "Uploaded ");
		const before = screen.text.length;
		p.stop();
		const rows = [...screen.text.slice(before).matchAll(/\x1b8\x1b\[(\d+)F(.*?)\x1b\[0m\n/g)].map((r) => r[2] ?? "");
		assert.equal(rows.length, 4);
		assert.match(rows[0] ?? "", /✓.*Uploaded {2}one\.bin +100\/100 {2}B 100\.00% /);
		assert.match(rows[2] ?? "", /✓.*Uploaded {2}two\.bin +100\/100 {2}B 100\.00% /);
		assert.match(rows[3] ?? "", new RegExp(DIGEST));
	});

	it("transfers still running when it stops on a failure are marked ✗", () => {
		const screen = new Screen();
		const p = startProgress(io(screen), { refreshMs: 60_000 });
		p.start(desc(100, "a"), "Downloading");
		p.stop(true);
		assert.match(screen.text, /\x1b\[91m✗\x1b\[0m \[/);
	});
});
