/**
 * A file's bytes read into two reused buffers instead of a new buffer per read.
 *
 * `createReadStream` allocates a fresh buffer for every read. Streamed into an upload, each is garbage
 * as soon as the socket took it, but V8 collects such external memory only after it has grown by
 * tens of MiB, so a 1 GiB upload held ~40 MiB of dead read buffers. Here one buffer is lent to the
 * consumer while the next read fills the other, so memory stays at two buffers whatever the size.
 *
 * The price is a contract: a chunk is a view valid only until the consumer asks for the next one.
 * Only consumers that use each chunk at once (hash it, hand it to a socket and wait for the write,
 * see `HttpRequest.body`) may read these chunks; anything that queues chunks (a write stream,
 * `Readable.from`, an array) must copy them.
 */
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";

/** Size of each of the two reused buffers. */
export const REUSED_CHUNK_BYTES = 1024 * 1024;

/** The chunks of `reusedFileChunks`; `destroy()` stops reading and closes the file (also done at the end or on `return`). */
export interface ReusedFileChunks extends AsyncIterable<Uint8Array> {
	destroy(): void;
}

/**
 * The bytes of the file at `path` from `start` to its end, as views of two reused buffers (each
 * valid until the next chunk is asked for); the read of the next chunk runs while the consumer
 * holds the current one. Iterable once.
 */
export function reusedFileChunks(path: string, start = 0, chunkBytes = REUSED_CHUNK_BYTES): ReusedFileChunks {
	const gen = read(path, start, chunkBytes);
	return {
		[Symbol.asyncIterator]: () => gen,
		destroy() {
			gen.return(undefined).catch(() => undefined);
		},
	};
}

async function* read(path: string, start: number, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
	const fh = await open(path, "r");
	let pending: Promise<number> | undefined;
	try {
		const bufs = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)] as const;
		let pos = start;
		let i = 0;
		pending = readInto(fh, bufs[0], pos);
		// bounded: each round moves `pos` forward by at least one byte, or ends at end of file
		for (;;) {
			const n = await pending;
			pending = undefined;
			if (n === 0) return;
			const cur = bufs[i] as Buffer;
			pos += n;
			i ^= 1;
			// The other buffer is free: the consumer asked for this chunk, so it is done with the last one.
			pending = readInto(fh, bufs[i] as Buffer, pos);
			yield cur.subarray(0, n);
		}
	} finally {
		// FileHandle.close waits for a read in flight anyway; its failure no longer matters.
		await pending?.catch(() => undefined);
		await fh.close();
	}
}

function readInto(fh: FileHandle, buf: Buffer, pos: number): Promise<number> {
	const p = fh.read(buf, 0, buf.length, pos).then((r) => r.bytesRead);
	p.catch(() => undefined); // observed when awaited (or dropped after an early return)
	return p;
}

/**
 * Passes `body` through, calling `see` with each chunk before handing it on (hashing, counting):
 * lighter than an async generator layer (one promise per chunk), and it asks `body` for the next
 * chunk only when its own consumer does, so lent chunks (above) stay valid. When `see` throws, `body`
 * is closed and the error goes to the consumer.
 */
export function tapChunks(body: AsyncIterable<Uint8Array>, see: (chunk: Uint8Array) => void): AsyncIterable<Uint8Array> {
	return {
		[Symbol.asyncIterator]: () => {
			const it = body[Symbol.asyncIterator]();
			const close = async (): Promise<IteratorResult<Uint8Array>> => {
				await it.return?.();
				return { done: true, value: undefined };
			};
			return {
				next: () =>
					it.next().then((r) => {
						if (r.done !== true) {
							try {
								see(r.value);
							} catch (err) {
								void close().catch(() => undefined);
								throw err;
							}
						}
						return r;
					}),
				return: close,
			};
		},
	};
}
