/**
 * The file store (oras-go's content/file.Store): a push source and a pull destination
 * that maps named descriptors (those with an `org.opencontainers.image.title`) to files
 * under a working directory. Directories travel as tar+gzip. Unnamed content (manifests,
 * configs) lives in memory, at most 4 MiB per item.
 */
import { closeSync, createReadStream, constants as fsConstants, openSync, readSync, type Stats, statSync } from "node:fs";
import { type FileHandle, lstat, mkdir, open, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { hasCode, normalizeAbort, OrasError } from "../../errors.js";
import { type Descriptor, titleOf } from "../../oci/descriptor.js";
import { type Digest, isDigest, parseDigest } from "../../oci/digest.js";
import { MAX_MANIFEST_BYTES, parseManifest, successorsOf } from "../../oci/manifest.js";
import { Annotation, isManifestMediaType, MediaType } from "../../oci/mediatypes.js";
import { discardBody, isNotFound, lstatOrUndefined, O_NOFOLLOW, randomSuffix, removeQuiet, throwIfAborted, unlinkQuiet, withWriteStream, writeFileAtomicSync } from "../internal/fsutil.js";
import { acquireFileLock, ensureIngestDir, INGEST_DIR_NAME, ingestResumable, type OpenAt, partialPathOf, removeIngestDirIfEmpty } from "../ingest.js";
import { Mutex } from "../internal/mutex.js";
import type { OpOptions, Target } from "../storage.js";
import { bufferedBody, readAllVerified, verifier } from "../verify.js";
import { digestFile, digestSmallFile, packDirectory } from "./pack.js";
import { checkWritePathIn, resolveWritePathIn } from "./paths.js";
import { extractTarGzip } from "./unpack.js";

export interface FileStoreOptions {
	/** Names resolve against this directory (default: the current directory). */
	readonly workingDir?: string;
	/** Allow names that resolve outside the working directory (`--allow-path-traversal`). */
	readonly allowPathTraversal?: boolean;
	/** Refuse to replace existing paths (`--keep-old-files`). */
	readonly keepOldFiles?: boolean;
	/** Where `oras_file_*` temp files (directory archives) go (default: the OS temp dir). */
	readonly tempDir?: string;
	/** Size cap for unnamed content kept in memory (default 4 MiB). */
	readonly fallbackLimit?: number;
	/** Size cap for all unnamed content kept in memory together (default 128 MiB, `FILE_STORE_MEMORY_BYTES`). */
	readonly memoryLimit?: number;
	/** Called when a named successor was written from identical content stored under another name. */
	readonly onRestored?: (file: WrittenFile) => void;
	/**
	 * Reproducible directory archives (`SOURCE_DATE_EPOCH`): every entry's mtime is this instant,
	 * so the same tree gives the same layer however its files were touched. Default: the files' mtimes.
	 */
	readonly sourceDateEpoch?: Date;
	/**
	 * Bytes one directory layer may expand to when extracted (`--max-extract-size`): more fail
	 * the pull with SIZE_EXCEEDS_LIMIT and nothing of that layer stays. Default 1 GiB + 100 × the
	 * layer's compressed size (`defaultExtractLimit`); 0 turns the bound off.
	 */
	readonly maxExtractSize?: number;
	/**
	 * Handle files under `SMALL_FILE_BYTES` whole with synchronous calls (stat, digest, read and
	 * atomic write, see `writeFileAtomicSync`) instead of streams. Faster for many small files,
	 * but it blocks the event loop for each one, so it is off by default for library users
	 * (as node-tar keeps `UnpackSync` apart from `Unpack`); the CLI turns it on.
	 */
	readonly syncSmallFiles?: boolean;
}

/** A file or directory the store wrote (pull) — what the CLI prints and reports in JSON. */
export interface WrittenFile {
	readonly name: string;
	/** Absolute path; a directory's ends with the path separator. */
	readonly path: string;
	readonly descriptor: Descriptor;
	readonly directory: boolean;
	/** Copied from content already written under another name (status `Restored`). */
	readonly restored: boolean;
}

interface MemoryItem {
	readonly desc: Descriptor;
	readonly data: Buffer;
}

/**
 * Digests a file some other way than reading it just for that (e.g. `Repository.stageBlob`, which
 * hashes it while uploading it); undefined falls back to a plain digest pass.
 */
export type DigestHook = (path: string, size: number) => Promise<{ digest: Digest; size: number } | undefined>;

/**
 * With `syncSmallFiles`, files smaller than this are handled whole, with synchronous calls (see
 * writeFileAtomicSync): digested and read for upload in one read, pulled into memory, verified
 * and written in one go. Other files stream, and pulls of them go through the resumable ingest location (see
 * content/ingest.ts).
 */
export const SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Default cap on the unnamed content (manifests) a file store keeps in memory in all: each item is
 * at most 4 MiB, but an index can list thousands of distinct children just under that.
 */
export const FILE_STORE_MEMORY_BYTES = 128 * 1024 * 1024;

/** Read size for blob files (push sources). */
const READ_CHUNK = 1024 * 1024;

/** Read buffer size for a file of `size` bytes: up to 1 MiB, never much more than the file. */
export function readChunkFor(size: number): number {
	return Math.max(16 * 1024, Math.min(READ_CHUNK, size));
}

export class FileStore implements Target {
	readonly workingDir: string;
	private readonly allowPathTraversal: boolean;
	private readonly keepOldFiles: boolean;
	private readonly tempDir: string;
	private readonly fallbackLimit: number;
	private readonly memoryLimit: number;
	private memoryBytes = 0;
	private readonly onRestored: ((file: WrittenFile) => void) | undefined;
	private readonly sourceDateEpoch: Date | undefined;
	private readonly maxExtractSize: number | undefined;
	private readonly syncSmallFiles: boolean;

	/** Names added or written ("done") or being written ("pending"). */
	private readonly names = new Map<string, "pending" | "done">();
	/** Where the bytes of a digest are: an added file, a written file, or a directory's archive. */
	private readonly digestToPath = new Map<string, string>();
	private readonly descriptors = new Map<string, Descriptor>();
	private readonly memory = new Map<string, MemoryItem>();
	private readonly refs = new Map<string, Descriptor>();
	private readonly temps = new Set<string>();
	private readonly writtenFiles: WrittenFile[] = [];
	private closed = false;
	/** Serializes the steps that change the tree under the working directory (see `guarded`). */
	private readonly treeLock = new Mutex();

	/** `new FileStore(workingDir, opts?)` or `new FileStore(opts)`. */
	constructor(workingDirOrOptions: string | FileStoreOptions = {}, options: Omit<FileStoreOptions, "workingDir"> = {}) {
		const opts: FileStoreOptions = typeof workingDirOrOptions === "string" ? { ...options, workingDir: workingDirOrOptions } : workingDirOrOptions;
		this.workingDir = resolve(opts.workingDir ?? ".");
		this.allowPathTraversal = opts.allowPathTraversal ?? false;
		this.keepOldFiles = opts.keepOldFiles ?? false;
		this.tempDir = opts.tempDir ?? tmpdir();
		this.fallbackLimit = opts.fallbackLimit ?? MAX_MANIFEST_BYTES;
		this.memoryLimit = opts.memoryLimit ?? FILE_STORE_MEMORY_BYTES;
		this.onRestored = opts.onRestored;
		this.sourceDateEpoch = opts.sourceDateEpoch;
		this.maxExtractSize = opts.maxExtractSize;
		this.syncSmallFiles = opts.syncSmallFiles ?? false;
	}

	/**
	 * Runs `act` — a few file-system calls that create or rename something under `target`'s
	 * directory — after checking again, against the tree as it is now, that `target` is inside
	 * the working directory. Such steps run one at a time, so no other layer of this store
	 * (a directory swapped into place, a file renamed) changes the tree between the check and
	 * the act. Writing a body happens outside, through a descriptor opened here.
	 */
	private guarded<T>(target: string, name: string, act: () => Promise<T> | T): Promise<T> {
		return this.exclusive(() => {
			this.recheck(target, name);
			return act();
		});
	}

	/** Runs `act` when no other tree-changing step of this store runs. */
	private exclusive<T>(act: () => Promise<T> | T): Promise<T> {
		return this.treeLock.run(async () => act());
	}

	private recheck(target: string, name: string): void {
		if (!this.allowPathTraversal) checkWritePathIn(this.workingDir, target, name); // workingDir is resolved (constructor)
	}

	private checkOpen(): void {
		if (this.closed) throw new OrasError("UNSUPPORTED", "file store is closed");
	}

	/**
	 * Adds a file or directory as content named `name` (the title). `path` defaults to the
	 * name and resolves against the working directory. A file is streamed once for its
	 * digest; a directory is archived to a temp tar+gzip. The media type defaults to
	 * `application/vnd.oci.image.layer.v1.tar` (file) or `...tar+gzip` (directory).
	 */
	async add(name: string, mediaType = "", path = "", opts?: OpOptions & { readonly digestWith?: DigestHook }): Promise<Descriptor> {
		this.checkOpen();
		if (name === "") throw new OrasError("INVALID_ARGUMENT", "missing name");
		if (this.names.has(name)) throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
		this.names.set(name, "pending");
		try {
			const abs = resolve(this.workingDir, path === "" ? name : path);
			let st: Stats;
			try {
				st = this.syncSmallFiles ? statSync(abs) : await stat(abs); // sync: one syscall, cheaper than a thread-pool hand-off per file
			} catch (err) {
				if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${abs}: no such file or directory`, { cause: err });
				throw err;
			}
			let desc: Descriptor;
			if (st.isDirectory()) {
				const packed = await packDirectory(abs, name, this.tempDir, opts?.signal, this.sourceDateEpoch);
				this.temps.add(packed.path);
				desc = {
					mediaType: mediaType || MediaType.ImageLayerGzip,
					digest: packed.digest,
					size: packed.size,
					annotations: { [Annotation.ContentDigest]: packed.tarDigest, [Annotation.ContentUnpack]: "true", [Annotation.Title]: name },
				};
				this.digestToPath.set(desc.digest, packed.path);
			} else {
				const { digest, size } = (await opts?.digestWith?.(abs, st.size)) ?? (this.syncSmallFiles && st.size < SMALL_FILE_BYTES ? digestSmallFile(abs) : await digestFile(abs, opts?.signal, st.size));
				desc = { mediaType: mediaType || MediaType.ImageLayer, digest, size, annotations: { [Annotation.Title]: name } };
				this.digestToPath.set(digest, abs);
			}
			this.descriptors.set(desc.digest, desc);
			this.names.set(name, "done");
			return desc;
		} catch (err) {
			this.names.delete(name);
			throw normalizeAbort(err);
		}
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		this.checkOpen();
		throwIfAborted(opts?.signal);
		const name = titleOf(desc);
		if (name !== undefined && name !== "" && this.names.get(name) !== "done") return false;
		return this.digestToPath.has(desc.digest) || this.memory.has(desc.digest);
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		this.checkOpen();
		throwIfAborted(opts?.signal);
		const name = titleOf(desc);
		if (name !== undefined && name !== "" && this.names.get(name) !== "done") {
			throw new OrasError("NOT_FOUND", `${name}: ${desc.mediaType}: not found`);
		}
		const path = this.digestToPath.get(desc.digest);
		if (path !== undefined) {
			try {
				// Small files in one synchronous read (see writeFileAtomicSync); the registry or the
				// consumer's verifier catches a file that changed since it was added.
				if (this.syncSmallFiles && desc.size < SMALL_FILE_BYTES) return bufferedBody(readSmallFileSync(path, desc.size));
				const fh = await open(path, "r");
				// 1 MiB reads: 16× fewer syscalls, buffers and socket writes than the 64 KiB default.
				// (never more than the file: a 1 MiB buffer per 4 KiB file is pure garbage-collector work).
				return fh.createReadStream({ autoClose: true, highWaterMark: readChunkFor(desc.size) });
			} catch (err) {
				if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${path}: ${desc.digest}: not found`, { cause: err });
				throw err;
			}
		}
		const item = this.memory.get(desc.digest);
		if (item) return Readable.from([item.data], { objectMode: false });
		throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
	}

	/**
	 * Named content is written to `<workingDir>/<title>` (directories with the unpack
	 * annotation are extracted); unnamed content is kept in memory. After a manifest is
	 * stored, its named successors not written yet are restored from identical content.
	 */
	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		try {
			this.checkOpen();
			throwIfAborted(opts?.signal);
		} catch (err) {
			discardBody(body);
			throw err;
		}
		const name = titleOf(desc);
		if (name === undefined || name === "") await this.pushMemory(desc, body);
		else await this.pushNamed(desc, body, name, false, opts?.signal);
		if (isManifestMediaType(desc.mediaType)) await this.restoreDuplicates(desc, opts?.signal);
	}

	/**
	 * Like `push`, for a source that can start at an offset (see content/ingest.ts): a named
	 * layer inside the working directory is downloaded into
	 * `<workingDir>/.oras-ts-ingest/<alg>-<hex>.partial`, continuing an earlier partial
	 * download, verified, then renamed into place.
	 */
	async pushFrom(desc: Descriptor, open: OpenAt, opts?: OpOptions): Promise<void> {
		const name = titleOf(desc);
		if (name === undefined || name === "" || isManifestMediaType(desc.mediaType)) {
			const { body } = await open(0);
			await this.push(desc, body, opts);
			return;
		}
		this.checkOpen();
		throwIfAborted(opts?.signal);
		await this.pushNamed(desc, { openAt: open }, name, false, opts?.signal);
	}

	private async pushMemory(desc: Descriptor, body: AsyncIterable<Uint8Array>): Promise<void> {
		if (this.memory.has(desc.digest)) {
			discardBody(body);
			return;
		}
		if (this.memoryBytes + desc.size > this.memoryLimit) {
			discardBody(body);
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: unnamed content kept in memory would exceed ${this.memoryLimit} bytes in all (file store memory limit)`);
		}
		let data: Buffer;
		try {
			data = await readAllVerified(body, desc, this.fallbackLimit);
		} catch (err) {
			discardBody(body);
			if (hasCode(err, "SIZE_EXCEEDS_LIMIT")) {
				throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: content size ${desc.size} exceeds push size limit ${this.fallbackLimit}`, {
					cause: err,
				});
			}
			throw err;
		}
		if (this.memory.has(desc.digest)) return; // a concurrent push of the same content was first
		this.memory.set(desc.digest, { desc, data });
		this.memoryBytes += data.length;
		if (!this.descriptors.has(desc.digest)) this.descriptors.set(desc.digest, desc);
	}

	private async pushNamed(desc: Descriptor, source: AsyncIterable<Uint8Array> | { openAt: OpenAt }, name: string, restored: boolean, signal: AbortSignal | undefined): Promise<void> {
		let body: AsyncIterable<Uint8Array> = "openAt" in source ? emptyIterable() : source;
		if (this.names.has(name)) {
			discardBody(body);
			throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
		}
		this.names.set(name, "pending");
		try {
			const target = resolveWritePathIn(this.workingDir, name, this.allowPathTraversal); // workingDir is resolved (constructor)
			if (this.keepOldFiles && (await lstatOrUndefined(target)) !== undefined) {
				throw new OrasError("OVERWRITE_DISALLOWED", `${target}: overwrite disallowed`);
			}
			const directory = desc.annotations?.[Annotation.ContentUnpack] === "true";
			// Small blobs gain nothing from a resumable ingest (lock file, ingest dir): they are re-fetched whole.
			const resumable = "openAt" in source && !directory && desc.size >= SMALL_FILE_BYTES && isInside(this.workingDir, target);
			if ("openAt" in source && !resumable) body = (await source.openAt(0)).body;
			if (resumable) {
				await this.downloadResumable(desc, source.openAt, target, name, signal);
				this.digestToPath.set(desc.digest, target);
			} else if (directory) await this.pushDirectory(target, name, desc, body, signal);
			else if (this.syncSmallFiles && desc.size < SMALL_FILE_BYTES) await this.pushSmallFile(target, name, desc, body, signal);
			else await this.pushFile(target, name, desc, body, signal);
			this.names.set(name, "done");
			if (!this.descriptors.has(desc.digest)) this.descriptors.set(desc.digest, desc);
			const file: WrittenFile = { name, path: directory ? `${target}${sep}` : target, descriptor: desc, directory, restored };
			this.writtenFiles.push(file);
			if (restored) this.onRestored?.(file);
		} catch (err) {
			this.names.delete(name);
			discardBody(body);
			throw normalizeAbort(err);
		}
	}

	/** Downloads into the ingest directory (resuming a partial file left there), then renames into place. */
	private async downloadResumable(desc: Descriptor, open: OpenAt, target: string, name: string, signal: AbortSignal | undefined): Promise<void> {
		const ingestDir = join(this.workingDir, INGEST_DIR_NAME);
		const partial = partialPathOf(ingestDir, desc);
		let release: (() => Promise<void>) | undefined;
		try {
			// A concurrent download that just finished may remove the (then empty) ingest dir
			// between our mkdir and the lock file's creation: create it again (bounded).
			// The ingest dir must be a real directory of ours (never a symlink); no layer can be
			// titled into it (resolveWritePath), and the partial file is opened without
			// following symlinks (openPartial).
			for (let attempt = 0; release === undefined; attempt++) {
				try {
					await mkdir(this.workingDir, { recursive: true });
					await ensureIngestDir(ingestDir);
					release = await acquireFileLock(`${partial}.lock`, { signal });
				} catch (err) {
					if (attempt >= 10 || (err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
				}
			}
			await ingestResumable(partial, desc, open, { signal });
			await this.guarded(target, name, async () => {
				await mkdir(dirname(target), { recursive: true });
				const st = await lstat(partial);
				if (!st.isFile() || st.nlink !== 1) throw new OrasError("INVALID_ARGUMENT", `${partial}: the partial download was replaced`);
				await rename(partial, target);
			});
		} finally {
			await release?.();
			await removeIngestDirIfEmpty(ingestDir);
		}
	}

	/** A small file: read and verified in memory, then written via a temp file renamed into place. */
	private async pushSmallFile(target: string, name: string, desc: Descriptor, body: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
		const data = await readAllVerified(body, desc, SMALL_FILE_BYTES);
		throwIfAborted(signal);
		// Synchronous inside: the path is checked again right before the rename too.
		await this.exclusive(() => writeFileAtomicSync(target, data, 0o666, () => this.recheck(target, name)));
		this.digestToPath.set(desc.digest, target);
	}

	/** Writes via a temp file in the target's directory; renamed into place only once verified. */
	private async pushFile(target: string, name: string, desc: Descriptor, body: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
		const dir = dirname(target);
		const tmp = join(dir, `.${basename(target)}.oras-${randomSuffix()}.tmp`);
		try {
			// Created exclusively (never through a symlink) with the path checked right before;
			// the body is then written through that descriptor, wherever the path points later.
			const fh = await this.guarded(target, name, async () => {
				await mkdir(dir, { recursive: true });
				return open(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | O_NOFOLLOW, 0o666);
			});
			const id = await identityOf(fh).catch(async (err: unknown) => {
				await fh.close();
				throw err;
			});
			await withWriteStream(fh, { flags: "wx", mode: 0o666 }, (ws) => pipeline(body, verifier(desc), ws, signal ? { signal } : {}));
			await this.guarded(target, name, async () => {
				await checkIdentity(tmp, id);
				await rename(tmp, target);
			});
		} catch (err) {
			await unlinkQuiet(tmp);
			throw err;
		}
		this.digestToPath.set(desc.digest, target);
	}

	/**
	 * Saves the archive to a temp file (verified), extracts it into a temp directory next
	 * to the target, checks the tar digest, then swaps the directory into place.
	 */
	private async pushDirectory(target: string, name: string, desc: Descriptor, body: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
		const claimed = desc.annotations?.[Annotation.ContentDigest];
		const tarDigest: Digest | undefined = claimed ? parseDigest(claimed) : undefined;
		const gz = join(this.tempDir, `oras_file_${randomSuffix()}`);
		this.temps.add(gz);
		try {
			await withWriteStream(gz, { flags: "wx", mode: 0o600 }, (ws) => pipeline(body, verifier(desc), ws, signal ? { signal } : {}));
			await this.extractInto(target, gz, name, tarDigest, signal);
		} catch (err) {
			this.temps.delete(gz);
			await unlinkQuiet(gz);
			throw err;
		}
		this.digestToPath.set(desc.digest, gz);
	}

	/**
	 * Extracts into a private temp directory beside the target (created, and later swapped into
	 * place, with the path checked right before), so nothing of the archive is visible under
	 * the working directory until it was extracted completely.
	 */
	private async extractInto(target: string, gz: string, name: string, tarDigest: Digest | undefined, signal: AbortSignal | undefined): Promise<void> {
		const parent = dirname(target);
		const tmpDir = join(parent, `.${basename(target)}.oras-${randomSuffix()}`);
		const id = await this.guarded(target, name, async () => {
			await mkdir(parent, { recursive: true });
			await mkdir(tmpDir, { mode: 0o777 });
			return identityOf(tmpDir);
		});
		let old: string | undefined;
		try {
			await extractTarGzip(gz, tmpDir, name, tarDigest, { ...(signal ? { signal } : {}), ...(this.maxExtractSize !== undefined ? { maxSize: this.maxExtractSize } : {}) });
			await this.guarded(target, name, async () => {
				await checkIdentity(tmpDir, id);
				if (await lstatOrUndefined(target)) {
					old = join(parent, `.${basename(target)}.oras-old-${randomSuffix()}`);
					await rename(target, old);
					try {
						await rename(tmpDir, target);
					} catch (err) {
						await rename(old, target).catch(() => undefined);
						old = undefined;
						throw err;
					}
				} else {
					await rename(tmpDir, target);
				}
			});
			if (old !== undefined) await removeQuiet(old);
		} catch (err) {
			await removeQuiet(tmpDir);
			throw err;
		}
	}

	/** Writes named successors of a stored manifest from content already on disk under another name. */
	private async restoreDuplicates(manifest: Descriptor, signal: AbortSignal | undefined): Promise<void> {
		let raw: Buffer | undefined = this.memory.get(manifest.digest)?.data;
		if (raw === undefined) {
			const path = this.digestToPath.get(manifest.digest);
			if (path === undefined || manifest.size > MAX_MANIFEST_BYTES) return;
			raw = await readAllVerified(createReadStream(path), manifest).catch(() => undefined);
			if (raw === undefined) return;
		}
		let successors: Descriptor[];
		try {
			successors = successorsOf(parseManifest(raw, manifest.mediaType));
		} catch {
			return;
		}
		for (const s of successors) {
			const name = titleOf(s);
			if (name === undefined || name === "" || this.names.has(name)) continue;
			const path = this.digestToPath.get(s.digest);
			if (path === undefined) continue;
			try {
				await this.pushNamed(s, createReadStream(path), name, true, signal);
			} catch (err) {
				if (hasCode(err, "DUPLICATE_NAME")) continue;
				throw err;
			}
		}
	}

	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		this.checkOpen();
		throwIfAborted(opts?.signal);
		const d = this.refs.get(reference);
		if (d) return d;
		if (isDigest(reference)) {
			const known = this.descriptors.get(reference);
			if (known) return known;
		}
		throw new OrasError("NOT_FOUND", `${reference}: not found`);
	}

	async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		this.checkOpen();
		if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
		if (!(await this.exists(desc, opts))) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
		this.refs.set(reference, desc);
	}

	/** Files and directories written so far (pull), in commit order. */
	written(): WrittenFile[] {
		return [...this.writtenFiles];
	}

	/** Deletes the temp files (directory archives); the store cannot be used afterwards. */
	async close(): Promise<void> {
		this.closed = true;
		const temps = [...this.temps];
		this.temps.clear();
		await Promise.all(temps.map((t) => unlinkQuiet(t)));
		this.memory.clear();
		this.memoryBytes = 0;
	}
}

