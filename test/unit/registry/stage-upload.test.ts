/**
 * `stagedUpload` (hash while uploading) and `chunkedUpload` against a scripted registry: a cut
 * PATCH resumes at the registry's offset (the staged upload hashing the bytes before it again), a
 * lost session is restarted, and a registry that never takes the bytes ends in one error after
 * maxResumes × (1 + maxRestarts).
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import fc from "fast-check";
import { OrasError } from "../../../src/errors.js";
import { chunkedUpload, setDigestParam, stagedUpload, type UploadContext } from "../../../src/registry/upload.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import type { HttpRequest, HttpResponse } from "../../../src/registry/transport/types.js";

const ORIGIN = "http://registry.test";

interface Script {
	/** Bytes of the n-th PATCH (0-based) the registry keeps before the connection is cut; undefined: all. */
	cutAfter(patch: number): number | undefined;
	/** The upload-status GET answers 404 (distribution drops a session cut mid-body). */
	loseSessionOnCut?: boolean;
	/**
	 * A hostile registry: each PATCH is answered 202 (with a Range of the whole blob) after its first
	 * chunk, as the node transport resolves an early response (the rest of the body is never asked for).
	 */
	acceptEarly?: { readonly size: number };
}

function fakeRegistry(script: Script) {
	const sessions = new Map<string, Buffer>();
	const log: string[] = [];
	let ids = 0;
	let patches = 0;
	const reply = (status: number, headers: Record<string, string> = {}): HttpResponse => ({
		status,
		headers: new HeaderMap(headers),
		url: new URL(ORIGIN),
		body: Readable.from([]),
	});
	const lost = new Set<string>();
	const transport = async (req: HttpRequest): Promise<HttpResponse> => {
		const id = req.url.pathname.split("/").pop() ?? "";
		log.push(`${req.method} ${req.method === "POST" ? "" : id}${req.headers.get("content-range") ? ` ${req.headers.get("content-range")}` : ""}`);
		if (req.method === "POST") {
			const nid = `s${++ids}`;
			sessions.set(nid, Buffer.alloc(0));
			return reply(202, { location: `/v2/r/blobs/uploads/${nid}` });
		}
		const have = sessions.get(id);
		if (have === undefined || lost.has(id)) return reply(404);
		if (req.method === "GET") return reply(204, { range: `0-${Math.max(0, have.length - 1)}`, location: `/v2/r/blobs/uploads/${id}` });
		if (req.method === "PUT") {
			const stored = `sha256:${createHash("sha256").update(have).digest("hex")}`;
			return reply(stored === req.url.searchParams.get("digest") ? 201 : 400);
		}
		if (req.method === "DELETE") {
			sessions.delete(id);
			return reply(204);
		}
		assert.equal(req.method, "PATCH");
		const range = req.headers.get("content-range");
		if ((range ? Number(range.split("-")[0]) : 0) !== have.length) return reply(416);
		if (script.acceptEarly !== undefined) {
			assert.ok(req.body);
			const it = req.body()[Symbol.asyncIterator]();
			await it.next();
			await it.return?.();
			return reply(202, { range: `0-${script.acceptEarly.size - 1}`, location: `/v2/r/blobs/uploads/${id}` });
		}
		const limit = script.cutAfter(patches++);
		const got: Buffer[] = [];
		let n = 0;
		for await (const c of req.body?.() ?? []) {
			const b = Buffer.from(c);
			if (limit !== undefined && n + b.length > limit) {
				got.push(b.subarray(0, limit - n));
				sessions.set(id, Buffer.concat([have, ...got]));
				if (script.loseSessionOnCut) lost.add(id);
				throw Object.assign(new Error("write ECONNRESET"), { code: "ECONNRESET" });
			}
			n += b.length;
			got.push(b);
		}
		const all = Buffer.concat([have, ...got]);
		sessions.set(id, all);
		return reply(202, { range: `0-${all.length - 1}`, location: `/v2/r/blobs/uploads/${id}` });
	};
	const ctx: UploadContext = {
		transport,
		startURL: new URL(`${ORIGIN}/v2/r/blobs/uploads/`),
		request: (method, url, headers, body) => ({ method, url, headers, ...(body ?? {}) }) as HttpRequest,
		location: (_req, res) => new URL(res.headers.get("location") ?? "", ORIGIN),
		failure: async (req, res) => new OrasError("REGISTRY_ERROR", `${req.method}: status ${res.status}`),
		exists: async () => false,
	};
	return { ctx, sessions, log };
}

const data = randomBytes(10 * 1024 * 1024 + 17);
const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
/** An opener over `data` in 1 MiB pieces, recording the offsets asked for. */
function opener(opens: number[]) {
	return (offset: number) => {
		opens.push(offset);
		const pieces: Buffer[] = [];
		for (let i = offset; i < data.length; i += 1024 * 1024) pieces.push(data.subarray(i, Math.min(data.length, i + 1024 * 1024)));
		return Readable.from(pieces);
	};
}
const noSleep = { sleep: async () => undefined };

