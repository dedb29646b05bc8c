/** ManifestCache, resolveReference / fetchManifestReference and tagN over in-memory targets. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/index.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { CopyError, fetchManifestReference, ManifestCache, packIndex, packManifest, resolveReference, tagN } from "../../../src/graph/index.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../../../src/oci/descriptor.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { CountingStore } from "../content/counting-store.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function manifestIn(store: CountingStore, text: string): Promise<{ desc: Descriptor; bytes: Buffer }> {
	const packed = packManifest({ artifactType: "application/vnd.test", annotations: { ...CREATED, text } });
	for (const b of packed.blobsToPush) await store.add(b.desc.mediaType, b.bytes);
	await store.add(MediaType.ImageManifest, packed.manifestBytes);
	return { desc: packed.desc, bytes: Buffer.from(packed.manifestBytes) };
}

const read = async (r: Readable) => Buffer.concat((await r.toArray()) as Buffer[]);

describe("ManifestCache", () => {
	it("fetches a manifest once, joins concurrent reads, and answers exists from memory", async () => {
		const src = new CountingStore();
		const { desc, bytes } = await manifestIn(src, "a");
		const cache = new ManifestCache(src);
		const [x, y] = await Promise.all([cache.fetchBytes(desc), cache.fetchBytes(desc)]);
		assert.deepEqual(x, bytes);
		assert.deepEqual(y, bytes);
		assert.equal(src.fetches, 1);
		assert.deepEqual(await read(await cache.fetch(desc)), bytes);
		assert.equal(src.fetches, 1);
		assert.deepEqual(cache.get(desc), bytes);
		assert.equal(await cache.exists(desc), true);
		assert.equal(src.existsCalls, 0);
	});

	it("passes blobs through to the source every time", async () => {
		const src = new CountingStore();
		const blob = await src.add(MediaType.ImageLayer, Buffer.from("layer"));
		const cache = new ManifestCache(src);
		assert.equal((await read(await cache.fetch(blob))).toString(), "layer");
		assert.equal((await read(await cache.fetch(blob))).toString(), "layer");
		assert.equal(src.fetches, 2);
		assert.equal(cache.get(blob), undefined);
		assert.equal(await cache.exists(blob), true);
		assert.equal(src.existsCalls, 1);
	});

	it("serves inline data and seeded bytes without the source", async () => {
		const src = new CountingStore();
		const cache = new ManifestCache(src);
		const inline = { ...descriptorFromBytes(MediaType.Empty, Buffer.from("{}")), data: Buffer.from("{}").toString("base64") };
		assert.equal((await cache.fetchBytes(inline)).toString(), "{}");
		const seeded = descriptorFromBytes(MediaType.ImageManifest, Buffer.from('{"seeded":1}'));
		cache.put(seeded, Buffer.from('{"seeded":1}'));
		assert.equal((await read(await cache.fetch(seeded))).toString(), '{"seeded":1}');
		assert.equal(await cache.exists(seeded), true);
		assert.equal(src.fetches + src.existsCalls, 0);
	});

	it("reports source failures and mismatching bytes as CopyErrors of side source, caching nothing", async () => {
		const src = new CountingStore();
		const { desc, bytes } = await manifestIn(src, "b");
		const cache = new ManifestCache(src);
		src.lie = Buffer.alloc(bytes.length, 0x20);
		await assert.rejects(cache.fetchBytes(desc), (err: unknown) => {
			assert.ok(err instanceof CopyError);
			assert.equal((err as CopyError).side, "source");
			assert.equal((err as CopyError).step, "fetch");
			assert.equal((err as CopyError).code, "DIGEST_MISMATCH");
			return true;
		});
		assert.equal(cache.get(desc), undefined);
		src.lie = undefined;
		src.fail = new OrasError("NETWORK_ERROR", "connection reset");
		await assert.rejects(cache.fetchBytes(desc), (err: unknown) => err instanceof CopyError && err.code === "NETWORK_ERROR" && err.side === "source");
		src.fail = undefined;
		assert.deepEqual(await cache.fetchBytes(desc), bytes, "a failed read is retried on the next call");
	});

	it("refuses a manifest larger than its limit", async () => {
		const src = new CountingStore();
		const { desc } = await manifestIn(src, "big");
		const cache = new ManifestCache(src, 16);
		await assert.rejects(cache.fetchBytes(desc), (err: unknown) => hasCode(err, "SIZE_EXCEEDS_LIMIT"));
	});

	it("keeps at most cacheBytes, dropping the oldest but never the newest", async () => {
		const src = new CountingStore();
		const a = await manifestIn(src, "a");
		const b = await manifestIn(src, "b");
		const cache = new ManifestCache(src, undefined, a.bytes.length + 1);
		await cache.fetchBytes(a.desc);
		await cache.fetchBytes(b.desc);
		assert.equal(cache.get(a.desc), undefined, "the oldest entry was dropped");
		assert.deepEqual(cache.get(b.desc), b.bytes);
		await cache.fetchBytes(a.desc);
		assert.equal(src.fetches, 3, "a dropped entry is fetched again");
		const tiny = new ManifestCache(src, undefined, 1);
		await tiny.fetchBytes(b.desc);
		assert.deepEqual(tiny.get(b.desc), b.bytes, "an entry larger than the budget is still kept alone");
	});
});

/** An index for linux/amd64 and linux/arm64 images, tagged `multi`; the amd64 image tagged `single`. */
async function platforms(store: CountingStore): Promise<{ index: Descriptor; amd: Descriptor; arm: Descriptor }> {
	const image = async (architecture: string) => {
		const cfg = await store.add(MediaType.ImageConfig, new TextEncoder().encode(encodePlatform({ os: "linux", architecture })));
		const m = packManifest({ artifactType: "application/vnd.test", config: cfg, annotations: CREATED });
		return store.add(MediaType.ImageManifest, m.manifestBytes);
	};
	const amd = await image("amd64");
	const arm = await image("arm64");
	const idx = packIndex([
		{ ...plainDescriptor(amd), platform: { os: "linux", architecture: "amd64" } },
		{ ...plainDescriptor(arm), platform: { os: "linux", architecture: "arm64" } },
	]);
	const index = await store.add(MediaType.ImageIndex, idx.indexBytes);
	await store.tag(index, "multi");
	await store.tag(amd, "single");
	return { index, amd, arm };
}

