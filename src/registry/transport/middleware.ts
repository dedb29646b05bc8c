/**
 * Small middleware: manual redirects, fixed headers, debug tracing and registry warnings.
 */
import { Readable } from "node:stream";
import { OrasError } from "../../errors.js";
import { discardBody, type HttpResponse, type Logger, type Middleware, withRequest } from "./types.js";
import { HeaderMap, type HttpHeaders } from "./headers.js";
import { readSmallBody } from "./body.js";

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
		return next(withRequest(req, { headers: h }));
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

const REDACTED = "*****";
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "set-cookie", "cookie", "x-registry-auth"]);
const SECRET_QUERY = /token|signature|sig$|credential|secret|password|key$/i;
const BODY_LOG_LIMIT = 16 * 1024;

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

function printableBody(contentType: string | null): boolean {
	if (contentType === null) return false;
	const t = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
	return t.startsWith("text/") || t.endsWith("json") || t.endsWith("+json") || t === "application/x-www-form-urlencoded";
}

function bodyText(buf: Buffer): string {
	const s = buf.toString("utf8");
	return /token/i.test(s) ? "    (body redacted: it may contain a token)" : `    ${s.replace(/\n/g, "\n    ")}`;
}

/**
 * Traces each request and response to `logger.debug`: method, URL, headers with
 * `Authorization`/`Set-Cookie` shown as `*****`, and small JSON/text bodies unless
 * they mention a token. Blob bodies are never read here.
 */
export function loggingMiddleware(logger: Logger): Middleware {
	let seq = 0;
	return (next) => async (req) => {
		const id = ++seq;
		const lines = [`--> [${id}] ${req.method} ${redactURL(req.url)}`, ...redactHeaders(req.headers)];
		if (req.contentLength !== undefined) lines.push(`    content-length: ${req.contentLength}`);
		if (req.body && req.replayable && (req.contentLength ?? Infinity) <= BODY_LOG_LIMIT && printableBody(req.headers.get("content-type"))) {
			const chunks: Buffer[] = [];
			for await (const c of req.body()) chunks.push(Buffer.from(c));
			lines.push(bodyText(Buffer.concat(chunks)));
		}
		logger.debug(lines.join("\n"));
		const start = performance.now();
		let res: HttpResponse;
		try {
			res = await next(req);
		} catch (err) {
			logger.debug(`<-- [${id}] ${req.method} ${redactURL(req.url)} failed: ${(err as Error)?.message ?? String(err)}`);
			throw err;
		}
		const out = [`<-- [${id}] ${res.status} ${req.method} ${redactURL(res.url)} (${Math.round(performance.now() - start)} ms)`, ...redactHeaders(res.headers)];
		const len = Number(res.headers.get("content-length") ?? "NaN");
		if (req.method !== "HEAD" && Number.isFinite(len) && len > 0 && len <= BODY_LOG_LIMIT && printableBody(res.headers.get("content-type"))) {
			let buf: Buffer;
			try {
				buf = await readSmallBody(res.body, BODY_LOG_LIMIT, `${req.method} "${redactURL(res.url)}" response`);
			} catch (err) {
				logger.debug(out.join("\n"));
				throw err;
			}
			out.push(bodyText(buf));
			logger.debug(out.join("\n"));
			return { ...res, body: Readable.from([buf]) };
		}
		logger.debug(out.join("\n"));
		return res;
	};
}

/** Logs each distinct `Warning: 299 - "<text>"` once per registry origin at warn level. */
export function warningMiddleware(logger: Logger): Middleware {
	const seen = new Set<string>();
	return (next) => async (req) => {
		const res = await next(req);
		const raw = res.headers.get("warning");
		if (raw !== null) {
			for (const m of raw.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
				const text = (m[1] ?? "").replace(/\\(.)/g, "$1");
				const key = `${req.url.origin} ${text}`;
				if (text !== "" && !seen.has(key)) {
					seen.add(key);
					logger.warn(`${req.url.host}: ${text}`);
				}
			}
		}
		return res;
	};
}

