/**
 * Adversarial clients of `oras-ts serve` (issue 11, items 7–10 and the cases that hold): a password
 * guesser, an upload-session flood, a lying chunk uploader, invalid tags, every route without
 * credentials, and `kill -9` of the real executable in the middle of a PUT. Each case asserts that
 * nothing outside the boundary changed and that time (and, for floods, memory) stayed bounded.
 */
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { oras, tempDir } from "./fixtures/cli.js";
import { basicAuthorization } from "./fixtures/htpasswd.js";
import { codeOf, openUpload, raw, snapshot, spawnCliServe, writeHtpasswd } from "./fixtures/hostile-serve.js";
import { blobsIntact, imageManifest, pushBlob, putManifest, sha256, startServe } from "./fixtures/serve.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

const work = await tempDir("oras-ts-security-serve-");
after(() => work.cleanup());

/** A case directory with an empty storage root in it. */
async function newRoot(): Promise<{ dir: string; root: string }> {
	const dir = await work.caseDir();
	const root = join(dir, "root");
	await mkdir(root);
	return { dir, root };
}

describe("serve --htpasswd under a password guesser", () => {
	it("bcrypt (cost 12) never blocks other requests; failures are throttled per client with 429 + Retry-After", { timeout: 60_000 }, async () => {
		const dir = await work.caseDir();
		const hp = join(dir, "htpasswd");
		await writeHtpasswd(hp, { alice: "wonder land" }, 12);
		const srv = await startServe({ htpasswd: hp, root: join(dir, "root") });
		try {
			const good = { Authorization: basicAuthorization("alice", "wonder land") };
			// the legitimate client authenticates once (one hash), then is served from the cache
			const first = await raw(`${srv.url}/v2/`, { headers: good });
			assert.equal(first.status, 200);
			const t0 = performance.now();
			assert.equal((await raw(`${srv.url}/v2/`, { headers: good })).status, 200);
			assert.ok(performance.now() - t0 < 200, "a cached credential costs no hash");

			// 16 different wrong passwords at once from one address
			const guesses = Array.from({ length: 16 }, (_, i) => raw(`${srv.url}/v2/_catalog`, { headers: { Authorization: basicAuthorization("alice", `guess-${i}`) } }));
			await sleep(20);
			const started = performance.now();
			const legit = await raw(`${srv.url}/v2/_catalog`, { headers: good, localAddress: "127.0.0.2" });
			const took = performance.now() - started;
			assert.equal(legit.status, 200);
			assert.ok(took < 500, `an authenticated request took ${Math.round(took)} ms while 16 guesses were being hashed`);
			const answers = await Promise.all(guesses);
			const statuses = answers.map((a) => a.status).sort();
			assert.ok(statuses.every((s) => s === 401 || s === 429), statuses.join(","));
			const throttled = answers.filter((a) => a.status === 429);
			// at most maxFailures (10) guesses were hashed; the rest were refused without a hash
			assert.ok(throttled.length >= 6, `throttled ${throttled.length} of 16`);
			for (const t of throttled) {
				assert.equal(codeOf(t), "TOO_MANY_REQUESTS");
				assert.match(String(t.headers["retry-after"]), /^\d+$/);
				assert.ok(Number(t.headers["retry-after"]) >= 1 && Number(t.headers["retry-after"]) <= 60);
			}
			for (const a of answers.filter((x) => x.status === 401)) assert.match(String(a.headers["www-authenticate"]), /^Basic realm=/);
			// the guesser stays throttled, even with an unknown user (no hash is run for those)
			const t1 = performance.now();
			const more = await raw(`${srv.url}/v2/`, { headers: { Authorization: basicAuthorization("mallory", "x") } });
			assert.equal(more.status, 429);
			assert.ok(performance.now() - t1 < 200);
			// another client, and the cached legitimate one, are not
			assert.equal((await raw(`${srv.url}/v2/`, { headers: { Authorization: basicAuthorization("alice", "nope") }, localAddress: "127.0.0.3" })).status, 401);
			assert.equal((await raw(`${srv.url}/v2/`, { headers: good })).status, 200);
			// nothing of the guesses was logged
			assert.ok(!srv.logs.some((l) => /guess-|wonder/.test(l)));
		} finally {
			await srv.stop();
		}
	});

	it("every route answers 401 with a Basic challenge without (or with wrong) credentials, and nothing is stored", async () => {
		const dir = await work.caseDir();
		const hp = join(dir, "htpasswd");
		await writeHtpasswd(hp, { alice: "pw" }, 4);
		const root = join(dir, "root");
		const srv = await startServe({ htpasswd: hp, root, realm: "sec", authLimits: { maxFailures: 1000 } });
		try {
			const good = { Authorization: basicAuthorization("alice", "pw") };
			const layer = Buffer.from("layer");
			const ld = await pushBlob(srv.url, "r/app", layer, good);
			const cd = await pushBlob(srv.url, "r/app", Buffer.from("{}"), good);
			assert.equal((await putManifest(srv.url, "r/app", "v1", OCI_MANIFEST, imageManifest({ digest: cd, size: 2 }, [{ digest: ld, size: layer.length }]), good)).status, 201);
			const post = await raw(`${srv.url}/v2/r/app/blobs/uploads/`, { method: "POST", headers: good });
			assert.equal(post.status, 202);
			const session = String(post.headers.location);
			const before = await snapshot(root);
			const manifest = imageManifest({ digest: cd, size: 2 }, [{ digest: ld, size: layer.length }], { annotations: { x: "y" } });
			const routes: [string, string, (string | Buffer)?, Record<string, string>?][] = [
				["GET", "/v2/"],
				["HEAD", "/v2/"],
				["GET", "/v2/_catalog"],
				["GET", "/v2/r/app/tags/list"],
				["GET", "/v2/r/app/manifests/v1"],
				["HEAD", "/v2/r/app/manifests/v1"],
				["PUT", "/v2/r/app/manifests/v2", manifest, { "Content-Type": OCI_MANIFEST }],
				["DELETE", "/v2/r/app/manifests/v1"],
				["GET", `/v2/r/app/blobs/${ld}`],
				["HEAD", `/v2/r/app/blobs/${ld}`],
				["DELETE", `/v2/r/app/blobs/${ld}`],
				["POST", "/v2/r/app/blobs/uploads/"],
				["POST", `/v2/r/app/blobs/uploads/?digest=${sha256("mono")}`, "mono"],
				["POST", `/v2/r/new/blobs/uploads/?mount=${ld}&from=r/app`],
				["PATCH", session, "chunk", { "Content-Range": "0-4" }],
				["PUT", `${session}?digest=${sha256("chunk")}`, "chunk"],
				["GET", session],
				["DELETE", session],
				["GET", `/v2/r/app/referrers/${ld}`],
			];
			for (const creds of [undefined, basicAuthorization("alice", "wrong"), basicAuthorization("nobody", "pw"), "Bearer abc", "Basic !!!"]) {
				for (const [method, path, body, headers] of routes) {
					const r = await raw(`${srv.url}${path}`, { method, ...(body !== undefined ? { body } : {}), headers: { ...headers, ...(creds ? { Authorization: creds } : {}) } });
					assert.equal(r.status, 401, `${method} ${path} with ${creds ?? "no credentials"}`);
					assert.equal(r.headers["www-authenticate"], 'Basic realm="sec"', `${method} ${path}`);
					if (method !== "HEAD") assert.equal(codeOf(r), "UNAUTHORIZED");
				}
			}
			assert.deepEqual(await snapshot(root), before, "an unauthenticated request changed the storage");
			// and the same routes work with the credentials (the session is still there)
			assert.equal((await raw(`${srv.url}${session}`, { headers: good })).status, 204);
		} finally {
			await srv.stop();
		}
	});
});

