/**
 * A remote repository over the distribution API (oras-cli.md §5.6). Implements Target and
 * the registry extras (ReferenceFetcher/Pusher, Mounter, TagLister, Deleter), routing by
 * media type to the blob or the manifest endpoints.
 *
 * Streams: manifests are read whole (≤ 4 MiB), digest-verified, and returned as a stream of
 * the verified bytes. Blob streams are length-checked only: the stream ends with an
 * `UNEXPECTED_EOF` or `TRAILING_DATA` error when the byte count differs from `desc.size`,
 * and a declared `Content-Length`/`Docker-Content-Digest` that disagrees fails before any
 * byte is returned; callers that store blobs verify digests with `verifier(desc)` as usual.
 */
import { Readable } from "node:stream";
import type { Deleter, Mounter, OpOptions, ReferenceFetcher, ReferencePusher, TagLister, Target } from "../content/storage.js";
import { readAllVerified } from "../content/verify.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, type Digest, digestOf, parseDigest } from "../oci/digest.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { MANIFEST_MEDIA_TYPES, MediaType } from "../oci/mediatypes.js";
import { isValidRepository, isValidTag, parseReference, type Reference } from "../oci/reference.js";
import { ACTION_DELETE, ACTION_PULL, ACTION_PUSH, repositoryScope } from "./auth/scope.js";
import { combineSignals, createRemoteClient, type RemoteClient, type RemoteOptions } from "./client.js";
import { type RegistryResponseError, responseError } from "./errors.js";
import { type ListLimits, listPages } from "./list.js";
import { canHaveSubject, indexReferrersForDelete, indexReferrersForPush, listReferrers, pingReferrers, type ReferrersOptions } from "./referrers.js";
import { readSmallBody } from "./transport/body.js";
import { bytesBody, discardBody, type HttpRequest, type HttpResponse } from "./transport/types.js";
import { parseContentRange, rangeFrom, type RangedBody, type RangeOpener, resumableBody, type ResumeOptions } from "./transport/resume.js";
import { chunkedUpload, monolithicUpload, stagedUpload, type UploadContext, type UploadOptions, type UploadSource } from "./upload.js";
import { HeaderMap, type HttpHeaders } from "./transport/headers.js";

/** Whether the registry serves the referrers API (set once; filled in by the referrers issue). */
export type ReferrersState = "unknown" | "supported" | "unsupported";

export interface RepositoryOptions extends RemoteOptions {
	/** The Accept list for manifest requests (`--media-type`); also decides which media types are manifests. */
	readonly manifestMediaTypes?: readonly string[];
	/** `n` for tag list pages (server default when unset). */
	readonly tagListPageSize?: number;
	/** Cap for manifests read into memory (default 4 MiB). */
	readonly maxMetadataBytes?: number;
	/** Extra actions hinted on every request to this repository (e.g. `["pull","push"]` for a push destination). */
	readonly scopeActions?: readonly string[];
	/** Preset referrers capability (`--distribution-spec`). */
	readonly referrersState?: ReferrersState;
	/**
	 * Keep superseded tag-schema referrers indexes (as the oras CLI does) instead of deleting
	 * them; removing the last referrer then pushes an empty index. Default false (oras-go).
	 */
	readonly skipReferrersGC?: boolean;
	/** Reuse an existing client (same registry) instead of building one from the options. */
	readonly client?: RemoteClient;
	/** Resuming interrupted blob downloads with `Range` requests (see transport/resume.ts); `false` disables. */
	readonly resume?: ResumeOptions | false;
	/** Blob uploads: `chunkSize` switches to resumable `PATCH` chunks (default: one monolithic PUT). */
	readonly upload?: UploadOptions;
}

type ParsedRef = { readonly kind: "tag"; readonly value: string } | { readonly kind: "digest"; readonly value: Digest };

function mediaTypeOf(res: HttpResponse): string | undefined {
	const ct = res.headers.get("content-type");
	if (ct === null) return undefined;
	const t = ct.split(";")[0]?.trim() ?? "";
	return t === "" ? undefined : t;
}

function contentLengthOf(res: HttpResponse): number | undefined {
	const v = res.headers.get("content-length");
	if (v === null || !/^[0-9]+$/.test(v.trim())) return undefined;
	const n = Number(v.trim());
	return Number.isSafeInteger(n) ? n : undefined;
}

