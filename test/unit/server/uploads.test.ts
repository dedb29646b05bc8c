/** UploadSessions: bounds, expiry, chunks kept whole or not at all, digest checks, restart. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { RegistryHttpError } from "../../../src/server/errors.js";
import { GARBAGE_STEP_BYTES, UploadSessions } from "../../../src/server/uploads.js";
import type { Digest } from "../../../src/oci/digest.js";

const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}` as Digest;
const httpCode = (status: number, code: string) => (e: unknown) => e instanceof RegistryHttpError && e.status === status && e.code === code;

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-uploads-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});
const freshRoot = () => join(base, `r${n++}`);

/** A commit that keeps what it was handed. */
function collector(): { commit: (file: string, size: number) => Promise<void>; got: { data: string; size: number }[] } {
	const got: { data: string; size: number }[] = [];
	return {
		got,
		commit: async (file, size) => {
			got.push({ data: await readFile(file, "utf8"), size });
		},
	};
}

describe("UploadSessions", () => {
	it("chunks, then a closing PUT: the data is hashed and handed to commit once, then the session is gone", async () => {
		const root = freshRoot();
		const s = new UploadSessions(root);
		await s.init();
		try {
			const uuid = await s.start("repo", "c1");
			assert.equal(s.count, 1);
			assert.equal(await s.append("repo", uuid, Readable.from([Buffer.from("hello ")]), { start: 0, end: 5 }), 6);
			assert.equal(await s.append("repo", uuid, Readable.from([Buffer.from("world")])), 11);
			assert.equal(await s.size("repo", uuid), 11);
			await assert.rejects(s.size("other", uuid), httpCode(404, "BLOB_UPLOAD_UNKNOWN"), "a session belongs to its repository");
			const c = collector();
			assert.equal(await s.finish("repo", uuid, sha256("hello world!"), c.commit, Readable.from([Buffer.from("!")])), 12);
			assert.deepEqual(c.got, [{ data: "hello world!", size: 12 }]);
			assert.equal(s.count, 0);
			assert.deepEqual(await readdir(join(root, "_uploads")), []);
		} finally {
			s.close();
		}
	});

	it("collectGarbage runs once per GARBAGE_STEP_BYTES of bodies, all sessions together, rejected chunks included", async () => {
		let calls = 0;
		const s = new UploadSessions(freshRoot(), { collectGarbage: () => calls++ });
		await s.init();
		try {
			const a = await s.start("repo", "c1");
			const b = await s.start("repo", "c2");
			const piece = Buffer.alloc(GARBAGE_STEP_BYTES / 4 + 1, 7); // just over a quarter: 4 pieces pass one step
			const body = (count: number) => Readable.from(Array.from({ length: count }, () => piece));
			await s.append("repo", a, body(3));
			assert.equal(calls, 0, "three quarters and 3 bytes: not yet");
			await s.append("repo", b, body(1));
			assert.equal(calls, 1, "the fourth piece, in another session, completes the step");
			// A chunk longer than its range is rejected, but its bytes were received all the same.
			await assert.rejects(s.append("repo", b, body(4), { start: piece.length, end: piece.length }), httpCode(416, "BLOB_UPLOAD_INVALID"));
			assert.equal(calls, 2);
			assert.equal(await s.size("repo", b), piece.length, "the rejected chunk left nothing");
		} finally {
			s.close();
		}
	});

	it("attack: a client sending a body as thousands of 1-byte chunks costs no more collections than its bytes allow", async () => {
		let calls = 0;
		const s = new UploadSessions(freshRoot(), { collectGarbage: () => calls++ });
		await s.init();
		try {
			const uuid = await s.start("repo", "c1");
			const one = Buffer.from([1]);
			assert.equal(await s.append("repo", uuid, Readable.from(Array.from({ length: 20_000 }, () => one))), 20_000);
			assert.equal(calls, 0, "20,000 bytes are far below one step");
		} finally {
			s.close();
		}
	});

	it("without collectGarbage, bodies of many steps go through as before", async () => {
		const s = new UploadSessions(freshRoot());
		await s.init();
		try {
			const uuid = await s.start("repo", "c1");
			const data = Buffer.alloc(2 * GARBAGE_STEP_BYTES + 5, 1);
			const c = collector();
			assert.equal(await s.finish("repo", uuid, sha256(data), c.commit, Readable.from([data.subarray(0, GARBAGE_STEP_BYTES), data.subarray(GARBAGE_STEP_BYTES)])), data.length);
			assert.equal(c.got[0]?.size, data.length);
		} finally {
			s.close();
		}
	});

	it("a chunk at the wrong offset or of the wrong length leaves nothing; a wrong digest drops the session", async () => {
		const s = new UploadSessions(freshRoot());
		await s.init();
		try {
			const uuid = await s.start("repo");
			await s.append("repo", uuid, Readable.from([Buffer.from("abc")]));
			await assert.rejects(s.append("repo", uuid, Readable.from([Buffer.from("x")]), { start: 5, end: 5 }), httpCode(416, "BLOB_UPLOAD_INVALID"));
			await assert.rejects(s.append("repo", uuid, Readable.from([Buffer.from("defgh")]), { start: 3, end: 4 }), httpCode(416, "BLOB_UPLOAD_INVALID"));
			assert.equal(await s.size("repo", uuid), 3, "the rejected chunks were cut back");
			const c = collector();
			await assert.rejects(s.finish("repo", uuid, sha256("other"), c.commit), httpCode(400, "DIGEST_INVALID"));
			assert.deepEqual(c.got, []);
			await assert.rejects(s.size("repo", uuid), httpCode(404, "BLOB_UPLOAD_UNKNOWN"));
			assert.equal(s.count, 0);
		} finally {
			s.close();
		}
	});

	it("a commit that fails keeps the session (the client may retry the PUT)", async () => {
		const s = new UploadSessions(freshRoot());
		await s.init();
		try {
			const uuid = await s.start("repo");
			await s.append("repo", uuid, Readable.from([Buffer.from("data")]));
			await assert.rejects(
				s.finish("repo", uuid, sha256("data"), async () => {
					throw new Error("disk full");
				}),
				/disk full/,
			);
			assert.equal(await s.size("repo", uuid), 4);
			const c = collector();
			await s.finish("repo", uuid, sha256("data"), c.commit);
			assert.deepEqual(c.got, [{ data: "data", size: 4 }]);
		} finally {
			s.close();
		}
	});

	it("bounds sessions in total and per client with 429 and Retry-After; cancel frees a slot", async () => {
		const s = new UploadSessions(freshRoot(), { maxUploads: 3, maxUploadsPerClient: 2, uploadTtlMs: 60_000 });
		await s.init();
		try {
			const a1 = await s.start("repo", "a");
			await s.start("repo", "a");
			await assert.rejects(s.start("repo", "a"), (e) => httpCode(429, "TOO_MANY_REQUESTS")(e) && Number((e as RegistryHttpError).headers?.["Retry-After"]) >= 59);
			await s.start("repo", "b");
			await assert.rejects(s.start("repo", "c"), httpCode(429, "TOO_MANY_REQUESTS"), "the total bound");
			// concurrent opens cannot pass the bound: the slot is reserved before any await
			await s.cancel("repo", a1);
			const racing = await Promise.allSettled([s.start("repo", "d"), s.start("repo", "e"), s.start("repo", "f")]);
			assert.equal(racing.filter((r) => r.status === "fulfilled").length, 1);
			assert.equal(s.count, 3);
		} finally {
			s.close();
		}
	});

	it("idle sessions expire with their data; a new session is never expired while it is being made", async () => {
		const root = freshRoot();
		const s = new UploadSessions(root, { maxUploads: 1, uploadTtlMs: 0 });
		await s.init();
		try {
			for (let i = 0; i < 20; i++) {
				const uuid = await s.start("repo");
				assert.ok(UUID(uuid));
			}
			assert.ok(s.expireIdle(Date.now() + 1) <= 1);
			for (let i = 0; i < 100 && (await readdir(join(root, "_uploads"))).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
			assert.deepEqual(await readdir(join(root, "_uploads")), []);
		} finally {
			s.close();
		}
	});

	it("a restart continues sessions with their data and drops incomplete or expired ones and _tmp", async () => {
		const root = freshRoot();
		const first = new UploadSessions(root, { uploadTtlMs: 60_000 });
		await first.init();
		const uuid = await first.start("repo", "a");
		await first.append("repo", uuid, Readable.from([Buffer.from("part")]));
		first.close();
		await writeFile(join(root, "_tmp", "left-over"), "x");
		const broken = join(root, "_uploads", "00000000-0000-4000-8000-000000000000");
		await writeFile(join(root, "_uploads", "not-a-session"), "x");
		await rm(broken, { recursive: true, force: true });
		await mkdir(broken);
		await writeFile(join(broken, "data"), "no info.json");

		const again = new UploadSessions(root, { uploadTtlMs: 60_000 });
		await again.init();
		try {
			assert.equal(again.count, 1);
			assert.equal(await again.size("repo", uuid), 4);
			assert.deepEqual(await readdir(join(root, "_uploads")), [uuid]);
			assert.deepEqual(await readdir(join(root, "_tmp")), []);
			const c = collector();
			await again.finish("repo", uuid, sha256("part2"), c.commit, Readable.from([Buffer.from("2")]));
			assert.deepEqual(c.got, [{ data: "part2", size: 5 }]);
		} finally {
			again.close();
		}
		// expired while the server was down
		const third = new UploadSessions(root, { uploadTtlMs: 60_000 });
		await third.init();
		const old = await third.start("repo");
		third.close();
		const late = new UploadSessions(root, { uploadTtlMs: 1 });
		await new Promise((r) => setTimeout(r, 5));
		await late.init();
		late.close();
		assert.equal(late.count, 0);
		await assert.rejects(stat(join(root, "_uploads", old)));
	});

	it("a malformed upload id is BLOB_UPLOAD_UNKNOWN, never a path", async () => {
		const s = new UploadSessions(freshRoot());
		await s.init();
		try {
			await assert.rejects(s.size("repo", "../../etc"), httpCode(404, "BLOB_UPLOAD_UNKNOWN"));
			await assert.rejects(s.cancel("repo", "x"), httpCode(404, "BLOB_UPLOAD_UNKNOWN"));
		} finally {
			s.close();
		}
	});
});

function UUID(s: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
}