describe("serve upload sessions under a flood", () => {
	it("one client cannot hold more than --max-uploads-per-client; another still pushes; concurrent POSTs never pass the caps", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root, maxUploads: 40, maxUploadsPerClient: 25 });
		try {
			const rss0 = process.memoryUsage().rss;
			// 200 POSTs at once from one address: exactly 25 sessions, the rest 429 with Retry-After
			const flood = await Promise.all(Array.from({ length: 200 }, () => raw(`${srv.url}/v2/flood/blobs/uploads/`, { method: "POST" })));
			assert.equal(flood.filter((r) => r.status === 202).length, 25);
			const refused = flood.filter((r) => r.status === 429);
			assert.equal(refused.length, 175);
			assert.equal(codeOf(refused[0]!), "TOO_MANY_REQUESTS");
			assert.ok(Number(refused[0]!.headers["retry-after"]) >= 1);
			assert.equal((await readdir(join(root, "_uploads"))).length, 25);
			// a second client fills the rest of the global cap (40), racing too
			const second = await Promise.all(Array.from({ length: 60 }, () => raw(`${srv.url}/v2/flood/blobs/uploads/`, { method: "POST", localAddress: "127.0.0.2" })));
			assert.equal(second.filter((r) => r.status === 202).length, 15);
			assert.equal(srv.server.storage.uploadCount, 40);
			assert.equal((await readdir(join(root, "_uploads"))).length, 40);
			// a third client is refused by the global cap; the message says to retry later
			const third = await raw(`${srv.url}/v2/flood/blobs/uploads/`, { method: "POST", localAddress: "127.0.0.3" });
			assert.equal(third.status, 429);
			assert.match(third.body, /retry later/);
			// finishing a session frees a slot for anyone
			const loc = String(second.find((r) => r.status === 202)!.headers.location);
			assert.equal((await raw(`${srv.url}${loc}?digest=${sha256("x")}`, { method: "PUT", body: "x" })).status, 201);
			assert.equal((await raw(`${srv.url}/v2/flood/blobs/uploads/`, { method: "POST", localAddress: "127.0.0.3" })).status, 202);
			assert.ok(process.memoryUsage().rss - rss0 < 100 * 1024 * 1024, "memory stayed bounded");
		} finally {
			await srv.stop();
		}
	});

	it("idle sessions expire with their data (an active one does not); expired sessions are deleted at start", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root, uploadTtlMs: 400 });
		let active = "";
		try {
			const idle = await raw(`${srv.url}/v2/ttl/blobs/uploads/`, { method: "POST" });
			const idleLoc = String(idle.headers.location);
			const idleUuid = String(idle.headers["docker-upload-uuid"]);
			assert.equal((await raw(`${srv.url}${idleLoc}`, { method: "PATCH", body: Buffer.alloc(64 * 1024, 1) })).status, 202);
			const act = await raw(`${srv.url}/v2/ttl/blobs/uploads/`, { method: "POST" });
			active = String(act.headers.location);
			// the active session receives a chunk every 100 ms for 1.2 s (three TTLs)
			let size = 0;
			for (let i = 0; i < 12; i++) {
				const r = await raw(`${srv.url}${active}`, { method: "PATCH", body: "abcd", headers: { "Content-Range": `${size}-${size + 3}` } });
				assert.equal(r.status, 202, `chunk ${i}`);
				size += 4;
				await sleep(100);
			}
			const gone = await raw(`${srv.url}${idleLoc}`);
			assert.equal(gone.status, 404);
			assert.equal(codeOf(gone), "BLOB_UPLOAD_UNKNOWN");
			for (let i = 0; i < 50 && (await readdir(join(root, "_uploads"))).includes(idleUuid); i++) await sleep(20);
			assert.ok(!(await readdir(join(root, "_uploads"))).includes(idleUuid), "the expired session's data was deleted");
			const st = await raw(`${srv.url}${active}`);
			assert.equal(st.status, 204);
			assert.equal(st.headers.range, `0-${size - 1}`);
		} finally {
			await srv.stop({ keepRoot: true });
		}
		// a session left by a stopped server: kept by a restart within the TTL, deleted by one after it
		const again = await startServe({ root, uploadTtlMs: 60_000 });
		try {
			assert.equal((await raw(`${again.url}${active}`)).status, 204);
		} finally {
			await again.stop({ keepRoot: true });
		}
		await sleep(250);
		const late = await startServe({ root, uploadTtlMs: 200 });
		try {
			assert.deepEqual(await readdir(join(root, "_uploads")), []);
			assert.equal((await raw(`${late.url}${active}`)).status, 404);
		} finally {
			await late.stop();
		}
	});
});

