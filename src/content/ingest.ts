/**
 * Resumable ingest: partial downloads kept on disk under a clearly named ingest
 * directory (`<dir>/.oras-ts-ingest/<hex>.partial`, never under the final name), so an
 * interrupted or killed transfer continues where it stopped. On restart the partial
 * file is rehashed; the source is asked for the rest from that offset; the digest is
 * checked over all bytes at the end, and a partial that turns out not to be a prefix of
 * the blob is thrown away and the blob fetched again from byte 0 (once).
 *
 * Also the two optional capabilities the copy engine uses for resumable transfers.
 */
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, open, rename, rmdir, stat, truncate, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
import { normalizeAbort, OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, Digester, encodedOf, parseDigest } from "../oci/digest.js";
import type { OpOptions } from "./storage.js";
import { VerifyingStream } from "./verify.js";

/** A body starting at byte `offset` of the blob (0 when the source ignored the requested offset). */
export interface RangedBody {
	readonly body: import("node:stream").Readable;
	readonly offset: number;
}

export type OpenAt = (offset: number) => Promise<RangedBody>;

/** Sources that can start a blob at an offset (registries with `Range`, files). */
export interface RangeFetcher {
	fetchFrom(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody>;
}

/** Destinations that take a re-openable source and resume or restart a failed transfer themselves. */
export interface ResumablePusher {
	pushFrom(desc: Descriptor, open: OpenAt, opts?: OpOptions): Promise<void>;
}

export const canFetchFrom = (t: object): t is RangeFetcher => typeof (t as Partial<RangeFetcher>).fetchFrom === "function";
export const canPushFrom = (t: object): t is ResumablePusher => typeof (t as Partial<ResumablePusher>).pushFrom === "function";

/** The ingest directory name used beside pull outputs. */
export const INGEST_DIR_NAME = ".oras-ts-ingest";

export function partialPathOf(ingestDir: string, desc: Descriptor): string {
	const d = parseDigest(desc.digest);
	return join(ingestDir, `${algorithmOf(d)}-${encodedOf(d)}.partial`);
}

/** Hashes the first `length` bytes of a file into `digester`. */
async function hashPrefix(path: string, length: number, digester: Digester, signal?: AbortSignal): Promise<void> {
	if (length === 0) return;
	await pipeline(
		createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 }),
		async function (source: AsyncIterable<Buffer>) {
			for await (const c of source) digester.update(c);
		},
		signal ? { signal } : {},
	);
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
		let have = 0;
		try {
			have = (await stat(partial)).size;
		} catch {
			have = 0;
		}
		if (have > desc.size) {
			await truncate(partial, 0);
			have = 0;
		}
		const digester = new Digester(algorithmOf(digest));
		await hashPrefix(partial, have, digester, signal);
		let start = have;
		try {
			if (have < desc.size || desc.size === 0) {
				const r = await open(have);
				if (r.offset > have) {
					r.body.destroy();
					throw new OrasError("REGISTRY_ERROR", `${digest}: source resumed at byte ${r.offset}, expected ${have}`);
				}
				let body = r.body as AsyncIterable<Uint8Array>;
				start = have;
				const skip = have - r.offset;
				if (skip > 0) {
					// The source ignored the offset: drop the bytes the partial file already has.
					// (They are not compared: the final digest covers the file as written.)
					body = skipBytes(r.body, skip);
				}
				const fh = await open_(partial, have);
				const ws = fh.createWriteStream({ start: have, autoClose: true, highWaterMark: 4 * 1024 * 1024 });
				try {
					await pipeline(body, new VerifyingStream(desc, { digester, start: have, checkDigest: false }), ws, signal ? { signal } : {});
				} catch (err) {
					// A write still in flight must land before the next attempt measures the partial file.
					if (!ws.closed) await new Promise<void>((resolve) => ws.once("close", () => resolve()));
					throw err;
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
			const e = normalizeAbort(err);
			if (OrasError.is(e) && (e.code === "DIGEST_MISMATCH" || e.code === "TRAILING_DATA" || e.code === "SIZE_MISMATCH")) {
				await unlinkQuiet(partial);
			}
			throw e;
		}
	}
}

/** Opens (creating) a file for writing at `at`, truncating anything beyond it. */
async function open_(path: string, at: number) {
	const fh = await open(path, "a+");
	try {
		await fh.truncate(at);
	} catch (err) {
		await fh.close();
		throw err;
	}
	await fh.close();
	return open(path, "r+");
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
