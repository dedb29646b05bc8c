/**
 * Push: pack a manifest over descriptors already in a source store (files added to a
 * FileStore), then copy the graph to the target and tag it. `pushFiles` does it all from
 * file paths; large files then go up while they are hashed (one read per file) when the
 * destination can stage uploads (a registry repository).
 */
import { Readable } from "node:stream";
import { type DigestHook, FileStore } from "../content/file/index.js";
import { countBytes } from "../content/ingest.js";
import { reusedFileChunks } from "../content/internal/file-chunks.js";
import { MemoryStore } from "../content/memory.js";
import { canStage, type OpOptions, type ReadOnlyStorage, type Target } from "../content/storage.js";
import type { Descriptor } from "../oci/descriptor.js";
import type { Digest } from "../oci/digest.js";
import { MediaType } from "../oci/mediatypes.js";
import { copy, copyGraph, type CopyGraphOptions, DEFAULT_CONCURRENCY } from "./copy.js";
import { Limiter } from "./limiter.js";
import { type PackedManifest, type PackManifestOptions, packManifest } from "./pack.js";
import { tagN } from "./tag.js";
import { UnionStore } from "./union.js";

/**
 * Files at least this large are hashed while they upload to a destination that can stage
 * (below it, a HEAD that finds the blob is cheaper than an upload that turns out wasted).
 */
export const STAGE_MIN_BYTES = 8 * 1024 * 1024;

/** A file uploading before its digest is known. */
export interface StagedFile {
	/** Absolute path. */
	readonly path: string;
	readonly size: number;
}

export interface StagingOptions extends OpOptions {
	/** Smallest file hashed while it uploads (default `STAGE_MIN_BYTES`; `Infinity` turns staging off). */
	readonly stageMinBytes?: number;
	/** A file starts uploading (its digest is not known yet). */
	readonly onStageStart?: (file: StagedFile) => void;
	/** Bytes of the file read so far; a resumed or restarted upload reports its offset first. */
	readonly onStageProgress?: (file: StagedFile, bytes: number) => void;
	/** Its digest is known; the bytes are committed when the blob is pushed with the manifest. */
	readonly onStaged?: (file: StagedFile, digest: Digest) => void;
}

/**
 * A `FileStore.add` digest hook that uploads large files to `dst` while hashing them, so
 * each is read once (see `Stager`); undefined when `dst` cannot stage. A cut upload is
 * resumed or restarted by reading the file again from the offset the registry has.
 */
export function stagingDigestHook(dst: object, opts: StagingOptions = {}): DigestHook | undefined {
	if (!canStage(dst)) return undefined;
	const min = opts.stageMinBytes ?? STAGE_MIN_BYTES;
	const o: OpOptions = { signal: opts.signal };
	return async (path, size) => {
		if (size < min) return undefined;
		const file: StagedFile = { path, size };
		opts.onStageStart?.(file);
		const report = opts.onStageProgress;
		const open = (offset: number): AsyncIterable<Uint8Array> => {
			// Two reused buffers, not one per read: a stager uses each chunk before asking for the next (see `StageOpener`).
			const stream = reusedFileChunks(path, offset);
			if (!report) return stream;
			if (offset > 0) report(file, offset);
			return countBytes(stream, (n) => report(file, n), offset);
		};
		const staged = await dst.stageBlob(open, size, o);
		opts.onStaged?.(file, staged.digest);
		return staged;
	};
}

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

/** Packs a manifest (as `oras push` does, https://oras.land/docs/commands/oras_push) and pushes it with everything it references from `source`. */
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
			signal: opts.signal,
			concurrency: opts.tagConcurrency ?? 5,
			...(opts.onTagged ? { onTagged: opts.onTagged } : {}),
		});
	}
	return { root: packed.desc, manifestBytes: packed.manifestBytes };
}

/** A file for `pushFiles`: its path, and optionally its title, media type and annotations. */
export interface FileToPush {
	readonly path: string;
	/** The layer's title (`org.opencontainers.image.title`); default: `path` as given. */
	readonly name?: string;
	/** Default `application/vnd.oci.image.layer.v1.tar` (a directory: `…tar+gzip`, archived). */
	readonly mediaType?: string;
	readonly annotations?: Readonly<Record<string, string>>;
}

export interface PushFilesOptions extends PushArtifactOptions, StagingOptions {
	/**
	 * The manifest, apart from its layers and config (artifact type, annotations, version,
	 * subject, …; the config is the empty one — use `pushArtifact` for a config of your own).
	 * Without an artifact type it is `application/vnd.unknown.artifact.v1` (v1.1), as oras's.
	 */
	readonly pack?: Omit<PackManifestOptions, "layers" | "config">;
	/** Relative paths resolve against this directory (default: the process's). */
	readonly workingDir?: string;
}

/**
 * Pushes files as one artifact: each becomes a layer, the manifest is packed over them and
 * pushed with them to `dst` (tagged `reference` when given). Files of `STAGE_MIN_BYTES` or
 * more go up while they are hashed when `dst` can stage (a registry): one read per file.
 */
export async function pushFiles(files: readonly FileToPush[], dst: Target, reference: string | undefined, opts: PushFilesOptions = {}): Promise<PushArtifactResult> {
	const store = new FileStore({ workingDir: opts.workingDir ?? process.cwd() });
	try {
		const digestWith = stagingDigestHook(dst, opts);
		const limiter = new Limiter(digestWith ? (opts.concurrency ?? DEFAULT_CONCURRENCY) : 1);
		const layers = await Promise.all(
			files.map((f) =>
				limiter.run(async () => {
					const desc = await store.add(f.name ?? f.path, f.mediaType ?? "", f.path, { signal: opts.signal, ...(digestWith ? { digestWith } : {}) });
					return f.annotations ? { ...desc, annotations: { ...desc.annotations, ...f.annotations } } : desc;
				}, opts.signal),
			),
		);
		const pack = opts.pack ?? {};
		// As `oras push`: an image-spec v1.1 artifact without config or type is of the unknown type.
		const unknown = pack.artifactType === undefined && pack.version !== "v1.0";
		return await pushArtifact(store, { ...pack, ...(unknown ? { artifactType: MediaType.UnknownArtifact } : {}), layers }, dst, reference, opts);
	} finally {
		await store.close();
	}
}
