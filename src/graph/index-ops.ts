/**
 * `oras manifest index create` / `update`: build an OCI image index from manifests in one
 * repository (each entry gets the `platform` read from its config and its `artifactType`),
 * or change an existing one (remove → add → merge). Encoding follows Go's json.Marshal of
 * `ocispec.Index`, so the bytes (and digests) equal oras's.
 */
import { Readable } from "node:stream";
import type { Fetcher, OpOptions, ReadOnlyTarget, Storage, Target } from "../content/storage.js";
import { fetchBytes } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { type Descriptor, descriptorFromBytes, plainDescriptor } from "../oci/descriptor.js";
import { isDigest } from "../oci/digest.js";
import { encodeIndex } from "../oci/json.js";
import { type ImageIndex, MAX_MANIFEST_BYTES, parseManifest } from "../oci/manifest.js";
import { isIndexMediaType, isManifestMediaType, MediaType } from "../oci/mediatypes.js";
import { platformFromConfig } from "../oci/platform.js";
import type { Platform } from "../oci/descriptor.js";
import { tagRoot } from "./copy.js";
import { packIndex, validateMediaType } from "./pack.js";
import { fetchManifestReference } from "./resolve.js";
import { tagN } from "./tag.js";

export interface IndexEvents {
	/** About to fetch a source manifest or index. */
	readonly onFetching?: (ref: string) => void;
	readonly onFetched?: (ref: string, desc: Descriptor) => void;
	/** update: a manifest was added / an index merged / a digest removed. */
	readonly onAdded?: (ref: string, desc: Descriptor) => void;
	readonly onMerged?: (ref: string, desc: Descriptor) => void;
	readonly onRemoved?: (digest: string) => void;
}

export interface BuiltIndex {
	/** The exact index bytes. */
	readonly bytes: Uint8Array;
	readonly index: ImageIndex;
	/** mediaType, digest, size of the index. */
	readonly desc: Descriptor;
}

function isImageManifest(mediaType: string): boolean {
	return mediaType === MediaType.ImageManifest || mediaType === MediaType.DockerManifest;
}

/** The platform a manifest's config describes, if any (undecodable configs have none). */
async function platformOf(fetcher: Fetcher, config: Descriptor, opts: OpOptions): Promise<Platform | undefined> {
	if (config.size > MAX_MANIFEST_BYTES) {
		throw new OrasError("SIZE_EXCEEDS_LIMIT", `config size ${config.size} exceeds MaxBytes ${MAX_MANIFEST_BYTES}: size exceeds limit`);
	}
	const raw = await fetchBytes(fetcher, config, { ...opts, limit: MAX_MANIFEST_BYTES });
	try {
		return platformFromConfig(raw);
	} catch (err) {
		if (OrasError.is(err) && err.code === "INVALID_MANIFEST") return undefined;
		throw err;
	}
}

/**
 * The index entry for a manifest: its plain descriptor, plus `platform` (from an image
 * manifest's config when it names os/architecture) and `artifactType` (from the manifest).
 */
export async function indexEntry(fetcher: Fetcher, desc: Descriptor, bytes: Uint8Array, opts: OpOptions = {}): Promise<Descriptor> {
	const plain = plainDescriptor(desc);
	const parsed = parseManifest(bytes, desc.mediaType);
	if (parsed.kind === "manifest" && isImageManifest(desc.mediaType)) {
		const platform = await platformOf(fetcher, parsed.manifest.config, opts);
		return {
			...plain,
			...(platform ? { platform } : {}),
			...(parsed.manifest.artifactType ? { artifactType: parsed.manifest.artifactType } : {}),
		};
	}
	if (parsed.kind === "index") return { ...plain, ...(parsed.index.artifactType ? { artifactType: parsed.index.artifactType } : {}) };
	return plain;
}

async function fetchManifest(target: ReadOnlyTarget, ref: string, what: "manifest" | "index", opts: OpOptions): Promise<{ desc: Descriptor; bytes: Buffer }> {
	let got: { desc: Descriptor; bytes: Buffer };
	try {
		got = await fetchManifestReference(target, ref, opts);
	} catch (err) {
		if (OrasError.is(err)) throw new OrasError(err.code, `could not find the ${what} ${ref}: ${err.message}`, { cause: err });
		throw err;
	}
	const ok = what === "index" ? isIndexMediaType(got.desc.mediaType) : isManifestMediaType(got.desc.mediaType);
	if (!ok) throw new OrasError("INVALID_ARGUMENT", `${ref} is not ${what === "index" ? "an index" : "a manifest"}`);
	return got;
}

export interface CreateIndexOptions extends OpOptions, IndexEvents {
	readonly artifactType?: string;
	readonly annotations?: Readonly<Record<string, string>>;
}

