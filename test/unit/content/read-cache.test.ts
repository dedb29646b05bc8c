/** withReadCache (`ORAS_CACHE`): digest-addressed reads served from an OCI layout, filled once from the remote. */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { MemoryStore, OciLayoutStore, type OpOptions, type ReadCacheStats, withReadCache } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { CountingStore } from "./counting-store.js";

/** A remote double that also serves references, answers resolveBlob and offers ranged reads. */
class Remote extends CountingStore {
	references = 0;
	blobResolves = 0;
	/** The body of the last fetchReference. */
	lastBody: Readable | undefined;

	async fetchReference(reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }> {
		this.references++;
		const desc = await this.resolve(reference, opts);
		const body = await MemoryStore.prototype.fetch.call(this, desc, opts);
		this.lastBody = body;
		return { desc, body };
	}

	async resolveBlob(digest: string, opts?: OpOptions): Promise<Descriptor> {
		this.blobResolves++;
		return this.resolve(digest, opts);
	}

	async fetchFrom(): Promise<never> {
		throw new Error("fetchFrom must not be reached through the cache");
	}
}

const read = async (r: Readable): Promise<string> => Buffer.concat((await r.toArray()) as Buffer[]).toString("utf8");

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-read-cache-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});

async function setup(): Promise<{ remote: Remote; cache: OciLayoutStore; stats: ReadCacheStats; blob: Descriptor; blobBytes: Buffer; manifest: Descriptor }> {
	const remote = new Remote();
	const blobBytes = Buffer.from("cached layer bytes\n");
	const blob = descriptorFromBytes(MediaType.ImageLayer, blobBytes);
	await remote.push(blob, Readable.from([blobBytes]));
	const cfg = Buffer.from("{}");
	const config = descriptorFromBytes(MediaType.Empty, cfg);
	await remote.push(config, Readable.from([cfg]));
	const mbytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config, layers: [blob] }));
	const manifest = descriptorFromBytes(MediaType.ImageManifest, mbytes);
	await remote.push(manifest, Readable.from([mbytes]));
	await remote.tag(manifest, "v1");
	const cache = await OciLayoutStore.open(join(base, `cache-${n++}`));
	return { remote, cache, stats: { hits: 0, misses: 0 }, blob, blobBytes, manifest };
}

describe("withReadCache", () => {
	it("fetches a blob from the remote once, then serves it from the cache", async () => {
		const { remote, cache, stats, blob, blobBytes } = await setup();
		const cached = withReadCache(remote, cache, stats);
		assert.equal(await read(await cached.fetch(blob)), blobBytes.toString());
		assert.deepEqual(stats, { hits: 0, misses: 1 });
		assert.equal(remote.fetches, 1);
		assert.ok(await cache.exists(blob), "the blob is stored in the cache layout");
		assert.equal(await read(await cached.fetch(blob)), blobBytes.toString());
		assert.deepEqual(stats, { hits: 1, misses: 1 });
		assert.equal(remote.fetches, 1, "the second read never reaches the remote");
	});

	it("joins concurrent misses of one digest into a single remote fetch", async () => {
		const { remote, cache, stats, blob, blobBytes } = await setup();
		const cached = withReadCache(remote, cache, stats);
		const bodies = await Promise.all([cached.fetch(blob), cached.fetch(blob), cached.fetch(blob)]);
		for (const b of bodies) assert.equal(await read(b), blobBytes.toString());
		assert.equal(remote.fetches, 1);
		assert.equal(stats.misses, 3);
	});

	it("rejects remote bytes that do not match the descriptor and caches nothing", async () => {
		const { remote, cache, stats, blob, blobBytes } = await setup();
		const cached = withReadCache(remote, cache, stats);
		remote.lie = Buffer.alloc(blobBytes.length, "x"); // same size, other bytes
		await assert.rejects(cached.fetch(blob), (err: unknown) => hasCode(err, "DIGEST_MISMATCH"));
		assert.equal(await cache.exists(blob), false);
		// A later honest answer fills the cache (the failed fill is not remembered).
		remote.lie = undefined;
		assert.equal(await read(await cached.fetch(blob)), blobBytes.toString());
		assert.equal(remote.fetches, 2);
		assert.ok(await cache.exists(blob));
	});

	it("resolves tags at the remote every time but serves the manifest bytes from the cache", async () => {
		const { remote, cache, stats, manifest } = await setup();
		const cached = withReadCache(remote, cache, stats);
		assert.equal(typeof cached.fetchReference, "function");
		const first = await cached.fetchReference("v1");
		assert.equal(first.desc.digest, manifest.digest);
		const firstText = await read(first.body);
		assert.deepEqual(stats, { hits: 0, misses: 1 });
		assert.ok(await cache.exists(manifest));
		const second = await cached.fetchReference("v1");
		assert.equal(await read(second.body), firstText);
		assert.equal(remote.references, 2, "the tag is resolved at the remote each time");
		assert.deepEqual(stats, { hits: 1, misses: 1 });
		assert.equal(remote.lastBody?.destroyed, true, "the remote body of a hit is discarded");
	});

	it("answers resolveBlob from the cache for stored digests and from the remote otherwise", async () => {
		const { remote, cache, stats, blob } = await setup();
		const cached = withReadCache(remote, cache, stats);
		const fromRemote = await cached.resolveBlob(blob.digest);
		assert.equal(fromRemote.digest, blob.digest);
		assert.equal(remote.blobResolves, 1);
		await cached.fetch(blob);
		const fromCache = await cached.resolveBlob(blob.digest);
		assert.equal(fromCache.digest, blob.digest);
		assert.equal(fromCache.size, blob.size);
		assert.equal(remote.blobResolves, 1, "a cached digest needs no round trip");
	});

	it("hides ranged reads and forwards every other method bound to the remote", async () => {
		const { remote, cache, manifest } = await setup();
		const cached = withReadCache(remote, cache);
		assert.equal((cached as { fetchFrom?: unknown }).fetchFrom, undefined);
		const { resolve } = cached; // unbound use works: forwarded methods are bound
		assert.equal((await resolve("v1")).digest, manifest.digest);
		const tags: string[] = [];
		for await (const t of cached.tags()) tags.push(t);
		assert.deepEqual(tags, ["v1"]);
		assert.equal(remote.references, 0);
	});

	it("offers no fetchReference or resolveBlob when the remote has none", async () => {
		const remote = new CountingStore();
		const bytes = Buffer.from("plain");
		const desc = descriptorFromBytes(MediaType.ImageLayer, bytes);
		await remote.push(desc, Readable.from([bytes]));
		const cache = await OciLayoutStore.open(join(base, `cache-${n++}`));
		const cached = withReadCache(remote, cache);
		assert.equal((cached as { fetchReference?: unknown }).fetchReference, undefined);
		assert.equal((cached as { resolveBlob?: unknown }).resolveBlob, undefined);
		assert.equal(await read(await cached.fetch(desc)), "plain");
		assert.equal(await read(await cached.fetch(desc)), "plain");
		assert.equal(remote.fetches, 1);
	});
});
