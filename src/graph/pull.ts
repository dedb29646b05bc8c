/**
 * Pull: copy the graph of a reference into a file store, writing titled layers as files.
 * The filter mirrors oras: untitled leaves are skipped, the empty `{}` config is ignored,
 * untitled nodes with children (index members) are walked.
 */
import type { OpOptions, ReadOnlyTarget, Target } from "../content/storage.js";
import { fetchBytes } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { contentKey, type Descriptor, EMPTY_JSON_DESCRIPTOR, sameContent, titleOf } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { parseManifest } from "../oci/manifest.js";
import type { ManifestCache } from "./cache.js";
import { copy, type CopyOptions } from "./copy.js";

export interface PullEvents {
	/** A node starts downloading (manifests are announced when read for their successors). */
	onDownloading?(desc: Descriptor): void;
	/** A manifest was read and is being processed. */
	onProcessing?(desc: Descriptor): void;
	onDownloaded?(desc: Descriptor): void;
	/** An untitled leaf that is not written. */
	onSkipped?(desc: Descriptor): void;
	/** A titled successor written from identical content already on disk. */
	onRestored?(desc: Descriptor): void;
	/** A titled layer now on disk (after its manifest was stored). */
	onFilePulled?(name: string, desc: Descriptor): void;
	/** Any untitled successor other than the empty config was met (oras prints a hint instead of the summary). */
	onLayerSkipped?(desc: Descriptor): void;
}

export interface PullOptions extends OpOptions, PullEvents {
	readonly concurrency?: number;
	/** Follow `subject` links (`--include-subject`). */
	readonly includeSubject?: boolean;
	/** Write the config under this name (`--config path[:type]`); with a type, only a config of that type. */
	readonly configName?: string;
	readonly configMediaType?: string;
	/** Maps the root (e.g. pick a platform from an index). */
	readonly mapRoot?: CopyOptions["mapRoot"];
	/** Bytes of a node read so far (progress bars); see CopyGraphOptions.onProgress. */
	readonly onProgress?: CopyOptions["onProgress"];
}

export interface PullResult {
	readonly root: Descriptor;
	/** Layers written as files, in the order they were committed. */
	readonly files: ReadonlyArray<{ readonly name: string; readonly desc: Descriptor }>;
	/** True when untitled layers were left out (the CLI prints oras's hint instead of the summary). */
	readonly layerSkipped: boolean;
}

/**
 * Pulls `reference` from `src` into `dst` (normally a FileStore on the output directory).
 * `dst` must treat titled descriptors as files and keep the rest in memory.
 */
export async function pull(src: ReadOnlyTarget, reference: string, dst: Target, opts: PullOptions = {}): Promise<PullResult> {
	const notified = new Set<string>();
	const once = (desc: Descriptor, fn: ((d: Descriptor) => void) | undefined) => {
		const key = contentKey(desc) + (titleOf(desc) ?? "");
		if (notified.has(key)) return;
		notified.add(key);
		fn?.(desc);
	};
	const files: Array<{ name: string; desc: Descriptor }> = [];
	const filesSeen = new Set<string>();
	let layerSkipped = false;
	const record = (name: string, desc: Descriptor) => {
		if (filesSeen.has(name)) return;
		filesSeen.add(name);
		files.push({ name, desc });
		opts.onFilePulled?.(name, desc);
	};
	let configTitled = false;

	const findSuccessors = async (cache: ManifestCache, desc: Descriptor, o: OpOptions): Promise<Descriptor[]> => {
		if (!isManifestMediaType(desc.mediaType)) return [];
		once(desc, opts.onDownloading);
		const raw = await cache.fetchBytes(desc, o);
		opts.onProcessing?.(desc);
		const parsed = parseManifest(raw, desc.mediaType);
		const nodes: Descriptor[] = [];
		let subject: Descriptor | undefined;
		let config: Descriptor | undefined;
		switch (parsed.kind) {
			case "manifest":
				subject = parsed.mediaType === "application/vnd.oci.image.manifest.v1+json" ? parsed.manifest.subject : undefined;
				config = parsed.manifest.config;
				nodes.push(...parsed.manifest.layers);
				break;
			case "index":
				subject = parsed.index.subject;
				nodes.push(...parsed.index.manifests);
				break;
			case "artifact":
				subject = parsed.artifact.subject;
				nodes.push(...parsed.artifact.blobs);
				break;
		}
		if (subject && opts.includeSubject) nodes.push(subject);
		if (config) {
			if (!configTitled && opts.configName && (!opts.configMediaType || opts.configMediaType === config.mediaType)) {
				configTitled = true;
				config = { ...config, annotations: { ...config.annotations, "org.opencontainers.image.title": opts.configName } };
			}
			if (!sameContent({ ...config, mediaType: EMPTY_JSON_DESCRIPTOR.mediaType }, EMPTY_JSON_DESCRIPTOR) || titleOf(config)) nodes.push(config);
		}
		// No file system takes a NUL in a name: refuse the whole artifact before any of its layers is written.
		for (const s of nodes) {
			if (titleOf(s)?.includes("\0")) {
				throw new OrasError("INVALID_ARGUMENT", `${desc.digest}: the file name (org.opencontainers.image.title) of ${s.digest} contains a NUL character`);
			}
		}
		const out: Descriptor[] = [];
		for (const s of nodes) {
			if (!titleOf(s)) {
				if (sameContent(s, EMPTY_JSON_DESCRIPTOR)) continue;
				layerSkipped = true;
				opts.onLayerSkipped?.(s);
				if (!isManifestMediaType(s.mediaType)) {
					once(s, opts.onSkipped);
					continue;
				}
			}
			out.push(s);
		}
		return out;
	};

	const root = await copy(src, reference, dst, reference, {
		signal: opts.signal,
		...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
		...(opts.mapRoot ? { mapRoot: opts.mapRoot } : {}),
		...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
		findSuccessors,
		preCopy: (d) => once(d, opts.onDownloading),
		postCopy: async (d) => {
			const title = titleOf(d);
			if (title !== undefined) record(title, d);
			if (isManifestMediaType(d.mediaType)) {
				// Titled successors of a stored manifest not written yet were restored by the
				// store from identical content under another name.
				for (const s of await findTitled(dst, d, opts)) {
					record(titleOf(s) as string, s);
					once(s, opts.onRestored);
				}
			}
			notified.add(contentKey(d) + (titleOf(d) ?? ""));
			opts.onDownloaded?.(d);
		},
	});
	return { root, files, layerSkipped };
}

async function findTitled(dst: Target, manifest: Descriptor, opts: OpOptions): Promise<Descriptor[]> {
	const parsed = parseManifest(await fetchBytes(dst, manifest, opts), manifest.mediaType);
	const list = parsed.kind === "manifest" ? parsed.manifest.layers : parsed.kind === "artifact" ? parsed.artifact.blobs : [];
	return list.filter((d) => titleOf(d) !== undefined);
}
