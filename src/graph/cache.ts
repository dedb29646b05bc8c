import { Readable } from "node:stream";
import type { OpOptions, ReadOnlyStorage } from "../content/storage.js";
import { readAllVerified } from "../content/verify.js";
import { contentKey, type Descriptor } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { onSide } from "./copy-error.js";

/**
 * Wraps a source so manifests read while walking the graph are fetched once and
 * served from memory afterwards (they are small: capped at `limit`). Blobs pass through.
 * Failures of the source arrive as `CopyError`s of side `source`.
 */
export class ManifestCache implements ReadOnlyStorage {
	private readonly bytes = new Map<string, Buffer>();
	private readonly inflight = new Map<string, Promise<Buffer>>();
	readonly source: ReadOnlyStorage;
	private readonly limit: number;

	constructor(source: ReadOnlyStorage, limit = MAX_MANIFEST_BYTES) {
		this.source = source;
		this.limit = limit;
	}

	/** Seeds the cache with bytes already fetched and verified (e.g. the root). */
	put(desc: Descriptor, data: Buffer): void {
		this.bytes.set(contentKey(desc), data);
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
				this.bytes.set(key, data);
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
