/**
 * Blob uploads beyond oras-go's single PUT: chunked (`PATCH`) uploads that honour
 * `OCI-Chunk-Min-Length`, resumed from the offset the registry reports (upload-status
 * `GET` → `Range: 0-<last>`), and sessions restarted from a reopened source when the
 * registry has lost or invalidated them. Each chunk is hashed as it is read, once, so
 * the final `PUT ?digest=` is sent only when the bytes uploaded match the descriptor.
 *
 * Only one chunk (at most the chunk size) is held in memory; a chunk already sent is
 * never needed again unless the session itself is lost, in which case the source is
 * reopened from the start (only when it can be).
 */
import { setTimeout as delay } from "node:timers/promises";
import { lentChunksOf, tapChunks } from "../content/internal/file-chunks.js";
import type { StageOpener } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, type Digest, Digester, parseDigest } from "../oci/digest.js";
import { MediaType } from "../oci/mediatypes.js";
import { isResumableError, type RangedBody } from "./transport/resume.js";
import { backoffDelay, isRetryableStatus, retryAfterMs } from "./transport/retry.js";
import { bytesBody, discardBody, type HttpRequest, type HttpResponse, type Transport } from "./transport/types.js";
import { HeaderMap, type HttpHeaders } from "./transport/headers.js";

export interface UploadOptions {
	/**
	 * Upload in `PATCH` chunks of this many bytes (raised to the registry's
	 * `OCI-Chunk-Min-Length`). Unset: one monolithic `PUT` (the default, fastest).
	 */
	readonly chunkSize?: number;
	/** Resumes of one chunk from the registry's reported offset (default 5). */
	readonly maxResumes?: number;
	/** New upload sessions after a session was lost, when the source can be reopened (default 2). */
	readonly maxRestarts?: number;
	/** Injectable for tests; must honour the signal. */
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Called when an upload continues at `offset` (`restart`: a new session from byte 0). */
	readonly onResume?: (info: { offset: number; restart: boolean; reason: string }) => void;
}

/** Smallest chunk accepted from options (registries refuse tiny chunks anyway). */
export const MIN_CHUNK_SIZE = 1;

/** What the upload needs from the repository (kept small so `repository.ts` stays the owner of URLs and auth). */
export interface UploadContext {
	readonly transport: Transport;
	/** `POST /v2/<repo>/blobs/uploads/` */
	readonly startURL: URL;
	/** Builds a request with the repository's scopes and signal. */
	request(method: string, url: URL, headers: HttpHeaders, body?: Pick<HttpRequest, "body" | "contentLength" | "replayable">): HttpRequest;
	/** The validated `Location` of an upload response (same host, no https downgrade). */
	location(post: HttpRequest, res: HttpResponse): URL;
	/** The error for an unexpected reply. */
	failure(req: HttpRequest, res: HttpResponse): Promise<Error>;
	/** True when the blob is already in the repository (a final PUT whose reply was lost). */
	exists(desc: Descriptor): Promise<boolean>;
	readonly signal?: AbortSignal | undefined;
}

/** The blob's bytes: opened at 0 (more than once only when `reopenable`). */
export interface UploadSource {
	open(offset: number): Promise<RangedBody | AsyncIterable<Uint8Array>>;
	readonly reopenable: boolean;
}

class SessionLost extends Error {
	override readonly name = "SessionLost";
}

/** Parses the `Range: 0-<last>` of an upload status / PATCH reply into the next offset. */
export function nextOffsetOf(range: string | null): number | undefined {
	if (range === null) return undefined;
	const m = /^\s*(?:bytes=)?0-([0-9]{1,15})\s*$/.exec(range);
	if (!m) return undefined;
	return Number(m[1]) + 1;
}

function retryDelay(attempt: number, res: HttpResponse | undefined): number {
	const after = res ? retryAfterMs(res, [429, 503]) : undefined;
	return after !== undefined ? Math.min(after, 10_000) : backoffDelay(attempt);
}

