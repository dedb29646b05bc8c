/**
 * Reproducible pushes: with SOURCE_DATE_EPOCH set, the same tree pushed twice (files touched in
 * between) gives the same layer and manifest digests — `created` is the epoch, directory archives
 * are sorted, every mtime is the epoch, uid/gid 0, no owner names, gzip header mtime 0.
 */
import assert from "node:assert/strict";
import { mkdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";

const EPOCH = "1700000000";
const EPOCH_RFC3339 = "2023-11-14T22:13:20Z";

interface Manifest {
	readonly layers: readonly { readonly digest: string; readonly annotations?: Record<string, string> }[];
	readonly annotations?: Record<string, string>;
}

async function blob(layout: string, digest: string): Promise<Buffer> {
	return readFile(join(layout, "blobs", ...digest.split(":")));
}

/** Pushes `tree` and `hi.txt` from `dir` into `dir/layout:<tag>`; returns the manifest digest and manifest. */
async function push(dir: string, tag: string, env: Record<string, string>): Promise<{ digest: string; manifest: Manifest }> {
	const r = await oras(["push", "--oci-layout", `layout:${tag}`, "tree", "hi.txt", "--format", "json"], { cwd: dir, env });
	assert.equal(r.code, 0, r.stderr);
	const { digest } = JSON.parse(r.stdout) as { digest: string };
	return { digest, manifest: JSON.parse((await blob(join(dir, "layout"), digest)).toString("utf8")) as Manifest };
}

/** Touches every path to a new, distinct time. */
async function touchAll(dir: string, seconds: number): Promise<void> {
	for (const p of ["tree", "tree/a.txt", "tree/sub", "tree/sub/b.txt", "tree/Z.txt", "hi.txt"]) await utimes(join(dir, p), seconds, seconds);
}

interface TarHeader {
	readonly name: string;
	readonly uid: number;
	readonly gid: number;
	readonly mtime: number;
	readonly uname: string;
	readonly gname: string;
}

/** The ustar headers of an uncompressed archive (bounded by its length). */
function tarHeaders(tar: Buffer): TarHeader[] {
	const out: TarHeader[] = [];
	const str = (at: number, len: number) => tar.subarray(at, at + len).toString("utf8").replace(/\0.*$/s, "");
	const oct = (at: number, len: number) => parseInt(str(at, len).trim() || "0", 8);
	for (let off = 0; off + 512 <= tar.length; ) {
		if (tar.subarray(off, off + 512).every((b) => b === 0)) break;
		const size = oct(off + 124, 12);
		out.push({ name: str(off, 100), uid: oct(off + 108, 8), gid: oct(off + 116, 8), mtime: oct(off + 136, 12), uname: str(off + 265, 32), gname: str(off + 297, 32) });
		off += 512 + Math.ceil(size / 512) * 512;
	}
	return out;
}

describe("reproducible pushes (SOURCE_DATE_EPOCH)", () => {
	let work: TempDir;
	let dir: string;

	before(async () => {
		work = await tempDir("oras-ts-repro-");
		dir = work.path;
		await mkdir(join(dir, "tree", "sub"), { recursive: true });
		await writeFile(join(dir, "tree", "a.txt"), "a\n");
		await writeFile(join(dir, "tree", "Z.txt"), "Z\n");
		await writeFile(join(dir, "tree", "sub", "b.txt"), "b\n");
		await writeFile(join(dir, "hi.txt"), "hi\n");
	});
	after(async () => {
		await work?.cleanup();
	});

	it("the same tree pushed twice, touched in between, gives identical manifest and layer digests", async () => {
		const env = { SOURCE_DATE_EPOCH: EPOCH };
		await touchAll(dir, 1_600_000_000);
		const first = await push(dir, "r1", env);
		await touchAll(dir, 1_650_000_123);
		const second = await push(dir, "r2", env);
		assert.equal(second.digest, first.digest);
		assert.deepEqual(second.manifest, first.manifest);
		assert.equal(first.manifest.annotations?.["org.opencontainers.image.created"], EPOCH_RFC3339);

		// The directory layer: gzip header mtime 0, entries sorted, every mtime the epoch, owner 0 with no names.
		const layer = first.manifest.layers.find((l) => l.annotations?.["org.opencontainers.image.title"] === "tree");
		assert.ok(layer);
		const gz = await blob(join(dir, "layout"), layer.digest);
		assert.equal(gz.readUInt32LE(4), 0, "gzip header mtime");
		const headers = tarHeaders(gunzipSync(gz));
		assert.deepEqual(
			headers.map((h) => h.name),
			["tree", "tree/Z.txt", "tree/a.txt", "tree/sub", "tree/sub/b.txt"],
		);
		for (const h of headers) {
			assert.deepEqual({ uid: h.uid, gid: h.gid, mtime: h.mtime, uname: h.uname, gname: h.gname }, { uid: 0, gid: 0, mtime: Number(EPOCH), uname: "", gname: "" }, h.name);
		}
	});

	it("attach honours it too: the created annotation is the epoch", async () => {
		const env = { SOURCE_DATE_EPOCH: EPOCH };
		await writeFile(join(dir, "sig.txt"), "signature\n");
		const r = await oras(["attach", "--oci-layout", "layout:r1", "--artifact-type", "application/vnd.example.sig", "sig.txt", "--format", "json"], { cwd: dir, env });
		assert.equal(r.code, 0, r.stderr);
		const { digest } = JSON.parse(r.stdout) as { digest: string };
		const manifest = JSON.parse((await blob(join(dir, "layout"), digest)).toString("utf8")) as Manifest;
		assert.equal(manifest.annotations?.["org.opencontainers.image.created"], EPOCH_RFC3339);
	});

	it("without it, file times reach the archive and created is the clock", async () => {
		await touchAll(dir, 1_600_000_000);
		const first = await push(dir, "c1", {});
		await touchAll(dir, 1_650_000_123);
		const second = await push(dir, "c2", {});
		const treeDigest = (m: { manifest: Manifest }) => m.manifest.layers.find((l) => l.annotations?.["org.opencontainers.image.title"] === "tree")?.digest;
		assert.notEqual(treeDigest(second), treeDigest(first));
		const created = Date.parse(first.manifest.annotations?.["org.opencontainers.image.created"] ?? "");
		assert.ok(Math.abs(created - Date.now()) < 10 * 60_000, "created is about now");
	});

	it("a malformed SOURCE_DATE_EPOCH is one Error line and exit 1, with nothing pushed", async () => {
		const r = await oras(["push", "--oci-layout", "bad-layout:v1", "hi.txt"], { cwd: dir, env: { SOURCE_DATE_EPOCH: "yesterday" } });
		assert.equal(r.code, 1);
		assert.match(r.stderr, /^Error: invalid SOURCE_DATE_EPOCH "yesterday"/);
		assert.doesNotMatch(r.stderr, /\n\s+at /);
		await assert.rejects(readFile(join(dir, "bad-layout", "index.json")));
	});
});
