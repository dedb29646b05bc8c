/**
 * `push(ref, files, opts)`: files → an artifact manifest at a registry or an OCI layout, as
 * `oras push` does (same manifest, same defaults), through `FileStore` + `pushArtifact`.
 */
import { isAbsolute, normalize, resolve as resolvePath } from "node:path";
import { Readable } from "node:stream";
import { type DigestHook, FileStore } from "../content/file/index.js";
import type { Target } from "../content/storage.js";
import { OrasError } from "../errors.js";
import { Limiter } from "../graph/limiter.js";
import { choosePushSpec, type PackVersion } from "../graph/pack.js";
import { pushArtifact, type StagingOptions, stagingDigestHook } from "../graph/push.js";
import type { Digest } from "../oci/digest.js";
import { type Descriptor, descriptorFromBytes, type Platform } from "../oci/descriptor.js";
import { encodePlatform } from "../oci/json.js";
import { MediaType } from "../oci/mediatypes.js";
import { parseHostPlatform } from "../oci/platform.js";
import { type CopyHooks, copyProgressHooks, type ProgressOptions } from "./progress.js";
import { canonicalReference, opOptions, type RemoteTargetOptions, type TargetInput, useTarget } from "./target.js";

/** A file to push: `"path"`, `"path:mediaType"`, or an object. */
export type PushFile = string | PushFileSpec;

export interface PushFileSpec {
	/** The file or directory (directories are packed as tar+gzip, as `oras push` does). Relative to `cwd`. */
	readonly path: string;
	/** Layer media type (default `application/vnd.oci.image.layer.v1.tar`, or `…tar+gzip` for a directory). */
	readonly mediaType?: string | undefined;
	/** The name it is pulled as (`org.opencontainers.image.title`; default: `path` as given, cleaned). */
	readonly name?: string | undefined;
	/** Layer annotations. */
	readonly annotations?: Readonly<Record<string, string>> | undefined;
}

export interface PushOptions extends RemoteTargetOptions, ProgressOptions, Omit<StagingOptions, "signal"> {
	/** The artifact type (default `application/vnd.unknown.artifact.v1` without a config). */
	readonly artifactType?: string | undefined;
	/** Manifest annotations. */
	readonly annotations?: Readonly<Record<string, string>> | undefined;
	/**
	 * A config file: `"path[:mediaType]"` or `{ path, mediaType }` (default media type
	 * `application/vnd.unknown.config.v1+json`).
	 */
	readonly config?: string | { readonly path: string; readonly mediaType?: string | undefined; readonly annotations?: Readonly<Record<string, string>> | undefined } | undefined;
	/** Annotations of the config: the generated `{}` one, or they replace those of `config` (as oras's `$config` annotations). */
	readonly configAnnotations?: Readonly<Record<string, string>> | undefined;
	/**
	 * The platform the artifact is for (`"linux/amd64"` or a `Platform`): the config is then an image
	 * config naming it, as `oras push --artifact-platform` (not with `config`).
	 */
	readonly artifactPlatform?: string | Platform | undefined;
	/** Image spec of the manifest: `v1.1` (default) or `v1.0`, as `oras push --image-spec`. */
	readonly imageSpec?: PackVersion | undefined;
	/**
	 * The manifest this artifact refers to (`oras attach`): a tag or digest in the same repository or
	 * layout. The artifact then shows up among its referrers (image spec v1.1 only).
	 */
	readonly subject?: string | undefined;
	/** More tags put on the manifest after the push. */
	readonly tags?: readonly string[] | undefined;
	/** Transfers at once (default 5, as oras push); also the files hashed at once while they upload. */
	readonly concurrency?: number | undefined;
	/** The clock for `org.opencontainers.image.created` (reproducible pushes: a fixed date). */
	readonly now?: (() => Date) | undefined;
	/** Reproducible pushes (`SOURCE_DATE_EPOCH`): the `created` annotation and the mtime of every entry of a directory's archive. */
	readonly sourceDateEpoch?: Date | undefined;
	/** Read, hash and write files under 1 MiB with synchronous calls (faster for many small files; blocks the event loop meanwhile). */
	readonly syncSmallFiles?: boolean | undefined;
	/** A file is about to be read (its name in the artifact), in the order given. */
	readonly onFileStart?: ((name: string) => void) | undefined;
	/** Every file is read; the upload starts next. */
	readonly onPrepared?: ((artifact: { readonly layers: readonly Descriptor[]; readonly config: Descriptor | undefined }) => void) | undefined;
	/** A tag of `tags` was put. */
	readonly onTagged?: ((tag: string) => void) | undefined;
	/** The copy engine's own hooks, called after the progress events (see `CopyHooks`). */
	readonly hooks?: CopyHooks | undefined;
}

