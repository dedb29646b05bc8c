/**
 * Small requests over our own HTTP/1.1 keep-alive connections: requests without a body or with a
 * small one, whose replies are small (HEAD and GET of small blobs and manifests, upload
 * POST/PUT/PATCH of small blobs, tag and referrers pages, token requests, DELETE). node:http costs
 * more CPU than everything else about such a request (a ClientRequest, an IncomingMessage, agent
 * bookkeeping and several event-loop turns each): a push of 500 small files makes 1,500 of them.
 *
 * A request is written as one buffer (head and body). The reply is handed on when its head has
 * arrived, as node:http does: when its body came in the same read (the usual case for small
 * replies) as a buffered body that readers take as it is; otherwise as a stream filled as the
 * connection reads it, with back-pressure, which its readers bound in size and time (metadata
 * timeouts) as they bound node:http's. Bodies are framed by `Content-Length`, chunks or the
 * connection's end. The connection goes back to the pool (≤ `maxSockets` idle per origin) once the
 * reply's body has ended.
 *
 * Bounds: connect timeout; header timeout from the request being written to the end of the
 * headers; header bytes (`http.maxHeaderSize`) and lines (2000); interim 1xx replies (10); a
 * chunk-size line ≤ 64 bytes; trailers within `http.maxHeaderSize`. A connection carrying anything
 * after its reply (pipelined bytes, bytes while idle), whose request body the socket had not fully
 * taken, or whose reply said `Connection: close` (or was HTTP/1.0), is closed instead of reused. A
 * reused connection closed before any byte of the reply (the registry dropped it while idle) is
 * retried once on a new connection.
 *
 * What this client does not handle goes to node:http: a request with a header it cannot send as
 * is (node:http decides), and a GET or HEAD whose reply head it does not parse, whose framing is
 * ambiguous (any Transfer-Encoding but chunked, or chunked with a Content-Length), that is a 101,
 * or whose chunked framing breaks before the reply was handed on: sent again through node:http,
 * like the bulk reader does. Other methods fail then (NETWORK_ERROR), and so does any request
 * whose reply has more than 2000 header lines.
 */
import { maxHeaderSize } from "node:http";
import * as net from "node:net";
import { Readable } from "node:stream";
import type * as tls from "node:tls";
import { OrasError } from "../../errors.js";
import { bufferedBody } from "../../content/verify.js";
import type { BulkTarget } from "./bulk.js";
import { unwatchAbort, watchAbort } from "../../content/internal/abort.js";
import { abortError, setBodyTimeouts, timeoutError } from "./body.js";
import { parseResponseHead, type ResponseHead } from "./http1.js";
import { redactURL } from "./middleware.js";
import type { HttpRequest, HttpResponse } from "./types.js";

/** Request bodies up to this size may be sent through this client (larger ones stream through node:http). */
export const LITE_MAX_REQUEST_BODY = 64 * 1024;
/** A GET expecting more than this (a blob) is streamed through node:http or the bulk reader instead. */
export const LITE_MAX_EXPECTED = 64 * 1024;
/** Interim (1xx) replies skipped at most before the final one. */
export const LITE_MAX_INTERIM = 10;
/** Idle connections kept at most over all origins (each origin keeps at most `maxSockets`). */
export const LITE_MAX_IDLE = 64;
/** TLS sessions remembered at most (one per origin, for resumption; node's https agent keeps 100). */
export const LITE_MAX_SESSIONS = 100;
/**
 * Body pieces shorter than this are copied together (up to `STAGE_BYTES`) instead of handed on one
 * by one: each piece costs ~100 bytes of heap wherever it is kept, so a body sent a byte per packet
 * (or in one-byte chunks) would cost 100 times its size in its reader.
 */
const SMALL_PIECE = 1024;
const STAGE_BYTES = 16 * 1024;
/** Copied small pieces wait at most this long for more before they are handed on. */
const STAGE_MS = 20;
/** Longest chunk-size line (size, extensions) of a chunked reply. */
const MAX_CHUNK_LINE = 64;

/** Counters for tests and diagnostics. */
export const liteStats = { requests: 0, connections: 0, reused: 0, fallbacks: 0, retries: 0 };

