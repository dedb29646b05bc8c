/**
 * Bulk GETs: one HTTP/1.1 GET of a large blob body over its own connection (net or tls), read
 * with `onread` into one reused buffer instead of node:http's fresh buffer per socket read
 * (whose garbage V8 frees only after ~64 MiB of it: a 1 GiB pull peaked at 96 MiB RSS).
 *
 * Used by the node transport only for a GET without a body whose caller expects a large body
 * (`HttpRequest.expectedBodyBytes` ≥ the transport's `bulkMinBytes`) and when no proxy applies.
 * The request carries the same headers node:http would send (`Connection: close` instead of
 * keep-alive: the connection is never reused). Bounds: connect timeout, header timeout (from the
 * request being written to the end of the headers), header bytes (`http.maxHeaderSize`) and
 * lines (2000), and a body of exactly `Content-Length` bytes (an early close is a NETWORK_ERROR,
 * more bytes a REGISTRY_ERROR). A response this reader does not handle — no `Content-Length`,
 * any `Transfer-Encoding`, a 1xx status, a header block it cannot parse — is dropped and
 * `bulkGet` resolves `undefined`: the caller sends the request again through node:http.
 * Redirects and errors come back as ordinary responses (their small bodies copied).
 *
 * The body is a `Readable` that any consumer may read as usual (each chunk then is a fresh copy).
 * A consumer that opts in with `lendChunks(body, sink)` (src/content/storage.ts) instead gets each
 * read handed to its synchronous `sink` straight from the one reused read buffer: the chunk is
 * valid only during the call, and the socket reads into the same buffer once the call returns.
 * No chunk outlives its call, so a body holds one `READ_BYTES` buffer whatever its size.
 */
import { maxHeaderSize } from "node:http";
import * as net from "node:net";
import { Readable } from "node:stream";
import type * as tls from "node:tls";
import { OrasError } from "../../errors.js";
import { type ChunkSink, LEND_CHUNKS } from "../../content/storage.js";
import { unwatchAbort, watchAbort } from "../../content/internal/abort.js";
import { abortError, type BodyTimeouts, setBodyTimeouts, timeoutError } from "./body.js";
import type { HeaderMap } from "./headers.js";
import { parseResponseHead as parseHttp1Head, requestHead as http1RequestHead } from "./http1.js";
import { redactURL } from "./middleware.js";
import type { HttpRequest, HttpResponse } from "./types.js";

/** Blobs at least this large go through the bulk reader by default (smaller ones keep the keep-alive pool). */
export const DEFAULT_BULK_MIN_BYTES = 4 * 1024 * 1024;
/** The reused read buffer of a bulk response (also bounds its header block). */
export const READ_BYTES = 256 * 1024;
/** The largest TLS record's payload: a TLS socket's reads are at most this long. */
const TLS_RECORD = 16 * 1024;
export { MAX_HEADER_LINES } from "./http1.js";

/** Counters for tests and diagnostics: bulk responses returned, and responses handed back to node:http. */
export const bulkStats = { responses: 0, fallbacks: 0, lent: 0 };

export interface BulkTarget {
	/** Where to connect (after --resolve). */
	readonly host: string;
	readonly port: number;
	/** TLS options (CA, client certificate, verification, servername) for https; undefined for http. */
	readonly tls?: tls.ConnectionOptions | undefined;
	readonly connectTimeoutMs: number;
	readonly headerTimeoutMs: number;
	/** Timeouts of the small bodies read by other layers (set on the body like node.ts does). */
	readonly bodyTimeouts: BodyTimeouts;
	/** Wraps a socket failure like the node transport does. */
	readonly networkError: (err: unknown) => unknown;
}

/** The request head (`Connection: close`: the connection is never reused), or undefined for node:http (see http1.ts). */
export function requestHead(req: HttpRequest): string | undefined {
	return http1RequestHead(req, { close: true });
}

export interface ParsedHead {
	readonly status: number;
	readonly headers: HeaderMap;
	/** The body length; undefined when the response does not declare one this reader accepts. */
	readonly contentLength: number | undefined;
}

/**
 * Parses a response head (without the blank line). Undefined when it is not something this
 * reader handles — not strict HTTP/1.x, an interim reply, any Transfer-Encoding, an ambiguous
 * length (then node:http gets the request); throws only for the line-count bound.
 */
