/**
 * The blob half of a remote repository (oras-go's `blobStore`): `/v2/<name>/blobs/…`.
 * Reads are length-checked and resumed with `Range` requests; uploads are one monolithic
 * PUT, resumable PATCH chunks, or a session staged while the bytes were hashed (`stageBlob`).
 * Digests are verified by the callers that store blobs (`verifier(desc)`).
 */
import { Readable } from "node:stream";
import type { RangeFetcher, Stager } from "../content/storage.js";
import type { Deleter, OpOptions, Storage } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, type Digest, parseDigest } from "../oci/digest.js";
import { MediaType } from "../oci/mediatypes.js";
import { isValidRepository } from "../oci/reference.js";
import { ACTION_PULL, ACTION_PUSH, repositoryScope } from "./auth/scope.js";
import { contentLengthOf, type RepositoryEndpoint } from "./endpoint.js";
import { responseError } from "./errors.js";
import { HeaderMap } from "./transport/headers.js";
import {
	parseContentRange,
	rangeFrom,
	type RangedBody,
	type RangeOpener,
	resumableBody,
	type ResumableBodyOptions,
	type ResumeOptions,
	SMALL_BODY_BYTES,
	smallResumableBody,
} from "./transport/resume.js";
import { bytesBody, discardBody, type HttpRequest, type HttpResponse, type Logger } from "./transport/types.js";
import { chunkedUpload, monolithicUpload, setDigestParam, stagedUpload, type UploadContext, type UploadOptions, type UploadSource } from "./upload.js";

export interface BlobStoreOptions {
	/** Resuming interrupted downloads (`false` disables). */
	readonly resume?: ResumeOptions | false | undefined;
	/** Upload mode and retry policy. */
	readonly upload?: UploadOptions | undefined;
	readonly logger?: Logger | undefined;
	readonly debug?: boolean | undefined;
}

/**
 * What `Repository.blobs()` gives: the storage interface over the blob endpoints (any media
 * type is stored as a blob there), plus blob resolve by digest, ranged reads, resumable and
 * staged uploads, and cross-repository mounts.
 */
export interface BlobStorage extends Storage, Deleter, Stager, RangeFetcher {
	/** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
	resolve(digest: string, opts?: OpOptions): Promise<Descriptor>;
	/** Uploads a blob whose bytes `open` can produce again (resumed or restarted on failure). */
	pushFrom(desc: Descriptor, open: (offset: number) => Promise<RangedBody>, opts?: OpOptions): Promise<void>;
	/** Mounts from another repository of the registry; uploads `getContent()` when the registry declines. */
	mount(desc: Descriptor, fromRepository: string, getContent: () => Promise<Readable>, opts?: OpOptions): Promise<void>;
}

/** The blob half of a repository (internal: reached through `Repository.blobs()`). */
export class BlobStore implements BlobStorage {
	private readonly ep: RepositoryEndpoint;
	private readonly opts: BlobStoreOptions;
	/** Upload sessions already holding a blob's bytes (see `stageBlob`), by digest. */
	private readonly staged = new Map<string, URL>();

