/**
 * A TLS 1.2 server that renegotiates (HelloRequest) in the middle of a reply, against the node
 * transport's own readers: the bulk reader (bulk.ts, `onread` into one reused buffer) and the
 * small-request keep-alive client (lite.ts). The client gets the exact bytes or one clean error,
 * within a bound; a server that renegotiates again and again while dribbling a body neither makes
 * the client spin nor grow its heap. Loopback only; certificates from ./fixtures/tls.ts.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import * as tls from "node:tls";
import { lendChunks } from "../../src/content/storage.js";
import { createNodeTransport, type HttpResponse } from "../../src/registry/index.js";
import { bulkStats } from "../../src/registry/transport/bulk.js";
import { HeaderMap } from "../../src/registry/transport/headers.js";
import { liteStats } from "../../src/registry/transport/lite.js";
import { makeTls, type TlsMaterial } from "./fixtures/tls.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Every renegotiation below is the server's own; lift Node's guard against client-initiated ones (this file's process only). */
(createRequire(import.meta.url)("node:tls") as { CLIENT_RENEG_LIMIT: number }).CLIENT_RENEG_LIMIT = 1000;

type Serve = (sock: tls.TLSSocket, head: string) => void;

/** A TLS 1.2 server on 127.0.0.1 answering each request head on a connection with `serve`. */
async function tls12Server(material: TlsMaterial, serve: Serve): Promise<{ port: number; heads: () => number; close(): Promise<void> }> {
	const socks = new Set<tls.TLSSocket>();
	let heads = 0;
	const srv = tls.createServer({ key: await readFile(material.serverKey), cert: await readFile(material.serverCert), maxVersion: "TLSv1.2" }, (sock) => {
		socks.add(sock);
		sock.on("close", () => socks.delete(sock));
		sock.on("error", () => {});
		let buf = "";
		sock.on("data", (d: Buffer) => {
			buf += d.toString("latin1");
			for (let i = 0; i < 100; i++) {
				const end = buf.indexOf("\r\n\r\n");
				if (end < 0) return;
				const head = buf.slice(0, end);
				buf = buf.slice(end + 4);
				heads++;
				serve(sock, head);
			}
		});
	});
	srv.on("tlsClientError", () => {});
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		port: (srv.address() as AddressInfo).port,
		heads: () => heads,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of socks) s.destroy();
				srv.close(() => resolve());
			}),
	};
}

/** Writes `data` and calls `done` once the socket took it all (the write callback). */
function writeThen(sock: tls.TLSSocket, data: Buffer | string, done: () => void): void {
	sock.write(data, () => done());
}

/** Renegotiates and calls `done` whatever the outcome (counted: `ok`/`failed`). */
function renegotiate(sock: tls.TLSSocket, outcome: { ok: number; failed: number }, done: () => void): void {
	const started = sock.renegotiate({ rejectUnauthorized: false }, (err) => {
		if (err) outcome.failed++;
		else outcome.ok++;
		done();
	});
	if (!started) {
		outcome.failed++;
		done();
	}
}

/** Reads a body to its end with a bound; resolves to the bytes or the error. */
async function drain(body: HttpResponse["body"], ms: number): Promise<Buffer | Error> {
	const parts: Buffer[] = [];
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			(async () => {
				for await (const c of body) parts.push(Buffer.from(c as Uint8Array));
				return Buffer.concat(parts);
			})(),
			new Promise<Error>((resolve) => {
				timer = setTimeout(() => resolve(new Error(`hang: no end of the body within ${ms} ms`)), ms);
			}),
		]);
	} catch (e) {
		return e as Error;
	} finally {
		clearTimeout(timer);
	}
}

/** Exact bytes, or one clean one-line error (an OrasError code, no hang). */
function assertExactOrClean(got: Buffer | Error, want: Buffer): void {
	if (!(got instanceof Error)) {
		assert.equal(got.length, want.length);
		assert.equal(sha(got), sha(want));
		return;
	}
	assert.doesNotMatch(got.message, /^hang:/);
	assert.equal(got.message.includes("\n"), false, got.message);
	assert.ok(typeof (got as { code?: unknown }).code === "string", `${got.name}: ${got.message}`);
}

