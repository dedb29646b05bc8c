/**
 * Strict extraction of a directory archive (tar+gzip) pulled by the file store.
 * Entries must lie under the title prefix, no absolute names, no `..`, no writing
 * through symlinks, link targets must stay inside; only regular files, directories,
 * symlinks and hard links are created (other types are skipped).
 *
 * The invariant the file store relies on: every symlink created here resolves, from where
 * it physically sits, to a place inside the archive's root directory (its target climbs
 * `..` at most as deep as the link sits below the root, then only names entries), and a
 * hard link only ever joins a regular file of the same archive — never a symlink, whose
 * relative target would mean something else at the link's place.
 */
import { createReadStream } from "node:fs";
import { chmod, link, lutimes, mkdir, stat, symlink, unlink } from "node:fs/promises";
import { join, posix } from "node:path";
import { pipeline } from "node:stream/promises";
import { OrasError } from "../../errors.js";
import { algorithmOf, type Digest } from "../../oci/digest.js";
import { lstatOrUndefined, withWriteStream } from "../internal/fsutil.js";
import { HashingStream } from "../internal/hashing.js";
import { readTar, StreamBlockSource, type TarEntry } from "../internal/tar-reader.js";

function escapeError(entry: string, why: string): OrasError {
	return new OrasError("PATH_TRAVERSAL", `${JSON.stringify(entry)}: ${why}: path traversal disallowed`);
}

function isAbsoluteName(p: string): boolean {
	return p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:/.test(p);
}

/** A title or archive name in normal form: no `.` or empty components, no trailing `/`. */
export function normalizeArchivePath(p: string): string {
	return posix.normalize(p).replace(/\/+$/, "");
}

/** The components of archive path `p` below `prefix` (normalized); refuses anything else. */
function underPrefix(p: string, prefix: string): string[] {
	// Entries of an archive whose title is absolute carry that absolute prefix; they are
	// still written below the destination, never at their absolute path.
	if (isAbsoluteName(p) && !isAbsoluteName(prefix)) throw escapeError(p, "absolute path");
	if (p.includes("\0")) throw escapeError(p, "invalid name");
	const norm = normalizeArchivePath(p);
	if (norm === prefix) return [];
	if (!norm.startsWith(`${prefix}/`)) throw escapeError(p, `outside of ${JSON.stringify(prefix)}`);
	const rest = norm.slice(prefix.length + 1).split("/");
	if (rest.includes("..") || rest.includes("")) throw escapeError(p, `outside of ${JSON.stringify(prefix)}`);
	return rest;
}

