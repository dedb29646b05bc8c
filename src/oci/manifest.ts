import { OrasError } from "../errors.js";
import { type Descriptor, parseDescriptor } from "./descriptor.js";
import { MediaType } from "./mediatypes.js";
import { parseJSON } from "./json.js";

/** Manifests, indexes and configs held in memory are capped at 4 MiB, as in oras. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface ImageManifest {
	readonly schemaVersion: number;
	readonly mediaType?: string;
	readonly artifactType?: string;
	readonly config: Descriptor;
	readonly layers: readonly Descriptor[];
	readonly subject?: Descriptor;
	readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageIndex {
	readonly schemaVersion: number;
	readonly mediaType?: string;
	readonly artifactType?: string;
	readonly manifests: readonly Descriptor[];
	readonly subject?: Descriptor;
	readonly annotations?: Readonly<Record<string, string>>;
}

/** The legacy OCI artifact manifest (`application/vnd.oci.artifact.manifest.v1+json`). */
export interface ArtifactManifest {
	readonly mediaType: string;
	readonly artifactType?: string;
	readonly blobs: readonly Descriptor[];
	readonly subject?: Descriptor;
	readonly annotations?: Readonly<Record<string, string>>;
}

export type ParsedManifest =
	| { readonly kind: "manifest"; readonly mediaType: string; readonly manifest: ImageManifest }
	| { readonly kind: "index"; readonly mediaType: string; readonly index: ImageIndex }
	| { readonly kind: "artifact"; readonly mediaType: string; readonly artifact: ArtifactManifest };

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optString(v: unknown, what: string): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== "string") throw new OrasError("INVALID_MANIFEST", `${what} must be a string`);
	return v === "" ? undefined : v;
}

function annotationsOf(v: unknown, what: string): Record<string, string> | undefined {
	if (v === undefined || v === null) return undefined;
	if (!isRecord(v)) throw new OrasError("INVALID_MANIFEST", `${what}: annotations must be an object`);
	const entries = Object.entries(v);
	for (const [k, val] of entries) {
		if (typeof val !== "string") throw new OrasError("INVALID_MANIFEST", `${what}: annotation ${JSON.stringify(k)} must be a string`);
	}
	// fromEntries defines own properties, so a key such as "__proto__" is kept, not swallowed by the setter.
	return Object.fromEntries(entries) as Record<string, string>;
}

function descriptorList(v: unknown, what: string): Descriptor[] {
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v)) throw new OrasError("INVALID_MANIFEST", `${what} must be an array`);
	return v.map((d, i) => parseDescriptor(d, `${what}[${i}]`));
}

/** Decodes JSON bytes, refusing what is not a JSON object. */
export function decodeJSONObject(raw: Uint8Array, what: string): Record<string, unknown> {
	const v = parseJSON(raw, what, "INVALID_MANIFEST");
	if (!isRecord(v)) throw new OrasError("INVALID_MANIFEST", `${what}: not a JSON object`);
	return v;
}

const SUPPORTED: ReadonlySet<string> = new Set([
	MediaType.ImageManifest,
	MediaType.DockerManifest,
	MediaType.ImageIndex,
	MediaType.DockerManifestList,
	MediaType.ArtifactManifest,
]);

/**
 * Parses and validates manifest bytes of the given media type. The raw bytes stay the
 * source of truth: nothing here is ever re-serialised to compute a digest.
 */
export function parseManifest(raw: Uint8Array, mediaType: string): ParsedManifest {
	checkManifestSize(raw);
	if (!SUPPORTED.has(mediaType)) {
		throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(mediaType)}`);
	}
	return manifestOf(decodeJSONObject(raw, mediaType), mediaType);
}

/**
 * A manifest whose media type is the one its JSON declares (a registry's `PUT` without
 * `Content-Type`), decoded once: throws as `declaredMediaType` on bytes that are no JSON object,
 * undefined when it declares no media type or one `accept` refuses, else as `parseManifest(raw,
 * declared)`.
 */
export function parseDeclaredManifest(raw: Uint8Array, accept: (mediaType: string) => boolean): ParsedManifest | undefined {
	checkManifestSize(raw);
	const v = decodeJSONObject(raw, "manifest");
	const declared = optString(v.mediaType, "manifest: mediaType");
	if (declared === undefined || !accept(declared)) return undefined;
	if (!SUPPORTED.has(declared)) throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(declared)}`);
	return manifestOf(v, declared);
}

