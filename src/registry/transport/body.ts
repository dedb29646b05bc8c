/**
 * Reading the small bodies of registry replies (manifests, tag/catalog/referrers pages, token
 * replies, error bodies) into memory, bounded in size and in time: a registry that trickles a
 * manifest at one byte a second, or stops sending half-way, fails within the metadata timeouts
 * instead of holding the client forever. Blob bodies are streamed and bounded by resume.ts.
 */
import { finished, type Readable } from "node:stream";
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

function timeoutError(what: string, message: string): OrasError {
	const cause = new Error(message) as NodeJS.ErrnoException;
	cause.code = "ETIMEDOUT";
	return new OrasError("NETWORK_ERROR", `${what}: ${message}`, { cause });
}

/**
 * Reads a whole small body: at most `limit` bytes (SIZE_EXCEEDS_LIMIT beyond), within the
 * body's idle and total timeouts (NETWORK_ERROR naming the timeout). The body is destroyed
 * on any failure, so its connection is not reused.
 */
export function readSmallBody(body: Readable, limit: number, what: string): Promise<Buffer> {
	const t = bodyTimeoutsOf(body);
	return new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let n = 0;
		let settled = false;
		let last = performance.now();
		let idleTimer: NodeJS.Timeout | undefined;
		let totalTimer: NodeJS.Timeout | undefined;
		const cleanup = () => {
			settled = true;
			if (idleTimer !== undefined) clearTimeout(idleTimer);
			if (totalTimer !== undefined) clearTimeout(totalTimer);
			body.off("data", onData);
			stop();
		};
		const fail = (err: unknown) => {
			if (settled) return;
			cleanup();
			body.destroy();
			reject(err);
		};
		const onData = (c: Buffer | Uint8Array | string) => {
			const b = typeof c === "string" ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
			n += b.length;
			last = performance.now();
			if (n > limit) {
				fail(new OrasError("SIZE_EXCEEDS_LIMIT", `${what} size exceeds the limit of ${limit} bytes`));
				return;
			}
			chunks.push(b);
		};
		const stop = finished(body, { writable: false }, (err) => {
			if (settled) return;
			if (err) {
				fail(err);
				return;
			}
			cleanup();
			resolve(Buffer.concat(chunks, n));
		});
		if (t.idleMs > 0) {
			// One timer, re-armed lazily: a chunk only records when it arrived.
			const check = () => {
				const quiet = performance.now() - last;
				if (quiet < t.idleMs) idleTimer = setTimeout(check, t.idleMs - quiet);
				else fail(timeoutError(what, `no data received for ${t.idleMs} ms (metadata idle timeout)`));
			};
			idleTimer = setTimeout(check, t.idleMs);
		}
		if (t.totalMs > 0) totalTimer = setTimeout(() => fail(timeoutError(what, `not received within ${t.totalMs} ms (metadata timeout)`)), t.totalMs);
		body.on("data", onData);
		if (body.isPaused()) body.resume();
	});
}
