/**
 * A small pull-based tar reader. Headers are decoded with node-tar's `Header`
 * (ustar, GNU base-256 numbers); PAX records and GNU long names are handled here.
 * The same loop serves a stream (pull destination, body consumed in order) and a
 * file read by offsets (layout tar: bodies are skipped, never read).
 */
import type { FileHandle } from "node:fs/promises";
import type { Header, HeaderData } from "tar";
import { OrasError } from "../../errors.js";
import { tarLib } from "./tar-lib.js";

export const BLOCK = 512;

/** Bytes of padding after a body of `size` bytes. */
export function paddingOf(size: number): number {
	const r = size % BLOCK;
	return r === 0 ? 0 : BLOCK - r;
}

export interface BlockSource {
	/** Offset of the next unread byte. */
	readonly position: number;
	/** Exactly `n` bytes; `null` at a clean end of input; throws on a short read. */
	read(n: number): Promise<Buffer | null>;
	/** Skips `n` bytes (reads and drops them for streams). */
	skip(n: number): Promise<void>;
	/** Streams the next `n` bytes. */
	chunks(n: number): AsyncGenerator<Buffer>;
	/** Consumes whatever is left (streams only; hashing upstream must see every byte). */
	drain(): Promise<void>;
}

function truncated(): OrasError {
	return new OrasError("UNEXPECTED_EOF", "invalid tar archive: unexpected EOF");
}

/** A BlockSource over an async iterable of bytes. */
export class StreamBlockSource implements BlockSource {
	private readonly it: AsyncIterator<Uint8Array>;
	private buf: Buffer = Buffer.alloc(0);
	private pos = 0;
	private done = false;

	constructor(src: AsyncIterable<Uint8Array>) {
		this.it = src[Symbol.asyncIterator]();
	}

	get position(): number {
		return this.pos;
	}

	private async fill(): Promise<boolean> {
		if (this.done) return false;
		const r = await this.it.next();
		if (r.done) {
			this.done = true;
			return false;
		}
		const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
		this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
		return true;
	}

	async read(n: number): Promise<Buffer | null> {
		while (this.buf.length < n) {
			if (!(await this.fill())) {
				if (this.buf.length === 0) return null;
				throw truncated();
			}
		}
		const out = this.buf.subarray(0, n);
		this.buf = this.buf.subarray(n);
		this.pos += n;
		return out;
	}

	async *chunks(n: number): AsyncGenerator<Buffer> {
		let left = n;
		while (left > 0) {
			if (this.buf.length === 0 && !(await this.fill())) throw truncated();
			const take = Math.min(left, this.buf.length);
			const out = this.buf.subarray(0, take);
			this.buf = this.buf.subarray(take);
			this.pos += take;
			left -= take;
			yield out;
		}
	}

	async skip(n: number): Promise<void> {
		for await (const _ of this.chunks(n)) {
			// dropped
		}
	}

	async drain(): Promise<void> {
		this.pos += this.buf.length;
		this.buf = Buffer.alloc(0);
		while (await this.fill()) {
			this.pos += this.buf.length;
			this.buf = Buffer.alloc(0);
		}
	}
}

/** A BlockSource over a file read by offset; skipping costs nothing. */
export class FileBlockSource implements BlockSource {
	private pos = 0;
	constructor(
		private readonly fh: FileHandle,
		private readonly fileSize: number,
	) {}

	get position(): number {
		return this.pos;
	}

	async read(n: number): Promise<Buffer | null> {
		if (this.pos >= this.fileSize) return null;
		if (this.pos + n > this.fileSize) throw truncated();
		const out = Buffer.alloc(n);
		let got = 0;
		while (got < n) {
			const { bytesRead } = await this.fh.read(out, got, n - got, this.pos + got);
			if (bytesRead === 0) throw truncated();
			got += bytesRead;
		}
		this.pos += n;
		return out;
	}

	async skip(n: number): Promise<void> {
		if (this.pos + n > this.fileSize) throw truncated();
		this.pos += n;
	}

	async *chunks(n: number): AsyncGenerator<Buffer> {
		let left = n;
		while (left > 0) {
			const take = Math.min(left, 64 * 1024);
			const b = await this.read(take);
			if (b === null) throw truncated();
			left -= take;
			yield b;
		}
	}

	async drain(): Promise<void> {
		this.pos = this.fileSize;
	}
}

export type TarEntryType =
	| "File"
	| "OldFile"
	| "ContiguousFile"
	| "Directory"
	| "SymbolicLink"
	| "Link"
	| "CharacterDevice"
	| "BlockDevice"
	| "FIFO"
	| "Other";

export interface TarEntry {
	readonly path: string;
	readonly type: TarEntryType;
	/** Body length in the archive (0 for header-only types). */
	readonly size: number;
	readonly mode: number;
	readonly mtime: Date | undefined;
	readonly linkpath: string;
	/** Archive offset of the body's first byte. */
	readonly offset: number;
	/** The body; what the consumer leaves unread is skipped. */
	readonly body: AsyncIterable<Buffer>;
}

