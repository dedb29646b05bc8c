import { Readable, type TransformCallback } from "node:stream";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import { algorithmOf, Digester, digestOf, parseDigest } from "../oci/digest.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { HashingStream } from "./internal/hashing.js";
import type { Fetcher, OpOptions } from "./storage.js";

/**
 * A pass-through that counts and hashes bytes (a `HashingStream`) and fails the stream when
 * more than `desc.size` bytes arrive, when it ends short, or when the digest differs.
 * Nothing is committed by a store until this has flushed cleanly.
 */
export class VerifyingStream extends HashingStream {
	readonly desc: Descriptor;
	private readonly checkDigest: boolean;

	/**
	 * `start`/`digester`: continue after a prefix already hashed into `digester` (resumed
	 * downloads); `checkDigest: false` leaves the digest comparison to the caller.
	 */
	constructor(desc: Descriptor, opts: { readonly digester?: Digester; readonly start?: number; readonly checkDigest?: boolean } = {}) {
		super(algorithmOf(parseDigest(desc.digest)), opts);
		this.desc = desc;
		this.checkDigest = opts.checkDigest ?? true;
	}

	get bytesSeen(): number {
		return this.size;
	}

	override _transform(chunk: Buffer, enc: BufferEncoding, done: TransformCallback): void {
		if (this.size + chunk.length > this.desc.size) {
			done(new OrasError("TRAILING_DATA", `${this.desc.digest}: trailing data: more than the expected ${this.desc.size} bytes`));
			return;
		}
		super._transform(chunk, enc, done);
	}

