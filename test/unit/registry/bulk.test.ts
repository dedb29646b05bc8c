import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { lendChunks } from "../../../src/content/storage.js";
import { OrasError } from "../../../src/errors.js";
import { bulkGet, bulkStats, MAX_HEADER_LINES, parseResponseHead, READ_BYTES, requestHead, type BulkTarget } from "../../../src/registry/transport/bulk.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import { networkError } from "../../../src/registry/transport/node.js";
import { createNodeTransport, type HttpRequest } from "../../../src/registry/index.js";
import { resumableBody } from "../../../src/registry/transport/resume.js";

/** A raw TCP server on 127.0.0.1 answering each connection with `answer(socket, requestHead)`. */
async function rawServer(answer: (sock: Socket, head: string) => void): Promise<{ port: number; heads: string[]; close(): Promise<void> }> {
	const heads: string[] = [];
	const socks = new Set<Socket>();
	const srv: Server = createServer((sock) => {
		socks.add(sock);
		sock.on("close", () => socks.delete(sock));
		sock.on("error", () => {});
		let buf = "";
		const onData = (d: Buffer) => {
			buf += d.toString("latin1");
			const end = buf.indexOf("\r\n\r\n");
			if (end < 0) return;
			sock.off("data", onData);
			heads.push(buf.slice(0, end));
			answer(sock, buf.slice(0, end));
		};
		sock.on("data", onData);
	});
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		port: (srv.address() as AddressInfo).port,
		heads,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of socks) s.destroy();
				srv.close(() => resolve());
			}),
	};
}

function get(port: number, path = "/v2/x/blobs/sha256:0", signal?: AbortSignal): HttpRequest {
	return { method: "GET", url: new URL(`http://127.0.0.1:${port}${path}`), headers: new HeaderMap({ authorization: "Bearer t", "user-agent": "ua" }), ...(signal ? { signal } : {}) };
}

function target(port: number, patch: Partial<BulkTarget> = {}): BulkTarget {
	const req = get(port);
	return {
		host: "127.0.0.1",
		port,
		connectTimeoutMs: 2000,
		headerTimeoutMs: 2000,
		bodyTimeouts: { idleMs: 2000, totalMs: 5000 },
		networkError: (err) => networkError(err, req),
		...patch,
	};
}

function pattern(n: number): Buffer {
	const b = Buffer.allocUnsafe(n);
	for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >> 11)) & 0xff;
	return b;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Lends the body to a sink that hashes each chunk and then scribbles over it (as a reused buffer would be). */
async function lendAll(body: Readable): Promise<{ hash: string; n: number; calls: number }> {
	const h = createHash("sha256");
	let n = 0;
	let calls = 0;
	const p = lendChunks(body, (c) => {
		h.update(c);
		n += c.byteLength;
		calls++;
	});
	assert.ok(p, "the body lends its chunks");
	await p;
	return { hash: h.digest("hex"), n, calls };
}

describe("bulk GET: request and response heads", () => {
	it("sends the request's headers, its host and Connection: close", () => {
		const head = requestHead(get(5000)) ?? "";
		assert.match(head, /^GET \/v2\/x\/blobs\/sha256:0 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:5000\r\n/);
		assert.match(head, /\r\nauthorization: Bearer t\r\n/);
		assert.match(head, /\r\nconnection: close\r\n\r\n$/);
	});
	it("leaves a header with CR/LF to node:http (which refuses it)", () => {
		const req = { ...get(5000), headers: new HeaderMap({ "x-a": "1\r\nx-injected: 2" }) };
		assert.equal(requestHead(req), undefined);
		assert.equal(requestHead({ ...get(5000), headers: new HeaderMap({ "x-a": "\u2603" }) }), undefined);
	});
	it("parses a status line and headers; Content-Length must be one plain number", () => {
		const p = parseResponseHead("HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\nContent-Range: bytes 5-14/15\r\nX-A:  v  ");
		assert.equal(p?.status, 206);
		assert.equal(p?.contentLength, 10);
		assert.equal(p?.headers.get("content-range"), "bytes 5-14/15");
		assert.equal(p?.headers.get("x-a"), "v");
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2")?.contentLength, undefined);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1")?.contentLength, 1);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: -1")?.contentLength, undefined);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked"), undefined);
		assert.equal(parseResponseHead("HTTP/1.1 100 Continue"), undefined);
		assert.equal(parseResponseHead("HTTP/2 200"), undefined);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\n folded"), undefined);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nbad name: x"), undefined);
		assert.throws(() => parseResponseHead(`HTTP/1.1 200 OK${"\r\na: b".repeat(MAX_HEADER_LINES + 1)}`), /header lines/);
	});
});

