/**
 * Concurrent oras-ts processes pushing into one OCI image layout: `index.json` is updated
 * under a lock file (re-read, merged, rewritten), so every tag survives; a lock left by a
 * killed process is taken over.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { OciLayoutStore } from "../../src/content/oci-layout/index.js";
import { tempDir } from "./fixtures/cli.js";

const BIN = resolve(import.meta.dirname, "../../../bin/oras-ts.js");
const PROCS = 10;

function run(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
	return new Promise((resolveRun) => {
		const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd }, stdio: ["ignore", "pipe", "pipe"] });
		let out = "";
		child.stdout?.on("data", (b: Buffer) => {
			out += b.toString();
		});
		child.stderr?.on("data", (b: Buffer) => {
			out += b.toString();
		});
		child.on("exit", (code) => resolveRun({ code, out }));
	});
}

describe("reliability: concurrent processes pushing into one OCI layout", () => {
	let work: { path: string; cleanup: () => Promise<void> };
	before(async () => {
		work = await tempDir("oras-ts-layout-lock-");
	});
	after(async () => {
		await work?.cleanup();
	});

	it(`keeps every tag when ${PROCS} processes push at once`, async () => {
		for (let i = 0; i < PROCS; i++) await writeFile(join(work.path, `f${i}.txt`), `file ${i}\n`);
		const results = await Promise.all(Array.from({ length: PROCS }, (_, i) => run(["push", "--oci-layout", `layout:t${i}`, `f${i}.txt`], work.path)));
		for (const r of results) assert.equal(r.code, 0, r.out);
		const index = JSON.parse(await readFile(join(work.path, "layout", "index.json"), "utf8")) as { manifests: { annotations?: Record<string, string> }[] };
		const tags = index.manifests.map((m) => m.annotations?.["org.opencontainers.image.ref.name"]).filter((t) => t !== undefined);
		assert.deepEqual(tags.sort(), Array.from({ length: PROCS }, (_, i) => `t${i}`).sort());
		const store = await OciLayoutStore.open(join(work.path, "layout"));
		for (let i = 0; i < PROCS; i++) await store.resolve(`t${i}`);
		await store.close();
		const top = await readdir(join(work.path, "layout"));
		assert.ok(!top.some((n) => n.endsWith(".lock") || n.endsWith(".tmp")), top.join(" "));
	});

	it("takes over a lock left by a dead process", async () => {
		const dir = join(work.path, "stale");
		const store = await OciLayoutStore.open(dir);
		await store.close();
		// A lock owned by a pid that does not exist.
		await writeFile(join(dir, ".oras-ts-index.lock"), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import("node:os")).hostname(), time: Date.now() }));
		await writeFile(join(work.path, "x.txt"), "x\n");
		const r = await run(["push", "--oci-layout", "stale:v1", "x.txt"], work.path);
		assert.equal(r.code, 0, r.out);
		assert.ok(!(await readdir(dir)).includes(".oras-ts-index.lock"));
	});
});
