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
