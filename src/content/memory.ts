import { Readable } from "node:stream";
import { OrasError } from "../errors.js";
import { contentKey, type Descriptor } from "../oci/descriptor.js";
import { type Digest, isDigest } from "../oci/digest.js";
import { parseManifest, successorsOf } from "../oci/manifest.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import type { Deleter, OpOptions, PredecessorFinder, TagLister, Target } from "./storage.js";
import { readAllVerified } from "./verify.js";

/**
 * A content-addressed store in memory with tags and a predecessor index. Meant for
 * small content (manifests, tests); blobs are held whole, so do not use it for large files.
 */
export class MemoryStore implements Target, Deleter, PredecessorFinder, TagLister {
	private readonly blobs = new Map<string, { desc: Descriptor; data: Buffer }>();
	private readonly tagMap = new Map<string, Descriptor>();
	private readonly preds = new Map<string, Map<string, Descriptor>>();

	async fetch(desc: Descriptor, _opts?: OpOptions): Promise<Readable> {
		const entry = this.blobs.get(contentKey(desc));
		if (!entry) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
		return Readable.from([entry.data]);
	}

	async exists(desc: Descriptor, _opts?: OpOptions): Promise<boolean> {
		return this.blobs.has(contentKey(desc));
	}

	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, _opts?: OpOptions): Promise<void> {
		const data = await readAllVerified(body, desc, Number.MAX_SAFE_INTEGER);
		const key = contentKey(desc);
		if (this.blobs.has(key)) return;
		this.blobs.set(key, { desc, data });
		if (isManifestMediaType(desc.mediaType)) {
			try {
				for (const s of successorsOf(parseManifest(data, desc.mediaType))) {
					let m = this.preds.get(s.digest);
					if (!m) this.preds.set(s.digest, (m = new Map()));
					m.set(key, desc);
				}
			} catch {
				// content that does not parse as its media type has no successors to index
			}
		}
	}

	async resolve(reference: string, _opts?: OpOptions): Promise<Descriptor> {
		const tagged = this.tagMap.get(reference);
		if (tagged) return tagged;
		if (isDigest(reference)) {
			for (const { desc } of this.blobs.values()) if (desc.digest === reference) return desc;
		}
		throw new OrasError("NOT_FOUND", `${reference}: not found`);
	}

	async tag(desc: Descriptor, reference: string, _opts?: OpOptions): Promise<void> {
		if (!this.blobs.has(contentKey(desc))) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
		this.tagMap.set(reference, desc);
	}

	async delete(desc: Descriptor, _opts?: OpOptions): Promise<void> {
		const key = contentKey(desc);
		if (!this.blobs.delete(key)) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
		for (const [t, d] of this.tagMap) if (contentKey(d) === key) this.tagMap.delete(t);
		for (const m of this.preds.values()) m.delete(key);
	}

	async predecessors(desc: Descriptor, _opts?: OpOptions): Promise<Descriptor[]> {
		return [...(this.preds.get(desc.digest as Digest)?.values() ?? [])];
	}

	async *tags(opts?: OpOptions & { last?: string }): AsyncIterable<string> {
		const all = [...this.tagMap.keys()].sort();
		for (const t of all) if (opts?.last === undefined || t > opts.last) yield t;
	}
}
