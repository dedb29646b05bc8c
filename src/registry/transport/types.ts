/**
 * The injected HTTP layer. Everything in `src/registry` talks to a
 * `Transport`; the real one is `createNodeTransport()`, tests may pass their own.
 * Middleware wraps a transport the way undici interceptors wrap `dispatch`.
 */
import { Readable } from "node:stream";
import { HeaderMap, type HttpHeaders } from "./headers.js";
import { bodyTimeoutsOf } from "./body.js";
import { takeBufferedBytes } from "../../content/verify.js";

export interface HttpRequest {
	readonly method: string;
	readonly url: URL;
	readonly headers: HttpHeaders;
	readonly signal?: AbortSignal;
	/**
	 * A factory for the body. Calling it again must produce the same bytes when
	 * `replayable` is true (retry and auth only resend replayable bodies).
	 *
	 * A chunk is lent, not given: its source may reuse the buffer for the next chunk (files are
	 * read into a few reused buffers, see `reusedFileChunks`), so a chunk is valid only until the
	 * next one is asked for. The transport asks the iterator for the next chunk only after the
	 * socket has taken this one (its write callback), and everything between the source and the
	 * socket (hashing, progress counting, size checks, traces, retries, middleware) must use a
	 * chunk before passing it on or copy it, never keep it. Nothing here buffers a request body
	 * for replay: only `replayable` bodies are resent, by calling `body()` again.
	 */
	readonly body?: () => AsyncIterable<Uint8Array>;
	/** The exact body length; sent as `Content-Length`. Without it the body is sent chunked. */
	readonly contentLength?: number;
	/** True when `body()` may be called more than once (in-memory bytes). */
	readonly replayable?: boolean;
	/**
	 * Authorization scope hints for this request (`repository:<name>:<actions>`,
	 * `registry:catalog:*`). Only the auth middleware reads them.
	 */
	readonly scopes?: readonly string[];
	/** The response body holds a credential (token replies): traces never print it, whatever it looks like. */
	readonly secretReply?: boolean;
	/**
	 * How many body bytes the caller expects (a blob GET: the blob's size from the offset). The
	 * node transport reads large ones through its bulk reader (see `TransportOptions.bulkMinBytes`).
	 */
	readonly expectedBodyBytes?: number;
}

export interface HttpResponse {
	readonly status: number;
	readonly headers: HttpHeaders;
	/** The URL that produced this response (after redirects). */
	readonly url: URL;
	/** Always present; empty for HEAD and bodiless replies. Consume or `discardBody()` it. */
	readonly body: Readable;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;
export type Middleware = (next: Transport) => Transport;

/** Where debug traces and registry warnings go. */
export interface Logger {
	debug(message: string): void;
	warn(message: string): void;
}

/** A logger that drops everything. */
export const SILENT_LOGGER: Logger = Object.freeze({
	debug() {},
	warn() {},
});

/** Applies middleware so that the first one listed is the outermost. */
export function compose(base: Transport, ...middleware: readonly Middleware[]): Transport {
	let t = base;
	for (let i = middleware.length - 1; i >= 0; i--) {
		const m = middleware[i];
		if (m) t = m(t);
	}
	return t;
}

/** A copy of `req` with some fields replaced (headers are copied, never shared). */
export function withRequest(req: HttpRequest, patch: Partial<HttpRequest>): HttpRequest {
	return { ...req, ...patch, headers: new HeaderMap(patch.headers ?? req.headers) };
}

/** A replayable body over bytes held in memory (manifests, token forms). */
export function bytesBody(data: Uint8Array): Pick<HttpRequest, "body" | "contentLength" | "replayable"> {
	return {
		body: async function* () {
			yield data;
		},
		contentLength: data.byteLength,
		replayable: true,
	};
}

/** True when the request can be sent again (no body, or a replayable one). */
export function canReplay(req: HttpRequest): boolean {
	return req.body === undefined || req.replayable === true;
}

/**
 * Releases a response body we do not need: small bodies are drained so the
 * keep-alive connection can be reused, large or unknown ones are destroyed.
 */
export function discardBody(res: HttpResponse): void {
	const body = res.body;
	if (body.destroyed || body.readableEnded) return;
	// A reply read whole (the small-request client's): used up at once, without a stream's read and end.
	if (takeBufferedBytes(body) !== undefined) return;
	// `complete`: node's IncomingMessage already has the whole message (HEAD, 204, small bodies).
	const complete = (body as { complete?: unknown }).complete === true;
	const len = Number(res.headers.get("content-length") ?? "NaN");
	if (complete || (Number.isFinite(len) && len <= 64 * 1024)) {
		body.on("error", () => {});
		body.resume();
		if (!complete) {
			// A registry trickling the rest must not hold the connection (or the process) for long.
			const t = bodyTimeoutsOf(body).totalMs;
			if (t > 0) {
				const timer = setTimeout(() => body.destroy(), t).unref();
				body.once("close", () => clearTimeout(timer));
				body.once("end", () => clearTimeout(timer));
			}
		}
	} else {
		body.destroy();
	}
}

export function emptyBody(): Readable {
	return Readable.from([]);
}

/** `scheme://host[:port]` with default ports normalised (URL does it already). */
export function originOf(url: URL): string {
	return url.origin;
}
