/**
 * Progress as a person sees it: the real CLI in a tmux pseudo-terminal (120x40), talking to a
 * registry through a throttling proxy, its screen read mid-transfer and at the end.
 */
import assert from "node:assert/strict";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { createReadStream, createWriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { MiB, sha256File, writeRandomFile } from "./fixtures/data.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";
import { startThrottleProxy, type ThrottleProxy } from "./fixtures/throttle-proxy.js";
import { findRow, type ProgressRow, startTerminal, type Terminal } from "./fixtures/tmux.js";

const BIN = resolve(import.meta.dirname, "../../../bin/oras-ts.js");
const WIDTH = 120;
const HELLO_DIGEST = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";

/** A running row of `name` with 0 < percent < 100 (and bytes shown). */
const midway = (rows: readonly string[], name: string): ProgressRow | undefined => {
	const r = findRow(rows, name)?.row;
	return r && !r.finished && r.done !== undefined && r.percent > 0 && r.percent < 100 ? r : undefined;
};

/** Two screens ~1 s apart while `name` moves: bytes and elapsed time grow, the speed is shown. */
async function assertMoving(term: Terminal, name: string, prompt: string): Promise<{ first: ProgressRow; second: ProgressRow; screen: string[] }> {
	const firstScreen = await term.waitFor((rows) => midway(rows, name) !== undefined, 150);
	assert.ok(firstScreen, `no row of ${name} between 0% and 100%:\n${term.screen().join("\n")}`);
	const first = midway(firstScreen, name) as ProgressRow;
	// At least a second later, the first screen on which the bytes moved on. Progress moves in
	// steps of the reads (1 MiB for a staged upload), and a socket whose buffers are full (several
	// MiB on loopback) becomes writable again only when a third of them drained: at a throttled
	// 1.5 MiB/s on a loaded machine one step can take longer than a second, so wait up to 10 s.
	await sleep(1000);
	const screen = (await term.waitFor((rows) => {
		const r = midway(rows, name);
		return r === undefined || (r.done as number) > (first.done as number);
	}, 90)) ?? term.screen();
	const second = midway(screen, name);
	assert.ok(second, `${name} no longer moving a second later:\n${screen.join("\n")}`);
	for (const r of [first, second]) {
		assert.equal(r.prompt, prompt, r.line);
		assert.ok(r.elapsedMs > 0, r.line);
		assert.equal([...r.line].length, WIDTH, `the elapsed time ends at the right edge: ${r.line}`);
	}
	assert.ok((second.done as number) > (first.done as number), `bytes grow: ${first.line} -> ${second.line}`);
	assert.ok(second.percent > first.percent, `percentage grows: ${first.line} -> ${second.line}`);
	assert.ok(second.elapsedMs >= first.elapsedMs, `elapsed grows: ${first.line} -> ${second.line}`);
	assert.ok((second.speed as number) > 0, `speed shown: ${second.line}`);
	// Fewer dots in the bar as it fills.
	assert.ok((second.bar as string).split(".").length <= (first.bar as string).split(".").length, `${first.line} -> ${second.line}`);
	return { first, second, screen };
}

/** The finished row of `name`: its prompt, size, 100.00%, at the right edge, and its digest below. */
function assertFinished(rows: readonly string[], name: string, prompt: string, digest: string): ProgressRow {
	const found = findRow(rows, name);
	assert.ok(found, `no row of ${name}:\n${rows.join("\n")}`);
	const { row, digestRow } = found;
	assert.ok(row.finished, row.line);
	assert.equal(row.prompt, prompt, row.line);
	assert.equal(row.percent, 100, row.line);
	assert.equal(row.done, row.total, row.line);
	assert.equal([...row.line].length, WIDTH, row.line);
	assert.equal(digestRow, `  └─ ${digest}`);
	return row;
}

describe("cli: progress on a terminal (tmux)", { timeout: 120_000 }, () => {
	let reg: RunningRegistry;
	let slow: ThrottleProxy;
	let work: TempDir;
	const env = (home: string) => ({ HOME: home });

	before(async () => {
		requireTool("tmux", "tmux");
		reg = await startRegistry();
		slow = await startThrottleProxy(reg.host, 2 * MiB);
		work = await tempDir("oras-ts-progress-");
	});
	after(async () => {
		await slow?.close();
		await reg?.stop();
		await work?.cleanup();
	});

	it("pull: bytes, percentage, speed and elapsed time move for each blob, then done rows with digests", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const digest = await writeRandomFile(join(dir, "big.bin"), 12 * MiB);
		await writeFile(join(dir, "hi.txt"), "hello world\n");
		const pushed = await oras(["push", "--plain-http", `${reg.host}/progress/pull:v1`, "big.bin", "hi.txt"], { cwd: dir });
		assert.equal(pushed.code, 0, pushed.stderr);
		const out = join(dir, "out");
		await mkdir(out);
		const term = startTerminal([process.execPath, BIN, "pull", "--plain-http", `${slow.host}/progress/pull:v1`, "-o", out], { cwd: dir, env: env(dir) });
		try {
			const { screen } = await assertMoving(term, "big.bin", "Downloading");
			assert.equal(findRow(screen, "big.bin")?.digestRow, `  └─ ${digest}`);
			// Colours as oras: the filled cells on a light-blue background, the spinner light yellow.
			const coloured = term.screen(true).join("\n");
			assert.match(coloured, /\x1b\[104m {2,}\x1b\[49m/);
			assert.match(coloured, /\x1b\[93m[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);

			assert.equal(await term.exitCode(20_000), 0, term.screen().join("\n"));
			const end = term.screen();
			const big = assertFinished(end, "big.bin", "Pulled", digest);
			assert.equal(big.unit, "MB");
			assert.equal(big.total, 12);
			assert.ok(big.elapsedMs >= 2000, `the transfer's time, not the last step's: ${big.line}`);
			assertFinished(end, "hi.txt", "Pulled", HELLO_DIGEST);
			// The manifest's row is timed too (its store), not a report's `0s`.
			assert.match(end.join("\n"), /✓ Pulled {6}application\/vnd\.oci\.image\.manifest\.v1\+json +\d+\/\d+ {2}B 100\.00% +(?!0s)\d\S*\n {2}└─ sha256:[0-9a-f]{64}\nPulled \[registry\] /);
			assert.equal(await sha256File(join(out, "big.bin")), digest);
		} finally {
			term.close();
		}
	});

	it("push: a file hashed while it uploads (≥ 8 MiB) moves, shows its digest once known and the whole upload's time", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const digest = await writeRandomFile(join(dir, "big.bin"), 10 * MiB);
		await writeFile(join(dir, "hi.txt"), "hello world\n");
		slow.setRate(1.5 * MiB);
		const term = startTerminal([process.execPath, BIN, "push", "--plain-http", `${slow.host}/progress/push:v1`, "big.bin", "hi.txt"], { cwd: dir, env: env(dir) });
		try {
			const { screen } = await assertMoving(term, "big.bin", "Uploading");
			assert.equal(findRow(screen, "big.bin")?.digestRow, "  └─ (digest computed while uploading)");
			assert.equal(await term.exitCode(25_000), 0, term.screen().join("\n"));
			const end = term.screen();
			const big = assertFinished(end, "big.bin", "Uploaded", digest);
			assert.equal(big.total, 10);
			assert.ok(big.elapsedMs >= 2000, `the upload's time, not the commit's: ${big.line}`);
			assertFinished(end, "hi.txt", "Uploaded", HELLO_DIGEST);
			assert.equal(end.filter((l) => / big\.bin /.test(l)).length, 1, `one row for big.bin:\n${end.join("\n")}`);
			assert.match(end.join("\n"), /✓ Uploaded {2}application\/vnd\.oci\.image\.manifest\.v1\+json +\d+\/\d+ {2}B 100\.00% +\S+\n {2}└─ sha256:[0-9a-f]{64}\nPushed \[registry\] /);
		} finally {
			term.close();
			slow.setRate(2 * MiB);
		}
	});

	it("a pull resumed from a partial download starts at the partial's size", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const size = 12 * MiB;
		const digest = await writeRandomFile(join(dir, "big.bin"), size);
		const pushed = await oras(["push", "--plain-http", `${reg.host}/progress/resume:v1`, "big.bin"], { cwd: dir });
		assert.equal(pushed.code, 0, pushed.stderr);
		const out = join(dir, "out");
		const ingest = join(out, ".oras-ts-ingest");
		await mkdir(ingest, { recursive: true });
		// What an interrupted pull leaves: the first 8 MiB of the blob.
		await pipeline(createReadStream(join(dir, "big.bin"), { start: 0, end: 8 * MiB - 1 }), createWriteStream(join(ingest, `sha256-${digest.slice(7)}.partial`)));
		slow.setRate(1 * MiB);
		const term = startTerminal([process.execPath, BIN, "pull", "--plain-http", `${slow.host}/progress/resume:v1`, "-o", out], { cwd: dir, env: env(dir) });
		try {
			const seen: ProgressRow[] = [];
			await term.waitFor((rows) => {
				const r = findRow(rows, "big.bin")?.row;
				if (r && r.done !== undefined) seen.push(r);
				return r?.finished === true || rows.some((l) => l.startsWith("[exit"));
			}, 200);
			assert.ok(seen.length > 0, term.screen().join("\n"));
			for (const r of seen) assert.ok(r.percent >= 66.66, `never below the resumed offset: ${r.line}`);
			const moving = seen.filter((r) => !r.finished && r.percent < 100);
			assert.ok(moving.length >= 2, `seen moving from the offset: ${seen.map((r) => r.line).join("\n")}`);
			assert.ok((moving.at(-1)?.done as number) > (moving[0]?.done as number));
			assert.equal(await term.exitCode(20_000), 0, term.screen().join("\n"));
			assertFinished(term.screen(), "big.bin", "Pulled", digest);
			assert.equal(await sha256File(join(out, "big.bin")), digest);
			assert.deepEqual(await readdir(out), ["big.bin"]);
		} finally {
			term.close();
			slow.setRate(2 * MiB);
		}
	});

	it("blob push and blob fetch --output: one moving row each, finished with the digest", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const digest = await writeRandomFile(join(dir, "blob.bin"), 5 * MiB);
		const layer = "application/vnd.oci.image.layer.v1.tar";
		const push = startTerminal([process.execPath, BIN, "blob", "push", "--plain-http", `${slow.host}/progress/blob`, "blob.bin"], { cwd: dir, env: env(dir) });
		try {
			assert.equal(await push.exitCode(20_000), 0, push.screen().join("\n"));
			const row = assertFinished(push.screen(), layer, "Uploaded", digest);
			assert.ok(row.elapsedMs >= 500, row.line);
			assert.match(push.screen().join("\n"), new RegExp(`\nPushed: \\[registry\\] \\S+/progress/blob\nDigest: ${digest}`));
		} finally {
			push.close();
		}
		const fetch = startTerminal([process.execPath, BIN, "blob", "fetch", "--plain-http", `${slow.host}/progress/blob@${digest}`, "--output", "got.bin"], { cwd: dir, env: env(dir) });
		try {
			// The registry's HEAD gives no media type beyond application/octet-stream (oras shows the same).
			await assertMoving(fetch, "application/octet-stream", "Downloading");
			assert.equal(await fetch.exitCode(20_000), 0, fetch.screen().join("\n"));
			assertFinished(fetch.screen(), "application/octet-stream", "Downloaded", digest);
			assert.equal(await sha256File(join(dir, "got.bin")), digest);
		} finally {
			fetch.close();
		}
	});

	it("push of two files with equal content: the second is a Skipped row, as in oras 1.3", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		await writeFile(join(dir, "hi.txt"), "hello world\n");
		await writeFile(join(dir, "again.txt"), "hello world\n");
		const push = startTerminal([process.execPath, BIN, "push", "--plain-http", `${reg.host}/progress/dup:v1`, "hi.txt", "again.txt"], { cwd: dir, env: env(dir) });
		try {
			assert.equal(await push.exitCode(15_000), 0, push.screen().join("\n"));
			const rows = push.screen();
			const uploaded = findRow(rows, "hi.txt")?.row;
			const skipped = findRow(rows, "again.txt")?.row;
			assert.ok(uploaded && skipped, rows.join("\n"));
			// One of the two names is uploaded, the other skipped (which comes first is the copy engine's order).
			assert.deepEqual([uploaded.prompt, skipped.prompt].sort(), ["Skipped", "Uploaded"], rows.join("\n"));
			assert.ok(uploaded.finished && skipped.finished, rows.join("\n"));
		} finally {
			push.close();
		}
	});

	it("--no-tty and NO_COLOR: plain status lines, or bars without colours", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		await writeFile(join(dir, "hi.txt"), "hello world\n");
		const plain = startTerminal([process.execPath, BIN, "push", "--no-tty", "--plain-http", `${reg.host}/progress/plain:v1`, "hi.txt"], { cwd: dir, env: env(dir) });
		try {
			assert.equal(await plain.exitCode(15_000), 0, plain.screen().join("\n"));
			const text = plain.screen().join("\n");
			assert.match(text, /^Uploading a948904f2f0f hi\.txt$/m);
			assert.match(text, /^Uploaded {2}a948904f2f0f hi\.txt$/m);
			assert.doesNotMatch(text, /✓|└─|\[\.{3}/);
		} finally {
			plain.close();
		}
		const noColor = startTerminal([process.execPath, BIN, "pull", "--plain-http", `${reg.host}/progress/plain:v1`, "-o", "out"], { cwd: dir, env: { ...env(dir), NO_COLOR: "1" } });
		try {
			assert.equal(await noColor.exitCode(15_000), 0, noColor.screen().join("\n"));
			assertFinished(noColor.screen(), "hi.txt", "Pulled", HELLO_DIGEST);
			assert.doesNotMatch(noColor.screen(true).join("\n"), /\x1b\[(9[1-3]|104)m/);
		} finally {
			noColor.close();
		}
	});
});
