/**
 * The lite client's streamed reply bodies and its pool (src/registry/transport/lite.ts) under
 * readers that end them every way: the busy count per origin (≤ maxSockets) must come back exactly
 * once per request, bytes must never cross from one reply to the next, slow readers hold the socket
 * paused, and small pieces are handed on in order and in time.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { describe, it } from "node:test";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import { liteStats } from "../../../src/registry/transport/lite.js";
import { createNodeTransport, type HttpRequest, type HttpResponse } from "../../../src/registry/index.js";
import { makeTls } from "../../integration/fixtures/tls.js";

interface Raw {
	readonly port: number;
	connections(): number;
	close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 handing each request head (no request bodies here) to `answer` with its path. */
async function raw(answer: (sock: Socket, path: string) => void): Promise<Raw> {
	const socks = new Set<Socket>();
	let accepted = 0;
	const srv = createServer((sock) => {
		accepted++;
		socks.add(sock);
		sock.on("error", () => {});
		sock.on("close", () => socks.delete(sock));
		let buf = "";
		sock.on("data", (d: Buffer) => {
			buf += d.toString("latin1");
			for (let end = buf.indexOf("\r\n\r\n"), i = 0; end >= 0 && i < 100; end = buf.indexOf("\r\n\r\n"), i++) {
				const path = buf.slice(0, end).split(" ")[1] ?? "";
				buf = buf.slice(end + 4);
				answer(sock, path);
			}
		});
	});
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	return {
		port: (srv.address() as AddressInfo).port,
		connections: () => accepted,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of socks) s.destroy();
				srv.close(() => resolve());
			}),
	};
}

const quick = { headerTimeoutMs: 3000, metadataIdleTimeoutMs: 5000, metadataTimeoutMs: 20_000 };

function get(port: number, path: string, patch: Partial<HttpRequest> = {}): HttpRequest {
	return { method: "GET", url: new URL(`http://127.0.0.1:${port}${path}`), headers: new HeaderMap(), ...patch };
}

async function bytes(res: HttpResponse): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const c of res.body) parts.push(c as Buffer);
	return Buffer.concat(parts);
}

const sha = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

describe("lite: streamed bodies and the busy count", () => {
	it("a reader destroying the body on the chunk that completes it gives its connection's slot back once", async (t) => {
		// /hold: a streamed body that stays open (its request keeps one of the 2 slots);
		// /last: the body comes in a later read that completes it; its reader destroys the body on that chunk.
		const srv = await raw((sock, path) => {
			if (path === "/hold") sock.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcde");
			else if (path === "/last") {
				sock.write("HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n");
				setTimeout(() => sock.write(Buffer.alloc(4096, 7)), 30);
			} else setTimeout(() => sock.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 50);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 2 });
		t.after(() => transport.close());
		const hold = await transport(get(srv.port, "/hold"));
		const last = await transport(get(srv.port, "/last"));
		await new Promise<void>((resolve) => {
			last.body.on("data", () => last.body.destroy());
			last.body.on("close", () => resolve());
		});
		// One slot is still held by /hold: of 3 concurrent requests, 1 goes through lite, 2 through node:http.
		const before = liteStats.requests;
		const all = await Promise.all([1, 2, 3].map(() => transport(get(srv.port, "/ok")).then(bytes)));
		assert.deepEqual(all.map(String), ["ok", "ok", "ok"]);
		assert.equal(liteStats.requests - before, 1, "requests sent through lite while one of 2 slots is held");
		hold.body.destroy();
	});
});

/** A deterministic pseudo-random sequence (tests must replay). */
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