/** Device and inode of an open file or a path (not followed). */
async function identityOf(f: FileHandle | string): Promise<string> {
	const st = typeof f === "string" ? await lstatOrUndefined(f) : await f.stat();
	// a path that is already gone or a symlink was replaced right after we created it
	if (!st || st.isSymbolicLink()) throw new OrasError("ABORTED", `${String(f)}: a temporary file of this pull was moved or replaced`);
	return `${st.dev}:${st.ino}`;
}

/** Refuses to go on when `path` no longer names what was created there (a file or directory of ours). */
async function checkIdentity(path: string, id: string): Promise<void> {
	if ((await identityOf(path)) !== id) throw new OrasError("ABORTED", `${path}: a temporary file of this pull was moved or replaced`);
}

function isInside(dir: string, path: string): boolean {
	return path.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`);
}

async function* emptyIterable(): AsyncIterable<Uint8Array> {
	// nothing: a placeholder body for sources opened later
}

/** True when a path exists (for callers that pre-check `--keep-old-files`). */
export async function pathExists(p: string): Promise<boolean> {
	try {
		await lstat(p);
		return true;
	} catch (err) {
		if (isNotFound(err)) return false;
		throw err;
	}
}

/**
 * A small file's bytes, at most `size + 1` of them: a file that grew since it was added is
 * not read whole, and the extra byte makes the upload's length check fail.
 */
function readSmallFileSync(path: string, size: number): Buffer {
	const fd = openSync(path, "r");
	try {
		const buf = Buffer.allocUnsafe(size + 1);
		let n = 0;
		while (n < buf.length) {
			const r = readSync(fd, buf, n, buf.length - n, n);
			if (r === 0) break;
			n += r;
		}
		return buf.subarray(0, n);
	} finally {
		closeSync(fd);
	}
}
