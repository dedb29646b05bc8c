/**
 * `oras backup`: tagged artifacts of a repository (optionally with their referrers) copied
 * into an OCI image layout — the output directory itself, or a temp directory archived as a
 * plain tar when the output ends in `.tar`. Tags are stored as `ref.name` = the bare tag;
 * referrers become untagged entries; `ingest/` is removed.
 */
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { OciLayoutStore } from "../content/oci-layout/store.js";
import { INGEST_DIR } from "../content/oci-layout/core.js";
import { writeOciLayoutTar } from "../content/oci-layout/tar.js";
import { canListTags, type OpOptions, type ReadOnlyTarget } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { ManifestCache } from "./cache.js";
import { copyGraph } from "./copy.js";
import { copyWithReferrers, countReferrers, type ExtendedCopyGraphOptions } from "./extended-copy.js";

export interface BackupOptions extends ExtendedCopyGraphOptions {
	/** Tags to back up; none = every tag the source lists. */
	readonly tags?: readonly string[];
	/** Also copy referrers (any depth, and those of index members) as untagged entries. */
	readonly includeReferrers?: boolean;
	/** Name of the source in messages (`localhost:5000/repo`). */
	readonly sourceName?: string;
	/** The output as the user named it, for messages (default: `output`). */
	readonly outputName?: string;
	/** The tags about to be backed up. */
	readonly onTagsFound?: (tags: readonly string[]) => void | Promise<void>;
	/** A tag is in the layout, with this many referrers (0 without `includeReferrers`). */
	readonly onTagBackedUp?: (tag: string, referrerCount: number) => void | Promise<void>;
	/** Tar output: archiving starts / is done (its size in bytes). */
	readonly onExporting?: (path: string) => void | Promise<void>;
	readonly onExported?: (path: string, size: number) => void | Promise<void>;
	/** A manifest cache over `src` to share with the caller (e.g. for status lines). */
	readonly manifestCache?: ManifestCache;
}

export interface BackupResult {
	readonly tags: readonly string[];
	readonly roots: readonly Descriptor[];
	readonly format: "directory" | "tar";
	/** Tar output: bytes written. */
	readonly size?: number;
}

/** True when `output` names a tar archive (extension `.tar`, any case). */
export function isTarOutput(output: string): boolean {
	return extname(output).toLowerCase() === ".tar";
}

/**
 * Resolves the given tags, or every tag the target lists when none are given (resolved page
 * by page), to their descriptors.
 */
export async function resolveTags(target: ReadOnlyTarget, tags: readonly string[] | undefined, opts: OpOptions = {}): Promise<{ tags: string[]; roots: Descriptor[] }> {
	const o: OpOptions = { signal: opts.signal };
	const resolveOne = async (tag: string): Promise<Descriptor> => {
		try {
			return await target.resolve(tag, o);
		} catch (err) {
			if (OrasError.is(err)) throw new OrasError(err.code, `failed to resolve tag ${JSON.stringify(tag)}: ${err.message}`, { cause: err });
			throw err;
		}
	};
	if (tags && tags.length > 0) {
		const roots: Descriptor[] = [];
		for (const t of tags) roots.push(await resolveOne(t));
		return { tags: [...tags], roots };
	}
	if (!canListTags(target)) throw new OrasError("UNSUPPORTED", "the source cannot list its tags");
	const all: string[] = [];
	const roots: Descriptor[] = [];
	for await (const t of target.tags(o)) {
		roots.push(await resolveOne(t));
		all.push(t);
	}
	return { tags: all, roots };
}

/** Copies one tag (`root`) into `dst` (plain or with referrers) and returns its referrer count. */
export async function backupTag(src: ManifestCache, dst: OciLayoutStore, tag: string, root: Descriptor, opts: BackupOptions): Promise<number> {
	if (opts.includeReferrers) {
		await copyWithReferrers(src, dst, root, tag, opts);
		return countReferrers(dst, root, opts);
	}
	await copyGraph(src, dst, root, opts);
	await dst.tag(root, tag, { signal: opts.signal });
	return 0;
}

/**
 * Backs up tags of `src` (usually a remote repository) into `output`: a layout directory, or
 * a `.tar` archive of one. The tar is built in a temp directory `oras-backup-*` and written
 * via a temp file and a rename.
 */
export async function backup(src: ReadOnlyTarget, output: string, opts: BackupOptions = {}): Promise<BackupResult> {
	if (output === "") throw new OrasError("INVALID_ARGUMENT", "the output path cannot be empty");
	const name = opts.sourceName ?? "the source";
	const tar = isTarOutput(output);
	let workDir = output;
	let tempDir: string | undefined;
	if (tar) {
		// Fail early when the archive cannot be created.
		try {
			const fh = await open(output, "a");
			await fh.close();
		} catch (err) {
			const st = await stat(output).catch(() => undefined);
			if (st?.isDirectory()) {
				throw new OrasError("INVALID_ARGUMENT", `the output path ${JSON.stringify(output)} already exists and is a directory`, {
					cause: err,
					hint: "To back up to a tar archive, please specify a different output file name or remove the existing directory.",
				});
			}
			throw new OrasError("INVALID_ARGUMENT", `unable to create output file ${output}: ${(err as Error).message}`, { cause: err });
		}
		tempDir = await mkdtemp(join(tmpdir(), "oras-backup-"));
		workDir = tempDir;
	}
	try {
		const dst = await OciLayoutStore.open(workDir);
		const cache = opts.manifestCache ?? new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
		const resolved = await resolveTags(src, opts.tags, opts);
		if (resolved.tags.length === 0) {
			throw new OrasError("NOT_FOUND", `no tags found in repository ${JSON.stringify(name)}`, {
				hint: `If you want to list available tags in ${JSON.stringify(name)}, use "oras repo tags"`,
			});
		}
		await opts.onTagsFound?.(resolved.tags);
		for (const [i, tag] of resolved.tags.entries()) {
			const root = resolved.roots[i] as Descriptor;
			let n: number;
			try {
				n = await backupTag(cache, dst, tag, root, opts);
			} catch (err) {
				const msg = `failed to back up tag ${JSON.stringify(tag)} from ${JSON.stringify(name)} to ${JSON.stringify(tar ? workDir : (opts.outputName ?? output))}: ${(err as Error).message}`;
				throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : new OrasError("COPY_FAILED", msg, { cause: err });
			}
			await opts.onTagBackedUp?.(tag, n);
		}
		await dst.close();
		await rm(join(workDir, INGEST_DIR), { recursive: true, force: true });
		if (!tar) return { tags: resolved.tags, roots: resolved.roots, format: "directory" };
		await opts.onExporting?.(output);
		const { size } = await writeOciLayoutTar(workDir, output, { signal: opts.signal });
		await opts.onExported?.(output, size);
		return { tags: resolved.tags, roots: resolved.roots, format: "tar", size };
	} finally {
		if (tempDir) await rm(tempDir, { recursive: true, force: true });
	}
}
