import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import { hasCode, OrasError } from "../../../src/errors.js";
import {
	algorithmOf,
	Digester,
	digestOf,
	encodedOf,
	isDigest,
	isDigestTag,
	parseDigest,
	referrersTagOf,
	shortDigest,
} from "../../../src/oci/digest.js";

const EMPTY_JSON = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const HI = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";

function code(fn: () => unknown): string {
	try {
		fn();
	} catch (err) {
		assert.ok(OrasError.is(err), `not an OrasError: ${String(err)}`);
		return err.code;
	}
	assert.fail("did not throw");
}

describe("digests of known contents", () => {
	it("`{}`, the empty blob and hello world", () => {
		assert.equal(digestOf(new TextEncoder().encode("{}")), EMPTY_JSON);
		assert.equal(Buffer.from("{}").toString("base64"), "e30=");
		assert.equal(digestOf(new Uint8Array(0)), EMPTY);
		assert.equal(digestOf("hello world\n"), HI);
	});

	it("Digester matches digestOf over chunks, and peek does not finish the hash", () => {
		const d = new Digester();
		d.update(Buffer.from("hello "));
		assert.equal(d.peek(), digestOf("hello "));
		d.update(Buffer.from("world\n"));
		assert.equal(d.digest(), HI);
	});

	it("digestOf (one native call) equals an incremental hash of the same bytes or UTF-8 text, for each algorithm", () => {
		fc.assert(
			fc.property(fc.oneof(fc.uint8Array({ maxLength: 70_000 }), fc.string({ unit: "grapheme", maxLength: 200 })), fc.constantFrom("sha256", "sha384", "sha512"), fc.nat({ max: 16 }), (data, alg, offset) => {
				// A view into a larger buffer hashes only its own bytes.
				const big = Buffer.concat([Buffer.alloc(offset, 0xff), typeof data === "string" ? Buffer.alloc(0) : data, Buffer.alloc(3, 0xee)]);
				const view = typeof data === "string" ? data : new Uint8Array(big.buffer, big.byteOffset + offset, data.length);
				const want = `${alg}:${createHash(alg).update(typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data)).digest("hex")}`;
				assert.equal(digestOf(view, alg as "sha256"), want);
			}),
			{ numRuns: 300 },
		);
	});

	it("sha384 and sha512 digests", () => {
		assert.match(digestOf("x", "sha384"), /^sha384:[a-f0-9]{96}$/);
		assert.match(digestOf("x", "sha512"), /^sha512:[a-f0-9]{128}$/);
		const d = new Digester("sha512");
		d.update(Buffer.from("x"));
		assert.equal(d.digest(), digestOf("x", "sha512"));
	});
});

describe("parseDigest", () => {
	it("accepts sha256, sha384 and sha512 of the right length", () => {
		assert.equal(parseDigest(HI), HI);
		const d384 = `sha384:${"a".repeat(96)}`;
		const d512 = `sha512:${"0".repeat(128)}`;
		assert.equal(parseDigest(d384), d384);
		assert.equal(parseDigest(d512), d512);
		assert.equal(algorithmOf(parseDigest(d384)), "sha384");
		assert.equal(encodedOf(parseDigest(HI)), HI.slice(7));
	});

	it("rejects malformed digests with INVALID_DIGEST", () => {
		for (const bad of [
			"",
			"sha256",
			"sha256:",
			":abc",
			"sha256-abc",
			`SHA256:${"a".repeat(64)}`,
			`sha256:${"A".repeat(64)}`,
			`sha256:${"a".repeat(63)}`,
			`sha256:${"a".repeat(65)}`,
			`sha256:${"g".repeat(64)}`,
			`sha512:${"a".repeat(64)}`,
			`sha384:${"a".repeat(64)}`,
			` ${HI}`,
			`${HI}\n`,
		]) {
			assert.equal(code(() => parseDigest(bad)), "INVALID_DIGEST", bad);
			assert.equal(isDigest(bad), false);
		}
	});

	it("names the reason like go-digest", () => {
		assert.throws(() => parseDigest(`sha256:${"a".repeat(63)}`), /invalid checksum digest length/);
		assert.throws(() => parseDigest(`sha256:${"A".repeat(64)}`), /invalid checksum digest format/);
		assert.throws(() => parseDigest("nope"), /invalid checksum digest format/);
		assert.throws(() => parseDigest("md5:abc"), /unsupported digest algorithm/);
	});

	it("well-formed unknown algorithms are UNSUPPORTED_DIGEST", () => {
		for (const d of ["md5:d41d8cd98f00b204e9800998ecf8427e", "blake3:abc", "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564", "sha1:x"]) {
			const c = code(() => parseDigest(d));
			assert.equal(c, "UNSUPPORTED_DIGEST", d);
		}
		try {
			parseDigest("md5:abc");
		} catch (err) {
			assert.ok(hasCode(err, "UNSUPPORTED_DIGEST"));
		}
	});
});

describe("digest helpers", () => {
	it("short digests print 12 hex characters for sha256 only", () => {
		assert.equal(shortDigest(HI), "a948904f2f0f");
		const d512 = digestOf("x", "sha512");
		assert.equal(shortDigest(d512), d512);
	});

	it("the referrers tag of a manifest digest", () => {
		const v4 = parseDigest("sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c");
		assert.equal(referrersTagOf(v4), "sha256-97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c");
	});

	it("digest tags are hidden by --exclude-digest-tags", () => {
		assert.equal(isDigestTag(`sha256-${"a".repeat(64)}`), true);
		assert.equal(isDigestTag(`sha512-${"b".repeat(128)}`), true);
		assert.equal(isDigestTag(`sha256-${"a".repeat(63)}`), false);
		assert.equal(isDigestTag("v1"), false);
		assert.equal(isDigestTag("sha256"), false);
	});
});
