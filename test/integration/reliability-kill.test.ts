/**
 * `kill -9` of a running `oras-ts pull` (a real process, slowed by a throttling proxy),
 * then the same pull again: it continues from the partial file with a Range request,
 * writes the right bytes and leaves only the final files in the output folder.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { MiB, sha256File, writeRandomFile } from "./fixtures/data.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { blobGet, type FaultProxy, startFaultProxy } from "./fixtures/fault-proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const BIN = resolve(import.meta.dirname, "../../../bin/oras-ts.js");


async function sizeOf(path: string): Promise<number> {
	try {
		return (await stat(path)).size;
	} catch {
		return -1;
	}
}

describe("reliability: kill -9 during a pull, then pull again", () => {
	let reg: RunningRegistry;
	let proxy: FaultProxy;
	let work: { path: string; cleanup: () => Promise<void> };

	before(async () => {
		reg = await startRegistry();
		proxy = await startFaultProxy(reg.host);
		work = await tempDir("oras-ts-kill-");
	});
	after(async () => {
		await proxy?.close();
		await reg?.stop();
		await work?.cleanup();
	});

	it("resumes from the partial file the killed process left, and cleans up", async () => {
		const size = 48 * MiB;
		const digest = await writeRandomFile(join(work.path, "data.bin"), size);
		const push = await oras(["push", "--plain-http", `${reg.host}/kill/me:v1`, "data.bin"], { cwd: work.path });
		assert.equal(push.code, 0, push.stderr);

		// First run: a real process, the blob trickling at 8 MiB/s; killed mid-blob.
		proxy.addFault({ match: blobGet(digest), action: { kind: "throttle", bytesPerSecond: 8 * MiB } });
		const out = join(work.path, "out");
		// The same real `oras-ts pull` process both times.
		const spawnPull = () =>
			spawn(process.execPath, [BIN, "pull", "--plain-http", `${proxy.host}/kill/me:v1`, "-o", out], {
				cwd: work.path,
				env: { PATH: process.env.PATH, HOME: work.path },
				stdio: ["ignore", "pipe", "pipe"],
			});
		const child = spawnPull();
		let stderr = "";
		child.stderr?.on("data", (b: Buffer) => {
			stderr += b.toString();
		});
		child.stdout?.resume();
		const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on("exit", (code, sig) => r(sig ?? code)));
		const partial = join(out, ".oras-ts-ingest", `sha256-${digest.slice(7)}.partial`);
		let seen = -1;
		for (let i = 0; i < 300 && seen < 8 * MiB; i++) {
			await sleep(50);
			seen = await sizeOf(partial);
		}
		assert.ok(seen >= 8 * MiB, `partial file grew to ${seen} bytes; child stderr: ${stderr}`);
		child.kill("SIGKILL");
		assert.equal(await exited, "SIGKILL");
		const kept = await sizeOf(partial);
		assert.ok(kept >= 8 * MiB && kept < size, `partial size ${kept}`);
		assert.equal(await sizeOf(join(out, "data.bin")), -1, "no file under the final name");

		// Second run: same command, no faults.
		proxy.clearFaults();
		proxy.log.length = 0;
		const again = spawnPull();
		let out2 = "";
		again.stdout?.on("data", (b: Buffer) => {
			out2 += b.toString();
		});
		again.stderr?.on("data", (b: Buffer) => {
			out2 += b.toString();
		});
		const code = await new Promise<number | null>((r) => again.on("exit", (c) => r(c)));
		assert.equal(code, 0, out2);
		assert.equal(await sha256File(join(out, "data.bin")), digest);
		const gets = proxy.log.filter(blobGet(digest));
		assert.equal(gets.length, 1, JSON.stringify(gets));
		assert.equal(gets[0]?.range, `bytes=${kept}-`);
		assert.equal(gets[0]?.status, 206);
		assert.deepEqual(await readdir(out), ["data.bin"]);
	});
});
