/**
 * Reading and naming what a reference points at: `resolve`, `fetchManifest`, `tag`,
 * `referrers` (direct) and `discover` (the referrers tree), on registries and OCI layouts.
 */
import { walkReferrers, referrers as listReferrers, type ReferrerNode } from "../graph/referrers.js";
import { fetchManifestReference, fetchOrResolveReference, resolveReference } from "../graph/resolve.js";
import { tagN } from "../graph/tag.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { parseJSON } from "../oci/json.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { parseHostPlatform } from "../oci/platform.js";
import type { ReadOnlyTarget, Target } from "../content/storage.js";
import { opOptions, requireReference, type RemoteTargetOptions, type TargetInput, withTarget } from "./target.js";

export interface ResolveOptions extends RemoteTargetOptions {
	/** From an index, the descriptor of this platform's manifest. */
	readonly platform?: string | Platform | undefined;
}

function platformOf(p: string | Platform | undefined): Platform | undefined {
	return typeof p === "string" ? parseHostPlatform(p) : p;
}

/** The descriptor `ref` (tag or digest) names. */
export async function resolve(ref: TargetInput<ReadOnlyTarget>, opts: ResolveOptions = {}): Promise<Descriptor> {
	return withTarget(ref, opts, "read", ({ target, parsed }) =>
		resolveReference(target, requireReference(parsed, "resolve"), { ...opOptions(opts), platform: platformOf(opts.platform) }),
	);
}

export interface FetchedManifest {
	readonly descriptor: Descriptor;
	/** The exact bytes, verified against the digest. */
	readonly bytes: Buffer;
	/** The bytes parsed as JSON (an image manifest or index), on first use (INVALID_MANIFEST when they are not JSON). */
	readonly manifest: unknown;
}

/** Fetches the manifest `ref` names (≤ 4 MiB, verified). */
export async function fetchManifest(ref: TargetInput<ReadOnlyTarget>, opts: ResolveOptions = {}): Promise<FetchedManifest> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const { desc, bytes } = await fetchManifestReference(target, requireReference(parsed, "fetchManifest"), { ...opOptions(opts), platform: platformOf(opts.platform) });
		let manifest: { value: unknown } | undefined;
		return {
			descriptor: desc,
			bytes,
			get manifest(): unknown {
				manifest ??= { value: parseJSON(bytes, "manifest", "INVALID_MANIFEST") };
				return manifest.value;
			},
		};
	});
}

export interface TagOptions extends RemoteTargetOptions {
	/** Tags put at once (default 5). */
	readonly concurrency?: number | undefined;
	/** The manifest was found (its tags are put next). */
	readonly onResolved?: ((desc: Descriptor) => void) | undefined;
	/** A tag was put. */
	readonly onTagged?: ((tag: string) => void) | undefined;
}

/** Tags the manifest `ref` names with each of `tags` in the same repository or layout. Returns its descriptor. */
export async function tag(ref: TargetInput<Target>, tags: readonly string[], opts: TagOptions = {}): Promise<Descriptor> {
	return withTarget(ref, opts, "write", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const reference = requireReference(parsed, "tag");
		// A registry answers with the manifest itself: one request, and its bytes are put under each tag.
		const { desc, bytes: fetched } = await fetchOrResolveReference(target, reference, o);
		const bytes = isManifestMediaType(desc.mediaType) ? fetched : undefined;
		opts.onResolved?.(desc);
		if (tags.length > 0) await tagN(target, desc, bytes, tags, { ...o, concurrency: opts.concurrency ?? 5, ...(opts.onTagged ? { onTagged: opts.onTagged } : {}) });
		return desc;
	});
}

export interface ReferrersOptions extends ResolveOptions {
	/** Only referrers of this artifact type. */
	readonly artifactType?: string | undefined;
}

/** The artifacts that refer to `ref` (its direct referrers: signatures, SBOMs, …). */
export async function referrers(ref: TargetInput<ReadOnlyTarget>, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const root = await resolveReference(target, requireReference(parsed, "referrers"), { ...o, platform: platformOf(opts.platform) });
		return listReferrers(target, root, { ...o, ...(opts.artifactType ? { artifactType: opts.artifactType } : {}) });
	});
}

export interface DiscoverOptions extends ReferrersOptions {
	/** Levels to walk: 1 = direct referrers; default (or 0) all (bounded by `MAX_REFERRER_DEPTH`). */
	readonly depth?: number | undefined;
}

/** The tree of referrers of `ref`, referrers of referrers included (what `oras discover` shows); its root is the manifest `ref` names. */
export async function discover(ref: TargetInput<ReadOnlyTarget>, opts: DiscoverOptions = {}): Promise<ReferrerNode> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const root = await resolveReference(target, requireReference(parsed, "discover"), { ...o, platform: platformOf(opts.platform) });
		return walkReferrers(target, root, { ...o, ...(opts.depth !== undefined ? { depth: opts.depth } : {}), ...(opts.artifactType ? { artifactType: opts.artifactType } : {}) });
	});
}
