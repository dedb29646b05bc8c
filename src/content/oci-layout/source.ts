/**
 * Read access to the files of an OCI layout, either a directory or an uncompressed
 * tar archive (served by offsets into the archive, never extracted).
 */
import { type FileHandle, open, stat } from "node:fs/promises";
import { join, posix } from "node:path";
import { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import { isNotFound } from "../internal/fsutil.js";
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

export class DirSource implements LayoutSource {
	constructor(readonly root: string) {}

	get location(): string {
		return this.root;
	}

	async size(rel: string): Promise<number | undefined> {
		try {
			const st = await stat(join(this.root, rel));
			return st.isFile() ? st.size : undefined;
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
	}

	async readSmall(rel: string, limit: number): Promise<Buffer | undefined> {
		let fh: FileHandle;
		try {
			fh = await open(join(this.root, rel), "r");
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
		try {
			const st = await fh.stat();
			if (!st.isFile()) return undefined;
			if (st.size > limit) throw tooLarge(rel, st.size, limit);
			const buf = Buffer.alloc(st.size);
			let got = 0;
			while (got < st.size) {
				const { bytesRead } = await fh.read(buf, got, st.size - got, got);
				if (bytesRead === 0) break;
				got += bytesRead;
			}
			return buf.subarray(0, got);
		} finally {
			await fh.close();
		}
	}

	async stream(rel: string, what: string): Promise<Readable> {
		let fh: FileHandle;
		try {
			fh = await open(join(this.root, rel), "r");
		} catch (err) {
			if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${what}: not found`, { cause: err });
			throw err;
		}
		return fh.createReadStream({ autoClose: true });
	}

	async close(): Promise<void> {}
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
