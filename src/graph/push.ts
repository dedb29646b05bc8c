/**
 * Push: pack a manifest over descriptors already in a source store (files added to a
 * FileStore), then copy the graph to the target and tag it.
 */
import { Readable } from "node:stream";
import { MemoryStore } from "../content/memory.js";
import type { ReadOnlyStorage, Target } from "../content/storage.js";
import type { Descriptor } from "../oci/descriptor.js";
import { copy, copyGraph, type CopyGraphOptions } from "./copy.js";
import { type PackedManifest, type PackManifestOptions, packManifest } from "./pack.js";
import { tagN } from "./tag.js";
import { UnionStore } from "./union.js";

export interface PushArtifactOptions extends CopyGraphOptions {
	/** Further tags the manifest is put under after the push (`name:t1,t2`). */
	readonly extraTags?: readonly string[];
	readonly onTagged?: (tag: string) => void;
	/** Concurrency of the extra tagging (default 5, as oras). */
	readonly tagConcurrency?: number;
}

export interface PushArtifactResult {
	readonly root: Descriptor;
	readonly manifestBytes: Uint8Array;
}

/** Packs a manifest (§5.1) and pushes it with everything it references from `source`. */
export async function pushArtifact(
	source: ReadOnlyStorage,
	pack: PackManifestOptions,
	dst: Target,
	reference: string | undefined,
	opts: PushArtifactOptions = {},
): Promise<PushArtifactResult> {
	const packed = packManifest(pack);
	return pushPacked(source, packed, dst, reference, opts);
}

export async function pushPacked(
	source: ReadOnlyStorage,
	packed: PackedManifest,
	dst: Target,
	reference: string | undefined,
	opts: PushArtifactOptions = {},
): Promise<PushArtifactResult> {
	const memory = new MemoryStore();
	for (const b of packed.blobsToPush) await memory.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
	await memory.push(packed.desc, Readable.from([Buffer.from(packed.manifestBytes)]));
	await memory.tag(packed.desc, packed.desc.digest);
	const union = new UnionStore(memory, source);
	if (reference) await copy(union, packed.desc.digest, dst, reference, opts);
	else await copyGraph(union, dst, packed.desc, opts);
	if (opts.extraTags && opts.extraTags.length > 0) {
		await tagN(dst, packed.desc, Buffer.from(packed.manifestBytes), opts.extraTags, {
			...(opts.signal ? { signal: opts.signal } : {}),
			concurrency: opts.tagConcurrency ?? 5,
			...(opts.onTagged ? { onTagged: opts.onTagged } : {}),
		});
	}
	return { root: packed.desc, manifestBytes: packed.manifestBytes };
}