	constructor(endpoint: RepositoryEndpoint, opts: BlobStoreOptions = {}) {
		this.ep = endpoint;
		this.opts = opts;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		return (await this.fetchFrom(desc, 0, opts)).body;
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		const digest = parseDigest(desc.digest);
		const req = this.ep.request("HEAD", this.ep.url(`blobs/${digest}`), new HeaderMap(), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		discardBody(res);
		if (res.status === 200) {
			// A session staged with these bytes will not be committed now (a copy skips what exists):
			// delete it rather than leave its bytes on the registry until it expires. Not awaited: the
			// registry takes a while to delete a large file, and nothing here depends on it.
			void this.dropStaged(digest, opts);
			return true;
		}
		if (res.status === 404) return false;
		throw await this.ep.failure(req, res);
	}

	/** Deletes the upload session `stageBlob` filled with `digest`'s bytes, if any (best effort, never fails). */
	private async dropStaged(digest: Digest, opts?: OpOptions): Promise<void> {
		const url = this.staged.get(digest);
		if (url === undefined) return;
		this.staged.delete(digest);
		try {
			discardBody(await this.ep.client.transport(this.ep.request("DELETE", url, new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts)));
		} catch {
			// the registry expires abandoned sessions
		}
	}

	/** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
	async resolve(digest: string, opts?: OpOptions): Promise<Descriptor> {
		const d = parseDigest(digest);
		const req = this.ep.request("HEAD", this.ep.url(`blobs/${d}`), new HeaderMap(), [ACTION_PULL], opts);
		const res = await this.ep.client.transport(req);
		discardBody(res);
		if (res.status === 404) throw this.ep.notFound(d, await responseError(req, res));
		if (res.status !== 200) throw await this.ep.failure(req, res);
		const size = contentLengthOf(res);
		if (size === undefined) throw new OrasError("REGISTRY_ERROR", `HEAD "${req.url.href}": missing Content-Length in the response`);
		return { mediaType: MediaType.OctetStream, digest: d, size };
	}

	async delete(desc: Descriptor, opts?: OpOptions): Promise<void> {
		await this.ep.deleteContent("blobs", parseDigest(desc.digest), opts);
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
		const bodyOpts: ResumableBodyOptions = {
			...r,
			start: first.offset,
			size: desc.size,
			what: digest,
			signal: this.ep.signal(opts),
			onResume: (info) => {
				r.onResume?.(info);
				if (this.opts.debug) this.opts.logger?.debug(`resuming ${digest} at byte ${info.offset} (attempt ${info.attempt}): ${info.reason}`);
			},
		};
		// A small blob is read whole at once (one buffer, no stream per chunk); the rest streams.
		const body = desc.size - first.offset <= SMALL_BODY_BYTES ? await smallResumableBody(first, open, bodyOpts) : resumableBody(first, open, bodyOpts);
		return { body, offset: first.offset };
	}

	/** One blob GET from `offset` (`Range: bytes=<offset>-` when > 0), headers checked. */
	private async openBlob(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody> {
		const digest = parseDigest(desc.digest);
		const headers = new HeaderMap();
		if (offset > 0) headers.set("range", rangeFrom(offset));
		const req = { ...this.ep.request("GET", this.ep.url(`blobs/${digest}`), headers, [ACTION_PULL], opts), expectedBodyBytes: desc.size - offset };
		const res = await this.ep.client.transport(req);
		if (res.status === 404) throw this.ep.notFound(digest, await responseError(req, res));
		let start = 0;
		if (res.status === 206 && offset > 0) {
			const cr = parseContentRange(res.headers.get("content-range"));
			if (cr === undefined || cr.first !== offset || cr.last !== desc.size - 1 || (cr.total !== undefined && cr.total !== desc.size)) {
				res.body.destroy();
				throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": unexpected Content-Range ${JSON.stringify(res.headers.get("content-range"))} for bytes ${offset}-${desc.size - 1}`);
			}
			start = offset;
		} else if (res.status !== 200) {
			throw await this.ep.failure(req, res);
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
	 * Uploads `body` (one PUT, or PATCH chunks). Each chunk is sent, or copied into the chunk buffer,
	 * before the next is asked for, so `body` may lend its chunks (see `HttpRequest.body`).
	 */
	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		parseDigest(desc.digest);
		if (await this.commitStaged(desc, opts)) {
			if (body instanceof Readable) body.destroy();
			return;
		}
		await this.uploadBlob(desc, { open: async () => body, reopenable: false }, opts);
	}

	/**
	 * Uploads a blob whose bytes `open` can produce again: a failed transfer is resumed
	 * (chunked uploads, from the registry's offset) or restarted in a new session.
	 */
	async pushFrom(desc: Descriptor, open: (offset: number) => Promise<RangedBody>, opts?: OpOptions): Promise<void> {
		if (await this.commitStaged(desc, opts)) return;
		await this.uploadBlob(desc, { open, reopenable: true }, opts);
	}

	/** False when uploads go in PATCH chunks (`upload.chunkSize`): then nothing is staged (see `Stager`). */
	get stagingEnabled(): boolean {
		return !(this.opts.upload?.chunkSize !== undefined && this.opts.upload.chunkSize > 0);
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
		setDigestParam(url, desc.digest);
		const req = this.ep.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(new Uint8Array(0)));
		const res = await this.ep.client.transport(req);
		if (res.status !== 201) throw await this.ep.failure(req, res);
		discardBody(res);
		return true;
	}

	/** Mounts a blob from another repository of the registry; a plain upload of `getContent()` when the registry declines. */
	async mount(desc: Descriptor, fromRepository: string, getContent: () => Promise<Readable>, opts?: OpOptions): Promise<void> {
		const digest = parseDigest(desc.digest);
		if (!isValidRepository(fromRepository)) {
			throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid repository ${JSON.stringify(fromRepository)}`);
		}
		const url = this.ep.url("blobs/uploads/");
		url.search = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
		const req = this.ep.request("POST", url, new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts, [repositoryScope(fromRepository, ACTION_PULL)]);
		const res = await this.ep.client.transport(req);
		if (res.status === 201) {
			discardBody(res);
			return;
		}
		if (res.status !== 202) throw await this.ep.failure(req, res);
		discardBody(res);
		// The registry started a plain upload instead: finish it with the content.
		await this.completeUpload(req, res, desc, await getContent(), opts);
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
			transport: this.ep.client.transport,
			startURL: this.ep.url("blobs/uploads/"),
			request: (method, url, headers, body) => this.ep.request(method, url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], body),
			location: (post, res) => this.uploadLocation(post, res),
			failure: (req, res) => this.ep.failure(req, res),
			exists: (d) => this.exists(d, opts),
			signal: this.ep.signal(opts),
		};
	}

	private async uploadBlob(desc: Descriptor, source: UploadSource, opts?: OpOptions): Promise<void> {
		const u = this.opts.upload ?? {};
		const o = this.uploadOptions(desc.digest);
		const ctx = this.uploadContext(opts);
		if (u.chunkSize !== undefined && u.chunkSize > 0) await chunkedUpload(ctx, desc, source, { ...o, chunkSize: u.chunkSize });
		else await monolithicUpload(ctx, desc, source, o);
	}

	/** The single `PUT <Location>?digest=<d>` that finishes an upload session with the whole body. */
	private async completeUpload(post: HttpRequest, postRes: HttpResponse, desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		const url = this.uploadLocation(post, postRes);
		setDigestParam(url, desc.digest);
		const headers = new HeaderMap({ "content-type": MediaType.OctetStream });
		const req = this.ep.request("PUT", url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], {
			body: () => body,
			contentLength: desc.size,
			replayable: false,
		});
		const res = await this.ep.client.transport(req);
		if (res.status !== 201) throw await this.ep.failure(req, res);
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
}
