/**
 * Resumable downloads. A blob body that breaks off (connection reset, a stalled socket,
 * a cut proxy) is continued with `Range: bytes=<received>-` instead of starting over; a
 * server that ignores ranges answers 200 and the bytes already delivered are skipped.
 * Consumers see one continuous stream, so a hash taken while reading (the store's
 * verifier) is carried across the resume and checked once at the end over all bytes.
 */
import { Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { OrasError } from "../../errors.js";
import { backoffDelay, isRetryableError, type RetryOptions } from "./retry.js";

export interface ResumeOptions {
	/** How many times one body may be resumed after an interruption (default 8; 0 disables). */
	readonly maxResumes?: number;
	/** A body that delivers nothing for this long counts as interrupted (default 60 s; 0 = never). */
	readonly idleTimeoutMs?: number;
	/** Total time allowed for resuming one body, waits included (default 30 min). */
	readonly maxElapsedMs?: number;
	/** Back-off between attempts (the retry policy's delays by default). */
	readonly backoff?: Pick<RetryOptions, "baseDelayMs" | "factor" | "jitter" | "minDelayMs" | "maxDelayMs">;
	/** Injectable for tests; must honour the signal. */
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Called before each resume (debug logs, tests). */
	readonly onResume?: (info: { offset: number; attempt: number; reason: string }) => void;
}

export const DEFAULT_MAX_RESUMES = 8;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_RESUME_ELAPSED_MS = 30 * 60_000;

/** A body starting at `offset` of the blob (0 when the server ignored the range). */
export interface RangedBody {
	readonly body: Readable;
	readonly offset: number;
}

/** Opens the blob at `offset` (sends `Range` when offset > 0). */
export type RangeOpener = (offset: number) => Promise<RangedBody>;

/** `Range` header value for the bytes from `offset` to the end. */
export function rangeFrom(offset: number): string {
	return `bytes=${offset}-`;
}

/**
 * Parses `Content-Range: bytes <first>-<last>/<total|*>`; undefined when malformed.
 */
export function parseContentRange(v: string | null): { first: number; last: number; total: number | undefined } | undefined {
	if (v === null) return undefined;
	const m = /^\s*bytes\s+([0-9]{1,15})-([0-9]{1,15})\/([0-9]{1,15}|\*)\s*$/i.exec(v);
	if (!m) return undefined;
	const first = Number(m[1]);
	const last = Number(m[2]);
	const total = m[3] === "*" ? undefined : Number(m[3]);
	if (last < first || (total !== undefined && last >= total)) return undefined;
	return { first, last, total };
}

/** True when an interrupted body may be resumed: network failures and our idle timeout, never aborts. */
export function isResumableError(err: unknown): boolean {
	if (OrasError.is(err) && (err.code === "ABORTED" || err.code === "TRAILING_DATA")) return false;
	if (isRetryableError(err)) return true;
	if (OrasError.is(err) && (err.code === "NETWORK_ERROR" || err.code === "UNEXPECTED_EOF")) return true;
	let cur: unknown = err;
	for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
		const code = (cur as { code?: unknown }).code;
		if (code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNREFUSED" || code === "ENETUNREACH" || code === "EHOSTUNREACH") return true;
		const status = (cur as { status?: unknown }).status;
		if (typeof status === "number" && (status === 408 || status === 429 || status >= 500)) return true;
		cur = (cur as { cause?: unknown }).cause;
	}
	return false;
}

function idleError(ms: number): Error {
	const e = new Error(`no data received for ${ms} ms`) as NodeJS.ErrnoException;
	e.code = "ETIMEDOUT";
	return e;
}

/**
 * Iterates a body, destroying it with an ETIMEDOUT error when no chunk arrives for
 * `idleMs` (a stalled connection would otherwise hang forever).
 */
export async function* withIdleTimeout(body: Readable, idleMs: number): AsyncGenerator<Buffer> {
	if (idleMs <= 0) {
		for await (const chunk of body) yield chunk as Buffer;
		return;
	}
	let timer: NodeJS.Timeout | undefined;
	const arm = () => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => body.destroy(idleError(idleMs)), idleMs);
	};
	try {
		arm();
		for await (const chunk of body) {
			// The consumer may pause us for long (back-pressure): only time the wait for the socket.
			if (timer) clearTimeout(timer);
			timer = undefined;
			yield chunk as Buffer;
			arm();
		}
	} finally {
		if (timer) clearTimeout(timer);
	}
}

