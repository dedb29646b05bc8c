/**
 * Issue 11, item 13: a large file is hashed while it uploads (`Repository.stageBlob`); when that
 * upload is cut or refused, the push resumes from the registry's offset or restarts the session by
 * reading the file again, within `maxResumes` per session and `maxRestarts` new sessions. Through
 * the fault-injecting proxy in front of a real distribution 2.8.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MiB, sha256File, writeRandomFile } from "./fixtures/data.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { type FaultProxy, type ProxyLogEntry, startFaultProxy, uploadPatch } from "./fixtures/fault-proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const SIZE = 24 * MiB;

describe("push: the hash-while-upload path survives a cut upload", () => {
	let reg: RunningRegistry;
	let proxy: FaultProxy;
	let work: { path: string; cleanup: () => Promise<void> };
	let digest = "";
	let n = 0;

	before(async () => {
		reg = await startRegistry();
		proxy = await startFaultProxy(reg.host);
		work = await tempDir("oras-ts-stage-");
		digest = await writeRandomFile(join(work.path, "big.bin"), SIZE);
	});
	after(async () => {
		await proxy?.close();
		await reg?.stop();
		await work?.cleanup();
	});

	const summary = (log: readonly ProxyLogEntry[]) => log.map((e) => `${e.method} ${e.path.split("?")[0]?.replace(/[0-9a-f-]{36}/, "<id>")} ${e.contentRange ?? ""} ${e.status ?? ""} ${e.fault ?? ""}`).join("\n");

	async function pullAndCompare(ref: string): Promise<void> {
		const out = join(work.path, `out-${n}`);
		const r = await oras(["pull", "--plain-http", ref, "-o", out], { cwd: work.path });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(await sha256File(join(out, "big.bin")), digest, "the pulled bytes match");
	}

	it("a PATCH cut mid-body: the push succeeds (resumed or restarted) and the pulled bytes match", async () => {
		const ref = `${proxy.host}/stage/cut-${++n}:v1`;
		proxy.log.length = 0;
		proxy.clearFaults();
		proxy.addFault({ match: uploadPatch(), action: { kind: "cut-request", afterBodyBytes: 5 * MiB }, times: 1 });
		const started = Date.now();
		const r = await oras(["push", "--plain-http", "--debug", ref, "big.bin"], { cwd: work.path });
		assert.equal(r.code, 0, `${r.stderr}\n${summary(proxy.log)}`);
		assert.ok(Date.now() - started < 30_000);
		assert.match(r.stderr, /upload of a blob of 25165824 bytes (restarts|resumes at byte \d+): /);
		const patches = proxy.log.filter(uploadPatch());
		assert.equal(patches.length, 2, summary(proxy.log));
		assert.equal(patches[0]?.fault, "cut-request");
		// after the cut: the registry's offset was asked for
		const cutAt = proxy.log.indexOf(patches[0] as ProxyLogEntry);
		assert.equal(proxy.log[cutAt + 1]?.method, "GET", summary(proxy.log));
		await pullAndCompare(`${reg.host}/stage/cut-${n}:v1`);
	});

	it("a PATCH refused with 503: resumed in the same session from the registry's offset", async () => {
		const ref = `${proxy.host}/stage/busy-${++n}:v1`;
		proxy.log.length = 0;
		proxy.clearFaults();
		proxy.addFault({ match: uploadPatch(), action: { kind: "status", status: 503, retryAfter: 0 }, times: 1 });
		const r = await oras(["push", "--plain-http", ref, "big.bin"], { cwd: work.path });
		assert.equal(r.code, 0, `${r.stderr}\n${summary(proxy.log)}`);
		const uploads = proxy.log.filter((e) => e.method === "POST" && e.path.includes("/blobs/uploads/"));
		// one session for the big file, one for the empty config
		assert.equal(uploads.length, 2, summary(proxy.log));
		const patches = proxy.log.filter(uploadPatch());
		assert.equal(patches.length, 2, summary(proxy.log));
		assert.equal(patches[0]?.path.split("?")[0], patches[1]?.path.split("?")[0], "same session");
		await pullAndCompare(`${reg.host}/stage/busy-${n}:v1`);
	});

	it("a proxy that cuts every upload: one clear error after the bound (3 sessions), nothing tagged", async () => {
		const repo = `stage/always-${++n}`;
		proxy.log.length = 0;
		proxy.clearFaults();
		proxy.addFault({ match: uploadPatch(), action: { kind: "cut-request", afterBodyBytes: MiB }, times: Number.POSITIVE_INFINITY });
		const started = Date.now();
		const r = await oras(["push", "--plain-http", `${proxy.host}/${repo}:v1`, "big.bin"], { cwd: work.path });
		const elapsed = Date.now() - started;
		proxy.clearFaults();
		assert.equal(r.code, 1, summary(proxy.log));
		const lines = r.stderr.trim().split("\n");
		assert.equal(lines.length, 1, r.stderr);
		assert.match(lines[0] as string, /^Error: upload of 25165824 bytes failed \(after 2 new upload sessions\): /);
		const sessions = proxy.log.filter((e) => e.method === "POST" && e.path.includes("/blobs/uploads/"));
		assert.equal(sessions.length, 3, summary(proxy.log));
		// at most (1 + maxResumes) PATCHes per session
		const patches = proxy.log.filter(uploadPatch());
		assert.ok(patches.length >= 3 && patches.length <= 18, summary(proxy.log));
		assert.ok(elapsed < 40_000, `took ${elapsed} ms`);
		const tags = await oras(["repo", "tags", "--plain-http", `${reg.host}/${repo}`], { cwd: work.path });
		assert.equal(tags.stdout, "", "nothing was tagged");
	});
});
