/** The connection bounds of `serve` (src/server/connections.ts): the minimum request rate and the per-client connection cap. */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import { connect, createServer, type Socket } from "node:net";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { limitConnections, watchRequestRate } from "../../../src/server/connections.js";

/** A request as the watch sees it: bytes read by its socket, buffered unread bytes, completeness. */
function fakeRequest(): IncomingMessage & { socket: { bytesRead: number }; readableLength: number } {
	const req = new EventEmitter() as unknown as IncomingMessage & { socket: { bytesRead: number }; readableLength: number };
	Object.assign(req, { socket: { bytesRead: 0 }, complete: false, readableLength: 0 });
	return req;
}

describe("watchRequestRate", () => {
	it("calls onSlow after the grace window and one window below the rate (a byte every 5 ms is never idle)", async () => {
		const req = fakeRequest();
		let slow = 0;
		watchRequestRate(req, { minBytesPerSecond: 1000, windowMs: 40 }, () => slow++);
		const feed = setInterval(() => (req.socket.bytesRead += 1), 5);
		await sleep(200);
		clearInterval(feed);
		assert.equal(slow, 1, "cut off once");
	});

	it("leaves alone a body at the rate, a window in which the server was not reading, a complete body and rate 0", async () => {
		const fast = fakeRequest();
		const unread = fakeRequest();
		const done = fakeRequest();
		const off = fakeRequest();
		let slow = 0;
		watchRequestRate(fast, { minBytesPerSecond: 1000, windowMs: 40 }, () => slow++);
		watchRequestRate(unread, { minBytesPerSecond: 1000, windowMs: 40 }, () => slow++);
		watchRequestRate(done, { minBytesPerSecond: 1000, windowMs: 40 }, () => slow++);
		watchRequestRate(off, { minBytesPerSecond: 0, windowMs: 40 }, () => slow++);
		unread.readableLength = 16 * 1024; // received, not yet consumed: the server's delay
		const feed = setInterval(() => (fast.socket.bytesRead += 100), 5);
		Object.assign(done, { complete: true });
		done.emit("end");
		await sleep(200);
		clearInterval(feed);
		assert.equal(slow, 0);
	});
});

describe("limitConnections", () => {
	it("closes a client's connection over its cap at once, and frees the place when one closes", async () => {
		const server = createServer();
		limitConnections(server, 100, 2);
		const held: Socket[] = [];
		server.on("connection", (s: Socket) => held.push(s));
		await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
		const port = (server.address() as { port: number }).port;
		const clients: Socket[] = [];
		const open = async (): Promise<Socket> => {
			const s = connect({ port, host: "127.0.0.1" });
			s.on("error", () => undefined);
			clients.push(s);
			await sleep(50);
			return s;
		};
		const live = (): number => held.filter((s) => !s.destroyed).length;
		try {
			const a = await open();
			await open();
			const third = await open();
			assert.equal(live(), 2, "the third connection of one client was closed");
			assert.ok(third.destroyed || third.readableEnded);
			a.destroy();
			await sleep(50);
			await open();
			assert.equal(live(), 2, "a place was freed for the client");
			assert.equal(server.maxConnections, 100);
		} finally {
			for (const s of clients) s.destroy();
			await new Promise<void>((r) => server.close(() => r()));
		}
	});
});
