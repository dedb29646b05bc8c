/**
 * Red-team cases of issue 11: attacks on the guarantees of the README's "Security: boundaries and
 * bounds" section that got past the first round of fixes. Each case is a hostile client, registry
 * or artifact on loopback, and asserts that the boundary held and that time stayed bounded.
 */
import assert from "node:assert/strict";
import { type ClientRequest, request } from "node:http";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { oras, tempDir } from "./fixtures/cli.js";
import { codeOf, raw, spawnCliServe } from "./fixtures/hostile-serve.js";
import { pushBlob, startServe } from "./fixtures/serve.js";
import { fanOutIndex, fatReferrers, runCliMeasured, stallRequest } from "./fixtures/hostile-redteam.js";
import { rootManifest, serveManifest, startHostileRegistry, withPing } from "./fixtures/hostile-registry.js";

const work = await tempDir("oras-ts-security-redteam-");
after(() => work.cleanup());

describe("serve: a client that stops sending in the middle of a request body", () => {
	it("is cut off after the idle timeout, so stalled PATCHes from a few addresses cannot hold every upload slot forever", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		// Two slots in all, one per address; sessions idle for 300 ms expire.
		const srv = await startServe({ root, maxUploads: 2, maxUploadsPerClient: 1, uploadTtlMs: 300, requestIdleTimeoutMs: 400 });
		const stalled: ClientRequest[] = [];
		try {
			for (const addr of ["127.0.0.2", "127.0.0.3"]) {
				const r = await raw(`${srv.url}/v2/victim/blobs/uploads/`, { method: "POST", localAddress: addr });
				assert.equal(r.status, 202);
				// one byte of a 1 MiB chunk, then nothing: the session is "in use" as long as the request lives
				stalled.push(stallRequest(`${srv.url}${String(r.headers.location)}`, "PATCH", { "Content-Length": 1 << 20 }, Buffer.from("x"), addr));
			}
			// a stalled manifest PUT (no byte of its body) holds a connection too
			stalled.push(stallRequest(`${srv.url}/v2/victim/manifests/latest`, "PUT", { "Content-Length": 1000, "Content-Type": "application/vnd.oci.image.manifest.v1+json" }, undefined, "127.0.0.4"));
			await sleep(200);
			// a third client is refused while the slots are taken…
			assert.equal((await raw(`${srv.url}/v2/victim/blobs/uploads/`, { method: "POST" })).status, 429);
			// …but not for long: the server drops the stalled requests, and their sessions then expire
			let status = 0;
			const began = Date.now();
			for (let i = 0; i < 40 && status !== 202; i++) {
				await sleep(100);
				status = (await raw(`${srv.url}/v2/victim/blobs/uploads/`, { method: "POST" })).status;
			}
			assert.equal(status, 202, "a legitimate push could never open an upload session");
			assert.ok(Date.now() - began < 3000, `took ${Date.now() - began} ms`);
			for (const req of stalled) assert.ok(req.destroyed || req.socket?.destroyed, "the server closed every stalled connection");
		} finally {
			for (const req of stalled) req.destroy();
			await srv.stop();
		}
	});

	it("a client that stops reading a blob is cut off too", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		// 1 s: short for the test, long enough that a loaded machine does not stall the ordinary read below that long
		const srv = await startServe({ root, requestIdleTimeoutMs: 1000 });
		try {
			const blob = Buffer.alloc(32 << 20, 7);
			const digest = await pushBlob(srv.url, "victim", blob);
			// reads the headers, then never a byte of the 32 MiB body (a paused socket does not see the close:
			// the server's access log tells)
			const req = request(`${srv.url}/v2/victim/blobs/${digest}`, { agent: false }, (res) => res.pause());
			req.on("error", () => undefined);
			req.end();
			const cut = () => srv.logs.some((l) => /GET \/v2\/victim\/blobs\/\S+ 200 aborted/.test(l));
			try {
				for (let i = 0; i < 100 && !cut(); i++) await sleep(100);
			} finally {
				req.destroy();
			}
			assert.ok(cut(), `the server closed the connection of a client that stopped reading: ${srv.logs.join("; ")}`);
			// an ordinary read afterwards is whole
			const r = await fetch(`${srv.url}/v2/victim/blobs/${digest}`);
			assert.equal(Buffer.from(await r.arrayBuffer()).equals(blob), true);
		} finally {
			await srv.stop();
		}
	});
});

describe("serve: the expiry sweep against sessions being opened", () => {
	it("never deletes a session while it is created (a flood of POSTs with a zero TTL gets no 500)", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root, uploadTtlMs: 0, maxUploads: 100_000, maxUploadsPerClient: 100_000 });
		try {
			const statuses: number[] = [];
			for (let round = 0; round < 4; round++) {
				const rs = await Promise.all(Array.from({ length: 50 }, () => raw(`${srv.url}/v2/flood/blobs/uploads/`, { method: "POST" })));
				statuses.push(...rs.map((r) => r.status));
			}
			assert.deepEqual([...new Set(statuses)], [202]);
		} finally {
			await srv.stop();
		}
	});
});