/** Where and how to connect: the bulk reader's target (the node transport makes both the same way). */
export type LiteTarget = BulkTarget;

const IDEMPOTENT_FALLBACK = new Set(["GET", "HEAD"]);

/** How an exchange ends for its caller: a reply (resolved at its head), node:http's turn, or a failure before the reply. */
interface ExchangeEnd {
	reply(res: HttpResponse): void;
	fallback(): void;
	error(err: Error, retry: boolean): void;
}

class PooledSocket {
	/** Bytes read and not yet parsed. */
	buf: Buffer = Buffer.alloc(0);
	exchange: Exchange | undefined;
	reused = false;
	constructor(
		readonly sock: net.Socket,
		readonly key: string,
		readonly pool: LitePool,
	) {
		sock.on("data", (chunk: Buffer) => {
			if (this.exchange === undefined) {
				// Bytes nobody asked for: the connection cannot be trusted with a next request.
				this.pool.forget(this);
				sock.destroy();
				return;
			}
			this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
			this.exchange.onData();
		});
		sock.on("error", (err) => {
			this.pool.forget(this);
			this.exchange?.onError(err);
		});
		sock.on("close", () => {
			this.pool.forget(this);
			this.exchange?.onClose();
		});
		sock.on("end", () => {
			// The server finished its side: an idle connection is done; an exchange completes or fails on close.
			if (this.exchange === undefined) sock.destroy();
		});
	}
}

/**
 * The body of a reply that did not arrive whole with its head: filled as the connection reads
 * it, with back-pressure (the socket pauses while the reader lags). Read like node:http's
 * IncomingMessage: its readers apply their own limits and metadata timeouts.
 */
class LiteBody extends Readable {
	constructor(private readonly ex: Exchange) {
		super({ highWaterMark: 16 * 1024 });
	}

	override _read(): void {
		this.ex.resumeBody();
	}

	override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
		this.ex.bodyClosed();
		// As node:http's IncomingMessage: an error nobody listens for is not thrown (the body is destroyed;
		// a reader coming later sees it end early).
		cb(this.listenerCount("error") === 0 ? null : err);
	}
}

/** One request and its reply on a pooled connection. */
class Exchange {
	private timer: NodeJS.Timeout | undefined;
	private head: ResponseHead | undefined;
	private interim = 0;
	private gotBytes = false;
	/** Over: the connection went back to the pool or was closed. */
	private done = false;
	/** The caller has its reply (or its error, or node:http has the request). */
	private answered = false;
	/** Body bytes decoded in this read, before the reply is handed on (it may be whole already). */
	private parts: Buffer[] = [];
	private bodyBytes = 0;
	/** Once the reply was handed on with its body still coming. */
	private body: LiteBody | undefined;
	/** Small pieces copied together (see SMALL_PIECE): `stagedBytes` of `stage`, handed on by `flushStage`. */
	private stage: Buffer | undefined;
	private stagedBytes = 0;
	private stageTimer: NodeJS.Timeout | undefined;
	/** Chunked decoding: bytes left in the current chunk (-1: a size line is next; -2: the CRLF after a chunk). */
	private chunkLeft = -1;
	private inTrailers = false;
	private trailerBytes = 0;
	private readonly onAbort = () => this.fail(abortError(), false);

	constructor(
		private readonly req: HttpRequest,
		private readonly ps: PooledSocket,
		private readonly target: LiteTarget,
		private readonly end: ExchangeEnd,
	) {}

	private where(): string {
		return `${this.req.method} "${redactURL(this.req.url)}"`;
	}

	start(payload: Buffer, connecting: boolean): void {
		const signal = this.req.signal;
		if (signal?.aborted) {
			queueMicrotask(this.onAbort);
			return;
		}
		if (signal !== undefined) watchAbort(signal, this.onAbort);
		const send = () => {
			if (this.done) return;
			this.arm(this.target.headerTimeoutMs, `no response within ${this.target.headerTimeoutMs} ms (header timeout)`);
			this.ps.sock.write(payload);
		};
		if (connecting) {
			this.arm(this.target.connectTimeoutMs, `connection to ${this.req.url.host} timed out after ${this.target.connectTimeoutMs} ms`);
			this.ps.sock.once(this.target.tls !== undefined ? "secureConnect" : "connect", send);
		} else send();
	}

