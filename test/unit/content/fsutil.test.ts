import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { randomSuffix, writeFileAtomic, writeFileAtomicSync } from "../../../src/content/internal/fsutil.js";

let dir: string;
before(async () => {
	dir = await mkdtemp(join(tmpdir(), "oras-fsutil-test-"));
});
after(async () => {
	await rm(dir, { recursive: true, force: true });
});

const umask = process.umask();
const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe("the atomic writes", () => {
	it("writeFileAtomic replaces a file whole, with the default or given mode, and leaves no temp file", async () => {
		const target = join(dir, "a.json");
		await writeFile(target, "old");
		await writeFileAtomic(target, "new contents");
		assert.equal(await readFile(target, "utf8"), "new contents");
		await writeFileAtomic(join(dir, "b.json"), new Uint8Array([1, 2, 3]), { mode: 0o600, durable: true });
		assert.deepEqual([...(await readFile(join(dir, "b.json")))], [1, 2, 3]);
		assert.equal(await modeOf(join(dir, "b.json")), 0o600 & ~umask);
		await writeFileAtomic(join(dir, "c.json"), "x");
		assert.equal(await modeOf(join(dir, "c.json")), 0o644 & ~umask);
		assert.deepEqual((await readdir(dir)).sort(), ["a.json", "b.json", "c.json"]);
	});

	it("writeFileAtomic into a missing directory fails and leaves the target alone", async () => {
		await assert.rejects(writeFileAtomic(join(dir, "missing", "x.json"), "x"), (err: NodeJS.ErrnoException) => err.code === "ENOENT");
	});

	it("writeFileAtomicSync makes the directory, runs the check before the rename, and cleans up when it throws", async () => {
		const target = join(dir, "sync", "deep", "f.txt");
		let checks = 0;
		writeFileAtomicSync(target, Buffer.from("hi"), 0o666, () => {
			checks++;
		});
		assert.equal(checks, 2);
		assert.equal(await readFile(target, "utf8"), "hi");
		let n = 0;
		assert.throws(
			() =>
				writeFileAtomicSync(target, Buffer.from("changed"), 0o666, () => {
					if (++n === 2) throw new Error("path changed");
				}),
			/path changed/,
		);
		assert.equal(await readFile(target, "utf8"), "hi");
		assert.deepEqual(await readdir(join(dir, "sync", "deep")), ["f.txt"]);
	});

	it("writeFileAtomicSync under a file (not a directory) fails with mkdir's error and leaves nothing", async () => {
		await writeFile(join(dir, "plain"), "x");
		assert.throws(() => writeFileAtomicSync(join(dir, "plain", "sub", "f.txt"), Buffer.from("hi")), (err: NodeJS.ErrnoException) => {
			assert.ok(err.code === "ENOTDIR" || err.code === "EEXIST", String(err.code));
			assert.equal(err.syscall, "mkdir");
			return true;
		});
		assert.equal(await readFile(join(dir, "plain"), "utf8"), "x");
	});
});

describe("randomSuffix", () => {
	it("gives 16 hex digits, distinct across many calls (the random pool refills)", () => {
		const seen = new Set<string>();
		for (let i = 0; i < 2000; i++) {
			const s = randomSuffix();
			assert.match(s, /^[0-9a-f]{16}$/);
			seen.add(s);
		}
		assert.equal(seen.size, 2000);
	});
});
