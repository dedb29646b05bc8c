/**
 * Resumable ingest: partial downloads kept on disk under a clearly named ingest
 * directory (`<dir>/.oras-ts-ingest/<hex>.partial`, never under the final name), so an
 * interrupted or killed transfer continues where it stopped. On restart the partial
 * file is rehashed; the source is asked for the rest from that offset; the digest is
 * checked over all bytes at the end, and a partial that turns out not to be a prefix of
 * the blob is thrown away and the blob fetched again from byte 0 (once).
 */
import { constants as fsConstants, writeSync } from "node:fs";
import { copyFile, type FileHandle, link, lstat, mkdir, open, rename, rmdir, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { normalizeAbort, OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, Digester, encodedOf, parseDigest } from "../oci/digest.js";
import { unwatchAbort, watchAbort } from "./internal/abort.js";
import { tapChunks } from "./internal/file-chunks.js";
import { O_NOFOLLOW, throwIfAborted } from "./internal/fsutil.js";
import { type ChunkSink, LEND_CHUNKS, lendChunks, type OpOptions } from "./storage.js";
import { rebufferedBody, VerifyingStream } from "./verify.js";

// The resumable-transfer interfaces live with the storage interfaces; re-exported for old imports.
export { canFetchFrom, canPushFrom, canStage, type OpenAt, type RangedBody, type RangeFetcher, type ResumablePusher, type StageOpener, type Stager } from "./storage.js";
import type { OpenAt } from "./storage.js";

/** Passes `body` through, calling `report` with the bytes seen so far (from `start`) after each chunk. */
export function countBytes(body: AsyncIterable<Uint8Array>, report: (bytes: number) => void, start = 0): AsyncIterable<Uint8Array> {
	let n = start;
	return tapChunks(body, (chunk) => {
		n += chunk.byteLength;
		report(n);
	});
}

/**
 * `countBytes` over a body as a Readable that still lends its chunks (see `LEND_CHUNKS`), counted
 * the same way, when the body lends them. Closing it closes the body.
 */
export function countingBody(body: Readable, report: (bytes: number) => void, start = 0): Readable {
	// A small body held whole (a `bufferedBody`) stays whole: counted once, when its bytes are taken
	// (an empty one not at all, as a stream of no chunks).
	const whole = rebufferedBody(body, (n) => {
		if (n > 0) report(start + n);
	});
	if (whole !== undefined) return whole;
	const out = Readable.from(countBytes(body, report, start));
	out.once("close", () => body.destroy());
	Object.defineProperty(out, LEND_CHUNKS, {
		value: (sink: ChunkSink): Promise<void> | undefined => {
			if (out.readableDidRead || out.readableFlowing === true || out.destroyed) return undefined;
			let n = start;
			return lendChunks(body, (chunk) => {
				sink(chunk);
				n += chunk.byteLength;
				report(n);
			});
		},
	});
	return out;
}

/** The ingest directory name used beside pull outputs. */
export const INGEST_DIR_NAME = ".oras-ts-ingest";

export function partialPathOf(ingestDir: string, desc: Descriptor): string {
	const d = parseDigest(desc.digest);
	return join(ingestDir, `${algorithmOf(d)}-${encodedOf(d)}.partial`);
}

/** Hashes the first `length` bytes of an open file into `digester`. */
async function hashPrefix(fh: FileHandle, length: number, digester: Digester, signal?: AbortSignal): Promise<void> {
	const buf = Buffer.allocUnsafe(Math.min(length, 1024 * 1024));
	for (let pos = 0; pos < length; ) {
		signal?.throwIfAborted();
		const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, length - pos), pos);
		if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", "partial download shrank while it was read");
		digester.update(buf.subarray(0, bytesRead));
		pos += bytesRead;
	}
}

/**
 * Writes a stream into an open file from `position`, without ever closing the handle
 * (fs write streams close their descriptor when destroyed). Chunks queued while a write
 * is in flight go out as one `writev` (up to 16 socket chunks of 64 KiB with the 1 MiB
 * buffer; 4 MiB held ~6 MiB more at the peak of a 1 GiB pull and saved no CPU).
 */
