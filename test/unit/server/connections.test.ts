/** The connection bounds of `serve` (src/server/connections.ts): the request watch (idle timeout, minimum rate) and the per-client connection cap. */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { connect, createServer, type Socket } from "node:net";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { performance } from "node:perf_hooks";
import { limitConnections, type RequestCut, type RequestWatchLimits, watchRequest } from "../../../src/server/connections.js";

type FakeRequest = IncomingMessage & { socket: { bytesRead: number; bytesWritten: number; destroyed: boolean }; readableLength: number };

/** A request as the watch sees it: bytes read and written by its socket, buffered unread bytes, completeness. */
function fakeRequest(): FakeRequest {
	const req = new EventEmitter() as unknown as FakeRequest;
	Object.assign(req, { socket: { bytesRead: 0, bytesWritten: 0, destroyed: false }, complete: false, readableLength: 0 });
	return req;
}

/** A response as the watch sees it: headers sent, finished. */
function fakeResponse(): ServerResponse {
	const res = new EventEmitter() as unknown as ServerResponse;
	Object.assign(res, { headersSent: false, writableFinished: false });
	return res;
}

/** The rate watch alone (no idle timeout), as `watchRequestRate` was. */
function watchRequestRate(req: FakeRequest, rate: Omit<RequestWatchLimits, "idleMs">, onSlow: () => void): void {
	watchRequest(req, fakeResponse(), { ...rate, idleMs: 0 }, (why) => {
		assert.equal(why, "slow");
		onSlow();
	});
}

describe("watchRequest: the minimum rate", () => {
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

describe("watchRequest: the idle timeout", () => {
	it("cuts a body that stopped arriving, and a response the client stopped reading, after the timeout (within a quarter more)", async () => {
		const stalledBody = fakeRequest();
		const stalledRead = fakeRequest();
		Object.assign(stalledRead, { complete: true });
		const reading = fakeResponse();
		Object.assign(reading, { headersSent: true });
		const cuts: [string, RequestCut, number][] = [];
		const started = performance.now();
		const limits = { idleMs: 80, minBytesPerSecond: 0, windowMs: 40 };
		watchRequest(stalledBody, fakeResponse(), limits, (why) => cuts.push(["body", why, performance.now() - started]));
		watchRequest(stalledRead, reading, limits, (why) => cuts.push(["response", why, performance.now() - started]));
		stalledBody.socket.bytesRead = 10; // one chunk, then nothing
		for (let i = 0; i < 100 && cuts.length < 2; i++) await sleep(20);
		assert.deepEqual(
			cuts.map(([what, why]) => [what, why]).sort(),
			[
				["body", "idle"],
				["response", "idle"],
			],
		);
		// never before the timeout; a quarter later at most, plus what a loaded machine delays a timer by
		for (const [what, , ms] of cuts) assert.ok(ms >= 79 && ms < 1000, `${what} cut after ${Math.round(ms)} ms`);
	});

	it("leaves alone a body that keeps moving, a response being read, the server's own work, and a closed exchange", async () => {
		const moving = fakeRequest();
		const working = fakeRequest();
		Object.assign(working, { complete: true }); // body read, no answer yet: the server's time
		const sending = fakeRequest();
		Object.assign(sending, { complete: true });
		const sendingRes = fakeResponse();
		Object.assign(sendingRes, { headersSent: true });
		const done = fakeRequest();
		Object.assign(done, { complete: true });
		const doneRes = fakeResponse();
		Object.assign(doneRes, { headersSent: true });
		let cuts = 0;
		const limits = { idleMs: 60, minBytesPerSecond: 0, windowMs: 40 };
		watchRequest(moving, fakeResponse(), limits, () => cuts++);
		watchRequest(working, fakeResponse(), limits, () => cuts++);
		watchRequest(sending, sendingRes, limits, () => cuts++);
		watchRequest(done, doneRes, limits, () => cuts++);
		doneRes.emit("close");
		const feed = setInterval(() => {
			moving.socket.bytesRead += 1;
			sending.socket.bytesWritten += 100;
		}, 10);
		await sleep(250);
		clearInterval(feed);
		assert.equal(cuts, 0);
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
