/**
 * Small objects read whole and verified (`readAllVerified`, `readAllLimited`, `verifyBytes`),
 * and bodies that hand on a buffer already read (`bufferedBody`) instead of copying it again.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { countingBody } from "../../../src/content/ingest.js";
import { bufferedBody, peekBufferedBytes, readAllLimited, readAllVerified, rebufferedBody, takeBufferedBytes, verifyBytes } from "../../../src/content/verify.js";
import { OrasError } from "../../../src/errors.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";

const BYTES = Buffer.from('{"schemaVersion":2}');
const DESC: Descriptor = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: digestOf(BYTES), size: BYTES.length };

function rejectsCode(code: string, message: RegExp) {
	return (err: unknown) => {
		assert.ok(OrasError.is(err));
		assert.equal(err.code, code);
		assert.match(err.message, message);
		return true;
	};
}

describe("verifyBytes", () => {
	it("returns bytes matching size and digest", () => {
		assert.equal(verifyBytes(BYTES, DESC), BYTES);
	});
	it("fails as readAllVerified does: trailing data, short, mismatched digest", async () => {
		for (const [bytes, code, message] of [
			[Buffer.concat([BYTES, Buffer.from("x")]), "TRAILING_DATA", /trailing data: more than the expected \d+ bytes$/],
			[BYTES.subarray(1), "UNEXPECTED_EOF", /unexpected EOF: got \d+ of \d+ bytes$/],
			[Buffer.from(BYTES).fill(0x20, 0, 1), "DIGEST_MISMATCH", /^mismatched digest: expected sha256:/],
		] as const) {
			assert.throws(() => verifyBytes(bytes, DESC), rejectsCode(code, message));
			await assert.rejects(readAllVerified([bytes], DESC), rejectsCode(code, message));
		}
	});
});

describe("bufferedBody", () => {
	it("hands its verified buffer on to readAllVerified without copying it", async () => {
		const bytes = Buffer.from(BYTES);
		const body = bufferedBody(bytes, DESC);
		assert.equal(await readAllVerified(body, DESC), bytes, "the same buffer");
		assert.ok(body.destroyed, "the body is used up");
	});
	it("refuses bytes that do not match the descriptor it is made with", () => {
		assert.throws(() => bufferedBody(BYTES.subarray(1), DESC), rejectsCode("UNEXPECTED_EOF", /unexpected EOF/));
	});
	it("is verified against another descriptor when asked for other content", async () => {
		const other: Descriptor = { ...DESC, digest: digestOf(Buffer.from("other")) };
		await assert.rejects(readAllVerified(bufferedBody(Buffer.from(BYTES), DESC), other), rejectsCode("DIGEST_MISMATCH", /mismatched digest/));
		await assert.rejects(readAllVerified(bufferedBody(Buffer.from(BYTES)), other), rejectsCode("DIGEST_MISMATCH", /mismatched digest/));
		const bytes = Buffer.from(BYTES);
		assert.equal(await readAllVerified(bufferedBody(bytes), DESC), bytes, "an unverified buffer is checked, not copied");
	});
	it("hands its buffer to readAllLimited within the limit, and refuses it beyond", async () => {
		const bytes = Buffer.from(BYTES);
		assert.equal(await readAllLimited(bufferedBody(bytes), 1024, "manifest"), bytes);
		await assert.rejects(readAllLimited(bufferedBody(bytes), 4, "manifest"), rejectsCode("SIZE_EXCEEDS_LIMIT", /^manifest size exceeds the limit of 4 bytes$/));
	});
	it("keeps readAllVerified's limit before anything else", async () => {
		await assert.rejects(readAllVerified(bufferedBody(Buffer.from(BYTES), DESC), DESC, 4), rejectsCode("SIZE_EXCEEDS_LIMIT", /exceeds the limit of 4 bytes/));
	});
	it("is an ordinary stream when read some other way first", async () => {
		const bytes = Buffer.from(BYTES);
		const body = bufferedBody(bytes, DESC);
		const chunks: Buffer[] = [];
		for await (const c of body) chunks.push(c as Buffer);
		assert.deepEqual(Buffer.concat(chunks), bytes);
		assert.equal((await readAllLimited(body, 1024)).length, 0, "nothing left to read");
	});
	it("does not change plain bodies", async () => {
		assert.deepEqual(await readAllVerified(Readable.from([BYTES.subarray(0, 5), BYTES.subarray(5)]), DESC), BYTES);
	});
});

describe("rebufferedBody, takeBufferedBytes and countingBody over a whole body", () => {
	it("takeBufferedBytes hands over the buffer once and uses the body up; other bodies are left as they are", async () => {
		const bytes = Buffer.from(BYTES);
		const body = bufferedBody(bytes);
		assert.equal(takeBufferedBytes(body), bytes, "the same buffer, not a copy");
		assert.equal(takeBufferedBytes(body), undefined, "once");
		assert.equal(body.destroyed, true);
		const plain = Readable.from([BYTES]);
		assert.equal(takeBufferedBytes(plain), undefined);
		assert.deepEqual(await readAllVerified(plain, DESC), BYTES, "a plain body is still readable");
		const read = bufferedBody(Buffer.from(BYTES));
		for await (const _ of read) break;
		assert.equal(takeBufferedBytes(read), undefined, "a body read as a stream has no whole bytes left");
	});
	it("rebufferedBody calls onRead once whether its bytes are taken whole or read as a stream, and never when unread", async () => {
		let taken = 0;
		const a = rebufferedBody(bufferedBody(Buffer.from(BYTES), DESC), () => taken++);
		assert.ok(a !== undefined);
		assert.equal(taken, 0, "not before anyone reads");
		assert.deepEqual(await readAllVerified(a, DESC), BYTES);
		assert.equal(taken, 1);
		await assert.rejects(readAllVerified(a, DESC), "used up: a destroyed stream");
		assert.equal(taken, 1, "once");
		let streamed = 0;
		const b = rebufferedBody(bufferedBody(Buffer.from(BYTES)), () => streamed++);
		assert.ok(b !== undefined);
		const chunks: Buffer[] = [];
		for await (const c of b) chunks.push(c as Buffer);
		assert.deepEqual(Buffer.concat(chunks), BYTES);
		assert.equal(streamed, 1);
		let never = 0;
		const c = rebufferedBody(bufferedBody(Buffer.from(BYTES)), () => never++);
		c?.destroy();
		assert.equal(never, 0);
		assert.equal(rebufferedBody(Readable.from([BYTES]), () => never++), undefined, "not for a plain body");
	});
	it("rebufferedBody keeps what the bytes were verified against, and checks them when they were not", async () => {
		const other: Descriptor = { ...DESC, digest: digestOf(Buffer.from("other")) };
		const verified = rebufferedBody(bufferedBody(Buffer.from(BYTES), DESC), () => {});
		assert.ok(verified !== undefined);
		await assert.rejects(readAllVerified(verified, other), rejectsCode("DIGEST_MISMATCH", /mismatched digest/));
		const longer = rebufferedBody(bufferedBody(Buffer.concat([BYTES, Buffer.from("x")])), () => {});
		assert.ok(longer !== undefined);
		await assert.rejects(readAllVerified(longer, DESC), rejectsCode("TRAILING_DATA", /trailing data/));
	});
	it("countingBody keeps a whole body whole and counts it once, from the start offset, when it is taken", async () => {
		const seen: number[] = [];
		const counted = countingBody(bufferedBody(Buffer.from(BYTES)), (n) => seen.push(n), 100);
		assert.ok(peekBufferedBytes(counted) !== undefined, "still whole");
		assert.deepEqual(seen, []);
		assert.deepEqual(await readAllVerified(counted, DESC), BYTES);
		assert.deepEqual(seen, [100 + BYTES.length]);
		const streamed: number[] = [];
		const plain = countingBody(Readable.from([BYTES.subarray(0, 5), BYTES.subarray(5)]), (n) => streamed.push(n));
		assert.equal(peekBufferedBytes(plain), undefined);
		assert.deepEqual(await readAllVerified(plain, DESC), BYTES);
		assert.deepEqual(streamed, [5, BYTES.length], "a stream is counted chunk by chunk, as before");
		const empty: number[] = [];
		const none = countingBody(bufferedBody(Buffer.alloc(0)), (n) => empty.push(n));
		assert.equal((await readAllLimited(none, 10)).length, 0);
		assert.deepEqual(empty, [], "an empty body reports nothing, as a stream of no chunks");
	});
});
