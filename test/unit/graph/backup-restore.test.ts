/** backup (repository → OCI layout directory or tar) and restore (layout → repository), on in-memory targets. */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { MemoryStore, type OpOptions, type Target } from "../../../src/content/index.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { backup, isTarOutput, openRestoreSource, packManifest, resolveTags, restore } from "../../../src/graph/index.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function put(store: Target, desc: Descriptor, bytes: Uint8Array): Promise<void> {
	await store.push(desc, Readable.from([Buffer.from(bytes)]));
}

async function artifact(store: Target, text: string, subject?: Descriptor): Promise<Descriptor> {
	const bytes = Buffer.from(text);
	const layer = descriptorFromBytes(MediaType.ImageLayer, bytes, { annotations: { "org.opencontainers.image.title": `${text}.txt` } });
	await put(store, layer, bytes);
	const packed = packManifest({ artifactType: `application/vnd.test.${subject ? "ref" : "art"}`, layers: [layer], annotations: CREATED, ...(subject ? { subject } : {}) });
	for (const b of packed.blobsToPush) await put(store, b.desc, b.bytes);
	await put(store, packed.desc, packed.manifestBytes);
	return packed.desc;
}

/** Tags v1 and v2; v1 has a referrer which has one of its own. */
async function seed(): Promise<{ src: MemoryStore; v1: Descriptor; v2: Descriptor; sbom: Descriptor; sig: Descriptor }> {
	const src = new MemoryStore();
	const v1 = await artifact(src, "one");
	const v2 = await artifact(src, "two");
	await src.tag(v1, "v1");
	await src.tag(v2, "v2");
	const sbom = await artifact(src, "sbom", v1);
	const sig = await artifact(src, "sig", sbom);
	return { src, v1, v2, sbom, sig };
}

let base: string;
let n = 0;
const fresh = (name: string) => join(base, `${name}-${n++}`);
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-backup-restore-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});

const indexOf = async (dir: string) => JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as { manifests: Descriptor[] };

describe("isTarOutput / resolveTags", () => {
	it("names a tar by its .tar extension in any case", () => {
		assert.equal(isTarOutput("out.tar"), true);
		assert.equal(isTarOutput("dir/OUT.TAR"), true);
		assert.equal(isTarOutput("out.tar.gz"), false);
		assert.equal(isTarOutput("out"), false);
		assert.equal(isTarOutput("tar"), false);
	});

	it("resolves the given tags in order, or every listed tag", async () => {
		const { src, v1, v2 } = await seed();
		const given = await resolveTags(src, ["v2", "v1"]);
		assert.deepEqual(given.tags, ["v2", "v1"]);
		assert.deepEqual(
			given.roots.map((d) => d.digest),
			[v2.digest, v1.digest],
		);
		const all = await resolveTags(src, undefined);
		assert.deepEqual(all.tags, ["v1", "v2"]);
		assert.deepEqual(await resolveTags(src, []), all);
	});

	it("names the tag that fails to resolve and keeps the code", async () => {
		const { src } = await seed();
		await assert.rejects(resolveTags(src, ["v1", "nope"]), (err: unknown) => hasCode(err, "NOT_FOUND") && /failed to resolve tag "nope"/.test((err as Error).message));
	});

	it("refuses to list the tags of a target that cannot list them", async () => {
		const { src } = await seed();
		const noTags = { fetch: src.fetch.bind(src), exists: src.exists.bind(src), resolve: src.resolve.bind(src) };
		await assert.rejects(resolveTags(noTags, undefined), (err: unknown) => hasCode(err, "UNSUPPORTED"));
		assert.equal((await resolveTags(noTags, ["v1"])).tags.length, 1, "given tags need no listing");
	});
});