describe("serve upload bounds from the command line", () => {
	it("--max-uploads-per-client and --upload-ttl bound the real executable; bad values are one Error line", { timeout: 30_000 }, async () => {
		const { dir, root } = await newRoot();
		const child = await spawnCliServe(root, ["--max-uploads-per-client", "2", "--max-uploads", "3", "--upload-ttl", "1s"]);
		try {
			const post = () => raw(`${child.url}/v2/cli/blobs/uploads/`, { method: "POST" });
			assert.equal((await post()).status, 202);
			assert.equal((await post()).status, 202);
			const third = await post();
			assert.equal(third.status, 429);
			assert.equal(third.headers["retry-after"], "1");
			assert.equal((await raw(`${child.url}/v2/cli/blobs/uploads/`, { method: "POST", localAddress: "127.0.0.2" })).status, 202);
			assert.equal((await raw(`${child.url}/v2/cli/blobs/uploads/`, { method: "POST", localAddress: "127.0.0.3" })).status, 429);
			await sleep(1600);
			assert.equal((await post()).status, 202, "the idle sessions expired");
			assert.equal((await readdir(join(root, "_uploads"))).length, 1);
		} finally {
			await child.stop();
		}
		for (const args of [
			["--upload-ttl", "soon"],
			["--max-uploads", "0"],
			["--max-uploads-per-client", "-3"],
		]) {
			const r = await oras(["serve", "--root", root, "--addr", "127.0.0.1:0", ...args], { cwd: dir });
			assert.notEqual(r.code, 0);
			assert.match(r.stderr, new RegExp(`^Error: invalid ${args[0]} `));
			assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
		}
	});
});

