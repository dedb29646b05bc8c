/**
 * Unit tests of the reliability pieces: retry additions, resumable bodies, partial-file
 * ingest, chunked uploads (OCI-Chunk-Min-Length, resume from the reported offset) and
 * the cross-process lock file.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { acquireFileLock, ingestResumable } from "../../../src/content/ingest.js";
import { OrasError } from "../../../src/errors.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { createRepository, type HttpRequest, type HttpResponse, retryMiddleware } from "../../../src/registry/index.js";
import { readAllVerified } from "../../../src/content/verify.js";
import { resumableBody, SMALL_BODY_BYTES, smallResumableBody } from "../../../src/registry/transport/resume.js";
import { noSleep, tinyServer } from "../registry/helpers.js";

const blobOf = (n: number) => {
	const b = Buffer.alloc(n);
	for (let i = 0; i < n; i++) b[i] = (i * 7 + 3) & 0xff;
	return b;
};
const descOf = (b: Buffer): Descriptor => ({ mediaType: "application/octet-stream", digest: digestOf(b), size: b.length });

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const c of body) parts.push(Buffer.from(c));
	return Buffer.concat(parts);
}

/** A body that yields `data` and then fails like a reset connection. */
function breaking(data: Buffer): Readable {
	let sent = false;
	return new Readable({
		read() {
			if (sent) return;
			sent = true;
			if (data.length > 0) this.push(data);
			const e = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
			setImmediate(() => this.destroy(e));
		},
	});
}

describe("retry additions", () => {
	const res = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers: new Headers(headers), url: new URL("http://x/"), body: Readable.from([]) });
	const req: HttpRequest = { method: "GET", url: new URL("http://x/"), headers: new Headers() };

	it("retries a refused connection a bounded number of times", async () => {
		let calls = 0;
		const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
		const t = retryMiddleware({ sleep: noSleep })(async () => {
			calls++;
			throw new OrasError("NETWORK_ERROR", "refused", { cause: refused });
		});
		await assert.rejects(t(req), /refused/);
		assert.equal(calls, 3);
	});

	it("honours Retry-After on 503 and stops when the time budget is spent", async () => {
		const waits: number[] = [];
		let calls = 0;
		const t = retryMiddleware({ sleep: async (ms) => void waits.push(ms), maxDelayMs: 60_000 })(async () => (++calls < 3 ? res(503, { "retry-after": "2" }) : res(200)));
		assert.equal((await t(req)).status, 200);
		assert.deepEqual(waits, [2000, 2000]);
		let n = 0;
		const bounded = retryMiddleware({ sleep: noSleep, maxElapsedMs: 1000, maxDelayMs: 60_000 })(async () => {
			n++;
			return res(503, { "retry-after": "5" });
		});
		assert.equal((await bounded(req)).status, 503);
		assert.equal(n, 1, "a wait beyond the budget is not taken");
	});
});