	private arm(ms: number, message: string): void {
		if (this.timer !== undefined) clearTimeout(this.timer);
		this.timer = ms > 0 ? setTimeout(() => this.fail(timeoutError(message), false), ms) : undefined;
	}

	/** Ends the exchange: the connection goes back to the pool (`reuse`) or is closed. */
	private finish(reuse: boolean): void {
		// Once only: a reader may destroy the body (which ends the exchange) on the very chunk that completes it.
		if (this.done) return;
		this.done = true;
		if (this.timer !== undefined) clearTimeout(this.timer);
		if (this.stageTimer !== undefined) clearTimeout(this.stageTimer);
		this.timer = this.stageTimer = undefined;
		if (this.req.signal !== undefined) unwatchAbort(this.req.signal, this.onAbort);
		const ps = this.ps;
		ps.exchange = undefined;
		// Bytes after the reply, a body the socket has not fully taken, or a reply asking for it: not reused.
		if (reuse && ps.buf.length === 0 && !ps.sock.destroyed && ps.sock.writableLength === 0) {
			if (ps.sock.isPaused()) ps.sock.resume(); // paused for a slow reader of the body that just ended
			ps.pool.release(ps);
		} else {
			ps.pool.forget(ps);
			ps.sock.destroy();
			ps.pool.unreserve(ps.key);
		}
	}

	/** Fails the exchange: the caller's request (before the reply) or the reply's body (after). */
	fail(err: unknown, retry: boolean): void {
		if (this.done) return;
		this.finish(false);
		const e = this.target.networkError(err) as Error;
		if (this.body !== undefined) this.body.destroy(e);
		else if (!this.answered) {
			this.answered = true;
			this.end.error(e, retry);
		}
	}

	/** Chunked framing this client does not read: node:http's turn while the reply is not handed on yet, else the body fails. */
	private badChunks(): false {
		if (this.body === undefined) return this.cannotRead("malformed chunked encoding");
		throw new OrasError("NETWORK_ERROR", `${this.where()}: malformed chunked encoding`);
	}

	/** A reply this client does not read: a GET or HEAD is node:http's to send again; other methods fail. */
	private cannotRead(why: string): false {
		if (!IDEMPOTENT_FALLBACK.has(this.req.method)) throw new OrasError("NETWORK_ERROR", `${this.where()}: ${why}`);
		this.fallback();
		return false;
	}

	private fallback(): void {
		if (this.done) return;
		this.finish(false);
		liteStats.fallbacks++;
		this.answered = true;
		this.end.fallback();
	}

	onError(err: Error): void {
		this.fail(err, this.canRetry());
	}

