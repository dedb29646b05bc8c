/**
 * The read side both layout stores share: blobs by digest from a layout source, references
 * from the `index.json` table, predecessors from the graph built when the layout was loaded.
 */
import type { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isDigest, parseDigest } from "../../oci/digest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { throwIfAborted } from "../internal/fsutil.js";
import type { OpOptions, PredecessorFinder, ReadOnlyTarget, TagLister } from "../storage.js";
import { blobPath, type PredecessorGraph, type RefTable, tagsAfter } from "./core.js";
import type { LayoutSource } from "./source.js";

export abstract class LayoutReader<S extends LayoutSource = LayoutSource> implements ReadOnlyTarget, PredecessorFinder, TagLister {
	protected constructor(
		protected readonly source: S,
		protected readonly refs: RefTable,
		protected readonly graph: PredecessorGraph,
	) {}

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
