/**
 * The read side both layout stores share: blobs by digest from a layout source, references
 * from the `index.json` table, predecessors from the graph built when the layout was loaded.
 */
import type { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isDigest, parseDigest } from "../../oci/digest.js";
import { declaredMediaType, MAX_MANIFEST_BYTES } from "../../oci/manifest.js";
import { isManifestMediaType, MediaType } from "../../oci/mediatypes.js";
import { throwIfAborted } from "../internal/fsutil.js";
import type { OpOptions, PredecessorFinder, ReadOnlyTarget, TagLister } from "../storage.js";
import { blobPath, type PredecessorGraph, type RefTable, tagsAfter } from "./core.js";
import type { LayoutSource } from "./source.js";

export abstract class LayoutReader<S extends LayoutSource = LayoutSource> implements ReadOnlyTarget, PredecessorFinder, TagLister {
	protected constructor(
		protected readonly source: S,
		protected readonly refs: RefTable,
		protected graph: PredecessorGraph,
	) {}

	/** Size of the blob file of `digest`, or undefined when the layout lacks it. */
	async blobSize(digest: string): Promise<number | undefined> {
		return this.source.size(blobPath(digest));
	}

	/**
	 * A tag or digest as a manifest: an `index.json` entry, or a blob of at most 4 MiB whose JSON
	 * declares a manifest media type (an index child, say, that has no entry of its own).
	 * Undefined when there is no such manifest.
	 */
	async resolveManifest(reference: string, opts?: OpOptions): Promise<Descriptor | undefined> {
		throwIfAborted(opts?.signal);
		const desc = this.refs.get(reference);
		if (desc) return reference === desc.digest ? { mediaType: desc.mediaType, digest: desc.digest, size: desc.size } : desc;
		if (!isDigest(reference)) return undefined;
		const size = await this.source.size(blobPath(reference));
		if (size === undefined || size > MAX_MANIFEST_BYTES) return undefined;
		const raw = await this.source.readSmall(blobPath(reference), MAX_MANIFEST_BYTES);
		let mediaType: string | undefined;
		try {
			mediaType = raw ? declaredMediaType(raw) : undefined;
		} catch (err) {
			if (OrasError.is(err)) return undefined; // not a JSON object (or nested too deep): not a manifest
			throw err;
		}
		return mediaType !== undefined && isManifestMediaType(mediaType) ? { mediaType, digest: parseDigest(reference), size } : undefined;
	}

	/**
	 * The manifests whose subject is `digest`, as the referrers API lists them (artifactType and
	 * annotations filled in), optionally only those of one artifact type. From the predecessor
	 * graph: no manifest is read. (Not named `referrers`: graph/referrers.ts treats a target with
	 * that method as a remote lister.)
	 */
	async referrerDescriptors(digest: string, opts?: OpOptions & { artifactType?: string | undefined }): Promise<Descriptor[]> {
		throwIfAborted(opts?.signal);
		const all = this.graph.referrerDescriptors(digest);
		const type = opts?.artifactType;
		return type === undefined ? all : all.filter((d) => d.artifactType === type);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		throwIfAborted(opts?.signal);
		return (await this.source.size(blobPath(desc.digest))) !== undefined;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		throwIfAborted(opts?.signal);
		return this.source.stream(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`);
	}

	/** A tag or digest in `index.json`, or any blob by digest (typed as an octet stream). */
	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		throwIfAborted(opts?.signal);
		if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
		const desc = this.refs.get(reference);
		if (desc) return reference === desc.digest ? { mediaType: desc.mediaType, digest: desc.digest, size: desc.size } : desc;
		if (isDigest(reference)) {
			const size = await this.source.size(blobPath(reference));
			if (size !== undefined) return { mediaType: MediaType.OctetStream, digest: parseDigest(reference), size };
		}
		throw new OrasError("NOT_FOUND", `${reference}: not found`);
	}

	async predecessors(desc: Descriptor, opts?: OpOptions): Promise<Descriptor[]> {
		throwIfAborted(opts?.signal);
		return this.graph.predecessors(desc.digest);
	}

	async *tags(opts?: OpOptions & { last?: string }): AsyncIterable<string> {
		throwIfAborted(opts?.signal);
		yield* tagsAfter(this.refs.tags(), opts?.last);
	}
}