	onClose(): void {
		if (this.done) return;
		const head = this.head;
		if (head !== undefined && !head.chunked && head.contentLength === undefined) {
			// A reply framed by the end of the connection (HTTP/1.0 style): it is complete now.
			this.complete(false);
			return;
		}
		if (head === undefined) {
			this.fail(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), this.canRetry());
			return;
		}
		this.fail(new OrasError("NETWORK_ERROR", `${this.where()}: connection closed after ${this.bodyBytes} body bytes`), false);
	}

	/** A reused connection that closed before a single byte of the reply: the registry dropped it while idle. */
	private canRetry(): boolean {
		return this.ps.reused && !this.gotBytes;
	}

	/** The reader wants more: reading goes on. */
	resumeBody(): void {
		if (!this.done && this.ps.sock.isPaused()) this.ps.sock.resume();
	}

	/** The body was destroyed (by its reader, or here): an unfinished reply leaves its connection closed. */
	bodyClosed(): void {
		if (this.done) return;
		this.finish(false);
	}

	onData(): void {
		if (this.done) return;
		this.gotBytes = true;
		try {
			while (!this.done && this.step()) {
				/* parse as far as the bytes go */
			}
		} catch (err) {
			this.fail(err, false);
			return;
		}
		if (this.done || this.head === undefined) return;
		if (this.body === undefined) {
			// The body is still coming: the reply is handed on now, its body filled as it arrives.
			this.flushStage();
			const body = new LiteBody(this);
			this.body = body;
			for (const p of this.parts) body.push(p);
			this.parts = [];
			setBodyTimeouts(body, this.target.bodyTimeouts);
			this.answer(body);
		} else if (this.stagedBytes >= SMALL_PIECE) this.flushStage();
		else if (this.stagedBytes > 0 && this.stageTimer === undefined) {
			this.stageTimer = setTimeout(() => {
				this.stageTimer = undefined;
				if (!this.done) this.flushStage();
			}, STAGE_MS);
		}
	}

	private answer(body: Readable): void {
		const head = this.head as ResponseHead;
		this.answered = true;
		this.end.reply({ status: head.status, headers: head.headers, url: this.req.url, body });
	}

	/** One parsing step; false when more bytes are needed. */
	private step(): boolean {
		const ps = this.ps;
		if (this.head === undefined) {
			const limit = maxHeaderSize;
			const end = ps.buf.indexOf("\r\n\r\n", 0, "latin1");
			if (end < 0 ? ps.buf.length > limit : end > limit) throw new OrasError("NETWORK_ERROR", `${this.where()}: response headers larger than ${limit} bytes`);
			if (end < 0) return false;
			let head: ResponseHead | undefined;
			try {
				head = parseResponseHead(ps.buf.toString("latin1", 0, end));
			} catch (err) {
				throw new OrasError("NETWORK_ERROR", `${this.where()}: ${(err as Error).message}`);
			}
			ps.buf = ps.buf.subarray(end + 4);
			if (head === undefined) return this.cannotRead("malformed HTTP response");
			if (head.unframed) return this.cannotRead("response framing not understood (Transfer-Encoding/Content-Length)");
			// 101: the connection would speak another protocol (nothing here asks for one); not an interim reply to skip.
			if (head.status === 101) return this.cannotRead("unexpected 101 Switching Protocols");
			if (head.status < 200) {
				if (++this.interim > LITE_MAX_INTERIM) throw new OrasError("NETWORK_ERROR", `${this.where()}: more than ${LITE_MAX_INTERIM} interim responses`);
				return true;
			}
			this.head = head;
			if (this.timer !== undefined) clearTimeout(this.timer);
			this.timer = undefined;
			const noBody = this.req.method === "HEAD" || head.status === 204 || head.status === 304;
			if (noBody || (head.contentLength === 0 && !head.chunked)) {
				this.complete(!head.close);
				return false;
			}
			return ps.buf.length > 0;
		}
		return this.head.chunked ? this.chunkStep() : this.plainStep();
	}

	/** Hands on `n` body bytes from the read buffer (small pieces are copied together first). */
	private emit(n: number): void {
		const ps = this.ps;
		const chunk = ps.buf.subarray(0, n);
		ps.buf = ps.buf.subarray(n);
		this.bodyBytes += n;
		if (n >= SMALL_PIECE) {
			this.flushStage();
			this.deliver(chunk);
			return;
		}
		if (this.stage === undefined || this.stagedBytes + n > this.stage.length) {
			this.flushStage();
			this.stage = Buffer.allocUnsafe(STAGE_BYTES);
		}
		chunk.copy(this.stage, this.stagedBytes);
		this.stagedBytes += n;
	}

	/** Hands on the copied small pieces as one chunk. */
	private flushStage(): void {
		if (this.stageTimer !== undefined) clearTimeout(this.stageTimer);
		this.stageTimer = undefined;
		if (this.stage === undefined || this.stagedBytes === 0) return;
		const bytes = this.stage.subarray(0, this.stagedBytes);
		// The rest of the stage buffer takes the next pieces (a view never overlaps one handed on).
		this.stage = this.stage.subarray(this.stagedBytes);
		this.stagedBytes = 0;
		if (this.stage.length < SMALL_PIECE) this.stage = undefined;
		this.deliver(bytes);
	}

	private deliver(chunk: Buffer): void {
		if (this.body === undefined) this.parts.push(chunk);
		else if (!this.body.push(chunk)) this.ps.sock.pause();
	}

	private plainStep(): boolean {
		const head = this.head as ResponseHead;
		const ps = this.ps;
		if (head.contentLength === undefined) {
			this.emit(ps.buf.length); // until the connection closes (onClose completes it)
			return false;
		}
		this.emit(Math.min(head.contentLength - this.bodyBytes, ps.buf.length));
		if (this.bodyBytes === head.contentLength) this.complete(!head.close);
		return false;
	}

	private chunkStep(): boolean {
		const ps = this.ps;
		if (this.inTrailers) {
			const end = ps.buf.indexOf("\r\n", 0, "latin1");
			if (end < 0) {
				if (this.trailerBytes + ps.buf.length > maxHeaderSize) throw new OrasError("NETWORK_ERROR", `${this.where()}: response trailers larger than ${maxHeaderSize} bytes`);
				return false;
			}
			this.trailerBytes += end + 2;
			if (this.trailerBytes > maxHeaderSize) throw new OrasError("NETWORK_ERROR", `${this.where()}: response trailers larger than ${maxHeaderSize} bytes`);
			ps.buf = ps.buf.subarray(end + 2);
			if (end === 0) {
				this.complete(!(this.head as ResponseHead).close);
				return false;
			}
			return true;
		}
		if (this.chunkLeft === -2) {
			if (ps.buf.length < 2) return false;
			if (ps.buf[0] !== 13 || ps.buf[1] !== 10) return this.badChunks();
			ps.buf = ps.buf.subarray(2);
			this.chunkLeft = -1;
			return true;
		}
		if (this.chunkLeft === -1) {
			const end = ps.buf.indexOf("\r\n", 0, "latin1");
			if (end < 0) {
				if (ps.buf.length > MAX_CHUNK_LINE) return this.badChunks();
				return false;
			}
			const line = ps.buf.toString("latin1", 0, end);
			const m = /^0*([0-9a-fA-F]{1,8})[ \t]*(?:;[^\0\r\n]*)?$/.exec(line);
			if (m === null || end > MAX_CHUNK_LINE) return this.badChunks();
			ps.buf = ps.buf.subarray(end + 2);
			const size = Number.parseInt(m[1] as string, 16);
			if (size === 0) this.inTrailers = true;
			else this.chunkLeft = size;
			return true;
		}
		if (ps.buf.length === 0) return false;
		const n = Math.min(this.chunkLeft, ps.buf.length);
		this.emit(n);
		this.chunkLeft -= n;
		if (this.chunkLeft === 0) this.chunkLeft = -2;
		return true;
	}

	/** The reply is complete: handed on whole (it came in one read) or its body ended. */
	private complete(reuse: boolean): void {
		this.flushStage();
		const body = this.body;
		const parts = this.parts;
		this.parts = [];
		this.finish(reuse);
		if (body !== undefined) {
			body.push(null);
			return;
		}
		const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, this.bodyBytes);
		const whole = bufferedBody(bytes);
		setBodyTimeouts(whole, this.target.bodyTimeouts);
		this.answer(whole);
	}
}