describe("lite: every way a request ends gives its slot back", () => {
	it("after a storm of replies ended every way, maxSockets concurrent requests all go through lite, no more", { timeout: 60_000 }, async (t) => {
		const srv = await raw((sock, path) => {
			const head = (n: number) => `HTTP/1.1 200 OK\r\nContent-Length: ${n}\r\n\r\n`;
			switch (path) {
				case "/whole":
					sock.write(head(5) + "whole");
					break;
				case "/stream": // body in later reads, read to its end
				case "/early": // destroyed by its reader after its first piece
				case "/never": // never read, then discarded
					sock.write(head(3000));
					setTimeout(() => sock.write(Buffer.alloc(1000, 1)), 10);
					setTimeout(() => sock.write(Buffer.alloc(2000, 2)), 30);
					break;
				case "/silent": // aborted while waiting for the head
					break;
				case "/part": // aborted during the body
					sock.write(head(100) + "0123456789");
					break;
				case "/cut": // closed mid-body
					sock.write(head(100) + "0123456789");
					setTimeout(() => sock.destroy(), 10);
					break;
				case "/odd": // a head lite does not read: node:http's turn (which refuses it)
					sock.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok");
					break;
				case "/drop": // closed without a reply (a reused connection: retried once, then fails)
					sock.destroy();
					break;
				case "/slow":
					setTimeout(() => sock.write(OK), 80);
					break;
				default:
					sock.write(OK);
			}
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 2 });
		t.after(() => transport.close());
		const settle = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e as Error).message);
		const put = (body: () => AsyncIterable<Uint8Array>, contentLength: number): HttpRequest => ({ ...get(srv.port, "/put"), method: "PUT", body, contentLength });
		const ways: (() => Promise<unknown>)[] = [
			async () => assert.equal(String(await bytes(await transport(get(srv.port, "/whole")))), "whole"),
			async () => assert.equal((await bytes(await transport(get(srv.port, "/stream")))).length, 3000),
			async () => {
				const res = await transport(get(srv.port, "/early"));
				await new Promise<void>((resolve) => {
					res.body.once("data", () => res.body.destroy());
					res.body.once("close", () => resolve());
				});
			},
			async () => {
				const { discardBody } = await import("../../../src/registry/transport/types.js");
				const res = await transport(get(srv.port, "/never"));
				await delay(50);
				discardBody(res);
				await new Promise((resolve) => res.body.once("close", resolve));
			},
			async () => transport(get(srv.port, "/silent", { signal: AbortSignal.timeout(20) })),
			async () => {
				const ac = new AbortController();
				const res = await transport(get(srv.port, "/part", { signal: ac.signal }));
				setTimeout(() => ac.abort(), 10);
				await bytes(res);
			},
			async () => bytes(await transport(get(srv.port, "/cut"))),
			async () => bytes(await transport(get(srv.port, "/odd"))),
			async () => bytes(await transport(get(srv.port, "/drop"))),
			async () => transport(put(async function* () { yield Buffer.from("12345"); }, 3)),
			async () => transport(put(async function* () { yield Buffer.from("1"); }, 3)),
			async () => transport(put(async function* () { yield Buffer.from("1"); throw new Error("source failed"); }, 3)),
		];
		const rnd = prng(7);
		for (let round = 0; round < 4; round++) {
			const order = ways.map((w) => [rnd(), w] as const).sort((a, b) => a[0] - b[0]);
			// Two at a time (the pool's slots), every way several times.
			for (let i = 0; i < order.length; i += 2) {
				await Promise.all(order.slice(i, i + 2).map(([, w]) => settle(w())));
			}
		}
		await delay(50);
		const before = { ...liteStats };
		const all = await Promise.all([1, 2, 3].map(() => transport(get(srv.port, "/slow")).then(bytes)));
		assert.deepEqual(all.map(String), ["ok", "ok", "ok"]);
		assert.equal(liteStats.requests - before.requests, 2, "2 of 3 concurrent requests through lite (maxSockets 2)");
		assert.equal(liteStats.fallbacks - before.fallbacks, 0);
		const again = { ...liteStats };
		await Promise.all([1, 2].map(() => transport(get(srv.port, "/slow")).then(bytes)));
		assert.deepEqual([liteStats.requests - again.requests, liteStats.reused - again.reused], [2, 2], "both reuse pooled connections");
	});
});

