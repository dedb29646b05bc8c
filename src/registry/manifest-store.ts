/**
 * The manifest half of a remote repository (oras-go's `manifestStore`): `/v2/<name>/manifests/…`.
 * Manifests are read whole (≤ `maxMetadataBytes`), digest-verified, and returned as a stream
 * of the verified bytes. Pushing or deleting a manifest with a `subject` keeps the referrers
 * tag-schema index up to date when the registry lacks the referrers API (`ReferrersUpkeep`).
 */
import type { Readable } from "node:stream";
import type { Deleter, OpOptions, ReferenceFetcher, ReferencePusher, Storage } from "../content/storage.js";
import { bufferedBody, readAllVerified } from "../content/verify.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, type Digest, digestOf, parseDigest } from "../oci/digest.js";
import { MANIFEST_MEDIA_TYPES } from "../oci/mediatypes.js";
import { ACTION_PULL, ACTION_PUSH } from "./auth/scope.js";
import { contentLengthOf, mediaTypeOf, type RepositoryEndpoint } from "./endpoint.js";
import { responseError } from "./errors.js";
import { canHaveSubject } from "./referrers.js";
import { readSmallBody } from "./transport/body.js";
import { HeaderMap } from "./transport/headers.js";
import { bytesBody, discardBody } from "./transport/types.js";

/** What the manifest store asks of its repository around pushes and deletes (see registry/referrers.ts). */
export interface ReferrersUpkeep {
	/** True once the registry is known to serve the referrers API (no index upkeep then). */
	apiSupported(): boolean;
	/** The registry answered a PUT with `OCI-Subject`: it serves the API. */
	markSupported(): void;
	/** After a PUT of a manifest that may have a subject, without `OCI-Subject` in the reply. */
	afterPush(desc: Descriptor, raw: Uint8Array, opts?: OpOptions): Promise<void>;
	/** After deleting a manifest that may have had a subject (its bytes read before). */
	afterDelete(desc: Descriptor, raw: Uint8Array, opts?: OpOptions): Promise<void>;
}

export interface ManifestStoreOptions {
	/** The Accept list of reference requests; only these types are taken as manifests. */
	readonly mediaTypes: readonly string[];
	readonly maxMetadataBytes: number;
	readonly referrers: ReferrersUpkeep;
}

/**
 * What `Repository.manifests()` gives: the storage interface over the manifest endpoints,
 * plus resolve, fetch and push by tag or digest, and tagging.
 */
export interface ManifestStorage extends Storage, Deleter, ReferenceFetcher, ReferencePusher {
	resolve(reference: string, opts?: OpOptions): Promise<Descriptor>;
	tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void>;
}

/** The manifest half of a repository (internal: reached through `Repository.manifests()`). */
export class ManifestStore implements ManifestStorage {
	private readonly ep: RepositoryEndpoint;
	private readonly mediaTypes: readonly string[];
	private readonly maxMetadataBytes: number;
	private readonly upkeep: ReferrersUpkeep;