describe("stagedUpload", () => {
	it("resumes a cut PATCH at the registry's offset, hashing the bytes before it again", async () => {
		const reg = fakeRegistry({ cutAfter: (i) => (i === 0 ? 3 * 1024 * 1024 + 5 : undefined) });
		const opens: number[] = [];
		const resumed: string[] = [];
		const r = await stagedUpload(reg.ctx, data.length, opener(opens), true, { ...noSleep, onResume: (i) => resumed.push(`${i.restart}@${i.offset}`) });
		assert.equal(r.digest, digest);
		assert.deepEqual(reg.log, ["POST ", "PATCH s1", "GET s1", `PATCH s1 ${3 * 1024 * 1024 + 5}-${data.length - 1}`]);
		assert.deepEqual(opens, [0, 0, 3 * 1024 * 1024 + 5], "read once, then the prefix to hash, then the rest");
		assert.deepEqual(resumed, [`false@${3 * 1024 * 1024 + 5}`]);
		assert.deepEqual(reg.sessions.get("s1"), data);
		assert.equal(r.location.pathname, "/v2/r/blobs/uploads/s1");
	});

	it("restarts a session the registry lost, deleting it", async () => {
		const reg = fakeRegistry({ cutAfter: (i) => (i === 0 ? 1000 : undefined), loseSessionOnCut: true });
		const r = await stagedUpload(reg.ctx, data.length, opener([]), true, noSleep);
		assert.equal(r.digest, digest);
		assert.deepEqual(reg.log, ["POST ", "PATCH s1", "GET s1", "DELETE s1", "POST ", "PATCH s2"]);
		assert.deepEqual(reg.sessions.get("s2"), data);
	});

	it("hostile: a registry that accepts the PATCH before it has all the bytes fails the upload (never the digest of the part sent)", async () => {
		const reg = fakeRegistry({ cutAfter: () => undefined, acceptEarly: { size: data.length } });
		await assert.rejects(
			stagedUpload(reg.ctx, data.length, opener([]), true, noSleep),
			(e: unknown) => OrasError.is(e) && e.code === "REGISTRY_ERROR" && e.message.includes(`the registry accepted the upload after ${1024 * 1024} of ${data.length} bytes were sent`),
		);
		assert.deepEqual(reg.log, ["POST ", "PATCH s1"]);
	});

	it("a stream that cannot be read again fails at the first cut, with one network error", async () => {
		const reg = fakeRegistry({ cutAfter: () => 1000 });
		const once = Readable.from([data]);
		await assert.rejects(stagedUpload(reg.ctx, data.length, () => once, false, noSleep), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.code, "NETWORK_ERROR");
			assert.equal(err.message, `upload of ${data.length} bytes failed: write ECONNRESET`);
			return true;
		});
		assert.deepEqual(reg.log, ["POST ", "PATCH s1"]);
	});

	it("a registry that never takes the bytes: (1 + maxResumes) PATCHes per session, 1 + maxRestarts sessions, then one error", async () => {
		const reg = fakeRegistry({ cutAfter: () => 0 });
		await assert.rejects(stagedUpload(reg.ctx, data.length, opener([]), true, { ...noSleep, maxResumes: 2, maxRestarts: 1 }), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.message, `upload of ${data.length} bytes failed (after 1 new upload session): write ECONNRESET`);
			return true;
		});
		assert.equal(reg.log.filter((l) => l.startsWith("POST")).length, 2);
		assert.equal(reg.log.filter((l) => l.startsWith("PATCH")).length, 6);
		assert.equal(reg.sessions.size, 1, "the abandoned session was deleted");
	});
});