/** The keep-alive connections of one transport, by origin and TLS settings. */
export class LitePool {
	private readonly idle = new Map<string, PooledSocket[]>();
	private readonly sessions = new Map<string, Buffer>();
	private readonly busy = new Map<string, number>();
	private idleCount = 0;
	private closed = false;

	constructor(private readonly maxSockets: number) {}

	/**
	 * Takes one of the `maxSockets` connections of `key` for a request about to be sent here (false:
	 * all are busy, node:http queues it). Taken before the request's body is gathered, so requests
	 * started together cannot all pass; given back when its exchange ends, or with `unreserve`.
	 */
	reserve(key: string): boolean {
		if (this.closed || (this.busy.get(key) ?? 0) >= this.maxSockets) return false;
		this.take(key);
		return true;
	}

	private take(key: string): void {
		this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
	}

	/** Gives a connection of `key` back: its exchange ended, or `request` was not called with the reservation. */
	unreserve(key: string): void {
		const n = (this.busy.get(key) ?? 1) - 1;
		if (n <= 0) this.busy.delete(key);
		else this.busy.set(key, n);
	}

	forget(ps: PooledSocket): void {
		const list = this.idle.get(ps.key);
		if (list === undefined) return;
		const i = list.indexOf(ps);
		if (i < 0) return;
		list.splice(i, 1);
		this.idleCount--;
		if (list.length === 0) this.idle.delete(ps.key);
	}