	override _flush(done: TransformCallback): void {
		if (this.size !== this.desc.size) {
			done(new OrasError("UNEXPECTED_EOF", `${this.desc.digest}: unexpected EOF: got ${this.size} of ${this.desc.size} bytes`));
			return;
		}
		if (!this.checkDigest) {
			done();
			return;
		}
		const got = this.digest;
		if (got !== this.desc.digest) {
			done(new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${this.desc.digest}, got ${got}`));
			return;
		}
		done();
	}
}

export function verifier(desc: Descriptor): VerifyingStream {
	return new VerifyingStream(desc);
}

/**
 * Reads a whole small object (manifest, config, token reply) into memory, verified,
 * refusing anything over `limit` before reading it. A `bufferedBody` is not read again: its
 * buffer is checked (not at all when it was verified against the same content already).
 */
export async function readAllVerified(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, desc: Descriptor, limit = MAX_MANIFEST_BYTES): Promise<Buffer> {
	if (desc.size > limit) {
		throw new OrasError("SIZE_EXCEEDS_LIMIT", `content size ${desc.size} exceeds the limit of ${limit} bytes`);
	}
	const held = takeBuffered(body);
	if (held !== undefined) return held.verified?.digest === desc.digest && held.verified.size === desc.size ? held.bytes : verifyBytes(held.bytes, desc);
	const digester = new Digester(algorithmOf(parseDigest(desc.digest)));
	const chunks: Buffer[] = [];
	let n = 0;
	for await (const chunk of body) {
		n += chunk.byteLength;
		if (n > desc.size) {
			destroyIterable(body);
			throw trailingData(desc);
		}
		digester.update(chunk);
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	}
	return checkDigest(Buffer.concat(chunks, n), desc, () => digester.digest());
}

/** Checks bytes already in memory against `desc` (size, then digest; the errors of `readAllVerified`) and returns them. */
export function verifyBytes(bytes: Buffer, desc: Descriptor): Buffer {
	if (bytes.length > desc.size) throw trailingData(desc);
	const alg = algorithmOf(parseDigest(desc.digest));
	return checkDigest(bytes, desc, () => digestOf(bytes, alg));
}

function trailingData(desc: Descriptor): OrasError {
	return new OrasError("TRAILING_DATA", `${desc.digest}: trailing data: more than the expected ${desc.size} bytes`);
}

/** `bytes` against `desc`'s size, then against its digest (`digest()`: of all of them; taken only when the size matches). */
function checkDigest(bytes: Buffer, desc: Descriptor, digest: () => string): Buffer {
	if (bytes.length !== desc.size) throw new OrasError("UNEXPECTED_EOF", `${desc.digest}: unexpected EOF: got ${bytes.length} of ${desc.size} bytes`);
	const got = digest();
	if (got !== desc.digest) throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${desc.digest}, got ${got}`);
	return bytes;
}

/** Reads at most `limit` bytes of an unverified body (e.g. a manifest fetched by tag, an error body); a `bufferedBody` is handed back as it is. */
export async function readAllLimited(body: AsyncIterable<Uint8Array>, limit: number, what = "content"): Promise<Buffer> {
	const held = takeBuffered(body);
	if (held !== undefined && held.bytes.length > limit) throw sizeExceeds(what, limit);
	if (held !== undefined) return held.bytes;
	const chunks: Buffer[] = [];
	let n = 0;
	for await (const chunk of body) {
		n += chunk.byteLength;
		if (n > limit) {
			destroyIterable(body);
			throw sizeExceeds(what, limit);
		}
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	}
	return Buffer.concat(chunks, n);
}

function sizeExceeds(what: string, limit: number): OrasError {
	return new OrasError("SIZE_EXCEEDS_LIMIT", `${what} size exceeds the limit of ${limit} bytes`);
}

/** The buffer behind each unread `bufferedBody`, what it was verified against, and who hears when it is read (`rebufferedBody`). */
const buffered = new WeakMap<object, { readonly bytes: Buffer; readonly verified: Descriptor | undefined; readonly onRead?: ((bytes: number) => void) | undefined }>();

/**
 * A body replaying `bytes` (a manifest read whole once), which `readAllVerified` and
 * `readAllLimited` hand on as it is instead of reading and copying it again. With `verified`,
 * `bytes` are checked against it here (`verifyBytes`), and `readAllVerified` of the same
 * content skips the hashing. Read any other way, it is an ordinary stream of `bytes`.
 */
export function bufferedBody(bytes: Buffer, verified?: Descriptor): Readable {
	if (verified !== undefined) verifyBytes(bytes, verified);
	const body = new BytesBody(bytes);
	buffered.set(body, { bytes, verified });
	return body;
}

/**
 * A stream of one buffer, then its end: cheaper to make than `Readable.from([bytes])` (no async
 * iterator behind it). `complete` as node's IncomingMessage has it: the whole message is here.
 */
class BytesBody extends Readable {
	readonly complete = true;
	private bytes: Buffer | undefined;
	private readonly onRead: ((bytes: number) => void) | undefined;

	constructor(bytes: Buffer, onRead?: (bytes: number) => void) {
		super({ highWaterMark: 0 });
		this.bytes = bytes;
		this.onRead = onRead;
	}

	override _read(): void {
		const b = this.bytes;
		this.bytes = undefined;
		if (b !== undefined) this.onRead?.(b.length);
		if (b !== undefined && b.length > 0) this.push(b);
		this.push(null);
	}
}

/**
 * An unread `bufferedBody` handed on as a new one over the same bytes (the old one is used up)
 * that calls `onRead` once with their length, when they are taken whole (`readAllVerified`,
 * `takeBufferedBytes`) or read as a stream: a progress count that keeps a small body whole.
 * Undefined, and `body` left as it is, for any other body.
 */
export function rebufferedBody(body: object, onRead: (bytes: number) => void): Readable | undefined {
	const held = takeBuffered(body);
	if (held === undefined) return undefined;
	const out = new BytesBody(held.bytes, onRead);
	buffered.set(out, { bytes: held.bytes, verified: held.verified, onRead });
	return out;
}

/** The bytes of an unread `bufferedBody` (the body is used up, as if read), else undefined and the body left as it is. */
export function takeBufferedBytes(body: object): Buffer | undefined {
	return takeBuffered(body)?.bytes;
}

/**
 * The bytes of a `bufferedBody` nobody has read from yet, leaving it unread (undefined for any
 * other body).
 */
export function peekBufferedBytes(body: object): Buffer | undefined {
	const held = buffered.get(body);
	const r = body as Readable;
	return held === undefined || r.readableDidRead || r.destroyed ? undefined : held.bytes;
}

/** The buffer of a `bufferedBody` nobody has read from yet (the body is used up). */
function takeBuffered(body: object): { readonly bytes: Buffer; readonly verified: Descriptor | undefined } | undefined {
	const held = buffered.get(body);
	if (held === undefined) return undefined;
	buffered.delete(body);
	const r = body as Readable;
	if (r.readableDidRead || r.destroyed) return undefined;
	r.destroy();
	held.onRead?.(held.bytes.length);
	return held;
}

function destroyIterable(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): void {
	if (body instanceof Readable) body.destroy();
}

/** Fetches and verifies a small object (manifest, index, config). */
export async function fetchBytes(store: Fetcher, desc: Descriptor, opts?: OpOptions & { limit?: number }): Promise<Buffer> {
	if (desc.data !== undefined) {
		const data = Buffer.from(desc.data, "base64");
		return readAllVerified([data], desc, opts?.limit);
	}
	const body = await store.fetch(desc, opts);
	return readAllVerified(body, desc, opts?.limit);
}
