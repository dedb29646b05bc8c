/**
 * The request-body contract of `HttpRequest.body` (src/registry/transport/types.ts): a chunk is
 * lent until the transport asks for the next one, and the node transport asks only once the socket
 * has taken the chunk. A source here reuses ONE buffer and scribbles over it the moment it is asked
 * for the next chunk; a server that reads slowly (so writes queue in the socket) checks the digest
 * of what it received.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FileRangeStream } from "../../../src/content/internal/file-stream.js";
import { type Digest, digestOf } from "../../../src/oci/digest.js";
import { createNodeTransport, type HttpRequest } from "../../../src/registry/index.js";
import { chunkedUpload, monolithicUpload, type UploadContext, type UploadSource } from "../../../src/registry/upload.js";
import { scribblingBody, slowHashingListener } from "./helpers.js";

const node = createNodeTransport();
after(() => node.close());

interface SlowServer {
	readonly origin: string;
	/** Digests (hex) of the bodies received, in order. */
	readonly received: string[];
	close(): Promise<void>;
}

/** Pauses each request body for `pauseMs` (the client's writes back up), then reads it all and answers 201. */
async function slowServer(pauseMs: number, handler?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<SlowServer> {
	const received: string[] = [];
	const slow = slowHashingListener(pauseMs, received);
	const srv: Server = createServer((req, res) => {
		if (!handler?.(req, res)) slow(req, res);
	});
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		origin: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				srv.closeAllConnections();
				srv.close(() => resolve());
			}),
	};
}

function put(origin: string, body: () => AsyncIterable<Uint8Array>, contentLength?: number): HttpRequest {
	return {
		method: "PUT",
		url: new URL(`${origin}/blob`),
		headers: new Headers(),
		body,
		...(contentLength !== undefined ? { contentLength } : {}),
		replayable: false,
	};
}

describe("node transport: a request-body chunk is lent until the socket has it", () => {
	it("never asks for the next chunk while the last one is queued (Content-Length, small chunks, a slow reader)", async (t) => {
		const srv = await slowServer(150);
		t.after(() => srv.close());
		// 4 KiB chunks: a socket write of one returns true long before the bytes leave the process.
		const src = scribblingBody(4096, 2048);
		const res = await node(put(srv.origin, src.body, 4096 * 2048));
		res.body.resume();
		assert.equal(res.status, 201);
		assert.deepEqual(srv.received, [src.digest()]);
		assert.equal(src.asked(), 2049);
	});

	it("the same for a chunked body (no Content-Length)", async (t) => {
		const srv = await slowServer(100);
		t.after(() => srv.close());
		const src = scribblingBody(3000, 1000);
		const res = await node(put(srv.origin, src.body));
		res.body.resume();
		assert.equal(res.status, 201);
		assert.deepEqual(srv.received, [src.digest()]);
	});

	it("the same on a new connection, before the socket is connected", async (t) => {
		const srv = await slowServer(0);
		t.after(() => srv.close());
		const fresh = createNodeTransport();
		t.after(() => fresh.close());
		const src = scribblingBody(1024, 64);
		const res = await fresh(put(srv.origin, src.body, 1024 * 64));
		res.body.resume();
		assert.equal(res.status, 201);
		assert.deepEqual(srv.received, [src.digest()]);
	});

	it("stops asking for chunks when the registry answers before taking the body", async (t) => {
		const srv = await slowServer(0, (_req, res) => {
			res.statusCode = 413;
			res.setHeader("connection", "close");
			res.end();
			return true;
		});
		t.after(() => srv.close());
		const src = scribblingBody(64 * 1024, 16 * 1024); // 1 GiB, never read by the server
		const res = await node(put(srv.origin, src.body, 64 * 1024 * 16 * 1024));
		res.body.resume();
		assert.equal(res.status, 413);
		assert.ok(src.asked() < 16 * 1024, `asked ${src.asked()} times`);
	});
});

const dir = await mkdtemp(join(tmpdir(), "oras-ts-lent-upload-"));
after(() => rm(dir, { recursive: true, force: true }));
const data = randomBytes(3 * 1024 * 1024 + 5);
const file = join(dir, "blob");
await writeFile(file, data);

describe("uploads of a file stream go through its lent chunks", () => {
	/** A registry that starts sessions, takes a slow PUT (or PATCHes) and records the digest of what arrived. */
	async function uploadServer(): Promise<SlowServer & { patched: Buffer[] }> {
		const patched: Buffer[] = [];
		const srv = await slowServer(50, (req, res) => {
			if (req.method === "POST") {
				res.statusCode = 202;
				res.setHeader("location", "/v2/r/blobs/uploads/1");
				res.end();
				return true;
			}
			if (req.method === "PATCH") {
				const parts: Buffer[] = [];
				req.on("data", (c: Buffer) => parts.push(c));
				req.on("end", () => {
					patched.push(Buffer.concat(parts));
					res.statusCode = 202;
					res.setHeader("location", "/v2/r/blobs/uploads/1");
					res.end();
				});
				return true;
			}
			if (req.method === "PUT" && req.headers["content-length"] === "0") {
				req.resume();
				res.statusCode = 201;
				res.end();
				return true;
			}
			return false;
		});
		return Object.assign(srv, { patched });
	}

	function context(origin: string): UploadContext {
		return {
			transport: node,
			startURL: new URL(`${origin}/v2/r/blobs/uploads/`),
			request: (method, url, headers, body) => ({ method, url, headers, ...body }),
			location: (post, res) => new URL(res.headers.get("location") ?? "", post.url),
			failure: async (req, res) => new Error(`${req.method} ${req.url.href}: ${res.status}`),
			exists: async () => false,
		};
	}

	const desc = { mediaType: "application/octet-stream", digest: digestOf(data) as Digest, size: data.length };

	function source(streams: FileRangeStream[]): UploadSource {
		return {
			reopenable: true,
			open: async () => {
				// small reads: many chunks queue up in the socket while the server pauses
				const s = new FileRangeStream(await open(file), 0, data.length - 1, "blob", 4096, 2);
				streams.push(s);
				return { body: s, offset: 0 };
			},
		};
	}

	it("monolithic PUT: the exact bytes arrive, and the stream itself was never read", async (t) => {
		const srv = await uploadServer();
		t.after(() => srv.close());
		const streams: FileRangeStream[] = [];
		await monolithicUpload(context(srv.origin), desc, source(streams));
		assert.deepEqual(srv.received, [desc.digest.slice("sha256:".length)]);
		assert.equal(streams.length, 1);
		assert.equal(streams[0]?.readableDidRead, false);
		assert.equal(streams[0]?.destroyed, true, "the stream (and its file) is closed after the upload");
	});

	it("chunked PATCHes: the chunk reader copies the lent chunks", async (t) => {
		const srv = await uploadServer();
		t.after(() => srv.close());
		const streams: FileRangeStream[] = [];
		await chunkedUpload(context(srv.origin), desc, source(streams), { chunkSize: 1024 * 1024 });
		assert.deepEqual(Buffer.concat(srv.patched), data);
		assert.equal(streams[0]?.readableDidRead, false);
	});
});