class HandleWriter extends Writable {
	private inFlight: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly fh: FileHandle,
		private position: number,
	) {
		super({ highWaterMark: 1024 * 1024 });
	}

	private async writeAll(bufs: Buffer[]): Promise<void> {
		const total = bufs.reduce((n, b) => n + b.length, 0);
		let done = (await this.fh.writev(bufs, this.position)).bytesWritten;
		// writev may write less than asked (bounded: every round writes at least one byte or fails)
		const all = done < total ? Buffer.concat(bufs) : undefined;
		while (all && done < total) {
			const { bytesWritten } = await this.fh.write(all, done, total - done, this.position + done);
			if (bytesWritten === 0) throw new OrasError("ABORTED", "a write to a partial download made no progress");
			done += bytesWritten;
		}
		this.position += total;
	}

	override _writev(chunks: Array<{ chunk: Buffer }>, cb: (err?: Error | null) => void): void {
		const p = this.writeAll(chunks.map((c) => c.chunk));
		this.inFlight = p.catch(() => undefined);
		p.then(() => cb(), cb);
	}

	override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
		this._writev([{ chunk }], cb);
	}

	/** Resolves once no write is in flight (before the handle is closed or the file measured again). */
	idle(): Promise<unknown> {
		return this.inFlight;
	}
}

/** The process's user id, where there is one (not on Windows). */
const myUid = (): number | undefined => (typeof process.getuid === "function" ? process.getuid() : undefined);

function notOurs(path: string, what: string): OrasError {
	return new OrasError("INVALID_ARGUMENT", `${path}: ${what}; refusing to use it for a partial download (remove it to continue)`);
}

/**
 * Creates the ingest directory (its parent must exist) unless it exists, and checks it is a
 * real directory (not a symlink) owned by this user.
 */
export async function ensureIngestDir(dir: string): Promise<void> {
	try {
		await mkdir(dir, { mode: 0o700 });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
	}
	const st = await lstat(dir);
	if (st.isSymbolicLink() || !st.isDirectory()) throw notOurs(dir, "not a directory");
	const uid = myUid();
	if (uid !== undefined && st.uid !== uid) throw notOurs(dir, "owned by another user");
}

/**
 * Opens (creating) a partial file for reading and writing without following a symlink in
 * its last component, and checks what was opened: a regular file, owned by this process's
 * user, with no other hard link (writing it must change nothing else).
 */
export async function openPartial(path: string): Promise<FileHandle> {
	let fh: FileHandle;
	try {
		fh = await open(path, fsConstants.O_RDWR | fsConstants.O_CREAT | O_NOFOLLOW, 0o600);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		if (code === "ELOOP" || code === "EMLINK") throw notOurs(path, "a symbolic link");
		if (code === "EISDIR") throw notOurs(path, "a directory");
		throw err;
	}
	try {
		const st = await fh.stat();
		const uid = myUid();
		if (!st.isFile()) throw notOurs(path, "not a regular file");
		if (uid !== undefined && st.uid !== uid) throw notOurs(path, "owned by another user");
		if (st.nlink !== 1) throw notOurs(path, "a file with other hard links");
	} catch (err) {
		await fh.close();
		throw err;
	}
	return fh;
}

export interface IngestResult {
	/** Bytes reused from an earlier partial download. */
	readonly resumedFrom: number;
}

/**
 * Downloads `desc` into `partial`, reusing what an earlier attempt left there. Resolves once
 * the file holds exactly the blob (size and digest verified); the caller renames it into
 * place. On a network failure the partial file is kept for the next attempt; on a
 * verification failure it is removed.
 */
