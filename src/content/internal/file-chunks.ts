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
import { type FileHandle, open } from "node:fs/promises";
import { OrasError } from "../../errors.js";

/** Size of each of the two reused buffers. */
export const REUSED_CHUNK_BYTES = 1024 * 1024;

/** The chunks of `reusedFileChunks`; `destroy()` stops reading (and closes the file it opened). */
export interface ReusedFileChunks extends AsyncIterable<Uint8Array> {
	destroy(): void;
}

/**
 * The bytes of the file at `path` from `start` to its end, as views of two reused buffers (each
 * valid until the next chunk is asked for); the read of the next chunk runs while the consumer
 * holds the current one. Iterable once; the file is closed at the end, on `return` or `destroy()`.
 */
export function reusedFileChunks(path: string, start = 0, chunkBytes = REUSED_CHUNK_BYTES): ReusedFileChunks {
	return once(readFile(path, start, chunkBytes));
}

/**
 * Bytes `start` up to `stop` (exclusive) of an open file as lent chunks (as `reusedFileChunks`); the
 * file stays open. A file that ends before `stop` fails with UNEXPECTED_EOF naming `what`.
 */
export function lentFileRange(fh: FileHandle, start: number, stop: number, what: string, chunkBytes = REUSED_CHUNK_BYTES): ReusedFileChunks {
	return once(readRange(fh, start, stop, what, chunkBytes));
}

/**
 * A body that can give its bytes as lent chunks instead (a file stream: two reused buffers instead of
 * a new buffer per read), for consumers that use each chunk before asking for the next. Undefined
 * when it cannot (it was read already). The body is still the owner: destroying it ends the chunks.
 * (The download direction, where the socket drives and a synchronous sink keeps up, is `LEND_CHUNKS`
 * in src/content/storage.ts.)
 */
export interface ChunkLender {
	lentChunks(): ReusedFileChunks | undefined;
}

/** `body`'s lent chunks when it offers them (see `ChunkLender`), else undefined. */
export function lentChunksOf(body: unknown): ReusedFileChunks | undefined {
	const lend = (body as Partial<ChunkLender> | undefined)?.lentChunks;
	return typeof lend === "function" ? lend.call(body) : undefined;
}

function once(gen: AsyncGenerator<Uint8Array, void, undefined>): ReusedFileChunks {
	return {
		[Symbol.asyncIterator]: () => gen,
		destroy() {
			gen.return(undefined).catch(() => undefined);
		},
	};
}

async function* readFile(path: string, start: number, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
	const fh = await open(path, "r");
	try {
		yield* readRange(fh, start, Number.POSITIVE_INFINITY, path, chunkBytes);
	} finally {
		await fh.close();
	}
}

async function* readRange(fh: FileHandle, start: number, stop: number, what: string, chunkBytes: number): AsyncGenerator<Uint8Array, void, undefined> {
	let pending: Promise<number> | undefined;
	try {
		// no buffer bigger than the range
		const size = Math.max(1, Math.min(chunkBytes, stop - start));
		const bufs = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const;
		let pos = start;
		let i = 0;
		const readAt = (buf: Buffer): Promise<number> => (pos < stop ? readInto(fh, buf, pos, Math.min(buf.length, stop - pos)) : Promise.resolve(0));
		pending = readAt(bufs[0]);
		// bounded: each round moves `pos` forward by at least one byte, or ends
		for (;;) {
			const n = await pending;
			pending = undefined;
			if (n === 0) {
				if (pos < stop && Number.isFinite(stop)) throw new OrasError("UNEXPECTED_EOF", `${what}: file ended ${pos} bytes in, before the expected ${stop}`);
				return;
			}
			const cur = bufs[i] as Buffer;
			pos += n;
			i ^= 1;
			// The other buffer is free: the consumer asked for this chunk, so it is done with the last one.
			pending = readAt(bufs[i] as Buffer);
			yield cur.subarray(0, n);
		}
	} finally {
		// a read in flight must finish before the caller closes the file; its failure no longer matters
		await pending?.catch(() => undefined);
	}
}

function readInto(fh: FileHandle, buf: Buffer, pos: number, len: number): Promise<number> {
	const p = fh.read(buf, 0, len, pos).then((r) => r.bytesRead);
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
