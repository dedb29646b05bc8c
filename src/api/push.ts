/**
 * `push(ref, files, opts)`: files → an artifact manifest at a registry or an OCI layout, as
 * `oras push` does (same manifest, same defaults), through `FileStore` + `pushArtifact`.
 */
import { isAbsolute, normalize, resolve as resolvePath } from "node:path";
import { FileStore } from "../content/file/index.js";
import { OrasError } from "../errors.js";
import { choosePushSpec, type PackVersion } from "../graph/pack.js";
import { pushArtifact } from "../graph/push.js";
import type { Digest } from "../oci/digest.js";
import type { Descriptor } from "../oci/descriptor.js";
import { MediaType } from "../oci/mediatypes.js";
import { copyProgressHooks, type ProgressOptions } from "./progress.js";
import { canonicalReference, opOptions, parseTargetReference, type RemoteTargetOptions, openTarget } from "./target.js";

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

export interface PushOptions extends RemoteTargetOptions, ProgressOptions {
	/** The artifact type (default `application/vnd.unknown.artifact.v1` without a config). */
	readonly artifactType?: string | undefined;
	/** Manifest annotations. */
	readonly annotations?: Readonly<Record<string, string>> | undefined;
	/** A config file (`{ path, mediaType }`; default media type `application/vnd.unknown.config.v1+json`). */
	readonly config?: { readonly path: string; readonly mediaType?: string | undefined; readonly annotations?: Readonly<Record<string, string>> | undefined } | undefined;
	/** Image spec of the manifest: `v1.1` (default) or `v1.0`, as `oras push --image-spec`. */
	readonly imageSpec?: PackVersion | undefined;
	/**
	 * The manifest this artifact refers to (`oras attach`): a tag or digest in the same repository or
	 * layout. The artifact then shows up among its referrers (image spec v1.1 only).
	 */
	readonly subject?: string | undefined;
	/** More tags put on the manifest after the push. */
	readonly tags?: readonly string[] | undefined;
	/** Relative file paths resolve against this directory (default `process.cwd()`). */
	readonly cwd?: string | undefined;
	/** Transfers at once (default 5, as oras push). */
	readonly concurrency?: number | undefined;
	/** The clock for `org.opencontainers.image.created` (reproducible pushes: a fixed date). */
	readonly now?: (() => Date) | undefined;
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
 */
export async function push(ref: string, files: readonly PushFile[], opts: PushOptions = {}): Promise<PushResult> {
	const parsed = parseTargetReference(ref, opts.layout === true);
	const spec = choosePushSpec({ imageSpec: opts.imageSpec, hasConfig: opts.config !== undefined, hasArtifactPlatform: false, artifactType: opts.artifactType });
	const cwd = resolvePath(opts.cwd ?? process.cwd());
	const o = opOptions(opts);
	const store = new FileStore({ workingDir: cwd });
	try {
		const layers: Descriptor[] = [];
		for (const f of files) {
			const s = typeof f === "string" ? parsePushFile(f) : f;
			const desc = await store.add(titleFor(s), s.mediaType ?? "", resolvePath(cwd, s.path), o);
			layers.push(s.annotations ? { ...desc, annotations: { ...desc.annotations, ...s.annotations } } : desc);
		}
		let config: Descriptor | undefined;
		if (opts.config) {
			const added = await store.add("$config", opts.config.mediaType || MediaType.UnknownConfig, resolvePath(cwd, opts.config.path), o);
			config = { mediaType: added.mediaType, digest: added.digest, size: added.size, ...(opts.config.annotations ? { annotations: opts.config.annotations } : {}) };
		}
		const opened = await openTarget(parsed, opts, "write");
		try {
			if (opts.subject !== undefined && spec.version !== "v1.1") throw new OrasError("INVALID_ARGUMENT", "a subject needs image spec v1.1");
			const subject = opts.subject !== undefined ? await opened.target.resolve(opts.subject, o) : undefined;
			const { root, manifestBytes } = await pushArtifact(
				store,
				{
					version: spec.version,
					...(spec.artifactType ? { artifactType: spec.artifactType } : {}),
					layers,
					...(config ? { config } : {}),
					...(opts.annotations ? { annotations: opts.annotations } : {}),
					...(subject ? { subject } : {}),
					...(opts.now ? { now: opts.now } : {}),
				},
				opened.target,
				parsed.reference || undefined,
				{
					...o,
					concurrency: opts.concurrency ?? 5,
					...copyProgressHooks(opts),
					...(opts.tags && opts.tags.length > 0 ? { extraTags: opts.tags } : {}),
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
