/**
 * Writes tar archives as a stream of buffers: ustar headers (node-tar's `Header`),
 * PAX records when a name or size does not fit, uid/gid 0 and empty owner names.
 */
import type { Stats } from "node:fs";
import { open, readdir, readlink, stat as statPath, lstat } from "node:fs/promises";
import { posix } from "node:path";
import { OrasError } from "../../errors.js";
import { throwIfAborted } from "./fsutil.js";
import { tarLib } from "./tar-lib.js";
import { BLOCK, paddingOf } from "./tar-reader.js";

export type TarWriteType = "File" | "Directory" | "SymbolicLink" | "Link" | "CharacterDevice" | "BlockDevice" | "FIFO";

export interface TarHeaderInput {
	readonly path: string;
	readonly type: TarWriteType;
	readonly size?: number;
	readonly mode: number;
	readonly mtime: Date;
	readonly linkpath?: string;
	readonly devmaj?: number;
	readonly devmin?: number;
}

/** Two zero blocks end an archive. */
export const TAR_END: Buffer = Buffer.alloc(2 * BLOCK);

const MAX_OCTAL_SIZE = 0o77777777777;

/** The header block(s) of one entry: a PAX header first when a field does not fit ustar. */
export function encodeTarHeader(e: TarHeaderInput): Buffer {
	const { Header, Pax } = tarLib();
	const h = new Header({
		path: e.path,
		mode: e.mode & 0o7777,
		uid: 0,
		gid: 0,
		size: e.type === "File" ? (e.size ?? 0) : 0,
		mtime: new Date(Math.round(e.mtime.getTime() / 1000) * 1000),
		type: e.type,
		linkpath: e.linkpath ?? "",
		uname: "",
		gname: "",
		devmaj: e.devmaj ?? 0,
		devmin: e.devmin ?? 0,
	});
	const block = Buffer.alloc(BLOCK);
	const needPax = h.encode(block, 0);
	if (!needPax) return block;
	const paxData: { path: string; linkpath?: string; size?: number } = { path: e.path };
	if (e.linkpath) paxData.linkpath = e.linkpath;
	if (e.type === "File" && (e.size ?? 0) > MAX_OCTAL_SIZE) paxData.size = e.size ?? 0;
	return Buffer.concat([new Pax(paxData).encode(), block]);
}

/** Zero padding after a body of `size` bytes. */
export function tarPadding(size: number): Buffer {
	return Buffer.alloc(paddingOf(size));
}

function compareBytewise(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Major/minor numbers of a Linux dev_t as Node reports it. */
function devNumbers(rdev: number): { devmaj: number; devmin: number } {
	const hi = Math.floor(rdev / 2 ** 32);
	const lo = rdev >>> 0;
	return {
		devmaj: ((lo >>> 8) & 0xfff) | ((hi & 0xfffff000) >>> 0),
		devmin: (lo & 0xff) | ((lo >>> 12) & 0xfff00),
	};
}

/** Streams exactly `size` bytes of a regular file; fails if it changed size meanwhile. */
export async function* fileBody(path: string, size: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
	const fh = await open(path, "r");
	try {
		let pos = 0;
		const buf = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 256 * 1024));
		while (pos < size) {
			throwIfAborted(signal);
			const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
			if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${path}: file shrank while it was being archived`);
			pos += bytesRead;
			yield Buffer.from(buf.subarray(0, bytesRead));
		}
	} finally {
		await fh.close();
	}
}

export interface TarTreeOptions {
	/** Archive name of the root; entries are `<prefix>/<rel>`. Empty: root-relative names, no root entry. */
	readonly prefix: string;
	/** Append `/` to directory names. */
	readonly dirSlash?: boolean;
	/** Return false to leave out a root-relative path (and everything under it). */
	readonly include?: (rel: string, st: Stats) => boolean;
	/** Every entry's mtime (reproducible archives, `SOURCE_DATE_EPOCH`); default: each file's own. */
	readonly mtime?: Date;
	readonly signal?: AbortSignal | undefined;
}

/**
 * Archives a directory tree in lexical order without following symlinks (they are stored
 * as links); hard links are stored as regular files. The end-of-archive blocks are included.
 */
export async function* tarTree(root: string, opts: TarTreeOptions): AsyncGenerator<Buffer> {
	// The root itself may be reached through a symlink; what is under it is not followed.
	const rootStat = await statPath(root);
	if (!rootStat.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${root}: not a directory`);
	yield* walk(root, "", rootStat, opts);
	yield TAR_END;
}

async function* walk(abs: string, rel: string, st: Stats, opts: TarTreeOptions): AsyncGenerator<Buffer> {
	throwIfAborted(opts.signal);
	const name = opts.prefix === "" ? rel : rel === "" ? opts.prefix : posix.join(opts.prefix, rel);
	const mtime = opts.mtime ?? st.mtime;
	const mode = st.mode;
	if (st.isDirectory()) {
		if (name !== "") yield encodeTarHeader({ path: opts.dirSlash ? `${name}/` : name, type: "Directory", mode, mtime });
		const names = (await readdir(abs)).sort(compareBytewise);
		for (const child of names) {
			const childAbs = `${abs}/${child}`;
			const childRel = rel === "" ? child : `${rel}/${child}`;
			const cst = await lstat(childAbs);
			if (opts.include && !opts.include(childRel, cst)) continue;
			yield* walk(childAbs, childRel, cst, opts);
		}
		return;
	}
	if (st.isFile()) {
		yield encodeTarHeader({ path: name, type: "File", size: st.size, mode, mtime });
		yield* fileBody(abs, st.size, opts.signal);
		if (paddingOf(st.size) > 0) yield tarPadding(st.size);
		return;
	}
	if (st.isSymbolicLink()) {
		yield encodeTarHeader({ path: name, type: "SymbolicLink", mode, mtime, linkpath: await readlink(abs) });
		return;
	}
	if (st.isFIFO()) {
		yield encodeTarHeader({ path: name, type: "FIFO", mode, mtime });
		return;
	}
	if (st.isCharacterDevice() || st.isBlockDevice()) {
		yield encodeTarHeader({
			path: name,
			type: st.isCharacterDevice() ? "CharacterDevice" : "BlockDevice",
			mode,
			mtime,
			...devNumbers(st.rdev),
		});
		return;
	}
	throw new OrasError("UNSUPPORTED", `${abs}: sockets not supported`);
}
