/**
 * Read access to the files of an OCI layout, either a directory or an uncompressed
 * tar archive (served by offsets into the archive, never extracted).
 */
import { constants as fsConstants, type Stats } from "node:fs";
import { type FileHandle, lstat, open, realpath } from "node:fs/promises";
import { join, posix, sep } from "node:path";
import { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import { FileRangeReader, FileRangeStream } from "../internal/file-stream.js";
import { errnoOf, isNotFound } from "../internal/fsutil.js";
import { FileBlockSource, readTar } from "../internal/tar-reader.js";

export interface LayoutSource {
	/** A human-readable location for messages. */
	readonly location: string;
	/** Size of a regular file at a layout-relative path, or undefined when absent. */
	size(rel: string): Promise<number | undefined>;
	/** Reads a whole small file, refusing more than `limit` bytes. Undefined when absent. */
	readSmall(rel: string, limit: number): Promise<Buffer | undefined>;
	/** Streams a file; NOT_FOUND when absent. */
	stream(rel: string, what: string): Promise<Readable>;
	close(): Promise<void>;
}

function tooLarge(what: string, size: number, limit: number): OrasError {
	return new OrasError("SIZE_EXCEEDS_LIMIT", `${what}: content size ${size} exceeds the limit of ${limit} bytes`);
}

/** Open flags of a layout file: never through a symlink, never blocking on a FIFO. */
const OPEN_FLAGS = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK;

/**
 * A layout directory. Its files are read only when they lie inside it: a file that is a symbolic
 * link, or not a regular file, is refused (`O_NOFOLLOW`, then `fstat`), and so is a file whose
 * directory (`blobs`, `blobs/<alg>`) resolves outside the layout root (its real path is compared
 * with the root's once per directory). A hostile layout whose `blobs/sha256/<hex>` links to
 * `~/.ssh/id_rsa` cannot make `cp`/`restore` read that file. The root itself may be a symlink.
 */
export class DirSource implements LayoutSource {
	private realRoot: Promise<string> | undefined;
	/** Directories (layout-relative) whose real path was found inside the root. */
	private readonly insideDirs = new Set<string>();

	constructor(readonly root: string) {}

	get location(): string {
		return this.root;
	}

	async size(rel: string): Promise<number | undefined> {
		let st: Stats;
		try {
			await this.checkDirectory(rel);
			st = await lstat(join(this.root, rel));
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
		if (st.isDirectory()) return undefined;
		if (!st.isFile()) throw this.notRegular(rel, st);
		return st.size;
	}

	async readSmall(rel: string, limit: number): Promise<Buffer | undefined> {
		const opened = await this.openFile(rel);
		if (!opened) return undefined;
		const { fh, size } = opened;
		try {
			if (size > limit) throw tooLarge(rel, size, limit);
			const buf = Buffer.alloc(size);
			let got = 0;
			while (got < size) {
				const { bytesRead } = await fh.read(buf, got, size - got, got);
				if (bytesRead === 0) break;
				got += bytesRead;
			}
			return buf.subarray(0, got);
		} finally {
			await fh.close();
		}
	}

	async stream(rel: string, what: string, range?: { start: number; end: number }): Promise<Readable> {
		const opened = await this.openFile(rel);
		if (!opened) throw new OrasError("NOT_FOUND", `${what}: not found`);
		return new FileRangeStream(opened.fh, range?.start ?? 0, range?.end ?? opened.size - 1, what);
	}

	/** Reads a range of a file into the caller's buffers (see `FileRangeReader`); NOT_FOUND when absent. */
	async openRange(rel: string, what: string, range: { start: number; end: number }): Promise<FileRangeReader> {
		const opened = await this.openFile(rel);
		if (!opened) throw new OrasError("NOT_FOUND", `${what}: not found`);
		return new FileRangeReader(opened.fh, range.start, range.end, what);
	}

	async close(): Promise<void> {}

	/** Opens a regular file of the layout without following a symlink; undefined when absent. */
	private async openFile(rel: string): Promise<{ fh: FileHandle; size: number } | undefined> {
		let fh: FileHandle;
		try {
			await this.checkDirectory(rel);
			fh = await open(join(this.root, rel), OPEN_FLAGS);
		} catch (err) {
			if (isNotFound(err)) return undefined;
			if (errnoOf(err) === "ELOOP") throw this.notRegular(rel);
			throw err;
		}
		try {
			const st = await fh.stat();
			if (st.isDirectory()) {
				await fh.close();
				return undefined;
			}
			if (!st.isFile()) throw this.notRegular(rel, st);
			return { fh, size: st.size };
		} catch (err) {
			await fh.close();
			throw err;
		}
	}

	/** Refuses a file whose directory resolves outside the layout root (a symlinked `blobs` or `blobs/<alg>`). */
	private async checkDirectory(rel: string): Promise<void> {
		const dir = posix.dirname(rel);
		if (dir === "." || this.insideDirs.has(dir)) return;
		this.realRoot ??= realpath(this.root);
		const root = await this.realRoot;
		const real = await realpath(join(this.root, dir));
		const want = join(root, dir);
		if (real !== want && !real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) {
			throw new OrasError("INVALID_ARGUMENT", `${this.root}: ${dir} is a symbolic link leading outside the OCI layout; refusing to read ${rel}`);
		}
		this.insideDirs.add(dir);
	}

	private notRegular(rel: string, st?: Stats): OrasError {
		const kind = st === undefined || st.isSymbolicLink() ? "a symbolic link" : "not a regular file";
		return new OrasError("INVALID_ARGUMENT", `${this.root}: ${rel} is ${kind}; an OCI layout's files must be regular files inside it`);
	}
}

interface Member {
	readonly offset: number;
	readonly size: number;
}

/** Cleans a member name the way a layout is addressed: no leading `./` or `/`, no `..`. */
export function cleanMemberPath(name: string): string | undefined {
	const cleaned = posix.normalize(`/${name}`).slice(1).replace(/\/+$/, "");
	if (cleaned === "" || cleaned === "." || cleaned.split("/").includes("..")) return undefined;
	return cleaned;
}

export class TarSource implements LayoutSource {
	private constructor(
		readonly file: string,
		private readonly members: ReadonlyMap<string, Member>,
	) {}

	/** Scans the archive's headers once (bodies are skipped by offset). */
	static async open(file: string): Promise<TarSource> {
		const fh = await open(file, "r");
		const members = new Map<string, Member>();
		try {
			const st = await fh.stat();
			for await (const e of readTar(new FileBlockSource(fh, st.size))) {
				const rel = cleanMemberPath(e.path);
				if (rel === undefined) continue;
				if (e.type === "File" || e.type === "OldFile" || e.type === "ContiguousFile") {
					members.set(rel, { offset: e.offset, size: e.size });
				} else {
					members.delete(rel);
				}
			}
		} catch (err) {
			if (OrasError.is(err)) throw new OrasError(err.code, `${file}: ${err.message}`, { cause: err });
			throw err;
		} finally {
			await fh.close();
		}
		return new TarSource(file, members);
	}

	get location(): string {
		return this.file;
	}

	async size(rel: string): Promise<number | undefined> {
		return this.members.get(rel)?.size;
	}

	async readSmall(rel: string, limit: number): Promise<Buffer | undefined> {
		const m = this.members.get(rel);
		if (!m) return undefined;
		if (m.size > limit) throw tooLarge(rel, m.size, limit);
		const fh = await open(this.file, "r");
		try {
			const buf = Buffer.alloc(m.size);
			let got = 0;
			while (got < m.size) {
				const { bytesRead } = await fh.read(buf, got, m.size - got, m.offset + got);
				if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${this.file}: ${rel}: unexpected EOF`);
				got += bytesRead;
			}
			return buf;
		} finally {
			await fh.close();
		}
	}

	async stream(rel: string, what: string): Promise<Readable> {
		const m = this.members.get(rel);
		if (!m) throw new OrasError("NOT_FOUND", `${what}: not found`);
		if (m.size === 0) return Readable.from([], { objectMode: false });
		const fh = await open(this.file, "r");
		return fh.createReadStream({ start: m.offset, end: m.offset + m.size - 1, autoClose: true });
	}

	async close(): Promise<void> {}
}
