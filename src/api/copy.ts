/**
 * `copy(src, dst, opts)`: an artifact (and with `referrers: true` its referrers, at any depth)
 * from one registry or OCI layout to another, as `oras cp [-r]` does.
 */
import type { ReadOnlyTarget, Target } from "../content/storage.js";
import { ManifestCache } from "../graph/cache.js";
import { copy as copyReference, type CopyGraphOptions, copyGraph } from "../graph/copy.js";
import { onSide } from "../graph/copy-error.js";
import { copyWithReferrers } from "../graph/extended-copy.js";
import { selectPlatformManifest } from "../graph/platform.js";
import { tagN } from "../graph/tag.js";
import type { Digest } from "../oci/digest.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { parseHostPlatform } from "../oci/platform.js";
import { type CopyHooks, copyProgressHooks, type ProgressOptions } from "./progress.js";
import { canonicalReference, opOptions, parsedInput, type RemoteTargetOptions, requireReference, type TargetInput, useTarget } from "./target.js";

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
	/**
	 * Mount blobs from the source repository instead of uploading them when both are on the same
	 * registry (default: when neither side has a `credential` of its own).
	 */
	readonly mount?: boolean | undefined;
	/** The copy engine's own hooks (see `CopyHooks`), or a function making them over the source's manifest cache (to read manifests without fetching them again). */
	readonly hooks?: CopyHooks | ((manifests: ManifestCache) => CopyHooks) | undefined;
	/** The graph is copied (tags of `tags` are put next). */
	readonly onCopied?: ((root: Descriptor) => Promise<void> | void) | undefined;
	/** A tag of `tags` was put. */
	readonly onTagged?: ((tag: string) => void) | undefined;
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
	const {
		from: _f,
		to: _t,
		referrers: _r,
		platform: _p,
		tags: _g,
		concurrency: _c,
		onProgress: _o,
		progress: _e,
		mount: _m,
		hooks: _h,
		onCopied: _d,
		onTagged: _a,
		...shared
	} = opts;
	return { ...shared, ...side };
}

/**
 * Copies `src` (tag or digest required) to `dst`. A `dst` without a tag receives the content
 * untagged; with a tag (and `opts.tags`) the copy is tagged. Returns the root copied. Failures of
 * the copy are `CopyError`s naming the side (`source` or `destination`) and the step.
 */
export async function copy(src: TargetInput<ReadOnlyTarget>, dst: TargetInput<Target>, opts: CopyOptions = {}): Promise<CopyResult> {
	const fromOpts = sideOptions(opts, opts.from);
	const toOpts = sideOptions(opts, opts.to);
	const platform = typeof opts.platform === "string" ? parseHostPlatform(opts.platform) : opts.platform;
	const o = opOptions(opts);
	const srcInput = typeof src === "string" ? parsedInput(src, fromOpts) : src;
	const dstInput = typeof dst === "string" ? parsedInput(dst, toOpts) : dst;
	const srcRef = requireReference(parsedInput(srcInput, fromOpts), "copy");
	const source = await useTarget(srcInput, fromOpts, "read");
	try {
		const from = source.parsed;
		const dest = await useTarget(dstInput, toOpts, "write");
		try {
			const to = dest.parsed;
			const cache = new ManifestCache(source.target);
			const mount =
				from.kind === "registry" && to.kind === "registry" && from.ref.registry === to.ref.registry && (opts.mount ?? (opts.from?.credential === undefined && opts.to?.credential === undefined))
					? from.ref.repository
					: undefined;
			const hooks = typeof opts.hooks === "function" ? opts.hooks(cache) : opts.hooks;
			const concurrency = opts.concurrency ?? 3;
			const graphOpts: CopyGraphOptions = {
				...o,
				concurrency,
				...copyProgressHooks(opts, hooks),
				...(mount !== undefined ? { mountFrom: () => [mount] } : {}),
			};
			// Resolved through the cache, so a failure of the source is a CopyError like the copy's own.
			const resolveRoot = async () => {
				const named = await onSide("source", "resolve", undefined, () => source.target.resolve(srcRef, o));
				return platform ? selectPlatformManifest(cache, named, platform, o) : named;
			};
			let root: Descriptor;
			if (opts.referrers) {
				root = await resolveRoot();
				await copyWithReferrers(cache, dest.target, root, to.reference, graphOpts);
			} else if (to.reference === "") {
				root = await resolveRoot();
				await copyGraph(cache, dest.target, root, graphOpts);
			} else {
				root = await copyReference(source.target, srcRef, dest.target, to.reference, {
					...graphOpts,
					...(platform ? { mapRoot: (c, r, mo) => selectPlatformManifest(c, r, platform, mo) } : {}),
				});
			}
			await opts.onCopied?.(root);
			if (opts.tags && opts.tags.length > 0) {
				const bytes = isManifestMediaType(root.mediaType) ? await cache.fetchBytes(root, o) : undefined;
				await tagN(dest.target, root, bytes, opts.tags, { ...o, concurrency, ...(opts.onTagged ? { onTagged: opts.onTagged } : {}) });
			}
			return { digest: root.digest, mediaType: root.mediaType, size: root.size, reference: canonicalReference(to, root.digest), descriptor: root };
		} finally {
			dest.close();
		}
	} finally {
		source.close();
	}
}