export function parseResponseHead(head: string): ParsedHead | undefined {
	const h = parseHttp1Head(head);
	if (h === undefined || h.status < 200 || h.chunked || h.unframed) return undefined;
	return { status: h.status, headers: h.headers, contentLength: h.contentLength };
}

/**
 * Sends a GET for a large body over a new connection and resolves its response, or `undefined`
 * when the response is one for node:http (see the module comment). Rejects like the node
 * transport: `networkError` for socket and TLS failures, timeouts, aborts.
 */
export function bulkGet(req: HttpRequest, target: BulkTarget): Promise<HttpResponse | undefined> {
	const head = requestHead(req);
	if (head === undefined) return Promise.resolve(undefined);
	return new Promise<HttpResponse | undefined>((resolve, reject) => {
		new BulkConnection(req, target, head, resolve, reject);
	});
}

class BulkConnection {
	private readonly sock: net.Socket;
	/** The one read buffer; `fill` bytes of a header block in it until the head is parsed. */
	private readonly buf = Buffer.allocUnsafeSlow(READ_BYTES);
	private fill = 0;
	/** Lend mode: the bytes read and not lent yet are at [lendStart, lendEnd) of `buf`. */
	private lendStart = 0;
	private lendEnd = 0;
	private readonly views: Buffer[] = [];
	private body: BulkBody | undefined;
	private settled = false;
	private timer: NodeJS.Timeout | undefined;
	private readonly onAbort: () => void;

	constructor(
		private readonly req: HttpRequest,
		private readonly target: BulkTarget,
		head: string,
		private readonly resolve: (r: HttpResponse | undefined) => void,
		private readonly reject: (err: unknown) => void,
	) {
		// Node asks for the buffer of the next read after each read's callback (and once at the start):
		// the rest of the buffer while a header block accumulates, then all of it.
		const onread = {
			buffer: () => (this.body === undefined ? this.buf.subarray(this.fill) : this.body.lending ? this.viewAt(this.lendEnd) : this.buf),
			callback: (n: number, buf: Uint8Array) => this.onRead(n, buf),
		};
		const secure = target.tls !== undefined;
		this.sock = secure
			? process.getBuiltinModule("node:tls").connect({ ...target.tls, host: target.host, port: target.port, onread } as tls.ConnectionOptions)
			: net.connect({ host: target.host, port: target.port, onread });
		this.onAbort = () => this.fail(abortError());
		const signal = req.signal;
		if (signal?.aborted) queueMicrotask(this.onAbort);
		else if (signal !== undefined) watchAbort(signal, this.onAbort);
		this.arm(target.connectTimeoutMs, `connection to ${req.url.host} timed out after ${target.connectTimeoutMs} ms`);
		this.sock.once(secure ? "secureConnect" : "connect", () => {
			this.arm(target.headerTimeoutMs, `no response within ${target.headerTimeoutMs} ms (header timeout)`);
			this.sock.write(head, "latin1");
		});
		this.sock.on("error", (err) => this.fail(err));
		this.sock.on("close", () => {
			if (!this.settled) this.fail(new OrasError("NETWORK_ERROR", `${this.where()}: connection closed before the response headers`));
			else this.body?.socketClosed();
			this.cleanup();
		});
	}

	private where(): string {
		// Without the signature of a presigned URL (see `networkError`).
		return `GET "${redactURL(this.req.url)}"`;
	}

	private arm(ms: number, message: string): void {
		this.clearTimer();
		if (ms > 0) this.timer = setTimeout(() => this.fail(timeoutError(message)), ms);
	}