describe("serve never stores a rejected request", () => {
	it("PATCH answered 416 (wrong start, short, long, lying Content-Length) appends nothing; the retry gives the right blob", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root });
		try {
			const data = Buffer.from("0123456789abcdefghijklmnopqrstuvwxyz");
			const post = await raw(`${srv.url}/v2/rej/blobs/uploads/`, { method: "POST" });
			const loc = String(post.headers.location);
			const uuid = String(post.headers["docker-upload-uuid"]);
			const file = join(root, "_uploads", uuid, "data");
			assert.equal((await raw(`${srv.url}${loc}`, { method: "PATCH", body: data.subarray(0, 10), headers: { "Content-Range": "0-9" } })).status, 202);
			const rejected: [string, Buffer, Record<string, string | number>][] = [
				["a chunk that does not start at the current size", data.subarray(20, 30), { "Content-Range": "20-29" }],
				["a chunk shorter than its range (chunked encoding)", data.subarray(10, 15), { "Content-Range": "10-19", "Transfer-Encoding": "chunked" }],
				["a chunk longer than its range (chunked encoding)", data.subarray(10, 30), { "Content-Range": "10-19", "Transfer-Encoding": "chunked" }],
				["a Content-Length that disagrees with the range", data.subarray(10, 12), { "Content-Range": "10-19" }],
				["a malformed Content-Range", data.subarray(10, 20), { "Content-Range": "ten-twenty" }],
			];
			for (const [what, body, headers] of rejected) {
				for (const method of ["PATCH", "PUT"]) {
					const url = method === "PUT" ? `${srv.url}${loc}?digest=${sha256(data.subarray(0, 20))}` : `${srv.url}${loc}`;
					const r = await raw(url, { method, body, headers });
					assert.equal(r.status, 416, `${method}: ${what}`);
					assert.equal(r.headers.range, "0-9", `${method}: ${what}`);
					assert.deepEqual(await readFile(file), data.subarray(0, 10), `${method}: ${what} changed the upload`);
				}
			}
			// the client retries the right chunk: no duplicated bytes
			assert.equal((await raw(`${srv.url}${loc}`, { method: "PATCH", body: data.subarray(10, 30), headers: { "Content-Range": "10-29" } })).status, 202);
			const put = await raw(`${srv.url}${loc}?digest=${sha256(data)}`, { method: "PUT", body: data.subarray(30), headers: { "Content-Range": `30-${data.length - 1}` } });
			assert.equal(put.status, 201);
			assert.equal((await raw(`${srv.url}/v2/rej/blobs/${sha256(data)}`)).body, data.toString());
		} finally {
			await srv.stop();
		}
	});

	it("a chunk cut off by the client and a wrong digest leave nothing behind", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		const srv = await startServe({ root });
		try {
			const post = await raw(`${srv.url}/v2/cut/blobs/uploads/`, { method: "POST" });
			const loc = String(post.headers.location);
			const file = join(root, "_uploads", String(post.headers["docker-upload-uuid"]), "data");
			assert.equal((await raw(`${srv.url}${loc}`, { method: "PATCH", body: "head" })).status, 202);
			const req = openUpload(`${srv.url}${loc}`, "PATCH", { "Content-Range": "4-65539", "Content-Length": 65536 });
			req.write(Buffer.alloc(32 * 1024, 2));
			for (let i = 0; i < 100 && (await stat(file)).size <= 4; i++) await sleep(10);
			req.destroy();
			for (let i = 0; i < 100 && (await stat(file)).size !== 4; i++) await sleep(10);
			assert.equal((await readFile(file)).toString(), "head", "the cut chunk was cut back");
			assert.equal((await raw(`${srv.url}${loc}`)).headers.range, "0-3");
			// a wrong digest on the closing PUT: the session is dropped, no blob appears
			const before = await snapshot(root);
			const bad = await raw(`${srv.url}${loc}?digest=${sha256("other")}`, { method: "PUT", body: "tail" });
			assert.equal(bad.status, 400);
			assert.equal(codeOf(bad), "DIGEST_INVALID");
			const after = await snapshot(root);
			assert.deepEqual(
				Object.keys(after).filter((k) => !k.startsWith("_uploads")),
				Object.keys(before).filter((k) => !k.startsWith("_uploads")),
			);
			assert.deepEqual(await readdir(join(root, "_uploads")), []);
		} finally {
			await srv.stop();
		}
	});
});

