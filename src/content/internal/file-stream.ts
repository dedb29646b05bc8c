/**
 * A byte range of an open file as a Readable that keeps reads in flight ahead of its consumer.
 * `fh.createReadStream` issues one thread-pool read at a time and waits for the consumer before the
 * next; serving a 1 GiB blob from `serve` that way took about twice as long as distribution 2.8
 * (which uses sendfile). With `ahead` reads of `chunkBytes` in flight the disk (or page cache) and the
 * socket work at the same time. Memory per stream: at most `ahead + 1` chunks.
 */
import type { FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import { type ChunkLender, lentFileRange, type ReusedFileChunks } from "./file-chunks.js";

/** Size of one read of a streamed file (1 MiB: the 64 KiB Node default halves loopback throughput). */
export const FILE_STREAM_CHUNK_BYTES = 1024 * 1024;
/** Reads kept in flight ahead of the consumer. */
export const FILE_STREAM_READS_AHEAD = 2;
/** Reads once the shared budget is spent: one at a time, Node's default size. */
export const FILE_STREAM_SMALL_CHUNK_BYTES = 64 * 1024;

/**
 * Bytes all streams together may hold in large chunks (in flight, or pushed and not yet taken by
 * the consumer). Past it a stream reads one 64 KiB chunk at a time, so a thousand clients that stop
 * reading cost megabytes, not gigabytes: memory is about `max` + 64 KiB × the streams open.
 */
export const fileStreamBudget = { used: 0, max: 64 * 1024 * 1024 };

export class FileRangeStream extends Readable implements ChunkLender {
	private readonly start: number;
	private next: number;
	private readonly stop: number;
	/** The bytes went out as `lentChunks()`. */
	private lent = false;
	private readonly pending: Array<{ read: Promise<Buffer>; budget: number }> = [];
	/** Budget bytes of the chunk last pushed, given back when the consumer asks for more. */
	private held = 0;
	private pumping = false;

	/** Streams bytes `start`..`end` (inclusive; `end` < `start` for nothing) and closes `fh` at the end or on destroy. */
	constructor(
		private readonly fh: FileHandle,
		start: number,
		end: number,
		private readonly what: string,
		private readonly chunkBytes = FILE_STREAM_CHUNK_BYTES,
		private readonly ahead = FILE_STREAM_READS_AHEAD,
	) {
		// A small high-water mark: a pushed chunk stays buffered alone until the consumer takes it.
		super({ highWaterMark: FILE_STREAM_SMALL_CHUNK_BYTES });
		this.start = start;
		this.next = start;
		this.stop = Math.max(start, end + 1);
	}

	/**
	 * The same bytes as lent chunks (two reused buffers, see `reusedFileChunks`) instead of a new
	 * buffer per read, for a consumer that uses each chunk before it asks for the next (a registry
	 * upload). Only before the stream was read (else undefined); the stream still owns the file:
	 * destroy it when done.
	 */
	lentChunks(): ReusedFileChunks | undefined {
		if (this.lent || this.next !== this.start || this.pending.length > 0 || this.destroyed || this.readableDidRead) return undefined;
		this.lent = true;
		return lentFileRange(this.fh, this.start, this.stop, this.what, this.chunkBytes);
	}

	override _read(): void {
		if (this.lent) {
			this.destroy(new OrasError("UNSUPPORTED", `${this.what}: the stream was read as lent chunks already`));
			return;
		}
		this.release(this.held);
		this.held = 0;
		void this.pump();
	}

	private release(n: number): void {
		fileStreamBudget.used = Math.max(0, fileStreamBudget.used - n);
	}

	override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
		this.release(this.held + this.pending.reduce((sum, p) => sum + p.budget, 0));
		this.held = 0;
		// FileHandle.close waits for the reads still in flight
		this.fh.close().then(
			() => cb(err),
			() => cb(err),
		);
	}

	private fill(): void {
		while (this.pending.length < this.ahead && this.next < this.stop) {
			const at = this.next;
			let n = Math.min(this.chunkBytes, this.stop - at);
			let budget = 0;
			if (n > FILE_STREAM_SMALL_CHUNK_BYTES) {
				if (fileStreamBudget.used + n <= fileStreamBudget.max) {
					budget = n;
					fileStreamBudget.used += n;
				} else {
					// the shared budget is spent: one small read at a time
					if (this.pending.length > 0 || this.held > 0) return;
					n = FILE_STREAM_SMALL_CHUNK_BYTES;
				}
			}
			this.next += n;
			const read = this.readChunk(at, n);
			read.catch(() => undefined); // observed when its turn comes (or dropped after destroy)
			this.pending.push({ read, budget });
		}
	}

	private async readChunk(at: number, n: number): Promise<Buffer> {
		const buf = Buffer.allocUnsafeSlow(n);
		await readExactly(this.fh, buf, n, at, this.what, this.stop);
		return buf;
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			// bounded: every round takes one pending read; fill adds reads only below `stop`
			for (;;) {
				this.fill();
				const head = this.pending[0];
				if (head === undefined) {
					if (this.next >= this.stop) this.push(null);
					return; // (otherwise a held chunk waits for the consumer; its _read resumes)
				}
				const buf = await head.read;
				if (this.destroyed) return;
				this.pending.shift();
				// the chunk's budget is held while it sits in the buffer, until the consumer asks for more
				this.release(this.held);
				this.held = head.budget;
				this.fill();
				if (!this.push(buf)) return;
				// taken at once (flowing consumer): nothing of it is held
				this.release(this.held);
				this.held = 0;
			}
		} catch (err) {
			this.destroy(err as Error);
		} finally {
			this.pumping = false;
		}
	}
}

/**
 * A byte range of an open file read into the caller's buffers, in order: for a consumer that keeps
 * a few buffers of its own and reuses them (`serve` sends blobs that way), so streaming a large
 * file allocates nothing per chunk. Closes `fh` on `close()`.
 */
export class FileRangeReader {
	private next: number;
	private readonly stop: number;

	/** Bytes `start`..`end` (inclusive; `end` < `start` for nothing). */
	constructor(
		private readonly fh: FileHandle,
		start: number,
		end: number,
		private readonly what: string,
	) {
		this.next = start;
		this.stop = Math.max(start, end + 1);
	}

	/** Bytes not read yet. */
	get remaining(): number {
		return this.stop - this.next;
	}

	/**
	 * Fills `buf` (or as much of the range as is left) and returns the byte count; 0 at the end of
	 * the range. A file shorter than the range is UNEXPECTED_EOF.
	 */
	async read(buf: Buffer): Promise<number> {
		const n = Math.min(buf.length, this.stop - this.next);
		await readExactly(this.fh, buf, n, this.next, this.what, this.stop);
		this.next += n;
		return n;
	}

	close(): Promise<void> {
		return this.fh.close();
	}
}

/** Reads `n` bytes at file offset `at` into the start of `buf`; a file ending first (before `stop`) is UNEXPECTED_EOF. */
async function readExactly(fh: FileHandle, buf: Buffer, n: number, at: number, what: string, stop: number): Promise<void> {
	let got = 0;
	// bounded: every round reads at least one byte or throws
	while (got < n) {
		const { bytesRead } = await fh.read(buf, got, n - got, at + got);
		if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${what}: file ended ${at + got} bytes in, before the expected ${stop}`);
		got += bytesRead;
	}
}
