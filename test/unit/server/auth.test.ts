import assert from "node:assert/strict";
import bcrypt from "bcryptjs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Authenticator, BcryptPool, ExpiringSet, FailureThrottle } from "../../../src/server/auth.js";
import { HTPASSWD_RECHECK_MS, HtpasswdFile, isBcryptHash } from "../../../src/server/htpasswd.js";

/** Made with Debian's `htpasswd -niB -C <cost> u` (apache2-utils), password on stdin. */
const HTPASSWD_VECTORS: [string, string][] = [
	["secret", "$2y$04$wMzJLdwH.oOW9VHzWCLjL.XX1p1svkVFqRKwGlqTBjdHRAA852el6"],
	["secret", "$2y$05$/czsOkuefZeBgz/cm3tMUujZWRRNAV3QiBaFZ1inla8H55cMt./jq"],
	["pässwörd", "$2y$04$jmWva0Xn5T3iKwIIkNMi6uhIdW1hvtaBXQgIxMmcBxjjNt2A9w5d."],
	["", "$2y$04$sWChWWTqrvgZ2hPVWUuHOer8N1nq0jYoWykQ2GK8m3fh/eg87lAdO"],
	["a".repeat(80), "$2y$04$VvPNZkBe/61BFCHb7mHhI.fYfjMuKmxZ0xLGWUg6fLQxyDUD5jxJe"],
	["correct horse battery staple", "$2y$06$kKaANB4VRV5MsMkfVCl3ae8HIEc9RZg47v4Jmw.lzL282pP5WgmcC"],
];

/** The published OpenBSD / jBCrypt `$2a$` test vectors. */
const OPENBSD_VECTORS: [string, string][] = [
	["", "$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s."],
	["abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i"],
	["abcdefghijklmnopqrstuvwxyz", "$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC"],
];

const dir = await mkdtemp(join(tmpdir(), "oras-ts-auth-"));
after(() => rm(dir, { recursive: true, force: true }));

async function htpasswd(users: Record<string, string>, cost = 4): Promise<HtpasswdFile> {
	const path = join(dir, `htpasswd-${Math.random().toString(36).slice(2)}`);
	await writeFile(path, Object.entries(users).map(([u, p]) => `${u}:${bcrypt.hashSync(p, cost)}\n`).join(""));
	const f = new HtpasswdFile(path);
	await f.load();
	return f;
}

describe("htpasswd parsing", () => {
	it("accepts bcrypt ($2y$, $2b$, $2a$) and refuses every other kind with the line number", () => {
		for (const [, h] of [...HTPASSWD_VECTORS, ...OPENBSD_VECTORS]) assert.ok(isBcryptHash(h), h);
		assert.ok(isBcryptHash(bcrypt.hashSync("x", 4)));
		for (const h of ["$apr1$abc$def", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", "plain", "$2y$03$" + "a".repeat(53), "$2y$32$" + "a".repeat(53), "$2y$04$" + "a".repeat(52), "$2x$04$" + "a".repeat(53)]) {
			assert.ok(!isBcryptHash(h), h);
		}
		const users = HtpasswdFile.parse(`# comment\n\nalice:${HTPASSWD_VECTORS[0]![1]}\r\nbob:${OPENBSD_VECTORS[0]![1]}\n`);
		assert.deepEqual([...users.keys()], ["alice", "bob"]);
		assert.throws(() => HtpasswdFile.parse(`alice:${HTPASSWD_VECTORS[0]![1]}\nbob:$apr1$x$y\n`, "hp"), /^Error: hp:2: the hash of "bob" is not bcrypt/);
		assert.throws(() => HtpasswdFile.parse("nocolon\n", "hp"), /hp:1: expected user:hash/);
	});
});

describe("BcryptPool", () => {
	it("verifies htpasswd -B and OpenBSD vectors in a worker; a wrong password or a broken hash is false", async () => {
		const pool = new BcryptPool(2);
		try {
			for (const [pw, h] of [...HTPASSWD_VECTORS, ...OPENBSD_VECTORS]) {
				assert.equal(await pool.compare(pw, h), true, h);
				assert.equal(await pool.compare(`x${pw}`, h), false, h);
			}
			assert.equal(await pool.compare("x", "$2y$04$broken"), false);
			// many at once: every answer arrives, the queue drains
			const many = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.compare(i % 2 ? "secret" : "nope", HTPASSWD_VECTORS[0]![1])));
			assert.deepEqual(many, Array.from({ length: 20 }, (_, i) => i % 2 === 1));
			assert.equal(pool.pending, 0);
		} finally {
			await pool.close();
		}
	});

	it("keeps the event loop free while hashing (cost 12)", async () => {
		const pool = new BcryptPool(1);
		const hash = bcrypt.hashSync("pw", 12);
		try {
			const work = Promise.all([pool.compare("a", hash), pool.compare("b", hash)]);
			let maxGap = 0;
			let last = Date.now();
			const timer = setInterval(() => {
				const now = Date.now();
				maxGap = Math.max(maxGap, now - last);
				last = now;
			}, 5);
			await work;
			clearInterval(timer);
			assert.ok(maxGap < 150, `the event loop stalled ${maxGap} ms`);
		} finally {
			await pool.close();
		}
	});

	it("close rejects what is still queued", async () => {
		const pool = new BcryptPool(1);
		const hash = bcrypt.hashSync("pw", 10);
		const running = pool.compare("pw", hash).catch((e: Error) => e);
		const queued = assert.rejects(pool.compare("pw", hash), /closed/);
		await pool.close();
		await queued;
		await running;
	});
});