describe("node transport against a TLS 1.2 server that renegotiates mid-reply", () => {
	let material: TlsMaterial;
	before(async () => {
		material = await makeTls();
	});
	after(async () => {
		await material?.cleanup();
	});

	it("bulk reader: a renegotiation in the middle of a large blob body gives the exact bytes (lent and streamed)", { timeout: 30_000 }, async (t) => {
		const body = randomBytes(4 * 1024 * 1024);
		const half = 2 * 1024 * 1024;
		const outcome = { ok: 0, failed: 0 };
		const srv = await tls12Server(material, (sock) => {
			writeThen(sock, Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body.subarray(0, half)]), () =>
				renegotiate(sock, outcome, () => sock.write(body.subarray(half))),
			);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ caFile: material.caCert, bulkMinBytes: 0 });
		t.after(() => transport.close());
		const url = new URL(`https://localhost:${srv.port}/v2/r/blobs/sha256:x`);
		const before = bulkStats.responses;
		// Lent: chunks of the one reused buffer, hashed as they come.
		const res = await transport({ method: "GET", url, headers: new HeaderMap(), expectedBodyBytes: body.length });
		const h = createHash("sha256");
		let n = 0;
		const lent = lendChunks(res.body, (c) => {
			h.update(c);
			n += c.byteLength;
		});
		assert.ok(lent, "the bulk body lends its chunks");
		await lent;
		assert.equal(n, body.length);
		assert.equal(h.digest("hex"), sha(body));
		// Streamed: copies handed on as a Readable.
		const res2 = await transport({ method: "GET", url, headers: new HeaderMap(), expectedBodyBytes: body.length });
		assertExactOrClean(await drain(res2.body, 15_000), body);
		assert.equal(bulkStats.responses - before, 2, "both went through the bulk reader");
		assert.equal(outcome.ok + outcome.failed, 2);
		assert.equal(outcome.ok, 2, "the client went through the renegotiations");
		// A handshake's end is not a new connection: the request head was sent once each time.
		assert.equal(srv.heads(), 2);
	});

	it("lite client: a renegotiation in the middle of a small reply gives the exact bytes, and the connection is reused after", { timeout: 30_000 }, async (t) => {
		const body = randomBytes(60 * 1024);
		const half = 20 * 1024;
		const outcome = { ok: 0, failed: 0 };
		const srv = await tls12Server(material, (sock) => {
			writeThen(sock, Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), body.subarray(0, half)]), () =>
				renegotiate(sock, outcome, () => sock.write(body.subarray(half))),
			);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ caFile: material.caCert });
		t.after(() => transport.close());
		const url = new URL(`https://localhost:${srv.port}/v2/r/manifests/v1`);
		const before = { ...liteStats };
		for (let i = 0; i < 3; i++) {
			const res = await transport({ method: "GET", url, headers: new HeaderMap(), expectedBodyBytes: body.length });
			assert.equal(res.status, 200);
			assertExactOrClean(await drain(res.body, 10_000), body);
		}
		assert.equal(liteStats.requests - before.requests, 3, "all three went through the lite client");
		assert.equal(outcome.ok, 3);
		assert.equal(srv.heads(), 3, "each request sent once, none again after a handshake");
		assert.ok(liteStats.reused - before.reused >= 1, "the renegotiated connection stays usable");
	});

	it("a server renegotiating in a loop while it dribbles the body: exact bytes or a clean error, no spin, no heap growth", { timeout: 60_000 }, async (t) => {
		const rounds = 40;
		const body = randomBytes(1024 * 1024);
		const piece = Math.ceil(body.length / rounds);
		const outcome = { ok: 0, failed: 0 };
		const dribble = (sock: tls.TLSSocket, head: Buffer, i: number): void => {
			if (sock.destroyed) return;
			if (i >= rounds) return;
			const part = body.subarray(i * piece, (i + 1) * piece);
			const next = () => dribble(sock, head, i + 1);
			// Between pieces only: once the body is out the client may close or park the connection.
			writeThen(sock, i === 0 ? Buffer.concat([head, part]) : part, () => (i + 1 < rounds ? renegotiate(sock, outcome, next) : undefined));
		};
		const srv = await tls12Server(material, (sock) => dribble(sock, Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`), 0));
		t.after(() => srv.close());
		const bulk = createNodeTransport({ caFile: material.caCert, bulkMinBytes: 0 });
		const lite = createNodeTransport({ caFile: material.caCert });
		t.after(() => {
			bulk.close();
			lite.close();
		});
		const url = new URL(`https://localhost:${srv.port}/v2/r/blobs/sha256:x`);
		globalThis.gc?.();
		const heapBefore = process.memoryUsage().heapUsed;
		const cpuBefore = process.cpuUsage();
		const t0 = performance.now();
		for (const [name, transport, expected] of [
			["bulk", bulk, body.length],
			["lite", lite, undefined],
		] as const) {
			const res = await transport({ method: "GET", url, headers: new HeaderMap(), ...(expected !== undefined ? { expectedBodyBytes: expected } : {}) });
			const got = await drain(res.body, 20_000);
			assertExactOrClean(got, body);
			assert.ok(!(got instanceof Error), `${name}: ${got instanceof Error ? got.message : ""}`);
		}
		const wall = performance.now() - t0;
		const cpu = process.cpuUsage(cpuBefore);
		globalThis.gc?.();
		const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
		assert.equal(outcome.ok, 2 * (rounds - 1), `renegotiations: ${JSON.stringify(outcome)}`);
		assert.equal(srv.heads(), 2);
		// Each renegotiation is a handshake (both ends in this process): a few ms of CPU each. A
		// client that spun between records would burn its wall time in CPU; one that kept old
		// records or handshake state would grow its heap with the rounds.
		const cpuMs = (cpu.user + cpu.system) / 1000;
		t.diagnostic(`${2 * (rounds - 1)} renegotiations: wall ${wall.toFixed(0)} ms, cpu ${cpuMs.toFixed(0)} ms, heap growth ${(heapGrowth / 1024).toFixed(0)} KiB`);
		assert.ok(cpuMs < Math.min(1500, wall / 2), `cpu ${cpuMs} ms in ${wall} ms for ${2 * (rounds - 1)} handshakes`);
		assert.ok(heapGrowth < 32 * 1024 * 1024, `heap grew ${heapGrowth} bytes`);
	});
});
