/**
 * Small middleware: manual redirects, fixed headers, debug tracing and registry warnings.
 */
import { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import { discardBody, type HttpResponse, type Logger, type Middleware, withRequest } from "./types.js";
import { HeaderMap, type HttpHeaders } from "./headers.js";
import { type BodyTimeouts, bodyTimeoutsOf, setBodyTimeouts, timedChunks, timeoutError } from "./body.js";
import {
	describeTraceBody,
	formatErrorTrace,
	formatRequestTrace,
	formatResponseTrace,
	formatTraceHeaders,
	REDACTED_BODY_TRACE,
	skipTraceBody,
	TRACE_BODY_LIMIT,
	TRACE_REDACTED,
	type TraceRedaction,
} from "./trace.js";

export const MAX_REDIRECTS = 10;

/** Headers that never follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/**
 * Follows redirects of GET and HEAD requests (up to `maxRedirects`) by hand so that
 * credentials and the `extraSensitive` headers are dropped when the origin changes.
 * Other methods get the 3xx response back.
 */
export function redirectMiddleware(opts: { maxRedirects?: number; extraSensitive?: readonly string[] } = {}): Middleware {
	const max = opts.maxRedirects ?? MAX_REDIRECTS;
	const sensitive = [...CREDENTIAL_HEADERS, ...(opts.extraSensitive ?? []).map((h) => h.toLowerCase())];
	return (next) => async (req) => {
		let cur = req;
		for (let hop = 0; ; hop++) {
			const res = await next(cur);
			if (!isRedirect(res.status) || (cur.method !== "GET" && cur.method !== "HEAD")) return res;
			const location = res.headers.get("location");
			if (location === null) return res;
			if (hop >= max) {
				discardBody(res);
				throw new OrasError("REGISTRY_ERROR", `${req.method} "${req.url.href}": stopped after ${max} redirects`);
			}
			let target: URL;
			try {
				target = new URL(location, cur.url);
			} catch (err) {
				discardBody(res);
				throw new OrasError("REGISTRY_ERROR", `${cur.method} "${cur.url.href}": invalid redirect location`, { cause: err });
			}
			if (target.protocol !== "http:" && target.protocol !== "https:") {
				discardBody(res);
				throw new OrasError("REGISTRY_ERROR", `${cur.method} "${cur.url.href}": redirect to unsupported scheme ${JSON.stringify(target.protocol)}`);
			}
			discardBody(res);
			const headers = new HeaderMap(cur.headers);
			if (target.origin !== cur.url.origin) for (const h of sensitive) headers.delete(h);
			cur = withRequest(cur, { url: target, headers });
		}
	};
}

function isRedirect(status: number): boolean {
	return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Sets headers that are not already present (User-Agent on every request). */
export function defaultHeadersMiddleware(headers: readonly (readonly [string, string])[]): Middleware {
	return (next) => (req) => {
		if (headers.every(([k]) => req.headers.has(k))) return next(req);
		const h = new HeaderMap(req.headers);
		for (const [k, v] of headers) if (!h.has(k)) h.set(k, v);
		// `h` is this request's own copy already (withRequest would copy it again).
		return next({ ...req, headers: h });
	};
}

/** Adds `-H` headers to requests for the given origins only (never to token services or redirect targets). */
export function customHeadersMiddleware(headers: readonly (readonly [string, string])[], isTarget: (url: URL) => boolean): Middleware {
	return (next) => (req) => {
		if (headers.length === 0 || !isTarget(req.url)) return next(req);
		const h = new HeaderMap(req.headers);
		for (const [k, v] of headers) h.set(k, v);
		return next(withRequest(req, { headers: h }));
	};
}

const REDACTED = TRACE_REDACTED;
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "set-cookie", "cookie", "x-registry-auth"]);
const SECRET_QUERY = /token|signature|sig$|credential|secret|password|key$/i;

/** A URL for logs: sensitive query values (tokens, signatures of presigned URLs) replaced. */
export function redactURL(url: URL): string {
	if (url.search === "" && url.username === "" && url.password === "") return url.href;
	const u = new URL(url.href);
	u.username = "";
	u.password = "";
	for (const k of [...u.searchParams.keys()]) if (SECRET_QUERY.test(k)) u.searchParams.set(k, REDACTED);
	return u.href;
}

/** Headers holding a URL, which may carry a token or a signature in its query (a redirect to a presigned URL). */
const URL_HEADERS = new Set(["location", "content-location"]);
const RELATIVE_BASE = "http://relative.invalid";

/** A (possibly relative) URL header value with sensitive query values and user info redacted like `redactURL`. */
function redactURLHeader(value: string): string {
	let u: URL;
	try {
		u = new URL(value, RELATIVE_BASE);
	} catch {
		return REDACTED;
	}
	const out = redactURL(u);
	return u.origin === RELATIVE_BASE && !/^[a-z][a-z0-9+.-]*:/i.test(value) ? out.slice(RELATIVE_BASE.length) : out;
}

export function redactHeaders(h: HttpHeaders): string[] {
	const lines: string[] = [];
	h.forEach((v, k) => {
		lines.push(`    ${k}: ${SECRET_HEADERS.has(k) ? REDACTED : URL_HEADERS.has(k) ? redactURLHeader(v) : v}`);
	});
	return lines;
}

/** Numbers request/response pairs across all clients of the process, from 0 (as oras does). */
let traceSeq = 0;

