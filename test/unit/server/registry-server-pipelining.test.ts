/**
 * Pipelined floods against `createRegistryServer` on 127.0.0.1: one connection writes thousands
 * of pipelined `GET /v2/` or `HEAD` requests, or an upload's PATCH chunks, and never reads a reply.
 * What the server takes from it and holds stays bounded (past `DEFAULT_MAX_PIPELINED_REQUESTS` in
 * flight it answers 429 at once and closes the connection after that reply; quick replies then
 * also back up into Node's own stop), and another client's request is answered within a bound
 * while the flood runs. The PATCH chunks the server did take made exactly those bytes of the upload.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { DEFAULT_MAX_PIPELINED_REQUESTS } from "../../../src/server/connections.js";
import { createRegistryServer, type RegistryServer } from "../../../src/server/index.js";

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-ts-pipelining-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});

/** What the server did, seen through Node's `http.server.request.start` and `http.server.response.finish` channels. */
interface Watch {
	/** Requests the server took (parsed and handed to the handler). */
	taken(): number;
	/**
	 * The most replies the server held at once that the kernel had not taken yet (taken, not
	 * finished): a pipelined reply waits in memory until the ones before it are written.
	 */
	mostHeld(): number;
	/** Resolves when every connection that sent a request is closed on the server's side. */
	allClosed(): Promise<void>;
}

/** Starts a server and watches its connections while `fn` runs. */
async function serving(fn: (port: number, watch: Watch, server: RegistryServer) => Promise<void>): Promise<void> {
	const server = createRegistryServer({ root: join(base, `root-${n++}`), addr: "127.0.0.1:0", logLevel: "silent" });
	const { port } = await server.listen();
	let taken = 0;
	let finished = 0;
	let most = 0;
	const ours = (msg: unknown) => (msg as { socket: Socket }).socket.localPort === port;
	const open = new Map<Socket, Promise<void>>();
	const onRequest = (msg: unknown) => {
		if (!ours(msg)) return;
		const sock = (msg as { socket: Socket }).socket;
		if (!open.has(sock)) open.set(sock, sock.destroyed ? Promise.resolve() : new Promise((done) => sock.once("close", () => done())));
		taken++;
		most = Math.max(most, taken - finished);
	};
	const onFinish = (msg: unknown) => {
		if (ours(msg)) finished++;
	};
	subscribe("http.server.request.start", onRequest);
	subscribe("http.server.response.finish", onFinish);
	try {
		await fn(port, { taken: () => taken, mostHeld: () => most, allClosed: () => Promise.all(open.values()).then(() => undefined) }, server);
	} finally {
		unsubscribe("http.server.request.start", onRequest);
		unsubscribe("http.server.response.finish", onFinish);
		await server.close();
	}
}

/** A connection that writes `payload` and reads nothing (its socket paused from the start). */
function flooder(port: number, payload: Buffer): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const sock = connect({ host: "127.0.0.1", port }, () => {
			sock.write(payload);
			resolve(sock);
		});
		sock.pause();
		sock.on("error", () => undefined);
		sock.once("error", reject);
	});
}

/** Resolves true when `p` settles within `ms`. */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	try {
		return await Promise.race([p.then(() => true as const), late]);
	} finally {
		clearTimeout(timer);
	}
}

/** Another client's `GET /v2/` on its own connection: the status and how long it took (bounded). */
function probe(port: number, ms = 5000): Promise<{ status: number; ms: number }> {
	const t0 = performance.now();
	return new Promise((resolve, reject) => {
		const req = request({ host: "127.0.0.1", port, path: "/v2/", agent: false, timeout: ms }, (res) => {
			res.resume();
			res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
		});
		req.on("timeout", () => req.destroy(new Error(`no answer within ${ms} ms`)));
		req.on("error", reject);
		req.end();
	});
}

/** Waits until `value()` stops changing for `quietMs` (bounded by `maxMs`); returns its last value. */
async function settle(value: () => number, quietMs = 300, maxMs = 10_000): Promise<number> {
	let last = value();
	let still = 0;
	for (let waited = 0; waited < maxMs && still < quietMs; waited += 50) {
		await sleep(50);
		const v = value();
		if (v === last) still += 50;
		else {
			last = v;
			still = 0;
		}
	}
	return last;
}

