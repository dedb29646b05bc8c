/**
 * `pull(ref, { output })`: the titled layers of an artifact written as files under `output`, as
 * `oras pull` does (verified, then renamed into place; nothing outside `output` unless allowed).
 */
import { isAbsolute, join, normalize, resolve as resolvePath } from "node:path";
import { FileStore } from "../content/file/index.js";
import { selectPlatformManifest } from "../graph/platform.js";
import type { ReadOnlyTarget } from "../content/storage.js";
import { pull as pullGraph, type PullEvents } from "../graph/pull.js";
import type { Digest } from "../oci/digest.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { parseHostPlatform } from "../oci/platform.js";
import { progressSink, type ProgressEventType, type ProgressOptions } from "./progress.js";
import { parsePushFile } from "./push.js";
import { canonicalReference, opOptions, parsedInput, requireReference, type RemoteTargetOptions, type TargetInput, withTarget } from "./target.js";

export interface PullOptions extends RemoteTargetOptions, ProgressOptions {
	/** The directory files are written under (default `process.cwd()`); created when missing. */
	readonly output?: string | undefined;
	/** From an index, pull this platform's manifest (`"linux/amd64"` or a `Platform`). */
	readonly platform?: string | Platform | undefined;
	/** Also pull what `subject` links point at, recursively. */
	readonly includeSubject?: boolean | undefined;
	/** Refuse to replace existing files (default: replace). */
	readonly keepOldFiles?: boolean | undefined;
	/** Allow file names that resolve outside `output` (default: refused with PATH_TRAVERSAL). */
	readonly allowPathTraversal?: boolean | undefined;
	/** Transfers at once (default 3, as oras pull). */
	readonly concurrency?: number | undefined;
	/** Bytes one directory layer may expand to (default 1 GiB + 100 × its compressed size; 0: no limit). */
	readonly maxExtractSize?: number | undefined;
	/**
	 * Also write the config as a file: `"path[:mediaType]"` or `{ path, mediaType }` (with a media
	 * type, only a config of that type), as `oras pull --config`.
	 */
	readonly config?: string | { readonly path: string; readonly mediaType?: string | undefined } | undefined;
	/** Read, hash and write files under 1 MiB with synchronous calls (faster for many small files; blocks the event loop meanwhile). */
	readonly syncSmallFiles?: boolean | undefined;
	/** The pull engine's own events (`PullEvents` of `oras-ts/graph`, and byte counts), called after the progress events. */
	readonly hooks?: PullHooks | undefined;
}

/** The pull engine's events and its byte counts (progress bars). */
export interface PullHooks extends PullEvents {
	readonly onProgress?: ((desc: Descriptor, bytes: number) => void) | undefined;
}

export interface PulledFile {
	/** Absolute path of the file (or directory, for a directory layer). */
	readonly path: string;
	/** The name in the artifact (`org.opencontainers.image.title`). */
	readonly name: string;
	readonly digest: Digest;
	readonly size: number;
	readonly mediaType: string;
	readonly descriptor: Descriptor;
}

export interface PullResult {
	/** The manifest pulled (the platform's manifest when a platform was asked for). */
	readonly digest: Digest;
	readonly mediaType: string;
	readonly size: number;
	/** `registry/repository@digest` (or `oci-layout:<path>@digest`). */
	readonly reference: string;
	readonly descriptor: Descriptor;
	/** Files written, in the order they were committed. */
	readonly files: readonly PulledFile[];
	/** Layers without a file name were left out (copy to an OCI layout to keep everything). */
	readonly skippedLayers: boolean;
}

/** Pulls the files of `ref` (tag or digest required) into `opts.output`. */
export async function pull(ref: TargetInput<ReadOnlyTarget>, opts: PullOptions = {}): Promise<PullResult> {
	const output = resolvePath(opts.cwd ?? process.cwd(), opts.output ?? ".");
	const platform = typeof opts.platform === "string" ? parseHostPlatform(opts.platform) : opts.platform;
	const config = typeof opts.config === "string" ? parsePushFile(opts.config) : opts.config;
	const input = typeof ref === "string" ? parsedInput(ref, opts) : ref;
	const reference = requireReference(parsedInput(input, opts), "pull");
	const emit = progressSink(opts);
	const hooks = opts.hooks ?? {};
	const on = (type: ProgressEventType, hook: ((d: Descriptor) => void) | undefined) =>
		emit || hook
			? (d: Descriptor) => {
					emit?.(type, d);
					hook?.(d);
				}
			: undefined;
	const events: Record<keyof PullHooks, unknown> = {
		onDownloading: on("start", hooks.onDownloading),
		onDownloaded: on("done", hooks.onDownloaded),
		onSkipped: on("skipped", hooks.onSkipped),
		onRestored: on("exists", hooks.onRestored),
		onProcessing: hooks.onProcessing,
		onFilePulled: hooks.onFilePulled,
		onLayerSkipped: hooks.onLayerSkipped,
		onProgress:
			emit || hooks.onProgress
				? (d: Descriptor, bytes: number) => {
						emit?.("bytes", d, bytes);
						hooks.onProgress?.(d, bytes);
					}
				: undefined,
	};
	return withTarget(input, opts, "read", async ({ target, parsed }) => {
		const store = new FileStore(output, {
			allowPathTraversal: opts.allowPathTraversal === true,
			keepOldFiles: opts.keepOldFiles === true,
			...(opts.syncSmallFiles ? { syncSmallFiles: true } : {}),
			...(opts.maxExtractSize !== undefined ? { maxExtractSize: opts.maxExtractSize } : {}),
		});
		try {
			const result = await pullGraph(target, reference, store, {
				...opOptions(opts),
				concurrency: opts.concurrency ?? 3,
				...(opts.includeSubject ? { includeSubject: true } : {}),
				...(config ? { configName: config.path, configMediaType: config.mediaType ?? "" } : {}),
				...(platform ? { mapRoot: (cache, root, o) => selectPlatformManifest(cache, root, platform, o) } : {}),
				...(Object.fromEntries(Object.entries(events).filter(([, v]) => v !== undefined)) as PullHooks),
			});
			const files = result.files.map(({ name, desc }): PulledFile => ({
				path: isAbsolute(name) ? normalize(name) : join(output, name),
				name,
				digest: desc.digest,
				size: desc.size,
				mediaType: desc.mediaType,
				descriptor: desc,
			}));
			const root = result.root;
			return {
				digest: root.digest,
				mediaType: root.mediaType,
				size: root.size,
				reference: canonicalReference(parsed, root.digest),
				descriptor: root,
				files,
				skippedLayers: result.layerSkipped,
			};
		} finally {
			await store.close();
		}
	});
}