const TRACE_REDACTION: TraceRedaction = {
	isSecretHeader: (name) => SECRET_HEADERS.has(name),
	redactURL: redactURLHeader,
};

/** How long the trace waits for the next chunk, and for the whole peek, before giving up on a body. */
export type TracePeekTimeouts = BodyTimeouts;

/**
 * Reads at most `limit` bytes of a body for the trace (within `timeouts`, so a registry that
 * trickles or stalls cannot hold the peek) and returns a body that replays them followed by the
 * rest, so the caller still streams everything (or sees the read error).
 */
async function peekBody(body: Readable, limit: number, timeouts: TracePeekTimeouts): Promise<{ head: Buffer; error?: unknown; body: Readable }> {
	const it = timedChunks(body, timeouts, (message) => timeoutError(`response body ${message}`));
	const chunks: Buffer[] = [];
	let total = 0;
	let done = false;
	let error: unknown;
	try {
		while (total < limit) {
			const r = await it.next();
			if (r.done === true) {
				done = true;
				break;
			}
			const b = Buffer.from(r.value);
			chunks.push(b);
			total += b.length;
		}
	} catch (err) {
		error = err;
		done = true;
		body.destroy();
	}
	it.stop();
	const head = Buffer.concat(chunks);
	async function* replay(): AsyncGenerator<Buffer> {
		let finished = done;
		try {
			if (head.length > 0) yield head;
			if (error !== undefined) throw error;
			while (!finished) {
				const r = await it.next();
				if (r.done === true) finished = true;
				else yield Buffer.from(r.value);
			}
		} finally {
			if (!finished) await it.return();
		}
	}
	return { head, ...(error !== undefined ? { error } : {}), body: Readable.from(replay(), { objectMode: false }) };
}

/**
 * Traces each request and response to `logger.debug` in oras's layout (`--> Request #N`,
 * `> Request URL: "…"`, `> Request headers:` with `"Name": "value"` lines, `< Response Status: "200 OK"`,
 * `< Response body:`). `Authorization`, `Cookie`, `Set-Cookie` and the like are shown as `*****`,
 * token-like query values as `*****`; a JSON/text body is printed up to `TRACE_BODY_LIMIT` unless it
 * may hold a credential. Blob bodies are never read here; request bodies are never printed.
 */
export function loggingMiddleware(logger: Logger, opts: { peekTimeouts?: TracePeekTimeouts } = {}): Middleware {
	return (next) => async (req) => {
		const id = traceSeq++;
		logger.debug(formatRequestTrace(id, req.method, redactURL(req.url), formatTraceHeaders(req.headers, TRACE_REDACTION)));
		let res: HttpResponse;
		try {
			res = await next(req);
		} catch (err) {
			logger.debug(formatErrorTrace(id, (err as Error)?.message ?? String(err)));
			throw err;
		}
		const headers = formatTraceHeaders(res.headers, TRACE_REDACTION);
		const skipped = req.secretReply ? REDACTED_BODY_TRACE : skipTraceBody(req.method, res.status, res.headers);
		if (skipped !== undefined) {
			logger.debug(formatResponseTrace(id, res.status, headers, skipped));
			return res;
		}
		// The peek honours the body's own metadata timeouts, and the replacement body keeps them.
		const timeouts = bodyTimeoutsOf(res.body);
		const peeked = await peekBody(res.body, TRACE_BODY_LIMIT + 1, opts.peekTimeouts ?? timeouts);
		setBodyTimeouts(peeked.body, timeouts);
		logger.debug(formatResponseTrace(id, res.status, headers, describeTraceBody(peeked.head, peeked.error)));
		return { ...res, body: peeked.body };
	};
}

/** Distinct registry warnings remembered (and printed) by one client; beyond, one notice and then silence. */
export const MAX_DISTINCT_WARNINGS = 100;
/** Warnings printed from one response at most (a header may carry many). */
export const MAX_WARNINGS_PER_RESPONSE = 5;
/** Characters of one warning's text printed at most. */
export const MAX_WARNING_CHARS = 1024;

/**
 * Logs each distinct `Warning: 299 - "<text>"` once per registry origin at warn level: at most
 * `MAX_WARNINGS_PER_RESPONSE` from one response and `MAX_DISTINCT_WARNINGS` in all (then one line
 * saying further warnings are not shown), each cut at `MAX_WARNING_CHARS`. The memory of what was
 * printed stays bounded however many distinct warnings a registry invents.
 */
export function warningMiddleware(logger: Logger): Middleware {
	const seen = new Set<string>();
	let silenced = false;
	return (next) => async (req) => {
		const res = await next(req);
		const raw = res.headers.get("warning");
		if (raw === null || silenced) return res;
		let printed = 0;
		for (const m of raw.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
			if (printed >= MAX_WARNINGS_PER_RESPONSE) break;
			let text = (m[1] ?? "").replace(/\\(.)/g, "$1");
			if (text.length > MAX_WARNING_CHARS) text = `${text.slice(0, MAX_WARNING_CHARS)}…`;
			const key = `${req.url.origin} ${text}`;
			if (text === "" || seen.has(key)) continue;
			if (seen.size >= MAX_DISTINCT_WARNINGS) {
				silenced = true;
				logger.warn(`${req.url.host}: more than ${MAX_DISTINCT_WARNINGS} distinct warnings; further warnings are not shown`);
				break;
			}
			seen.add(key);
			printed++;
			logger.warn(`${req.url.host}: ${text}`);
		}
		return res;
	};
}
