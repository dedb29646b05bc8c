import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { bcryptBase64Decode, bcryptBase64Encode, bcryptHash, bcryptVerify, parseBcrypt, piFractionWords } from "../../../src/server/bcrypt.js";
import { HtpasswdFile } from "../../../src/server/htpasswd.js";

/** Made with Debian's `htpasswd -niB -C <cost> u` (apache2-utils), password on stdin. */
const HTPASSWD_VECTORS: [string, string][] = [
	["secret", "$2y$04$wMzJLdwH.oOW9VHzWCLjL.XX1p1svkVFqRKwGlqTBjdHRAA852el6"],
	["secret", "$2y$05$/czsOkuefZeBgz/cm3tMUujZWRRNAV3QiBaFZ1inla8H55cMt./jq"],
	["pässwörd", "$2y$04$jmWva0Xn5T3iKwIIkNMi6uhIdW1hvtaBXQgIxMmcBxjjNt2A9w5d."],
	["", "$2y$04$sWChWWTqrvgZ2hPVWUuHOer8N1nq0jYoWykQ2GK8m3fh/eg87lAdO"],
	["a".repeat(80), "$2y$04$VvPNZkBe/61BFCHb7mHhI.fYfjMuKmxZ0xLGWUg6fLQxyDUD5jxJe"],
	["correct horse battery staple", "$2y$06$kKaANB4VRV5MsMkfVCl3ae8HIEc9RZg47v4Jmw.lzL282pP5WgmcC"],
	["x", "$2y$06$cU5b.CNYwyTC0JMynhJ0V.0Djft6fok2SaPh2yANypRxPXjIwpXwa"],
];

/** The published OpenBSD / jBCrypt `$2a$` test vectors. */
const OPENBSD_VECTORS: [string, string][] = [
	["", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."],
	["a", "$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe"],
	["abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"],
	["abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC"],
];

describe("bcrypt", () => {
	it("derives Blowfish's initial state from pi", () => {
		const w = piFractionWords(1042);
		assert.equal(w[0], 0x243f6a88); // P[0]
		assert.equal(w[17], 0x8979fb1b); // P[17]
		assert.equal(w[18], 0xd1310ba6); // S0[0]
		assert.equal(w[1041], 0x3ac372e6); // S3[255]
	});

	it("verifies hashes made by htpasswd -B", () => {
		for (const [pw, hash] of HTPASSWD_VECTORS) assert.equal(bcryptVerify(pw, hash), true, `${JSON.stringify(pw)} ${hash}`);
	});

	it("verifies the OpenBSD $2a$ vectors", () => {
		for (const [pw, hash] of OPENBSD_VECTORS) assert.equal(bcryptVerify(pw, hash), true, `${JSON.stringify(pw)} ${hash}`);
	});

	it("refuses wrong passwords", () => {
		assert.equal(bcryptVerify("Secret", HTPASSWD_VECTORS[0]![1]), false);
		assert.equal(bcryptVerify("secret ", HTPASSWD_VECTORS[0]![1]), false);
		assert.equal(bcryptVerify("passwörd", HTPASSWD_VECTORS[2]![1]), false);
		assert.equal(bcryptVerify("x", HTPASSWD_VECTORS[3]![1]), false);
		assert.equal(bcryptVerify("a".repeat(71), HTPASSWD_VECTORS[4]![1]), false);
	});

	it("only the first 72 bytes of a password count", () => {
		assert.equal(bcryptVerify("a".repeat(72), HTPASSWD_VECTORS[4]![1]), true);
		assert.equal(bcryptVerify("a".repeat(200), HTPASSWD_VECTORS[4]![1]), true);
	});

	it("$2a$, $2b$ and $2y$ are the same computation", () => {
		const [pw, hash] = HTPASSWD_VECTORS[1]!;
		for (const v of ["2a", "2b", "2y"]) assert.equal(bcryptVerify(pw, hash.replace("$2y$", `$${v}$`)), true, v);
		assert.equal(bcryptVerify(pw, hash.replace("$2y$", "$2x$")), false);
	});

	it("bcryptHash reproduces a hash from its salt", () => {
		const [pw, hash] = HTPASSWD_VECTORS[0]!;
		const parsed = parseBcrypt(hash);
		assert.ok(parsed);
		assert.equal(parsed.cost, 4);
		assert.equal(bcryptHash(pw, parsed.salt, parsed.cost), hash);
	});

	it("rejects malformed hashes", () => {
		for (const bad of ["", "$2y$04$short", "$1$abc$def", "$2y$03$wMzJLdwH.oOW9VHzWCLjL.XX1p1svkVFqRKwGlqTBjdHRAA852el6", "$2y$04$wMzJLdwH.oOW9VHzWCLjL.XX1p1svkVFqRKwGlqTBjdHRAA852el6x"]) {
			assert.equal(parseBcrypt(bad), undefined, bad);
			assert.equal(bcryptVerify("secret", bad), false, bad);
		}
	});

	it("bcrypt base64 round-trips", () => {
		const bytes = Uint8Array.from({ length: 23 }, (_, i) => (i * 37 + 11) & 0xff);
		const text = bcryptBase64Encode(bytes);
		assert.equal(text.length, 31);
		assert.deepEqual(bcryptBase64Decode(text, 23), bytes);
		assert.equal(bcryptBase64Decode("!!!!", 3), undefined);
	});

	it("verifies fresh hashes from the htpasswd tool", () => {
		const probe = spawnSync("sh", ["-c", "command -v htpasswd"], { encoding: "utf8" });
		assert.equal(probe.status, 0, "htpasswd is not installed: run 'apt-get install -y apache2-utils'");
		for (const pw of ["fresh-pass", "ünï cödé ✓", "with:colon"]) {
			const r = spawnSync("htpasswd", ["-niB", "-C", "4", "user"], { input: pw, encoding: "utf8", timeout: 10_000 });
			assert.equal(r.status, 0, r.stderr);
			const hash = r.stdout.trim().slice("user:".length);
			assert.equal(bcryptVerify(pw, hash), true, pw);
			assert.equal(bcryptVerify(`${pw}!`, hash), false, pw);
		}
	});
});

describe("htpasswd file", () => {
	it("parses bcrypt entries and refuses other hash kinds", () => {
		const users = HtpasswdFile.parse(`# comment\nalice:${HTPASSWD_VECTORS[0]![1]}\n\nbob:${HTPASSWD_VECTORS[2]![1]}\r\n`);
		assert.deepEqual([...users.keys()], ["alice", "bob"]);
		assert.throws(() => HtpasswdFile.parse("carol:$apr1$abc$def"), /not bcrypt/);
		assert.throws(() => HtpasswdFile.parse("no-colon"), /expected user:hash/);
	});
});
