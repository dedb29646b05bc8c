/**
 * Small bodies read whole under their size bound and the metadata timeouts (`readSmallBody`,
 * `timedChunks`), and the transport's one timeout error.
 */
import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";
import { describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import { isRetryableError } from "../../../src/registry/transport/retry.js";
import { readSmallBody, setBodyTimeouts, timedChunks, timeoutError } from "../../../src/registry/transport/body.js";

function stalled(first: string): Readable {
	const body = new Readable({ read() {} });
	body.push(first);
	return body;
}

function rejectsWithTimeout(err: unknown, message: string): boolean {
	assert.ok(OrasError.is(err));
	assert.equal(err.code, "NETWORK_ERROR");
	assert.equal(err.message, message);
	assert.equal((err.cause as NodeJS.ErrnoException).code, "ETIMEDOUT");
	assert.ok(isRetryableError(err));
	return true;
}

describe("readSmallBody", () => {
	it("reads a whole body", async () => {
		const body = Readable.from([Buffer.from("ab"), Buffer.from("cd")]);
		assert.equal((await readSmallBody(body, 4, "manifest")).toString(), "abcd");
	});
	it("refuses a body over the limit and releases it", async () => {
		const body = new PassThrough();
		body.write("abc");
		body.write("def");
		await assert.rejects(readSmallBody(body, 4, "tags list"), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.code, "SIZE_EXCEEDS_LIMIT");
			assert.equal(err.message, "tags list size exceeds the limit of 4 bytes");
			return true;
		});
		assert.ok(body.destroyed);
	});
	it("fails a body that stops sending at the idle timeout, and releases it", async () => {
		const body = stalled('{"partial":');
		setBodyTimeouts(body, { idleMs: 50, totalMs: 0 });
		const start = performance.now();
		await assert.rejects(readSmallBody(body, 1024, "manifest x"), (err) => rejectsWithTimeout(err, "manifest x: no data received for 50 ms (metadata idle timeout)"));
		assert.ok(performance.now() - start < 2000);
		assert.ok(body.destroyed);
	});
	it("fails a trickled body at the total timeout, though each byte comes within the idle timeout", async () => {
		const body = new PassThrough();
		setBodyTimeouts(body, { idleMs: 1000, totalMs: 150 });
		const timer = setInterval(() => body.write("a"), 10);
		try {
			await assert.rejects(readSmallBody(body, 1 << 20, "token reply"), (err) => rejectsWithTimeout(err, "token reply: not received within 150 ms (metadata timeout)"));
		} finally {
			clearInterval(timer);
		}
		assert.ok(body.destroyed);
	});
	it("hands on the body's own errors", async () => {
		const body = new Readable({
			read() {
				this.destroy(new Error("connection reset"));
			},
		});
		await assert.rejects(readSmallBody(body, 1024, "error body"), /connection reset/);
	});
});

describe("timedChunks", () => {
	it("stop() disarms the timers and leaves the rest of the body to the caller", async () => {
		const body = stalled("head");
		const it = timedChunks(body, { idleMs: 30, totalMs: 30 }, (m) => timeoutError(m));
		assert.equal(Buffer.from((await it.next()).value as Uint8Array).toString(), "head");
		it.stop();
		await new Promise((r) => setTimeout(r, 80));
		assert.ok(!body.destroyed, "no timer fired after stop()");
		body.push("tail");
		body.push(null);
		assert.equal(Buffer.from((await it.next()).value as Uint8Array).toString(), "tail");
		assert.equal((await it.next()).done, true);
	});
	it("return() closes the body", async () => {
		const body = stalled("head");
		const it = timedChunks(body, { idleMs: 0, totalMs: 0 }, (m) => timeoutError(m));
		await it.next();
		await it.return();
		assert.ok(body.destroyed);
	});
});

describe("timeoutError", () => {
	it("is an ETIMEDOUT error, or a NETWORK_ERROR naming what when given", () => {
		const plain = timeoutError("no data received for 5 ms");
		assert.equal(plain.code, "ETIMEDOUT");
		assert.equal(plain.message, "no data received for 5 ms");
		assert.ok(!OrasError.is(plain));
		const wrapped = timeoutError("not received within 5 ms (metadata timeout)", "manifest");
		assert.equal(wrapped.message, "manifest: not received within 5 ms (metadata timeout)");
		assert.equal(wrapped.code, "NETWORK_ERROR");
	});
});