	private clearTimer(): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = undefined;
	}

	private cleanup(): void {
		this.clearTimer();
		if (this.req.signal !== undefined) unwatchAbort(this.req.signal, this.onAbort);
	}

	/** Fails the request (before the headers) or the body (after). */
	fail(err: unknown): void {
		this.cleanup();
		this.sock.destroy();
		if (!this.settled) {
			this.settled = true;
			this.reject(this.target.networkError(err));
			return;
		}
		this.body?.fail(err instanceof Error && err.name === "AbortError" ? err : (this.target.networkError(err) as Error));
	}

	/** The buffer from `off` on; the views at multiples of a TLS record's size are made once. */
	private viewAt(off: number): Buffer {
		if (off % TLS_RECORD !== 0) return this.buf.subarray(off);
		const i = off / TLS_RECORD;
		return (this.views[i] ??= this.buf.subarray(off));
	}

	/**
	 * Lend mode: reads land one after another in the buffer, at `lendEnd`; the bytes from
	 * `lendStart` are lent as one chunk when the buffer is nearly full, on a short read, at the
	 * end, or after this turn of the event loop (a TLS socket delivers 16 KiB records: lending
	 * each alone would cost a call and an object per record).
	 */
	private lendRead(n: number, buf: Uint8Array): boolean {
		const body = this.body as BulkBody;
		if (buf.buffer !== this.buf.buffer || buf.byteOffset !== this.buf.byteOffset + this.lendEnd) {
			// Never happens with Node's onread; checked because a wrong guess here would corrupt data.
			body.fail(new OrasError("NETWORK_ERROR", `${this.where()}: a read landed outside the read buffer`));
			return false;
		}
		this.lendEnd += n;
		if (!body.counted(n)) return false;
		const nearlyFull = this.buf.length - this.lendEnd < TLS_RECORD;
		if (nearlyFull || n < TLS_RECORD || body.isComplete()) return this.lendNow(nearlyFull);
		this.flushSoon ??= setImmediate(this.flushLater);
		return true;
	}

	private flushSoon: NodeJS.Immediate | undefined;
	private readonly flushLater = () => {
		this.flushSoon = undefined;
		if (this.lendStart < this.lendEnd) this.lendNow(false);
	};

	/** Lends the bytes read since the last chunk; `wrap` starts the buffer over (the next read was not asked for yet). */
	private lendNow(wrap: boolean): boolean {
		const body = this.body as BulkBody;
		const more = body.lend(this.buf.subarray(this.lendStart, this.lendEnd));
		if (wrap) this.lendEnd = 0;
		this.lendStart = this.lendEnd;
		return more;
	}

	private onRead(n: number, buf: Uint8Array): boolean {
		if (this.body?.lending === true) return this.lendRead(n, buf);
		if (this.body !== undefined) return this.body.onRead(Buffer.from(buf.buffer, buf.byteOffset, n));
		if (this.settled) return false;
		const from = Math.max(0, this.fill - 3);
		this.fill += n;
		const limit = Math.min(maxHeaderSize, READ_BYTES / 2);
		const end = this.buf.subarray(0, this.fill).indexOf("\r\n\r\n", from, "latin1");
		if (end < 0 ? this.fill > limit : end > limit) {
			this.fail(new OrasError("NETWORK_ERROR", `${this.where()}: response headers larger than ${limit} bytes`));
			return false;
		}
		if (end < 0) return true;
		let parsed: ParsedHead | undefined;
		try {
			parsed = parseResponseHead(this.buf.toString("latin1", 0, end));
		} catch (err) {
			this.fail(new OrasError("NETWORK_ERROR", `${this.where()}: ${(err as Error).message}`));
			return false;
		}
		this.settled = true;
		this.clearTimer();
		if (parsed === undefined || parsed.contentLength === undefined) {
			bulkStats.fallbacks++;
			this.cleanup();
			this.sock.destroy();
			this.resolve(undefined);
			return false;
		}
		// The body bytes that came with the head are copied out (start): the next read reuses the buffer.
		const first = this.buf.subarray(end + 4, this.fill);
		const body = new BulkBody(this, parsed.contentLength, this.where());
		this.body = body;
		setBodyTimeouts(body, this.target.bodyTimeouts);
		bulkStats.responses++;
		this.resolve({ status: parsed.status, headers: parsed.headers, url: this.req.url, body });
		body.start(first);
		// Nothing more is read until the body is.
		return false;
	}

	resume(): void {
		if (!this.sock.destroyed) this.sock.resume();
	}

	destroySocket(): void {
		this.cleanup();
		if (this.flushSoon !== undefined) clearImmediate(this.flushSoon);
		this.flushSoon = undefined;
		this.sock.destroy();
	}
}

/**
 * The body of a bulk response: a Readable of copies, or lent chunks after `[LEND_CHUNKS](sink)`
 * (see the module comment for the contract). Until one of the two is chosen, reads that still
 * arrive (a TLS socket delivers the records it has already decrypted after being paused) are
 * kept as copies, in order, and go first; a failure found then waits for the choice too, so it
 * reaches whoever reads instead of an 'error' event no one listens to yet.
 */
class BulkBody extends Readable {
	private received = 0;
	private complete = false;
	private mode: "undecided" | "stream" | "lend" = "undecided";
	/** Copies of the bytes read before the mode was chosen (the bytes that came with the head first). */
	private pending: Buffer[] = [];
	private failure: Error | undefined;
	private sink: ChunkSink | undefined;
	private lent: { resolve: () => void; reject: (err: unknown) => void } | undefined;