/** Counts bytes and fails the stream when they differ from the expected size. */
export class Repository implements Target, ReferenceFetcher, ReferencePusher, Mounter, TagLister, Deleter {
	readonly client: RemoteClient;
	/** The registry as named (`localhost:5000`). */
	readonly registry: string;
	/** The repository path (`library/alpine`). */
	readonly name: string;
	readonly manifestMediaTypes: readonly string[];
	readonly tagListPageSize: number | undefined;
	readonly maxMetadataBytes: number;
	/** Bounds on tag and referrers listings (`RemoteOptions.listLimits`). */
	readonly listLimits: ListLimits | undefined;
	private readonly scopeActions: readonly string[];
	private readonly opts: RepositoryOptions;
	private refState: ReferrersState;
	/** Upload sessions already holding a blob's bytes (see `stageBlob`), by digest. */
	private readonly staged = new Map<string, URL>();

	constructor(ref: Pick<Reference, "registry" | "repository">, opts: RepositoryOptions = {}) {
		if (!isValidRepository(ref.repository)) {
			throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid repository ${JSON.stringify(ref.repository)}`);
		}
		this.opts = opts;
		this.client = opts.client ?? createRemoteClient(ref.registry, opts);
		this.registry = ref.registry;
		this.name = ref.repository;
		this.manifestMediaTypes = opts.manifestMediaTypes && opts.manifestMediaTypes.length > 0 ? [...opts.manifestMediaTypes] : MANIFEST_MEDIA_TYPES;
		this.tagListPageSize = opts.tagListPageSize;
		this.maxMetadataBytes = opts.maxMetadataBytes ?? MAX_MANIFEST_BYTES;
		this.listLimits = opts.listLimits;
		this.scopeActions = opts.scopeActions ?? [];
		this.refState = opts.referrersState ?? "unknown";
	}

	/** `registry/repository` */
	toString(): string {
		return `${this.registry}/${this.name}`;
	}

	get referrersState(): ReferrersState {
		return this.refState;
	}

	/** Records whether the referrers API works; like oras-go, the first definite answer sticks. */
	setReferrersState(state: Exclude<ReferrersState, "unknown">): void {
		if (this.refState === "unknown") this.refState = state;
	}

	/** Another repository on the same registry sharing this one's connections and tokens. */
	sibling(name: string): Repository {
		return new Repository({ registry: this.registry, repository: name }, { ...this.opts, client: this.client });
	}

	/** True when `mediaType` goes to the manifest endpoints. */
	isManifest(mediaType: string): boolean {
		return this.manifestMediaTypes.includes(mediaType) || MANIFEST_MEDIA_TYPES.includes(mediaType);
	}

	// ---- Target ---------------------------------------------------------------------------

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		return this.isManifest(desc.mediaType) ? this.fetchManifest(desc, opts) : this.fetchBlob(desc, opts);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		const kind = this.isManifest(desc.mediaType) ? "manifests" : "blobs";
		const digest = parseDigest(desc.digest);
		const headers = kind === "manifests" ? this.acceptHeaders([desc.mediaType]) : new HeaderMap();
		const req = this.request("HEAD", this.url(`${kind}/${digest}`), headers, [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		discardBody(res);
		if (res.status === 200) return true;
		if (res.status === 404) return false;
		throw await this.failure(req, res);
	}

	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		if (this.isManifest(desc.mediaType)) {
			await this.pushManifestIndexed(desc, body, parseDigest(desc.digest), opts);
			return;
		}
		await this.pushBlob(desc, body, opts);
	}

	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		const ref = this.parseRef(reference);
		const req = this.request("HEAD", this.url(`manifests/${ref.value}`), this.acceptHeaders(), [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		discardBody(res);
		if (res.status === 404) throw this.notFound(ref.value, await responseError(req, res));
		if (res.status !== 200) throw await this.failure(req, res);
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
			digest = this.headerDigest(header, req);
		} else {
			// No digest header on a tag: fetch the manifest and hash it.
			const { desc, body } = await this.fetchReference(ref.value, opts);
			body.destroy();
			return desc;
		}
		return { mediaType, digest, size };
	}

	async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		const ref = this.parseRef(reference);
		if (!this.isManifest(desc.mediaType)) {
			throw new OrasError("UNSUPPORTED", `cannot tag ${desc.digest}: ${desc.mediaType} is not a manifest media type`);
		}
		const body = await this.fetchManifest(desc, opts);
		await this.putManifest(desc, body, ref.value, opts);
	}

	// ---- Deleter ---------------------------------------------------------------------------

	async delete(desc: Descriptor, opts?: OpOptions): Promise<void> {
		if (this.isManifest(desc.mediaType) && canHaveSubject(desc.mediaType) && this.refState !== "supported") {
			// Read it first: after the delete its subject is needed to fix the referrers index.
			const raw = await readAllVerified(await this.fetchManifest(desc, opts), desc, this.maxMetadataBytes);
			await this.deleteWithoutIndexing(desc, opts);
			await indexReferrersForDelete(this, desc, raw, this.indexOpts(opts));
			return;
		}
		await this.deleteWithoutIndexing(desc, opts);
	}

	/** Deletes by digest without touching a referrers index (used by the index upkeep itself). */
	async deleteWithoutIndexing(desc: Descriptor, opts?: OpOptions): Promise<void> {
		const kind = this.isManifest(desc.mediaType) ? "manifests" : "blobs";
		const digest = parseDigest(desc.digest);
		const req = this.request("DELETE", this.url(`${kind}/${digest}`), new HeaderMap(), [ACTION_DELETE], opts);
		const res = await this.client.transport(req);
		if (res.status === 202 || res.status === 200) {
			discardBody(res);
			return;
		}
		if (res.status === 404) throw this.notFound(digest, await responseError(req, res));
		throw await this.failure(req, res);
	}

	// ---- ReferenceFetcher / ReferencePusher -------------------------------------------------

	async fetchReference(reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }> {
		const ref = this.parseRef(reference);
		const req = this.request("GET", this.url(`manifests/${ref.value}`), this.acceptHeaders(), [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		if (res.status === 404) throw this.notFound(ref.value, await responseError(req, res));
		if (res.status !== 200) throw await this.failure(req, res);
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
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.display(ref.value)}: content size ${declared} exceeds the limit of ${this.maxMetadataBytes} bytes`);
		}
		const header = res.headers.get("docker-content-digest");
		const expected = ref.kind === "digest" ? ref.value : header !== null ? this.headerDigest(header, req, res) : undefined;
		if (ref.kind === "digest" && header !== null && header !== ref.value) {
			res.body.destroy();
			throw new OrasError("DIGEST_MISMATCH", `GET "${req.url.href}": registry returned digest ${header} for ${ref.value}`);
		}
		const raw = await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.display(ref.value)}`);
		if (declared !== undefined && declared !== raw.length) {
			throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} but got ${raw.length} bytes`);
		}
		const got = digestOf(raw, expected ? algorithmOf(expected) : "sha256");
		if (expected !== undefined && got !== expected) {
			throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${expected}, got ${got}`);
		}
		return { desc: { mediaType, digest: got, size: raw.length }, body: Readable.from([raw]) };
	}

	async pushReference(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		const ref = this.parseRef(reference);
		await this.pushManifestIndexed(desc, body, ref.value, opts);
	}

	/** PUTs manifest bytes under a tag or digest without referrers-index upkeep. */
	async pushManifestWithoutIndexing(desc: Descriptor, bytes: Uint8Array, reference: string, opts?: OpOptions): Promise<void> {
		const ref = this.parseRef(reference);
		await this.putManifest(desc, [bytes], ref.value, opts);
	}

	// ---- Referrers ---------------------------------------------------------------------------

	/** Referrers of a manifest: the referrers API, or the tag schema where the registry lacks it. */
	async referrers(desc: Descriptor, opts?: ReferrersOptions): Promise<Descriptor[]> {
		return listReferrers(this, desc, opts);
	}

	/** Whether the registry serves the referrers API (pings once when unknown). */
	async pingReferrers(opts?: OpOptions): Promise<boolean> {
		return pingReferrers(this, opts);
	}

	/** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
	async resolveBlob(digest: string, opts?: OpOptions): Promise<Descriptor> {
		const d = parseDigest(digest);
		const req = this.request("HEAD", this.url(`blobs/${d}`), new HeaderMap(), [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		discardBody(res);
		if (res.status === 404) throw this.notFound(d, await responseError(req, res));
		if (res.status !== 200) throw await this.failure(req, res);
		const size = contentLengthOf(res);
		if (size === undefined) throw new OrasError("REGISTRY_ERROR", `HEAD "${req.url.href}": missing Content-Length in the response`);
		return { mediaType: MediaType.OctetStream, digest: d, size };
	}

	/** Manifest PUT with referrers upkeep: a subject without `OCI-Subject` in the reply goes into the tag-schema index. */
	private async pushManifestIndexed(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		if (!canHaveSubject(desc.mediaType) || this.refState === "supported") {
			await this.putManifest(desc, body, reference, opts);
			return;
		}
		const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
		await this.putManifest(desc, [raw], reference, opts);
		if (this.referrersState === "supported") return;
		await indexReferrersForPush(this, desc, raw, this.indexOpts(opts));
	}

	private indexOpts(opts?: OpOptions): OpOptions & { skipGC?: boolean } {
		return { ...(opts?.signal ? { signal: opts.signal } : {}), ...(this.opts.skipReferrersGC ? { skipGC: true } : {}) };
	}

	// ---- Mounter ---------------------------------------------------------------------------

	async mount(desc: Descriptor, fromRepository: string, getContent?: () => Promise<Readable>, opts?: OpOptions): Promise<void> {
		const digest = parseDigest(desc.digest);
		if (!isValidRepository(fromRepository)) {
			throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid repository ${JSON.stringify(fromRepository)}`);
		}
		const url = this.url("blobs/uploads/");
		url.search = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
		const req = this.request("POST", url, new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts, [repositoryScope(fromRepository, ACTION_PULL)]);
		const res = await this.client.transport(req);
		if (res.status === 201) {
			discardBody(res);
			return;
		}
		if (res.status !== 202) throw await this.failure(req, res);
		discardBody(res);
		// The registry started a plain upload instead: finish it with the content.
		const content = getContent ? await getContent() : await this.sibling(fromRepository).fetch(desc, opts);
		await this.completeUpload(req, res, desc, content, opts);
	}

	// ---- TagLister -------------------------------------------------------------------------

	tags(opts?: OpOptions & { last?: string }): AsyncIterable<string> {
		const url = this.url("tags/list");
		if (this.tagListPageSize !== undefined) url.searchParams.set("n", String(this.tagListPageSize));
		if (opts?.last) url.searchParams.set("last", opts.last);
		return listPages({
			transport: this.client.transport,
			first: url,
			field: "tags",
			scopes: [repositoryScope(this.name, ACTION_PULL, ...this.scopeActions)],
			signal: combineSignals(this.client.signal, opts?.signal),
			onNotFound: (cause) => new OrasError("NOT_FOUND", `${this}: repository not found`, { cause }),
			hint: (status) => this.hintFor(status),
			what: `tags of ${this}`,
			...(this.listLimits ? { limits: this.listLimits } : {}),
		});
	}

	// ---- manifests -------------------------------------------------------------------------

	private async fetchManifest(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		const digest = parseDigest(desc.digest);
		if (desc.size > this.maxMetadataBytes) {
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.display(digest)}: content size ${desc.size} exceeds the limit of ${this.maxMetadataBytes} bytes`);
		}
		const req = this.request("GET", this.url(`manifests/${digest}`), this.acceptHeaders([desc.mediaType]), [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		if (res.status === 404) throw this.notFound(digest, await responseError(req, res));
		if (res.status !== 200) throw await this.failure(req, res);
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
		const body = await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.display(digest)}`);
		const raw = await readAllVerified([body], desc, this.maxMetadataBytes);
		return Readable.from([raw]);
	}

	private async putManifest(desc: Descriptor, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		const digest = parseDigest(desc.digest);
		// Verified in memory before anything is sent (manifests are small and PUTs must be replayable).
		const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
		const headers = new HeaderMap({ "content-type": desc.mediaType });
		const req = this.request("PUT", this.url(`manifests/${reference}`), headers, [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(raw));
		const res = await this.client.transport(req);
		if (res.status !== 201) throw await this.failure(req, res);
		discardBody(res);
		const got = res.headers.get("docker-content-digest");
		if (got !== null && got !== digest) {
			throw new OrasError("DIGEST_MISMATCH", `PUT "${req.url.href}": registry stored digest ${got}, expected ${digest}`);
		}
		if (res.headers.has("oci-subject")) this.setReferrersState("supported");
	}

	// ---- blobs -------------------------------------------------------------------------------

	private async fetchBlob(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		return (await this.fetchFrom(desc, 0, opts)).body;
	}

	/**
	 * A blob's bytes from `offset` (a `Range` request; `offset` 0 when the registry ignored
	 * it and sent everything). Interrupted bodies are resumed with further range requests
	 * unless `resume: false`; the stream fails when the byte count is off.
	 */
	async fetchFrom(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody> {
		const digest = parseDigest(desc.digest);
		if (!Number.isSafeInteger(offset) || offset < 0 || offset > desc.size) {
			throw new OrasError("INVALID_ARGUMENT", `${digest}: invalid offset ${offset} for ${desc.size} bytes`);
		}
		const open: RangeOpener = (at) => this.openBlob(desc, at, opts);
		const first = await open(offset < desc.size ? offset : 0);
		const r: ResumeOptions = this.opts.resume === false ? { maxResumes: 0 } : (this.opts.resume ?? {});
		const body = resumableBody(first, open, {
			...r,
			start: first.offset,
			size: desc.size,
			what: digest,
			signal: combineSignals(this.client.signal, opts?.signal),
			onResume: (info) => {
				r.onResume?.(info);
				if (this.opts.debug) this.opts.logger?.debug(`resuming ${digest} at byte ${info.offset} (attempt ${info.attempt}): ${info.reason}`);
			},
		});
		return { body, offset: first.offset };
	}

	/** One blob GET from `offset` (`Range: bytes=<offset>-` when > 0), headers checked. */
	private async openBlob(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody> {
		const digest = parseDigest(desc.digest);
		const headers = new HeaderMap();
		if (offset > 0) headers.set("range", rangeFrom(offset));
		const req = this.request("GET", this.url(`blobs/${digest}`), headers, [ACTION_PULL], opts);
		const res = await this.client.transport(req);
		if (res.status === 404) throw this.notFound(digest, await responseError(req, res));
		let start = 0;
		if (res.status === 206 && offset > 0) {
			const cr = parseContentRange(res.headers.get("content-range"));
			if (cr === undefined || cr.first !== offset || cr.last !== desc.size - 1 || (cr.total !== undefined && cr.total !== desc.size)) {
				res.body.destroy();
				throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": unexpected Content-Range ${JSON.stringify(res.headers.get("content-range"))} for bytes ${offset}-${desc.size - 1}`);
			}
			start = offset;
		} else if (res.status !== 200) {
			throw await this.failure(req, res);
		}
		const declared = contentLengthOf(res);
		if (declared !== undefined && declared !== desc.size - start) {
			res.body.destroy();
			throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} differs from the expected size ${desc.size - start}`);
		}
		const header = res.headers.get("docker-content-digest");
		// A digest header in the same algorithm must agree (some CDNs send none, or another algorithm).
		if (header?.startsWith(`${algorithmOf(digest)}:`) && header !== digest) {
			res.body.destroy();
			throw new OrasError("DIGEST_MISMATCH", `GET "${req.url.href}": registry returned digest ${header} for ${digest}`);
		}
		return { body: res.body, offset: start };
	}

	/**
	 * Uploads a blob whose bytes `open` can produce again: a failed transfer is resumed
	 * (chunked uploads, from the registry's offset) or restarted in a new session.
	 */
	async pushFrom(desc: Descriptor, open: (offset: number) => Promise<RangedBody>, opts?: OpOptions): Promise<void> {
		if (this.isManifest(desc.mediaType)) {
			const { body } = await open(0);
			await this.push(desc, body, opts);
			return;
		}
		if (await this.commitStaged(desc, opts)) return;
		await this.uploadBlob(desc, { open, reopenable: true }, opts);
	}

	/**
	 * One pass for digest and upload: streams `size` bytes into a new upload session (POST, then
	 * one PATCH) while hashing them, and returns their digest. The bytes are committed by the
	 * next push of that digest (an empty `PUT ?digest=`), so a source file is read once instead
	 * of once to digest it and again to upload it. A session that is never committed expires
	 * on the registry. Given an opener (`offset → bytes from there`) instead of a stream, a
	 * failed transfer is resumed from the registry's offset or restarted in a new session
	 * (`upload.maxResumes`, `upload.maxRestarts`; see `stagedUpload`).
	 */
	async stageBlob(
		body: AsyncIterable<Uint8Array> | ((offset: number) => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>),
		size: number,
		opts?: OpOptions,
	): Promise<{ digest: Digest; size: number }> {
		const reopenable = typeof body === "function";
		const open = reopenable ? body : () => body;
		const { digest, location } = await stagedUpload(this.uploadContext(opts), size, open, reopenable, this.uploadOptions(`a blob of ${size} bytes`));
		this.staged.set(digest, location);
		return { digest, size };
	}

	/** Finishes a session `stageBlob` filled with this blob's bytes; false when there is none. */
	private async commitStaged(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		const url = this.staged.get(desc.digest);
		if (url === undefined) return false;
		this.staged.delete(desc.digest);
		url.searchParams.set("digest", desc.digest);
		const req = this.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(new Uint8Array(0)));
		const res = await this.client.transport(req);
		if (res.status !== 201) throw await this.failure(req, res);
		discardBody(res);
		return true;
	}

	/** The repository's upload options, with `--debug` logging of resumes and restarts of `what`. */
	private uploadOptions(what: string): UploadOptions {
		const u = this.opts.upload ?? {};
		const logger = this.opts.logger;
		return {
			...u,
			onResume: (info) => {
				u.onResume?.(info);
				if (this.opts.debug) logger?.debug(`upload of ${what} ${info.restart ? "restarts" : `resumes at byte ${info.offset}`}: ${info.reason}`);
			},
		};
	}

	private uploadContext(opts?: OpOptions): UploadContext {
		return {
			transport: this.client.transport,
			startURL: this.url("blobs/uploads/"),
			request: (method, url, headers, body) => this.request(method, url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], body),
			location: (post, res) => this.uploadLocation(post, res),
			failure: (req, res) => this.failure(req, res),
			exists: (d) => this.exists(d, opts),
			signal: combineSignals(this.client.signal, opts?.signal),
		};
	}

	private async uploadBlob(desc: Descriptor, source: UploadSource, opts?: OpOptions): Promise<void> {
		const u = this.opts.upload ?? {};
		const o = this.uploadOptions(desc.digest);
		const ctx = this.uploadContext(opts);
		if (u.chunkSize !== undefined && u.chunkSize > 0) await chunkedUpload(ctx, desc, source, { ...o, chunkSize: u.chunkSize });
		else await monolithicUpload(ctx, desc, source, o);
	}

	private async pushBlob(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		parseDigest(desc.digest);
		if (await this.commitStaged(desc, opts)) {
			if (body instanceof Readable) body.destroy();
			return;
		}
		if (this.opts.upload?.chunkSize) {
			await this.uploadBlob(desc, { open: async () => body, reopenable: false }, opts);
			return;
		}
		const req = this.request("POST", this.url("blobs/uploads/"), new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts);
		const res = await this.client.transport(req);
		if (res.status !== 202) throw await this.failure(req, res);
		discardBody(res);
		await this.completeUpload(req, res, desc, body, opts);
	}

	/** The single `PUT <Location>?digest=<d>` that finishes an upload session with the whole body. */
	private async completeUpload(post: HttpRequest, postRes: HttpResponse, desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		const url = this.uploadLocation(post, postRes);
		url.searchParams.set("digest", desc.digest);
		const headers = new HeaderMap({ "content-type": MediaType.OctetStream });
		const req = this.request("PUT", url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], {
			body: () => body,
			contentLength: desc.size,
			replayable: false,
		});
		const res = await this.client.transport(req);
		if (res.status !== 201) throw await this.failure(req, res);
		discardBody(res);
	}

	/** `Location` of an upload: same host and port as the POST, never downgraded from https. */
	uploadLocation(post: Pick<HttpRequest, "url">, res: Pick<HttpResponse, "headers">): URL {
		const loc = res.headers.get("location");
		if (loc === null || loc === "") throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": upload response without a Location`);
		let url: URL;
		try {
			url = new URL(loc, post.url);
		} catch (err) {
			throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": invalid upload Location`, { cause: err });
		}
		const port = (u: URL) => u.port || (u.protocol === "https:" ? "443" : "80");
		if (url.protocol !== "http:" && url.protocol !== "https:") {
			throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": upload Location has scheme ${url.protocol}`);
		}
		if (post.url.protocol === "https:" && url.protocol === "http:") {
			throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": refusing upload Location that downgrades to http`);
		}
		if (url.hostname !== post.url.hostname || port(url) !== port(post.url)) {
			throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": refusing upload Location on another host (${url.host})`);
		}
		return url;
	}

	// ---- helpers -------------------------------------------------------------------------------

	/** `scheme://host/v2/<repo>/<path>` */
	url(path: string): URL {
		return new URL(`${this.client.origin}/v2/${this.name}/${path}`);
	}

	private acceptHeaders(types: readonly string[] = this.manifestMediaTypes): HttpHeaders {
		return new HeaderMap({ accept: types.join(", ") });
	}

	private signalOf(opts?: OpOptions): { signal?: AbortSignal } {
		const s = combineSignals(this.client.signal, opts?.signal);
		return s ? { signal: s } : {};
	}

	private request(
		method: string,
		url: URL,
		headers: HttpHeaders,
		actions: readonly string[],
		opts?: OpOptions,
		extraScopes: readonly string[] = [],
		body?: Pick<HttpRequest, "body" | "contentLength" | "replayable">,
	): HttpRequest {
		return {
			method,
			url,
			headers,
			scopes: [repositoryScope(this.name, ...actions, ...this.scopeActions), ...extraScopes],
			...this.signalOf(opts),
			...body,
		};
	}

	private parseRef(reference: string): ParsedRef {
		let r = reference;
		if (r.includes("/")) {
			const parsed = parseReference(r);
			if (parsed.registry !== this.registry || parsed.repository !== this.name) {
				throw new OrasError("INVALID_REFERENCE", `invalid reference: ${JSON.stringify(reference)} is not in ${this}`);
			}
			r = parsed.reference;
		}
		if (r === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: missing tag or digest in ${JSON.stringify(reference)}`);
		if (r.includes(":")) {
			try {
				return { kind: "digest", value: parseDigest(r) };
			} catch (err) {
				throw new OrasError("INVALID_REFERENCE", `invalid reference: ${(err as Error).message}`, { cause: err });
			}
		}
		if (!isValidTag(r)) throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid tag ${JSON.stringify(r)}`);
		return { kind: "tag", value: r };
	}

	private headerDigest(header: string, req: HttpRequest, res?: HttpResponse): Digest {
		try {
			return parseDigest(header);
		} catch (err) {
			res?.body.destroy();
			throw new OrasError("REGISTRY_ERROR", `${req.method} "${req.url.href}": invalid Docker-Content-Digest ${JSON.stringify(header)}`, { cause: err });
		}
	}

	/** `registry/repo:tag` or `registry/repo@digest` */
	private display(ref: string): string {
		if (ref === "") return String(this);
		return ref.includes(":") ? `${this}@${ref}` : `${this}:${ref}`;
	}

	private notFound(ref: string, cause: RegistryResponseError, message?: string): OrasError {
		return new OrasError("NOT_FOUND", message ?? `${this.display(ref)}: not found`, { cause });
	}

	private hintFor(status: number): string | undefined {
		if (status === 401) return `check the credentials for ${this.registry}`;
		if (status === 403) return `the credentials for ${this.registry} are not allowed to do this on ${this.name}`;
		return undefined;
	}

	private async failure(req: HttpRequest, res: HttpResponse): Promise<RegistryResponseError> {
		const hint = this.hintFor(res.status);
		return responseError(req, res, hint ? { hint } : undefined);
	}
}

/** Builds a repository from `registry/repository[:tag|@digest]` (the tag/digest is ignored). */
export function createRepository(reference: string | Reference, options: RepositoryOptions = {}): Repository {
	const ref = typeof reference === "string" ? parseReference(reference) : reference;
	return new Repository(ref, options);
}
