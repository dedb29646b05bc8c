/**
 * `oras restore`: tagged artifacts of an OCI image layout (a directory or a tar archive, as
 * `backup` writes it) pushed to a repository, with their referrers unless excluded.
 */
import { stat } from "node:fs/promises";
import { isTarFile, openOciLayout } from "../content/oci-layout/index.js";
import type { ReadOnlyOciLayout } from "../content/oci-layout/readonly.js";
import type { ReadOnlyTarget, Target } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { resolveTags } from "./backup.js";
import { ManifestCache } from "./cache.js";
import { copy } from "./copy.js";
import { copyWithReferrers, countReferrers, type ExtendedCopyGraphOptions } from "./extended-copy.js";

export interface RestoreSource {
	readonly layout: ReadOnlyOciLayout;
	/** Set when the input is a tar archive: its size in bytes. */
	readonly tarSize?: number;
}

/** Opens a backup: a layout directory, or a regular file that is a tar (`.tar` or `ustar` magic). */
export async function openRestoreSource(input: string, displayName: string = input): Promise<RestoreSource> {
	if (input === "") throw new OrasError("INVALID_ARGUMENT", "the input path cannot be empty");
	let st;
	try {
		st = await stat(input);
	} catch (err) {
		throw new OrasError("NOT_FOUND", `failed to access input path ${JSON.stringify(displayName)}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (err as Error).message}`, {
			cause: err,
		});
	}
	if (st.isFile()) {
		if (!(await isTarFile(input))) throw new OrasError("INVALID_ARGUMENT", `input path ${JSON.stringify(displayName)} is not a tar archive`);
		try {
			return { layout: await openOciLayout(input, { readOnly: true }), tarSize: st.size };
		} catch (err) {
			// oras's words for a tar that is not a layout.
			if (OrasError.is(err)) throw new OrasError(err.code, `failed to prepare OCI store from tar archive ${JSON.stringify(displayName)}: invalid OCI Image Layout: ${err.message}`, { cause: err });
			throw err;
		}
	}
	if (st.isDirectory()) {
		try {
			return { layout: await openOciLayout(input, { readOnly: true }) };
		} catch (err) {
			// oras opens a directory read-write (creating an empty layout), so a directory that is no layout has no tags.
			if (OrasError.is(err) && err.code === "NOT_FOUND" && /: not an OCI layout: missing /.test(err.message)) throw noTagsInLayout(displayName, err);
			throw err;
		}
	}
	throw new OrasError("INVALID_ARGUMENT", `input path ${JSON.stringify(displayName)} must be a directory or a tar archive`);
}

function noTagsInLayout(input: string, cause?: unknown): OrasError {
	return new OrasError("NOT_FOUND", `no tags found in OCI layout ${JSON.stringify(input)}`, {
		hint: `If you want to list available tags in ${JSON.stringify(input)}, use "oras repo tags --oci-layout"`,
		...(cause !== undefined ? { cause } : {}),
	});
}

export interface RestoreOptions extends ExtendedCopyGraphOptions {
	/** Tags to restore; none = every tag of the layout. */
	readonly tags?: readonly string[];
	/** Copy only the tagged graphs, not their referrers. */
	readonly excludeReferrers?: boolean;
	/** Count and report, push nothing. */
	readonly dryRun?: boolean;
	/** Names for messages: the input path and the destination repository. */
	readonly sourceName?: string;
	readonly destinationName?: string;
	readonly onTagsFound?: (tags: readonly string[]) => void | Promise<void>;
	/** A tag was pushed (or, in a dry run, would be) with this many referrers (0 when excluded). */
	readonly onTagRestored?: (tag: string, referrerCount: number) => void | Promise<void>;
	/** A manifest cache over `src` to share with the caller (e.g. for status lines). */
	readonly manifestCache?: ManifestCache;
}

export interface RestoreResult {
	readonly tags: readonly string[];
	readonly roots: readonly Descriptor[];
}

/** Pushes tags of `src` (a layout) to `dst` under the same tags. */
export async function restore(src: ReadOnlyTarget, dst: Target, opts: RestoreOptions = {}): Promise<RestoreResult> {
	const input = opts.sourceName ?? "the backup";
	const repo = opts.destinationName ?? "the destination";
	const resolved = await resolveTags(src, opts.tags, opts);
	if (resolved.tags.length === 0) {
		throw noTagsInLayout(input);
	}
	await opts.onTagsFound?.(resolved.tags);
	const cache = opts.manifestCache ?? new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
	for (const [i, tag] of resolved.tags.entries()) {
		const root = resolved.roots[i] as Descriptor;
		let n = 0;
		if (!opts.excludeReferrers) {
			try {
				n = await countReferrers(cache, root, opts);
			} catch (err) {
				const msg = `failed to count referrers for tag ${JSON.stringify(tag)}: ${(err as Error).message}`;
				throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : err;
			}
		}
		if (!opts.dryRun) {
			try {
				if (opts.excludeReferrers) await copy(src, tag, dst, tag, opts);
				else await copyWithReferrers(cache, dst, root, tag, opts);
			} catch (err) {
				const msg = `failed to restore tag ${JSON.stringify(tag)} from ${JSON.stringify(input)} to ${JSON.stringify(repo)}: ${(err as Error).message}`;
				throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : new OrasError("COPY_FAILED", msg, { cause: err });
			}
		}
		await opts.onTagRestored?.(tag, n);
	}
	return resolved;
}
