/**
 * A remote repository over the distribution API
 * (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md). Implements Target
 * and the registry extras (ReferenceFetcher/Pusher, Mounter, TagLister, Deleter), routing by
 * media type to its blob half (`blobs()`, the blob endpoints) or its manifest half
 * (`manifests()`), as oras-go's `Repository` does with `blobStore` and `manifestStore`.
 *
 * Streams: manifests are read whole (≤ 4 MiB), digest-verified, and returned as a stream of
 * the verified bytes. Blob streams are length-checked only: the stream ends with an
 * `UNEXPECTED_EOF` or `TRAILING_DATA` error when the byte count differs from `desc.size`,
 * and a declared `Content-Length`/`Docker-Content-Digest` that disagrees fails before any
 * byte is returned; callers that store blobs verify digests with `verifier(desc)` as usual.
 *
 * The repository keeps its referrers state (whether the registry serves the referrers API,
 * the ping in flight, the queue of tag-schema index updates per tag) and hands the referrers
 * code a narrow `ReferrersContext`.
 */
import type { Readable } from "node:stream";
import type { Stager } from "../content/storage.js";
import type { Deleter, Mounter, OpOptions, ReferenceFetcher, ReferencePusher, TagLister, Target } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import type { Digest } from "../oci/digest.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { MANIFEST_MEDIA_TYPES, MediaType } from "../oci/mediatypes.js";
import { isValidRepository, parseReference, type Reference } from "../oci/reference.js";
import { ACTION_PULL, repositoryScope } from "./auth/scope.js";
import { type BlobStorage, BlobStore } from "./blob-store.js";
import { createRemoteClient, type RemoteClient, type RemoteOptions } from "./client.js";
import { RepositoryEndpoint } from "./endpoint.js";
import { type ListLimits, listPages } from "./list.js";
import { type ManifestStorage, ManifestStore } from "./manifest-store.js";
import {
	indexReferrersForDelete,
	indexReferrersForPush,
	listReferrers,
	pingReferrers,
	type ReferrersContext,
	type ReferrersOptions,
	type ReferrersState,
} from "./referrers.js";
import { HeaderMap } from "./transport/headers.js";
import type { RangedBody, ResumeOptions } from "./transport/resume.js";
import type { HttpRequest, HttpResponse } from "./transport/types.js";
import type { UploadOptions } from "./upload.js";

export type { ReferrersState } from "./referrers.js";

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