describe("ExpiringSet", () => {
	it("forgets entries after the TTL and never holds more than its size", () => {
		const s = new ExpiringSet(1000, 3);
		s.add("a", 0);
		assert.ok(s.has("a", 999));
		assert.ok(!s.has("a", 1000));
		for (let i = 0; i < 100; i++) s.add(`k${i}`, 0);
		assert.equal(s.size, 3);
		assert.ok(s.has("k99", 1) && s.has("k97", 1) && !s.has("k96", 1));
		const none = new ExpiringSet(1000, 0);
		none.add("x");
		assert.equal(none.size, 0);
	});
});

describe("FailureThrottle", () => {
	const limits = { maxFailures: 3, failureWindowMs: 10_000, maxTrackedClients: 100 };

	it("blocks a client after maxFailures within the window, counting attempts in flight, and says for how long", () => {
		const t = new FailureThrottle(limits);
		assert.equal(t.blocked("a", 0), undefined);
		t.fail("a", 0);
		t.begin("a", 1000);
		t.begin("a", 1000);
		assert.equal(t.blocked("a", 1000), 9, "two in flight + one failure");
		assert.equal(t.blocked("b", 1000), undefined, "other clients are not affected");
		t.settle("a", true, 2000);
		assert.equal(t.blocked("a", 2000), undefined, "a success frees its slot");
		t.settle("a", false, 2000);
		t.fail("a", 2500);
		assert.equal(t.blocked("a", 2500), 8);
		assert.equal(t.blocked("a", 9999), 1);
		assert.equal(t.blocked("a", 10_000), undefined, "a new window");
	});

	it("tracks at most maxTrackedClients", () => {
		const t = new FailureThrottle(limits);
		for (let i = 0; i < 10_000; i++) t.fail(`10.0.${i >> 8}.${i & 255}`, i);
		assert.ok(t.size <= 100, `${t.size} clients tracked`);
		// the newest are remembered
		t.fail("10.0.39.15", 10_000);
		t.fail("10.0.39.15", 10_000);
		assert.equal(t.blocked("10.0.39.15", 10_000), 10);
	});
});

