import { createHash, type Hash, hash as oneShotHash } from "node:crypto";
import { OrasError } from "../errors.js";

/** A validated `<algorithm>:<hex>` digest. Only parseDigest and the digesters make one. */
export type Digest = string & { readonly __brand: "Digest" };

export type DigestAlgorithm = "sha256" | "sha384" | "sha512";

const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha384: 96, sha512: 128 };
const DIGEST_SHAPE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function isSupportedAlgorithm(alg: string): alg is DigestAlgorithm {
	return Object.hasOwn(HEX_LENGTH, alg);
}

/**
 * Parses and validates a digest as go-digest does: `<alg>:<encoded>` of the right shape
 * (else INVALID_DIGEST "invalid checksum digest format"), a known algorithm (a well-formed
 * unknown one is UNSUPPORTED_DIGEST), then exactly 64/96/128 lowercase hex characters.
 */
export function parseDigest(input: string): Digest {
	if (!DIGEST_SHAPE.test(input)) {
		throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input)}: invalid checksum digest format`);
	}
	const colon = input.indexOf(":");
	const alg = input.slice(0, colon);
	const hex = input.slice(colon + 1);
	if (!isSupportedAlgorithm(alg)) {
		throw new OrasError("UNSUPPORTED_DIGEST", `invalid digest ${JSON.stringify(input)}: unsupported digest algorithm`);
	}
	if (hex.length !== HEX_LENGTH[alg]) {
		throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input)}: invalid checksum digest length`);
	}
	if (!/^[a-f0-9]+$/.test(hex)) {
		throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input)}: invalid checksum digest format`);
	}
	return input as Digest;
}

/**
 * The tag under which the referrers tag schema stores the referrers index of `digest`
 * (`<alg>-<hex>`, e.g. `sha256-9794…`).
 */
export function referrersTagOf(digest: Digest): string {
	return `${algorithmOf(digest)}-${encodedOf(digest)}`;
}

/** True for tags that are a digest with its first `-` in place of the `:` (what `--exclude-digest-tags` hides). */
export function isDigestTag(tag: string): boolean {
	return isDigest(tag.replace("-", ":"));
}

export function isDigest(input: string): boolean {
	try {
		parseDigest(input);
		return true;
	} catch {
		return false;
	}
}

export function algorithmOf(digest: Digest): DigestAlgorithm {
	return digest.slice(0, digest.indexOf(":")) as DigestAlgorithm;
}

export function encodedOf(digest: Digest): string {
	return digest.slice(digest.indexOf(":") + 1);
}

/** First 12 hex characters for sha256 (how oras prints status lines), the whole digest otherwise. */
export function shortDigest(digest: string): string {
	if (digest.startsWith("sha256:")) return digest.slice(7, 19);
	return digest;
}

/** Digest of bytes in memory (manifests, configs: never whole blobs). */
export function digestOf(data: Uint8Array | string, alg: DigestAlgorithm = "sha256"): Digest {
	// crypto.hash (Node 20.12+) hashes in one native call; a Hash object costs ~20 µs of set-up
	// in a short-lived process, which counted for every small blob.
	return `${alg}:${oneShotHash(alg, data, "hex")}` as Digest;
}

/** Incremental digester for streams. */
export class Digester {
	readonly algorithm: DigestAlgorithm;
	private readonly hash: Hash;
	constructor(alg: DigestAlgorithm = "sha256") {
		this.algorithm = alg;
		this.hash = createHash(alg);
	}
	update(chunk: Uint8Array): void {
		this.hash.update(chunk);
	}
	digest(): Digest {
		return `${this.algorithm}:${this.hash.digest("hex")}` as Digest;
	}
	/** A digest of everything so far without finishing the hash (used by resumable transfers). */
	peek(): Digest {
		return `${this.algorithm}:${this.hash.copy().digest("hex")}` as Digest;
	}
}