/** A symlink target must be relative and may only climb (`..`) before naming anything. */
function checkSymlinkTarget(entry: string, target: string, depth: number): void {
	if (target === "") throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: empty symlink target`);
	if (isAbsoluteName(target)) throw escapeError(entry, `absolute link target ${JSON.stringify(target)}`);
	let ups = 0;
	let named = false;
	for (const s of target.split("/")) {
		if (s === "" || s === ".") continue;
		if (s === "..") {
			if (named) throw escapeError(entry, `link target ${JSON.stringify(target)} climbs after a name`);
			ups++;
		} else {
			named = true;
		}
	}
	if (ups > depth) throw escapeError(entry, `link target ${JSON.stringify(target)} is outside of the directory`);
}

interface DirMeta {
	readonly path: string;
	readonly depth: number;
	readonly mode: number;
	readonly mtime: Date | undefined;
}

class Extractor {
	private readonly dirs: DirMeta[] = [];
	private umask = 0o022;
	/** Identity of `dest`: extraction stops if the directory was moved or replaced meanwhile. */
	private destId = "";

	constructor(
		private readonly dest: string,
		private readonly prefix: string,
	) {}

	async init(): Promise<void> {
		// The umask, observed from the directory the caller just created with mode 0777.
		const st = await lstatOrUndefined(this.dest);
		if (!st?.isDirectory()) throw new OrasError("ABORTED", `${this.dest}: the extraction directory was moved or replaced`);
		this.umask = 0o777 & ~st.mode;
		this.destId = `${st.dev}:${st.ino}`;
	}

	/** The destination is still the real directory extraction started in. */
	private async checkDest(): Promise<void> {
		const st = await lstatOrUndefined(this.dest);
		if (!st || !st.isDirectory() || `${st.dev}:${st.ino}` !== this.destId) {
			throw new OrasError("ABORTED", `${this.dest}: the extraction directory was moved or replaced`);
		}
	}

	/** No component of `rel` (a directory chain below dest) may be a symlink. */
	private async checkParents(entry: string, rel: readonly string[]): Promise<void> {
		let cur = this.dest;
		for (const s of rel) {
			cur = join(cur, s);
			const st = await lstatOrUndefined(cur);
			if (!st) return;
			if (st.isSymbolicLink()) throw escapeError(entry, "symlink in path");
			if (!st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: ${s} is not a directory`);
		}
	}

	/** Makes room for a non-directory entry: removes an existing file or symlink. */
	private async clear(entry: string, target: string): Promise<void> {
		const st = await lstatOrUndefined(target);
		if (!st) return;
		if (st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: a directory is in the way`);
		await unlink(target);
	}

	async entry(e: TarEntry): Promise<void> {
		const rel = underPrefix(e.path, this.prefix);
		await this.checkDest();
		if (rel.length === 0) {
			if (e.type !== "Directory") throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: the root entry must be a directory`);
			this.dirs.push({ path: this.dest, depth: 0, mode: e.mode, mtime: e.mtime });
			return;
		}
		const parents = rel.slice(0, -1);
		const target = join(this.dest, ...rel);
		switch (e.type) {
			case "File":
			case "OldFile": {
				await this.checkParents(e.path, parents);
				await mkdir(join(this.dest, ...parents), { recursive: true });
				await this.clear(e.path, target);
				// "wx" (O_CREAT|O_EXCL) never follows a symlink in the last component.
				await withWriteStream(target, { flags: "wx", mode: e.mode & 0o777 }, (ws) => pipeline(e.body, ws));
				if (e.mtime) await lutimes(target, e.mtime, e.mtime);
				return;
			}
			case "Directory": {
				await this.checkParents(e.path, rel);
				const st = await lstatOrUndefined(target);
				if (st && !st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: a file is in the way`);
				await mkdir(target, { recursive: true, mode: 0o700 | (e.mode & 0o777) });
				this.dirs.push({ path: target, depth: rel.length, mode: e.mode, mtime: e.mtime });
				return;
			}
			case "SymbolicLink": {
				await this.checkParents(e.path, parents);
				checkSymlinkTarget(e.path, e.linkpath, parents.length);
				await mkdir(join(this.dest, ...parents), { recursive: true });
				await this.clear(e.path, target);
				await symlink(e.linkpath, target);
				if (e.mtime) await lutimes(target, e.mtime, e.mtime).catch(() => undefined);
				return;
			}
			case "Link": {
				await this.checkParents(e.path, parents);
				const src = underPrefix(e.linkpath, this.prefix);
				if (src.length === 0) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: hard link to the root directory`);
				if (src.join("/") === rel.join("/")) return; // a link to itself changes nothing
				await this.checkParents(e.path, src.slice(0, -1));
				const from = join(this.dest, ...src);
				const st = await lstatOrUndefined(from);
				// link(2) does not follow a symlink: it would copy the link, whose relative target
				// then resolves from the new place — possibly outside. Only regular files are linked.
				if (st?.isSymbolicLink()) throw escapeError(e.path, `hard link to the symbolic link ${JSON.stringify(e.linkpath)}`);
				if (!st || !st.isFile()) {
					throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: hard link target ${JSON.stringify(e.linkpath)} is not a file in the archive`);
				}
				await mkdir(join(this.dest, ...parents), { recursive: true });
				await this.clear(e.path, target);
				await link(from, target);
				return;
			}
			default:
				// Devices, FIFOs and unknown types are skipped, as oras does.
				return;
		}
	}

	/** Directory modes and mtimes last (children change a directory's mtime), deepest first. */
	async finish(): Promise<void> {
		const dirs = [...this.dirs].sort((a, b) => b.depth - a.depth);
		await this.checkDest();
		for (const d of dirs) {
			// chmod follows symlinks: touch only what is still a real directory.
			const st = await lstatOrUndefined(d.path);
			if (!st?.isDirectory()) continue;
			await chmod(d.path, d.mode & 0o777 & ~this.umask);
			if (d.mtime) await lutimes(d.path, d.mtime, d.mtime);
		}
	}
}

/** The default extract size limit: 1 GiB plus 100 times the archive's compressed size. */
export const EXTRACT_SIZE_BASE = 1024 ** 3;
export const EXTRACT_SIZE_RATIO = 100;

/** The default bound on the uncompressed size of a directory archive of `compressedSize` bytes. */
export function defaultExtractLimit(compressedSize: number): number {
	return EXTRACT_SIZE_BASE + EXTRACT_SIZE_RATIO * compressedSize;
}

export interface ExtractOptions {
	readonly signal?: AbortSignal;
	/**
	 * Bytes the archive may expand to (its uncompressed tar stream, which bounds what is written
	 * to disk): more fail with SIZE_EXCEEDS_LIMIT and the caller discards what was extracted.
	 * Default `defaultExtractLimit(compressed size)` (1 GiB + 100 × compressed, against gzip bombs,
	 * which expand up to 1000:1); 0 turns the bound off.
	 */
	readonly maxSize?: number;
}

/**
 * Extracts `gzPath` into `dest` (an existing, empty directory created with mode 0777),
 * taking the entries under `prefix` (the title). The digest of the raw tar is checked
 * against `tarDigest` after everything was read; on any failure the caller discards `dest`.
 */
export async function extractTarGzip(gzPath: string, dest: string, prefix: string, tarDigest: Digest | undefined, opts: ExtractOptions = {}): Promise<void> {
	const ex = new Extractor(dest, normalizeArchivePath(prefix));
	await ex.init();
	const max = opts.maxSize ?? defaultExtractLimit((await stat(gzPath)).size);
	const hasher = new HashingStream(
		tarDigest ? algorithmOf(tarDigest) : "sha256",
		{ limit: max > 0 ? { bytes: max, error: () => new OrasError("SIZE_EXCEEDS_LIMIT", `${prefix}: the directory archive expands to more than ${max} bytes (extract size limit)`) } : undefined },
	);
	await pipeline(
		createReadStream(gzPath),
		process.getBuiltinModule("node:zlib").createGunzip(),
		hasher,
		async (source: AsyncIterable<Buffer>) => {
			for await (const e of readTar(new StreamBlockSource(source))) await ex.entry(e);
		},
		opts.signal ? { signal: opts.signal } : {},
	);
	if (tarDigest !== undefined && hasher.digest !== tarDigest) {
		throw new OrasError("DIGEST_MISMATCH", `${prefix}: content digest mismatch: expected ${tarDigest}, got ${hasher.digest}`);
	}
	await ex.finish();
}
