/**
 * The lite HTTP/1.1 keep-alive client (src/registry/transport/lite.ts) against raw loopback
 * servers that write exactly the bytes a hostile registry would: keep-alive reuse, framing
 * (Content-Length, chunked, neither), every bound the module comment claims, the fallback of
 * GET/HEAD to node:http, the connections that must not be reused, retries, aborts, request
 * bodies, the pool's socket bound, TLS and --resolve.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { getEventListeners } from "node:events";
import { readFileSync } from "node:fs";
import { maxHeaderSize } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { setTimeout as delay } from "node:timers/promises";
import { describe, it } from "node:test";
import { countingBody } from "../../../src/content/ingest.js";
import { bufferedBody } from "../../../src/content/verify.js";
import { OrasError } from "../../../src/errors.js";
import { readSmallBody } from "../../../src/registry/transport/body.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import { MAX_HEADER_LINES, parseResponseHead, requestHead } from "../../../src/registry/transport/http1.js";
import { LITE_MAX_INTERIM, liteStats } from "../../../src/registry/transport/lite.js";
import { createNodeTransport, type HttpRequest } from "../../../src/registry/index.js";
import { makeTls } from "../../integration/fixtures/tls.js";
import { scribblingBody } from "./helpers.js";

interface RawRequest {
	readonly head: string;
	readonly method: string;
	readonly path: string;
	readonly body: Buffer;
	/** 1-based number of the connection it came on, and its place on that connection. */
	readonly conn: number;
	readonly n: number;
}

type Answer = (sock: Socket, req: RawRequest) => void;

interface RawServer {
	readonly port: number;
	readonly requests: RawRequest[];
	connections(): number;
	/** Connections the client (or the server) closed so far. */
	closed(): number;
	close(): Promise<void>;
}

/** Reads requests (head and Content-Length body) off each connection in order and hands each to `answer`. */
function onRequests(sock: Socket, conn: number, requests: RawRequest[], answer: Answer): void {
	let buf = Buffer.alloc(0);
	let n = 0;
	sock.on("data", (d: Buffer) => {
		buf = Buffer.concat([buf, d]);
		for (let i = 0; i < 100; i++) {
			const end = buf.indexOf("\r\n\r\n");
			if (end < 0) return;
			const head = buf.toString("latin1", 0, end);
			const len = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
			if (buf.length < end + 4 + len) return;
			const [method = "", path = ""] = head.split(" ");
			const req: RawRequest = { head, method, path, body: buf.subarray(end + 4, end + 4 + len), conn, n: ++n };
			buf = buf.subarray(end + 4 + len);
			requests.push(req);
			answer(sock, req);
		}
	});
}

async function listen(srv: Server, socks: Set<Socket>, requests: RawRequest[], counts: { accepted: number; closed: number }): Promise<RawServer> {
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		port: (srv.address() as AddressInfo).port,
		requests,
		connections: () => counts.accepted,
		closed: () => counts.closed,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of socks) s.destroy();
				srv.close(() => resolve());
			}),
	};
}

function track(sock: Socket, socks: Set<Socket>, counts: { accepted: number; closed: number }): number {
	socks.add(sock);
	sock.on("error", () => {});
	sock.on("close", () => {
		socks.delete(sock);
		counts.closed++;
	});
	return ++counts.accepted;
}

/** A plain TCP server on 127.0.0.1. */
async function rawServer(answer: Answer): Promise<RawServer> {
	const socks = new Set<Socket>();
	const requests: RawRequest[] = [];
	const counts = { accepted: 0, closed: 0 };
	const srv = createServer((sock) => onRequests(sock, track(sock, socks, counts), requests, answer));
	return listen(srv, socks, requests, counts);
}

const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
const ok: Answer = (sock) => sock.write(OK);

function get(port: number, patch: Partial<HttpRequest> = {}, host = `127.0.0.1:${port}`, scheme = "http"): HttpRequest {
	return { method: "GET", url: new URL(`${scheme}://${host}/v2/x/manifests/v1`), headers: new HeaderMap({ accept: "application/json" }), ...patch };
}

const quick = { headerTimeoutMs: 2000, metadataIdleTimeoutMs: 2000, metadataTimeoutMs: 5000 };

async function text(res: { body: NodeJS.ReadableStream }): Promise<string> {
	return (await readSmallBody(res.body as never, 8 << 20, "reply")).toString("latin1");
}

function stats(): typeof liteStats {
	return { ...liteStats };
}

function delta(before: typeof liteStats): Record<keyof typeof liteStats, number> {
	const d = {} as Record<keyof typeof liteStats, number>;
	for (const k of Object.keys(liteStats) as (keyof typeof liteStats)[]) d[k] = liteStats[k] - before[k];
	return d;
}