/** SIZE_EXCEEDS_LIMIT past `MAX_MANIFEST_BYTES`, before any decoding. */
function checkManifestSize(raw: Uint8Array): void {
	if (raw.byteLength > MAX_MANIFEST_BYTES) {
		throw new OrasError("SIZE_EXCEEDS_LIMIT", `manifest size ${raw.byteLength} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
	}
}

/** `parseManifest` of decoded JSON (`mediaType` supported). */
function manifestOf(v: Record<string, unknown>, mediaType: string): ParsedManifest {
	const what = mediaType;
	const declared = optString(v.mediaType, `${what}: mediaType`);
	if (declared !== undefined && declared !== mediaType) {
		throw new OrasError("INVALID_MANIFEST", `${what}: mediaType in the manifest is ${JSON.stringify(declared)}, expected ${JSON.stringify(mediaType)}`);
	}
	switch (mediaType) {
		case MediaType.ImageManifest:
		case MediaType.DockerManifest: {
			if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
			if (v.config === undefined) throw new OrasError("INVALID_MANIFEST", `${what}: missing config`);
			const m: { -readonly [K in keyof ImageManifest]: ImageManifest[K] } = {
				schemaVersion: 2,
				config: parseDescriptor(v.config, `${what}: config`),
				layers: descriptorList(v.layers, `${what}: layers`),
			};
			if (declared) m.mediaType = declared;
			const artifactType = optString(v.artifactType, `${what}: artifactType`);
			if (artifactType) m.artifactType = artifactType;
			if (v.subject !== undefined && v.subject !== null) m.subject = parseDescriptor(v.subject, `${what}: subject`);
			const annotations = annotationsOf(v.annotations, what);
			if (annotations) m.annotations = annotations;
			return { kind: "manifest", mediaType, manifest: m };
		}
		case MediaType.ImageIndex:
		case MediaType.DockerManifestList: {
			if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
			const i: { -readonly [K in keyof ImageIndex]: ImageIndex[K] } = {
				schemaVersion: 2,
				manifests: descriptorList(v.manifests, `${what}: manifests`),
			};
			if (declared) i.mediaType = declared;
			const artifactType = optString(v.artifactType, `${what}: artifactType`);
			if (artifactType) i.artifactType = artifactType;
			if (v.subject !== undefined && v.subject !== null) i.subject = parseDescriptor(v.subject, `${what}: subject`);
			const annotations = annotationsOf(v.annotations, what);
			if (annotations) i.annotations = annotations;
			return { kind: "index", mediaType, index: i };
		}
		case MediaType.ArtifactManifest: {
			const a: { -readonly [K in keyof ArtifactManifest]: ArtifactManifest[K] } = {
				mediaType,
				blobs: descriptorList(v.blobs, `${what}: blobs`),
			};
			const artifactType = optString(v.artifactType, `${what}: artifactType`);
			if (artifactType) a.artifactType = artifactType;
			if (v.subject !== undefined && v.subject !== null) a.subject = parseDescriptor(v.subject, `${what}: subject`);
			const annotations = annotationsOf(v.annotations, what);
			if (annotations) a.annotations = annotations;
			return { kind: "artifact", mediaType, artifact: a };
		}
		default:
			throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(mediaType)}`);
	}
}

/** The nodes a manifest points to, in the order oras walks them (subject first). */
export function successorsOf(p: ParsedManifest): Descriptor[] {
	switch (p.kind) {
		case "manifest": {
			const out: Descriptor[] = [];
			if (p.manifest.subject && p.mediaType === MediaType.ImageManifest) out.push(p.manifest.subject);
			out.push(p.manifest.config, ...p.manifest.layers);
			return out;
		}
		case "index": {
			const out: Descriptor[] = [];
			if (p.index.subject && p.mediaType === MediaType.ImageIndex) out.push(p.index.subject);
			out.push(...p.index.manifests);
			return out;
		}
		case "artifact":
			return [...(p.artifact.subject ? [p.artifact.subject] : []), ...p.artifact.blobs];
	}
}

export function subjectOf(p: ParsedManifest): Descriptor | undefined {
	switch (p.kind) {
		case "manifest":
			return p.manifest.subject;
		case "index":
			return p.index.subject;
		case "artifact":
			return p.artifact.subject;
	}
}

/** The artifact type oras reports for a manifest: artifactType, else the config media type. */
export function artifactTypeOf(p: ParsedManifest): string | undefined {
	switch (p.kind) {
		case "manifest":
			return p.manifest.artifactType ?? p.manifest.config.mediaType;
		case "index":
			return p.index.artifactType;
		case "artifact":
			return p.artifact.artifactType;
	}
}

export function annotationsOfManifest(p: ParsedManifest): Readonly<Record<string, string>> | undefined {
	switch (p.kind) {
		case "manifest":
			return p.manifest.annotations;
		case "index":
			return p.index.annotations;
		case "artifact":
			return p.artifact.annotations;
	}
}

/** What a referrer's descriptor carries besides its own mediaType, digest and size. */
export interface ReferrerInfo {
	/** The manifest's artifactType, else (image manifests) its config media type. */
	readonly artifactType: string | undefined;
	readonly annotations: Readonly<Record<string, string>> | undefined;
}

/** The artifact type and annotations a referrers listing shows for a manifest (`referrerDescriptorOf`). */
export function referrerInfoOf(p: ParsedManifest): ReferrerInfo {
	return { artifactType: artifactTypeOf(p), annotations: annotationsOfManifest(p) };
}

/**
 * The descriptor a referrers listing gives for the manifest `desc` (given its parsed content,
 * or the `referrerInfoOf` it kept): `desc` with the manifest's `annotations` (when it has any)
 * and artifact type in place of its own, as the distribution spec's referrers API lists them
 * (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers).
 * Registries' tag-schema indexes, OCI layouts and the built-in server all use it.
 */
export function referrerDescriptorOf(desc: Descriptor, from: ParsedManifest | ReferrerInfo): Descriptor {
	const { annotations: _a, artifactType: _t, ...rest } = desc;
	const { annotations, artifactType } = "kind" in from ? referrerInfoOf(from) : from;
	return {
		...rest,
		...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
		...(artifactType ? { artifactType } : {}),
	};
}

/**
 * The `mediaType` a manifest declares in its JSON (what `oras manifest push` uses when
 * `--media-type` is not given), or undefined when absent or empty.
 */
export function declaredMediaType(raw: Uint8Array): string | undefined {
	checkManifestSize(raw);
	return optString(decodeJSONObject(raw, "manifest").mediaType, "manifest: mediaType");
}
