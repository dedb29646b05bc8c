import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { Header } from "tar";
import * as tar from "tar";
import { peekBufferedBytes } from "../../../src/content/verify.js";
import { FileStore, type WrittenFile } from "../../../src/content/file/index.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import type { Digest } from "../../../src/oci/digest.js";
import { encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}` as Digest;
const HI = Buffer.from("hello world\n");
const TITLE = "org.opencontainers.image.title";
const hiDesc = (title: string): Descriptor => ({
	mediaType: MediaType.ImageLayer,
	digest: "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447" as Digest,
	size: 12,
	annotations: { [TITLE]: title },
});

let root: string;
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-file-test-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

/** A fresh sandbox: `<box>/out` is the working dir, `<box>/outside` must stay untouched. */
async function sandbox(): Promise<{ box: string; out: string; outside: string; temp: string }> {
	const box = join(root, `b${n++}`);
	const out = join(box, "out");
	const outside = join(box, "outside");
	const temp = join(box, "tmp");
	await mkdir(out, { recursive: true });
	await mkdir(outside);
	await mkdir(temp);
	await writeFile(join(outside, "secret"), "secret");
	return { box, out, outside, temp };
}

async function readAll(r: AsyncIterable<unknown>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of r) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

async function assertOutsideUntouched(box: { outside: string; box: string }): Promise<void> {
	assert.deepEqual(await readdir(box.outside), ["secret"]);
	assert.equal(await readFile(join(box.outside, "secret"), "utf8"), "secret");
	assert.deepEqual((await readdir(box.box)).sort(), ["out", "outside", "tmp"]);
}

interface RawEntry {
	readonly path: string;
	readonly type: "File" | "Directory" | "SymbolicLink" | "Link" | "CharacterDevice" | "FIFO";
	readonly body?: string;
	readonly linkpath?: string;
}

/** A tar written header by header (node-tar's Header), so hostile archives can be made. */
function rawTar(entries: readonly RawEntry[]): Buffer {
	const parts: Buffer[] = [];
	for (const e of entries) {
		const body = Buffer.from(e.body ?? "");
		const block = Buffer.alloc(512);
		new Header({
			path: e.path,
			type: e.type,
			size: e.type === "File" ? body.length : 0,
			mode: e.type === "Directory" ? 0o755 : 0o644,
			mtime: new Date("2020-01-02T03:04:05Z"),
			linkpath: e.linkpath ?? "",
			uid: 0,
			gid: 0,
			uname: "",
			gname: "",
			devmaj: e.type === "CharacterDevice" ? 1 : 0,
			devmin: e.type === "CharacterDevice" ? 3 : 0,
		}).encode(block, 0);
		parts.push(block);
		if (e.type === "File" && body.length > 0) {
			parts.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
		}
	}
	parts.push(Buffer.alloc(1024));
	return Buffer.concat(parts);
}

/** A directory layer (tar+gzip) descriptor with the oras unpack annotations. */
function dirLayer(title: string, tarBytes: Buffer, tarDigest = sha256(tarBytes)): { desc: Descriptor; gz: Buffer } {
	const gz = gzipSync(tarBytes);
	return {
		gz,
		desc: {
			mediaType: MediaType.ImageLayerGzip,
			digest: sha256(gz),
			size: gz.length,
			annotations: { [TITLE]: title, "io.deis.oras.content.digest": tarDigest, "io.deis.oras.content.unpack": "true" },
		},
	};
}

const code = (c: string, msg?: RegExp) => (e: unknown) => hasCode(e, c as never) && (msg === undefined || msg.test((e as Error).message));

describe("FileStore as a push source", () => {
	it("adds a file, streamed once for its digest", async () => {
		const b = await sandbox();
		await writeFile(join(b.out, "hi.txt"), HI);
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		const desc = await store.add("hi.txt", "", "");
		assert.deepEqual(desc, hiDesc("hi.txt"));
		assert.equal(await store.exists(desc), true);
		assert.deepEqual(await readAll(await store.fetch(desc)), HI);
		await assert.rejects(store.add("hi.txt", "", ""), code("DUPLICATE_NAME", /^hi\.txt: duplicate name$/));
		// a custom type and a path different from the name
		const other = await store.add("renamed", "application/x-test", join(b.out, "hi.txt"));
		assert.equal(other.mediaType, "application/x-test");
		assert.equal(other.annotations?.[TITLE], "renamed");
		await assert.rejects(store.add("missing", "", ""), code("NOT_FOUND"));
		// the string-constructor form is the same store
		assert.equal(new FileStore(b.out).workingDir, b.out);
		await store.close();
		await assert.rejects(store.exists(desc), (e) => OrasError.is(e));
	});

	it("reads a small file that grew after it was added no further than one byte past its size (syncSmallFiles)", async () => {
		const b = await sandbox();
		await writeFile(join(b.out, "grows.txt"), HI);
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp, syncSmallFiles: true });
		const desc = await store.add("grows.txt", "", "");
		await writeFile(join(b.out, "grows.txt"), Buffer.alloc(64 * 1024, 1));
		const whole = await store.fetch(desc);
		assert.equal(peekBufferedBytes(whole)?.length, desc.size + 1, "held whole: taken without a stream by the upload and the stores");
		const got = await readAll(whole);
		assert.equal(got.length, desc.size + 1, "the extra byte makes a length check fail");
		await writeFile(join(b.out, "grows.txt"), HI.subarray(0, 2));
		assert.equal((await readAll(await store.fetch(desc))).length, 2);
		await store.close();
	});

	it("adds a directory as tar+gzip in a temp file, entries under the name", async () => {
		const b = await sandbox();
		const dir = join(b.out, "data");
		await mkdir(join(dir, "sub"), { recursive: true });
		await writeFile(join(dir, "a.txt"), "A");
		await writeFile(join(dir, "sub", "b.txt"), "B".repeat(1000));
		await symlink("a.txt", join(dir, "link"));
		const mtime = new Date("2021-05-06T07:08:09Z");
		await utimes(join(dir, "a.txt"), mtime, mtime);
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		const desc = await store.add("data", "", "");
		assert.equal(desc.mediaType, "application/vnd.oci.image.layer.v1.tar+gzip");
		assert.equal(desc.annotations?.["io.deis.oras.content.unpack"], "true");
		assert.equal(desc.annotations?.[TITLE], "data");
		const temps = await readdir(b.temp);
		assert.equal(temps.length, 1);
		assert.match(temps[0] as string, /^oras_file_/);
		const gz = await readAll(await store.fetch(desc));
		assert.equal(sha256(gz), desc.digest);
		assert.equal(gz.length, desc.size);
		const rawTar = gunzipSync(gz);
		assert.equal(sha256(rawTar), desc.annotations?.["io.deis.oras.content.digest"]);
		const seen: Array<{ path: string; type: string; uid: number | undefined; uname: string | undefined; mtime: Date | undefined; linkpath: string | undefined }> = [];
		await new Promise<void>((resolve, reject) => {
			const p = new tar.Parser({
				onReadEntry: (e) => {
					seen.push({ path: e.path, type: e.type, uid: e.uid, uname: e.uname, mtime: e.mtime, linkpath: e.linkpath });
					e.resume();
				},
			});
			p.on("end", resolve);
			p.on("error", reject);
			p.end(rawTar);
		});
		assert.deepEqual(
			seen.map((e) => [e.path, e.type]),
			[
				["data", "Directory"],
				["data/a.txt", "File"],
				["data/link", "SymbolicLink"],
				["data/sub", "Directory"],
				["data/sub/b.txt", "File"],
			],
		);
		for (const e of seen) {
			assert.equal(e.uid, 0);
			assert.equal(e.uname ?? "", "");
		}
		assert.equal(seen[1]?.mtime?.getTime(), mtime.getTime());
		assert.equal(seen[2]?.linkpath, "a.txt");
		await store.close();
		assert.deepEqual(await readdir(b.temp), []);
	});
});

describe("FileStore small-file modes (syncSmallFiles: off by default, the CLI turns it on)", () => {
	for (const syncSmallFiles of [false, true]) {
		it(`${syncSmallFiles ? "synchronous" : "streamed (default)"}: adds, reads back, writes, refuses a mismatch and leaves no temp file`, async () => {
			const b = await sandbox();
			await writeFile(join(b.out, "small.txt"), HI);
			const store = new FileStore({ workingDir: b.out, tempDir: b.temp, ...(syncSmallFiles ? { syncSmallFiles } : {}) });
			const desc = await store.add("small.txt", "", "");
			assert.equal(desc.digest, sha256(HI));
			assert.equal(desc.size, HI.length);
			assert.deepEqual(await readAll(await store.fetch(desc)), HI);
			// A file that grew since it was added: the synchronous read stops one byte past the
			// size (enough to fail a length check); the stream hands out the file as it is now.
			await writeFile(join(b.out, "small.txt"), Buffer.alloc(64 * 1024, 1));
			const got = await readAll(await store.fetch(desc));
			assert.equal(got.length, syncSmallFiles ? HI.length + 1 : 64 * 1024);
			await store.push(hiDesc("copy/hi.txt"), Readable.from([HI]));
			assert.deepEqual(await readFile(join(b.out, "copy", "hi.txt")), HI);
			await writeFile(join(b.out, "kept.txt"), "previous");
			await assert.rejects(store.push(hiDesc("kept.txt"), Readable.from([Buffer.from("hello WORLD\n")])), code("DIGEST_MISMATCH"));
			assert.equal(await readFile(join(b.out, "kept.txt"), "utf8"), "previous");
			assert.deepEqual((await readdir(b.out)).sort(), ["copy", "kept.txt", "small.txt"]);
			assert.deepEqual(await readdir(join(b.out, "copy")), ["hi.txt"]);
			await store.close();
		});
	}
});

describe("FileStore as a pull destination", () => {
	it("writes a titled file after verification; duplicates and keepOldFiles refused", async () => {
		const b = await sandbox();
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		await store.push(hiDesc("sub/hi.txt"), Readable.from([HI]));
		assert.deepEqual(await readFile(join(b.out, "sub", "hi.txt")), HI);
		assert.deepEqual(store.written(), [
			{ name: "sub/hi.txt", path: join(b.out, "sub", "hi.txt"), descriptor: hiDesc("sub/hi.txt"), directory: false, restored: false },
		]);
		assert.equal(await store.exists(hiDesc("sub/hi.txt")), true);
		assert.equal(await store.exists(hiDesc("other.txt")), false);
		await assert.rejects(store.push(hiDesc("sub/hi.txt"), Readable.from([HI])), code("DUPLICATE_NAME", /sub\/hi\.txt: duplicate name/));

		await writeFile(join(b.out, "keep.txt"), "old");
		const keep = new FileStore({ workingDir: b.out, tempDir: b.temp, keepOldFiles: true });
		await assert.rejects(keep.push(hiDesc("keep.txt"), Readable.from([HI])), code("OVERWRITE_DISALLOWED", /overwrite disallowed/));
		assert.equal(await readFile(join(b.out, "keep.txt"), "utf8"), "old");
		// a new name is fine with keepOldFiles; without it an existing file is replaced
		await keep.push(hiDesc("new.txt"), Readable.from([HI]));
		await store.push(hiDesc("keep.txt"), Readable.from([HI]));
		assert.deepEqual(await readFile(join(b.out, "keep.txt")), HI);
		assert.deepEqual((await readdir(b.out)).sort(), ["keep.txt", "new.txt", "sub"]);
	});

	it("a digest mismatch leaves the previous file intact and no temp file", async () => {
		const b = await sandbox();
		await writeFile(join(b.out, "hi.txt"), "previous");
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		await assert.rejects(store.push(hiDesc("hi.txt"), Readable.from([Buffer.from("hello WORLD\n")])), code("DIGEST_MISMATCH"));
		await assert.rejects(store.push(hiDesc("hi.txt"), Readable.from([Buffer.from("hello")])), code("UNEXPECTED_EOF"));
		assert.equal(await readFile(join(b.out, "hi.txt"), "utf8"), "previous");
		assert.deepEqual(await readdir(b.out), ["hi.txt"]);
		// the failed name can be written later
		await store.push(hiDesc("hi.txt"), Readable.from([HI]));
		assert.deepEqual(await readFile(join(b.out, "hi.txt")), HI);
		// an aborted write leaves nothing either
		const ac = new AbortController();
		const slow = Readable.from(
			(async function* () {
				yield Buffer.from("hello ");
				ac.abort();
				await new Promise((r) => setTimeout(r, 10));
				yield Buffer.from("world\n");
			})(),
		);
		await assert.rejects(store.push(hiDesc("aborted.txt"), slow, { signal: ac.signal }), code("ABORTED"));
		assert.deepEqual(await readdir(b.out), ["hi.txt"]);
	});

	it("refuses titles escaping the output directory", async () => {
		const b = await sandbox();
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		await assert.rejects(store.push(hiDesc("../x"), Readable.from([HI])), code("PATH_TRAVERSAL", /path traversal disallowed/));
		await assert.rejects(store.push(hiDesc("a/../../x"), Readable.from([HI])), code("PATH_TRAVERSAL"));
		await assert.rejects(store.push(hiDesc(join(b.outside, "x")), Readable.from([HI])), code("PATH_TRAVERSAL"));
		// a symlinked directory inside the output dir pointing outside
		await symlink(b.outside, join(b.out, "escape"));
		await assert.rejects(store.push(hiDesc("escape/x"), Readable.from([HI])), code("PATH_TRAVERSAL"));
		await assert.rejects(store.push(hiDesc("escape/deeper/x"), Readable.from([HI])), code("PATH_TRAVERSAL"));
		await assertOutsideUntouched(b);
		assert.deepEqual(await readdir(b.out), ["escape"]);
		// an absolute title inside the output directory is allowed (as in oras)
		await store.push(hiDesc(join(b.out, "abs.txt")), Readable.from([HI]));
		assert.deepEqual(await readFile(join(b.out, "abs.txt")), HI);
		// allowPathTraversal lifts the guard
		const loose = new FileStore({ workingDir: b.out, tempDir: b.temp, allowPathTraversal: true });
		await loose.push(hiDesc("../outside/allowed.txt"), Readable.from([HI]));
		assert.deepEqual(await readFile(join(b.outside, "allowed.txt")), HI);
	});

	it("round-trips a directory through tar+gzip and unpacks it", async () => {
		const b = await sandbox();
		const src = join(b.box, "src");
		await mkdir(join(src, "nested", "deep"), { recursive: true });
		await writeFile(join(src, "one.txt"), "1");
		await writeFile(join(src, "nested", "deep", "two.bin"), Buffer.alloc(100_000, 2));
		await symlink("../one.txt", join(src, "nested", "up"));
		// a path over 100 bytes needs PAX records in the archive
		const longRel = join("nested", "l".repeat(60), "m".repeat(60), `${"f".repeat(120)}.txt`);
		await mkdir(join(src, "nested", "l".repeat(60), "m".repeat(60)), { recursive: true });
		await writeFile(join(src, longRel), "long");
		const mtime = new Date("2019-09-09T09:09:09Z");
		await utimes(join(src, "one.txt"), mtime, mtime);
		await utimes(join(src, "nested", "deep"), mtime, mtime);
		await mkdir(join(b.box, "srctmp"));
		const pushSrc = new FileStore({ workingDir: b.box, tempDir: join(b.box, "srctmp") });
		const desc = await pushSrc.add("mydir", "", src);

		// a previous version of the directory is replaced as a whole
		await mkdir(join(b.out, "mydir"));
		await writeFile(join(b.out, "mydir", "stale.txt"), "stale");
		const dst = new FileStore({ workingDir: b.out, tempDir: b.temp });
		await dst.push(desc, await pushSrc.fetch(desc));
		const outDir = join(b.out, "mydir");
		assert.equal(await readFile(join(outDir, "one.txt"), "utf8"), "1");
		assert.equal(await readFile(join(outDir, longRel), "utf8"), "long");
		assert.deepEqual(await readFile(join(outDir, "nested", "deep", "two.bin")), Buffer.alloc(100_000, 2));
		assert.equal(await readlink(join(outDir, "nested", "up")), "../one.txt");
		assert.equal(await readFile(join(outDir, "nested", "up"), "utf8"), "1");
		assert.equal((await stat(join(outDir, "one.txt"))).mtime.getTime(), mtime.getTime());
		assert.equal((await stat(join(outDir, "nested", "deep"))).mtime.getTime(), mtime.getTime());
		await assert.rejects(stat(join(outDir, "stale.txt")), (e) => (e as NodeJS.ErrnoException).code === "ENOENT");
		assert.deepEqual(await readdir(b.out), ["mydir"]);
		const w = dst.written();
		assert.equal(w.length, 1);
		assert.equal(w[0]?.path, `${outDir}${sep}`);
		assert.equal(w[0]?.directory, true);
		// the archive is kept (for dedup) until close
		assert.equal((await readdir(b.temp)).length, 1);
		assert.deepEqual(await readAll(await dst.fetch(desc)), await readAll(await pushSrc.fetch(desc)));
		await dst.close();
		await pushSrc.close();
		assert.deepEqual(await readdir(b.temp), []);
	});

	it("refuses hostile directory archives and writes nothing", async () => {
		const cases: Array<{ what: string; entries: RawEntry[]; code: string; msg?: RegExp }> = [
			{ what: "entry with ..", entries: [{ path: "d", type: "Directory" }, { path: "d/../../x", type: "File", body: "x" }], code: "PATH_TRAVERSAL" },
			{ what: "entry climbing out of the title", entries: [{ path: "d/../x", type: "File", body: "x" }], code: "PATH_TRAVERSAL" },
			{ what: "absolute entry", entries: [{ path: "/etc/evil", type: "File", body: "x" }], code: "PATH_TRAVERSAL" },
			{ what: "entry outside the title", entries: [{ path: "other/x", type: "File", body: "x" }], code: "PATH_TRAVERSAL" },
			{ what: "symlink escaping", entries: [{ path: "d/l", type: "SymbolicLink", linkpath: "../../outside" }], code: "PATH_TRAVERSAL" },
			{ what: "symlink absolute", entries: [{ path: "d/l", type: "SymbolicLink", linkpath: "/etc" }], code: "PATH_TRAVERSAL" },
			{ what: "symlink climbing after a name", entries: [{ path: "d/l", type: "SymbolicLink", linkpath: "sub/../../../x" }], code: "PATH_TRAVERSAL" },
			{
				what: "write through a symlink",
				entries: [
					{ path: "d/sub", type: "Directory" },
					{ path: "d/l", type: "SymbolicLink", linkpath: "sub" },
					{ path: "d/l/x", type: "File", body: "x" },
				],
				code: "PATH_TRAVERSAL",
				msg: /symlink in path/,
			},
			{ what: "hardlink escaping", entries: [{ path: "d/h", type: "Link", linkpath: "d/../../outside/secret" }], code: "PATH_TRAVERSAL" },
			{ what: "hardlink absolute", entries: [{ path: "d/h", type: "Link", linkpath: "/etc/passwd" }], code: "PATH_TRAVERSAL" },
			{ what: "hardlink outside the title", entries: [{ path: "d/h", type: "Link", linkpath: "outside/secret" }], code: "PATH_TRAVERSAL" },
		];
		for (const c of cases) {
			const b = await sandbox();
			await mkdir(join(b.out, "d"));
			await writeFile(join(b.out, "d", "previous.txt"), "previous");
			const layer = dirLayer("d", rawTar(c.entries));
			const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
			await assert.rejects(store.push(layer.desc, Readable.from([layer.gz])), code(c.code, c.msg), c.what);
			await assertOutsideUntouched(b);
			assert.deepEqual(await readdir(b.out), ["d"], c.what);
			assert.deepEqual(await readdir(join(b.out, "d")), ["previous.txt"], c.what);
			assert.deepEqual(await readdir(b.temp), [], c.what);
			await assert.rejects(lstat("/etc/evil"));
			await store.close();
		}
	});

	it("skips device entries and checks the tar digest", async () => {
		const b = await sandbox();
		const entries: RawEntry[] = [
			{ path: "d", type: "Directory" },
			{ path: "d/dev", type: "CharacterDevice" },
			{ path: "d/fifo", type: "FIFO" },
			{ path: "d/ok.txt", type: "File", body: "ok" },
			{ path: "d/hard", type: "Link", linkpath: "d/ok.txt" },
			{ path: "./d/./dot.txt", type: "File", body: "dot" },
		];
		const good = dirLayer("d", rawTar(entries));
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp });
		await store.push(good.desc, Readable.from([good.gz]));
		assert.deepEqual((await readdir(join(b.out, "d"))).sort(), ["dot.txt", "hard", "ok.txt"]);
		assert.equal((await stat(join(b.out, "d", "hard"))).ino, (await stat(join(b.out, "d", "ok.txt"))).ino);

		// a wrong io.deis.oras.content.digest: nothing replaced, nothing left behind
		const bad = dirLayer("e", rawTar([{ path: "e/x.txt", type: "File", body: "new" }]), sha256("not the tar"));
		await mkdir(join(b.out, "e"));
		await writeFile(join(b.out, "e", "x.txt"), "old");
		await assert.rejects(store.push(bad.desc, Readable.from([bad.gz])), code("DIGEST_MISMATCH", /content digest mismatch/));
		assert.equal(await readFile(join(b.out, "e", "x.txt"), "utf8"), "old");
		assert.deepEqual((await readdir(b.out)).sort(), ["d", "e"]);
		// a corrupted gzip (layer digest mismatch) is refused before extraction
		const corrupt = Buffer.from(bad.gz);
		corrupt.writeUInt8((corrupt.readUInt8(corrupt.length - 5) ^ 0xff) & 0xff, corrupt.length - 5);
		await assert.rejects(store.push({ ...bad.desc, annotations: { ...bad.desc.annotations, [TITLE]: "f" } }, Readable.from([corrupt])), code("DIGEST_MISMATCH"));
		assert.deepEqual((await readdir(b.out)).sort(), ["d", "e"]);
		await store.close();
		assert.deepEqual(await readdir(b.temp), []);
	});

	it("keeps untitled content in memory, capped; resolves and tags", async () => {
		const b = await sandbox();
		const restored: WrittenFile[] = [];
		const store = new FileStore({ workingDir: b.out, tempDir: b.temp, fallbackLimit: 1024, onRestored: (f) => restored.push(f) });
		const big = Buffer.alloc(2048, 1);
		await assert.rejects(store.push(descriptorFromBytes("application/octet-stream", big), Readable.from([big])), code("SIZE_EXCEEDS_LIMIT"));
		// a manifest whose two layers have the same content under two titles
		await store.push(hiDesc("a.txt"), Readable.from([HI]));
		const empty = { mediaType: MediaType.Empty, digest: sha256("{}"), size: 2 };
		await store.push(empty, Readable.from([Buffer.from("{}")]));
		const manifest = Buffer.from(encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: empty, layers: [hiDesc("a.txt"), hiDesc("b.txt")] }));
		const mdesc = descriptorFromBytes(MediaType.ImageManifest, manifest);
		assert.equal(await store.exists(mdesc), false);
		await store.push(mdesc, Readable.from([manifest]));
		assert.equal(await store.exists(mdesc), true);
		assert.deepEqual(await readAll(await store.fetch(mdesc)), manifest);
		assert.deepEqual(await readFile(join(b.out, "b.txt")), HI);
		assert.deepEqual(
			restored.map((f) => [f.name, f.restored]),
			[["b.txt", true]],
		);
		assert.deepEqual(
			store.written().map((f) => [f.name, f.restored]),
			[
				["a.txt", false],
				["b.txt", true],
			],
		);
		assert.deepEqual(await readdir(b.out), ["a.txt", "b.txt"]);
		await store.tag(mdesc, "v1");
		assert.deepEqual(await store.resolve("v1"), mdesc);
		assert.deepEqual(await store.resolve(mdesc.digest), mdesc);
		await assert.rejects(store.resolve("nope"), code("NOT_FOUND"));
		await assert.rejects(store.tag(descriptorFromBytes("x/y", Buffer.from("nope")), "t"), code("NOT_FOUND"));
	});
});
