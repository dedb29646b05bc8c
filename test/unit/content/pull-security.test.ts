/**
 * Security of the pull destination below the CLI: the extractor never lets a hard link
 * yield a symlink, partial downloads are never followed through a symlink or shared with
 * another file, and the file store re-checks each path right before it opens or renames,
 * so a symlink that appears while a body is held back does not redirect the write.
 */
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { chown, link, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { FileStore } from "../../../src/content/file/index.js";
import { checkWritePath, realpathLenient, resolveWritePathIn } from "../../../src/content/file/paths.js";
import { extractTarGzip } from "../../../src/content/file/unpack.js";
import { ensureIngestDir, ingestResumable, openPartial, partialPathOf } from "../../../src/content/ingest.js";
import { OrasError, type OrasErrorCode } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { type RawTarEntry, rawTar } from "../../integration/fixtures/hostile.js";

const TITLE = "org.opencontainers.image.title";
const code = (c: OrasErrorCode, msg?: RegExp) => (err: unknown) => OrasError.is(err) && err.code === c && (msg === undefined || msg.test(err.message));

let root: string;
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-ts-pull-security-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

/** `<box>/out` is written to; `<box>/victim.txt` and `<box>/victim-dir` must never change. */
async function sandbox() {
	const box = join(root, `b${n++}`);
	const out = join(box, "out");
	await mkdir(join(box, "victim-dir"), { recursive: true });
	await mkdir(out);
	await writeFile(join(box, "victim.txt"), "VICTIM");
	return { box, out, victim: join(box, "victim.txt"), victimDir: join(box, "victim-dir") };
}

async function assertVictimsIntact(b: { box: string; victim: string; victimDir: string }): Promise<void> {
	assert.equal(await readFile(b.victim, "utf8"), "VICTIM");
	assert.deepEqual(await readdir(b.victimDir), []);
	assert.deepEqual((await readdir(b.box)).sort(), ["out", "victim-dir", "victim.txt"]);
}

async function extract(b: { box: string }, entries: RawTarEntry[], prefix = "d"): Promise<string> {
	const dest = join(b.box, "out", `x${n++}`);
	await mkdir(dest, { mode: 0o777 });
	const gz = join(b.box, "out", `layer${n++}.tgz`);
	await writeFile(gz, gzipSync(rawTar(entries)));
	try {
		await extractTarGzip(gz, dest, prefix, undefined);
	} finally {
		await rm(gz);
	}
	return dest;
}

/** A body that yields its bytes only once `gate` resolves (a registry holding a blob back). */
function heldBody(data: Buffer, gate: Promise<void>): AsyncIterable<Uint8Array> {
	return (async function* () {
		await gate;
		yield data;
	})();
}

function titled(title: string, data: Buffer): Descriptor {
	return descriptorFromBytes("application/octet-stream", data, { annotations: { [TITLE]: title } });
}

describe("extractor: links", () => {
	it("refuses a hard link to a symlink (link(2) would copy the symlink), in any position", async () => {
		const b = await sandbox();
		for (const entries of [
			// the attack
			[{ name: "d/", type: "5" }, { name: "d/a/b/up", type: "2", linkname: "../.." }, { name: "d/esc", type: "1", linkname: "d/a/b/up" }],
			// a harmless-looking symlink hard-linked deeper: its target would change meaning
			[{ name: "d/s", type: "2", linkname: "f" }, { name: "d/x/y/h", type: "1", linkname: "d/s" }],
		] as RawTarEntry[][]) {
			await assert.rejects(extract(b, entries), code("PATH_TRAVERSAL", /hard link to the symbolic link/));
		}
		await assertVictimsIntact(b);
	});

	it("refuses hard links to directories, missing entries and entries outside the prefix; links before their source fail", async () => {
		const b = await sandbox();
		const bad: RawTarEntry[][] = [
			[{ name: "d/sub/", type: "5" }, { name: "d/h", type: "1", linkname: "d/sub" }],
			[{ name: "d/h", type: "1", linkname: "d/later" }, { name: "d/later", type: "0", data: Buffer.from("x") }],
			[{ name: "d/h", type: "1", linkname: "d" }],
			[{ name: "d/h", type: "1", linkname: "e/f" }],
			[{ name: "d/h", type: "1", linkname: "d/../victim.txt" }],
		];
		for (const entries of bad) await assert.rejects(extract(b, entries), (err: unknown) => OrasError.is(err), JSON.stringify(entries));
		await assertVictimsIntact(b);
	});

	it("keeps legitimate hard links (same inode) and in-tree symlinks", async () => {
		const b = await sandbox();
		const dest = await extract(b, [
			{ name: "d/f", type: "0", data: Buffer.from("data") },
			{ name: "d/a/b/up", type: "2", linkname: "../.." },
			{ name: "d/a/h", type: "1", linkname: "d/f" },
			{ name: "d/l", type: "2", linkname: "a/b/up/f" },
		]);
		assert.equal((await lstat(join(dest, "a/h"))).ino, (await lstat(join(dest, "f"))).ino);
		assert.equal(await readFile(join(dest, "l"), "utf8"), "data");
		assert.ok((await lstat(join(dest, "a/b/up"))).isSymbolicLink());
		await assertVictimsIntact(b);
	});
});

describe("ingest: partial files", () => {
	it("openPartial refuses a symlink, a file with another hard link, a directory and a file of another user", async () => {
		const b = await sandbox();
		const ing = join(b.out, ".oras-ts-ingest");
		await mkdir(ing);
		await symlink("../../victim.txt", join(ing, "sym.partial"));
		await assert.rejects(openPartial(join(ing, "sym.partial")), code("INVALID_ARGUMENT", /symbolic link/));
		await writeFile(join(b.out, "mine.txt"), "mine");
		await link(join(b.out, "mine.txt"), join(ing, "hard.partial"));
		await assert.rejects(openPartial(join(ing, "hard.partial")), code("INVALID_ARGUMENT", /other hard links/));
		await mkdir(join(ing, "dir.partial"));
		await assert.rejects(openPartial(join(ing, "dir.partial")), code("INVALID_ARGUMENT", /directory/));
		if (process.getuid?.() === 0) {
			// Only root can give a file away; as another user the case cannot arise from this process.
			await writeFile(join(ing, "theirs.partial"), "x");
			await chown(join(ing, "theirs.partial"), 12345, 12345);
			await assert.rejects(openPartial(join(ing, "theirs.partial")), code("INVALID_ARGUMENT", /another user/));
		}
		const fh = await openPartial(join(ing, "new.partial"));
		assert.ok((await fh.stat()).isFile());
		await fh.close();
		assert.equal(await readFile(join(b.out, "mine.txt"), "utf8"), "mine");
		await assertVictimsIntact(b);
	});

	it("ensureIngestDir refuses a symlink or a file in its place", async () => {
		const b = await sandbox();
		await symlink("../victim-dir", join(b.out, ".oras-ts-ingest"));
		await assert.rejects(ensureIngestDir(join(b.out, ".oras-ts-ingest")), code("INVALID_ARGUMENT", /not a directory/));
		await rm(join(b.out, ".oras-ts-ingest"));
		await writeFile(join(b.out, ".oras-ts-ingest"), "");
		await assert.rejects(ensureIngestDir(join(b.out, ".oras-ts-ingest")), code("INVALID_ARGUMENT", /not a directory/));
		await assertVictimsIntact(b);
	});

	it("ingestResumable never stats, truncates or appends through a planted symlink", async () => {
		const b = await sandbox();
		const data = Buffer.alloc(64 * 1024, 7);
		const desc = descriptorFromBytes("application/octet-stream", data);
		const ing = join(b.out, ".oras-ts-ingest");
		await mkdir(ing);
		const partial = partialPathOf(ing, desc);
		// The victim is smaller (an append) — and bigger (a truncate) — than the blob.
		for (const victimBytes of ["VICTIM", "V".repeat(100 * 1024)]) {
			await writeFile(b.victim, victimBytes);
			await rm(partial, { force: true });
			await symlink("../../victim.txt", partial);
			let opened = 0;
			await assert.rejects(
				ingestResumable(partial, desc, async () => {
					opened++;
					return { body: Readable.from([data]), offset: 0 };
				}),
				code("INVALID_ARGUMENT", /symbolic link/),
			);
			assert.equal(opened, 0, "the source is not even asked");
			assert.equal(await readFile(b.victim, "utf8"), victimBytes);
		}
		await writeFile(b.victim, "VICTIM");
		await assertVictimsIntact(b);
	});
});

describe("checkWritePath: the verdicts of its direct-child shortcut", () => {
	it("a file directly in the working directory passes (also through a symlinked working directory); reserved and escaping names fail", async () => {
		const root = await mkdtemp(join(tmpdir(), "oras-ts-paths-"));
		try {
			const real = join(root, "real");
			await mkdir(join(real, "d"), { recursive: true });
			await mkdir(join(root, "outside"));
			await symlink(real, join(root, "link"));
			await symlink("../outside", join(real, "out"));
			for (const base of [real, join(root, "link")]) {
				checkWritePath(base, join(base, "f.bin"), "f.bin");
				checkWritePath(base, join(base, "d", "f.bin"), "d/f.bin");
				checkWritePath(base, join(base, "new", "f.bin"), "new/f.bin");
				checkWritePath(base, join(base, "..."), "...");
				for (const leaf of [".oras-ts-ingest", ".ORAS-TS-INGEST"]) {
					assert.throws(() => checkWritePath(base, join(base, leaf), leaf), code("INVALID_ARGUMENT", /reserved/), leaf);
				}
				assert.throws(() => checkWritePath(base, join(base, "out", "f.bin"), "out/f.bin"), code("PATH_TRAVERSAL"));
				assert.throws(() => checkWritePath(base, base, "."), code("PATH_TRAVERSAL"));
				assert.throws(() => checkWritePath(base, join(root, "outside", "f.bin"), "../outside/f.bin"), code("PATH_TRAVERSAL"));
			}
			assert.equal(realpathLenient(join(root, "link")), realpathSync.native(real));
			assert.equal(realpathLenient(join(root, "link", "missing", "x")), join(realpathSync.native(real), "missing", "x"));
		} finally {
			await rm(root, { recursive: true, force: true });
		}
	});
});

describe("file store: where a name is written", () => {
	it("a plain file name gives what the general path (resolve, relative, checks) gives for ./name", async () => {
		const root = await mkdtemp(join(tmpdir(), "oras-ts-plain-"));
		try {
			const base = realpathSync.native(root);
			await mkdir(join(base, "sub"));
			await symlink("/", join(base, "up"));
			const outcome = (name: string, allow: boolean): string => {
				try {
					return `ok ${resolveWritePathIn(base, name, allow)}`;
				} catch (err) {
					return `${(err as OrasError).code}`;
				}
			};
			const piece = fc.constantFrom("a", "f.bin", ".", "..", "...", " ", "sub", "up", ".oras-ts-ingest", ".ORAS-ts-Ingest", "é", ":", "\\", "x.tmp");
			fc.assert(
				fc.property(fc.array(piece, { minLength: 1, maxLength: 3 }).map((a) => a.join("")), fc.boolean(), (name, allow) => {
					assert.equal(outcome(name, allow), outcome(`./${name}`, allow), name);
				}),
				{ numRuns: 1500 },
			);
			assert.equal(outcome("f.bin", false), `ok ${join(base, "f.bin")}`);
			assert.equal(outcome(".Oras-Ts-Ingest", true), "INVALID_ARGUMENT");
			assert.equal(resolveWritePathIn("/", "f.bin", true), "/f.bin");
		} finally {
			await rm(root, { recursive: true, force: true });
		}
	});
	it("a hostile title: a symlink at a plain name is replaced, never written through; dot names and escapes are refused", async () => {
		const root = await mkdtemp(join(tmpdir(), "oras-ts-plain-attack-"));
		try {
			const out = join(root, "out");
			await mkdir(out);
			await writeFile(join(root, "victim.txt"), "keep");
			await symlink(join(root, "victim.txt"), join(out, "victim"));
			await symlink(root, join(out, "uplink"));
			const store = new FileStore({ workingDir: out, tempDir: out, syncSmallFiles: true });
			const bytes = Buffer.from("artifact bytes");
			const desc = (title: string): Descriptor => ({ ...descriptorFromBytes("application/octet-stream", bytes), annotations: { "org.opencontainers.image.title": title } });
			await store.push(desc("victim"), Readable.from([bytes]));
			assert.equal(await readFile(join(root, "victim.txt"), "utf8"), "keep");
			assert.equal((await lstat(join(out, "victim"))).isFile(), true);
			assert.equal(await readFile(join(out, "victim"), "utf8"), "artifact bytes");
			for (const [title, want] of [["..", "PATH_TRAVERSAL"], [".", "INVALID_ARGUMENT"], ["../x", "PATH_TRAVERSAL"], ["uplink/x", "PATH_TRAVERSAL"], [".Oras-Ts-Ingest", "INVALID_ARGUMENT"]] as const) {
				await assert.rejects(store.push(desc(title), Readable.from([bytes])), (err: unknown) => OrasError.is(err) && err.code === want, title);
			}
			assert.deepEqual((await readdir(root)).sort(), ["out", "victim.txt"]);
			assert.deepEqual((await readdir(out)).sort(), ["uplink", "victim"]);
			await store.close();
		} finally {
			await rm(root, { recursive: true, force: true });
		}
	});
});

describe("file store: paths re-checked right before open and rename", () => {
	it("a titled file whose parent became a symlink to outside while its body was held back is refused", async () => {
		for (const size of [100, 2 * 1024 * 1024]) {
			// small files (written whole) and big ones (streamed through a temp file)
			const b = await sandbox();
			const data = Buffer.alloc(size, 1);
			const store = new FileStore({ workingDir: b.out, tempDir: b.out });
			let release = () => {};
			const gate = new Promise<void>((r) => (release = r));
			const pushing = store.push(titled("d/f.bin", data), heldBody(data, gate));
			// While the body is held, `out/d` turns into a symlink to outside (as a hostile tree would).
			await new Promise((r) => setTimeout(r, 20));
			await rm(join(b.out, "d"), { recursive: true, force: true });
			await symlink("../victim-dir", join(b.out, "d"));
			release();
			await assert.rejects(pushing, code("PATH_TRAVERSAL"));
			await store.close();
			await rm(join(b.out, "d"));
			await assertVictimsIntact(b);
		}
	});

	it("a resumable download is not renamed through a parent that became a symlink", async () => {
		const b = await sandbox();
		const data = Buffer.alloc(1024 * 1024 + 1, 2);
		const store = new FileStore({ workingDir: b.out, tempDir: b.out });
		await mkdir(join(b.out, "d"));
		await store.pushFrom(titled("d/big.bin", data), async () => {
			// The source answers only after `out/d` was swapped for a symlink to outside.
			await rename(join(b.out, "d"), join(b.out, "d-real"));
			await symlink("../victim-dir", join(b.out, "d"));
			return { body: Readable.from([data]), offset: 0 };
		}).then(
			() => assert.fail("must be refused"),
			(err: unknown) => assert.ok(code("PATH_TRAVERSAL")(err), String(err)),
		);
		await store.close();
		await rm(join(b.out, "d"));
		await assertVictimsIntact(b);
	});

	it("a resumable download whose ingest directory was swapped meanwhile does not write the victim", async () => {
		const b = await sandbox();
		const data = Buffer.alloc(1024 * 1024 + 3, 3);
		const desc = titled("big.bin", data);
		const store = new FileStore({ workingDir: b.out, tempDir: b.out });
		const ing = join(b.out, ".oras-ts-ingest");
		await assert.rejects(
			store.pushFrom(desc, async () => {
				// What the reserved name prevents an artifact from doing: replace the ingest directory by
				// one whose partial file is a symlink to the victim, while the blob is held back.
				await rename(ing, join(b.out, "old-ingest"));
				await mkdir(ing);
				await symlink("../../victim.txt", partialPathOf(ing, desc));
				return { body: Readable.from([data]), offset: 0 };
			}),
			code("INVALID_ARGUMENT", /partial download was replaced/),
		);
		await store.close();
		assert.equal(await readFile(b.victim, "utf8"), "VICTIM");
		assert.equal((await stat(b.victim)).size, 6);
		await assert.rejects(lstat(join(b.out, "big.bin")), /ENOENT/);
		await assertVictimsIntact(b);
	});

	it("refuses titles in the ingest directory (any spelling) and a pre-existing symlinked ingest directory", async () => {
		const b = await sandbox();
		const store = new FileStore({ workingDir: b.out, tempDir: b.out });
		const x = Buffer.from("x");
		for (const t of [".oras-ts-ingest", ".oras-ts-ingest/a", "./.oras-ts-ingest/a", "a/../.oras-ts-ingest/b", ".Oras-Ts-Ingest/c", join(b.out, ".oras-ts-ingest/d")]) {
			await assert.rejects(store.push(titled(t, x), Readable.from([x])), code("INVALID_ARGUMENT", /reserved for partial downloads/), t);
		}
		await symlink("../victim-dir", join(b.out, ".oras-ts-ingest"));
		const big = Buffer.alloc(1024 * 1024, 4);
		await assert.rejects(
			store.pushFrom(titled("big.bin", big), async () => ({ body: Readable.from([big]), offset: 0 })),
			code("INVALID_ARGUMENT", /not a directory/),
		);
		await store.close();
		await rm(join(b.out, ".oras-ts-ingest"));
		await assertVictimsIntact(b);
	});

	it("a directory layer's temp directory swapped during extraction is not renamed into place", async () => {
		const b = await sandbox();
		const tar = rawTar([{ name: "d/", type: "5" }, ...Array.from({ length: 200 }, (_, i): RawTarEntry => ({ name: `d/f${i}`, type: "0", data: Buffer.alloc(512) }))]);
		const gz = gzipSync(tar);
		const desc = descriptorFromBytes("application/vnd.oci.image.layer.v1.tar+gzip", gz, {
			annotations: { [TITLE]: "d", "io.deis.oras.content.digest": digestOf(tar), "io.deis.oras.content.unpack": "true" },
		});
		const store = new FileStore({ workingDir: b.out, tempDir: b.out });
		const pushing = store.push(desc, Readable.from([gz]));
		// It may reject while the loop below still polls: handled here, asserted after the loop.
		pushing.catch(() => undefined);
		// As soon as the private temp directory appears, replace it by a symlink to outside.
		let swapped = false;
		for (let i = 0; i < 2000 && !swapped; i++) {
			const tmp = (await readdir(b.out)).find((f) => f.startsWith(".d.oras-"));
			if (tmp) {
				await rename(join(b.out, tmp), join(b.out, "stolen"));
				swapped = true;
				// The extractor may have made its directory again in between (it is then a different
				// directory, refused all the same); otherwise a symlink to outside takes its place.
				await symlink("../victim-dir", join(b.out, tmp)).catch((err: NodeJS.ErrnoException) => {
					if (err.code !== "EEXIST") throw err;
				});
			} else await new Promise((r) => setImmediate(r));
		}
		assert.ok(swapped, "saw the temp directory");
		await assert.rejects(pushing, code("ABORTED", /moved or replaced/));
		await store.close();
		await assertVictimsIntact(b);
	});
});