describe("resolveReference / fetchManifestReference", () => {
	it("resolves a reference, or its entry for a platform", async () => {
		const store = new CountingStore();
		const { index, arm } = await platforms(store);
		assert.equal((await resolveReference(store, "multi")).digest, index.digest);
		const picked = await resolveReference(store, "multi", { platform: { os: "linux", architecture: "arm64" } });
		assert.equal(picked.digest, arm.digest);
		assert.deepEqual(picked.platform, { os: "linux", architecture: "arm64" });
		await assert.rejects(resolveReference(store, "multi", { platform: { os: "windows", architecture: "amd64" } }), (err: unknown) => hasCode(err, "NOT_FOUND"));
		await assert.rejects(resolveReference(store, "nope"), (err: unknown) => hasCode(err, "NOT_FOUND"));
	});

	it("returns verified bytes of the manifest, refetching the platform's entry", async () => {
		const store = new CountingStore();
		const { index, amd } = await platforms(store);
		const whole = await fetchManifestReference(store, "multi");
		assert.equal(whole.desc.digest, index.digest);
		assert.deepEqual(whole.bytes, await read(await store.fetch(index)));
		const entry = await fetchManifestReference(store, "multi", { platform: { os: "linux", architecture: "amd64" } });
		assert.equal(entry.desc.digest, amd.digest);
		assert.equal(descriptorFromBytes(MediaType.ImageManifest, entry.bytes).digest, amd.digest, "the bytes are the entry's, not the index's");
		const same = await fetchManifestReference(store, "single", { platform: { os: "linux", architecture: "amd64" } });
		assert.equal(same.desc.digest, amd.digest);
		assert.equal(descriptorFromBytes(MediaType.ImageManifest, same.bytes).digest, amd.digest);
	});

	it("uses one fetchReference call when the target has it", async () => {
		const store = new CountingStore();
		const { index } = await platforms(store);
		let calls = 0;
		const registryLike = Object.assign(Object.create(store) as CountingStore, {
			async fetchReference(reference: string) {
				calls++;
				const desc = await MemoryStore.prototype.resolve.call(store, reference);
				return { desc, body: await MemoryStore.prototype.fetch.call(store, desc) };
			},
		});
		// The counters are read through the wrapper: a call to its fetch or resolve would bump them there.
		const before = { fetches: registryLike.fetches, resolves: registryLike.resolves };
		const got = await fetchManifestReference(registryLike, "multi");
		assert.equal(calls, 1);
		assert.equal(got.desc.digest, index.digest);
		assert.deepEqual({ fetches: registryLike.fetches, resolves: registryLike.resolves }, before, "no separate resolve or fetch");
		await fetchManifestReference(registryLike, "multi", { platform: { os: "linux", architecture: "arm64" } });
		assert.ok(registryLike.fetches > before.fetches, "(sanity) the wrapper's counters do move when its fetch is used");
	});

	it("refuses a manifest larger than maxBytes", async () => {
		const store = new CountingStore();
		await platforms(store);
		await assert.rejects(fetchManifestReference(store, "multi", { maxBytes: 10 }), (err: unknown) => hasCode(err, "SIZE_EXCEEDS_LIMIT") && /exceeds the limit of 10 bytes/.test((err as Error).message));
	});
});