/** Reads an async iterable in fixed-size chunks into one reused buffer. */
class ChunkReader {
	private readonly it: AsyncIterator<Uint8Array>;
	private pending: Uint8Array | undefined;
	private done = false;
	private readonly buf: Buffer;
	constructor(body: AsyncIterable<Uint8Array>, size: number) {
		this.it = body[Symbol.asyncIterator]();
		this.buf = Buffer.allocUnsafe(size);
	}
	/** The next chunk (a view valid until the next call), or undefined at the end. */
	async next(): Promise<Buffer | undefined> {
		let n = 0;
		while (n < this.buf.length) {
			if (this.pending === undefined) {
				if (this.done) break;
				const r = await this.it.next();
				if (r.done) {
					this.done = true;
					break;
				}
				this.pending = r.value;
			}
			const take = Math.min(this.pending.byteLength, this.buf.length - n);
			this.buf.set(this.pending.subarray(0, take), n);
			n += take;
			this.pending = take < this.pending.byteLength ? this.pending.subarray(take) : undefined;
		}
		return n === 0 ? undefined : this.buf.subarray(0, n);
	}
	async close(): Promise<void> {
		await this.it.return?.();
	}
}

/** Sleeps `ms` (the injectable `opts.sleep`); an abort of `ctx.signal` meanwhile is ABORTED. */
function waiter(ctx: UploadContext, opts: UploadOptions): (ms: number) => Promise<void> {
	const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : {}));
	return async (ms) => {
		try {
			await sleep(ms, ctx.signal);
		} catch (err) {
			throw new OrasError("ABORTED", "operation aborted", { cause: err });
		}
	};
}

async function openAt0(source: UploadSource): Promise<AsyncIterable<Uint8Array>> {
	const r = await source.open(0);
	if ("body" in r && "offset" in r) {
		if (r.offset !== 0) {
			r.body.destroy();
			throw new OrasError("UNSUPPORTED", "upload source cannot be read from the start");
		}
		return r.body;
	}
	return r;
}

function destroyQuiet(body: AsyncIterable<Uint8Array> | undefined): void {
	const d = body as { destroy?: () => void } | undefined;
	if (typeof d?.destroy === "function") d.destroy();
}

/** Opens an upload session: `POST` to the start URL, 202 and its `Location`. */
async function startSession(ctx: UploadContext): Promise<{ post: HttpRequest; postRes: HttpResponse; location: URL }> {
	const post = ctx.request("POST", ctx.startURL, new HeaderMap());
	const postRes = await ctx.transport(post);
	if (postRes.status !== 202) throw await ctx.failure(post, postRes);
	discardBody(postRes);
	return { post, postRes, location: ctx.location(post, postRes) };
}

/**
 * Uploads a blob in `PATCH` chunks, then `PUT ?digest=`. A failed chunk is resumed from
 * the offset the registry reports; a lost session is restarted when the source can be
 * reopened. Bounded by `maxResumes` per chunk and `maxRestarts` sessions.
 */
