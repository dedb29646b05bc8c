/**
 * Resumable transfers through a fault-injecting proxy in front of a real distribution 2.8:
 * a 256 MiB chunked push with a cut and a 503 mid-upload resumes from the registry's
 * offset; a 256 MiB pull cut mid-blob resumes with a Range request; a stalled body is
 * detected by the idle timeout and resumed.
 */
import assert from "node:assert/strict";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FileStore } from "../../src/content/file/index.js";
import { pull } from "../../src/graph/pull.js";
import { createRepository } from "../../src/registry/index.js";
import { MiB, sha256File, writeRandomFile } from "./fixtures/data.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { blobGet, type FaultProxy, type ProxyLogEntry, startFaultProxy, uploadPatch } from "./fixtures/fault-proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";



function nth(match: (r: ProxyLogEntry) => boolean, n: number): (r: ProxyLogEntry) => boolean {
	let seen = 0;
	return (r) => match(r) && ++seen === n;
}

describe("reliability: resumable transfers through a faulty network", () => {
	let reg: RunningRegistry;
	let proxy: FaultProxy;
	let work: { path: string; cleanup: () => Promise<void> };
	let bigDigest = "";

	before(async () => {
		reg = await startRegistry();
		proxy = await startFaultProxy(reg.host);
		work = await tempDir("oras-ts-rel-");
		bigDigest = await writeRandomFile(join(work.path, "big.bin"), 256 * MiB);
	});
	after(async () => {
		await proxy?.close();
		await reg?.stop();
		await work?.cleanup();
	});

	it("pushes 256 MiB in chunks; a cut and a 503 mid-upload resume from the registry's offset", async () => {
		proxy.log.length = 0;
		proxy.addFault({ match: nth(uploadPatch(), 3), action: { kind: "cut-request", afterBodyBytes: 0 } });
		proxy.addFault({ match: nth(uploadPatch(), 6), action: { kind: "status", status: 503, retryAfter: 1 } });
		const r = await oras(["push", "--plain-http", "--chunk-size", "16MiB", `${proxy.host}/rel/big:v1`, "big.bin"], { cwd: work.path });
		assert.equal(r.code, 0, r.stderr);
		const faulted = proxy.log.filter((e) => e.fault !== undefined);
		assert.deepEqual(
			faulted.map((e) => e.fault),
			["cut-request", "status"],
		);
		// Each failure is followed by an upload-status GET and a PATCH starting at the offset it reported.
		const statusGets = proxy.log.filter((e) => e.method === "GET" && e.path.includes("/blobs/uploads/"));
		assert.equal(statusGets.length, 2, JSON.stringify(proxy.log.map((e) => `${e.method} ${e.status}`)));
		for (const g of statusGets) {
			assert.equal(g.status, 204);
			const end = Number(/^0-([0-9]+)$/.exec(g.responseRange ?? "")?.[1]);
			assert.ok(end > 0, `status range ${g.responseRange}`);
			const next = proxy.log[proxy.log.indexOf(g) + 1];
			assert.equal(next?.method, "PATCH");
			assert.equal(next?.contentRange?.split("-")[0], String(end + 1));
		}
		// No restart: one upload session per blob (the file and the empty config).
		assert.equal(proxy.log.filter((e) => e.method === "POST").length, 2);
		const patches = proxy.log.filter((e) => e.method === "PATCH");
		assert.ok(patches.length >= 16 + 2, `${patches.length} PATCHes`);
		// The registry verified the digest on the final PUT; check what it holds.
		const repo = createRepository(`${reg.host}/rel/big`, { plainHttp: true });
		const blob = await repo.resolveBlob(bigDigest);
		assert.equal(blob.size, 256 * MiB);
		repo.client.close();
	});

	it("pulls 256 MiB cut mid-blob, resuming with a Range request (and retrying a 503 with Retry-After)", async () => {
		// Make sure the artifact exists even when run alone (push directly, no faults).
		const direct = createRepository(`${reg.host}/rel/big`, { plainHttp: true });
		const exists = await direct.resolve("v1").then(
			() => true,
			() => false,
		);
		direct.client.close();
		if (!exists) {
			const p = await oras(["push", "--plain-http", `${reg.host}/rel/big:v1`, "big.bin"], { cwd: work.path });
			assert.equal(p.code, 0, p.stderr);
		}
		proxy.log.length = 0;
		proxy.addFault({ match: (r) => r.method === "GET" && r.path.includes("/manifests/"), action: { kind: "status", status: 503, retryAfter: 1 } });
		proxy.addFault({ match: blobGet(bigDigest), action: { kind: "cut-response", afterBytes: 100 * MiB } });
		const r = await oras(["pull", "--plain-http", `${proxy.host}/rel/big:v1`, "-o", "out"], { cwd: work.path });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(await sha256File(join(work.path, "out", "big.bin")), bigDigest);
		assert.deepEqual(await readdir(join(work.path, "out")), ["big.bin"]);
		const gets = proxy.log.filter(blobGet(bigDigest));
		assert.equal(gets.length, 2, JSON.stringify(gets));
		assert.equal(gets[0]?.range, undefined);
		assert.equal(gets[0]?.status, 200);
		const from = Number(/^bytes=([0-9]+)-$/.exec(gets[1]?.range ?? "")?.[1]);
		assert.ok(from > 50 * MiB && from <= 100 * MiB, `resumed from ${gets[1]?.range}`);
		assert.equal(gets[1]?.status, 206);
		assert.equal(gets[1]?.responseRange, `bytes ${from}-${256 * MiB - 1}/${256 * MiB}`);
		const manifestGets = proxy.log.filter((e) => e.method === "GET" && e.path.includes("/manifests/"));
		assert.equal(manifestGets[0]?.status, 503);
		assert.equal(manifestGets[1]?.status, 200);
	});

	it("resumes a stalled body after the idle timeout (library)", async () => {
		const small = join(work.path, "small.bin");
		const digest = await writeRandomFile(small, 4 * MiB);
		const p = await oras(["push", "--plain-http", `${reg.host}/rel/stall:v1`, "small.bin"], { cwd: work.path });
		assert.equal(p.code, 0, p.stderr);
		proxy.log.length = 0;
		proxy.addFault({ match: blobGet(digest), action: { kind: "stall", afterBytes: MiB } });
		const resumes: number[] = [];
		const repo = createRepository(`${proxy.host}/rel/stall`, {
			plainHttp: true,
			resume: { idleTimeoutMs: 400, onResume: (i) => resumes.push(i.offset) },
		});
		const out = join(work.path, "out-stall");
		const store = new FileStore(out);
		try {
			await pull(repo, "v1", store);
		} finally {
			await store.close();
			repo.client.close();
		}
		assert.equal(await sha256File(join(out, "small.bin")), digest);
		assert.equal(resumes.length, 1);
		assert.ok((resumes[0] ?? 0) > 0);
		const gets = proxy.log.filter(blobGet(digest));
		assert.equal(gets[1]?.range, `bytes=${resumes[0]}-`);
		assert.equal(gets[1]?.status, 206);
		assert.deepEqual(await readdir(out), ["small.bin"]);
		await writeFile(join(work.path, "done"), "");
	});
});