describe("tagN", () => {
	it("tags one manifest under every reference, reporting each, at most `concurrency` at a time", async () => {
		const store = new CountingStore();
		const { desc } = await manifestIn(store, "t");
		let inflight = 0;
		let peak = 0;
		const slow = Object.assign(Object.create(store) as CountingStore, {
			async tag(d: Descriptor, ref: string) {
				inflight++;
				peak = Math.max(peak, inflight);
				await new Promise((r) => setTimeout(r, 5));
				inflight--;
				await MemoryStore.prototype.tag.call(store, d, ref);
			},
		});
		const tagged: string[] = [];
		const tags = ["a", "b", "c", "d", "e"];
		await tagN(slow, desc, undefined, tags, { concurrency: 2, onTagged: (t) => void tagged.push(t) });
		assert.deepEqual([...tagged].sort(), tags);
		assert.ok(peak <= 2, `peak concurrency ${peak}`);
		for (const t of tags) assert.equal((await store.resolve(t)).digest, desc.digest);
	});

	it("pushes the bytes first when the destination lacks the manifest, and fails without them", async () => {
		const src = new CountingStore();
		const { desc, bytes } = await manifestIn(src, "p");
		const dst = new MemoryStore();
		await assert.rejects(tagN(dst, desc, undefined, ["x"]), (err: unknown) => hasCode(err, "NOT_FOUND") && err instanceof CopyError && err.side === "destination");
		await tagN(dst, desc, bytes, ["x", "y"]);
		assert.equal((await dst.resolve("x")).digest, desc.digest);
		assert.equal((await dst.resolve("y")).digest, desc.digest);
	});

	it("uses pushReference with the bytes when the destination has it", async () => {
		const src = new CountingStore();
		const { desc, bytes } = await manifestIn(src, "r");
		const seen: string[] = [];
		const dst = Object.assign(new MemoryStore(), {
			async pushReference(d: Descriptor, body: AsyncIterable<Uint8Array>, ref: string) {
				const chunks: Buffer[] = [];
				for await (const c of body) chunks.push(Buffer.from(c));
				assert.deepEqual(Buffer.concat(chunks), bytes);
				seen.push(`${ref}@${d.digest}`);
			},
		});
		await tagN(dst, desc, bytes, ["one", "two"]);
		assert.deepEqual(seen.sort(), [`one@${desc.digest}`, `two@${desc.digest}`]);
	});
});