describe("lite: a body failing before its reader listens", () => {
	it("does not throw an unheard error (node:http's bodies do not); a reader coming later still sees the body fail", async (t) => {
		const srv = await raw((sock) => {
			sock.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
			setTimeout(() => sock.destroy(), 20);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const uncaught: unknown[] = [];
		const onUncaught = (e: unknown) => uncaught.push(e);
		process.prependListener("uncaughtException", onUncaught);
		t.after(() => process.off("uncaughtException", onUncaught));
		const res = await transport(get(srv.port, "/"));
		await delay(150);
		assert.deepEqual(uncaught.map(String), []);
		assert.equal(res.body.destroyed, true);
		await assert.rejects(bytes(res));
	});
});

describe("lite: connections that cannot be made", () => {
	it("a TLS connection refused at its making (key not matching the certificate) gives its slot back", { timeout: 60_000 }, async (t) => {
		const tls = await makeTls();
		t.after(() => tls.cleanup());
		const transport = createNodeTransport({ ...quick, maxSockets: 2, certFile: tls.clientCert, keyFile: tls.serverKey });
		t.after(() => transport.close());
		const before = liteStats.requests;
		for (let i = 0; i < 4; i++) {
			await assert.rejects(transport(get(1, "/", { url: new URL("https://127.0.0.1:9/v2/") })), /key values mismatch/);
		}
		assert.equal(liteStats.requests - before, 4, "every request tried through lite (no slot kept by a failed one)");
	});
});

describe("lite: connections and the bytes after a reply", () => {
	it("a body ending at a read boundary leaves its connection reused; the next reply's bytes in the same read close it, never reaching the next request", async (t) => {
		let n = 0;
		const srv = await raw((sock, path) => {
			const tag = String(++n).padStart(3, "0");
			sock.write(`HTTP/1.1 200 OK\r\nContent-Length: 1500\r\n\r\n`);
			const body = Buffer.alloc(1500, tag);
			if (path === "/exact") setTimeout(() => sock.write(body), 10);
			else setTimeout(() => sock.write(Buffer.concat([body, Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 1500\r\n\r\nEVIL")])), 10);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 1 });
		t.after(() => transport.close());
		const before = { ...liteStats };
		const a = await bytes(await transport(get(srv.port, "/exact")));
		const b = await bytes(await transport(get(srv.port, "/exact")));
		assert.deepEqual([a.equals(Buffer.alloc(1500, "001")), b.equals(Buffer.alloc(1500, "002"))], [true, true]);
		assert.equal(liteStats.reused - before.reused, 1);
		const c = await bytes(await transport(get(srv.port, "/extra")));
		const d = await bytes(await transport(get(srv.port, "/exact")));
		assert.ok(c.equals(Buffer.alloc(1500, "003")));
		assert.ok(d.equals(Buffer.alloc(1500, "004")), "the next reply is its own, not the extra bytes");
		assert.equal(liteStats.reused - before.reused, 2, "the connection with extra bytes was not reused");
		assert.equal(srv.connections(), 2);
	});

	it("a connection paused for a slow reader goes back to the pool when its body ends and serves the next request", { timeout: 30_000 }, async (t) => {
		const body = Buffer.alloc(512 * 1024);
		for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 255;
		const srv = await raw((sock, path) => {
			if (path === "/big") {
				sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
				setTimeout(() => sock.write(body), 5);
			} else sock.write(OK);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 1 });
		t.after(() => transport.close());
		const before = { ...liteStats };
		const res = await transport(get(srv.port, "/big"));
		const got: Buffer[] = [];
		for await (const c of res.body) {
			got.push(c as Buffer);
			if (got.length % 4 === 0) await delay(1);
		}
		assert.equal(sha(Buffer.concat(got)), sha(body));
		assert.equal(String(await bytes(await transport(get(srv.port, "/ok")))), "ok");
		assert.equal(liteStats.reused - before.reused, 1);
	});
});

describe("lite: back-pressure", () => {
	it("a slow reader of a 50 MiB body keeps the socket paused and memory bounded; reading on delivers the exact bytes", { timeout: 60_000 }, async (t) => {
		const size = 50 << 20;
		const piece = Buffer.alloc(64 * 1024);
		let sent = 0;
		const hash = createHash("sha256");
		const srv = await raw((sock) => {
			sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\n\r\n`);
			const more = () => {
				for (let i = 0; i < 10_000 && sent < size; i++) {
					for (let j = 0; j < piece.length; j += 4) piece.writeUInt32LE((sent + j) >>> 0, j);
					hash.update(piece);
					sent += piece.length;
					if (!sock.write(piece)) return void sock.once("drain", more);
				}
			};
			setTimeout(more, 5);
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 1 });
		t.after(() => transport.close());
		const res = await transport(get(srv.port, "/blob"));
		const first = await new Promise<Buffer>((resolve) => res.body.once("data", resolve));
		res.body.pause();
		const mem0 = process.memoryUsage();
		await delay(500);
		const mem1 = process.memoryUsage();
		assert.ok(sent < 16 << 20, `the server could write ${sent} bytes to a reader that does not read`);
		const grew = mem1.rss - mem0.rss;
		assert.ok(grew < 32 << 20, `rss grew by ${grew} bytes while the reader waited`);
		const got = createHash("sha256").update(first);
		let n = first.length;
		for await (const c of res.body) {
			got.update(c as Buffer);
			n += (c as Buffer).length;
		}
		assert.equal(n, size);
		assert.equal(got.digest("hex"), hash.digest("hex"));
	});
});

describe("lite: small pieces", () => {
	it("hands on small pieces arriving slowly within ~20 ms each, not at the end", { timeout: 20_000 }, async (t) => {
		const srv = await raw((sock) => {
			sock.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
			for (let i = 0; i < 5; i++) setTimeout(() => sock.write(String(i)), 100 * (i + 1));
		});
		t.after(() => srv.close());
		const transport = createNodeTransport(quick);
		t.after(() => transport.close());
		const res = await transport(get(srv.port, "/"));
		const began = Date.now();
		const seen: [number, string][] = [];
		for await (const c of res.body) seen.push([Date.now() - began, String(c)]);
		assert.equal(seen.map((s) => s[1]).join(""), "01234");
		assert.ok(seen.length >= 4, `the pieces came as ${JSON.stringify(seen)}`);
		assert.ok((seen[0]?.[0] ?? 1e9) < 250, `the first piece came after ${seen[0]?.[0]} ms`);
	});

	it("keeps exact bytes and order of chunked bodies mixing 1-byte and 4 KiB chunks, split at random read boundaries", { timeout: 60_000 }, async (t) => {
		const rnd = prng(42);
		const bodies: Buffer[] = [];
		const wires: Buffer[] = [];
		for (let k = 0; k < 6; k++) {
			const chunks: Buffer[] = [];
			for (let i = 0; i < 300; i++) {
				const len = rnd() < 0.7 ? 1 : rnd() < 0.5 ? 4096 : 1 + Math.floor(rnd() * 1500);
				chunks.push(Buffer.from(Array.from({ length: len }, () => Math.floor(rnd() * 256))));
			}
			bodies.push(Buffer.concat(chunks));
			const enc = chunks.map((c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from("\r\n")]));
			wires.push(Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), ...enc, Buffer.from("0\r\n\r\n")]));
		}
		const srv = await raw((sock, path) => {
			const wire = wires[Number(path.slice(1))] as Buffer;
			const cuts: number[] = [];
			for (let at = 0; at < wire.length; at += 1 + Math.floor(rnd() * 3000)) cuts.push(at);
			cuts.push(wire.length);
			let i = 0;
			const next = () => {
				if (i + 1 >= cuts.length) return;
				sock.write(wire.subarray(cuts[i], cuts[i + 1]));
				i++;
				if (rnd() < 0.2) setTimeout(next, Math.floor(rnd() * 25));
				else setImmediate(next);
			};
			next();
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 2 });
		t.after(() => transport.close());
		for (let round = 0; round < 2; round++) {
			const got = await Promise.all(bodies.map((_, k) => transport(get(srv.port, `/${k}`)).then(bytes)));
			got.forEach((g, k) => assert.equal(sha(g), sha(bodies[k] as Buffer), `body ${k}, round ${round}`));
		}
	});

	it("leaves no timer behind on any end of a body: a child process exits by itself", { timeout: 30_000 }, async (t) => {
		const srv = await raw((sock, path) => {
			sock.write(`HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n`);
			setTimeout(() => sock.write("a"), 5);
			setTimeout(() => sock.write("b"), 10);
			if (path === "/whole") setTimeout(() => sock.write("cd"), 15);
		});
		t.after(() => srv.close());
		const mod = new URL("../../../src/registry/index.js", import.meta.url).href;
		const script = `const { createNodeTransport, HeaderMap } = await import(${JSON.stringify(mod)});
			const t = createNodeTransport();
			const get = (p, signal) => t({ method: "GET", url: new URL(process.argv[1] + p), headers: new HeaderMap(), signal });
			const a = await get("/whole");
			for await (const _ of a.body);
			const b = await get("/part");
			b.body.once("data", () => b.body.destroy());
			const ac = new AbortController();
			const c = await get("/part", ac.signal);
			c.body.on("error", () => {});
			c.body.once("data", () => ac.abort());
			c.body.resume();
			await new Promise((r) => c.body.once("close", r));
			process.stdout.write("done");`;
		const { execFile } = await import("node:child_process");
		const began = Date.now();
		const out = await new Promise<string>((resolve, reject) => {
			execFile(process.execPath, ["--input-type=module", "-e", script, `http://127.0.0.1:${srv.port}`], { timeout: 15_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message} ${stderr}`)) : resolve(stdout)));
		});
		assert.equal(out, "done");
		assert.ok(Date.now() - began < 10_000);
	});
});

describe("lite: concurrent use", () => {
	it("50 parallel requests with maxSockets 3 against a server answering after random delays, whole or in pieces: no cross-talk", { timeout: 60_000 }, async (t) => {
		const rnd = prng(3);
		const srv = await raw((sock, path) => {
			const body = Buffer.from(`${path}:`.repeat(1 + Math.floor(rnd() * 600)));
			const wire = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nX-Path: ${path}\r\n\r\n`), body]);
			const cut = Math.floor(rnd() * wire.length);
			setTimeout(() => {
				sock.write(wire.subarray(0, cut));
				setTimeout(() => sock.write(wire.subarray(cut)), Math.floor(rnd() * 15));
			}, Math.floor(rnd() * 30));
		});
		t.after(() => srv.close());
		const transport = createNodeTransport({ ...quick, maxSockets: 3 });
		t.after(() => transport.close());
		const before = { ...liteStats };
		for (let round = 0; round < 2; round++) {
			const all = await Promise.all(
				Array.from({ length: 50 }, async (_, i) => {
					const path = `/r${round}-${i}`;
					const res = await transport(get(srv.port, path));
					assert.equal(res.headers.get("x-path"), path);
					const text = String(await bytes(res));
					assert.ok(text.length > 0 && text.split(":").slice(0, -1).every((p) => p === path), `${path} got ${text.slice(0, 40)}`);
					return text;
				}),
			);
			assert.equal(all.length, 50);
		}
		assert.ok(liteStats.connections - before.connections <= 3, `${liteStats.connections - before.connections} lite connections`);
		assert.ok(srv.connections() <= 6, `${srv.connections()} connections (3 lite, 3 node:http at most)`);
	});
});