describe("resumable bodies", () => {
	it("continues at the received offset, skips what a 200 repeats, and is bounded", async () => {
		const blob = blobOf(10_000);
		const opened: number[] = [];
		const body = resumableBody({ body: breaking(blob.subarray(0, 3000)), offset: 0 }, async (at) => {
			opened.push(at);
			if (opened.length === 1) return { body: breaking(blob.subarray(at, 6000)), offset: at }; // 206
			return { body: Readable.from([blob]), offset: 0 }; // ignores Range: 200 with everything
		}, { start: 0, size: blob.length, what: "blob", sleep: noSleep });
		assert.ok((await readAll(body)).equals(blob));
		assert.deepEqual(opened, [3000, 6000]);

		let attempts = 0;
		const endless = resumableBody({ body: breaking(blob.subarray(0, 10)), offset: 0 }, async (at) => {
			attempts++;
			return { body: breaking(Buffer.alloc(0)), offset: at };
		}, { start: 0, size: blob.length, what: "blob", sleep: noSleep, maxResumes: 3 });
		await assert.rejects(readAll(endless), /socket hang up/);
		assert.equal(attempts, 3);
	});

	it("does not count a slow consumer as an idle connection, and checks the length", async () => {
		const blob = blobOf(300 * 1024);
		const parts = [blob.subarray(0, 100 * 1024), blob.subarray(100 * 1024, 200 * 1024), blob.subarray(200 * 1024)];
		let opens = 0;
		const body = resumableBody({ body: Readable.from(parts), offset: 0 }, async () => {
			opens++;
			throw new Error("no resume expected");
		}, { start: 0, size: blob.length, what: "blob", sleep: noSleep, idleTimeoutMs: 40 });
		const got: Buffer[] = [];
		for await (const c of body) {
			got.push(c as Buffer);
			await new Promise((r) => setTimeout(r, 120)); // three idle periods per chunk, held by us
		}
		assert.ok(Buffer.concat(got).equals(blob));
		assert.equal(opens, 0);

		const long = resumableBody({ body: Readable.from([blob]), offset: 0 }, async () => ({ body: Readable.from([]), offset: 0 }), { start: 0, size: blob.length - 1, what: "blob", sleep: noSleep });
		await assert.rejects(readAll(long), (e: unknown) => OrasError.is(e) && e.code === "TRAILING_DATA");
		const short = resumableBody({ body: Readable.from([blob.subarray(0, 10)]), offset: 0 }, async () => ({ body: Readable.from([]), offset: 10 }), {
			start: 0,
			size: blob.length,
			what: "blob",
			sleep: noSleep,
			maxResumes: 1,
		});
		await assert.rejects(readAll(short), (e: unknown) => OrasError.is(e) && e.code === "UNEXPECTED_EOF");
	});
});

