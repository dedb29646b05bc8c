/**
 * Packing manifests and indexes (oras-go's `PackManifest`, the CLI's index packing).
 * Pure: nothing is pushed here; the caller pushes `blobsToPush` (if missing) and then the
 * manifest bytes, which are the exact bytes the digest was computed over.
 */
import { OrasError } from "../errors.js";
import { type Descriptor, descriptorFromBytes, EMPTY_JSON_BYTES, EMPTY_JSON_DESCRIPTOR } from "../oci/descriptor.js";
import { digestOf } from "../oci/digest.js";
import { encodeIndex, encodeManifest } from "../oci/json.js";
import type { ImageIndex, ImageManifest } from "../oci/manifest.js";
import { Annotation, isValidMediaType, MediaType } from "../oci/mediatypes.js";

/** Image-spec version of a packed manifest (`--image-spec v1.1|v1.0`). */
export type PackVersion = "v1.1" | "v1.0";

export interface PackManifestOptions {
	/** `v1.1` (default) or `v1.0`. */
	readonly version?: PackVersion;
	/** Required in v1.1 unless a config of a non-empty-JSON type is given; v1.0: the type of the generated `{}` config. */
	readonly artifactType?: string;
	/** Layer descriptors in order. v1.1: none → one empty-JSON layer; v1.0: none → `"layers":[]`. */
	readonly layers?: readonly Descriptor[];
	/** A config blob the caller pushes itself. Without it a `{}` config is generated (see `blobsToPush`). */
	readonly config?: Descriptor;
	/** `$config` annotations: put on the generated config, and replace those of a supplied config when given. */
	readonly configAnnotations?: Readonly<Record<string, string>>;
	/** Manifest annotations. A supplied `org.opencontainers.image.created` must be RFC 3339. */
	readonly annotations?: Readonly<Record<string, string>>;
	/** v1.1 only: the manifest this one refers to (attach). */
	readonly subject?: Descriptor;
	/** The clock for `org.opencontainers.image.created` when it is not supplied. */
	readonly now?: () => Date;
}

export interface PackedBlob {
	readonly desc: Descriptor;
	readonly bytes: Uint8Array;
}

export interface PackedManifest {
	/** The exact manifest bytes (Go JSON). */
	readonly manifestBytes: Uint8Array;
	/** The manifest, as encoded. */
	readonly manifest: ImageManifest;
	/**
	 * Root descriptor: mediaType, digest, size, the manifest annotations and `artifactType`
	 * (v1.1: the artifact type; v1.0: the config media type), as oras-go returns it.
	 */
	readonly desc: Descriptor;
	/** Generated blobs to push if missing (the `{}` config/layer), once per digest. */
	readonly blobsToPush: readonly PackedBlob[];
}

