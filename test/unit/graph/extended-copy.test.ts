import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/memory.js";
import type { Target } from "../../../src/content/storage.js";
import { copyWithReferrers, countReferrers, extendedCopy, extendedCopyGraph, findReferrersRecursive, findRoots } from "../../../src/graph/extended-copy.js";
import { createIndex, hasIndexChanges, updateIndex } from "../../../src/graph/index-ops.js";
import { packIndex, packManifest } from "../../../src/graph/pack.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };
const enc = (s: string) => new TextEncoder().encode(s);

async function put(store: Target, desc: Descriptor, bytes: Uint8Array): Promise<void> {
	await store.push(desc, Readable.from([Buffer.from(bytes)]));
}

/** An artifact with one layer `text`, optionally referring to `subject`. */
async function artifact(store: Target, text: string, artifactType: string, subject?: Descriptor): Promise<Descriptor> {
	const layerBytes = enc(text);
	const layer = descriptorFromBytes(MediaType.ImageLayer, layerBytes, { annotations: { "org.opencontainers.image.title": `${text}.txt` } });
	await put(store, layer, layerBytes);
	const packed = packManifest({ artifactType, layers: [layer], annotations: CREATED, ...(subject ? { subject } : {}) });
	for (const b of packed.blobsToPush) await put(store, b.desc, b.bytes);
	await put(store, packed.desc, packed.manifestBytes);
	return packed.desc;
}

/** image ← sbom ← sig, plus an unrelated artifact. */
async function seed(): Promise<{ src: MemoryStore; image: Descriptor; sbom: Descriptor; sig: Descriptor; other: Descriptor }> {
	const src = new MemoryStore();
	const image = await artifact(src, "image", "application/vnd.example.image");
	await src.tag(image, "v1");
	const sbom = await artifact(src, "sbom", "application/vnd.example.sbom", image);
	const sig = await artifact(src, "sig", "application/vnd.example.sig", sbom);
	const other = await artifact(src, "other", "application/vnd.example.other");
	return { src, image, sbom, sig, other };
}

describe("extended copy", () => {
	it("finds the roots above a node through referrers of referrers, or up to a depth", async () => {
		const { src, image, sbom, sig } = await seed();
		assert.deepEqual(
			(await findRoots(src, image)).map((d) => d.digest),
			[sig.digest],
		);
		assert.deepEqual(
			(await findRoots(src, image, { depth: 1 })).map((d) => d.digest),
			[sbom.digest],
		);
		assert.deepEqual(
			(await findReferrersRecursive(src, [image])).map((d) => d.digest),
			[sbom.digest, sig.digest],
		);
		assert.equal(await countReferrers(src, image), 2);
		assert.equal(await countReferrers(src, sig), 0);
	});

	it("copies a node with everything referring to it, nothing else, and tags it", async () => {
		const { src, image, sbom, sig, other } = await seed();
		const dst = new MemoryStore();
		const copied: string[] = [];
		const root = await extendedCopy(src, "v1", dst, "copied", { postCopy: (d) => void copied.push(d.digest) });
		assert.equal(root.digest, image.digest);
		for (const d of [image, sbom, sig]) assert.ok(await dst.exists(d), d.digest);
		assert.ok(!(await dst.exists(other)));
		assert.equal((await dst.resolve("copied")).digest, image.digest);
		assert.equal(new Set(copied).size, copied.length, "each node copied once");
		// depth 1: the signature of the SBOM stays behind
		const shallow = new MemoryStore();
		await extendedCopyGraph(src, shallow, image, { depth: 1 });
		assert.ok(await shallow.exists(sbom));
		assert.ok(!(await shallow.exists(sig)));
	});

	it("reports nodes shared by several roots once", async () => {
		const { src, image } = await seed();
		await artifact(src, "sig2", "application/vnd.example.sig", image);
		const dst = new MemoryStore();
		const events: string[] = [];
		await extendedCopyGraph(src, dst, image, {
			postCopy: (d) => void events.push(`copied ${d.digest}`),
			onCopySkipped: (d) => void events.push(`skipped ${d.digest}`),
		});
		assert.equal(events.filter((e) => e.startsWith("skipped")).length, 0);
		assert.equal(events.filter((e) => e === `copied ${image.digest}`).length, 1);
	});

	it("copies referrers of index members with the index (copyWithReferrers)", async () => {
		const src = new MemoryStore();
		const entries: Descriptor[] = [];
		for (const arch of ["amd64", "arm64"]) {
			const cfgBytes = enc(encodePlatform({ architecture: arch, os: "linux" }));
			const cfg = descriptorFromBytes(MediaType.ImageConfig, cfgBytes);
			await put(src, cfg, cfgBytes);
			const layerBytes = enc(`layer ${arch}`);
			const layer = descriptorFromBytes(MediaType.ImageLayer, layerBytes);
			await put(src, layer, layerBytes);
			const m = enc(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: cfg, layers: [layer] }));
			const md = descriptorFromBytes(MediaType.ImageManifest, m);
			await put(src, md, m);
			entries.push(md);
		}
		const idx = packIndex(entries);
		await put(src, idx.desc, idx.indexBytes);
		await src.tag(idx.desc, "multi");
		const memberSig = await artifact(src, "member-sig", "application/vnd.example.sig", entries[1]);
		const dst = new MemoryStore();
		await copyWithReferrers(src, dst, idx.desc, "multi");
		assert.ok(await dst.exists(memberSig));
		assert.ok(await dst.exists(entries[0] as Descriptor));
		assert.equal((await dst.resolve("multi")).digest, idx.desc.digest);
		assert.equal(await countReferrers(dst, idx.desc), 1);

		// index create / update over the same members (platforms read from the configs)
		await src.tag(entries[0] as Descriptor, "amd64");
		const built = await createIndex(src, ["amd64", (entries[1] as Descriptor).digest]);
		assert.deepEqual(
			built.index.manifests.map((m) => m.platform?.architecture),
			["amd64", "arm64"],
		);
		assert.equal(built.desc.digest, packIndex(built.index.manifests).desc.digest);
		await put(src, built.desc, built.bytes);
		await src.tag(built.desc, "built");
		const updated = await updateIndex(src, "built", { remove: [(entries[0] as Descriptor).digest], artifactType: "application/vnd.example.set" });
		assert.deepEqual(
			updated.index.manifests.map((m) => m.digest),
			[(entries[1] as Descriptor).digest],
		);
		assert.equal(updated.index.artifactType, "application/vnd.example.set");
		assert.ok(!hasIndexChanges({}));
		assert.ok(hasIndexChanges({ artifactType: "" }));
		await assert.rejects(updateIndex(src, "built", { remove: ["sha256:0000000000000000000000000000000000000000000000000000000000000000"] }), /does not exist in the index/);
		await assert.rejects(createIndex(src, [idx.desc.digest.replace(/.$/, "0")]), /could not find the manifest/);
	});
});