describe("serve --request-idle-timeout on the real executable", () => {
	it("closes a stalled manifest PUT after the timeout; a bad value is one Error line", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const root = join(dir, "root");
		const child = await spawnCliServe(root, ["--request-idle-timeout", "300ms"]);
		try {
			const began = Date.now();
			const req = stallRequest(`${child.url}/v2/cli/manifests/latest`, "PUT", { "Content-Length": 1000, "Content-Type": "application/vnd.oci.image.manifest.v1+json" }, Buffer.from("{"));
			const closed = await new Promise<boolean>((resolve) => {
				req.once("close", () => resolve(true));
				setTimeout(() => resolve(false), 5000).unref();
			});
			req.destroy();
			assert.ok(closed, "the server closed the stalled request");
			assert.ok(Date.now() - began < 3000, `took ${Date.now() - began} ms`);
		} finally {
			await child.stop();
		}
		const r = await oras(["serve", "--root", root, "--addr", "127.0.0.1:0", "--request-idle-timeout", "soon"], { cwd: dir });
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /^Error: invalid --request-idle-timeout "soon"/);
		assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
	});
});

describe("serve: a blob of deeply nested JSON fetched as a manifest by its digest", () => {
	it("is refused by the depth scan before JSON.parse builds it (404, memory bounded), as a manifest PUT is", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root });
		try {
			// any client that may push a blob (every client of a serve without --htpasswd) can upload this
			const depth = 1 << 20;
			const nested = Buffer.from(`{"mediaType":"application/vnd.oci.image.manifest.v1+json","schemaVersion":2,"x":${"[".repeat(depth)}${"]".repeat(depth)}}`);
			const digest = await pushBlob(srv.url, "victim", nested);
			const rss0 = process.memoryUsage().rss;
			const began = Date.now();
			const answers = await Promise.all(Array.from({ length: 4 }, () => raw(`${srv.url}/v2/victim/manifests/${digest}`)));
			for (const r of answers) {
				assert.equal(r.status, 404, r.body.slice(0, 200));
				assert.equal(codeOf(r), "MANIFEST_UNKNOWN");
			}
			assert.ok(process.memoryUsage().rss - rss0 < 64 * 1024 * 1024, `RSS grew by ${Math.round((process.memoryUsage().rss - rss0) / 1048576)} MiB`);
			assert.ok(Date.now() - began < 5000, `took ${Date.now() - began} ms`);
		} finally {
			await srv.stop();
		}
	});
});

describe("discover: referrers that each carry a few MiB of annotations", () => {
	it("stop at the walk's size limit in bounded memory, although every page and every listing is within its own bound", { timeout: 90_000 }, async (t) => {
		const m = rootManifest();
		const reg = await startHostileRegistry(withPing(serveManifest(m, fatReferrers({ perDigest: 16, annotationBytes: 3 << 20 }))));
		try {
			// --depth 3 lifts the depth limit; 16 + 256 + 4096 nodes stay under the node limit (10,000),
			// and each would keep 3 MiB: 13 GB
			const r = await runCliMeasured(["discover", "--plain-http", "--depth", "3", "--format", "json", `${reg.host}/repo@${m.digest}`], await work.caseDir());
			t.diagnostic(`exit ${r.code}, peak RSS ${r.rssMiB.toFixed(0)} MiB, ${r.ms.toFixed(0)} ms, ${reg.count()} requests`);
			assert.notEqual(r.code, 0);
			const errors = r.stderr.split("\n").filter((l) => l.startsWith("Error:"));
			assert.equal(errors.length, 1, r.stderr.slice(0, 2000));
			assert.match(errors[0]!, /referrers take more than \d+ bytes in all \(referrer size limit\)/);
			assert.ok(r.rssMiB < 400, `peak RSS ${r.rssMiB} MiB`);
			assert.ok(reg.count() < 60, `${reg.count()} requests`);
		} finally {
			await reg.stop();
		}
	});
});

describe("pull/cp of an index whose many children are each just under the manifest size bound", () => {
	it("cp keeps a bounded cache of manifests; pull (which needs them all) stops at the file store's memory limit", { timeout: 90_000 }, async (t) => {
		// 40 children of 3.9 MiB: 156 MiB of manifests a walk would keep (a pull twice: the walk's
		// cache and the file store's memory); 100 children took a pull to 870 MiB RSS
		const reg = await startHostileRegistry(withPing(fanOutIndex({ children: 40, childBytes: 3_900_000 })));
		try {
			const cwd = await work.caseDir();
			const pull = await runCliMeasured(["pull", "--plain-http", "-o", "out", `${reg.host}/repo:v1`], cwd);
			t.diagnostic(`pull: exit ${pull.code}, peak RSS ${pull.rssMiB.toFixed(0)} MiB, ${pull.ms.toFixed(0)} ms`);
			assert.notEqual(pull.code, 0);
			const errors = pull.stderr.split("\n").filter((l) => l.startsWith("Error:"));
			assert.equal(errors.length, 1, pull.stderr.slice(0, 2000));
			assert.match(errors[0]!, /unnamed content kept in memory would exceed \d+ bytes in all \(file store memory limit\)/);
			assert.ok(pull.rssMiB < 450, `peak RSS ${pull.rssMiB} MiB`);
			// a copy to a layout needs no manifest twice in memory: it completes, dropping old cache entries
			const cp = await runCliMeasured(["cp", "--from-plain-http", `${reg.host}/repo:v1`, "--to-oci-layout", "layout:v1"], cwd);
			t.diagnostic(`cp: exit ${cp.code}, peak RSS ${cp.rssMiB.toFixed(0)} MiB, ${cp.ms.toFixed(0)} ms`);
			assert.equal(cp.code, 0, cp.stderr.slice(0, 2000));
			assert.ok(cp.rssMiB < 450, `peak RSS ${cp.rssMiB} MiB`);
		} finally {
			await reg.stop();
		}
	});
});
