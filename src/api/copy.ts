/**
 * `copy(src, dst, opts)`: an artifact (and with `referrers: true` its referrers, at any depth)
 * from one registry or OCI layout to another, as `oras cp [-r]` does.
 */
import { ManifestCache } from "../graph/cache.js";
import { copy as copyReference, type CopyGraphOptions, copyGraph } from "../graph/copy.js";
import { copyWithReferrers } from "../graph/extended-copy.js";
import { selectPlatformManifest } from "../graph/platform.js";
import { resolveReference } from "../graph/resolve.js";
import { tagN } from "../graph/tag.js";
import type { Digest } from "../oci/digest.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { parseHostPlatform } from "../oci/platform.js";
import { copyProgressHooks, type ProgressOptions } from "./progress.js";
import { canonicalReference, opOptions, openTarget, parseTargetReference, type RemoteTargetOptions, requireReference } from "./target.js";

export interface CopyOptions extends RemoteTargetOptions, ProgressOptions {
	/** Also copy the artifacts that refer to it (signatures, SBOMs, …), recursively. */
	readonly referrers?: boolean | undefined;
	/** From an index, copy this platform's manifest only. */
	readonly platform?: string | Platform | undefined;
	/** More tags put on the copy at the destination. */
	readonly tags?: readonly string[] | undefined;
	/** Transfers at once (default 3). */
	readonly concurrency?: number | undefined;
	/** Options for the source only (merged over the shared ones): e.g. `{ layout: true }` or its own `credential`. */
	readonly from?: RemoteTargetOptions | undefined;
	/** Options for the destination only (merged over the shared ones). */
	readonly to?: RemoteTargetOptions | undefined;
}

export interface CopyResult {
	/** The root copied. */
	readonly digest: Digest;
	readonly mediaType: string;
	readonly size: number;
	/** `registry/repository@digest` at the destination (or `oci-layout:<path>@digest`). */
	readonly reference: string;
	readonly descriptor: Descriptor;
}

function sideOptions(opts: CopyOptions, side: RemoteTargetOptions | undefined): RemoteTargetOptions {
	const { from: _f, to: _t, referrers: _r, platform: _p, tags: _g, concurrency: _c, onProgress: _o, progress: _e, ...shared } = opts;
	return { ...shared, ...side };
}

/**
 * Copies `src` (tag or digest required) to `dst`. A `dst` without a tag receives the content
 * untagged; with a tag (and `opts.tags`) the copy is tagged. Returns the root copied.
 */
export async function copy(src: string, dst: string, opts: CopyOptions = {}): Promise<CopyResult> {
	const fromOpts = sideOptions(opts, opts.from);
	const toOpts = sideOptions(opts, opts.to);
	const from = parseTargetReference(src, fromOpts.layout === true);
	const to = parseTargetReference(dst, toOpts.layout === true);
	const srcRef = requireReference(from, "copy");
	const platform = typeof opts.platform === "string" ? parseHostPlatform(opts.platform) : opts.platform;
	const o = opOptions(opts);
	const source = await openTarget(from, fromOpts, "read");
	try {
		const dest = await openTarget(to, toOpts, "write");
		try {
			const cache = new ManifestCache(source.target);
			// Same registry, same credentials: blobs are mounted instead of uploaded.
			const mount =
				from.kind === "registry" && to.kind === "registry" && from.ref.registry === to.ref.registry && opts.from?.credential === undefined && opts.to?.credential === undefined
					? from.ref.repository
					: undefined;
			const graphOpts: CopyGraphOptions = {
				...o,
				concurrency: opts.concurrency ?? 3,
				...copyProgressHooks(opts),
				...(mount !== undefined ? { mountFrom: () => [mount] } : {}),
			};
			let root: Descriptor;
			if (opts.referrers) {
				root = await resolveReference(source.target, srcRef, { ...o, platform });
				await copyWithReferrers(cache, dest.target, root, to.reference, graphOpts);
			} else if (to.reference === "") {
				root = await resolveReference(source.target, srcRef, { ...o, platform });
				await copyGraph(cache, dest.target, root, graphOpts);
			} else {
				root = await copyReference(source.target, srcRef, dest.target, to.reference, {
					...graphOpts,
					...(platform ? { mapRoot: (c, r, mo) => selectPlatformManifest(c, r, platform, mo) } : {}),
				});
			}
			if (opts.tags && opts.tags.length > 0) {
				const bytes = isManifestMediaType(root.mediaType) ? await cache.fetchBytes(root, o) : undefined;
				await tagN(dest.target, root, bytes, opts.tags, o);
			}
			return { digest: root.digest, mediaType: root.mediaType, size: root.size, reference: canonicalReference(to, root.digest), descriptor: root };
		} finally {
			dest.close();
		}
	} finally {
		source.close();
	}
}
