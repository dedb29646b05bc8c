import { OrasError } from "../errors.js";
import { type Digest, digestOf, parseDigest } from "./digest.js";
import { MediaType } from "./mediatypes.js";

export interface Platform {
	readonly architecture: string;
	readonly os: string;
	readonly "os.version"?: string;
	readonly "os.features"?: readonly string[];
	readonly variant?: string;
}

/** An OCI content descriptor. `data` is standard base64 when present. */
export interface Descriptor {
	readonly mediaType: string;
	readonly digest: Digest;
	readonly size: number;
	readonly urls?: readonly string[];
	readonly annotations?: Readonly<Record<string, string>>;
	readonly data?: string;
	readonly platform?: Platform;
	readonly artifactType?: string;
}

/** The descriptor of `{}` with its data inline, as oras writes it in v1.1 manifests. */
export const EMPTY_JSON_DESCRIPTOR: Descriptor = Object.freeze({
	mediaType: MediaType.Empty,
	digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" as Digest,
	size: 2,
	data: "e30=",
});

export const EMPTY_JSON_BYTES: Uint8Array = new TextEncoder().encode("{}");

/** Builds a descriptor for bytes held in memory. */
export function descriptorFromBytes(mediaType: string, data: Uint8Array, extra?: Partial<Descriptor>): Descriptor {
	return { ...extra, mediaType, digest: digestOf(data), size: data.byteLength };
}

/** The identity of content: two descriptors with the same key are the same bytes. */
export function contentKey(d: Pick<Descriptor, "digest" | "size">): string {
	return `${d.digest}|${d.size}`;
}

/** Same media type, digest and size (oras's `content.Equal`). */
export function sameContent(a: Descriptor, b: Descriptor): boolean {
	return a.mediaType === b.mediaType && a.digest === b.digest && a.size === b.size;
}

/** Keeps the fields that identify content and drop everything else (oras's `descriptor.Plain`). */
export function plainDescriptor(d: Descriptor): Descriptor {
	return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

export function titleOf(d: Descriptor): string | undefined {
	return d.annotations?.["org.opencontainers.image.title"];
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bad(message: string): OrasError {
	return new OrasError("INVALID_MANIFEST", message);
}

/** Go's `map[string]string`: absent/null = none, anything but an object of strings is an error. */
function stringMap(v: unknown, what: string): Record<string, string> | undefined {
	if (v === undefined || v === null) return undefined;
	if (!isRecord(v)) throw bad(`${what}: annotations must be an object of strings`);
	const entries = Object.entries(v);
	for (const [k, val] of entries) {
		if (typeof val !== "string") throw bad(`${what}: annotation ${JSON.stringify(k)} must be a string`);
	}
	// fromEntries defines own properties, so a key such as "__proto__" is kept, not swallowed by the setter.
	return Object.fromEntries(entries) as Record<string, string>;
}

/** Go's `[]string`: absent/null = none, anything but an array of strings is an error. */
function stringList(v: unknown, what: string): string[] | undefined {
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw bad(`${what} must be an array of strings`);
	return v as string[];
}

function optionalString(v: unknown, what: string): string | undefined {
	if (v === undefined || v === null) return undefined;
	if (typeof v !== "string") throw bad(`${what} must be a string`);
	return v;
}

/** Standard base64 with padding, as Go's `[]byte` JSON fields are encoded. */
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Validates an untrusted JSON value as an OCI platform object. */
export function decodePlatform(v: unknown, what = "platform"): Platform {
	if (!isRecord(v)) throw bad(`${what} must be an object`);
	const { architecture, os } = v;
	if (typeof architecture !== "string" || typeof os !== "string") {
		throw bad(`${what}: architecture and os must be strings`);
	}
	const p: { -readonly [K in keyof Platform]: Platform[K] } = { architecture, os };
	const osVersion = optionalString(v["os.version"], `${what}: os.version`);
	if (osVersion) p["os.version"] = osVersion;
	const features = stringList(v["os.features"], `${what}: os.features`);
	if (features && features.length > 0) p["os.features"] = features;
	const variant = optionalString(v.variant, `${what}: variant`);
	if (variant) p.variant = variant;
	return p;
}

/** @deprecated use decodePlatform (JSON) or parsePlatform from platform.ts (`os/arch/variant` strings). */
export const parsePlatform: (v: unknown, what?: string) => Platform = decodePlatform;

/**
 * Validates an untrusted JSON value as a descriptor: non-empty mediaType, a valid
 * supported digest, a non-negative safe-integer size, and well-typed optional fields
 * (urls, annotations, base64 data, platform, artifactType). Empty optional fields are
 * dropped, as Go's `omitempty` would. Every failure is INVALID_MANIFEST (a digest error
 * is kept as the cause).
 */
export function parseDescriptor(v: unknown, what = "descriptor"): Descriptor {
	if (!isRecord(v)) throw bad(`${what} must be an object`);
	const { mediaType, digest, size } = v;
	if (typeof mediaType !== "string" || mediaType === "") throw bad(`${what}: missing mediaType`);
	if (typeof digest !== "string") throw bad(`${what}: missing digest`);
	if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
		throw bad(`${what}: size must be a non-negative integer`);
	}
	let parsed: Digest;
	try {
		parsed = parseDigest(digest);
	} catch (err) {
		throw new OrasError("INVALID_MANIFEST", `${what}: ${(err as Error).message}`, { cause: err });
	}
	const d: { -readonly [K in keyof Descriptor]: Descriptor[K] } = { mediaType, digest: parsed, size };
	const urls = stringList(v.urls, `${what}: urls`);
	if (urls && urls.length > 0) d.urls = urls;
	const annotations = stringMap(v.annotations, what);
	if (annotations && Object.keys(annotations).length > 0) d.annotations = annotations;
	const data = optionalString(v.data, `${what}: data`);
	if (data !== undefined && !BASE64_RE.test(data)) throw bad(`${what}: data must be standard base64`);
	if (data) d.data = data;
	if (v.platform !== undefined && v.platform !== null) d.platform = decodePlatform(v.platform, `${what}: platform`);
	const artifactType = optionalString(v.artifactType, `${what}: artifactType`);
	if (artifactType) d.artifactType = artifactType;
	return d;
}
