/**
 * Resolving a reference to a manifest, optionally through an index to one platform
 * (oras-go's `Resolve`/`FetchBytes` with `TargetPlatform`), as resolve, discover, attach
 * and manifest fetch do.
 */
import { canFetchReference, type OpOptions, type ReadOnlyTarget } from "../content/storage.js";
import { fetchBytes, readAllLimited } from "../content/verify.js";
import { OrasError } from "../errors.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { selectPlatformManifest } from "./platform.js";

export interface ResolveOptions extends OpOptions {
	/** Map the resolved root to the manifest for this platform. */
	readonly platform?: Platform | undefined;
	/** Cap for the manifest read into memory (default 4 MiB). */
	readonly maxBytes?: number;
}

/** The descriptor `reference` names at `target` (the platform's entry when a platform is asked for). */
export async function resolveReference(target: ReadOnlyTarget, reference: string, opts: ResolveOptions = {}): Promise<Descriptor> {
	const o: OpOptions = { signal: opts.signal };
	const root = await target.resolve(reference, o);
	if (opts.platform === undefined) return root;
	return selectPlatformManifest(target, root, opts.platform, o);
}

/**
 * The descriptor `reference` names, with the manifest's bytes (≤ `limit`) when the target answers
 * with them (a registry: one request); otherwise only resolved.
 */
export async function fetchOrResolveReference(target: ReadOnlyTarget, reference: string, o: OpOptions, limit = MAX_MANIFEST_BYTES): Promise<{ desc: Descriptor; bytes: Buffer | undefined }> {
	if (!canFetchReference(target)) return { desc: await target.resolve(reference, o), bytes: undefined };
	const r = await target.fetchReference(reference, o);
	return { desc: r.desc, bytes: await readAllLimited(r.body, limit, "manifest") };
}

/** The manifest `reference` names and its verified bytes (one request on registries when no platform is asked for). */
export async function fetchManifestReference(target: ReadOnlyTarget, reference: string, opts: ResolveOptions = {}): Promise<{ desc: Descriptor; bytes: Buffer }> {
	const o: OpOptions = { signal: opts.signal };
	const limit = opts.maxBytes ?? MAX_MANIFEST_BYTES;
	let { desc, bytes } = await fetchOrResolveReference(target, reference, o, limit);
	if (opts.platform !== undefined) {
		const selected = await selectPlatformManifest(target, desc, opts.platform, o);
		if (selected.digest !== desc.digest) bytes = undefined;
		desc = selected;
	}
	if (desc.size > limit) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: content size ${desc.size} exceeds the limit of ${limit} bytes`);
	bytes ??= await fetchBytes(target, desc, { ...o, limit });
	return { desc, bytes };
}