/** Throws INVALID_MEDIA_TYPE unless `mediaType` matches the RFC 6838 shape oras checks. */
export function validateMediaType(mediaType: string, what = "media type"): void {
	if (!isValidMediaType(mediaType)) {
		throw new OrasError("INVALID_MEDIA_TYPE", `${mediaType}: invalid media type`, { hint: `the ${what} must be an RFC 6838 media type such as application/vnd.example+type` });
	}
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysIn(month: number, year: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Whether `s` parses with Go's `time.Parse(time.RFC3339, s)`: `YYYY-MM-DDThh:mm:ss`,
 * optional fraction, `Z` or `±hh:mm`, with calendar and clock ranges checked
 * (no leap second, upper-case `T` and `Z` only).
 */
export function isRFC3339(s: string): boolean {
	const m = RFC3339_RE.exec(s);
	if (!m) return false;
	const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
	if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
	if (hour > 23 || minute > 59 || second > 59) return false;
	if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
	return true;
}

/** `now` in RFC 3339 UTC with whole seconds: `2024-01-01T00:00:00Z`. */
export function formatCreated(now: Date): string {
	if (Number.isNaN(now.getTime())) throw new OrasError("INVALID_ARGUMENT", "invalid date and time format: invalid clock value");
	return `${now.toISOString().slice(0, 19)}Z`;
}

/** The last instant RFC 3339's four-digit year can write: 9999-12-31T23:59:59Z. */
const MAX_SOURCE_DATE_EPOCH = 253_402_300_799;

/**
 * A `SOURCE_DATE_EPOCH` value (https://reproducible-builds.org/specs/source-date-epoch/): a
 * decimal count of seconds since 1970-01-01T00:00:00Z. Unset or empty: undefined. Anything
 * else that is not such a number (or is past 9999-12-31) is an INVALID_ARGUMENT error, as the
 * convention asks, rather than silently falling back to the clock.
 */
export function parseSourceDateEpoch(value: string | undefined): Date | undefined {
	if (value === undefined || value === "") return undefined;
	const seconds = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
	if (!(seconds <= MAX_SOURCE_DATE_EPOCH)) {
		throw new OrasError("INVALID_ARGUMENT", `invalid SOURCE_DATE_EPOCH ${JSON.stringify(value)}: want whole seconds since 1970-01-01T00:00:00Z, at most ${MAX_SOURCE_DATE_EPOCH}`);
	}
	return new Date(seconds * 1000);
}

/**
 * The manifest annotations with `org.opencontainers.image.created`: a supplied value must be
 * RFC 3339 (INVALID_ARGUMENT `invalid date and time format`), else it is set to `now`.
 */
export function ensureCreatedAnnotation(annotations: Readonly<Record<string, string>> | undefined, now: () => Date): Record<string, string> {
	const supplied = annotations?.[Annotation.Created];
	if (annotations !== undefined && Object.hasOwn(annotations, Annotation.Created)) {
		if (supplied === undefined || !isRFC3339(supplied)) {
			throw new OrasError("INVALID_ARGUMENT", `invalid date and time format: ${JSON.stringify(supplied ?? "")} is not RFC 3339`);
		}
		return { ...annotations };
	}
	return { ...annotations, [Annotation.Created]: formatCreated(now()) };
}

function withAnnotations(d: Descriptor, annotations: Readonly<Record<string, string>> | undefined): Descriptor {
	const { annotations: _drop, ...rest } = d;
	return annotations && Object.keys(annotations).length > 0 ? { ...rest, annotations: { ...annotations } } : rest;
}

function emptyConfigBlob(desc: Descriptor): PackedBlob {
	return { desc, bytes: Uint8Array.from(EMPTY_JSON_BYTES) };
}

/**
 * Packs an image manifest exactly as oras-go v2 `PackManifest` does for image-spec v1.1
 * (default) and v1.0. Errors: INVALID_ARGUMENT `missing artifact type` (v1.1 without an
 * artifact type and without a non-empty-JSON config), INVALID_MEDIA_TYPE (artifact type or
 * config type not RFC 6838), INVALID_ARGUMENT `invalid date and time format`, UNSUPPORTED
 * (subject with v1.0).
 */
export function packManifest(opts: PackManifestOptions): PackedManifest {
	const version = opts.version ?? "v1.1";
	const now = opts.now ?? (() => new Date());
	const blobs: PackedBlob[] = [];
	let artifactType = opts.artifactType ?? "";
	let config: Descriptor;
	let layers: readonly Descriptor[];

	if (version === "v1.1") {
		if (artifactType === "" && (opts.config === undefined || opts.config.mediaType === MediaType.Empty)) {
			throw new OrasError("INVALID_ARGUMENT", "missing artifact type");
		}
		if (artifactType !== "") validateMediaType(artifactType, "artifact type");
		if (opts.config !== undefined) {
			validateMediaType(opts.config.mediaType, "config media type");
			config = opts.configAnnotations !== undefined ? withAnnotations(opts.config, opts.configAnnotations) : opts.config;
		} else {
			config = withAnnotations(EMPTY_JSON_DESCRIPTOR, opts.configAnnotations);
			blobs.push(emptyConfigBlob(config));
		}
		if (opts.layers === undefined || opts.layers.length === 0) {
			layers = [EMPTY_JSON_DESCRIPTOR];
			if (!blobs.some((b) => b.desc.digest === EMPTY_JSON_DESCRIPTOR.digest)) blobs.push(emptyConfigBlob(EMPTY_JSON_DESCRIPTOR));
		} else {
			layers = [...opts.layers];
		}
	} else if (version === "v1.0") {
		if (opts.subject !== undefined) {
			throw new OrasError("UNSUPPORTED", "subject is not supported for manifest version v1.0");
		}
		if (opts.config !== undefined) {
			validateMediaType(opts.config.mediaType, "config media type");
			config = opts.configAnnotations !== undefined ? withAnnotations(opts.config, opts.configAnnotations) : opts.config;
		} else {
			if (artifactType === "") artifactType = MediaType.UnknownConfig;
			else validateMediaType(artifactType, "artifact type");
			config = withAnnotations(descriptorFromBytes(artifactType, EMPTY_JSON_BYTES), opts.configAnnotations);
			blobs.push(emptyConfigBlob(config));
		}
		layers = opts.layers ? [...opts.layers] : [];
		// v1.0 has no artifactType field; the root descriptor reports the config type.
		artifactType = config.mediaType;
	} else {
		throw new OrasError("UNSUPPORTED", `unsupported image spec version ${JSON.stringify(version)}`);
	}

	const annotations = ensureCreatedAnnotation(opts.annotations, now);
	const manifest: { -readonly [K in keyof ImageManifest]: ImageManifest[K] } = {
		schemaVersion: 2,
		mediaType: MediaType.ImageManifest,
		config,
		layers,
		annotations,
	};
	if (version === "v1.1") {
		if (artifactType !== "") manifest.artifactType = artifactType;
		if (opts.subject !== undefined) manifest.subject = opts.subject;
	}
	const manifestBytes = new TextEncoder().encode(encodeManifest(manifest));
	const desc: Descriptor = {
		mediaType: MediaType.ImageManifest,
		digest: digestOf(manifestBytes),
		size: manifestBytes.byteLength,
		...(Object.keys(annotations).length > 0 ? { annotations } : {}),
		...(artifactType !== "" ? { artifactType } : {}),
	};
	return { manifestBytes, manifest, desc, blobsToPush: blobs };
}

export interface PushSpecInput {
	/** `--image-spec` value; undefined when the flag was not given (default v1.1). */
	readonly imageSpec?: PackVersion | undefined;
	/** `--config` was given. */
	readonly hasConfig: boolean;
	/** `--artifact-platform` was given. */
	readonly hasArtifactPlatform: boolean;
	/** `--artifact-type` ("" or undefined = not given). */
	readonly artifactType?: string | undefined;
}

export interface PushSpec {
	readonly version: PackVersion;
	/** The artifact type to pack with ("" = none: v1.0, or v1.1 with a typed config). */
	readonly artifactType: string;
}

/**
 * The image-spec choice of `oras push` (`--image-spec`, https://oras.land/docs/commands/oras_push), with its errors (INVALID_ARGUMENT):
 * `--config` without `--artifact-type` switches to v1.0 unless `--image-spec v1.1` was
 * explicit (`missing artifact type for OCI image-spec v1.1 artifacts`); `--config` and
 * `--artifact-platform` exclude each other; v1.0 refuses `--artifact-type` together with
 * `--config` or `--artifact-platform`; v1.1 without config or type uses
 * `application/vnd.unknown.artifact.v1`.
 */
export function choosePushSpec(input: PushSpecInput): PushSpec {
	let version: PackVersion = input.imageSpec ?? "v1.1";
	const artifactType = input.artifactType ?? "";
	if (input.hasConfig && artifactType === "") {
		if (input.imageSpec === undefined) {
			version = "v1.0";
		} else if (version === "v1.1") {
			throw new OrasError("INVALID_ARGUMENT", "missing artifact type for OCI image-spec v1.1 artifacts", {
				hint: "set an artifact type via `--artifact-type` or consider image spec v1.0",
			});
		}
	}
	if (input.hasConfig && input.hasArtifactPlatform) {
		throw new OrasError("INVALID_ARGUMENT", "--config, --artifact-platform cannot be used at the same time");
	}
	if (version === "v1.0") {
		if (input.hasConfig && artifactType !== "") {
			throw new OrasError("INVALID_ARGUMENT", "--artifact-type and --config cannot both be provided for 1.0 OCI image");
		}
		if (input.hasArtifactPlatform && artifactType !== "") {
			throw new OrasError("INVALID_ARGUMENT", "artifact type cannot be customized for OCI image-spec v1.0 when platform is specified", {
				hint: "consider using image spec v1.1 or remove --artifact-type",
			});
		}
		return { version, artifactType };
	}
	if (!input.hasConfig && artifactType === "") return { version, artifactType: MediaType.UnknownArtifact };
	return { version, artifactType };
}

export interface PackIndexOptions {
	readonly artifactType?: string;
	readonly annotations?: Readonly<Record<string, string>>;
	readonly subject?: Descriptor;
}

export interface PackedIndex {
	/** The exact index bytes (Go JSON). */
	readonly indexBytes: Uint8Array;
	readonly index: ImageIndex;
	/** Plain descriptor of the index (mediaType, digest, size). */
	readonly desc: Descriptor;
}

/**
 * Packs an OCI image index `{schemaVersion, mediaType, artifactType?, manifests, subject?,
 * annotations?}` (`oras manifest index create/update`, referrers indexes, empty layout
 * indexes). A given artifact type must be RFC 6838 (INVALID_MEDIA_TYPE). No `created`
 * annotation is added.
 */
export function packIndex(manifests: readonly Descriptor[], opts: PackIndexOptions = {}): PackedIndex {
	const index: { -readonly [K in keyof ImageIndex]: ImageIndex[K] } = {
		schemaVersion: 2,
		mediaType: MediaType.ImageIndex,
		manifests: [...manifests],
	};
	if (opts.artifactType !== undefined && opts.artifactType !== "") {
		validateMediaType(opts.artifactType, "artifact type");
		index.artifactType = opts.artifactType;
	}
	if (opts.subject !== undefined) index.subject = opts.subject;
	if (opts.annotations !== undefined && Object.keys(opts.annotations).length > 0) index.annotations = { ...opts.annotations };
	const indexBytes = new TextEncoder().encode(encodeIndex(index));
	return { indexBytes, index, desc: { mediaType: MediaType.ImageIndex, digest: digestOf(indexBytes), size: indexBytes.byteLength } };
}
