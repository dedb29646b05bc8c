/**
 * Hostile peers against the node transport's request-body writer and the bulk reader: every
 * wait must end within its bound, whatever the registry does with the socket.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { describe, it } from "node:test";
import { lendChunks } from "../../../src/content/storage.js";
import { OrasError } from "../../../src/errors.js";
import { bulkGet, type BulkTarget } from "../../../src/registry/transport/bulk.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import { networkError } from "../../../src/registry/transport/node.js";
import { createNodeTransport, type HttpRequest } from "../../../src/registry/index.js";
import { resumableBody } from "../../../src/registry/transport/resume.js";

/** A TCP server on 127.0.0.1 that accepts connections and never reads from them (the client's writes back up). */
async function deafServer(): Promise<{ port: number; close(): Promise<void> }> {
	const socks = new Set<Socket>();
	const srv: Server = createServer((sock) => {
		socks.add(sock);
		sock.pause();
		sock.on("error", () => {});
		sock.on("close", () => socks.delete(sock));
	});
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		port: (srv.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of socks) s.destroy();
				srv.close(() => resolve());
			}),
	};
}

describe("redteam: the request body writer", () => {
	it("fails within the header timeout when a small chunk's write never completes (the registry stopped reading)", { timeout: 20_000 }, async (t) => {
		const srv = await deafServer();
		t.after(() => srv.close());
		const transport = createNodeTransport({ headerTimeoutMs: 300 });
		t.after(() => transport.close());
		// Chunks under the socket's high-water mark: write() says "go on" while the kernel buffer is full.
		const chunk = new Uint8Array(1024);
		const total = 256 * 1024 * 1024;
		const req: HttpRequest = {
			method: "PUT",
			url: new URL(`http://127.0.0.1:${srv.port}/v2/x/blobs/uploads/1?digest=sha256:0`),
			headers: new HeaderMap(),
			body: async function* () {
				for (let n = 0; n < total; n += chunk.length) yield chunk;
			},
			contentLength: total,
			replayable: false,
		};
		const began = Date.now();
		await assert.rejects(transport(req), (e: unknown) => OrasError.is(e) && e.code === "NETWORK_ERROR" && /stopped reading the request body within 300 ms/.test(e.message));
		assert.ok(Date.now() - began < 10_000, `took ${Date.now() - began} ms`);
	});
});

describe("redteam: a lending resumable body", () => {
	it("does not reopen the blob once it was closed during the back-off (the lend fails instead of downloading the rest)", async () => {
		let opened = 0;
		const open = async () => {
			opened++;
			return { body: Readable.from([Buffer.from("abcdef")]), offset: 0 };
		};
		const first = new Readable({ read() {} });
		first.push(Buffer.from("ab"));
		setImmediate(() => first.destroy(new OrasError("NETWORK_ERROR", "connection reset")));
		let slept!: () => void;
		const sleeping = new Promise<void>((resolve) => {
			slept = resolve;
		});
		const body = resumableBody({ body: first, offset: 0 }, open, {
			start: 0,
			size: 6,
			what: "blob",
			sleep: () => {
				slept();
				return delay(50);
			},
		});
		const got: string[] = [];
		const lent = lendChunks(body, (c) => got.push(Buffer.from(c).toString()));
		assert.ok(lent);
		await sleeping;
		body.destroy();
		await assert.rejects(lent);
		assert.equal(opened, 0, "the blob was opened again after the body was closed");
		assert.equal(got.join(""), "ab");
	});
});

describe("redteam: a lending resumable body resumes like the stream", () => {
	for (const lend of [false, true]) {
		it(`counts a failed reopen as another interruption (${lend ? "lent" : "streamed"})`, async () => {
			let opened = 0;
			const open = async () => {
				opened++;
				if (opened === 1) throw new OrasError("NETWORK_ERROR", "connect ECONNREFUSED (the registry restarts)");
				return { body: Readable.from([Buffer.from("abcdef")]), offset: 0 };
			};
			const first = new Readable({ read() {} });
			first.push(Buffer.from("ab"));
			setImmediate(() => first.destroy(new OrasError("NETWORK_ERROR", "connection reset")));
			const resumes: number[] = [];
			const body = resumableBody({ body: first, offset: 0 }, open, { start: 0, size: 6, what: "blob", sleep: async () => {}, onResume: (i) => resumes.push(i.attempt) });
			const got: string[] = [];
			if (lend) {
				const lent = lendChunks(body, (c) => got.push(Buffer.from(c).toString()));
				assert.ok(lent);
				await lent;
			} else {
				for await (const c of body) got.push((c as Buffer).toString());
			}
			assert.equal(got.join(""), "abcdef");
			assert.equal(opened, 2);
			assert.deepEqual(resumes, [1, 2]);
		});
	}
});