export async function chunkedUpload(ctx: UploadContext, desc: Descriptor, source: UploadSource, opts: UploadOptions & { chunkSize: number }): Promise<void> {
	const digest = parseDigest(desc.digest);
	const maxResumes = opts.maxResumes ?? 5;
	const maxRestarts = source.reopenable ? (opts.maxRestarts ?? 2) : 0;
	const wait = waiter(ctx, opts);
	for (let restarts = 0; ; restarts++) {
		const { post, postRes, location } = await startSession(ctx);
		let loc = location;
		const minLen = Number(postRes.headers.get("oci-chunk-min-length") ?? "0");
		const chunkSize = Math.max(opts.chunkSize, Number.isSafeInteger(minLen) && minLen > 0 ? minLen : 0, MIN_CHUNK_SIZE);
		const body = await openAt0(source);
		// ChunkReader copies each chunk before it asks for the next: lent chunks will do.
		const reader = new ChunkReader(lentChunksOf(body) ?? body, Math.min(chunkSize, Math.max(desc.size, 1)));
		const digester = new Digester(algorithmOf(digest));
		let offset = 0;
		try {
			for (;;) {
				const chunk = await reader.next();
				if (chunk === undefined) break;
				if (offset + chunk.length > desc.size) {
					throw new OrasError("TRAILING_DATA", `${digest}: trailing data: more than the expected ${desc.size} bytes`);
				}
				digester.update(chunk);
				const from = offset;
				const to = offset + chunk.length;
				const r = await patchLoop(ctx, opts, wait, loc, from, to, {
					maxResumes,
					patch: async (at, l) => {
						const headers = new HeaderMap({ "content-type": MediaType.OctetStream, "content-range": `${at}-${to - 1}` });
						return { req: ctx.request("PATCH", l, headers, { ...bytesBody(chunk.subarray(at - from)), replayable: false }) };
					},
					accepted: (_req, res, at) => {
						const location = ctx.location(post, res);
						const next = nextOffsetOf(res.headers.get("range")) ?? to;
						if (next < at || next > to) throw new SessionLost(`registry reports offset ${next} after sending ${at}-${to - 1}`);
						return { next, location };
					},
				});
				loc = r.location;
				if (r.failed !== undefined) {
					if (r.failed.exhausted) throw r.failed.failure;
					throw new SessionLost(
						r.failed.reported === undefined
							? `upload session lost after: ${reasonOf(r.failed.failure)}`
							: `registry reports offset ${r.failed.reported}, outside the chunk ${from}-${to - 1}`,
					);
				}
				offset += chunk.length;
			}
			if (offset !== desc.size) throw new OrasError("UNEXPECTED_EOF", `${digest}: unexpected EOF: got ${offset} of ${desc.size} bytes`);
			const got = digester.digest();
			if (got !== digest) {
				await cancelUpload(ctx, loc);
				throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${digest}, got ${got}`);
			}
			await finishUpload(ctx, desc, loc);
			return;
		} catch (err) {
			if (!(err instanceof SessionLost)) throw err;
			if (restarts >= maxRestarts) {
				throw new OrasError("REGISTRY_ERROR", `${digest}: upload failed: ${err.message}`, { cause: err });
			}
			opts.onResume?.({ offset: 0, restart: true, reason: err.message });
			await wait(backoffDelay(restarts));
		} finally {
			await reader.close().catch(() => undefined);
			destroyQuiet(body);
		}
	}
}

/** A query parameter named `digest`, or one whose name holds `%` or `+` (it may decode to anything). */
const MAY_NAME_DIGEST = /(?:^|&)(?:digest(?:[=&]|$)|[^&=]*[%+])/;

/**
 * Sets `digest` in an upload location's query, as `url.searchParams.set("digest", digest)`
 * does. When the query has no parameter that could be named `digest` (the usual case: a
 * session id or state), the parameter is appended and the registry's own query is kept byte
 * for byte, without parsing and re-encoding it (that cost ~35 µs of interpreted code per blob).
 */
export function setDigestParam(url: URL, digest: string): void {
	const query = url.search.slice(1);
	// A name that is or may decode to `digest`: replaced the long way, as URLSearchParams does.
	if (MAY_NAME_DIGEST.test(query)) {
		url.searchParams.set("digest", digest);
		return;
	}
	// The leading "?" is the one the setter strips (a query may itself start with "?").
	url.search = `?${query === "" ? "" : `${query}&`}digest=${encodeURIComponent(digest)}`;
}

/**
 * One `PUT <Location>?digest=` with the whole body (the default). When the transfer fails
 * on the network or with a retryable status and the source can be reopened, the upload
 * starts over in a new session (at most `maxRestarts` times).
 */
export async function monolithicUpload(ctx: UploadContext, desc: Descriptor, source: UploadSource, opts: UploadOptions = {}): Promise<void> {
	const digest = parseDigest(desc.digest);
	const maxRestarts = source.reopenable ? (opts.maxRestarts ?? 2) : 0;
	const wait = waiter(ctx, opts);
	for (let restarts = 0; ; restarts++) {
		const url = (await startSession(ctx)).location;
		setDigestParam(url, digest);
		const body = await openAt0(source);
		let res: HttpResponse | undefined;
		let failure: unknown;
		try {
			const req = ctx.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), {
				// A file stream's bytes go out through two reused buffers when it can lend them (each chunk is sent before the next is asked for).
				body: () => lentChunksOf(body) ?? body,
				contentLength: desc.size,
				replayable: false,
			});
			res = await ctx.transport(req);
			if (res.status === 201) {
				discardBody(res);
				return;
			}
			if (!isRetryableStatus(res.status) || restarts >= maxRestarts) throw await ctx.failure(req, res);
			discardBody(res);
			failure = new OrasError("REGISTRY_ERROR", `PUT: status ${res.status}`);
		} catch (err) {
			if (res !== undefined && failure === undefined) throw err;
			if (!isResumableError(err) || restarts >= maxRestarts) throw err;
			failure = err;
		} finally {
			destroyQuiet(body);
		}
		opts.onResume?.({ offset: 0, restart: true, reason: (failure as Error)?.message ?? String(failure) });
		await wait(retryDelay(restarts, res));
	}
}

/** The bytes of a blob being staged, from `offset` on; called again after a failure when the source is reopenable. */
export type { StageOpener } from "../content/storage.js";

/**
 * Streams `size` bytes into a new upload session (`POST`, then one `PATCH`) while hashing them,
 * and returns their digest and the session's location; the caller commits it later with an empty
 * `PUT ?digest=` (see `Repository.stageBlob`). This way a file is read once instead of once to
 * digest it and again to upload it.
 *
 * When the `PATCH` fails on the network or with a retryable status and `reopenable` is set, the
 * upload-status `GET` gives the registry's offset: the bytes before it are read again and hashed
 * (nothing is sent twice) and a `PATCH` with `Content-Range: <offset>-<size-1>` sends the rest, at
 * most `maxResumes` times per session. A session the registry lost or invalidated (distribution
 * drops a session cut mid-body) is deleted and a new one starts from byte 0, at most `maxRestarts`
 * times. A source that cannot be reopened fails at the first error, as before.
 */
export async function stagedUpload(
	ctx: UploadContext,
	size: number,
	open: StageOpener,
	reopenable: boolean,
	opts: UploadOptions = {},
): Promise<{ digest: Digest; location: URL }> {
	const maxResumes = reopenable ? (opts.maxResumes ?? 5) : 0;
	const maxRestarts = reopenable ? (opts.maxRestarts ?? 2) : 0;
	const wait = waiter(ctx, opts);
	for (let restarts = 0; ; restarts++) {
		let digester = new Digester("sha256");
		/** Bytes hashed so far (the digest covers them): the registry may accept only once it is `size`. */
		let hashedTo = 0;
		const r = await patchLoop(ctx, opts, wait, (await startSession(ctx)).location, 0, size, {
			maxResumes,
			patch: async (at, loc) => {
				const body = await open(at);
				const d = digester; // this attempt's: a resume replaces it
				hashedTo = at;
				// Each chunk is hashed before it is sent, and not kept: it may be lent (see `HttpRequest.body`).
				const hashed = () => {
					let n = at;
					return tapChunks(body, (chunk) => {
						n += chunk.byteLength;
						if (n > size) throw new OrasError("TRAILING_DATA", `trailing data: more than the expected ${size} bytes`);
						d.update(chunk);
						hashedTo = n;
					});
				};
				const headers = new HeaderMap({ "content-type": MediaType.OctetStream });
				if (at > 0) headers.set("content-range", `${at}-${size - 1}`);
				return { req: ctx.request("PATCH", loc, headers, { body: hashed, contentLength: size - at, replayable: false }), release: () => destroyQuiet(body) };
			},
			accepted: (req, res) => {
				// A registry that answers before the body was sent (the transport then stops sending it)
				// would leave a digest of the bytes sent so far for a blob said to be `size` bytes long.
				if (hashedTo !== size) throw new OrasError("REGISTRY_ERROR", `PATCH "${req.url.href}": the registry accepted the upload after ${hashedTo} of ${size} bytes were sent`);
				return { next: size, location: ctx.location(req, res) };
			},
			// The registry has the bytes before `at`: hash them again (nothing is sent twice).
			resumed: async (at) => {
				digester = new Digester("sha256");
				if (at > 0) await hashPrefix(open, at, digester);
			},
		});
		if (r.failed === undefined) return { digest: digester.digest(), location: r.location };
		const reason = reasonOf(r.failed.failure);
		if (restarts >= maxRestarts) {
			const code = r.failed.res === undefined ? "NETWORK_ERROR" : "REGISTRY_ERROR";
			const tries = restarts > 0 ? ` (after ${restarts} new upload session${restarts === 1 ? "" : "s"})` : "";
			throw new OrasError(code, `upload of ${size} bytes failed${tries}: ${reason}`, { cause: r.failed.failure });
		}
		await cancelUpload(ctx, r.location);
		opts.onResume?.({ offset: 0, restart: true, reason });
		await wait(backoffDelay(restarts));
	}
}

/** One PATCH of a `patchLoop`: the request sending the bytes from an offset on, and what to release after it. */
interface PatchAttempt {
	readonly req: HttpRequest;
	release?(): void;
}

/** What the chunked and the staged upload give `patchLoop`. */
interface PatchSteps {
	/** Resumes after failed PATCHes (each asks the registry for its offset first). */
	readonly maxResumes: number;
	/** The PATCH of the bytes from blob offset `at` into the session at `loc`. */
	patch(at: number, loc: URL): Promise<PatchAttempt>;
	/** After a 202: the offset the registry now has and the session's location (throws when the reply cannot be right). */
	accepted(req: HttpRequest, res: HttpResponse, at: number): { next: number; location: URL };
	/** After the registry reported offset `at` on a resume, before the next PATCH. */
	resumed?(at: number): Promise<void>;
}

/** Where a `patchLoop` stopped: the session's last location, and why when the bytes did not all go. */
interface PatchResult {
	readonly location: URL;
	readonly failed?: {
		readonly failure: unknown;
		/** The failed PATCH's reply (undefined: the network failed). */
		readonly res: HttpResponse | undefined;
		/** `maxResumes` spent (else the session is gone, or at `reported`, outside the bytes). */
		readonly exhausted: boolean;
		readonly reported?: number | undefined;
	};
}

/**
 * The one PATCH / status / resume loop of uploads: sends the bytes `from`…`to` of the blob into
 * the session at `loc`, PATCH after PATCH until the registry has them all. A PATCH that fails on
 * the network or with a retryable status (or 416) is followed, after a back-off, by the
 * upload-status `GET`, and the bytes from the offset the registry reports (between `from` and
 * `to`) are sent again, at most `maxResumes` times. Other failures are thrown; a registry that
 * lost the session, or reports an offset outside the bytes, ends the loop with `failed`.
 */
async function patchLoop(ctx: UploadContext, opts: UploadOptions, wait: (ms: number) => Promise<void>, loc: URL, from: number, to: number, steps: PatchSteps): Promise<PatchResult> {
	let at = from;
	let resumes = 0;
	while (at < to) {
		const attempt = await steps.patch(at, loc);
		let res: HttpResponse | undefined;
		let failure: unknown;
		try {
			res = await ctx.transport(attempt.req);
			if (res.status === 202) {
				discardBody(res);
				({ next: at, location: loc } = steps.accepted(attempt.req, res, at));
				continue;
			}
			if (!isRetryableStatus(res.status) && res.status !== 416) throw await ctx.failure(attempt.req, res);
			discardBody(res);
			failure = new OrasError("REGISTRY_ERROR", `PATCH: status ${res.status}`);
		} catch (err) {
			// Not replayable: PATCH is not idempotent, so only the registry's offset says what to send again.
			if (res !== undefined && failure === undefined) throw err;
			if (!isResumableError(err)) throw err;
			failure = err;
		} finally {
			attempt.release?.();
		}
		if (resumes >= steps.maxResumes) return { location: loc, failed: { failure, res, exhausted: true } };
		await wait(retryDelay(resumes, res));
		resumes++;
		const status = await uploadStatus(ctx, loc);
		if (status === undefined || status.next < from || status.next > to) {
			return { location: loc, failed: { failure, res, exhausted: false, reported: status?.next } };
		}
		loc = status.location;
		at = status.next;
		opts.onResume?.({ offset: at, restart: false, reason: reasonOf(failure) });
		await steps.resumed?.(at);
	}
	return { location: loc };
}

function reasonOf(failure: unknown): string {
	return failure instanceof Error ? failure.message : String(failure);
}

/** Feeds the first `n` bytes of the source to `digester` (after a resume: the bytes the registry already has). */
async function hashPrefix(open: StageOpener, n: number, digester: Digester): Promise<void> {
	const body = await open(0);
	let left = n;
	try {
		for await (const chunk of body) {
			const take = Math.min(chunk.byteLength, left);
			digester.update(chunk.subarray(0, take));
			left -= take;
			if (left === 0) break;
		}
	} finally {
		destroyQuiet(body);
	}
	if (left > 0) throw new OrasError("UNEXPECTED_EOF", `unexpected EOF: the source ended ${left} bytes before the registry's offset ${n}`);
}

/** Upload status: `GET <Location>` → 204 + `Range: 0-<last>`; undefined when the session is gone. */
async function uploadStatus(ctx: UploadContext, loc: URL): Promise<{ next: number; location: URL } | undefined> {
	const req = ctx.request("GET", loc, new HeaderMap());
	let res: HttpResponse;
	try {
		res = await ctx.transport(req);
	} catch (err) {
		if (isResumableError(err)) return undefined;
		throw err;
	}
	discardBody(res);
	if (res.status !== 204 && res.status !== 200) return undefined;
	const range = res.headers.get("range");
	// Distribution reports `0-0` for an empty session as well as for one byte; an absent header means nothing yet.
	const next = range === null ? 0 : nextOffsetOf(range);
	if (next === undefined) return undefined;
	let location = loc;
	if (res.headers.has("location")) location = ctx.location(req, res);
	return { next: range === "0-0" ? 0 : next, location };
}

async function finishUpload(ctx: UploadContext, desc: Descriptor, loc: URL): Promise<void> {
	const url = new URL(loc.href);
	setDigestParam(url, desc.digest);
	const req = ctx.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), bytesBody(new Uint8Array(0)));
	const res = await ctx.transport(req);
	if (res.status === 201) {
		discardBody(res);
		return;
	}
	// A retried PUT whose first reply was lost finds the session closed: the blob may be there already.
	if (res.status === 404 && (await ctx.exists(desc))) {
		discardBody(res);
		return;
	}
	throw await ctx.failure(req, res);
}

async function cancelUpload(ctx: UploadContext, loc: URL): Promise<void> {
	try {
		const res = await ctx.transport(ctx.request("DELETE", loc, new HeaderMap()));
		discardBody(res);
	} catch {
		// best effort: the registry expires abandoned sessions
	}
}