export interface PushResult {
	/** The manifest's digest. */
	readonly digest: Digest;
	readonly mediaType: string;
	readonly size: number;
	readonly artifactType: string | undefined;
	/** `registry/repository@digest` (or `oci-layout:<path>@digest`). */
	readonly reference: string;
	/** The tags now pointing at the manifest (the reference's tag first). */
	readonly tags: readonly string[];
	/** The manifest's descriptor. */
	readonly descriptor: Descriptor;
	/** The exact manifest bytes pushed. */
	readonly manifest: Uint8Array;
	/** The layers, in order. */
	readonly layers: readonly Descriptor[];
}

/** Splits `path[:mediaType]` at the last `:` (not a Windows drive's). */
export function parsePushFile(raw: string): PushFileSpec {
	const i = raw.lastIndexOf(":");
	if (i < 0 || (i === 1 && /^[A-Za-z]:[\\/]/.test(raw) && raw.indexOf(":", 2) < 0)) return { path: raw };
	const path = raw.slice(0, i);
	if (path === "") throw new OrasError("INVALID_ARGUMENT", `found empty file path in ${JSON.stringify(raw)}`);
	const mediaType = raw.slice(i + 1);
	return mediaType === "" ? { path } : { path, mediaType };
}

function titleFor(spec: PushFileSpec): string {
	if (spec.name !== undefined && spec.name !== "") return spec.name;
	// Go's filepath.Clean, as oras names layers: `./docs/` is `docs`.
	let name = normalize(spec.path);
	if (name.length > 1) name = name.replace(/[\\/]+$/, "");
	return isAbsolute(name) ? name : name.split("\\").join("/");
}

/**
 * Pushes `files` as one artifact to `ref` (tag optional: without one the manifest is pushed by digest)
 * and tags it with `opts.tags` too. Credentials come from the docker config unless told otherwise.
 * Files of `STAGE_MIN_BYTES` or more pushed to a registry go up while they are hashed (one read each).
 */