describe("bulk GET over loopback", () => {
	it("lends a multi-MiB body chunk by chunk from one reused buffer, byte-exact", async (t) => {
		const data = pattern(5 * 1024 * 1024 + 123);
		const srv = await rawServer((sock) => {
			sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\nContent-Type: application/octet-stream\r\n\r\n`);
			sock.end(data);
		});
		t.after(() => srv.close());
		const before = bulkStats.lent;
		const res = await bulkGet(get(srv.port), target(srv.port));
		assert.ok(res);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("content-length"), String(data.length));
		const got = await lendAll(res.body);
		assert.equal(got.n, data.length);
		assert.equal(got.hash, sha(data));
		assert.equal(bulkStats.lent, before + 1);
		assert.match(srv.heads[0] ?? "", /\r\nauthorization: Bearer t(\r\n|$)/);
	});
	it("gives copies to an ordinary reader (a redirect or error body too)", async (t) => {
		const data = pattern(700 * 1024);
		const srv = await rawServer((sock) => sock.end(Buffer.concat([Buffer.from(`HTTP/1.1 404 Not Found\r\ncontent-length: ${data.length}\r\n\r\n`), data])));
		t.after(() => srv.close());
		const res = await bulkGet(get(srv.port), target(srv.port));
		assert.ok(res);
		assert.equal(res.status, 404);
		const chunks: Buffer[] = [];
		for await (const c of res.body) chunks.push(c as Buffer);
		assert.equal(sha(Buffer.concat(chunks)), sha(data));
		// Read as a stream, it no longer lends.
		assert.equal(lendChunks(res.body, () => {}), undefined);
	});
	it("hands a chunked or length-less response back to node:http (undefined)", async (t) => {
		const srv = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
		t.after(() => srv.close());
		const before = bulkStats.fallbacks;
		assert.equal(await bulkGet(get(srv.port), target(srv.port)), undefined);
		assert.equal(bulkStats.fallbacks, before + 1);
	});
	it("fails a body that ends before its Content-Length (resumable NETWORK_ERROR)", async (t) => {
		const srv = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nonly this"));
		t.after(() => srv.close());
		const res = await bulkGet(get(srv.port), target(srv.port));
		assert.ok(res);
		await assert.rejects(lendAll(res.body), (e: unknown) => OrasError.is(e) && e.code === "NETWORK_ERROR" && /closed after 9 of 100000/.test(e.message));
	});
	it("fails a body longer than its Content-Length, in the head's packet or later", async (t) => {
		const srv = await rawServer((sock) => {
			sock.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n123");
			setTimeout(() => sock.end("456789"), 20);
		});
		t.after(() => srv.close());
		const res = await bulkGet(get(srv.port), target(srv.port));
		assert.ok(res);
		await assert.rejects(lendAll(res.body), (e: unknown) => OrasError.is(e) && e.code === "REGISTRY_ERROR" && /longer than its Content-Length 5/.test(e.message));
		const srv2 = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n123"));
		t.after(() => srv2.close());
		const res2 = await bulkGet(get(srv2.port), target(srv2.port));
		assert.ok(res2);
		await assert.rejects(async () => {
			for await (const _ of res2.body) void _;
		}, /longer than its Content-Length 2/);
	});
	it("bounds the header wait and the header size", async (t) => {
		const slow = await rawServer((sock) => sock.write("HTTP/1.1 200 OK\r\n"));
		t.after(() => slow.close());
		const began = Date.now();
		await assert.rejects(bulkGet(get(slow.port), target(slow.port, { headerTimeoutMs: 150 })), (e: unknown) => OrasError.is(e) && e.code === "NETWORK_ERROR" && /header timeout/.test(e.message));
		assert.ok(Date.now() - began < 1500);
		const huge = await rawServer((sock) => {
			sock.write("HTTP/1.1 200 OK\r\n");
			for (let i = 0; i < 64; i++) sock.write(`x-pad-${i}: ${"a".repeat(4000)}\r\n`);
		});
		t.after(() => huge.close());
		await assert.rejects(bulkGet(get(huge.port), target(huge.port)), (e: unknown) => OrasError.is(e) && /response headers larger than/.test(e.message));
		assert.ok(READ_BYTES > 16 * 1024);
	});
	it("fails on a connection closed before the headers, and on an abort", async (t) => {
		const close = await rawServer((sock) => sock.end("HTTP/1.1 20"));
		t.after(() => close.close());
		await assert.rejects(bulkGet(get(close.port), target(close.port)), (e: unknown) => OrasError.is(e) && e.code === "NETWORK_ERROR");
		const silent = await rawServer(() => {});
		t.after(() => silent.close());
		const ac = new AbortController();
		const p = bulkGet(get(silent.port, undefined, ac.signal), target(silent.port));
		setTimeout(() => ac.abort(), 30);
		await assert.rejects(p, (e: unknown) => OrasError.is(e) && e.code === "ABORTED");
	});
	it("stops a lent body when the sink throws", async (t) => {
		const data = pattern(1024 * 1024);
		const srv = await rawServer((sock) => {
			sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`);
			sock.end(data);
		});
		t.after(() => srv.close());
		const res = await bulkGet(get(srv.port), target(srv.port));
		assert.ok(res);
		const p = lendChunks(res.body, () => {
			throw new OrasError("ABORTED", "disk full");
		});
		await assert.rejects(p ?? Promise.resolve(), /disk full/);
	});
});