	constructor(
		private readonly conn: BulkConnection,
		private readonly length: number,
		private readonly where: string,
	) {
		super({ highWaterMark: 64 * 1024 });
	}

	get lending(): boolean {
		return this.mode === "lend";
	}

	isComplete(): boolean {
		return this.complete;
	}

	/** Counts `n` bytes read in lend mode (false: the body failed). */
	counted(n: number): boolean {
		return !this.destroyed && this.count(n);
	}

	/** Counts `n` more bytes: false (and the body failed) past Content-Length; exactly there completes it. */
	private count(n: number): boolean {
		this.received += n;
		if (this.received > this.length) {
			this.fail(new OrasError("REGISTRY_ERROR", `${this.where}: the response body is longer than its Content-Length ${this.length}`));
			return false;
		}
		if (this.received === this.length && !this.complete) {
			this.complete = true;
			this.conn.destroySocket();
		}
		return true;
	}

	/** Fails the body now, or once a reader chose how to read it. */
	fail(err: Error): void {
		this.conn.destroySocket();
		if (this.mode === "undecided") this.failure ??= err;
		else this.destroy(err);
	}

	/** Takes the bytes that came with the head. */
	start(first: Buffer): void {
		if (first.length > 0) this.onRead(first);
		else this.count(0);
	}

	/** A read: kept, copied into the stream, or lent to the sink. False pauses the socket. */
	onRead(chunk: Buffer): boolean {
		if (this.destroyed || this.failure !== undefined || !this.count(chunk.length)) return false;
		if (this.mode === "lend") return this.lend(chunk);
		if (this.mode === "undecided") {
			this.pending.push(Buffer.from(chunk));
			return false;
		}
		const more = this.push(Buffer.from(chunk));
		if (this.complete) this.push(null);
		return more && !this.complete;
	}

	/** Lends one chunk to the sink; false when the body is done or failed. */
	lend(chunk: Buffer): boolean {
		if (this.destroyed) return false;
		try {
			(this.sink as ChunkSink)(chunk);
		} catch (err) {
			this.destroy(err as Error);
			return false;
		}
		if (!this.complete) return true;
		this.lent?.resolve();
		this.lent = undefined;
		this.destroy();
		return false;
	}

	/** Leaves the undecided state: false when a deferred failure was raised. */
	private choose(mode: "stream" | "lend"): boolean {
		this.mode = mode;
		if (this.failure === undefined) return true;
		this.destroy(this.failure);
		return false;
	}

	/** The connection closed: fine once complete, an early EOF otherwise. */
	socketClosed(): void {
		if (this.complete || this.destroyed) return;
		this.fail(new OrasError("NETWORK_ERROR", `${this.where}: connection closed after ${this.received} of ${this.length} body bytes`));
	}

	override _read(): void {
		if (this.mode === "lend" || this.destroyed) return;
		if (this.mode === "undecided") {
			if (!this.choose("stream")) return;
			const kept = this.pending;
			this.pending = [];
			for (const b of kept) this.push(b);
			if (this.complete) {
				this.push(null);
				return;
			}
		}
		if (!this.complete) this.conn.resume();
	}

	override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
		this.conn.destroySocket();
		this.lent?.reject(err ?? new OrasError("NETWORK_ERROR", `${this.where}: the response body was closed after ${this.received} of ${this.length} bytes`));
		this.lent = undefined;
		cb(err);
	}

	/** Lends every chunk to `sink` (see the module comment); undefined once the body is read as a stream. */
	[LEND_CHUNKS](sink: ChunkSink): Promise<void> | undefined {
		if (this.mode !== "undecided" || this.destroyed) return undefined;
		this.sink = sink;
		bulkStats.lent++;
		// Errors reach the borrower through the promise; the stream's error event has no one else to tell.
		this.on("error", () => {});
		return new Promise<void>((resolve, reject) => {
			this.lent = { resolve, reject };
			if (!this.choose("lend")) return;
			const kept = this.pending;
			this.pending = [];
			for (const b of kept) {
				try {
					sink(b);
				} catch (err) {
					this.destroy(err as Error);
					return;
				}
			}
			if (this.complete) {
				this.lent = undefined;
				resolve();
				this.destroy();
				return;
			}
			this.conn.resume();
		});
	}
}
