/**
 * What `OciLayoutStore` offers a server sharing a layout with other writers: untag, refresh after
 * another process wrote, blobs adopted without a second read, manifests present only as blobs,
 * referrers with their artifactType and annotations from the predecessor graph, `create: false`.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { execFile } from "node:child_process";
import { chmod } from "node:fs/promises";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { acquireFileLock } from "../../../src/content/ingest.js";
import { OciLayoutStore } from "../../../src/content/oci-layout/index.js";
import { hasCode } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { encodeIndex, encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

let root: string;
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-layout-shared-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});
const fresh = () => join(root, `l${n++}`);

const CONFIG = Buffer.from("{}");
const CONFIG_DESC = descriptorFromBytes(MediaType.Empty, CONFIG);
const LAYER = Buffer.from("layer\n");
const LAYER_DESC = descriptorFromBytes(MediaType.ImageLayer, LAYER);

function manifest(extra: Record<string, unknown> = {}): { raw: Buffer; desc: Descriptor } {
	const raw = Buffer.from(encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: CONFIG_DESC, layers: [LAYER_DESC], ...extra }));
	return { raw, desc: descriptorFromBytes(MediaType.ImageManifest, raw) };
}

async function image(store: OciLayoutStore, extra: Record<string, unknown> = {}): Promise<Descriptor> {
	await store.push(CONFIG_DESC, Readable.from([CONFIG]));
	await store.push(LAYER_DESC, Readable.from([LAYER]));
	const m = manifest(extra);
	await store.push(m.desc, Readable.from([m.raw]));
	return m.desc;
}

async function tagsOf(store: OciLayoutStore): Promise<string[]> {
	const out: string[] = [];
	for await (const t of store.tags()) out.push(t);
	return out;
}

describe("OciLayoutStore shared with other writers", () => {
	it("untag drops one tag and keeps the manifest listed; NOT_FOUND for a digest or an unknown tag", async () => {
		const store = await OciLayoutStore.open(fresh());
		const img = await image(store);
		await store.tag(img, "a");
		await store.tag(img, "b");
		await store.untag("a");
		assert.deepEqual(await tagsOf(store), ["b"]);
		await store.untag("b");
		assert.deepEqual(await tagsOf(store), []);
		assert.deepEqual(
			store.indexEntries().map((e) => e.digest),
			[img.digest],
		);
		await assert.rejects(store.untag("b"), (e) => hasCode(e, "NOT_FOUND"));
		await assert.rejects(store.untag(img.digest), (e) => hasCode(e, "NOT_FOUND"));
		assert.equal(await store.exists(img), true);
	});

	it("refresh picks up tags, deletes and referrers another store wrote", async () => {
		const dir = fresh();
		const server = await OciLayoutStore.open(dir, { autoGC: false, durable: true });
		const cli = await OciLayoutStore.open(dir);
		const img = await image(cli);
		await cli.tag(img, "v1");
		await assert.rejects(server.resolve("v1"), (e) => hasCode(e, "NOT_FOUND"));
		await server.refresh();
		assert.equal((await server.resolve("v1")).digest, img.digest);

		const sig = manifest({ artifactType: "application/vnd.sig", subject: img, annotations: { who: "cli" } });
		await cli.push(sig.desc, Readable.from([sig.raw]));
		await server.refresh();
		assert.deepEqual(await server.referrerDescriptors(img.digest), [{ ...sig.desc, artifactType: "application/vnd.sig", annotations: { who: "cli" } }]);
		assert.deepEqual(await server.referrerDescriptors(img.digest, { artifactType: "application/vnd.other" }), []);

		await cli.delete(sig.desc);
		await server.refresh();
		assert.deepEqual(await server.referrerDescriptors(img.digest), [], "a manifest another process deleted leaves the graph");
		// a write by the server merges with the CLI's (nothing the CLI wrote is lost)
		await cli.tag(img, "cli-tag");
		await server.tag(img, "srv-tag");
		assert.deepEqual(await tagsOf(server), ["cli-tag", "srv-tag", "v1"]);
		const reopened = await OciLayoutStore.open(dir);
		assert.deepEqual(await tagsOf(reopened), ["cli-tag", "srv-tag", "v1"]);
	});

	it("referrers show the config media type when the manifest has no artifactType", async () => {
		const store = await OciLayoutStore.open(fresh());
		const img = await image(store);
		const ref = manifest({ subject: img });
		await store.push(ref.desc, Readable.from([ref.raw]));
		assert.deepEqual(await store.referrerDescriptors(img.digest), [{ ...ref.desc, artifactType: MediaType.Empty }]);
	});

	it("adoptBlob moves or links a verified file into the blobs without copying it through the store", async () => {
		const store = await OciLayoutStore.open(fresh(), { durable: true });
		const src = join(root, `src-${n++}`);
		await writeFile(src, LAYER);
		await store.adoptBlob(LAYER_DESC, src, "move");
		await assert.rejects(stat(src), "the file was moved");
		assert.equal(await store.blobSize(LAYER_DESC.digest), LAYER.length);
		// a second adopt of present content leaves the file alone
		await writeFile(src, LAYER);
		await store.adoptBlob(LAYER_DESC, src, "move");
		assert.equal((await stat(src)).size, LAYER.length);

		const other = await OciLayoutStore.open(fresh());
		const blobFile = join(store.root, "blobs", "sha256", LAYER_DESC.digest.slice(7));
		await other.adoptBlob(LAYER_DESC, blobFile, "link");
		assert.equal((await readFile(join(other.root, "blobs", "sha256", LAYER_DESC.digest.slice(7)))).toString(), LAYER.toString());
		assert.equal(await store.blobSize(LAYER_DESC.digest), LAYER.length, "the source stays");
		await assert.rejects(other.adoptBlob(CONFIG_DESC, join(root, "missing"), "link"), (e) => hasCode(e, "NOT_FOUND"));
		assert.deepEqual(await readdir(join(other.root, "ingest")), []);
	});

	it("resolveManifest: index entries, manifests present only as blobs, and nothing else", async () => {
		const store = await OciLayoutStore.open(fresh());
		const img = await image(store);
		await store.tag(img, "v1");
		assert.equal((await store.resolveManifest("v1"))?.digest, img.digest);
		assert.deepEqual(await store.resolveManifest(img.digest), { mediaType: img.mediaType, digest: img.digest, size: img.size });
		// an index child that has no entry of its own
		const child = manifest({ annotations: { child: "1" } });
		const childFile = join(root, `child-${n++}`);
		await writeFile(childFile, child.raw);
		await store.adoptBlob({ ...child.desc, mediaType: MediaType.OctetStream }, childFile, "move");
		assert.deepEqual(await store.resolveManifest(child.desc.digest), child.desc);
		assert.equal(await store.resolveManifest(LAYER_DESC.digest), undefined, "a blob that is not JSON");
		assert.equal(await store.resolveManifest(CONFIG_DESC.digest), undefined, "JSON without a manifest media type");
		assert.equal(await store.resolveManifest("nope"), undefined);
		// JSON nested deeper than the parser allows is no manifest either (and no crash)
		const deep = Buffer.from(`{"mediaType":"${MediaType.ImageManifest}","x":${"[".repeat(5000)}${"]".repeat(5000)}}`);
		const deepFile = join(root, `deep-${n++}`);
		await writeFile(deepFile, deep);
		const deepDesc = descriptorFromBytes(MediaType.OctetStream, deep);
		await store.adoptBlob(deepDesc, deepFile, "move");
		assert.equal(await store.resolveManifest(deepDesc.digest), undefined);
	});

	it("fetchRange streams part of a blob; NOT_FOUND when absent", async () => {
		const store = await OciLayoutStore.open(fresh());
		await store.push(LAYER_DESC, Readable.from([LAYER]));
		const chunks: Buffer[] = [];
		for await (const c of await store.fetchRange(LAYER_DESC, 1, 3)) chunks.push(c as Buffer);
		assert.equal(Buffer.concat(chunks).toString(), "aye");
		await assert.rejects(store.fetchRange(CONFIG_DESC, 0, 1), (e) => hasCode(e, "NOT_FOUND"));
	});

	it("openRange reads part of a blob into the caller's buffer; NOT_FOUND when absent", async () => {
		const store = await OciLayoutStore.open(fresh());
		await store.push(LAYER_DESC, Readable.from([LAYER]));
		const reader = await store.openRange(LAYER_DESC, 1, 3);
		try {
			assert.equal(reader.remaining, 3);
			const buf = Buffer.alloc(2);
			assert.equal(await reader.read(buf), 2);
			assert.equal(buf.toString(), "ay");
			assert.equal(await reader.read(buf), 1);
			assert.equal(buf.subarray(0, 1).toString(), "e");
			assert.equal(await reader.read(buf), 0);
		} finally {
			await reader.close();
		}
		await assert.rejects(store.openRange(CONFIG_DESC, 0, 1), (e) => hasCode(e, "NOT_FOUND"));
	});

	it("create: false writes nothing and refuses a directory that is not a layout", async () => {
		const dir = fresh();
		await assert.rejects(OciLayoutStore.open(dir, { create: false }));
		await assert.rejects(stat(dir), "no directory was made");
		await mkdir(dir);
		await writeFile(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
		await assert.rejects(OciLayoutStore.open(dir, { create: false }), (e) => hasCode(e, "NOT_FOUND"));
		assert.deepEqual(await readdir(dir), ["oci-layout"]);
	});

	it("an index.json entry that is not a descriptor makes the layout unusable, and nothing is rewritten", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		const img = await image(store);
		await store.tag(img, "v1");
		const bad = encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [img] }).replace('"manifests":[', '"manifests":[{"mediaType":"x","digest":"nope","size":1},');
		await writeFile(join(dir, "index.json"), bad);
		await assert.rejects(OciLayoutStore.open(dir), (e) => hasCode(e, "INVALID_MANIFEST"));
		await assert.rejects(store.refresh(), (e) => hasCode(e, "INVALID_MANIFEST"));
		await assert.rejects(store.tag(img, "v2"), (e) => hasCode(e, "INVALID_MANIFEST"));
		assert.equal(await readFile(join(dir, "index.json"), "utf8"), bad);
	});

	it("a lock file left by an earlier process with this pid (a restarted container's pid 1) is taken over; a live one is waited for", async () => {
		const dir = fresh();
		await mkdir(dir);
		const lock = join(dir, ".oras-ts-index.lock");
		await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() - process.uptime() * 1000 - 60_000 }));
		const release = await acquireFileLock(lock, { timeoutMs: 2000 });
		await assert.rejects(acquireFileLock(lock, { timeoutMs: 100 }), (e) => hasCode(e, "ABORTED"), "a lock this process holds is not stale");
		await release();
		assert.deepEqual(await readdir(dir), []);
	});

	it("pushTagged stores and tags a manifest together; a digest reference must match", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await store.push(CONFIG_DESC, Readable.from([CONFIG]));
		await store.push(LAYER_DESC, Readable.from([LAYER]));
		const m = manifest({ annotations: { one: "write" } });
		const before = (await stat(join(dir, "index.json"))).ino;
		await store.pushTagged(m.desc, Readable.from([m.raw]), "v1");
		assert.equal((await store.resolve("v1")).digest, m.desc.digest);
		assert.notEqual((await stat(join(dir, "index.json"))).ino, before);
		// again (present already): only the new tag is added
		await store.pushTagged(m.desc, Readable.from([m.raw]), "v2");
		assert.deepEqual(await tagsOf(store), ["v1", "v2"]);
		assert.equal(store.indexEntries().length, 2);
		await assert.rejects(store.pushTagged(m.desc, Readable.from([m.raw]), "sha256:" + "0".repeat(64)), (e) => hasCode(e, "INVALID_REFERENCE"));
		const reopened = await OciLayoutStore.open(dir);
		assert.deepEqual(await tagsOf(reopened), ["v1", "v2"]);
	});

	it("durable: linking or moving a read-only blob works for a user who cannot write it (fsync opens it read-only)", async () => {
		const dir = fresh();
		await mkdir(dir, { recursive: true });
		await chmod(dir, 0o777);
		await chmod(root, 0o777);
		const storeModule = fileURLToPath(new URL("../../../src/content/oci-layout/index.js", import.meta.url));
		const script = `
			const { OciLayoutStore } = await import(${JSON.stringify(storeModule)});
			const { Readable } = await import("node:stream");
			const { join } = await import("node:path");
			const desc = ${JSON.stringify(LAYER_DESC)};
			const a = await OciLayoutStore.open(join(${JSON.stringify(dir)}, "a"), { durable: true });
			await a.push(desc, Readable.from([Buffer.from(${JSON.stringify(LAYER.toString())})]));
			const b = await OciLayoutStore.open(join(${JSON.stringify(dir)}, "b"), { durable: true });
			await b.adoptBlob(desc, join(a.root, "blobs", "sha256", desc.digest.slice(7)), "link");
			console.log(await b.blobSize(desc.digest));
		`;
		// as root, run it as nobody (root may write anything and would not show the problem)
		const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
		const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], asNobody);
		assert.equal(stdout.trim(), String(LAYER.length));
	});
});