describe("serve answers reads of an invalid tag as the spec allows", () => {
	it("GET/HEAD of an invalid tag is 404 MANIFEST_UNKNOWN; a malformed digest and a PUT stay 400", async () => {
		const srv = await startServe({ root: join(await work.caseDir(), "root") });
		try {
			const ld = await pushBlob(srv.url, "tags/app", Buffer.from("{}"));
			assert.equal((await putManifest(srv.url, "tags/app", "v1", OCI_MANIFEST, imageManifest({ digest: ld, size: 2 }, []))).status, 201);
			for (const tag of ["-lead", ".dot", "x".repeat(129), "bad%20tag", "t%C3%A9"]) {
				for (const method of ["GET", "HEAD"]) {
					const r = await raw(`${srv.url}/v2/tags/app/manifests/${tag}`, { method });
					assert.equal(r.status, 404, `${method} ${tag}`);
					if (method === "GET") assert.equal(codeOf(r), "MANIFEST_UNKNOWN", tag);
				}
				const put = await raw(`${srv.url}/v2/tags/app/manifests/${tag}`, { method: "PUT", body: imageManifest({ digest: ld, size: 2 }, []), headers: { "Content-Type": OCI_MANIFEST } });
				assert.equal(put.status, 400, `PUT ${tag}`);
				assert.equal(codeOf(put), "MANIFEST_INVALID");
			}
			for (const digest of ["sha256:abc", "sha256:" + "G".repeat(64), "md5:" + "0".repeat(32)]) {
				const r = await raw(`${srv.url}/v2/tags/app/manifests/${digest}`);
				assert.equal(r.status, 400, digest);
				assert.equal(codeOf(r), "DIGEST_INVALID");
			}
			assert.deepEqual((JSON.parse((await raw(`${srv.url}/v2/tags/app/tags/list`)).body) as { tags: string[] }).tags, ["v1"]);
		} finally {
			await srv.stop();
		}
	});
});

