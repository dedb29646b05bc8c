/**
 * Resumable downloads. A blob body that breaks off (connection reset, a stalled socket,
 * a cut proxy) is continued with `Range: bytes=<received>-` instead of starting over; a
 * server that ignores ranges answers 200 and the bytes already delivered are skipped.
 * Consumers see one continuous stream, so a hash taken while reading (the store's
 * verifier) is carried across the resume and checked once at the end over all bytes.
 */
import { type ChunkSink, LEND_CHUNKS, lendChunks, type RangedBody } from "../../content/storage.js";
import { finished, Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { bufferedBody, peekBufferedBytes } from "../../content/verify.js";
import { OrasError } from "../../errors.js";
import { timeoutError } from "./body.js";
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

/** A body starting at `offset` of the blob (0 when the server ignored the range): the storage interfaces' type. */
export type { RangedBody };

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

export interface ResumableBodyOptions extends ResumeOptions {
	/** Offset of the first body's first byte in the blob. */
	readonly start: number;
	/** The blob's size: the stream ends there; fewer bytes fail with UNEXPECTED_EOF, more with TRAILING_DATA. */
	readonly size: number;
	/** Names the blob in errors. */
	readonly what: string;
	readonly signal?: AbortSignal | undefined;
}

/**
 * A stream of the blob bytes from `start` to `size`, reopening the source at the current
 * offset after each interruption (bounded by `maxResumes` and `maxElapsedMs`; 0 resumes
 * makes it a plain length-checked body). When a reopened body starts before the current
 * offset (the server ignored `Range`), the bytes already delivered are skipped.
 *
 * One stream object forwards the socket's chunks as they come (no generator or timer per
 * chunk): per-chunk overhead here is paid 16,000 times per GiB.
 */
export function resumableBody(first: RangedBody, open: RangeOpener, opts: ResumableBodyOptions): Readable {
	return new ResumableBody(first, open, opts);
}

/** Blob bodies up to this size are read whole before they are handed on (`smallResumableBody`). */
export const SMALL_BODY_BYTES = 64 * 1024;

/**
 * `resumableBody` for a body of at most `SMALL_BODY_BYTES` (a small layer, a config): the first
 * response is read whole right away and handed on as bytes in memory (a `bufferedBody`, which
 * `readAllVerified` takes without reading a stream), instead of being forwarded chunk by chunk.
 * Anything but the exact size arriving cleanly (an error, a stall past the idle timeout, a short
 * or a long body) goes to a `resumableBody` fed with what arrived and then with the same ending,
 * so the outcome (a resume with `Range`, TRAILING_DATA, UNEXPECTED_EOF, ABORTED) is the one the
 * streaming body gives.
 */
export async function smallResumableBody(first: RangedBody, open: RangeOpener, opts: ResumableBodyOptions): Promise<Readable> {
	const expected = opts.size - first.offset;
	// Read whole by the transport already (lite.ts): handed on as it is when it is all there.
	if (peekBufferedBytes(first.body)?.length === expected) return first.body;
	const got = await readWhole(first.body, expected, opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
	if (got.ended && got.error === undefined && got.bytes === expected) return bufferedBody(got.chunks.length === 1 ? (got.chunks[0] as Buffer) : Buffer.concat(got.chunks, got.bytes));
	const { chunks, error } = got;
	// What arrived, then the same ending: the error, or the end (a long body was stopped: more than the size arrived).
	async function* replay(): AsyncGenerator<Buffer> {
		yield* chunks;
		if (error !== undefined) throw error;
	}
	return new ResumableBody({ body: Readable.from(replay(), { objectMode: false }), offset: first.offset }, open, opts);
}

/**
 * Reads `src` until it ends, fails, goes quiet for `idleMs` (then it is destroyed with the idle
 * timeout error the resumable body uses) or delivers more than `expected` bytes (then it is
 * destroyed and the reading stops).
 */
function readWhole(src: Readable, expected: number, idleMs: number): Promise<{ chunks: Buffer[]; bytes: number; ended: boolean; error: unknown }> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let bytes = 0;
		let lastData = performance.now();
		let timer: NodeJS.Timeout | undefined;
		let settled = false;
		const settle = (ended: boolean, error: unknown) => {
			if (settled) return;
			settled = true;
			if (timer !== undefined) clearTimeout(timer);
			src.off("data", onData);
			stop();
			resolve({ chunks, bytes, ended, error });
		};
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			bytes += chunk.length;
			lastData = performance.now();
			if (bytes > expected) {
				settle(false, undefined);
				src.destroy();
			}
		};
		const stop = finished(src, { writable: false }, (err) => settle(err === undefined || err === null, err ?? undefined));
		if (idleMs > 0) {
			const check = () => {
				const quiet = performance.now() - lastData;
				if (quiet < idleMs) timer = setTimeout(check, idleMs - quiet).unref();
				else src.destroy(timeoutError(`no data received for ${idleMs} ms`));
			};
			timer = setTimeout(check, idleMs).unref();
		}
		src.on("data", onData);
		if (src.isPaused()) src.resume();
	});
}