/**
 * A stream of the blob bytes from `start` to `size`, reopening the source at the current
 * offset after each interruption (bounded by `maxResumes` and `maxElapsedMs`). When a
 * reopened body starts before the current offset (the server ignored `Range`), the
 * bytes already delivered are skipped. Bytes beyond `size` are passed on unchanged so
 * the caller's length check reports them.
 */
export function resumableBody(first: RangedBody, open: RangeOpener, opts: ResumeOptions & { start: number; size: number; what: string; signal?: AbortSignal | undefined }): Readable {
	const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	async function* gen(): AsyncGenerator<Buffer> {
		let pos = opts.start;
		let current: RangedBody | undefined = first;
		const retry = resumePolicy(opts);
		try {
			for (;;) {
				try {
					if (current === undefined) current = await open(pos);
					if (current.offset > pos) {
						throw new OrasError("REGISTRY_ERROR", `${opts.what}: the registry resumed at byte ${current.offset}, expected ${pos}`);
					}
					let skip = pos - current.offset;
					for await (let chunk of withIdleTimeout(current.body, idleMs)) {
						if (skip > 0) {
							if (chunk.length <= skip) {
								skip -= chunk.length;
								continue;
							}
							chunk = chunk.subarray(skip);
							skip = 0;
						}
						pos += chunk.length;
						yield chunk;
					}
					if (pos >= opts.size) return;
					throw new OrasError("UNEXPECTED_EOF", `${opts.what}: unexpected EOF: got ${pos} of ${opts.size} bytes`);
				} catch (err) {
					current?.body.destroy();
					current = undefined;
					await retry(err, pos);
				}
			}
		} finally {
			current?.body.destroy();
		}
	}
	return Readable.from(gen(), { objectMode: false, highWaterMark: 64 * 1024 });
}

/**
 * The resume policy of one body: called with each failure and the offset reached, it
 * throws when the body may not be resumed (aborted, not a network failure, out of attempts
 * or time) and otherwise waits the back-off before the next attempt.
 */
function resumePolicy(opts: ResumeOptions & { signal?: AbortSignal | undefined }): (err: unknown, offset: number) => Promise<void> {
	const maxResumes = opts.maxResumes ?? DEFAULT_MAX_RESUMES;
	const maxElapsed = opts.maxElapsedMs ?? DEFAULT_RESUME_ELAPSED_MS;
	const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : {}));
	const signal = opts.signal;
	const began = Date.now();
	let resumes = 0;
	return async (err, offset) => {
		if (signal?.aborted) throw new OrasError("ABORTED", "operation aborted", { cause: err });
		const elapsed = Date.now() - began;
		if (!isResumableError(err) || resumes >= maxResumes || elapsed >= maxElapsed) throw err;
		const ms = Math.min(backoffDelay(resumes, opts.backoff ?? {}), Math.max(0, maxElapsed - elapsed));
		resumes++;
		opts.onResume?.({ offset, attempt: resumes, reason: (err as Error)?.message ?? String(err) });
		try {
			await sleep(ms, signal);
		} catch (e) {
			throw new OrasError("ABORTED", "operation aborted", { cause: e });
		}
	};
}

/**
 * Reads a small body whole, exactly `size` bytes: the cheap path for small blobs, which
 * gain nothing from ranged resumption and lose most of their time to stream plumbing. An
 * interrupted read starts over from byte 0 under the same policy (attempts, time, back-off,
 * idle timeout) as `resumableBody`.
 */
export async function readWholeBody(first: RangedBody, open: RangeOpener, opts: ResumeOptions & { size: number; what: string; signal?: AbortSignal | undefined }): Promise<Buffer> {
	const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
	const retry = resumePolicy(opts);
	let current: RangedBody | undefined = first;
	for (;;) {
		try {
			if (current === undefined) current = await open(0);
			if (current.offset !== 0) {
				throw new OrasError("REGISTRY_ERROR", `${opts.what}: the registry answered from byte ${current.offset}, expected 0`);
			}
			const chunks: Buffer[] = [];
			let n = 0;
			for await (const chunk of withIdleTimeout(current.body, idleMs)) {
				n += chunk.length;
				if (n > opts.size) {
					throw new OrasError("TRAILING_DATA", `${opts.what}: trailing data: more than the expected ${opts.size} bytes`);
				}
				chunks.push(chunk);
			}
			if (n !== opts.size) throw new OrasError("UNEXPECTED_EOF", `${opts.what}: unexpected EOF: got ${n} of ${opts.size} bytes`);
			return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, n);
		} catch (err) {
			current?.body.destroy();
			current = undefined;
			await retry(err, 0);
		}
	}
}