describe("backup", () => {
	it("writes every tag into a layout directory under its bare tag, without referrers by default", async () => {
		const { src, v1, v2, sbom } = await seed();
		const out = fresh("dir");
		const found: string[][] = [];
		const done: [string, number][] = [];
		const res = await backup(src, out, { onTagsFound: (t) => void found.push([...t]), onTagBackedUp: (t, c) => void done.push([t, c]) });
		assert.equal(res.format, "directory");
		assert.deepEqual(res.tags, ["v1", "v2"]);
		assert.deepEqual(found, [["v1", "v2"]]);
		assert.deepEqual(done, [
			["v1", 0],
			["v2", 0],
		]);
		const idx = await indexOf(out);
		const byTag = new Map(idx.manifests.map((m) => [m.annotations?.["org.opencontainers.image.ref.name"], m.digest]));
		assert.equal(byTag.get("v1"), v1.digest);
		assert.equal(byTag.get("v2"), v2.digest);
		assert.ok(!idx.manifests.some((m) => m.digest === sbom.digest), "no referrer without includeReferrers");
		assert.ok(!(await readdir(out)).includes("ingest"), "ingest/ is removed");
		assert.equal(JSON.parse(await readFile(join(out, "oci-layout"), "utf8")).imageLayoutVersion, "1.0.0");
	});

	it("with includeReferrers stores referrers at any depth and reports their count", async () => {
		const { src, sbom, sig } = await seed();
		const out = fresh("refs");
		const done: [string, number][] = [];
		await backup(src, out, { tags: ["v1"], includeReferrers: true, onTagBackedUp: (t, c) => void done.push([t, c]) });
		assert.deepEqual(done, [["v1", 2]]);
		const digests = (await indexOf(out)).manifests.map((m) => m.digest);
		assert.ok(digests.includes(sbom.digest) && digests.includes(sig.digest), "referrers are untagged index entries");
		await stat(join(out, "blobs", "sha256", sig.digest.slice("sha256:".length)));
	});

	it("archives into a .tar that restore can open, reporting its size", async () => {
		const { src } = await seed();
		const out = `${fresh("archive")}.tar`;
		const events: string[] = [];
		const res = await backup(src, out, { onExporting: (p) => void events.push(`exporting ${p}`), onExported: (p, size) => void events.push(`exported ${p} ${size}`) });
		assert.equal(res.format, "tar");
		assert.equal(res.size, (await stat(out)).size);
		assert.deepEqual(events, [`exporting ${out}`, `exported ${out} ${res.size}`]);
		const source = await openRestoreSource(out);
		assert.equal(source.tarSize, res.size);
		assert.equal(source.layout.indexEntries().length, 2);
		await source.layout.close();
	});

	it("rejects an empty output, a .tar that is a directory, and a source without tags", async () => {
		const { src } = await seed();
		await assert.rejects(backup(src, ""), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
		const dirTar = `${fresh("isdir")}.tar`;
		await mkdir(dirTar);
		await assert.rejects(backup(src, dirTar), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /already exists and is a directory/.test((err as Error).message) && (err as OrasError).hint !== undefined);
		await assert.rejects(backup(new MemoryStore(), fresh("empty"), { sourceName: "reg/repo" }), (err: unknown) => hasCode(err, "NOT_FOUND") && (err as Error).message === 'no tags found in repository "reg/repo"');
	});

	it("names the tag, source and output when copying a tag fails", async () => {
		const { src } = await seed();
		class LostContent extends MemoryStore {
			override async fetch(): Promise<Readable> {
				throw new OrasError("NOT_FOUND", "content gone");
			}
		}
		const lost = new LostContent();
		const v1 = await src.resolve("v1");
		await lost.push(v1, await src.fetch(v1));
		await lost.tag(v1, "v1");
		const out = fresh("broken");
		await assert.rejects(backup(lost, out, { sourceName: "reg/repo", outputName: "shown-out" }), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.code, "NOT_FOUND");
			assert.ok(err.message.startsWith('failed to back up tag "v1" from "reg/repo" to "shown-out": '), err.message);
			assert.match(err.message, /content gone/);
			return true;
		});
	});
});

