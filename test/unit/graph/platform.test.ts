import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import type { Fetcher } from "../../../src/content/storage.js";
import { hasCode } from "../../../src/errors.js";
import { packIndex, packManifest } from "../../../src/graph/pack.js";
import { selectPlatformManifest } from "../../../src/graph/platform.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../../../src/oci/descriptor.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

class MapFetcher implements Fetcher {
	readonly blobs = new Map<string, Uint8Array>();
	fetches = 0;
	add(bytes: Uint8Array, mediaType: string): Descriptor {
		const d = descriptorFromBytes(mediaType, bytes);
		this.blobs.set(d.digest, bytes);
		return d;
	}
	async fetch(desc: Descriptor): Promise<Readable> {
		this.fetches++;
		const b = this.blobs.get(desc.digest);
		if (!b) throw new Error(`missing ${desc.digest}`);
		return Readable.from([Buffer.from(b)]);
	}
}

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

function image(store: MapFetcher, os: string, architecture: string, variant?: string, configType: string = MediaType.ImageConfig): Descriptor {
	const cfg = store.add(new TextEncoder().encode(encodePlatform({ os, architecture, ...(variant ? { variant } : {}) })), configType);
	const m = packManifest({ artifactType: "application/vnd.test", config: cfg, annotations: CREATED });
	return store.add(m.manifestBytes, MediaType.ImageManifest);
}

describe("selectPlatformManifest", () => {
	it("picks the first matching index entry", async () => {
		const store = new MapFetcher();
		const amd = image(store, "linux", "amd64");
		const v6 = image(store, "linux", "arm", "v6");
		const v7 = image(store, "linux", "arm", "v7");
		const idx = packIndex([
			{ ...plainDescriptor(amd), platform: { os: "linux", architecture: "amd64" } },
			{ ...plainDescriptor(v6), platform: { os: "linux", architecture: "arm", variant: "v6" } },
			{ ...plainDescriptor(v7), platform: { os: "linux", architecture: "arm", variant: "v7" } },
		]);
		const root = store.add(idx.indexBytes, MediaType.ImageIndex);
		assert.equal((await selectPlatformManifest(store, root, { os: "linux", architecture: "arm" })).digest, v6.digest);
		const got = await selectPlatformManifest(store, root, { os: "linux", architecture: "arm", variant: "v7" });
		assert.equal(got.digest, v7.digest);
		assert.deepEqual(got.platform, { os: "linux", architecture: "arm", variant: "v7" });
		await assert.rejects(selectPlatformManifest(store, root, { os: "windows", architecture: "amd64" }), (e: unknown) => hasCode(e, "NOT_FOUND"));
	});

	it("matches a single image manifest through its config", async () => {
		const store = new MapFetcher();
		const m = image(store, "linux", "arm", "v5");
		assert.equal(await selectPlatformManifest(store, m, { os: "linux", architecture: "arm" }).then((d) => d.digest), m.digest);
		await assert.rejects(selectPlatformManifest(store, m, { os: "linux", architecture: "arm", variant: "v7" }), /does not match target platform linux\/arm\/v7/);
		const docker = image(store, "linux", "amd64", undefined, MediaType.DockerConfig);
		assert.equal((await selectPlatformManifest(store, docker, { os: "linux", architecture: "amd64" })).digest, docker.digest);
	});

	it("artifacts without an image config, and blobs, are UNSUPPORTED", async () => {
		const store = new MapFetcher();
		const p = packManifest({ artifactType: "application/vnd.test", annotations: CREATED });
		const art = store.add(p.manifestBytes, MediaType.ImageManifest);
		await assert.rejects(selectPlatformManifest(store, art, { os: "linux", architecture: "amd64" }), (e: unknown) => hasCode(e, "UNSUPPORTED"));
		const blob = store.add(new Uint8Array([1, 2]), MediaType.ImageLayer);
		await assert.rejects(selectPlatformManifest(store, blob, { os: "linux", architecture: "amd64" }), (e: unknown) => hasCode(e, "UNSUPPORTED"));
		assert.equal(store.fetches, 1, "a blob is never fetched");
	});

	it("verifies what it reads", async () => {
		const store = new MapFetcher();
		const m = image(store, "linux", "amd64");
		store.blobs.set(m.digest, new TextEncoder().encode(`${"x".repeat(m.size - 1)}y`));
		await assert.rejects(selectPlatformManifest(store, m, { os: "linux", architecture: "amd64" }), (e: unknown) => hasCode(e, "DIGEST_MISMATCH"));
	});
});
