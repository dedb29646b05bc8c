/** graph attach: a v1.1 manifest with `subject`, pushed with its files from another store, never walking into the subject. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { attach, packIndex, packManifest } from "../../../src/graph/index.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../../../src/oci/descriptor.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { parseManifest } from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };
const NOW = () => new Date("2024-01-01T00:00:00Z");

async function put(store: MemoryStore, mediaType: string, bytes: Uint8Array, extra: Partial<Descriptor> = {}): Promise<Descriptor> {
	const d = { ...descriptorFromBytes(mediaType, bytes), ...extra };
	await store.push(d, Readable.from([Buffer.from(bytes)]));
	return d;
}

async function manifestOf(store: MemoryStore, desc: Descriptor) {
	const chunks: Buffer[] = [];
	for await (const c of await store.fetch(desc)) chunks.push(c as Buffer);
	const parsed = parseManifest(Buffer.concat(chunks), desc.mediaType);
	assert.equal(parsed.kind, "manifest");
	return parsed.kind === "manifest" ? parsed.manifest : assert.fail();
}

/** A target holding an image for linux/amd64 and linux/arm64 under an index tagged `multi`, and the amd64 image tagged `v1`. */
async function target(): Promise<{ dst: MemoryStore; amd: Descriptor; arm: Descriptor; index: Descriptor }> {
	const dst = new MemoryStore();
	const image = async (architecture: string) => {
		const cfg = await put(dst, MediaType.ImageConfig, new TextEncoder().encode(encodePlatform({ os: "linux", architecture })));
		const m = packManifest({ config: cfg, annotations: { ...CREATED, architecture } });
		return put(dst, MediaType.ImageManifest, m.manifestBytes);
	};
	const amd = await image("amd64");
	const arm = await image("arm64");
	const idx = packIndex([
		{ ...plainDescriptor(amd), platform: { os: "linux", architecture: "amd64" } },
		{ ...plainDescriptor(arm), platform: { os: "linux", architecture: "arm64" } },
	]);
	const index = await put(dst, MediaType.ImageIndex, idx.indexBytes);
	await dst.tag(index, "multi");
	await dst.tag(amd, "v1");
	return { dst, amd, arm, index };
}

describe("graph attach", () => {
	it("pushes a referrer of the tagged subject with files from the source store, untagged", async () => {
		const { dst, amd } = await target();
		const files = new MemoryStore(); // holds only the file: the subject is never fetched from it
		const sig = await put(files, MediaType.ImageLayer, Buffer.from("signature"), { annotations: { "org.opencontainers.image.title": "sig.txt" } });
		const res = await attach(dst, "v1", files, { artifactType: "application/vnd.test.sig", layers: [sig], annotations: { ...CREATED, k: "v" }, now: NOW });
		assert.equal(res.subject.digest, amd.digest);
		const m = await manifestOf(dst, res.root);
		assert.equal(m.artifactType, "application/vnd.test.sig");
		assert.equal(m.subject?.digest, amd.digest);
		assert.deepEqual(m.layers.map((l) => l.digest), [sig.digest]);
		assert.equal(m.annotations?.k, "v");
		assert.equal(await dst.exists(sig), true);
		assert.ok((await dst.predecessors(amd)).some((d) => d.digest === res.root.digest), "the referrer points at its subject");
		const tags: string[] = [];
		for await (const t of dst.tags()) tags.push(t);
		assert.deepEqual(tags.sort(), ["multi", "v1"], "the referrer is untagged");
		assert.deepEqual(Buffer.from(res.manifestBytes), Buffer.concat(((await (await dst.fetch(res.root)).toArray()) as Buffer[])));
	});

	it("attaches to one platform of an index, or to a descriptor as given", async () => {
		const { dst, arm, index } = await target();
		const files = new MemoryStore();
		const onArm = await attach(dst, "multi", files, { artifactType: "application/vnd.test.sbom", platform: { os: "linux", architecture: "arm64" }, annotations: CREATED, now: NOW });
		assert.equal(onArm.subject.digest, arm.digest);
		const onIndex = await attach(dst, index, files, { artifactType: "application/vnd.test.sbom", annotations: CREATED, now: NOW });
		assert.equal(onIndex.subject.digest, index.digest);
		const m = await manifestOf(dst, onIndex.root);
		assert.equal(m.layers.length, 1, "no files: one empty JSON layer");
		assert.equal(m.layers[0]?.mediaType, MediaType.Empty);
		assert.equal(m.config.mediaType, MediaType.Empty);
	});

	it("carries a config from the source with its annotations", async () => {
		const { dst } = await target();
		const files = new MemoryStore();
		const cfg = await put(files, "application/vnd.test.config", Buffer.from('{"c":1}'));
		const res = await attach(dst, "v1", files, { artifactType: "application/vnd.test.cfg", config: cfg, configAnnotations: { ca: "1" }, annotations: CREATED, now: NOW });
		const m = await manifestOf(dst, res.root);
		assert.equal(m.config.digest, cfg.digest);
		assert.equal(m.config.annotations?.ca, "1");
		assert.equal(await dst.exists(cfg), true);
	});

	it("fails on an unknown subject or a platform the subject lacks, pushing nothing", async () => {
		const { dst } = await target();
		const files = new MemoryStore();
		await assert.rejects(attach(dst, "missing", files, { artifactType: "application/vnd.test", annotations: CREATED }), (err: unknown) => hasCode(err, "NOT_FOUND"));
		await assert.rejects(attach(dst, "multi", files, { artifactType: "application/vnd.test", platform: { os: "windows", architecture: "amd64" }, annotations: CREATED }), (err: unknown) => hasCode(err, "NOT_FOUND"));
	});
});