class ResumableBody extends Readable {
	private readonly open: RangeOpener;
	private readonly opts: ResumableBodyOptions;
	private readonly retry: (err: unknown, offset: number) => Promise<void>;
	private readonly idleMs: number;
	private source: Readable | undefined;
	private stopWatching: (() => void) | undefined;
	/** Blob offset of the next byte to deliver. */
	private pos: number;
	/** Bytes of the current source to drop (it started before `pos`). */
	private skip = 0;
	/** The consumer asked us to wait (push returned false): not an idle socket. */
	private held = false;
	private lastData = 0;
	private idleTimer: NodeJS.Timeout | undefined;

	constructor(first: RangedBody, open: RangeOpener, opts: ResumableBodyOptions) {
		super({ highWaterMark: 64 * 1024 });
		this.open = open;
		this.opts = opts;
		this.retry = resumePolicy(opts);
		this.idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
		this.pos = opts.start;
		// The first source waits for the first read: a consumer may still borrow its chunks instead.
		this.attach(first, true);
	}

	override _read(): void {
		if (!this.held) return;
		this.held = false;
		this.lastData = performance.now();
		this.source?.resume();
	}

	override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
		this.stopIdleTimer();
		this.detach()?.destroy();
		callback(err);
	}

	private attach(r: RangedBody, waitForRead = false): void {
		if (r.offset > this.pos) {
			r.body.destroy();
			this.fail(new OrasError("REGISTRY_ERROR", `${this.opts.what}: the registry resumed at byte ${r.offset}, expected ${this.pos}`));
			return;
		}
		const src = r.body;
		this.source = src;
		this.skip = this.pos - r.offset;
		this.held = waitForRead;
		this.lastData = performance.now();
		this.startIdleTimer();
		const onData = (chunk: Buffer) => this.onData(src, chunk);
		// Paused before the listener is added, so adding it does not start the flow.
		if (waitForRead) src.pause();
		src.on("data", onData);
		const stop = finished(src, { writable: false }, (err) => {
			if (this.source !== src) return;
			if (err) this.interrupted(err);
			else if (this.pos >= this.opts.size) this.complete();
			else this.interrupted(new OrasError("UNEXPECTED_EOF", `${this.opts.what}: unexpected EOF: got ${this.pos} of ${this.opts.size} bytes`));
		});
		this.stopWatching = () => {
			src.off("data", onData);
			stop();
		};
		if (!waitForRead && src.isPaused()) src.resume();
	}

	/** Stops listening to the current source and returns it. */
	private detach(): Readable | undefined {
		const src = this.source;
		this.source = undefined;
		this.stopWatching?.();
		this.stopWatching = undefined;
		return src;
	}

	/** The part of a source's chunk not delivered before (undefined when all of it was). */
	private unseen<T extends Uint8Array>(data: T): T | undefined {
		if (this.skip === 0) return data;
		if (data.length <= this.skip) {
			this.skip -= data.length;
			return undefined;
		}
		const chunk = data.subarray(this.skip) as T;
		this.skip = 0;
		return chunk;
	}

	private trailingData(): OrasError {
		return new OrasError("TRAILING_DATA", `${this.opts.what}: trailing data: more than the expected ${this.opts.size - this.opts.start} bytes`);
	}

	private onData(src: Readable, data: Buffer): void {
		if (this.source !== src) return;
		const chunk = this.unseen(data);
		if (chunk === undefined) return;
		this.pos += chunk.length;
		this.lastData = performance.now();
		if (this.pos > this.opts.size) {
			this.fail(this.trailingData());
			return;
		}
		if (!this.push(chunk)) {
			this.held = true;
			src.pause();
		}
	}

	private complete(): void {
		this.stopIdleTimer();
		this.detach();
		this.push(null);
	}

	private fail(err: unknown): void {
		this.stopIdleTimer();
		this.destroy(err instanceof Error ? err : new Error(String(err)));
	}

	/** The source broke off: resume at `pos` if the policy allows, else fail with `err`. */
	private interrupted(err: unknown): void {
		this.stopIdleTimer();
		this.detach()?.destroy();
		if (this.destroyed) return;
		void this.retry(err, this.pos)
			.then(() => (this.destroyed ? undefined : this.open(this.pos)))
			.then(
				(r) => {
					if (r === undefined) return;
					if (this.destroyed) r.body.destroy();
					else this.attach(r);
				},
				(e: unknown) => {
					// A failed reopen counts as another interruption (the policy bounds the attempts).
					if (this.destroyed) return;
					if (e === err || !isResumableError(e)) this.fail(e);
					else this.interrupted(e);
				},
			);
	}

	/**
	 * Lends the bytes to a synchronous sink (the contract of `LEND_CHUNKS` in src/content/storage.ts):
	 * the same bytes, resumes and checks as the stream, lent by each source that lends (a bulk blob
	 * body) and read from the others. Offered once, before the body is read.
	 */
	[LEND_CHUNKS](sink: ChunkSink): Promise<void> | undefined {
		if (this.lending || this.readableDidRead || this.readableLength > 0 || this.readableFlowing !== null || this.destroyed) return undefined;
		const src = this.detach();
		if (src === undefined) return undefined;
		this.lending = true;
		this.stopIdleTimer();
		return this.lendFrom(src, sink);
	}

	private lending = false;

	private async lendFrom(first: Readable, sink: ChunkSink): Promise<void> {
		let src = first;
		this.source = src;
		let done = false;
		let sinkError: { err: unknown } | undefined;
		const onChunk = (data: Uint8Array) => {
			this.lastData = performance.now();
			const chunk = this.unseen(data);
			if (chunk === undefined) return;
			try {
				if (this.pos + chunk.length > this.opts.size) throw this.trailingData();
				sink(chunk);
			} catch (err) {
				sinkError = { err };
				throw err;
			}
			this.pos += chunk.length;
		};
		this.held = false;
		this.lastData = performance.now();
		this.startIdleTimer();
		try {
			// Bounded by the resume policy: every round but the first follows an allowed resume.
			for (;;) {
				let err: unknown;
				try {
					const lent = lendChunks(src, onChunk);
					if (lent !== undefined) await lent;
					else for await (const chunk of src) onChunk(chunk as Uint8Array);
				} catch (e) {
					err = e;
				}
				if (sinkError !== undefined) throw sinkError.err;
				if (err === undefined && this.pos >= this.opts.size) {
					done = true;
					return;
				}
				err ??= new OrasError("UNEXPECTED_EOF", `${this.opts.what}: unexpected EOF: got ${this.pos} of ${this.opts.size} bytes`);
				src.destroy();
				const r = await this.reopen(err);
				if (r.offset > this.pos) {
					r.body.destroy();
					throw new OrasError("REGISTRY_ERROR", `${this.opts.what}: the registry resumed at byte ${r.offset}, expected ${this.pos}`);
				}
				src = r.body;
				this.source = src;
				this.skip = this.pos - r.offset;
				this.lastData = performance.now();
				this.startIdleTimer();
			}
		} finally {
			this.stopIdleTimer();
			if (!done) src.destroy();
			if (!this.destroyed) this.destroy();
		}
	}

	/**
	 * Lending: the source broke off with `err`; reopens the blob at `pos` once the resume policy
	 * allows it. A failed reopen counts as another interruption, as for the stream. Throws when the
	 * policy says no, or when the body was closed (an abort) before or during a reopen.
	 */
	private async reopen(err: unknown): Promise<RangedBody> {
		// Bounded by the resume policy: every round spends one resume or throws.
		for (;;) {
			if (this.destroyed) throw err;
			await this.retry(err, this.pos);
			// Closed during the back-off: stop there (nothing is fetched for no one).
			if (this.destroyed) throw err;
			let r: RangedBody;
			try {
				r = await this.open(this.pos);
			} catch (e) {
				if (!isResumableError(e)) throw e;
				err = e;
				continue;
			}
			if (this.destroyed) {
				r.body.destroy();
				throw err;
			}
			return r;
		}
	}

	/** One timer per body, re-armed lazily: a chunk only records the time it arrived. */
	private startIdleTimer(): void {
		if (this.idleMs <= 0 || this.idleTimer !== undefined) return;
		const check = () => {
			const quiet = performance.now() - this.lastData;
			if (this.held || quiet < this.idleMs) {
				this.idleTimer = setTimeout(check, this.held ? this.idleMs : this.idleMs - quiet).unref();
				return;
			}
			this.idleTimer = undefined;
			this.source?.destroy(timeoutError(`no data received for ${this.idleMs} ms`));
		};
		// Unref'd: the socket keeps the process alive while a transfer is on.
		this.idleTimer = setTimeout(check, this.idleMs).unref();
	}

	private stopIdleTimer(): void {
		if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
	}
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