export async function push(ref: TargetInput<Target>, files: readonly PushFile[], opts: PushOptions = {}): Promise<PushResult> {
	const spec = choosePushSpec({
		imageSpec: opts.imageSpec,
		hasConfig: opts.config !== undefined,
		hasArtifactPlatform: opts.artifactPlatform !== undefined,
		artifactType: opts.artifactType,
	});
	const configFile = typeof opts.config === "string" ? parsePushFile(opts.config) : opts.config;
	const platform = typeof opts.artifactPlatform === "string" ? parseHostPlatform(opts.artifactPlatform) : opts.artifactPlatform;
	const cwd = resolvePath(opts.cwd ?? process.cwd());
	const o = opOptions(opts);
	const now = opts.now ?? (opts.sourceDateEpoch ? () => opts.sourceDateEpoch as Date : undefined);
	const store = new FileStore({
		workingDir: cwd,
		...(opts.sourceDateEpoch ? { sourceDateEpoch: opts.sourceDateEpoch } : {}),
		...(opts.syncSmallFiles ? { syncSmallFiles: true } : {}),
	});
	try {
		const opened = await useTarget(ref, opts, "write");
		try {
			const parsed = opened.parsed;
			// The config: a file, the platform, or (packed later) the empty `{}`.
			let config: Descriptor | undefined;
			if (configFile) {
				const added = await store.add("$config", configFile.mediaType || MediaType.UnknownConfig, resolvePath(cwd, configFile.path), o);
				const annotations = opts.configAnnotations ?? configFile.annotations;
				config = { mediaType: added.mediaType, digest: added.digest, size: added.size, ...(annotations ? { annotations } : {}) };
			} else if (platform) {
				const bytes = Buffer.from(encodePlatform(platform));
				const desc = descriptorFromBytes(MediaType.ImageConfig, bytes);
				await store.push(desc, Readable.from([bytes]), o);
				config = { ...desc, ...(opts.configAnnotations ? { annotations: opts.configAnnotations } : {}) };
			}
			const layers = await addFiles(store, files, cwd, stagingDigestHook(opened.target, opts), opts);
			opts.onPrepared?.({ layers, config });
			if (opts.subject !== undefined && spec.version !== "v1.1") throw new OrasError("INVALID_ARGUMENT", "a subject needs image spec v1.1");
			const subject = opts.subject !== undefined ? await opened.target.resolve(opts.subject, o) : undefined;
			const { root, manifestBytes } = await pushArtifact(
				store,
				{
					version: spec.version,
					...(spec.artifactType ? { artifactType: spec.artifactType } : {}),
					layers,
					...(config ? { config } : {}),
					...(opts.configAnnotations ? { configAnnotations: opts.configAnnotations } : {}),
					...(opts.annotations ? { annotations: opts.annotations } : {}),
					...(subject ? { subject } : {}),
					...(now ? { now } : {}),
				},
				opened.target,
				parsed.reference || undefined,
				{
					...o,
					concurrency: opts.concurrency ?? 5,
					...copyProgressHooks(opts, opts.hooks),
					...(opts.tags && opts.tags.length > 0 ? { extraTags: opts.tags } : {}),
					...(opts.onTagged ? { onTagged: opts.onTagged } : {}),
				},
			);
			const tags = [...(parsed.reference !== "" && parsed.reference !== root.digest && !parsed.reference.includes(":") ? [parsed.reference] : []), ...(opts.tags ?? [])];
			return {
				digest: root.digest,
				mediaType: root.mediaType,
				size: root.size,
				artifactType: root.artifactType,
				reference: canonicalReference(parsed, root.digest),
				tags,
				descriptor: root,
				manifest: manifestBytes,
				layers,
			};
		} finally {
			opened.close();
		}
	} finally {
		await store.close();
	}
}

/**
 * Adds the files as titled layers, in order; names must be unique. With `digestWith` (uploading
 * while hashing) up to `concurrency` files are read at once, else one after the other.
 */
export async function addFiles(
	store: FileStore,
	files: readonly PushFile[],
	cwd: string,
	digestWith: DigestHook | undefined,
	opts: Pick<PushOptions, "concurrency" | "onFileStart" | "signal">,
): Promise<Descriptor[]> {
	const seen = new Set<string>();
	const add = async (f: PushFile): Promise<Descriptor> => {
		const s = typeof f === "string" ? parsePushFile(f) : f;
		const name = titleFor(s);
		if (seen.has(name)) throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
		seen.add(name);
		opts.onFileStart?.(name);
		const desc = await store.add(name, s.mediaType ?? "", resolvePath(cwd, s.path), { signal: opts.signal, ...(digestWith ? { digestWith } : {}) });
		return s.annotations ? { ...desc, annotations: { ...desc.annotations, ...s.annotations } } : desc;
	};
	const limiter = new Limiter(digestWith ? Math.max(1, opts.concurrency ?? 5) : 1);
	return Promise.all(files.map((f) => limiter.run(() => add(f), opts.signal)));
}
