/**
 * The request-body contract of `HttpRequest.body` (src/registry/transport/types.ts): a chunk is
 * lent until the transport asks for the next one, and the node transport asks only once the socket
 * has taken the chunk. A source here reuses ONE buffer and scribbles over it the moment it is asked
 * for the next chunk; a server that reads slowly (so writes queue in the socket) checks the digest
 * of what it received.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { createNodeTransport, type HttpRequest } from "../../../src/registry/index.js";

const node = createNodeTransport();
after(() => node.close());

/** `count` chunks of `size` bytes, all views of one buffer that is overwritten when the next chunk is asked for. */
function scribblingBody(size: number, count: number): { body: () => AsyncIterable<Uint8Array>; digest: () => string; asked: () => number } {
	const fill = (buf: Buffer, i: number) => {
		for (let j = 0; j < buf.length; j++) buf[j] = (i * 31 + j * 7) & 0xff;
	};
	let asked = 0;
	return {
		digest: () => {
			const expected = createHash("sha256");
			const probe = Buffer.alloc(size);
			for (let i = 0; i < count; i++) {
				fill(probe, i);
				expected.update(probe);
			}
			return expected.digest("hex");
		},
		asked: () => asked,
		body: () => {
			const buf = Buffer.alloc(size);
			let i = 0;
			return {
				[Symbol.asyncIterator]: () => ({
					async next(): Promise<IteratorResult<Uint8Array>> {
						asked++;
						buf.fill(0xee); // the previous chunk is ours again: scribble over it
						if (i >= count) return { done: true, value: undefined };
						fill(buf, i++);
						return { done: false, value: buf };
					},
				}),
			};
		},
	};
}

interface SlowServer {
	readonly origin: string;
	/** Digests (hex) of the bodies received, in order. */
	readonly received: string[];
	close(): Promise<void>;
}

/** Pauses each request body for `pauseMs` (the client's writes back up), then reads it all and answers 201. */
async function slowServer(pauseMs: number, handler?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<SlowServer> {
	const received: string[] = [];
	const srv: Server = createServer((req, res) => {
		if (handler?.(req, res)) return;
		const h = createHash("sha256");
		req.pause();
		setTimeout(() => {
			req.on("data", (c: Buffer) => h.update(c));
			req.on("end", () => {
				received.push(h.digest("hex"));
				res.statusCode = 201;
				res.end();
			});
			req.resume();
		}, pauseMs);
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