	/** A connection whose exchange ended cleanly: kept for the next request (unless enough are). */
	release(ps: PooledSocket): void {
		this.unreserve(ps.key);
		const list = this.idle.get(ps.key) ?? [];
		if (this.closed || list.length >= this.maxSockets) {
			ps.sock.destroy();
			return;
		}
		if (this.idleCount >= LITE_MAX_IDLE) {
			// Many origins (redirects to ever new hosts): the longest-idle connection of the first one goes.
			const [oldest] = this.idle.values();
			const victim = oldest?.[0];
			if (victim !== undefined) {
				this.forget(victim);
				victim.sock.destroy();
			}
		}
		ps.sock.unref();
		list.push(ps);
		this.idle.set(ps.key, list);
		this.idleCount++;
	}

	private acquire(key: string, target: LiteTarget, fresh: boolean): { ps: PooledSocket; connecting: boolean } {
		const list = this.idle.get(key);
		while (!fresh && list !== undefined && list.length > 0) {
			const ps = list[list.length - 1] as PooledSocket;
			this.forget(ps);
			if (ps.sock.destroyed || !ps.sock.writable) {
				ps.sock.destroy();
				continue;
			}
			ps.sock.ref();
			ps.reused = true;
			liteStats.reused++;
			return { ps, connecting: false };
		}
		liteStats.connections++;
		let sock: net.Socket;
		if (target.tls !== undefined) {
			const session = this.sessions.get(key);
			const t = process.getBuiltinModule("node:tls").connect({ ...target.tls, host: target.host, port: target.port, ...(session ? { session } : {}) } as tls.ConnectionOptions);
			t.on("session", (s: Buffer) => {
				this.sessions.delete(key);
				if (this.sessions.size >= LITE_MAX_SESSIONS) {
					const [first] = this.sessions.keys();
					if (first !== undefined) this.sessions.delete(first);
				}
				this.sessions.set(key, s);
			});
			sock = t;
		} else sock = net.connect({ host: target.host, port: target.port });
		sock.setNoDelay(true);
		return { ps: new PooledSocket(sock, key, this), connecting: true };
	}

	/**
	 * Sends `req` (with its whole body, `payload`) on a connection `reserve(key)` took, and resolves
	 * its reply once the head has arrived, or undefined when node:http must send it (see the module
	 * comment).
	 */
	request(req: HttpRequest, key: string, target: LiteTarget, payload: Buffer): Promise<HttpResponse | undefined> {
		liteStats.requests++;
		if (req.signal?.aborted === true) {
			this.unreserve(key);
			return Promise.reject(target.networkError(abortError()));
		}
		return new Promise<HttpResponse | undefined>((resolve, reject) => {
			const attempt = (fresh: boolean) => {
				let got: { ps: PooledSocket; connecting: boolean };
				try {
					got = this.acquire(key, target, fresh);
				} catch (err) {
					// A connection that cannot even be made (TLS options refused at once): its slot goes back.
					this.unreserve(key);
					reject(err);
					return;
				}
				const { ps, connecting } = got;
				const ex = new Exchange(req, ps, target, {
					reply: resolve,
					fallback: () => resolve(undefined),
					error: (err, retry) => {
						if (retry && !fresh && !this.closed) {
							// The same request again: its exchange gave its connection back, it takes one anew.
							liteStats.retries++;
							this.take(key);
							attempt(true);
						} else reject(err);
					},
				});
				ps.exchange = ex;
				ex.start(payload, connecting);
			};
			attempt(false);
		});
	}

	close(): void {
		this.closed = true;
		for (const list of this.idle.values()) for (const ps of list) ps.sock.destroy();
		this.idle.clear();
		this.idleCount = 0;
	}
}