describe("openRestoreSource", () => {
	it("rejects an empty, missing, non-tar or non-layout input with oras's words", async () => {
		await assert.rejects(openRestoreSource(""), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
		const missing = fresh("missing");
		await assert.rejects(openRestoreSource(missing, "shown"), (err: unknown) => hasCode(err, "NOT_FOUND") && (err as Error).message === 'failed to access input path "shown": no such file or directory');
		const plain = fresh("plain.txt");
		await writeFile(plain, "not a tar");
		await assert.rejects(openRestoreSource(plain), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /is not a tar archive/.test((err as Error).message));
		const empty = fresh("notlayout");
		await mkdir(empty);
		await assert.rejects(openRestoreSource(empty, "in"), (err: unknown) => hasCode(err, "NOT_FOUND") && (err as Error).message === 'no tags found in OCI layout "in"' && /oras repo tags --oci-layout/.test((err as OrasError).hint ?? ""));
		const badTar = `${fresh("bad")}.tar`;
		await writeFile(badTar, Buffer.alloc(1024));
		await assert.rejects(openRestoreSource(badTar, "b.tar"), (err: unknown) => OrasError.is(err) && /^failed to prepare OCI store from tar archive "b\.tar": invalid OCI Image Layout: /.test(err.message));
	});
});

describe("restore", () => {
	async function backedUp(): Promise<{ dir: string; v1: Descriptor; v2: Descriptor; sbom: Descriptor; sig: Descriptor }> {
		const s = await seed();
		const dir = fresh("layout");
		await backup(s.src, dir, { includeReferrers: true });
		return { dir, ...s };
	}

	it("pushes every tag of a backup with its referrers", async () => {
		const { dir, v1, v2, sbom, sig } = await backedUp();
		const { layout } = await openRestoreSource(dir);
		const dst = new MemoryStore();
		const restored: [string, number][] = [];
		const res = await restore(layout, dst, { onTagRestored: (t, c) => void restored.push([t, c]) });
		assert.deepEqual(res.tags, ["v1", "v2"]);
		assert.deepEqual(restored, [
			["v1", 2],
			["v2", 0],
		]);
		assert.equal((await dst.resolve("v1")).digest, v1.digest);
		assert.equal((await dst.resolve("v2")).digest, v2.digest);
		assert.ok(await dst.exists(sbom));
		assert.ok(await dst.exists(sig));
		await layout.close();
	});

	it("leaves referrers behind when excluded, and pushes nothing in a dry run", async () => {
		const { dir, v1, sbom } = await backedUp();
		const { layout } = await openRestoreSource(dir);
		const plain = new MemoryStore();
		const counts: number[] = [];
		await restore(layout, plain, { tags: ["v1"], excludeReferrers: true, onTagRestored: (_t, c) => void counts.push(c) });
		assert.deepEqual(counts, [0]);
		assert.equal((await plain.resolve("v1")).digest, v1.digest);
		assert.equal(await plain.exists(sbom), false);

		const dry = new MemoryStore();
		const dryCounts: [string, number][] = [];
		const found: string[] = [];
		await restore(layout, dry, { dryRun: true, onTagsFound: (t) => void found.push(...t), onTagRestored: (t, c) => void dryCounts.push([t, c]) });
		assert.deepEqual(found, ["v1", "v2"]);
		assert.deepEqual(dryCounts, [
			["v1", 2],
			["v2", 0],
		]);
		assert.equal(await dry.exists(v1), false, "a dry run pushes nothing");
		await layout.close();
	});

	it("fails on a layout without tags, and names the tag, input and destination when a push fails", async () => {
		const empty = new MemoryStore();
		await assert.rejects(restore(empty, new MemoryStore(), { sourceName: "in.tar" }), (err: unknown) => hasCode(err, "NOT_FOUND") && (err as Error).message === 'no tags found in OCI layout "in.tar"');

		const { dir } = await backedUp();
		const { layout } = await openRestoreSource(dir);
		class Refusing extends MemoryStore {
			override async push(_d: Descriptor, _b: AsyncIterable<Uint8Array>, _o?: OpOptions): Promise<void> {
				throw new OrasError("FORBIDDEN", "push refused");
			}
		}
		await assert.rejects(restore(layout, new Refusing(), { tags: ["v2"], sourceName: "in", destinationName: "reg/repo" }), (err: unknown) => {
			assert.ok(OrasError.is(err));
			assert.equal(err.code, "FORBIDDEN");
			assert.match(err.message, /^failed to restore tag "v2" from "in" to "reg\/repo": .*push refused/);
			return true;
		});
		await layout.close();
	});
});