const KNOWN: ReadonlySet<string> = new Set([
	"File",
	"OldFile",
	"ContiguousFile",
	"Directory",
	"SymbolicLink",
	"Link",
	"CharacterDevice",
	"BlockDevice",
	"FIFO",
]);
const HEADER_ONLY: ReadonlySet<string> = new Set(["Directory", "SymbolicLink", "Link", "CharacterDevice", "BlockDevice", "FIFO"]);

/** Extension headers are small; refuse absurd ones instead of buffering them. */
const MAX_EXTENSION_BYTES = 1024 * 1024;

/** Parses PAX records (`<len> <key>=<value>\n`), values may contain newlines. */
export function parsePax(body: Buffer, into: Record<string, string> = {}): Record<string, string> {
	let off = 0;
	while (off < body.length) {
		if (body[off] === 0) break;
		const space = body.indexOf(0x20, off);
		if (space < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
		const len = Number.parseInt(body.subarray(off, space).toString("ascii"), 10);
		if (!Number.isSafeInteger(len) || len <= space - off + 1 || off + len > body.length || body[off + len - 1] !== 0x0a) {
			throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
		}
		const rec = body.subarray(space + 1, off + len - 1).toString("utf8");
		const eq = rec.indexOf("=");
		if (eq <= 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
		const key = rec.slice(0, eq);
		const value = rec.slice(eq + 1);
		if (value === "") delete into[key];
		else into[key] = value;
		off += len;
	}
	return into;
}

function paxToHeaderData(pax: Record<string, string>): HeaderData {
	const h: HeaderData = {};
	if (pax.path !== undefined) h.path = pax.path;
	if (pax.linkpath !== undefined) h.linkpath = pax.linkpath;
	if (pax.size !== undefined) {
		const n = Number(pax.size);
		if (!Number.isSafeInteger(n) || n < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: bad PAX size");
		h.size = n;
	}
	if (pax.mtime !== undefined) {
		const t = Number(pax.mtime);
		if (Number.isFinite(t)) h.mtime = new Date(t * 1000);
	}
	return h;
}

function cString(b: Buffer): string {
	const nul = b.indexOf(0);
	return (nul >= 0 ? b.subarray(0, nul) : b).toString("utf8");
}

function isZeroBlock(b: Buffer): boolean {
	for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
	return true;
}

/**
 * Yields the entries of a tar archive. The archive ends at a zero block or at the end
 * of input on a header boundary; any trailing bytes are drained.
 */
export async function* readTar(src: BlockSource): AsyncGenerator<TarEntry> {
	let pax: Record<string, string> | undefined;
	const globalPax: Record<string, string> = {};
	let longPath: string | undefined;
	let longLink: string | undefined;
	for (;;) {
		const block = await src.read(BLOCK);
		if (block === null) break;
		if (isZeroBlock(block)) break;
		const ex = pax ? paxToHeaderData(pax) : undefined;
		const gex = Object.keys(globalPax).length > 0 ? paxToHeaderData(globalPax) : undefined;
		let h: Header;
		try {
			h = new (tarLib().Header)(block, 0, ex, gex);
		} catch (err) {
			// node-tar throws plain Errors for numeric fields it cannot represent (base-256 sizes, …)
			throw new OrasError("INVALID_ARGUMENT", `invalid tar archive: bad header at offset ${src.position - BLOCK}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
		}
		if (!h.cksumValid) throw new OrasError("INVALID_ARGUMENT", `invalid tar archive: bad header checksum at offset ${src.position - BLOCK}`);
		const size = h.size ?? 0;
		if (!Number.isSafeInteger(size) || size < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: bad entry size");
		const key = h.typeKey;
		if (key === "x" || key === "g" || key === "L" || key === "K") {
			if (size > MAX_EXTENSION_BYTES) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: extension header too large");
			const body = size === 0 ? Buffer.alloc(0) : await src.read(size);
			if (body === null) throw truncated();
			await src.skip(paddingOf(size));
			if (key === "x") pax = parsePax(body, pax ?? {});
			else if (key === "g") parsePax(body, globalPax);
			else if (key === "L") longPath = cString(body);
			else longLink = cString(body);
			continue;
		}
		const typeName = h.type as string;
		const type: TarEntryType = KNOWN.has(typeName) ? (typeName as TarEntryType) : "Other";
		// A global header's path/linkpath never names an entry (node-tar ignores them too).
		const path = pax?.path ?? longPath ?? h.path ?? "";
		const linkpath = pax?.linkpath ?? longLink ?? h.linkpath ?? "";
		pax = undefined;
		longPath = undefined;
		longLink = undefined;
		const dataSize = HEADER_ONLY.has(type) ? 0 : size;
		const offset = src.position;
		let consumed = 0;
		let reading = false;
		const body: AsyncIterable<Buffer> = {
			[Symbol.asyncIterator]: async function* () {
				if (reading) throw new OrasError("INVALID_ARGUMENT", "tar entry body read twice");
				reading = true;
				for await (const c of src.chunks(dataSize - consumed)) {
					consumed += c.length;
					yield c;
				}
			},
		};
		yield { path, type, size: dataSize, mode: h.mode ?? 0, mtime: h.mtime, linkpath, offset, body };
		// What the consumer left unread, then the padding of the body.
		await src.skip(dataSize - consumed);
		await src.skip(paddingOf(dataSize));
	}
	await src.drain();
}
