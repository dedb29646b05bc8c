/**
 * Small objects read whole and verified (`readAllVerified`, `readAllLimited`, `verifyBytes`),
 * and bodies that hand on a buffer already read (`bufferedBody`) instead of copying it again.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { bufferedBody, readAllLimited, readAllVerified, verifyBytes } from "../../../src/content/verify.js";
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
