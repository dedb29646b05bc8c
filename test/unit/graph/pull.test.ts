/** graph pull: which successors are written, skipped or walked, and the events it reports (into a memory store). */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore, type Target } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { packIndex, packManifest, pull } from "../../../src/graph/index.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const TITLE = "org.opencontainers.image.title";
const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function blob(store: Target, text: string, title?: string, mediaType: string = MediaType.ImageLayer): Promise<Descriptor> {
	const bytes = Buffer.from(text);
	const d = descriptorFromBytes(mediaType, bytes, title === undefined ? {} : { annotations: { [TITLE]: title } });
	await store.push(d, Readable.from([bytes]));
	return d;
}

async function manifest(store: Target, layers: Descriptor[], extra: { config?: Descriptor; subject?: Descriptor; tag?: string } = {}): Promise<Descriptor> {
	const packed = packManifest({ artifactType: "application/vnd.test", layers, annotations: CREATED, ...(extra.config ? { config: extra.config } : {}), ...(extra.subject ? { subject: extra.subject } : {}) });
	for (const b of packed.blobsToPush) if (!(await store.exists(b.desc))) await store.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
	await store.push(packed.desc, Readable.from([Buffer.from(packed.manifestBytes)]));
	if (extra.tag) await store.tag(packed.desc, extra.tag);
	return packed.desc;
}

describe("graph pull", () => {
	it("writes titled layers, skips untitled ones and the empty config, and says so", async () => {
		const src = new MemoryStore();
		const a = await blob(src, "alpha", "a.txt");
		const b = await blob(src, "beta", "b.txt");
		const anon = await blob(src, "anonymous");
		const root = await manifest(src, [a, anon, b], { tag: "v1" });
		const dst = new MemoryStore();
		const events: string[] = [];
		const res = await pull(src, "v1", dst, {
			concurrency: 1,
			onSkipped: (d) => void events.push(`skipped ${d.digest === anon.digest}`),
			onLayerSkipped: (d) => void events.push(`layerSkipped ${d.digest === anon.digest}`),
			onFilePulled: (name) => void events.push(`file ${name}`),
			onProcessing: (d) => void events.push(`processing ${d.digest === root.digest}`),
		});
		assert.equal(res.root.digest, root.digest);
		assert.deepEqual(res.files.map((f) => f.name).sort(), ["a.txt", "b.txt"]);
		assert.equal(res.layerSkipped, true);
		assert.ok(events.includes("skipped true"));
		assert.ok(events.includes("layerSkipped true"));
		assert.ok(events.includes("processing true"));
		assert.equal(await dst.exists(anon), false, "an untitled leaf is not written");
		assert.equal(await dst.exists(a), true);
		assert.equal((await dst.resolve("v1")).digest, root.digest, "the reference is tagged at the destination");
	});

	it("reports no skipped layer when every layer is titled, and announces each node once", async () => {
		const src = new MemoryStore();
		const a = await blob(src, "alpha", "a.txt");
		await manifest(src, [a, a], { tag: "v1" });
		const downloading: string[] = [];
		const downloaded: string[] = [];
		const res = await pull(src, "v1", new MemoryStore(), { onDownloading: (d) => void downloading.push(d.digest), onDownloaded: (d) => void downloaded.push(d.digest) });
		assert.equal(res.layerSkipped, false);
		assert.deepEqual(
			res.files.map((f) => f.name),
			["a.txt"],
		);
		assert.equal(new Set(downloading).size, downloading.length, "each node announced once");
		assert.ok(downloaded.includes(a.digest));
		assert.ok(downloaded.includes(res.root.digest));
	});

	it("writes the config under --config's name, only when its media type matches", async () => {
		const src = new MemoryStore();
		const cfg = await blob(src, '{"k":1}', undefined, "application/vnd.test.config");
		const a = await blob(src, "alpha", "a.txt");
		await manifest(src, [a], { config: cfg, tag: "v1" });
		const named = await pull(src, "v1", new MemoryStore(), { configName: "config.json" });
		assert.deepEqual(named.files.map((f) => f.name).sort(), ["a.txt", "config.json"]);
		assert.equal(named.layerSkipped, false);
		const typed = await pull(src, "v1", new MemoryStore(), { configName: "config.json", configMediaType: "application/vnd.test.config" });
		assert.ok(typed.files.some((f) => f.name === "config.json"));
		const other = await pull(src, "v1", new MemoryStore(), { configName: "config.json", configMediaType: "application/vnd.other" });
		assert.ok(!other.files.some((f) => f.name === "config.json"));
		assert.equal(other.layerSkipped, true, "an untitled non-empty config counts as a skipped layer");
	});

	it("walks the untitled manifests of an index", async () => {
		const src = new MemoryStore();
		const a = await blob(src, "alpha", "a.txt");
		const b = await blob(src, "beta", "b.txt");
		const m1 = await manifest(src, [a]);
		const m2 = await manifest(src, [b]);
		const idx = packIndex([plainDescriptor(m1), plainDescriptor(m2)]);
		await src.push(idx.desc, Readable.from([Buffer.from(idx.indexBytes)]));
		await src.tag(idx.desc, "multi");
		const res = await pull(src, "multi", new MemoryStore());
		assert.deepEqual(res.files.map((f) => f.name).sort(), ["a.txt", "b.txt"]);
	});

	it("follows the subject only with includeSubject", async () => {
		const src = new MemoryStore();
		const a = await blob(src, "alpha", "a.txt");
		const subject = await manifest(src, [a]);
		const s = await blob(src, "signature", "sig.txt");
		await manifest(src, [s], { subject, tag: "sig" });
		const without = await pull(src, "sig", new MemoryStore());
		assert.deepEqual(
			without.files.map((f) => f.name),
			["sig.txt"],
		);
		const dst = new MemoryStore();
		const withSubject = await pull(src, "sig", dst, { includeSubject: true });
		assert.deepEqual(withSubject.files.map((f) => f.name).sort(), ["a.txt", "sig.txt"]);
		assert.ok(await dst.exists(subject));
	});

	it("refuses a title with a NUL before writing any layer", async () => {
		const src = new MemoryStore();
		const good = await blob(src, "good", "good.txt");
		const bad = await blob(src, "bad", "bad\0name");
		await manifest(src, [good, bad], { tag: "v1" });
		const dst = new MemoryStore();
		await assert.rejects(pull(src, "v1", dst), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /contains a NUL character/.test((err as Error).message));
		assert.equal(await dst.exists(good), false);
	});
});