export class Repository implements Target, ReferenceFetcher, ReferencePusher, Mounter, TagLister, Deleter, Stager {
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
	private readonly opts: RepositoryOptions;
	private readonly endpoint: RepositoryEndpoint;
	private readonly blobStore: BlobStore;
	private readonly manifestStore: ManifestStore;
	/** Whether the registry serves the referrers API; the first definite answer sticks. */
	private refState: ReferrersState;
	/** The referrers ping in flight (one at a time per repository). */
	private pinging: Promise<boolean> | undefined;
	/** Tag-schema index updates queued per referrers tag, so concurrent attaches merge. */
	private readonly indexUpdates = new Map<string, Promise<void>>();

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
		this.refState = opts.referrersState ?? "unknown";
		this.endpoint = new RepositoryEndpoint(this.client, this.registry, this.name, opts.scopeActions ?? []);
		this.blobStore = new BlobStore(this.endpoint, { resume: opts.resume, upload: opts.upload, logger: opts.logger, debug: opts.debug });
		this.manifestStore = new ManifestStore(this.endpoint, {
			mediaTypes: this.manifestMediaTypes,
			maxMetadataBytes: this.maxMetadataBytes,
			referrers: {
				apiSupported: () => this.refState === "supported",
				markSupported: () => this.recordReferrersState("supported"),
				afterPush: (desc, raw, o) => indexReferrersForPush(this.referrersContext(o), desc, raw),
				afterDelete: (desc, raw, o) => indexReferrersForDelete(this.referrersContext(o), desc, raw),
			},
		});
	}

	/** `registry/repository` */
	toString(): string {
		return `${this.registry}/${this.name}`;
	}

	get referrersState(): ReferrersState {
		return this.refState;
	}

	/** The blob half: `/v2/<name>/blobs/…` (any media type is stored as a blob). */
	blobs(): BlobStorage {
		return this.blobStore;
	}

	/** The manifest half: `/v2/<name>/manifests/…`. */
	manifests(): ManifestStorage {
		return this.manifestStore;
	}

	/** Another repository on the same registry sharing this one's connections and tokens. */
	sibling(name: string): Repository {
		return new Repository({ registry: this.registry, repository: name }, { ...this.opts, client: this.client });
	}

	/** True when `mediaType` goes to the manifest endpoints. */
	isManifest(mediaType: string): boolean {
		return this.manifestMediaTypes.includes(mediaType) || MANIFEST_MEDIA_TYPES.includes(mediaType);
	}

	/** The half of the repository that stores `desc`. */
	private storeFor(desc: Descriptor): BlobStore | ManifestStore {
		return this.isManifest(desc.mediaType) ? this.manifestStore : this.blobStore;
	}

	// ---- Target ---------------------------------------------------------------------------

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		return this.storeFor(desc).fetch(desc, opts);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		return this.storeFor(desc).exists(desc, opts);
	}

	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		await this.storeFor(desc).push(desc, body, opts);
	}

	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		return this.manifestStore.resolve(reference, opts);
	}

	async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		this.endpoint.parseRef(reference);
		if (!this.isManifest(desc.mediaType)) {
			throw new OrasError("UNSUPPORTED", `cannot tag ${desc.digest}: ${desc.mediaType} is not a manifest media type`);
		}
		await this.manifestStore.tag(desc, reference, opts);
	}

	// ---- Deleter ---------------------------------------------------------------------------

	async delete(desc: Descriptor, opts?: OpOptions): Promise<void> {
		await this.storeFor(desc).delete(desc, opts);
	}

	// ---- ReferenceFetcher / ReferencePusher -------------------------------------------------

	async fetchReference(reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }> {
		return this.manifestStore.fetchReference(reference, opts);
	}

	async pushReference(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		await this.manifestStore.pushReference(desc, body, reference, opts);
	}

	// ---- Referrers ---------------------------------------------------------------------------

	/** Referrers of a manifest: the referrers API, or the tag schema where the registry lacks it. */
	async referrers(desc: Descriptor, opts?: ReferrersOptions): Promise<Descriptor[]> {
		return listReferrers(this.referrersContext(opts), desc, opts);
	}

	/** Whether the registry serves the referrers API (pings once when unknown). */
	async pingReferrers(opts?: OpOptions): Promise<boolean> {
		return pingReferrers(this.referrersContext(opts));
	}

	/** Records whether the referrers API works; like oras-go, the first definite answer sticks. */
	private recordReferrersState(state: Exclude<ReferrersState, "unknown">): void {
		if (this.refState === "unknown") this.refState = state;
	}

	/** What the referrers code may use of this repository for one operation (its signal in `opts`). */
	private referrersContext(opts?: OpOptions): ReferrersContext {
		const o: OpOptions = { signal: opts?.signal };
		const ep = this.endpoint;
		return {
			repository: String(this),
			transport: this.client.transport,
			referrersRequest: (digest: Digest, artifactType?: string): HttpRequest => {
				const url = ep.url(`referrers/${digest}`);
				if (artifactType) url.searchParams.set("artifactType", artifactType);
				const signal = ep.signal(o);
				return {
					method: "GET",
					url,
					headers: new HeaderMap({ accept: MediaType.ImageIndex }),
					scopes: [repositoryScope(this.name, ACTION_PULL)],
					...(signal ? { signal } : {}),
				};
			},
			maxMetadataBytes: this.maxMetadataBytes,
			listLimits: this.listLimits,
			skipGC: this.opts.skipReferrersGC === true,
			state: () => this.refState,
			setState: (state) => this.recordReferrersState(state),
			pingOnce: async (ping) => {
				if (this.pinging) return this.pinging;
				const p = ping();
				this.pinging = p;
				try {
					return await p;
				} finally {
					if (this.pinging === p) this.pinging = undefined;
				}
			},
			serialize: async (tag, update) => {
				const prev = this.indexUpdates.get(tag) ?? Promise.resolve();
				const next = prev.catch(() => undefined).then(update);
				this.indexUpdates.set(tag, next);
				try {
					await next;
				} finally {
					if (this.indexUpdates.get(tag) === next) this.indexUpdates.delete(tag);
				}
			},
			fetchReference: (reference) => this.manifestStore.fetchReference(reference, o),
			pushIndex: (desc, bytes, tag) => this.manifestStore.pushWithoutIndexing(desc, bytes, tag, o),
			deleteManifest: (desc) => this.manifestStore.deleteWithoutIndexing(desc, o),
		};
	}

	// ---- blobs -------------------------------------------------------------------------------

	/** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
	async resolveBlob(digest: string, opts?: OpOptions): Promise<Descriptor> {
		return this.blobStore.resolve(digest, opts);
	}

	/** A blob's bytes from `offset` (see `BlobStore.fetchFrom`). */
	async fetchFrom(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody> {
		return this.blobStore.fetchFrom(desc, offset, opts);
	}

	/**
	 * Uploads content whose bytes `open` can produce again (see `BlobStore.pushFrom`); a
	 * manifest is read once and pushed.
	 */
	async pushFrom(desc: Descriptor, open: (offset: number) => Promise<RangedBody>, opts?: OpOptions): Promise<void> {
		if (this.isManifest(desc.mediaType)) {
			const { body } = await open(0);
			await this.push(desc, body, opts);
			return;
		}
		await this.blobStore.pushFrom(desc, open, opts);
	}

	/** Whether `stageBlob` is used by pushes (not with chunked uploads). */
	get stagingEnabled(): boolean {
		return this.blobStore.stagingEnabled;
	}

	/** Hashes bytes while uploading them, committed by the next push of their digest (see `BlobStore.stageBlob`). */
	async stageBlob(
		body: AsyncIterable<Uint8Array> | ((offset: number) => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>),
		size: number,
		opts?: OpOptions,
	): Promise<{ digest: Digest; size: number }> {
		return this.blobStore.stageBlob(body, size, opts);
	}

	/** `Location` of an upload: same host and port as the POST, never downgraded from https. */
	uploadLocation(post: Pick<HttpRequest, "url">, res: Pick<HttpResponse, "headers">): URL {
		return this.blobStore.uploadLocation(post, res);
	}

	// ---- Mounter ---------------------------------------------------------------------------

	async mount(desc: Descriptor, fromRepository: string, getContent?: () => Promise<Readable>, opts?: OpOptions): Promise<void> {
		await this.blobStore.mount(desc, fromRepository, getContent ?? (() => this.sibling(fromRepository).fetch(desc, opts)), opts);
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
			scopes: [repositoryScope(this.name, ACTION_PULL, ...(this.opts.scopeActions ?? []))],
			signal: this.endpoint.signal(opts),
			onNotFound: (cause) => new OrasError("NOT_FOUND", `${this}: repository not found`, { cause }),
			hint: (status) => this.endpoint.hintFor(status),
			what: `tags of ${this}`,
			...(this.listLimits ? { limits: this.listLimits } : {}),
		});
	}

	/** `scheme://host/v2/<repo>/<path>` */
	url(path: string): URL {
		return this.endpoint.url(path);
	}
}

/** Builds a repository from `registry/repository[:tag|@digest]` (the tag/digest is ignored). */
export function createRepository(reference: string | Reference, options: RepositoryOptions = {}): Repository {
	const ref = typeof reference === "string" ? parseReference(reference) : reference;
	return new Repository(ref, options);
}