	constructor(endpoint: RepositoryEndpoint, opts: ManifestStoreOptions) {
		this.ep = endpoint;
		this.mediaTypes = opts.mediaTypes;
		this.maxMetadataBytes = opts.maxMetadataBytes;
		this.upkeep = opts.referrers;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		const digest = parseDigest(desc.digest);
		if (desc.size > this.maxMetadataBytes) {
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.ep.display(digest)}: content size ${desc.size} exceeds the limit of ${this.maxMetadataBytes} bytes`);
		}
		const req = this.ep.request("GET", this.ep.url(`manifests/${digest}`), this.ep.acceptHeaders([desc.mediaType]), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		if (res.status === 404) throw this.ep.notFound(digest, await responseError(req, res));
		if (res.status !== 200) throw await this.ep.failure(req, res);
		const mediaType = mediaTypeOf(res);
		if (mediaType !== desc.mediaType) {
			res.body.destroy();
			throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": mismatched media type: expected ${desc.mediaType}, got ${mediaType ?? "none"}`);
		}
		const declared = contentLengthOf(res);
		if (declared !== undefined && declared !== desc.size) {
			res.body.destroy();
			throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} differs from the expected size ${desc.size}`);
		}
		return bufferedBody(await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.ep.display(digest)}`), desc);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		const digest = parseDigest(desc.digest);
		const req = this.ep.request("HEAD", this.ep.url(`manifests/${digest}`), this.ep.acceptHeaders([desc.mediaType]), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		discardBody(res);
		if (res.status === 200) return true;
		if (res.status === 404) return false;
		throw await this.ep.failure(req, res);
	}

	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		await this.pushIndexed(desc, body, parseDigest(desc.digest), opts);
	}

	async pushReference(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		const ref = this.ep.parseRef(reference);
		await this.pushIndexed(desc, body, ref.value, opts);
	}

	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		const ref = this.ep.parseRef(reference);
		const req = this.ep.request("HEAD", this.ep.url(`manifests/${ref.value}`), this.ep.acceptHeaders(this.mediaTypes), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		discardBody(res);
		if (res.status === 404) throw this.ep.notFound(ref.value, await responseError(req, res));
		if (res.status !== 200) throw await this.ep.failure(req, res);
		const mediaType = mediaTypeOf(res);
		const size = contentLengthOf(res);
		const header = res.headers.get("docker-content-digest");
		if (mediaType === undefined || size === undefined) {
			throw new OrasError("REGISTRY_ERROR", `HEAD "${req.url.href}": missing Content-Type or Content-Length in the response`);
		}
		let digest: Digest;
		if (ref.kind === "digest") {
			if (header !== null && header !== ref.value) {
				throw new OrasError("DIGEST_MISMATCH", `HEAD "${req.url.href}": registry returned digest ${header} for ${ref.value}`);
			}
			digest = ref.value;
		} else if (header !== null) {
			digest = this.ep.headerDigest(header, req);
		} else {
			// No digest header on a tag: fetch the manifest and hash it.
			const { desc, body } = await this.fetchReference(ref.value, opts);
			body.destroy();
			return desc;
		}
		return { mediaType, digest, size };
	}

	async fetchReference(reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }> {
		const ref = this.ep.parseRef(reference);
		const req = this.ep.request("GET", this.ep.url(`manifests/${ref.value}`), this.ep.acceptHeaders(this.mediaTypes), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		if (res.status === 404) throw this.ep.notFound(ref.value, await responseError(req, res));
		if (res.status !== 200) throw await this.ep.failure(req, res);
		const mediaType = mediaTypeOf(res);
		if (mediaType === undefined) {
			res.body.destroy();
			throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": missing Content-Type in the response`);
		}
		if (!this.isManifest(mediaType)) {
			// Only the types asked for in Accept are manifests; anything else (an HTML error page, …) is refused.
			res.body.destroy();
			throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": unexpected media type ${JSON.stringify(mediaType)} for a manifest`);
		}
		const declared = contentLengthOf(res);
		if (declared !== undefined && declared > this.maxMetadataBytes) {
			res.body.destroy();
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.ep.display(ref.value)}: content size ${declared} exceeds the limit of ${this.maxMetadataBytes} bytes`);
		}
		const header = res.headers.get("docker-content-digest");
		const expected = ref.kind === "digest" ? ref.value : header !== null ? this.ep.headerDigest(header, req, res) : undefined;
		if (ref.kind === "digest" && header !== null && header !== ref.value) {
			res.body.destroy();
			throw new OrasError("DIGEST_MISMATCH", `GET "${req.url.href}": registry returned digest ${header} for ${ref.value}`);
		}
		const raw = await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.ep.display(ref.value)}`);
		if (declared !== undefined && declared !== raw.length) {
			throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} but got ${raw.length} bytes`);
		}
		const got = digestOf(raw, expected ? algorithmOf(expected) : "sha256");
		if (expected !== undefined && got !== expected) {
			throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${expected}, got ${got}`);
		}
		return { desc: { mediaType, digest: got, size: raw.length }, body: bufferedBody(raw) };
	}

	/** Tags a manifest the repository has: fetched and PUT again under `reference`. */
	async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		const ref = this.ep.parseRef(reference);
		const body = await this.fetch(desc, opts);
		await this.put(desc, body, ref.value, opts);
	}

	async delete(desc: Descriptor, opts?: OpOptions): Promise<void> {
		if (canHaveSubject(desc.mediaType) && !this.upkeep.apiSupported()) {
			// Read it first: after the delete its subject is needed to fix the referrers index.
			const raw = await readAllVerified(await this.fetch(desc, opts), desc, this.maxMetadataBytes);
			await this.deleteWithoutIndexing(desc, opts);
			await this.upkeep.afterDelete(desc, raw, opts);
			return;
		}
		await this.deleteWithoutIndexing(desc, opts);
	}

	/** Deletes by digest without touching a referrers index (the index upkeep itself uses it). */
	async deleteWithoutIndexing(desc: Descriptor, opts?: OpOptions): Promise<void> {
		await this.ep.deleteContent("manifests", parseDigest(desc.digest), opts);
	}

	/** PUTs manifest bytes under a tag or digest without referrers-index upkeep (the upkeep itself uses it). */
	async pushWithoutIndexing(desc: Descriptor, bytes: Uint8Array, reference: string, opts?: OpOptions): Promise<void> {
		await this.put(desc, [bytes], this.ep.parseRef(reference).value, opts);
	}

	private isManifest(mediaType: string): boolean {
		return this.mediaTypes.includes(mediaType) || MANIFEST_MEDIA_TYPES.includes(mediaType);
	}

	/** Manifest PUT with referrers upkeep: a subject without `OCI-Subject` in the reply goes into the tag-schema index. */
	private async pushIndexed(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		if (!canHaveSubject(desc.mediaType) || this.upkeep.apiSupported()) {
			await this.put(desc, body, reference, opts);
			return;
		}
		const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
		await this.put(desc, [raw], reference, opts);
		if (this.upkeep.apiSupported()) return;
		await this.upkeep.afterPush(desc, raw, opts);
	}

	private async put(desc: Descriptor, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		const digest = parseDigest(desc.digest);
		// Verified in memory before anything is sent (manifests are small and PUTs must be replayable).
		const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
		const headers = new HeaderMap({ "content-type": desc.mediaType });
		const req = this.ep.request("PUT", this.ep.url(`manifests/${reference}`), headers, [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(raw));
		const res = await this.ep.client.transport(req);
		if (res.status !== 201) throw await this.ep.failure(req, res);
		discardBody(res);
		const got = res.headers.get("docker-content-digest");
		if (got !== null && got !== digest) {
			throw new OrasError("DIGEST_MISMATCH", `PUT "${req.url.href}": registry stored digest ${got}, expected ${digest}`);
		}
		if (res.headers.has("oci-subject")) this.upkeep.markSupported();
	}
}