describe("small resumable bodies (read whole first)", () => {
	const opts = (blob: Buffer, extra: object = {}) => ({ start: 0, size: blob.length, what: "blob", sleep: noSleep, ...extra });

	it("a clean body is handed on as its bytes, which readAllVerified takes as they are", async () => {
		const blob = blobOf(4096);
		let opens = 0;
		const open = async () => {
			opens++;
			return { body: Readable.from([]), offset: 0 };
		};
		const body = await smallResumableBody({ body: Readable.from([blob.subarray(0, 1000), blob.subarray(1000)]), offset: 0 }, open, opts(blob));
		assert.ok((await readAllVerified(body, descOf(blob), SMALL_BODY_BYTES)).equals(blob));
		assert.ok((await readAll(await smallResumableBody({ body: Readable.from([blob]), offset: 0 }, open, opts(blob)))).equals(blob), "and streams like any body");
		const empty = Buffer.alloc(0);
		assert.equal((await readAll(await smallResumableBody({ body: Readable.from([]), offset: 0 }, open, opts(empty)))).length, 0);
		assert.equal(opens, 0);
	});

	it("a broken or short body resumes at the received offset, as the streaming body does", async () => {
		const blob = blobOf(10_000);
		const opened: number[] = [];
		const body = await smallResumableBody({ body: breaking(blob.subarray(0, 3000)), offset: 0 }, async (at) => {
			opened.push(at);
			if (opened.length === 1) return { body: breaking(blob.subarray(at, 6000)), offset: at };
			return { body: Readable.from([blob]), offset: 0 }; // ignores Range: 200 with everything
		}, opts(blob));
		assert.ok((await readAll(body)).equals(blob));
		assert.deepEqual(opened, [3000, 6000]);

		const short: number[] = [];
		const cut = await smallResumableBody({ body: Readable.from([blob.subarray(0, 10)]), offset: 0 }, async (at) => {
			short.push(at);
			return { body: Readable.from([blob.subarray(at)]), offset: at };
		}, opts(blob));
		assert.ok((await readAll(cut)).equals(blob));
		assert.deepEqual(short, [10]);

		let attempts = 0;
		const endless = await smallResumableBody({ body: breaking(blob.subarray(0, 10)), offset: 0 }, async (at) => {
			attempts++;
			return { body: breaking(Buffer.alloc(0)), offset: at };
		}, opts(blob, { maxResumes: 3 }));
		await assert.rejects(readAll(endless), /socket hang up/);
		assert.equal(attempts, 3);
	});

	it("a long body fails with TRAILING_DATA, a short one without resumes with UNEXPECTED_EOF, a stalled one resumes", async (t) => {
		const blob = blobOf(5000);
		const never = async () => ({ body: Readable.from([]), offset: 0 });
		const long = await smallResumableBody({ body: Readable.from([blob, blob]), offset: 0 }, never, opts(blob));
		await assert.rejects(readAll(long), (e: unknown) => OrasError.is(e) && e.code === "TRAILING_DATA");
		const short = await smallResumableBody({ body: Readable.from([blob.subarray(0, 10)]), offset: 0 }, async () => ({ body: Readable.from([]), offset: 10 }), opts(blob, { maxResumes: 1 }));
		await assert.rejects(readAll(short), (e: unknown) => OrasError.is(e) && e.code === "UNEXPECTED_EOF");

		// 100 bytes, then silence: the idle timeout ends the wait and the rest comes with Range. (The
		// idle timer does not hold the process, a socket would: this interval stands in for it.)
		const hold = setInterval(() => {}, 1000);
		t.after(() => clearInterval(hold));
		const stalled = new Readable({ read() {} });
		stalled.push(blob.subarray(0, 100));
		const at: number[] = [];
		const resumed = await smallResumableBody({ body: stalled, offset: 0 }, async (o) => {
			at.push(o);
			return { body: Readable.from([blob.subarray(o)]), offset: o };
		}, opts(blob, { idleTimeoutMs: 50 }));
		assert.ok((await readAll(resumed)).equals(blob));
		assert.deepEqual(at, [100]);
		assert.equal(stalled.destroyed, true);
	});

	it("an aborted transfer fails ABORTED, without a resume", async () => {
		const blob = blobOf(5000);
		const ac = new AbortController();
		const src = new Readable({ read() {} });
		src.push(blob.subarray(0, 10));
		setImmediate(() => {
			ac.abort();
			src.destroy(Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" }));
		});
		let opens = 0;
		const body = await smallResumableBody({ body: src, offset: 0 }, async () => {
			opens++;
			return { body: Readable.from([]), offset: 0 };
		}, opts(blob, { signal: ac.signal }));
		await assert.rejects(readAll(body), (e: unknown) => OrasError.is(e) && e.code === "ABORTED");
		assert.equal(opens, 0);
	});
});

describe("partial-file ingest", () => {
	let dir = "";
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-ingest-"));
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it("continues a partial file from its size and verifies the whole", async () => {
		const blob = blobOf(50_000);
		const partial = join(dir, "a.partial");
		await writeFile(partial, blob.subarray(0, 20_000));
		const asked: number[] = [];
		const r = await ingestResumable(partial, descOf(blob), async (at) => {
			asked.push(at);
			return { body: Readable.from([blob.subarray(at)]), offset: at };
		});
		assert.equal(r.resumedFrom, 20_000);
		assert.deepEqual(asked, [20_000]);
		assert.ok((await readFile(partial)).equals(blob));
	});

	it("throws away a partial file that is not a prefix and fetches from 0", async () => {
		const blob = blobOf(30_000);
		const partial = join(dir, "b.partial");
		await writeFile(partial, Buffer.alloc(10_000, 0xee));
		const asked: number[] = [];
		await ingestResumable(partial, descOf(blob), async (at) => {
			asked.push(at);
			return { body: Readable.from([blob.subarray(at)]), offset: at };
		});
		assert.deepEqual(asked, [10_000, 0]);
		assert.ok((await readFile(partial)).equals(blob));
	});

	it("keeps the partial file on a network failure and removes it on a digest mismatch", async () => {
		const blob = blobOf(30_000);
		const partial = join(dir, "c.partial");
		await assert.rejects(ingestResumable(partial, descOf(blob), async () => ({ body: breaking(blob.subarray(0, 5000)), offset: 0 })), /socket hang up/);
		assert.equal((await stat(partial)).size, 5000);
		const wrong = Buffer.from(blob);
		wrong[29_999] = (wrong[29_999] ?? 0) ^ 1;
		await assert.rejects(
			ingestResumable(partial, descOf(blob), async () => ({ body: Readable.from([wrong]), offset: 0 })),
			(e: unknown) => OrasError.is(e) && e.code === "DIGEST_MISMATCH",
		);
		await assert.rejects(stat(partial), /ENOENT/);
	});
});

describe("chunked uploads", () => {
	it("honours OCI-Chunk-Min-Length and resumes from the offset the registry reports", async (t) => {
		// ASCII bytes: the tiny server hands bodies over as UTF-8 strings.
		const blob = Buffer.from(blobOf(100_000).map((b) => 0x20 + (b % 90)));
		const desc = descOf(blob);
		let stored = Buffer.alloc(0);
		let patches = 0;
		const sizes: number[] = [];
		const srv = await tinyServer((req, res, _body) => {
			const url = new URL(req.url ?? "", "http://x");
			if (req.method === "POST") {
				res.writeHead(202, { location: "/v2/r/blobs/uploads/u1", "oci-chunk-min-length": "40000" }).end();
				return;
			}
			if (req.method === "PATCH") {
				patches++;
				if (patches === 2) {
					// The registry takes 10 000 bytes of the chunk, then the connection "fails".
					stored = Buffer.concat([stored, Buffer.from(_body, "latin1").subarray(0, 10_000)]);
					res.writeHead(503, { "retry-after": "1" }).end();
					return;
				}
				const start = Number((req.headers["content-range"] ?? "").split("-")[0]);
				assert.equal(start, stored.length);
				const chunk = Buffer.from(_body, "latin1");
				sizes.push(chunk.length);
				stored = Buffer.concat([stored, chunk]);
				res.writeHead(202, { location: "/v2/r/blobs/uploads/u1", range: `0-${stored.length - 1}` }).end();
				return;
			}
			if (req.method === "GET" && url.pathname.includes("/uploads/")) {
				res.writeHead(204, { location: "/v2/r/blobs/uploads/u1", range: `0-${stored.length - 1}` }).end();
				return;
			}
			if (req.method === "PUT") {
				assert.equal(url.searchParams.get("digest"), desc.digest);
				assert.equal(createHash("sha256").update(stored).digest("hex"), desc.digest.slice(7));
				res.writeHead(201).end();
				return;
			}
			res.writeHead(404).end();
		});
		t.after(() => srv.close());
		const resumes: number[] = [];
		const repo = createRepository(`${srv.host}/r`, { plainHttp: true, upload: { chunkSize: 1000, sleep: noSleep, onResume: (i) => resumes.push(i.offset) } });
		t.after(() => repo.client.close());
		await repo.push(desc, Readable.from([blob]));
		assert.ok(sizes.every((s, i) => s >= 30_000 || i === sizes.length - 1), `chunk sizes ${sizes}`);
		assert.deepEqual(resumes, [50_000]);
	});
});

describe("lock files", () => {
	let dir = "";
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-lock-"));
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it("serializes holders and takes over a lock whose owner is gone", async () => {
		const path = join(dir, "x.lock");
		let inside = 0;
		let max = 0;
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				const release = await acquireFileLock(path);
				inside++;
				max = Math.max(max, inside);
				await new Promise((r) => setTimeout(r, 2));
				inside--;
				await release();
			}),
		);
		assert.equal(max, 1);
		await writeFile(path, JSON.stringify({ pid: 2 ** 22 + 999, host: hostname(), time: Date.now() }));
		const release = await acquireFileLock(path, { timeoutMs: 2000 });
		assert.equal(JSON.parse(await readFile(path, "utf8")).pid, process.pid);
		await release();
		await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() }));
		await assert.rejects(acquireFileLock(path, { timeoutMs: 100 }), /timed out/);
		await rm(path);
	});
});
