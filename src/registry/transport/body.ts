/**
 * Reading the small bodies of registry replies (manifests, tag/catalog/referrers pages, token
 * replies, error bodies) into memory, bounded in size and in time: a registry that trickles a
 * manifest at one byte a second, or stops sending half-way, fails within the metadata timeouts
 * instead of holding the client forever. Blob bodies are streamed and bounded by resume.ts.
 */
import type { Readable } from "node:stream";
import { peekBufferedBytes, readAllLimited } from "../../content/verify.js";
import { OrasError } from "../../errors.js";

/** How long a small body may go without a byte (default). */
export const DEFAULT_METADATA_IDLE_TIMEOUT_MS = 30_000;
/** How long a whole small body may take from its first byte to its last (default). */
export const DEFAULT_METADATA_TIMEOUT_MS = 60_000;

export interface BodyTimeouts {
	/** No data for this long fails the read (0 = never). */
	readonly idleMs: number;
	/** The whole body must arrive within this long (0 = never). */
	readonly totalMs: number;
}

export const DEFAULT_BODY_TIMEOUTS: BodyTimeouts = Object.freeze({ idleMs: DEFAULT_METADATA_IDLE_TIMEOUT_MS, totalMs: DEFAULT_METADATA_TIMEOUT_MS });

/**
 * The timeouts of each response body, set by the transport that produced it (its options),
 * so every layer that reads a small body (auth, errors, lists, manifests) applies the same
 * configured values without passing them around. Bodies from elsewhere get the defaults.
 */
const bodyTimeouts = new WeakMap<Readable, BodyTimeouts>();

export function setBodyTimeouts(body: Readable, t: BodyTimeouts): void {
	bodyTimeouts.set(body, t);
}

export function bodyTimeoutsOf(body: Readable): BodyTimeouts {
	return bodyTimeouts.get(body) ?? DEFAULT_BODY_TIMEOUTS;
}

/**
 * The error our own connections (bulk.ts, lite.ts) fail with when their request's signal aborts:
 * an `AbortError`, which `networkError` maps to ABORTED as it maps node:http's.
 */
export function abortError(): Error {
	const e = new Error("The operation was aborted");
	e.name = "AbortError";
	return e;
}

/**
 * The transport's one timeout error: an `ETIMEDOUT` error (retried and resumed as a network
 * failure) saying what did not arrive in time; with `what`, wrapped as NETWORK_ERROR `<what>: <message>`.
 */
export function timeoutError(message: string): NodeJS.ErrnoException;
export function timeoutError(message: string, what: string): OrasError;
export function timeoutError(message: string, what?: string): Error {
	const e = new Error(message) as NodeJS.ErrnoException;
	e.code = "ETIMEDOUT";
	return what === undefined ? e : new OrasError("NETWORK_ERROR", `${what}: ${message}`, { cause: e });
}

/** The chunks of a body read under its timeouts; `stop()` disarms them and leaves the rest of the body to the caller. */
export interface TimedChunks extends AsyncIterableIterator<Uint8Array> {
	return(): Promise<IteratorResult<Uint8Array>>;
	stop(): void;
}

/**
 * Reads `body` through its async iterator under the idle and total timeouts `t`: when no chunk
 * has arrived for `idleMs`, or the read has taken `totalMs`, the body is destroyed with
 * `error(<which timeout>)` and the pending read throws it. One idle timer, re-armed lazily (a
 * chunk only records when it arrived). The timers stop at the end, on a failure, on `return()`
 * (which also closes the body, as breaking out of a `for await` does) and on `stop()`.
 */
export function timedChunks(body: Readable, t: BodyTimeouts, error: (message: string) => Error): TimedChunks {
	const it = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
	let last = performance.now();
	let idleTimer: NodeJS.Timeout | undefined;
	let totalTimer: NodeJS.Timeout | undefined;
	const stop = () => {
		clearTimeout(idleTimer);
		clearTimeout(totalTimer);
		idleTimer = totalTimer = undefined;
	};
	const expire = (message: string) => {
		stop();
		body.destroy(error(message));
	};
	if (t.idleMs > 0) {
		const check = () => {
			const quiet = performance.now() - last;
			if (quiet < t.idleMs) idleTimer = setTimeout(check, t.idleMs - quiet);
			else expire(`no data received for ${t.idleMs} ms (metadata idle timeout)`);
		};
		idleTimer = setTimeout(check, t.idleMs);
	}
	if (t.totalMs > 0) totalTimer = setTimeout(() => expire(`not received within ${t.totalMs} ms (metadata timeout)`), t.totalMs);
	const chunks: TimedChunks = {
		async next() {
			try {
				const r = await it.next();
				last = performance.now();
				if (r.done === true) stop();
				return r;
			} catch (err) {
				stop();
				throw err;
			}
		},
		async return() {
			stop();
			return (await it.return?.()) ?? { done: true, value: undefined };
		},
		stop,
		[Symbol.asyncIterator]() {
			return chunks;
		},
	};
	return chunks;
}

/**
 * Reads a whole small body: at most `limit` bytes (SIZE_EXCEEDS_LIMIT beyond), within the
 * body's idle and total timeouts (NETWORK_ERROR naming the timeout). The body is destroyed
 * on any failure, so its connection is not reused.
 */
export function readSmallBody(body: Readable, limit: number, what: string): Promise<Buffer> {
	// A reply the transport already read whole (lite.ts): no timeouts left to apply.
	if (peekBufferedBytes(body) !== undefined) return readAllLimited(body, limit, what);
	return readAllLimited(
		timedChunks(body, bodyTimeoutsOf(body), (message) => timeoutError(message, what)),
		limit,
		what,
	);
}