export async function ingestResumable(partial: string, desc: Descriptor, open: OpenAt, opts: OpOptions = {}): Promise<IngestResult> {
	const digest = parseDigest(desc.digest);
	const signal = opts.signal;
	for (let attempt = 0; ; attempt++) {
		// Every access to the partial file goes through this one descriptor (opened without
		// following symlinks): measuring, truncating, hashing and writing.
		const fh = await openPartial(partial);
		let ws: HandleWriter | undefined;
		let start = 0;
		try {
			let have = (await fh.stat()).size;
			if (have > desc.size) {
				// Longer than the blob, so no prefix of it. (Rare: this close then waits for the
				// flush described at truncateTo.)
				await fh.truncate(0);
				have = 0;
			}
			const digester = new Digester(algorithmOf(digest));
			await hashPrefix(fh, have, digester, signal);
			start = have;
			if (have < desc.size || desc.size === 0) {
				const r = await open(have);
				if (r.offset > have) {
					r.body.destroy();
					throw new OrasError("REGISTRY_ERROR", `${digest}: source resumed at byte ${r.offset}, expected ${have}`);
				}
				let body = r.body as AsyncIterable<Uint8Array>;
				const skip = have - r.offset;
				if (skip > 0) {
					// The source ignored the offset: drop the bytes the partial file already has.
					// (They are not compared: the final digest covers the file as written.)
					body = skipBytes(r.body, skip);
				}
				await truncateTo(fh, have);
				if (skip > 0 || !(await writeLent(r.body, fh, have, desc, digester, signal))) {
					ws = new HandleWriter(fh, have);
					await pipeline(body, new VerifyingStream(desc, { digester, start: have, checkDigest: false }), ws, signal ? { signal } : {});
				}
			}
			const got = digester.digest();
			if (got !== digest) {
				await unlinkQuiet(partial);
				if (start > 0 && attempt === 0) continue; // the partial was not a prefix of this blob: fetch it whole
				throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${digest}, got ${got}`);
			}
			return { resumedFrom: start };
		} catch (err) {
			// A write still in flight must land before the next attempt measures the partial file.
			await ws?.idle();
			const e = normalizeAbort(err);
			if (OrasError.is(e) && (e.code === "DIGEST_MISMATCH" || e.code === "TRAILING_DATA" || e.code === "SIZE_MISMATCH")) {
				await unlinkQuiet(partial);
			}
			throw e;
		} finally {
			await fh.close().catch(() => undefined);
		}
	}
}

/**
 * Hashes and writes the chunks `body` lends (the `LEND_CHUNKS` contract: each chunk is hashed and
 * written with `writeSync` during its call, never kept) into `fh` from `start`, checking the
 * length like `VerifyingStream` (the digest is the caller's to check). False, with nothing read,
 * when the body does not lend its chunks. An abort closes `body`, which ends the transfer.
 */
export async function writeLent(body: Readable, fh: FileHandle, start: number, desc: Descriptor, digester: Digester, signal?: AbortSignal): Promise<boolean> {
	// ABORTED whatever the signal's reason (the CLI aborts with an Error, not an AbortError).
	if (signal?.aborted) {
		body.destroy();
		throwIfAborted(signal);
	}
	let pos = start;
	const fd = fh.fd;
	const lent = lendChunks(body, (chunk) => {
		if (pos + chunk.byteLength > desc.size) throw new OrasError("TRAILING_DATA", `${desc.digest}: trailing data: more than the expected ${desc.size} bytes`);
		digester.update(chunk);
		for (let off = 0; off < chunk.byteLength; ) {
			const n = writeSync(fd, chunk, off, chunk.byteLength - off, pos + off);
			if (n === 0) throw new OrasError("ABORTED", "a write to a partial download made no progress");
			off += n;
		}
		pos += chunk.byteLength;
	});
	if (lent === undefined) return false;
	const abort = () => body.destroy();
	if (signal !== undefined) watchAbort(signal, abort);
	try {
		await lent;
	} catch (err) {
		// The abort closed the body: report the abort, not the closed body.
		throwIfAborted(signal);
		throw err;
	} finally {
		if (signal !== undefined) unwatchAbort(signal, abort);
	}
	throwIfAborted(signal);
	if (pos !== desc.size) throw new OrasError("UNEXPECTED_EOF", `${desc.digest}: unexpected EOF: got ${pos} of ${desc.size} bytes`);
	return true;
}

/**
 * Makes an open file exactly `size` bytes long, leaving one of that size alone. Not a
 * no-op truncate: on ext4 (auto_da_alloc, the default), a file truncated to 0 and then
 * written is flushed to disk by its next close(), so a fresh partial truncated to 0 made
 * that close wait for the whole blob to reach the disk (about 0.35 s per GiB here).
 */
async function truncateTo(fh: FileHandle, size: number): Promise<void> {
	if ((await fh.stat()).size !== size) await fh.truncate(size);
}

async function* skipBytes(body: AsyncIterable<Uint8Array>, n: number): AsyncIterable<Uint8Array> {
	let skip = n;
	for await (const chunk of body) {
		if (skip >= chunk.byteLength) {
			skip -= chunk.byteLength;
			continue;
		}
		yield skip > 0 ? chunk.subarray(skip) : chunk;
		skip = 0;
	}
}

async function unlinkQuiet(path: string): Promise<void> {
	try {
		await unlink(path);
	} catch {
		// already gone
	}
}

/** Removes the ingest directory when nothing is left in it (other transfers may still use it). */
export async function removeIngestDirIfEmpty(dir: string): Promise<void> {
	try {
		await rmdir(dir);
	} catch {
		// not empty, or already gone
	}
}

/** Renames, falling back to copy + unlink across file systems. */
export async function moveFile(from: string, to: string): Promise<void> {
	try {
		await rename(from, to);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
		await copyFile(from, to);
		await unlink(from);
	}
}

export async function ensureDir(dir: string): Promise<void> {
	await mkdir(dir, { recursive: true });
}

// ---- locks ---------------------------------------------------------------------------------

export interface LockOptions extends OpOptions {
	/** How long to wait for a lock held by someone else (default 60 s). */
	readonly timeoutMs?: number;
	/** A lock older than this whose owner cannot be checked is considered abandoned (default 5 min). */
	readonly staleMs?: number;
}

interface LockOwner {
	pid: number;
	host: string;
	time: number;
}

function ownerAlive(owner: LockOwner, staleMs: number): boolean {
	if (owner.host === hostname() && owner.pid === process.pid && owner.time < Date.now() - process.uptime() * 1000 - 1000) {
		// our pid, but taken before this process started: a previous process with the same pid
		// (a container's pid 1 restarted after kill -9) left it
		return false;
	}
	if (owner.host === hostname() && Number.isSafeInteger(owner.pid) && owner.pid > 0) {
		try {
			process.kill(owner.pid, 0);
			return true;
		} catch (err) {
			return (err as NodeJS.ErrnoException).code === "EPERM";
		}
	}
	return Date.now() - owner.time < staleMs;
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
	try {
		const fh = await open(path, "r");
		try {
			const buf = Buffer.alloc(512);
			const { bytesRead } = await fh.read(buf, 0, 512, 0);
			const v = JSON.parse(buf.subarray(0, bytesRead).toString("utf8")) as Partial<LockOwner>;
			if (typeof v.pid === "number" && typeof v.host === "string" && typeof v.time === "number") return { pid: v.pid, host: v.host, time: v.time };
			return { pid: 0, host: "", time: 0 };
		} finally {
			await fh.close();
		}
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
		// unreadable or half-written: judge by age
		try {
			const st = await stat(path);
			return { pid: 0, host: "", time: st.mtimeMs };
		} catch {
			return undefined;
		}
	}
}

/**
 * An exclusive lock between processes: a lock file created with `O_EXCL` holding the
 * owner's pid and host. A lock whose owner process is gone (same host) or that is older
 * than `staleMs` (other hosts) is removed and taken over. Waits with back-off up to
 * `timeoutMs`. Returns the release function.
 */
export async function acquireFileLock(path: string, opts: LockOptions = {}): Promise<() => Promise<void>> {
	const timeout = opts.timeoutMs ?? 60_000;
	const staleMs = opts.staleMs ?? 5 * 60_000;
	const began = Date.now();
	const me: LockOwner = { pid: process.pid, host: hostname(), time: Date.now() };
	for (let i = 0; ; i++) {
		opts.signal?.throwIfAborted();
		try {
			const fh = await open(path, "wx", 0o644);
			try {
				await fh.writeFile(JSON.stringify({ ...me, time: Date.now() }));
			} finally {
				await fh.close();
			}
			let released = false;
			return async () => {
				if (released) return;
				released = true;
				await unlinkQuiet(path);
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
		}
		const owner = await readOwner(path);
		if (owner !== undefined && !ownerAlive(owner, staleMs)) {
			// Take over an abandoned lock: rename it away first so only one waiter removes it.
			const aside = `${path}.stale-${process.pid}-${i}`;
			try {
				await rename(path, aside);
				const moved = await readOwner(aside);
				if (moved && (moved.pid !== owner.pid || moved.host !== owner.host || moved.time !== owner.time)) {
					// A live lock was taken between our read and the rename: put it back.
					await link(aside, path).catch(() => undefined);
				}
				await unlinkQuiet(aside);
			} catch {
				// someone else took it over first
			}
			continue;
		}
		if (Date.now() - began > timeout) {
			throw new OrasError("ABORTED", `timed out after ${timeout} ms waiting for the lock ${path} (held by pid ${owner?.pid ?? "?"})`);
		}
		try {
			await delay(Math.min(5 + i * 5, 100) * (0.5 + Math.random()), undefined, opts.signal ? { signal: opts.signal } : {});
		} catch (err) {
			throw new OrasError("ABORTED", "operation aborted", { cause: err });
		}
	}
}

/**
 * Creates `dir/name` with `content` only if it does not exist yet, atomically (a temp file
 * hard-linked into place): concurrent creators never overwrite each other or expose a
 * half-written file. Returns false when the file already existed.
 */
export async function createFileExclusive(dir: string, name: string, content: string | Uint8Array): Promise<boolean> {
	const tmp = join(dir, `.${name}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
	const fh = await open(tmp, "wx", 0o644);
	try {
		await fh.writeFile(content);
	} finally {
		await fh.close();
	}
	try {
		await link(tmp, join(dir, name));
		return true;
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
		throw err;
	} finally {
		await unlinkQuiet(tmp);
	}
}
