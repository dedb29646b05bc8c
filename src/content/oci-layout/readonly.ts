/**
 * A read-only OCI layout served from a directory or an uncompressed tar archive
 * (oras-go's content/oci.ReadOnlyStore). Nothing is written, nothing is extracted.
 */
import type { Descriptor } from "../../oci/descriptor.js";
import { loadLayout, type PredecessorGraph, type RefTable } from "./core.js";
import { LayoutReader } from "./reader.js";
import { DirSource, type LayoutSource, TarSource } from "./source.js";

export class ReadOnlyOciLayout extends LayoutReader {
	private constructor(source: LayoutSource, refs: RefTable, graph: PredecessorGraph) {
		super(source, refs, graph);
	}

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

	/** The `index.json` manifests as loaded. */
	indexEntries(): Descriptor[] {
		return this.refs.entries();
	}

	async close(): Promise<void> {
		await this.source.close();
	}
}
