/** Descriptors for files and directories added to the file store (push sources). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { normalizeAbort } from "../../errors.js";
import { type Digest, type DigestAlgorithm, Digester, digestOf } from "../../oci/digest.js";
import { REUSED_CHUNK_BYTES, reusedFileChunks } from "../internal/file-chunks.js";
import { randomSuffix, throwIfAborted, unlinkQuiet, withWriteStream } from "../internal/fsutil.js";
import { HashingStream } from "../internal/hashing.js";
import { tarTree } from "../internal/tar-writer.js";
import { normalizeArchivePath } from "./unpack.js";

/**
 * Reads a file once to get its digest (sha256 unless `alg` says otherwise) and size, through two
 * reused buffers (`reusedFileChunks`): nothing is buffered, and no garbage buffer per read.
 */
export async function digestFile(path: string, signal?: AbortSignal, sizeHint?: number, alg: DigestAlgorithm = "sha256"): Promise<{ digest: Digest; size: number }> {
	// ABORTED whatever the signal's reason (the CLI aborts with an Error, not an AbortError).
	throwIfAborted(signal);
	const d = new Digester(alg);
	let size = 0;
	// Up to 1 MiB reads, but no bigger than the file: small files must not cost a 1 MiB buffer each.
	const chunkBytes = sizeHint === undefined ? REUSED_CHUNK_BYTES : Math.max(16 * 1024, Math.min(REUSED_CHUNK_BYTES, sizeHint));
	for await (const chunk of reusedFileChunks(path, 0, chunkBytes)) {
		throwIfAborted(signal);
		d.update(chunk);
		size += chunk.byteLength;
	}
	return { digest: d.digest(), size };
}

/** `digestFile` for a small file: one synchronous read, no stream (see FileStore). */
export function digestSmallFile(path: string): { digest: Digest; size: number } {
	const data = readFileSync(path);
	return { digest: digestOf(data), size: data.length };
}

export interface PackedDirectory {
	/** The temp file holding the tar+gzip (`oras_file_*`). */
	readonly path: string;
	/** Digest and size of the gzip bytes (the layer). */
	readonly digest: Digest;
	readonly size: number;
	/** sha256 of the raw tar (`io.deis.oras.content.digest`). */
	readonly tarDigest: Digest;
}

/**
 * Archives a directory as tar+gzip into a new temp file in `tempDir`, in one pass:
 * the raw tar is hashed on its way into gzip and the gzip bytes are hashed on their way
 * to disk. Entries are `<name>/<rel>` (the root entry is `<name>`) in byte order, uid/gid 0,
 * no owner names, mtimes kept (or all `mtime` when given: reproducible archives), symlinks
 * kept; the gzip header carries no name and mtime 0.
 */
export async function packDirectory(dir: string, name: string, tempDir: string, signal?: AbortSignal, mtime?: Date): Promise<PackedDirectory> {
	const path = join(tempDir, `oras_file_${randomSuffix()}`);
	const rawHash = new HashingStream();
	const gzHash = new HashingStream();
	try {
		await withWriteStream(path, { flags: "wx", mode: 0o600 }, (ws) =>
			pipeline(tarTree(dir, { prefix: normalizeArchivePath(name), signal, ...(mtime ? { mtime } : {}) }), rawHash, process.getBuiltinModule("node:zlib").createGzip(), gzHash, ws, signal ? { signal } : {}),
		);
	} catch (err) {
		await unlinkQuiet(path);
		throw normalizeAbort(err);
	}
	return { path, digest: gzHash.digest, size: gzHash.size, tarDigest: rawHash.digest };
}
