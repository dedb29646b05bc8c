/** Small file-system helpers shared by the stores. */
import { randomBytes } from "node:crypto";
import { closeSync, constants as fsConstants, createWriteStream, mkdirSync, openSync, renameSync, unlinkSync, type WriteStream, writeSync } from "node:fs";
import { type FileHandle, lstat, open, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { OrasError } from "../../errors.js";

/** Random bytes drawn in batches (one CSPRNG call per 512 temp names, not one each). */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolAt = 0;

/** 16 hex digits from the CSPRNG, for temp file names. */
export function randomSuffix(): string {
	if (randomPoolAt + 8 > randomPool.length) {
		randomPool = randomBytes(RANDOM_POOL_BYTES);
		randomPoolAt = 0;
	}
	const s = randomPool.toString("hex", randomPoolAt, randomPoolAt + 8);
	randomPoolAt += 8;
	return s;
}

export function errnoOf(err: unknown): string | undefined {
	return typeof err === "object" && err !== null ? ((err as NodeJS.ErrnoException).code ?? undefined) : undefined;
}

export function isNotFound(err: unknown): boolean {
	const code = errnoOf(err);
	return code === "ENOENT" || code === "ENOTDIR";
}

/** Removes a file, ignoring a missing one. */
export async function unlinkQuiet(path: string): Promise<void> {
	try {
		await unlink(path);
	} catch (err) {
		if (!isNotFound(err)) throw err;
	}
}

/** Removes a file or directory tree; never throws (best-effort cleanup). */
export async function removeQuiet(path: string): Promise<void> {
	try {
		await rm(path, { recursive: true, force: true, maxRetries: 2 });
	} catch {
		// cleanup is best effort
	}
}

export async function lstatOrUndefined(path: string): Promise<import("node:fs").Stats | undefined> {
	try {
		return await lstat(path);
	} catch (err) {
		if (isNotFound(err)) return undefined;
		throw err;
	}
}

/** Destroys a body the store decided not to consume, so sockets and files are released. */
export function discardBody(body: AsyncIterable<Uint8Array>): void {
	const d = body as Partial<Readable>;
	if (typeof d.destroy === "function") d.destroy();
}

/** Wraps an unexpected file-system error with the path it concerns. */
export function fsError(err: unknown, what: string): unknown {
	if (OrasError.is(err)) return err;
	if (isNotFound(err)) return new OrasError("NOT_FOUND", `${what}: not found`, { cause: err });
	return err;
}

/** Throws ABORTED when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new OrasError("ABORTED", "operation aborted", { cause: signal.reason });
}

/** O_NOFOLLOW where the platform has it (0 on Windows, where symlinks need privileges). */
export const O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;

/**
 * Opens a write stream (on a path, or on a file the caller opened; the stream closes it) and
 * runs `write` with it. On failure the stream is destroyed and its file descriptor closed
 * before the error is rethrown, so a caller's cleanup (unlink, rm) cannot race with a file
 * that is still being opened.
 */
export async function withWriteStream(path: string | FileHandle, opts: { flags: string; mode: number }, write: (ws: WriteStream) => Promise<void>): Promise<void> {
	// A 4 MiB buffer lets chunks queue while a write is in flight and go out as one writev.
	const highWaterMark = 4 * 1024 * 1024;
	const ws = typeof path === "string" ? createWriteStream(path, { highWaterMark, ...opts }) : path.createWriteStream({ highWaterMark });
	try {
		await write(ws);
	} catch (err) {
		if (!ws.closed) {
			await new Promise<void>((resolve) => {
				ws.once("close", () => resolve());
				ws.destroy();
			});
		}
		throw err;
	}
}

/**
 * Writes a small, already verified buffer to `target` through a temp file in the same
 * directory that is renamed into place, creating missing parent directories. The calls
 * are synchronous on purpose: for a few KiB, open+write+close+rename take microseconds,
 * while each asynchronous call costs a hand-off to libuv's thread pool (and, on a busy
 * machine, a context switch) — that hand-off dominated pulls of many small files.
 * Callers keep it to small buffers (see FileStore). `check` runs before the directory is
 * created and again right before the rename (e.g. a path-traversal re-check).
 */
export function writeFileAtomicSync(target: string, data: Uint8Array, mode = 0o666, check?: () => void): void {
	const dir = dirname(target);
	check?.();
	const tmp = join(dir, `.${basename(target)}.oras-${randomSuffix()}.tmp`);
	try {
		let fd: number;
		try {
			fd = openSync(tmp, "wx", mode);
		} catch {
			// Usually a missing directory: create it and try again (an error mkdir raises, or the
			// second open's, is what the caller sees — as when the directory was made first).
			mkdirSync(dir, { recursive: true });
			fd = openSync(tmp, "wx", mode);
		}
		try {
			for (let off = 0; off < data.byteLength; ) off += writeSync(fd, data, off);
		} finally {
			closeSync(fd);
		}
		check?.();
		renameSync(tmp, target);
	} catch (err) {
		try {
			unlinkSync(tmp);
		} catch {
			// the temp file was never created, or is gone already
		}
		throw err;
	}
}

/** fsyncs a file by path (opened read-only when it is not writable: a hard link to a read-only blob). */
export async function syncFile(path: string): Promise<void> {
	const fh = await open(path, "r+").catch((err: unknown) => {
		const code = errnoOf(err);
		if (code === "EACCES" || code === "EPERM") return open(path, "r");
		throw err;
	});
	try {
		await fh.sync();
	} finally {
		await fh.close();
	}
}

/** fsyncs a directory so a rename in it survives a crash (best effort: not every platform allows it). */
export async function syncDir(dir: string): Promise<void> {
	let fh: FileHandle | undefined;
	try {
		fh = await open(dir, "r");
		await fh.sync();
	} catch {
		// best effort
	} finally {
		await fh?.close().catch(() => undefined);
	}
}

export interface AtomicWriteOptions {
	/** fsync the data before the rename and the directory after it (the file survives a crash once this returns). */
	readonly durable?: boolean;
	/** Where the temp file goes (same file system as the target); default the target's directory. */
	readonly tmpDir?: string;
	/** The new file's mode (the umask applies), default 0o644. */
	readonly mode?: number;
}

/**
 * The one asynchronous atomic write: a temp file (O_EXCL) that is written whole, optionally
 * fsynced, then renamed over `target`. A reader sees the old file or the new one, never a part.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
	const dir = dirname(target);
	const tmp = join(opts.tmpDir ?? dir, `.${basename(target)}.${randomSuffix()}.tmp`);
	try {
		const fh = await open(tmp, "wx", opts.mode ?? 0o644);
		try {
			await fh.writeFile(data);
			if (opts.durable) await fh.sync();
		} finally {
			await fh.close();
		}
		await rename(tmp, target);
	} catch (err) {
		await unlinkQuiet(tmp);
		throw err;
	}
	if (opts.durable) await syncDir(dir);
}