function isCode(code: string, message?: RegExp): (e: unknown) => boolean {
	return (e) => {
		assert.ok(OrasError.is(e), `an OrasError, got ${String(e)}`);
		assert.equal(e.code, code, e.message);
		if (message !== undefined) assert.match(e.message, message);
		return true;
	};
}

/** Runs `fn` against a server answering every request with `reply` (then optionally closing). */
async function withReply(reply: string | Buffer, fn: (port: number, srv: RawServer) => Promise<void>, end = false): Promise<void> {
	const srv = await rawServer((sock) => (end ? sock.end(reply) : sock.write(reply)));
	try {
		await fn(srv.port, srv);
	} finally {
		await srv.close();
	}
}

describe("lite: request and reply heads", () => {
	it("writes the request line, host, the caller's headers and Content-Length; leaves CR/LF and non-Latin-1 values to node:http", () => {
		const req = get(5000, { headers: new HeaderMap({ "x-a": "1", connection: "upgrade", "content-length": "9", host: "evil", "transfer-encoding": "chunked" }) });
		assert.equal(requestHead(req, { bodyLength: 3 }), "GET /v2/x/manifests/v1 HTTP/1.1\r\nhost: 127.0.0.1:5000\r\nx-a: 1\r\ncontent-length: 3\r\n\r\n");
		assert.equal(requestHead(get(5000, { headers: new HeaderMap({ "x-a": "1\r\nx-injected: 2" }) })), undefined);
		assert.equal(requestHead(get(5000, { headers: new HeaderMap({ "x-a": "caf\u00e9" }) }))?.includes("x-a: caf\u00e9\r\n"), true);
		assert.equal(requestHead(get(5000, { headers: new HeaderMap({ "x-a": "\u2603" }) })), undefined);
		assert.equal(requestHead(get(5000, { method: "get\r\n" })), undefined);
	});

	it("parses framing strictly: conflicting or odd lengths and encodings are not read here", () => {
		const p = (s: string) => parseResponseHead(`HTTP/1.1 200 OK\r\n${s}`);
		assert.deepEqual([p("Content-Length: 5")?.contentLength, p("Content-Length: 5")?.unframed], [5, false]);
		assert.equal(p("Content-Length: 5\r\nContent-Length: 5")?.unframed, false);
		for (const bad of ["Content-Length: 5\r\nContent-Length: 6", "Content-Length: -1", "Content-Length: 0x10", "Content-Length: 1e3", "Content-Length: 5, 5", "Content-Length: 1234567890123456", "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "Transfer-Encoding: identity", "Content-Length: 2\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 2"]) {
			assert.equal(p(bad)?.unframed, true, JSON.stringify(bad));
		}
		assert.equal(p("Transfer-Encoding: Chunked")?.chunked, true);
		// Not HTTP/1.x as node:http reads it: for node:http to judge (GET) or refused (other methods).
		for (const bad of ["Content-Length : 2", " X: folded", "X: a\r\n b", "X: a\0b", "X: a\x1bb", "X: a\x7fb", "X: a\x01b", "bad name: x", ": empty", "novalue"]) {
			assert.equal(p(bad), undefined, JSON.stringify(bad));
		}
		assert.equal(p("X: a\tb\x80\xff")?.headers.get("x"), "a\tb\x80\xff");
		assert.equal(parseResponseHead("HTTP/2 200"), undefined);
		assert.equal(parseResponseHead("HTTP/1.1 600 X"), undefined);
		assert.throws(() => parseResponseHead(`HTTP/1.1 200 OK${"\r\na: b".repeat(MAX_HEADER_LINES + 1)}`), /more than 2000 response header lines/);
		assert.equal(parseResponseHead(`HTTP/1.1 200 OK${"\r\na: b".repeat(MAX_HEADER_LINES)}`)?.status, 200);
		assert.equal(parseResponseHead("HTTP/1.0 200 OK")?.close, true);
		// Every HTTP/1.0 reply closes its connection here, keep-alive or not.
		assert.equal(parseResponseHead("HTTP/1.0 200 OK\r\nConnection: keep-alive")?.close, true);
		assert.equal(parseResponseHead("HTTP/1.1 200 OK\r\nConnection: keep-alive, close")?.close, true);
	});
});

describe("lite: keep-alive", () => {
	it("sends N sequential requests over one connection", async (t) => {
		const srv = await rawServer(ok);
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const before = stats();
		for (let i = 0; i < 5; i++) assert.equal(await text(await transport(get(srv.port))), "ok");
		assert.equal(srv.connections(), 1);
		assert.deepEqual(delta(before), { requests: 5, connections: 1, reused: 4, fallbacks: 0, retries: 0 });
		assert.match(srv.requests[0]?.head ?? "", /^GET \/v2\/x\/manifests\/v1 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\naccept: application\/json$/);
	});

	it("reads no body after HEAD (even with Content-Length), 204 or 304, and reuses the connection", async (t) => {
		const srv = await rawServer((sock, req) => {
			if (req.method === "HEAD") sock.write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nDocker-Content-Digest: sha256:0\r\n\r\n");
			else if (req.path.endsWith("204")) sock.write("HTTP/1.1 204 No Content\r\n\r\n");
			else if (req.path.endsWith("304")) sock.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n");
			else sock.write(OK);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const head = await transport(get(srv.port, { method: "HEAD" }));
		assert.equal(head.status, 200);
		assert.equal(head.headers.get("content-length"), "1234");
		assert.equal(await text(head), "");
		for (const s of [204, 304]) {
			const res = await transport(get(srv.port, { url: new URL(`http://127.0.0.1:${srv.port}/${s}`) }));
			assert.equal(res.status, s);
			assert.equal(await text(res), "");
		}
		assert.equal(await text(await transport(get(srv.port))), "ok");
		assert.equal(srv.connections(), 1);
	});

	it("reads a chunked reply with chunk extensions and trailers, and reuses the connection", async (t) => {
		const srv = await rawServer((sock) => {
			sock.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n1 ;x\r\n \r\n");
			setTimeout(() => sock.write("6\r\nworld!\r\n0\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n"), 20);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		for (let i = 0; i < 3; i++) assert.equal(await text(await transport(get(srv.port))), "hello world!");
		assert.equal(srv.connections(), 1);
	});

	it("does not reuse a connection with bytes after the reply, a second reply, Connection: close, or HTTP/1.0", async (t) => {
		for (const reply of [`${OK}garbage`, `${OK}${OK}`, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"]) {
			const srv = await rawServer((sock) => sock.write(reply));
			t.after(() => srv.close());
			const transport = createNodeTransport(quick);
			t.after(() => transport.close());
			const before = stats();
			for (let i = 0; i < 3; i++) {
				const res = await transport(get(srv.port));
				assert.ok(res.status === 200 || res.status === 204);
				await text(res);
			}
			assert.equal(srv.connections(), 3, JSON.stringify(reply));
			assert.equal(delta(before).reused, 0);
		}
	});

	it("hands a HEAD reply with conflicting framing to node:http (which refuses it), never reusing its connection", async (t) => {
		const srv = await rawServer((sock) => sock.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"));
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const before = stats();
		for (let i = 0; i < 2; i++) await assert.rejects(transport(get(srv.port, { method: "HEAD" })), isCode("NETWORK_ERROR", /Transfer-Encoding can't be present with Content-Length/));
		assert.deepEqual([delta(before).fallbacks, delta(before).reused], [2, 0]);
	});

	it("drops an idle pooled connection the registry sends bytes on; the next request opens a new one", async (t) => {
		const socks: Socket[] = [];
		const srv = await rawServer((sock) => {
			socks.push(sock);
			sock.write(OK);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await text(await transport(get(srv.port)));
		socks[0]?.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil");
		for (let i = 0; i < 100 && srv.closed() === 0; i++) await delay(10);
		assert.equal(srv.closed(), 1, "the client closed the connection it was sent bytes on");
		assert.equal(await text(await transport(get(srv.port))), "ok");
		assert.equal(srv.connections(), 2);
	});

	it("retries once on a new connection when a reused one is closed without a reply; a fresh one is not retried", async (t) => {
		const srv = await rawServer((sock, req) => {
			if (req.n === 2) sock.destroy(); // the registry dropped the idle connection as the request arrived
			else sock.write(OK);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await text(await transport(get(srv.port)));
		const before = stats();
		assert.equal(await text(await transport(get(srv.port))), "ok");
		assert.deepEqual(delta(before), { requests: 1, connections: 1, reused: 1, fallbacks: 0, retries: 1 });
		assert.equal(srv.connections(), 2);

		const hangUp = await rawServer((sock) => sock.destroy());
		t.after(() => hangUp.close());
		const b2 = stats();
		await assert.rejects(transport(get(hangUp.port)), isCode("NETWORK_ERROR", /socket hang up/));
		assert.equal(delta(b2).retries, 0);
		assert.equal(hangUp.connections(), 1);
	});

	it("does not retry a reused connection closed after part of the reply", async (t) => {
		const srv = await rawServer((sock, req) => (req.n === 2 ? sock.end("HTTP/1.1 200 OK\r\nContent-Le") : sock.write(OK)));
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await text(await transport(get(srv.port, { method: "POST" })));
		const before = stats();
		await assert.rejects(transport(get(srv.port, { method: "POST" })), isCode("NETWORK_ERROR"));
		assert.equal(delta(before).retries, 0);
		assert.equal(srv.connections(), 1);
	});
});

describe("lite: replies it cannot read (GET/HEAD go to node:http, other methods fail)", () => {
	/** The same reply to a GET (falls back: node:http decides) and a POST (fails with `post`). */
	async function both(reply: string, onGet: (p: Promise<unknown>) => Promise<void>, post: (e: unknown) => boolean): Promise<void> {
		await withReply(reply, async (port, srv) => {
			const transport = createNodeTransport(quick);
			try {
				const before = stats();
				await onGet(transport(get(port)).then(text));
				assert.equal(delta(before).fallbacks, 1, `GET falls back: ${JSON.stringify(reply.slice(0, 80))}`);
				const n = srv.requests.length;
				assert.equal(srv.requests.filter((r) => r.method === "GET").length, 2, "sent again through node:http");
				const b2 = stats();
				await assert.rejects(transport(get(port, { method: "POST" })), post);
				assert.equal(delta(b2).fallbacks, 0);
				assert.equal(srv.requests.length, n + 1, "a POST is not sent twice");
			} finally {
				transport.close();
			}
		}, true);
	}
	/** node:http refuses the reply (its head: NETWORK_ERROR; its body: the body stream fails). */
	const rejected = async (p: Promise<unknown>) => {
		await assert.rejects(p);
	};

	it("Content-Length with Transfer-Encoding is never read as a body", async () => {
		await both("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", rejected, isCode("NETWORK_ERROR", /framing not understood/));
		await both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n2\r\nok\r\n0\r\n\r\n", rejected, isCode("NETWORK_ERROR", /framing not understood/));
	});

	it("differing duplicate, negative and hex Content-Length", async () => {
		for (const cl of ["Content-Length: 2\r\nContent-Length: 3", "Content-Length: -2", "Content-Length: 0x2", "Content-Length: +2"]) {
			await both(`HTTP/1.1 200 OK\r\n${cl}\r\n\r\nok`, rejected, isCode("NETWORK_ERROR", /framing not understood/));
		}
	});

	it("Transfer-Encoding: gzip, chunked (node:http reads the chunks)", async () => {
		await both(
			"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
			async (p) => assert.equal(await p, "ok"),
			isCode("NETWORK_ERROR", /framing not understood/),
		);
	});

	it("whitespace before a colon, obs-fold, NUL and other control bytes in a header value", async () => {
		for (const h of ["Content-Length : 2", "X-A: a\r\n b", "X-A: a\0b", "X-A: a\x1b[31mb", "X-A: a\x7fb"]) {
			await both(`HTTP/1.1 200 OK\r\n${h}\r\nContent-Length: 2\r\n\r\nok`, rejected, isCode("NETWORK_ERROR", /malformed HTTP response/));
		}
	});

	it("more than 2000 header lines fail every method (as the bulk reader's do)", async () => {
		await withReply(`HTTP/1.1 200 OK${"\r\nx: y".repeat(MAX_HEADER_LINES + 1)}\r\nContent-Length: 2\r\n\r\nok`, async (port) => {
			const transport = createNodeTransport(quick);
			try {
				for (const method of ["GET", "POST"]) {
					await assert.rejects(transport(get(port, { method })), isCode("NETWORK_ERROR", /more than 2000 response header lines/));
				}
			} finally {
				transport.close();
			}
		}, true);
	});

	it("a malformed chunk-size line, an overlong one, and one with more than 8 hex digits", async () => {
		await both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n", rejected, isCode("NETWORK_ERROR", /malformed chunked encoding/));
		await both(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;${"x".repeat(100)}\r\nok\r\n0\r\n\r\n`, async (p) => assert.equal(await p, "ok"), isCode("NETWORK_ERROR", /malformed chunked encoding/));
		// Leading zeros are read here, as node:http reads them.
		await withReply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000002\r\nok\r\n0\r\n\r\n", async (port) => {
			const transport = createNodeTransport(quick);
			try {
				const before = stats();
				assert.equal(await text(await transport(get(port))), "ok");
				assert.equal(await text(await transport(get(port, { method: "POST" }))), "ok");
				assert.equal(delta(before).fallbacks, 0);
			} finally {
				transport.close();
			}
		}, true);
		await both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n", rejected, isCode("NETWORK_ERROR", /malformed chunked encoding/));
	});

	it("streams bodies of any size to their readers, whose limits apply; a body cut short fails its reader", { timeout: 30_000 }, async () => {
		const big = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${"100000\r\n".concat("a".repeat(0x100000), "\r\n").repeat(5)}0\r\n\r\n`;
		await withReply(big, async (port) => {
			const transport = createNodeTransport(quick);
			try {
				const before = stats();
				assert.equal((await text(await transport(get(port)))).length, 5 * 0x100000);
				await assert.rejects(readSmallBody((await transport(get(port))).body, 4 * 0x100000, "manifest"), isCode("SIZE_EXCEEDS_LIMIT", /manifest size exceeds the limit of 4194304 bytes/));
				assert.equal(delta(before).fallbacks, 0);
			} finally {
				transport.close();
			}
		});
		for (const reply of ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nok", `HTTP/1.1 200 OK\r\nContent-Length: ${5 * 0x100000}\r\n\r\nok`]) {
			await withReply(reply, async (port) => {
				const transport = createNodeTransport(quick);
				try {
					for (const method of ["GET", "POST"]) {
						const res = await transport(get(port, { method }));
						await assert.rejects(text(res), isCode("NETWORK_ERROR", /connection closed after 2 body bytes/));
					}
				} finally {
					transport.close();
				}
			}, true);
		}
	});

	it("a reply framed by the connection's end is read until it closes (any method), its connection not reused", async () => {
		await withReply("HTTP/1.1 201 Created\r\n\r\nall of it", async (port, srv) => {
			const transport = createNodeTransport(quick);
			try {
				const before = stats();
				assert.equal(await text(await transport(get(port))), "all of it");
				assert.deepEqual([delta(before).fallbacks, srv.requests.length], [0, 1]);
				assert.equal(await text(await transport(get(port, { method: "POST" }))), "all of it");
				assert.deepEqual([srv.requests.length, srv.connections()], [2, 2]);
			} finally {
				transport.close();
			}
		}, true);
	});

	it("101 Switching Protocols is not skipped as an interim reply, and node:http does not hang on it", { timeout: 20_000 }, async () => {
		const reply = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
		await both(reply, rejected, isCode("NETWORK_ERROR", /101/));
		await withReply(reply, async (port) => {
			const transport = createNodeTransport({ ...quick, lite: false });
			try {
				const began = Date.now();
				await assert.rejects(transport(get(port)), isCode("NETWORK_ERROR"));
				assert.ok(Date.now() - began < 5000);
			} finally {
				transport.close();
			}
		});
	});
});

describe("lite: bounds", () => {
	it("fails a header block larger than http.maxHeaderSize, and one that never ends", async (t) => {
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await withReply(`HTTP/1.1 200 OK\r\nX: ${"a".repeat(maxHeaderSize)}\r\nContent-Length: 2\r\n\r\nok`, async (port) => {
			await assert.rejects(transport(get(port)), isCode("NETWORK_ERROR", new RegExp(`response headers larger than ${maxHeaderSize} bytes`)));
		});
		const srv = await rawServer((sock) => {
			sock.write("HTTP/1.1 200 OK\r\n");
			let sent = 0;
			const iv = setInterval(() => {
				if (sock.destroyed || sent > 64 * maxHeaderSize) return clearInterval(iv);
				sock.write(`X-${sent}: ${"b".repeat(1000)}\r\n`);
				sent += 1000;
			}, 1);
			sock.on("close", () => clearInterval(iv));
		});
		t.after(() => srv.close());
		await assert.rejects(transport(get(srv.port, { method: "POST" })), isCode("NETWORK_ERROR", /response headers larger than/));
	});

	it("skips up to 10 interim replies; more fail", async (t) => {
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await withReply(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX: y\r\n\r\n${OK}`, async (port, srv) => {
			assert.equal(await text(await transport(get(port))), "ok");
			assert.equal(await text(await transport(get(port))), "ok");
			assert.equal(srv.connections(), 1);
		});
		await withReply(`${"HTTP/1.1 100 Continue\r\n\r\n".repeat(LITE_MAX_INTERIM + 1)}${OK}`, async (port) => {
			await assert.rejects(transport(get(port)), isCode("NETWORK_ERROR", /more than 10 interim responses/));
		});
		// An endless stream of them ends at the same bound.
		const srv = await rawServer((sock) => {
			const iv = setInterval(() => (sock.destroyed ? clearInterval(iv) : sock.write("HTTP/1.1 100 Continue\r\n\r\n")), 1);
			sock.on("close", () => clearInterval(iv));
		});
		t.after(() => srv.close());
		await assert.rejects(transport(get(srv.port)), isCode("NETWORK_ERROR", /more than 10 interim responses/));
	});

	it("times out a silent registry (header timeout); a stalled body (idle) and a trickled one (total) fail their reader", { timeout: 20_000 }, async (t) => {
		const silent = await rawServer(() => {});
		t.after(() => silent.close());
		const transport = createNodeTransport({ headerTimeoutMs: 200, metadataIdleTimeoutMs: 150, metadataTimeoutMs: 400 });
		t.after(() => transport.close());
		let began = Date.now();
		await assert.rejects(transport(get(silent.port)), isCode("NETWORK_ERROR", /: no response within 200 ms \(header timeout\)$/));
		assert.ok(Date.now() - began < 2000);

		const stalled = await rawServer((sock) => sock.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
		t.after(() => stalled.close());
		await assert.rejects(text(await transport(get(stalled.port))), isCode("NETWORK_ERROR", /^reply: no data received for 150 ms \(metadata idle timeout\)$/));

		const trickle = await rawServer((sock) => {
			sock.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
			const iv = setInterval(() => (sock.destroyed ? clearInterval(iv) : sock.write("1\r\nx\r\n")), 50);
			sock.on("close", () => clearInterval(iv));
		});
		t.after(() => trickle.close());
		began = Date.now();
		await assert.rejects(text(await transport(get(trickle.port))), isCode("NETWORK_ERROR", /^reply: not received within 400 ms \(metadata timeout\)$/));
		assert.ok(Date.now() - began < 3000);
	});

	it("keeps memory bounded while a registry sends a 1 MiB body in one-byte chunks", { timeout: 60_000 }, async () => {
		// In a child with --expose-gc: the live heap (after a full GC, sampled while the reply arrives) is what the reply holds.
		const mod = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
		const script = `const { createNodeTransport, HeaderMap } = await import(${mod("../../../src/registry/index.js")});
			const { readSmallBody } = await import(${mod("../../../src/registry/transport/body.js")});
			const net = await import("node:net");
			const n = 1 << 20;
			const wire = Buffer.from("1\\r\\nx\\r\\n".repeat(n) + "0\\r\\n\\r\\n", "latin1");
			const srv = net.createServer((s) => s.once("data", () => { s.write("HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n"); s.write(wire); }));
			await new Promise((r) => srv.listen(0, "127.0.0.1", r));
			const live = () => { gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
			const base = live();
			let peak = base;
			const iv = setInterval(() => { peak = Math.max(peak, live()); }, 20);
			const t = createNodeTransport();
			const res = await t({ method: "POST", url: new URL("http://127.0.0.1:" + srv.address().port + "/x"), headers: new HeaderMap() });
			clearInterval(iv);
			const body = await readSmallBody(res.body, 1 << 22, "reply");
			t.close();
			srv.close();
			process.stdout.write(JSON.stringify({ length: body.length, grew: peak - base }));`;
		const out = await new Promise<string>((resolve, reject) => {
			execFile(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { timeout: 50_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
		});
		const { length, grew } = JSON.parse(out) as { length: number; grew: number };
		assert.equal(length, 1 << 20);
		// A heap object per one-byte piece held ~100 MiB for a 1 MiB body.
		assert.ok(grew < 24 * 1024 * 1024, `the live heap grew by ${(grew / 2 ** 20).toFixed(1)} MiB`);
	});
});

describe("lite: secrets in messages", () => {
	it("names a presigned URL without its signature in every error it makes (malformed reply, header timeout, cut body, refused connection)", { timeout: 20_000 }, async (t) => {
		const query = "X-Amz-Credential=cred-SECRET-1&X-Amz-Signature=sig-SECRET-2&sig=sas-SECRET-3&part=1";
		const transport = createNodeTransport({ ...quick, headerTimeoutMs: 200 });
		t.after(() => transport.close());
		const at = (port: number, method = "POST") => get(port, { method, url: new URL(`http://127.0.0.1:${port}/upload?${query}`) });
		const noSecret = (e: unknown) => {
			assert.ok(OrasError.is(e), String(e));
			assert.doesNotMatch(e.message, /SECRET/, e.message);
			assert.match(e.message, /127\.0\.0\.1/);
			return true;
		};
		await withReply("HTTP/1.1 200 OK\r\nX: a\x01b\r\n\r\n", async (port) => {
			await assert.rejects(transport(at(port)), noSecret);
		});
		const silent = await rawServer(() => {});
		t.after(() => silent.close());
		await assert.rejects(transport(at(silent.port)), noSecret);
		await withReply("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", async (port) => {
			const res = await transport(at(port, "GET"));
			await assert.rejects(readSmallBody(res.body, 1024, "reply"), (e: unknown) => {
				assert.doesNotMatch(String((e as Error).message), /SECRET/);
				return true;
			});
		}, true);
		const closed = await rawServer(() => {});
		const port = closed.port;
		await closed.close();
		await assert.rejects(transport(at(port)), noSecret);
	});
});

describe("lite: aborts and request bodies", () => {
	it("fails with ABORTED when aborted before the request or while waiting for the reply", async (t) => {
		const silent = await rawServer(() => {});
		t.after(() => silent.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		await assert.rejects(transport(get(silent.port, { signal: AbortSignal.abort() })), isCode("ABORTED"));
		const ac = new AbortController();
		const p = transport(get(silent.port, { signal: ac.signal }));
		for (let i = 0; i < 100 && silent.requests.length === 0; i++) await delay(10);
		ac.abort();
		await assert.rejects(p, isCode("ABORTED"));
	});

	it("one abort listener per signal: every request under way fails on abort, finished ones are left alone", async (t) => {
		const silent = await rawServer((sock, req) => {
			if (req.path === "/done") sock.write(OK);
		});
		t.after(() => silent.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 8 });
		t.after(() => transport.close());
		const ac = new AbortController();
		const done = await transport(get(silent.port, { signal: ac.signal, url: new URL(`http://127.0.0.1:${silent.port}/done`) }));
		assert.equal(await text(done), "ok");
		const waiting = Array.from({ length: 5 }, () => transport(get(silent.port, { signal: ac.signal })));
		for (let i = 0; i < 200 && silent.requests.length < 6; i++) await delay(10);
		assert.equal(silent.requests.length, 6);
		assert.equal(getEventListeners(ac.signal, "abort").length, 1, "one listener for all six requests");
		ac.abort();
		for (const p of waiting) await assert.rejects(p, isCode("ABORTED"));
		assert.equal(getEventListeners(ac.signal, "abort").length, 0);
		// A signal that aborted is never listened to again; a request under it fails at once.
		await assert.rejects(transport(get(silent.port, { signal: ac.signal })), isCode("ABORTED"));
		assert.equal(silent.requests.length, 6);
	});

	it("sends the exact bytes of a body whose source reuses one buffer for each chunk", async (t) => {
		const srv = await rawServer((sock) => sock.write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const src = scribblingBody(1000, 60);
		const before = stats();
		const res = await transport({ method: "PUT", url: new URL(`http://127.0.0.1:${srv.port}/up`), headers: new HeaderMap(), body: src.body, contentLength: 60_000, replayable: false });
		assert.equal(res.status, 201);
		assert.equal(delta(before).requests, 1, "sent by the lite client");
		const { createHash } = await import("node:crypto");
		assert.equal(createHash("sha256").update(srv.requests[0]?.body ?? Buffer.alloc(0)).digest("hex"), src.digest());
		assert.match(srv.requests[0]?.head ?? "", /\r\ncontent-length: 60000(\r\n|$)/);
	});

	it("fails a body longer or shorter than its Content-Length with the node:http path's messages", async (t) => {
		const srv = await rawServer(ok);
		t.after(() => srv.close());
		for (const lite of [true, false]) {
			const transport = createNodeTransport({ ...quick, lite });
			t.after(() => transport.close());
			const url = new URL(`http://127.0.0.1:${srv.port}/up`);
			const body = (n: number) => async function* () {
				yield new Uint8Array(n);
			};
			await assert.rejects(transport({ method: "PUT", url, headers: new HeaderMap(), body: body(11), contentLength: 10 }), isCode("SIZE_MISMATCH", new RegExp(`^PUT "${url.href}": request body is longer than the declared 10 bytes$`)));
			await assert.rejects(transport({ method: "PUT", url, headers: new HeaderMap(), body: body(9), contentLength: 10 }), isCode("SIZE_MISMATCH", new RegExp(`^PUT "${url.href}": request body ended after 9 of 10 bytes$`)));
			// The same for a body held whole (a small file's bytes), which the lite client takes without a stream.
			const whole = (n: number) => () => bufferedBody(Buffer.alloc(n, 1));
			await assert.rejects(transport({ method: "PUT", url, headers: new HeaderMap(), body: whole(11), contentLength: 10 }), isCode("SIZE_MISMATCH", new RegExp(`^PUT "${url.href}": request body is longer than the declared 10 bytes$`)));
			await assert.rejects(transport({ method: "PUT", url, headers: new HeaderMap(), body: whole(9), contentLength: 10 }), isCode("SIZE_MISMATCH", new RegExp(`^PUT "${url.href}": request body ended after 9 of 10 bytes$`)));
		}
		assert.equal(srv.requests.length, 0);
	});

	it("sends a body held whole (a bufferedBody) in one write with the head, and counts it once", async (t) => {
		const srv = await rawServer((sock) => sock.write("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const bytes = Buffer.from("0123456789".repeat(400));
		let reads = 0;
		const body = () => countingBody(bufferedBody(bytes), () => reads++);
		const before = stats();
		const res = await transport({ method: "PUT", url: new URL(`http://127.0.0.1:${srv.port}/up`), headers: new HeaderMap(), body, contentLength: bytes.length, replayable: false });
		assert.equal(res.status, 201);
		assert.equal(delta(before).requests, 1, "sent by the lite client");
		assert.deepEqual(srv.requests[0]?.body, bytes);
		assert.equal(reads, 1);
	});

	it("leaves header values it cannot send to node:http, which refuses them; nothing is injected", async (t) => {
		const srv = await rawServer(ok);
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const before = stats();
		await assert.rejects(transport(get(srv.port, { headers: new HeaderMap({ "x-a": "1\r\nx-injected: 2" }) })));
		await assert.rejects(transport(get(srv.port, { headers: new HeaderMap({ "x-a": "\u2603" }) })));
		assert.equal(delta(before).requests, 0);
		assert.equal(srv.requests.length, 0);
	});
});

describe("lite: the pool", () => {
	it("sends more concurrent requests than maxSockets through node:http; all succeed", async (t) => {
		const srv = await rawServer((sock) => setTimeout(() => sock.write(OK), 30));
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 2 });
		t.after(() => transport.close());
		const before = stats();
		const all = await Promise.all(Array.from({ length: 20 }, () => transport(get(srv.port)).then(text)));
		assert.deepEqual(all, Array(20).fill("ok"));
		assert.ok(delta(before).connections <= 2, `lite opened ${delta(before).connections} connections`);
		assert.ok(srv.connections() <= 4, `${srv.connections()} connections (2 lite, 2 node:http at most)`);
		// The slots are given back: the next requests use the pooled connections again.
		const b2 = stats();
		await Promise.all([transport(get(srv.port)).then(text), transport(get(srv.port)).then(text)]);
		assert.deepEqual([delta(b2).requests, delta(b2).reused], [2, 2]);
	});

	it("close() destroys idle connections; idle ones do not keep the process alive", { timeout: 20_000 }, async (t) => {
		const srv = await rawServer(ok);
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		await text(await transport(get(srv.port)));
		transport.close();
		for (let i = 0; i < 100 && srv.closed() === 0; i++) await delay(10);
		assert.equal(srv.closed(), 1);

		const mod = new URL("../../../src/registry/index.js", import.meta.url).href;
		const script = `const { createNodeTransport, HeaderMap } = await import(${JSON.stringify(mod)});
			const t = createNodeTransport();
			const res = await t({ method: "GET", url: new URL(process.argv[1]), headers: new HeaderMap() });
			res.body.resume();
			process.stdout.write(String(res.status));`;
		const began = Date.now();
		const out = await new Promise<string>((resolve, reject) => {
			execFile(process.execPath, ["--input-type=module", "-e", script, `http://127.0.0.1:${srv.port}/x`], { timeout: 15_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
		});
		assert.equal(out, "200");
		assert.ok(Date.now() - began < 10_000);
		assert.equal(srv.connections(), 2);
	});

	it("keeps the Host header of the URL when --resolve sends the connection elsewhere", async (t) => {
		const srv = await rawServer(ok);
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, resolve: [`registry.invalid:${srv.port}:127.0.0.1`] });
		t.after(() => transport.close());
		for (let i = 0; i < 2; i++) assert.equal(await text(await transport(get(srv.port, {}, `registry.invalid:${srv.port}`))), "ok");
		assert.match(srv.requests[1]?.head ?? "", new RegExp(`\\r\\nhost: registry\\.invalid:${srv.port}\\r\\n`));
		assert.equal(srv.connections(), 1);
	});
});

describe("lite: TLS", () => {
	it("verifies the certificate, reuses connections, resumes sessions and keeps the --resolve host", { timeout: 60_000 }, async (t) => {
		const tls = await makeTls();
		t.after(() => tls.cleanup());
		const socks = new Set<Socket>();
		const requests: RawRequest[] = [];
		const counts = { accepted: 0, closed: 0 };
		const resumed: boolean[] = [];
		const srv = createTlsServer({ key: readFileSync(tls.serverKey), cert: readFileSync(tls.serverCert) }, (sock: TLSSocket) => {
			resumed.push(sock.isSessionReused());
			onRequests(sock, track(sock, socks, counts), requests, (s, req) => s.write(req.path.endsWith("close") ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok" : OK));
		});
		const server = await listen(srv, socks, requests, counts);
		t.after(() => server.close());
		const host = `localhost:${server.port}`;
		const transport = createNodeTransport({ ...quick, caFile: tls.caCert, resolve: [`localhost:${server.port}:127.0.0.1`] });
		t.after(() => transport.close());
		const before = stats();
		for (let i = 0; i < 3; i++) assert.equal(await text(await transport(get(server.port, {}, host, "https"))), "ok");
		assert.equal(server.connections(), 1);
		assert.match(requests[0]?.head ?? "", new RegExp(`\\r\\nhost: localhost:${server.port}\\r\\n`));
		// A connection the registry closes: the next one resumes the TLS session.
		assert.equal(await text(await transport(get(server.port, { url: new URL(`https://${host}/close`) }, host, "https"))), "ok");
		assert.equal(await text(await transport(get(server.port, {}, host, "https"))), "ok");
		assert.equal(server.connections(), 2);
		assert.deepEqual(resumed, [false, true]);
		assert.deepEqual([delta(before).connections, delta(before).reused, delta(before).fallbacks], [2, 3, 0]);

		// Without the CA: verification fails as through node:https.
		const untrusting = createNodeTransport({ ...quick, resolve: [`localhost:${server.port}:127.0.0.1`] });
		t.after(() => untrusting.close());
		await assert.rejects(untrusting(get(server.port, {}, host, "https")), isCode("TLS_ERROR"));
		const insecure = createNodeTransport({ ...quick, insecure: true });
		t.after(() => insecure.close());
		assert.equal(await text(await insecure(get(server.port, {}, `127.0.0.1:${server.port}`, "https"))), "ok");
	});
});
