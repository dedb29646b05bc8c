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

function stringMap(v: unknown, what: string): Record<string, string> | undefined {
	if (v === undefined || v === null) return undefined;
	if (!isRecord(v)) throw new OrasError("INVALID_MANIFEST", `${what}: annotations must be an object of strings`);
	const out: Record<string, string> = {};
	for (const [k, val] of Object.entries(v)) {
		if (typeof val !== "string") throw new OrasError("INVALID_MANIFEST", `${what}: annotation ${JSON.stringify(k)} must be a string`);
		out[k] = val;
	}
	return out;
}

export function parsePlatform(v: unknown, what = "platform"): Platform {
	if (!isRecord(v)) throw new OrasError("INVALID_MANIFEST", `${what} must be an object`);
	const { architecture, os, variant } = v;
	if (typeof architecture !== "string" || typeof os !== "string") {
		throw new OrasError("INVALID_MANIFEST", `${what}: architecture and os must be strings`);
	}
	const p: { -readonly [K in keyof Platform]: Platform[K] } = { architecture, os };
	if (typeof v["os.version"] === "string") p["os.version"] = v["os.version"];
	if (Array.isArray(v["os.features"])) p["os.features"] = v["os.features"].filter((x): x is string => typeof x === "string");
	if (typeof variant === "string") p.variant = variant;
	return p;
}

/** Validates an untrusted JSON value as a descriptor. */
export function parseDescriptor(v: unknown, what = "descriptor"): Descriptor {
	if (!isRecord(v)) throw new OrasError("INVALID_MANIFEST", `${what} must be an object`);
	const { mediaType, digest, size } = v;
	if (typeof mediaType !== "string" || mediaType === "") throw new OrasError("INVALID_MANIFEST", `${what}: missing mediaType`);
	if (typeof digest !== "string") throw new OrasError("INVALID_MANIFEST", `${what}: missing digest`);
	if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
		throw new OrasError("INVALID_MANIFEST", `${what}: size must be a non-negative integer`);
	}
	const d: { -readonly [K in keyof Descriptor]: Descriptor[K] } = { mediaType, digest: parseDigest(digest), size };
	if (Array.isArray(v.urls)) d.urls = v.urls.filter((x): x is string => typeof x === "string");
	const annotations = stringMap(v.annotations, what);
	if (annotations) d.annotations = annotations;
	if (typeof v.data === "string") d.data = v.data;
	if (v.platform !== undefined && v.platform !== null) d.platform = parsePlatform(v.platform, `${what}: platform`);
	if (typeof v.artifactType === "string" && v.artifactType !== "") d.artifactType = v.artifactType;
	return d;
}
