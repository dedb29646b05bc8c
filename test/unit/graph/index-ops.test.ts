/** `manifest index create/update` in the library: entries with platform and artifactType, remove → add → merge, pushing. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { createIndex, indexEntry, packIndex, packManifest, pushIndex, updateIndex } from "../../../src/graph/index.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../../../src/oci/descriptor.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function put(store: MemoryStore, mediaType: string, bytes: Uint8Array, tag?: string): Promise<Descriptor> {
	const d = descriptorFromBytes(mediaType, bytes);
	await store.push(d, Readable.from([Buffer.from(bytes)]));
	if (tag) await store.tag(d, tag);
	return d;
}

/** An image for os/arch (config of media type `configType`), tagged `tag`. */
async function image(store: MemoryStore, architecture: string, tag: string, configType: string = MediaType.ImageConfig, artifactType?: string): Promise<Descriptor> {
	const cfg = await put(store, configType, new TextEncoder().encode(encodePlatform({ os: "linux", architecture })));
	const m = packManifest({ artifactType: artifactType ?? "application/vnd.test", config: cfg, annotations: { ...CREATED, arch: architecture } });
	return put(store, MediaType.ImageManifest, m.manifestBytes, tag);
}

describe("createIndex", () => {
	it("builds an index whose entries carry platform and artifactType, reporting each fetch", async () => {
		const store = new MemoryStore();
		const amd = await image(store, "amd64", "amd");
		const arm = await image(store, "arm64", "arm");
		const events: string[] = [];
		const built = await createIndex(store, ["amd", arm.digest], {
			artifactType: "application/vnd.test.set",
			annotations: { k: "v" },
			onFetching: (r) => void events.push(`fetching ${r}`),
			onFetched: (r, d) => void events.push(`fetched ${r} ${d.digest === amd.digest || d.digest === arm.digest}`),
		});
		assert.deepEqual(events, ["fetching amd", "fetched amd true", `fetching ${arm.digest}`, `fetched ${arm.digest} true`]);
		assert.equal(built.index.artifactType, "application/vnd.test.set");
		assert.deepEqual(built.index.annotations, { k: "v" });
		assert.deepEqual(
			built.index.manifests.map((m) => [m.digest, m.platform?.architecture, m.artifactType]),
			[
				[amd.digest, "amd64", "application/vnd.test"],
				[arm.digest, "arm64", "application/vnd.test"],
			],
		);
		assert.equal(built.desc.digest, descriptorFromBytes(MediaType.ImageIndex, built.bytes).digest);
		assert.equal(await store.exists(built.desc), false, "built, not pushed");
	});

	it("refuses a source that is no manifest, an unknown one, and a malformed artifact type", async () => {
		const store = new MemoryStore();
		await image(store, "amd64", "amd");
		await put(store, MediaType.ImageLayer, Buffer.from("just bytes"), "blobtag");
		await assert.rejects(createIndex(store, ["blobtag"]), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && (err as Error).message === "blobtag is not a manifest");
		await assert.rejects(createIndex(store, ["missing"]), (err: unknown) => hasCode(err, "NOT_FOUND") && /^could not find the manifest missing: /.test((err as Error).message));
		await assert.rejects(createIndex(store, ["amd"], { artifactType: "not a media type" }), (err: unknown) => hasCode(err, "INVALID_MEDIA_TYPE"));
		await assert.rejects(updateIndex(store, "amd", { artifactType: "not a media type" }), (err: unknown) => hasCode(err, "INVALID_MEDIA_TYPE"));
	});
});

describe("indexEntry", () => {
	it("takes an index's artifactType, and no platform from a config that carries none", async () => {
		const store = new MemoryStore();
		const amd = await image(store, "amd64", "amd");
		const idx = packIndex([plainDescriptor(amd)], { artifactType: "application/vnd.test.inner" });
		const entry = await indexEntry(store, idx.desc, idx.indexBytes);
		assert.deepEqual(entry, { ...plainDescriptor(idx.desc), artifactType: "application/vnd.test.inner" });
		const cfg = await put(store, MediaType.ImageConfig, Buffer.from("{}"));
		const m = packManifest({ config: cfg, annotations: CREATED });
		const noPlatform = await indexEntry(store, m.desc, m.manifestBytes);
		assert.equal(noPlatform.platform, undefined);
	});
});

describe("updateIndex", () => {
	async function seeded() {
		const store = new MemoryStore();
		const amd = await image(store, "amd64", "amd");
		const arm = await image(store, "arm64", "arm");
		const s390 = await image(store, "s390x", "s390x");
		const built = await createIndex(store, ["amd", "arm"], { artifactType: "application/vnd.test.set" });
		await pushIndex(store, built, "set");
		const other = await createIndex(store, ["s390x"]);
		await pushIndex(store, other, "other");
		return { store, amd, arm, s390, built };
	}

	it("removes, then adds, then merges, reporting each step", async () => {
		const { store, amd, arm, s390 } = await seeded();
		const events: string[] = [];
		const updated = await updateIndex(store, "set", {
			remove: [amd.digest],
			add: ["amd"],
			merge: ["other"],
			onRemoved: (d) => void events.push(`removed ${d === amd.digest}`),
			onAdded: (r) => void events.push(`added ${r}`),
			onMerged: (r) => void events.push(`merged ${r}`),
		});
		assert.deepEqual(events, ["removed true", "added amd", "merged other"]);
		assert.deepEqual(
			updated.index.manifests.map((m) => m.digest),
			[arm.digest, amd.digest, s390.digest],
		);
		assert.equal(updated.index.artifactType, "application/vnd.test.set", "kept when not given");
		const cleared = await updateIndex(store, "set", { artifactType: "" });
		assert.equal(cleared.index.artifactType, undefined);
		assert.notEqual(cleared.desc.digest, updated.desc.digest);
	});

	it("refuses a non-digest to remove, a digest not in the index, and a reference that is no index", async () => {
		const { store } = await seeded();
		await assert.rejects(updateIndex(store, "set", { remove: ["amd"] }), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && (err as Error).message === "remove: amd is not a digest");
		await assert.rejects(updateIndex(store, "amd", {}), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && (err as Error).message === "amd is not an index");
		await assert.rejects(updateIndex(store, "set", { merge: ["amd"] }), /amd is not an index/);
		await assert.rejects(updateIndex(store, "nope", {}), /could not find the index nope/);
	});
});

describe("pushIndex", () => {
	it("pushes under a tag, or untagged for a digest or empty reference, then adds extra tags", async () => {
		const store = new MemoryStore();
		await image(store, "amd64", "amd");
		const built = await createIndex(store, ["amd"]);
		const untagged = new MemoryStore();
		await pushIndex(untagged, built, "");
		assert.equal(await untagged.exists(built.desc), true);
		const tagsOf = async (s: MemoryStore) => {
			const out: string[] = [];
			for await (const t of s.tags()) out.push(t);
			return out;
		};
		assert.deepEqual(await tagsOf(untagged), []);
		const byDigest = new MemoryStore();
		await pushIndex(byDigest, built, built.desc.digest);
		assert.equal(await byDigest.exists(built.desc), true);

		const tagged = new MemoryStore();
		const seen: string[] = [];
		await pushIndex(tagged, built, "main", { extraTags: ["a", "b"], concurrency: 1, onTagged: (t) => void seen.push(t) });
		assert.deepEqual(await tagsOf(tagged), ["a", "b", "main"]);
		assert.deepEqual(seen.sort(), ["a", "b"]);
		assert.equal((await tagged.resolve("main")).digest, built.desc.digest);
	});
});
