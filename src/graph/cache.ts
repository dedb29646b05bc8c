import { Readable } from "node:stream";
import type { OpOptions, ReadOnlyStorage } from "../content/storage.js";
import { readAllVerified } from "../content/verify.js";
import { contentKey, type Descriptor } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { onSide } from "./copy-error.js";

/**
 * Default bound on the bytes of manifests a cache keeps: each is at most 4 MiB, but a registry
 * can serve an index of thousands of distinct children just under that.
 */
export const MANIFEST_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Wraps a source so manifests read while walking the graph are fetched once and
 * served from memory afterwards (they are small: capped at `limit` each). At most `cacheBytes`
 * are kept: beyond, the oldest are dropped (and fetched again if needed). Blobs pass through.
 * Failures of the source arrive as `CopyError`s of side `source`.
 */
export class ManifestCache implements ReadOnlyStorage {
	private readonly bytes = new Map<string, Buffer>();
	private readonly inflight = new Map<string, Promise<Buffer>>();
	readonly source: ReadOnlyStorage;
	private readonly limit: number;
	private readonly cacheBytes: number;
	private total = 0;

	constructor(source: ReadOnlyStorage, limit = MAX_MANIFEST_BYTES, cacheBytes = MANIFEST_CACHE_BYTES) {
		this.source = source;
		this.limit = limit;
		this.cacheBytes = cacheBytes;
	}

	/** Seeds the cache with bytes already fetched and verified (e.g. the root). */
	put(desc: Descriptor, data: Buffer): void {
		this.keep(contentKey(desc), data);
	}

	/** Keeps `data`, dropping the oldest entries (never this one) while the cache holds more than `cacheBytes`. */
	private keep(key: string, data: Buffer): void {
		this.drop(key);
		this.bytes.set(key, data);
		this.total += data.length;
		for (const k of this.bytes.keys()) {
			if (this.total <= this.cacheBytes || k === key) break;
			this.drop(k);
		}
	}

	private drop(key: string): void {
		const old = this.bytes.get(key);
		if (old === undefined) return;
		this.bytes.delete(key);
		this.total -= old.length;
	}

	get(desc: Descriptor): Buffer | undefined {
		return this.bytes.get(contentKey(desc));
	}

	/** Verified bytes of a small object, fetched at most once. */
	async fetchBytes(desc: Descriptor, opts?: OpOptions): Promise<Buffer> {
		const key = contentKey(desc);
		const have = this.bytes.get(key);
		if (have) return have;
		let p = this.inflight.get(key);
		if (!p) {
			p = onSide("source", "fetch", desc, async () => {
				const data =
					desc.data !== undefined
						? await readAllVerified([Buffer.from(desc.data, "base64")], desc, this.limit)
						: await readAllVerified(await this.source.fetch(desc, opts), desc, this.limit);
				this.keep(key, data);
				return data;
			});
			this.inflight.set(key, p);
			p.then(
				() => this.inflight.delete(key),
				() => this.inflight.delete(key),
			);
		}
		return p;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		const have = this.bytes.get(contentKey(desc));
		if (have) return Readable.from([have]);
		if (isManifestMediaType(desc.mediaType) && desc.size <= this.limit) {
			return Readable.from([await this.fetchBytes(desc, opts)]);
		}
		return onSide("source", "fetch", desc, () => this.source.fetch(desc, opts));
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		if (this.bytes.has(contentKey(desc))) return true;
		return onSide("source", "exists", desc, () => this.source.exists(desc, opts));
	}
}