describe("chunkedUpload", () => {
	const MiB = 1024 * 1024;
	const desc = { mediaType: "application/octet-stream", digest, size: data.length } as Descriptor;
	const source = (opens: number[], reopenable = true) => ({ open: async (o: number) => opener(opens)(o), reopenable });

	it("resumes a cut chunk at the registry's offset, then sends the rest in chunks and commits", async () => {
		const reg = fakeRegistry({ cutAfter: (i) => (i === 1 ? 1000 : undefined) });
		const opens: number[] = [];
		const resumed: string[] = [];
		await chunkedUpload(reg.ctx, desc, source(opens), { ...noSleep, chunkSize: 4 * MiB, onResume: (i) => resumed.push(`${i.restart}@${i.offset}`) });
		assert.deepEqual(reg.log, [
			"POST ",
			`PATCH s1 0-${4 * MiB - 1}`,
			`PATCH s1 ${4 * MiB}-${8 * MiB - 1}`,
			"GET s1",
			`PATCH s1 ${4 * MiB + 1000}-${8 * MiB - 1}`,
			`PATCH s1 ${8 * MiB}-${data.length - 1}`,
			"PUT s1",
		]);
		assert.deepEqual(opens, [0], "the source is read once");
		assert.deepEqual(resumed, [`false@${4 * MiB + 1000}`]);
		assert.deepEqual(reg.sessions.get("s1"), data);
	});

	it("starts a new session from byte 0 when the registry lost the session", async () => {
		const reg = fakeRegistry({ cutAfter: (i) => (i === 1 ? 1000 : undefined), loseSessionOnCut: true });
		const opens: number[] = [];
		const resumed: string[] = [];
		await chunkedUpload(reg.ctx, desc, source(opens), { ...noSleep, chunkSize: 4 * MiB, onResume: (i) => resumed.push(`${i.restart}@${i.offset}`) });
		assert.deepEqual(reg.log.slice(0, 5), ["POST ", `PATCH s1 0-${4 * MiB - 1}`, `PATCH s1 ${4 * MiB}-${8 * MiB - 1}`, "GET s1", "POST "]);
		assert.equal(reg.log.at(-1), "PUT s2");
		assert.deepEqual(opens, [0, 0]);
		assert.deepEqual(resumed, ["true@0"]);
		assert.deepEqual(reg.sessions.get("s2"), data);
	});

	it("a source that cannot be read again: a lost session is one registry error", async () => {
		const reg = fakeRegistry({ cutAfter: (i) => (i === 0 ? 1000 : undefined), loseSessionOnCut: true });
		await assert.rejects(chunkedUpload(reg.ctx, desc, source([], false), { ...noSleep, chunkSize: 4 * MiB }), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.code, "REGISTRY_ERROR");
			assert.equal(err.message, `${digest}: upload failed: upload session lost after: write ECONNRESET`);
			return true;
		});
		assert.deepEqual(reg.log, ["POST ", `PATCH s1 0-${4 * MiB - 1}`, "GET s1"]);
	});

	it("a registry that never takes a chunk: 1 + maxResumes PATCHes, then the last failure", async () => {
		const reg = fakeRegistry({ cutAfter: () => 0 });
		await assert.rejects(chunkedUpload(reg.ctx, desc, source([]), { ...noSleep, chunkSize: 4 * MiB, maxResumes: 2 }), /^Error: write ECONNRESET$/);
		assert.deepEqual(reg.log, ["POST ", `PATCH s1 0-${4 * MiB - 1}`, "GET s1", `PATCH s1 0-${4 * MiB - 1}`, "GET s1", `PATCH s1 0-${4 * MiB - 1}`]);
	});
});

describe("setDigestParam", () => {
	const DIGEST = "sha256:6f1ed002ab5595859014ebf0951522d9b7a26ab7c92297c8ac5d2b0b5d7f2d4c";

	it("appends digest to a registry's query and keeps the rest of it byte for byte", () => {
		const loc = "http://r.test/v2/a/blobs/uploads/0b5e?_state=eyJOYW1lIjoiYSJ9%3D%3D&x=a+b%2F";
		const url = new URL(loc);
		setDigestParam(url, DIGEST);
		assert.equal(url.href, `${loc}&digest=sha256%3A${DIGEST.slice(7)}`);
		const bare = new URL("http://r.test/v2/a/blobs/uploads/0b5e");
		setDigestParam(bare, DIGEST);
		assert.equal(bare.href, `http://r.test/v2/a/blobs/uploads/0b5e?digest=sha256%3A${DIGEST.slice(7)}`);
	});

	it("a hostile location: a long query with a digest-like name late in it is still replaced, once", () => {
		const pairs = "a=b&".repeat(4000);
		for (const [late, kept] of [["digest=sha256%3Aevil", false], ["dig%65st=evil", false], ["x+y=1", true]] as const) {
			const url = new URL(`http://r.test/v2/a/blobs/uploads/1?${pairs}${late}`);
			const want = new URL(url.href);
			want.searchParams.set("digest", DIGEST);
			setDigestParam(url, DIGEST);
			assert.deepEqual(url.searchParams.getAll("digest"), [DIGEST]);
			assert.deepEqual([...url.searchParams], [...want.searchParams]);
			assert.equal(url.search.includes("evil"), false);
			if (kept) assert.equal(url.searchParams.get("x y"), "1");
		}
	});

	it("gives the parameters URLSearchParams.set gives, for any query (one digest, the others kept in order)", () => {
		const part = fc.array(fc.constantFrom("a", "d", "digest", "=", "&", "%", "%3D", "%64", "+", " ", "/", "?", "é", "#"), { maxLength: 12 }).map((a) => a.join(""));
		fc.assert(
			fc.property(fc.array(fc.tuple(part, part), { maxLength: 5 }), fc.constantFrom(DIGEST, "sha512:ab+c/=", "x y&z"), (pairs, value) => {
				const url = new URL("http://r.test/v2/a/blobs/uploads/1");
				url.search = pairs.map(([k, v]) => `${k}=${v}`).join("&");
				const want = new URL(url.href);
				want.searchParams.set("digest", value);
				const got = new URL(url.href);
				setDigestParam(got, value);
				assert.deepEqual([...got.searchParams], [...want.searchParams], url.search);
				assert.equal(got.searchParams.getAll("digest").length, 1);
				assert.equal(got.pathname, want.pathname);
				assert.equal(got.hash, want.hash);
			}),
			{ numRuns: 2000 },
		);
	});
});