describe("registry server: pipelined floods on one connection", () => {
	for (const method of ["GET", "HEAD"] as const) {
		it(`${method} /v2/ ×100000 unread: the server stops taking requests, another client is answered, the flood is closed after a 429`, { timeout: 60_000 }, async (t) => {
			await serving(async (port, watch) => {
				const count = 100_000;
				const one = Buffer.from(`${method} /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
				const payload = Buffer.concat(Array.from({ length: count }, () => one));
				const sock = await flooder(port, payload);
				try {
					const took = await settle(watch.taken);
					const reply = await probe(port);
					t.diagnostic(`${method}: took ${took} of ${count} unread requests; held at most ${watch.mostHeld()} replies; another client answered in ${reply.ms.toFixed(0)} ms`);
					assert.equal(reply.status, 200);
					assert.ok(reply.ms < 2000, `another client waited ${reply.ms} ms`);
					// What the kernel's socket buffers hold is answered; past that the server stops reading.
					assert.ok(took < count / 2, `the server took ${took} of ${count} pipelined requests nobody read`);
					// One socket read (64 KiB) of these carries ~1700; past DEFAULT_MAX_PIPELINED_REQUESTS they get 429.
					assert.ok(watch.mostHeld() < 3000, `the server held ${watch.mostHeld()} requests in flight`);
					// After the in-flight replies and one 429, the server closes the connection.
					assert.ok(await within(watch.allClosed(), 10_000), "the flood's connection is closed by the server");
				} finally {
					sock.destroy();
				}
			});
		});
	}

	for (const withRange of [true, false]) {
		it(`PATCH chunks ×20000 on one connection${withRange ? " with Content-Range" : ""}, replies unread: bounded, another client answered, the taken chunks exact`, { timeout: 60_000 }, async (t) => {
			await serving(async (port, watch) => {
				const chunks = 20_000;
				const chunkBytes = 1024;
				const blob = randomBytes(chunks * chunkBytes);
				const location = await openUpload(port, "pipe/line");
				const parts: Buffer[] = [];
				for (let i = 0; i < chunks; i++) {
					const start = i * chunkBytes;
					const range = withRange ? `Content-Range: ${start}-${start + chunkBytes - 1}\r\n` : "";
					parts.push(Buffer.from(`PATCH ${location} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n${range}Content-Length: ${chunkBytes}\r\n\r\n`), blob.subarray(start, start + chunkBytes));
				}
				const payload = Buffer.concat(parts);
				parts.length = 0;
				const heapBefore = process.memoryUsage().heapUsed;
				const sock = await flooder(port, payload);
				try {
					const took = await settle(watch.taken);
					const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
					const reply = await probe(port);
					t.diagnostic(`PATCH: took ${took} of ${chunks} unread requests; held at most ${watch.mostHeld()}; heap +${(heapGrowth / MiB).toFixed(1)} MiB; another client answered in ${reply.ms.toFixed(0)} ms`);
					assert.equal(reply.status, 200);
					assert.ok(reply.ms < 2000, `another client waited ${reply.ms} ms`);
					// The chunks in flight, then 429s for what the last socket read still carried: ~110 requests
					// on Node 20 (64 KiB reads), ~300 on Node 24 (larger reads); 20 000 before the fix.
					assert.ok(took < 1000, `the server took ${took} of ${chunks} pipelined PATCH requests nobody read`);
					assert.ok(watch.mostHeld() < 1000, `the server held ${watch.mostHeld()} requests in flight`);
					// Before the fix: 150 MiB for these 20 000 chunks (every request, body and response kept).
					assert.ok(heapGrowth < 32 * MiB, `heap grew ${heapGrowth} bytes`);
					assert.ok(await within(watch.allClosed(), 10_000), "the flood's connection is closed by the server");
					// The upload holds exactly the chunks taken before the 429 (their replies were never read,
					// so the client's reset may have dropped them): finish it with their digest.
					const size = await uploadSize(port, location);
					assert.equal(size, DEFAULT_MAX_PIPELINED_REQUESTS * chunkBytes);
					const taken = blob.subarray(0, size);
					const done = await put(port, `${location}${location.includes("?") ? "&" : "?"}digest=sha256:${sha(taken)}`);
					assert.equal(done, 201);
					assert.equal(sha(await getBytes(port, `/v2/pipe/line/blobs/sha256:${sha(taken)}`)), sha(taken));
				} finally {
					sock.destroy();
				}
			});
		});
	}
});

/** POSTs a new upload session; its Location (a path). */
function openUpload(port: number, name: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = request({ host: "127.0.0.1", port, method: "POST", path: `/v2/${name}/blobs/uploads/`, agent: false, timeout: 5000 }, (res) => {
			res.resume();
			const loc = res.headers.location;
			if (res.statusCode !== 202 || loc === undefined) reject(new Error(`POST: ${res.statusCode}`));
			else resolve(new URL(loc, "http://x").pathname + new URL(loc, "http://x").search);
		});
		req.on("timeout", () => req.destroy(new Error("POST: no answer")));
		req.on("error", reject);
		req.end();
	});
}

/** The bytes an upload session holds (its status's `Range: 0-<last>`). */
function uploadSize(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request({ host: "127.0.0.1", port, path, agent: false, timeout: 10_000 }, (res) => {
			res.resume();
			const m = /^0-(\d+)$/.exec(String(res.headers.range ?? ""));
			if (res.statusCode !== 204 || !m) reject(new Error(`upload status ${res.statusCode} ${String(res.headers.range)}`));
			else resolve(Number(m[1]) + 1);
		});
		req.on("timeout", () => req.destroy(new Error("upload status: no answer")));
		req.on("error", reject);
		req.end();
	});
}

/** PUTs an empty body; the status. */
function put(port: number, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request({ host: "127.0.0.1", port, method: "PUT", path, agent: false, timeout: 10_000, headers: { "content-length": "0" } }, (res) => {
			res.resume();
			res.on("end", () => resolve(res.statusCode ?? 0));
		});
		req.on("timeout", () => req.destroy(new Error(`PUT ${path}: no answer`)));
		req.on("error", reject);
		req.end();
	});
}

/** GETs a path; its body. */
function getBytes(port: number, path: string): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const req = request({ host: "127.0.0.1", port, path, agent: false, timeout: 10_000 }, (res) => {
			const parts: Buffer[] = [];
			res.on("data", (c: Buffer) => parts.push(c));
			res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(parts)) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
		});
		req.on("timeout", () => req.destroy(new Error(`GET ${path}: no answer`)));
		req.on("error", reject);
		req.end();
	});
}