describe("bulk GET through the node transport and the resumable body", () => {
	it("is used for GETs expecting at least bulkMinBytes, resumes with Range after a cut, and lends across sources", async (t) => {
		const data = pattern(3 * 1024 * 1024);
		let cut = true;
		const srv = await rawServer((sock, head) => {
			const m = /\r\nrange: bytes=(\d+)-/i.exec(head);
			const from = m ? Number(m[1]) : 0;
			if (cut) {
				cut = false;
				sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`);
				sock.end(data.subarray(0, 1024 * 1024 + 17));
				return;
			}
			sock.write(`HTTP/1.1 206 Partial Content\r\nContent-Length: ${data.length - from}\r\nContent-Range: bytes ${from}-${data.length - 1}/${data.length}\r\n\r\n`);
			sock.end(data.subarray(from));
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ bulkMinBytes: 1024 * 1024 });
		t.after(() => transport.close());
		const before = { ...bulkStats };
		const open = async (offset: number) => {
			const req: HttpRequest = { ...get(srv.port), expectedBodyBytes: data.length - offset };
			const headers = new HeaderMap(req.headers);
			if (offset > 0) headers.set("range", `bytes=${offset}-`);
			const res = await transport({ ...req, headers });
			return { body: res.body, offset: res.status === 206 ? offset : 0 };
		};
		const resumes: number[] = [];
		const body = resumableBody(await open(0), open, { start: 0, size: data.length, what: "blob", sleep: async () => {}, onResume: (i) => resumes.push(i.offset) });
		const got = await lendAll(body);
		assert.equal(got.hash, sha(data));
		assert.deepEqual(resumes, [1024 * 1024 + 17]);
		assert.equal(bulkStats.responses - before.responses, 2);
		assert.equal(bulkStats.lent - before.lent, 2);
		assert.match(srv.heads[1] ?? "", /\r\nrange: bytes=1048593-/i);
	});
	it("keeps node:http below bulkMinBytes and with bulkMinBytes < 0", async (t) => {
		const srv = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
		t.after(() => srv.close());
		const off = createNodeTransport({ bulkMinBytes: -1 });
		t.after(() => off.close());
		const before = bulkStats.responses;
		const res = await off({ ...get(srv.port), expectedBodyBytes: 1 << 30 });
		for await (const _ of res.body) void _;
		const small = createNodeTransport();
		t.after(() => small.close());
		const res2 = await small({ ...get(srv.port), expectedBodyBytes: 1024 });
		for await (const _ of res2.body) void _;
		assert.equal(bulkStats.responses, before);
	});
	it("keeps node:http when a proxy applies (the request goes to the proxy in absolute form)", async (t) => {
		const proxy = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"));
		t.after(() => proxy.close());
		const transport = createNodeTransport({ bulkMinBytes: 0, proxy: () => new URL(`http://127.0.0.1:${proxy.port}`) });
		t.after(() => transport.close());
		const before = bulkStats.responses;
		const res = await transport({ ...get(9), expectedBodyBytes: 1 << 30 });
		for await (const _ of res.body) void _;
		assert.equal(bulkStats.responses, before);
		assert.match(proxy.heads[0] ?? "", /^GET http:\/\/127\.0\.0\.1:9\/v2\/x\/blobs\/sha256:0 HTTP\/1\.1/);
	});

	it("sends a chunked blob response again through node:http", async (t) => {
		const srv = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
		t.after(() => srv.close());
		const transport = createNodeTransport({ bulkMinBytes: 0 });
		t.after(() => transport.close());
		const res = await transport({ ...get(srv.port), expectedBodyBytes: 3 });
		let s = "";
		for await (const c of res.body) s += (c as Buffer).toString();
		assert.equal(s, "abc");
		assert.equal(srv.heads.length, 2);
	});
	it("fails a lent resumable body on trailing data without resuming", async (t) => {
		const srv = await rawServer((sock) => sock.end("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n12345678"));
		t.after(() => srv.close());
		const transport = createNodeTransport({ bulkMinBytes: 0 });
		t.after(() => transport.close());
		const open = async () => ({ body: (await transport({ ...get(srv.port), expectedBodyBytes: 8 })).body, offset: 0 });
		const body = resumableBody(await open(), open, { start: 0, size: 6, what: "blob", sleep: async () => {} });
		await assert.rejects(lendAll(body), (e: unknown) => OrasError.is(e) && e.code === "TRAILING_DATA");
		assert.equal(srv.heads.length, 1);
	});
	it("lends from a source that does not lend (read as a stream), with the idle timeout", async () => {
		let opened = 0;
		const open = async () => {
			opened++;
			// The first source stalls after two bytes; the second has everything.
			const body = opened === 1 ? new Readable({ read() {} }) : Readable.from([Buffer.from("abcdef")]);
			if (opened === 1) body.push(Buffer.from("ab"));
			return { body, offset: 0 };
		};
		const body = resumableBody(await open(), open, { start: 0, size: 6, what: "blob", idleTimeoutMs: 100, sleep: async () => {} });
		const parts: string[] = [];
		const p = lendChunks(body, (c) => parts.push(Buffer.from(c).toString()));
		assert.ok(p);
		// The idle timer is unref'd (a socket keeps a real transfer alive): keep this test alive.
		const alive = setTimeout(() => {}, 5000);
		await p.finally(() => clearTimeout(alive));
		assert.equal(parts.join(""), "abcdef");
		assert.equal(opened, 2);
	});
});