/** Builds (does not push) an index over the manifests `sources` (tags or digests) name at `target`. */
export async function createIndex(target: ReadOnlyTarget, sources: readonly string[], opts: CreateIndexOptions = {}): Promise<BuiltIndex> {
	const o: OpOptions = { signal: opts.signal };
	if (opts.artifactType) validateMediaType(opts.artifactType, "artifact type");
	const manifests: Descriptor[] = [];
	for (const source of sources) {
		opts.onFetching?.(source);
		const { desc, bytes } = await fetchManifest(target, source, "manifest", o);
		opts.onFetched?.(source, desc);
		manifests.push(await indexEntry(target, desc, bytes, o));
	}
	const packed = packIndex(manifests, {
		...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
		...(opts.annotations ? { annotations: opts.annotations } : {}),
	});
	return { bytes: packed.indexBytes, index: packed.index, desc: packed.desc };
}

export interface UpdateIndexOptions extends OpOptions, IndexEvents {
	/** Manifests (tags or digests) to append. */
	readonly add?: readonly string[];
	/** Indexes whose entries are appended. */
	readonly merge?: readonly string[];
	/** Digests to drop; each must be in the index. */
	readonly remove?: readonly string[];
	/** New artifact type ("" clears it); undefined leaves it. */
	readonly artifactType?: string;
}

/** True when an update would change something (oras: else "Nothing to update"). */
export function hasIndexChanges(opts: UpdateIndexOptions): boolean {
	return (opts.add?.length ?? 0) > 0 || (opts.merge?.length ?? 0) > 0 || (opts.remove?.length ?? 0) > 0 || opts.artifactType !== undefined;
}

/** Builds (does not push) the index `reference` names at `target` with remove → add → merge applied. */
export async function updateIndex(target: ReadOnlyTarget, reference: string, opts: UpdateIndexOptions = {}): Promise<BuiltIndex> {
	const o: OpOptions = { signal: opts.signal };
	for (const d of opts.remove ?? []) if (!isDigest(d)) throw new OrasError("INVALID_ARGUMENT", `remove: ${d} is not a digest`);
	if (opts.artifactType) validateMediaType(opts.artifactType, "artifact type");
	opts.onFetching?.(reference);
	const { desc: oldDesc, bytes } = await fetchManifest(target, reference, "index", o);
	opts.onFetched?.(reference, oldDesc);
	const parsed = parseManifest(bytes, oldDesc.mediaType);
	if (parsed.kind !== "index") throw new OrasError("INVALID_ARGUMENT", `${reference} is not an index`);
	const old = parsed.index;
	// remove
	const toRemove = new Map<string, boolean>((opts.remove ?? []).map((d) => [d, false]));
	let manifests = old.manifests.filter((m) => {
		if (!toRemove.has(m.digest)) return true;
		toRemove.set(m.digest, true);
		return false;
	});
	for (const [d, removed] of toRemove) {
		if (!removed) throw new OrasError("NOT_FOUND", `${d} does not exist in the index ${reference}`);
		opts.onRemoved?.(d);
	}
	// add
	for (const ref of opts.add ?? []) {
		opts.onFetching?.(ref);
		const got = await fetchManifest(target, ref, "manifest", o);
		opts.onFetched?.(ref, got.desc);
		const entry = await indexEntry(target, got.desc, got.bytes, o);
		manifests = [...manifests, entry];
		opts.onAdded?.(ref, got.desc);
	}
	// merge
	for (const ref of opts.merge ?? []) {
		opts.onFetching?.(ref);
		const got = await fetchManifest(target, ref, "index", o);
		opts.onFetched?.(ref, got.desc);
		const other = parseManifest(got.bytes, got.desc.mediaType);
		if (other.kind === "index") manifests = [...manifests, ...other.index.manifests];
		opts.onMerged?.(ref, got.desc);
	}
	const artifactType = opts.artifactType !== undefined ? opts.artifactType : old.artifactType;
	const index: ImageIndex = {
		schemaVersion: old.schemaVersion,
		...(old.mediaType ? { mediaType: old.mediaType } : {}),
		...(artifactType ? { artifactType } : {}),
		manifests,
		...(old.subject ? { subject: old.subject } : {}),
		...(old.annotations ? { annotations: old.annotations } : {}),
	};
	const out = new TextEncoder().encode(encodeIndex(index));
	return { bytes: out, index, desc: descriptorFromBytes(old.mediaType ?? oldDesc.mediaType, out) };
}

export interface PushIndexOptions extends OpOptions {
	/** Extra tags, pushed after the main reference. */
	readonly extraTags?: readonly string[];
	readonly concurrency?: number;
	readonly onTagged?: (tag: string) => void;
}

/**
 * Pushes an index: under `reference` when it is a tag (one PUT on registries), untagged when
 * it is empty or a digest; then tags it with each extra tag.
 */
export async function pushIndex(target: Target, built: BuiltIndex, reference: string, opts: PushIndexOptions = {}): Promise<void> {
	const o: OpOptions = { signal: opts.signal };
	const bytes = Buffer.from(built.bytes);
	if (reference === "" || isDigest(reference)) {
		if (!(await target.exists(built.desc, o))) await (target as Storage).push(built.desc, Readable.from([bytes]), o);
	} else {
		await tagRoot(target, built.desc, bytes, reference, o);
	}
	if (opts.extraTags && opts.extraTags.length > 0) {
		await tagN(target, built.desc, bytes, opts.extraTags, {
			...o,
			...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
			...(opts.onTagged ? { onTagged: opts.onTagged } : {}),
		});
	}
}
