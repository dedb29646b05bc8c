/**
 * A read-only OCI layout served from a directory or an uncompressed tar archive
 * (oras-go's content/oci.ReadOnlyStore). Nothing is written, nothing is extracted.
 */
import type { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isDigest, parseDigest } from "../../oci/digest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { throwIfAborted } from "../internal/fsutil.js";
import type { OpOptions, PredecessorFinder, ReadOnlyTarget, TagLister } from "../storage.js";
import { blobPath, loadLayout, type PredecessorGraph, type RefTable, tagsAfter } from "./core.js";
import { DirSource, type LayoutSource, TarSource } from "./source.js";

export class ReadOnlyOciLayout implements ReadOnlyTarget, PredecessorFinder, TagLister {
	private constructor(
		private readonly source: LayoutSource,
		private readonly refs: RefTable,
		private readonly graph: PredecessorGraph,
	) {}

	/** Where the layout is read from (directory or tar file). */
	get location(): string {
		return this.source.location;
	}

	/** A layout directory, read only. */
	static async fromDirectory(dir: string): Promise<ReadOnlyOciLayout> {
		return ReadOnlyOciLayout.fromSource(new DirSource(dir));
	}

	/** An uncompressed tar archive of a layout; its headers are scanned once. */
	static async fromTar(file: string): Promise<ReadOnlyOciLayout> {
		return ReadOnlyOciLayout.fromSource(await TarSource.open(file));
	}

	static async fromSource(source: LayoutSource): Promise<ReadOnlyOciLayout> {
		const loaded = await loadLayout(source);
		return new ReadOnlyOciLayout(source, loaded.refs, loaded.graph);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		throwIfAborted(opts?.signal);
		return (await this.source.size(blobPath(desc.digest))) !== undefined;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		throwIfAborted(opts?.signal);
		return this.source.stream(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`);
	}

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

	/** The `index.json` manifests as loaded. */
	indexEntries(): Descriptor[] {
		return this.refs.entries();
	}

	async close(): Promise<void> {
		await this.source.close();
	}
}