describe("redteam: the bulk reader under hostile responses", () => {
	it("leaves no socket open after 120 failed, cut, aborted, refused or handed-back responses", async (t) => {
		const answers: Array<(s: Socket) => void> = [
			(s) => s.end("HTTP/1.1 20"),
			(s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"),
			(s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabcdef"),
			(s) => s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
			(s) => s.end("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"),
			(s) => s.destroy(),
			(s) => s.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab"),
			(s) => s.write("HTTP/1.1 200 OK\r\n"),
			(s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
			(s) => s.end(`HTTP/1.1 200 OK\r\n${"x-a: b\r\n".repeat(3000)}\r\n`),
		];
		let which = 0;
		const socks = new Set<Socket>();
		const srv = createServer((s) => {
			socks.add(s);
			s.on("close", () => socks.delete(s));
			s.on("error", () => {});
			const answer = answers[which % answers.length] as (s: Socket) => void;
			s.once("data", () => answer(s));
		});
		await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
		t.after(() => {
			for (const s of socks) s.destroy();
			srv.close();
		});
		const port = (srv.address() as AddressInfo).port;
		const get = (signal: AbortSignal): HttpRequest => ({ method: "GET", url: new URL(`http://127.0.0.1:${port}/b`), headers: new HeaderMap({ authorization: "Bearer t" }), signal });
		const target: BulkTarget = {
			host: "127.0.0.1",
			port,
			connectTimeoutMs: 2000,
			headerTimeoutMs: 100,
			bodyTimeouts: { idleMs: 100, totalMs: 200 },
			networkError: (err) => networkError(err, get(new AbortController().signal)),
		};
		const fds = () => readdirSync("/proc/self/fd").length;
		const before = fds();
		for (let i = 0; i < 120; i++) {
			which = i;
			const ac = new AbortController();
			const timer = setTimeout(() => ac.abort(), 60);
			try {
				const res = await bulkGet(get(ac.signal), target);
				if (res !== undefined) {
					if (i % 3 === 0) await lendChunks(res.body, () => {});
					else if (i % 3 === 1) for await (const _ of res.body) void _;
					else res.body.destroy();
				}
			} catch {
				// every failure is fine here: only what is left open counts
			} finally {
				clearTimeout(timer);
			}
		}
		for (let i = 0; i < 50 && fds() > before; i++) await delay(20);
		assert.equal(fds(), before);
	});
});

describe("redteam: network errors of a presigned URL (a registry's redirect to a CDN)", () => {
	const query = "X-Amz-Credential=cred-SECRET-1&X-Amz-Signature=sig-SECRET-2&sig=sas-SECRET-3&part=1";
	it("name the URL without its signature (bulk reader: a body cut short)", async (t) => {
		const srv = createServer((s) => {
			s.on("error", () => {});
			s.once("data", () => s.end("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc"));
		});
		await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
		t.after(() => srv.close());
		const port = (srv.address() as AddressInfo).port;
		const transport = createNodeTransport({ bulkMinBytes: 0 });
		t.after(() => transport.close());
		const res = await transport({ method: "GET", url: new URL(`http://127.0.0.1:${port}/cdn/blob?${query}`), headers: new HeaderMap(), expectedBodyBytes: 100 });
		await assert.rejects(lendChunks(res.body, () => {}) ?? Promise.resolve(), (e: unknown) => {
			assert.ok(OrasError.is(e) && e.code === "NETWORK_ERROR", String(e));
			assert.doesNotMatch(e.message, /SECRET/);
			assert.match(e.message, /\/cdn\/blob\?.*part=1.*closed after 3 of 100/);
			return true;
		});
	});
	it("name the URL without its signature (node:http: a refused connection)", async (t) => {
		const srv = createServer();
		await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
		const port = (srv.address() as AddressInfo).port;
		await new Promise<void>((resolve) => srv.close(() => resolve()));
		const transport = createNodeTransport();
		t.after(() => transport.close());
		await assert.rejects(transport({ method: "GET", url: new URL(`http://127.0.0.1:${port}/cdn/blob?${query}`), headers: new HeaderMap() }), (e: unknown) => {
			assert.ok(OrasError.is(e) && e.code === "NETWORK_ERROR", String(e));
			assert.doesNotMatch(e.message, /SECRET/);
			assert.match(e.message, /\/cdn\/blob\?.*part=1/);
			return true;
		});
	});
});
