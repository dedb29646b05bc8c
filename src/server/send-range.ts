/**
 * Sends a byte range of a blob file as a response body through a few reused buffers.
 *
 * Piping a file stream allocates a new buffer for every read, and V8 frees those only after tens
 * of megabytes of them have piled up: serving one 1 GiB blob peaked at 108 MiB. Here every
 * response reads into at most `BUFFERS_PER_RESPONSE` buffers of `BUFFER_BYTES` from one pool
 * shared by all responses. A buffer goes back to the pool only when the socket has taken it (the
 * write's callback, after which Node holds no reference to it); a buffer still queued when the
 * client goes away is dropped, never reused. The file is read while earlier buffers are being
 * sent, so disk and socket work at the same time.
 *
 * Many responses at once are bounded by the pool (`POOL_MAX_BYTES` in large buffers): a response
 * that finds it spent reads through one small buffer of its own, so a thousand clients that stop
 * reading cost about a thousand small buffers, not gigabytes.
 */
import type { ServerResponse } from "node:http";
import type { FileRangeReader } from "../content/internal/file-stream.js";

/** Size of a pooled buffer: one file read, one socket write. */
export const BUFFER_BYTES = 1024 * 1024;
/** Pooled buffers one response holds at most (reading one while the others are sent). */
export const BUFFERS_PER_RESPONSE = 3;
/** Size of the one buffer a response reads through when the pool is spent. */
export const SMALL_BUFFER_BYTES = 64 * 1024;
/** Bytes of pooled buffers all responses together may hold. */
export const POOL_MAX_BYTES = 64 * 1024 * 1024;

/** Buffers of one size shared by all responses: `taken` counts those lent out (returned or dropped later). */
export class BufferPool {
	private readonly free: Buffer[] = [];
	private taken = 0;

	constructor(
		readonly bufferBytes: number,
		readonly maxBuffers: number,
		/** Returned buffers kept for reuse; more are left to the garbage collector (an idle server holds little). */
		readonly keepIdle = 2 * BUFFERS_PER_RESPONSE,
	) {}

	/** A buffer, or undefined when `maxBuffers` are lent out. */
	take(): Buffer | undefined {
		if (this.taken >= this.maxBuffers) return undefined;
		this.taken++;
		return this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
	}

	/** Returns a buffer nothing refers to any more. */
	give(buf: Buffer): void {
		this.taken--;
		if (this.free.length < this.keepIdle) this.free.push(buf);
	}

	/** Forgets a buffer that may still be referred to (never reused; the garbage collector frees it). */
	drop(): void {
		this.taken--;
	}

	/** Buffers lent out now. */
	get lent(): number {
		return this.taken;
	}

	/** Returned buffers kept for reuse now. */
	get idle(): number {
		return this.free.length;
	}
}

const sharedPool = new BufferPool(BUFFER_BYTES, Math.floor(POOL_MAX_BYTES / BUFFER_BYTES));

interface Slot {
	readonly buf: Buffer;
	readonly pooled: boolean;
}

/**
 * Writes all of `reader`'s range to `res` and ends it; returns early (without ending) when the
 * client goes away. A read error is thrown after the response is destroyed (the client sees a cut
 * body, never wrong bytes: the length was announced). The caller closes the reader.
 */
export async function sendRange(reader: FileRangeReader, res: ServerResponse, pool: BufferPool = sharedPool): Promise<void> {
	const idle: Slot[] = [];
	/** Handed to the socket, not yet taken by it. */
	const queued = new Set<Slot>();
	let owned = 0;
	let finished = false;
	let gone = false;
	let wake: (() => void) | undefined;
	const notify = () => {
		const w = wake;
		wake = undefined;
		w?.();
	};
	const release = (slot: Slot) => {
		if (slot.pooled) pool.give(slot.buf);
	};
	// A response always closes, at its end or when its connection does. What is still queued then
	// may still be referred to by the socket: dropped, never reused.
	res.once("close", () => {
		gone = true;
		for (const slot of queued) if (slot.pooled) pool.drop();
		queued.clear();
		notify();
	});
	const written = (slot: Slot) => (err?: Error | null) => {
		if (!queued.delete(slot)) return; // dropped at close
		if (err) {
			if (slot.pooled) pool.drop();
			owned--;
		} else if (finished) release(slot);
		else idle.push(slot);
		notify();
	};

	/** A buffer to read into: an idle one, a new one from the pool, or (pool spent) a small one; undefined: wait. */
	const acquire = (): Slot | undefined => {
		const slot = idle.pop();
		if (slot) return slot;
		if (owned >= BUFFERS_PER_RESPONSE) return undefined;
		const buf = pool.take();
		if (buf) {
			owned++;
			return { buf, pooled: true };
		}
		if (owned > 0) return undefined; // one of ours comes back when the socket has taken it
		owned++;
		return { buf: Buffer.allocUnsafe(Math.min(SMALL_BUFFER_BYTES, Math.max(reader.remaining, 1))), pooled: false };
	};
	/** The slot being read into (ours until it is written). */
	let reading: Slot | undefined;
	try {
		// bounded: every round sends at least one byte of the range, or waits for a write to finish or the close
		while (reader.remaining > 0 && !gone) {
			reading = acquire();
			if (!reading) {
				await new Promise<void>((resolve) => {
					wake = resolve;
				});
				continue;
			}
			const n = await reader.read(reading.buf).catch((err: unknown) => {
				res.destroy();
				throw err;
			});
			if (gone) break;
			const slot = reading;
			reading = undefined;
			queued.add(slot);
			res.write(slot.buf.subarray(0, n), written(slot));
		}
		if (!gone) res.end();
	} finally {
		finished = true;
		if (reading) idle.push(reading);
		for (const slot of idle.splice(0)) release(slot);
	}
}
