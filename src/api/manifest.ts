/**
 * Reading and naming what a reference points at: `resolve`, `fetchManifest`, `tag`,
 * `referrers` (direct) and `discover` (the referrers tree), on registries and OCI layouts.
 */
import { walkReferrers, referrers as listReferrers, type ReferrerNode } from "../graph/referrers.js";
import { fetchManifestReference, resolveReference } from "../graph/resolve.js";
import { tagN } from "../graph/tag.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { parseJSON } from "../oci/json.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { parseHostPlatform } from "../oci/platform.js";
import { fetchBytes } from "../content/verify.js";
import { opOptions, requireReference, type RemoteTargetOptions, withTarget } from "./target.js";

export interface ResolveOptions extends RemoteTargetOptions {
	/** From an index, the descriptor of this platform's manifest. */
	readonly platform?: string | Platform | undefined;
}

function platformOf(p: string | Platform | undefined): Platform | undefined {
	return typeof p === "string" ? parseHostPlatform(p) : p;
}

/** The descriptor `ref` (tag or digest) names. */
export async function resolve(ref: string, opts: ResolveOptions = {}): Promise<Descriptor> {
	return withTarget(ref, opts, "read", ({ target, parsed }) =>
		resolveReference(target, requireReference(parsed, "resolve"), { ...opOptions(opts), platform: platformOf(opts.platform) }),
	);
}

export interface FetchedManifest {
	readonly descriptor: Descriptor;
	/** The exact bytes, verified against the digest. */
	readonly bytes: Buffer;
	/** The bytes parsed as JSON (an image manifest or index). */
	readonly manifest: unknown;
}

/** Fetches the manifest `ref` names (≤ 4 MiB, verified). */
export async function fetchManifest(ref: string, opts: ResolveOptions = {}): Promise<FetchedManifest> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const { desc, bytes } = await fetchManifestReference(target, requireReference(parsed, "fetchManifest"), { ...opOptions(opts), platform: platformOf(opts.platform) });
		return { descriptor: desc, bytes, manifest: parseJSON(bytes, "manifest", "INVALID_MANIFEST") };
	});
}

export interface TagOptions extends RemoteTargetOptions {
	/** Tags put at once (default 5). */
	readonly concurrency?: number | undefined;
}

/** Tags the manifest `ref` names with each of `tags` in the same repository or layout. Returns its descriptor. */
export async function tag(ref: string, tags: readonly string[], opts: TagOptions = {}): Promise<Descriptor> {
	return withTarget(ref, opts, "write", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const desc = await target.resolve(requireReference(parsed, "tag"), o);
		const bytes = isManifestMediaType(desc.mediaType) ? await fetchBytes(target, desc, o) : undefined;
		await tagN(target, desc, bytes, tags, { ...o, concurrency: opts.concurrency ?? 5 });
		return desc;
	});
}

export interface ReferrersOptions extends ResolveOptions {
	/** Only referrers of this artifact type. */
	readonly artifactType?: string | undefined;
}

/** The artifacts that refer to `ref` (its direct referrers: signatures, SBOMs, …). */
export async function referrers(ref: string, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const root = await resolveReference(target, requireReference(parsed, "referrers"), { ...o, platform: platformOf(opts.platform) });
		return listReferrers(target, root, { ...o, ...(opts.artifactType ? { artifactType: opts.artifactType } : {}) });
	});
}

export interface DiscoverOptions extends ReferrersOptions {
	/** Levels to walk: 1 = direct referrers; default all (bounded by `MAX_REFERRER_DEPTH`). */
	readonly depth?: number | undefined;
}

/** The tree of referrers of `ref`, referrers of referrers included (what `oras discover` shows). */
export async function discover(ref: string, opts: DiscoverOptions = {}): Promise<ReferrerNode> {
	return withTarget(ref, opts, "read", async ({ target, parsed }) => {
		const o = opOptions(opts);
		const root = await resolveReference(target, requireReference(parsed, "discover"), { ...o, platform: platformOf(opts.platform) });
		return walkReferrers(target, root, { ...o, ...(opts.depth !== undefined ? { depth: opts.depth } : {}), ...(opts.artifactType ? { artifactType: opts.artifactType } : {}) });
	});
}