describe("kill -9 of the real oras-ts serve in the middle of a PUT", () => {
	it("monolithic, chunked and manifest PUTs: the old content is intact, no half blob is visible, a new push works", { timeout: 60_000 }, async () => {
		const { root } = await newRoot();
		let child = await spawnCliServe(root);
		try {
			const layer = Buffer.from("completed layer");
			const ld = await pushBlob(child.url, "k9/app", layer);
			const cd = await pushBlob(child.url, "k9/app", Buffer.from("{}"));
			const manifest = imageManifest({ digest: cd, size: 2 }, [{ digest: ld, size: layer.length }]);
			assert.equal((await putManifest(child.url, "k9/app", "v1", OCI_MANIFEST, manifest)).status, 201);
			const before = await snapshot(join(root, "k9"));

			const big = Buffer.alloc(512 * 1024);
			for (let i = 0; i < big.length; i += 4) big.writeUInt32BE(i, i);
			const bigDigest = sha256(big);
			// monolithic: POST ?digest= with half the body sent
			const mono = openUpload(`${child.url}/v2/k9/app/blobs/uploads/?digest=${bigDigest}`, "POST", { "Content-Length": big.length, "Content-Type": "application/octet-stream" });
			mono.write(big.subarray(0, 200 * 1024));
			// chunked: one chunk done, the closing PUT half sent
			const post = await raw(`${child.url}/v2/k9/app/blobs/uploads/`, { method: "POST" });
			const loc = String(post.headers.location);
			assert.equal((await raw(`${child.url}${loc}`, { method: "PATCH", body: big.subarray(0, 100 * 1024), headers: { "Content-Range": `0-${100 * 1024 - 1}` } })).status, 202);
			const last = openUpload(`${child.url}${loc}?digest=${bigDigest}`, "PUT", { "Content-Range": `${100 * 1024}-${big.length - 1}`, "Content-Length": big.length - 100 * 1024 });
			last.write(big.subarray(100 * 1024, 300 * 1024));
			// a manifest PUT whose body is half sent
			const m2 = imageManifest({ digest: cd, size: 2 }, [{ digest: ld, size: layer.length }], { annotations: { half: "x".repeat(4000) } });
			const man = openUpload(`${child.url}/v2/k9/app/manifests/v2`, "PUT", { "Content-Type": OCI_MANIFEST, "Content-Length": Buffer.byteLength(m2) });
			man.write(m2.slice(0, 2000));
			// wait until both uploads have data on disk, then kill
			const uploads = join(root, "_uploads");
			const onDisk = async (): Promise<number> => {
				let n = 0;
				for (const u of await readdir(uploads)) n += (await stat(join(uploads, u, "data")).catch(() => ({ size: 0 }))).size > 100 * 1024 ? 1 : 0;
				return n;
			};
			for (let i = 0; i < 300 && (await onDisk()) < 2; i++) await sleep(10);
			assert.equal(await onDisk(), 2, "both uploads were in flight");
			await child.kill9();
			for (const r of [mono, last, man]) r.destroy();

			child = await spawnCliServe(root);
			const url = child.url;
			// the old content is intact and nothing new is visible
			assert.deepEqual(await snapshot(join(root, "k9")), before);
			assert.equal(await blobsIntact(join(root, "k9", "app")), 3);
			assert.deepEqual(await readdir(join(root, "_tmp")), []);
			assert.equal((await raw(`${url}/v2/k9/app/manifests/v1`)).body, manifest);
			assert.equal((await raw(`${url}/v2/k9/app/blobs/${bigDigest}`, { method: "HEAD" })).status, 404);
			assert.equal((await raw(`${url}/v2/k9/app/manifests/v2`)).status, 404);
			assert.deepEqual((JSON.parse((await raw(`${url}/v2/k9/app/tags/list`)).body) as { tags: string[] }).tags, ["v1"]);
			// the chunked session resumes from what reached the disk
			const st = await raw(`${url}${loc}`);
			assert.equal(st.status, 204);
			const have = Number(/^0-(\d+)$/.exec(String(st.headers.range))?.[1]) + 1;
			assert.ok(have >= 100 * 1024 && have <= 300 * 1024, `resumed at ${have}`);
			const done = await raw(`${url}${loc}?digest=${bigDigest}`, { method: "PUT", body: big.subarray(have), headers: { "Content-Range": `${have}-${big.length - 1}` } });
			assert.equal(done.status, 201);
			// a new push works
			const fresh = Buffer.from("after the crash");
			const fd = await pushBlob(url, "k9/app", fresh);
			assert.equal((await putManifest(url, "k9/app", "v2", OCI_MANIFEST, imageManifest({ digest: cd, size: 2 }, [{ digest: fd, size: fresh.length }]))).status, 201);
			assert.equal((await raw(`${url}/v2/k9/app/blobs/${bigDigest}`, { method: "HEAD" })).headers["content-length"], String(big.length));
			assert.equal(await blobsIntact(join(root, "k9", "app")), 6);
		} finally {
			await child.stop();
		}
	});
});