describe("Authenticator", () => {
	it("hashes a credential once (concurrent requests share it), then answers from the cache", async () => {
		const auth = new Authenticator(await htpasswd({ alice: "pw", bob: "other" }), { workers: 1 });
		try {
			const results = await Promise.all(Array.from({ length: 5 }, () => auth.authenticate("c1", "alice", "pw")));
			assert.ok(results.every((r) => r.kind === "ok"));
			assert.equal(auth.hashes, 1);
			assert.equal((await auth.authenticate("c2", "alice", "pw")).kind, "ok");
			assert.equal(auth.hashes, 1);
			// a wrong password is hashed once; repeating it costs nothing and is no new strike
			assert.equal((await auth.authenticate("c1", "bob", "wrong")).kind, "denied");
			for (let i = 0; i < 20; i++) assert.equal((await auth.authenticate("c1", "bob", "wrong")).kind, "denied");
			assert.equal(auth.hashes, 2);
			// an unknown user is never hashed
			assert.equal((await auth.authenticate("c3", "mallory", "pw")).kind, "denied");
			assert.equal(auth.hashes, 2);
		} finally {
			await auth.close();
		}
	});

	it("throttles a guesser after maxFailures, and everyone when too many hashes are pending", async () => {
		// cost 10 (tens of ms a hash): no hash finishes while the concurrent calls below are being admitted
		const auth = new Authenticator(await htpasswd({ alice: "pw" }, 10), { workers: 1, maxFailures: 3, maxPendingHashes: 4, maxHashesPerClient: 3 });
		try {
			const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => auth.authenticate("guesser", "alice", `g${i}`)));
			assert.deepEqual(guesses.map((g) => g.kind).sort(), ["denied", "denied", "denied", "throttled", "throttled", "throttled", "throttled", "throttled"]);
			assert.equal(auth.hashes, 3);
			const r = await auth.authenticate("guesser", "alice", "pw");
			assert.equal(r.kind, "throttled");
			assert.ok(r.kind === "throttled" && r.retryAfterSeconds >= 1 && r.retryAfterSeconds <= 60);
			// many clients at once: no more than maxPendingHashes run, the rest are told to retry in 1 s
			const wide = await Promise.all(Array.from({ length: 10 }, (_, i) => auth.authenticate(`client-${i}`, "alice", `w${i}`)));
			assert.equal(wide.filter((w) => w.kind === "denied").length, 4);
			for (const w of wide.filter((x) => x.kind === "throttled")) assert.deepEqual(w, { kind: "throttled", retryAfterSeconds: 1 });
			// the right password from a fresh client still works
			assert.equal((await auth.authenticate("fresh", "alice", "pw")).kind, "ok");
		} finally {
			await auth.close();
		}
	});

	it("hashes at most maxHashesPerClient guesses of one client at a time, so a first login is not queued behind a flood", async () => {
		const auth = new Authenticator(await htpasswd({ alice: "pw" }), { workers: 1, maxFailures: 100, maxHashesPerClient: 2 });
		try {
			const flood = Array.from({ length: 12 }, (_, i) => auth.authenticate("guesser", "alice", `g${i}`));
			// while the flood is answered, another client's first login needs one hash behind at most two
			const legit = await auth.authenticate("other", "alice", "pw");
			assert.equal(legit.kind, "ok");
			const kinds = (await Promise.all(flood)).map((g) => g.kind);
			assert.equal(kinds.filter((k) => k === "denied").length, 2);
			assert.equal(kinds.filter((k) => k === "throttled").length, 10);
			assert.equal(auth.hashes, 3);
		} finally {
			await auth.close();
		}
	});

	it("looks at the file at most once per HTPASSWD_RECHECK_MS, and then sees a change", async () => {
		const file = await htpasswd({ alice: "old" });
		const before = file.hashOf("alice");
		await writeFile(file.path, `alice:${bcrypt.hashSync("new", 4)}\n`);
		await Promise.all([file.refresh(), file.refresh()]);
		assert.equal(file.hashOf("alice"), before, "not looked at again within the period after load");
		await sleep(HTPASSWD_RECHECK_MS);
		const looks = [file.refresh(), file.refresh()];
		assert.equal(looks[0], looks[1], "concurrent callers share one look");
		await Promise.all(looks);
		assert.notEqual(file.hashOf("alice"), before);
		assert.equal(isBcryptHash(file.hashOf("alice")!), true);
	});

	it("follows the file: a changed password takes effect, a broken file keeps the last good copy", async () => {
		const file = await htpasswd({ alice: "old" });
		const auth = new Authenticator(file, { workers: 1 });
		try {
			assert.equal((await auth.authenticate("c", "alice", "old")).kind, "ok");
			await writeFile(file.path, `alice:${bcrypt.hashSync("new", 4)}\n# changed\n`);
			await sleep(HTPASSWD_RECHECK_MS); // the file is looked at once per HTPASSWD_RECHECK_MS
			assert.equal((await auth.authenticate("c", "alice", "old")).kind, "denied");
			assert.equal((await auth.authenticate("c", "alice", "new")).kind, "ok");
			await writeFile(file.path, "alice:$apr1$not$bcrypt\n");
			await sleep(HTPASSWD_RECHECK_MS);
			assert.equal((await auth.authenticate("c", "alice", "new")).kind, "ok");
		} finally {
			await auth.close();
		}
	});
});
