/**
 * The text of `--debug` HTTP traces, laid out as oras 1.3 prints them (internal/trace in oras):
 *
 *     --> Request #0
 *     > Request URL: "http://localhost:5000/v2/"
 *     > Request method: "GET"
 *     > Request headers:
 *        "User-Agent": "oras-ts/0.1.0"
 *     <-- Response #0
 *     < Response Status: "401 Unauthorized"
 *     < Response headers:
 *        "Www-Authenticate": "Basic realm=…"
 *     < Response body:
 *        Response body of content type "text/plain" is not printed
 *
 * Pure formatting; the middleware that reads bodies is `loggingMiddleware` (middleware.ts).
 */
import { STATUS_CODES } from "node:http";
import type { HttpHeaders } from "./headers.js";

/** The largest response body a trace prints (as oras: 16 KiB); longer ones are cut. */
export const TRACE_BODY_LIMIT = 16 * 1024;

export const TRACE_REDACTED = "*****";

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote (`%q` of a string). */
export function goQuote(s: string): string {
	let out = '"';
	for (const ch of s) {
		const c = ch.codePointAt(0) as number;
		if (ch === '"' || ch === "\\") out += `\\${ch}`;
		else if (c < 0x80 && c >= 0x20 && c !== 0x7f) out += ch;
		else if (ch === "\n") out += "\\n";
		else if (ch === "\t") out += "\\t";
		else if (ch === "\r") out += "\\r";
		else if (ch === "\x07") out += "\\a";
		else if (ch === "\b") out += "\\b";
		else if (ch === "\f") out += "\\f";
		else if (ch === "\v") out += "\\v";
		else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
		else if (c >= 0x80 && PRINTABLE.test(ch)) out += ch;
		else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, "0")}`;
		else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
		else out += `\\U${c.toString(16).padStart(8, "0")}`;
	}
	return `${out}"`;
}

/** Go's textproto.CanonicalMIMEHeaderKey: `www-authenticate` → `Www-Authenticate`. */
export function canonicalHeaderName(name: string): string {
	if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return name;
	return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

export interface TraceRedaction {
	/** True for a header whose value is replaced by `*****` (lower-case name). */
	readonly isSecretHeader: (lowerName: string) => boolean;
	/** Redacts a URL-valued header (`Location`, `Content-Location`, `Referer`). */
	readonly redactURL: (value: string) => string;
}

const URL_HEADERS = new Set(["location", "content-location", "referer"]);

/** The header block: `   "Name": "value"` per header (sorted), or `   Empty header`. */
export function formatTraceHeaders(headers: HttpHeaders, redaction: TraceRedaction): string {
	const lines: Array<[string, string]> = [];
	headers.forEach((value, name) => {
		const lower = name.toLowerCase();
		const v = redaction.isSecretHeader(lower) ? TRACE_REDACTED : URL_HEADERS.has(lower) ? redaction.redactURL(value) : value;
		lines.push([canonicalHeaderName(name), v]);
	});
	if (lines.length === 0) return "   Empty header";
	lines.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	return lines.map(([k, v]) => `   ${goQuote(k)}: ${goQuote(v)}`).join("\n");
}

export function formatRequestTrace(id: number, method: string, url: string, headers: string): string {
	return `--> Request #${id}\n> Request URL: ${goQuote(url)}\n> Request method: ${goQuote(method)}\n> Request headers:\n${headers}`;
}

/** Where Go's status text (what a Go registry sends) differs from Node's. */
const GO_STATUS_TEXT: Readonly<Record<number, string>> = { 413: "Request Entity Too Large", 416: "Requested Range Not Satisfiable", 418: "I'm a teapot" };

export function formatResponseTrace(id: number, status: number, headers: string, body: string): string {
	const text = GO_STATUS_TEXT[status] ?? STATUS_CODES[status];
	return `<-- Response #${id}\n< Response Status: ${goQuote(text ? `${status} ${text}` : String(status))}\n< Response headers:\n${headers}\n< Response body:\n${body}`;
}

export function formatErrorTrace(id: number, message: string): string {
	return `<-- Response #${id}\nError in getting response: ${message}`;
}

/** oras's printable types: application/json, text/plain, text/html and any `+json` type. */
export function isPrintableContentType(contentType: string): boolean {
	const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+\/[A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*(?:;.*)?$/s.exec(contentType);
	if (!m) return false;
	const t = (m[1] as string).toLowerCase();
	return t === "application/json" || t === "text/plain" || t === "text/html" || t.endsWith("+json");
}

/**
 * Why a response body is not read at all (oras's wording), or undefined when it should be
 * read (up to `TRACE_BODY_LIMIT + 1` bytes) and described by `describeTraceBody`.
 */
export function skipTraceBody(method: string, status: number, headers: HttpHeaders): string | undefined {
	if (method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200) || headers.get("content-length") === "0") {
		return "   No response body to print";
	}
	const type = headers.get("content-type");
	if (type === null || type === "") return "   Response body without a content type is not printed";
	if (!isPrintableContentType(type)) return `   Response body of content type ${goQuote(type)} is not printed`;
	return undefined;
}

/** Words that may reveal a credential in a body (oras checks `"token"` and `"access_token"`; this is stricter). */
const CREDENTIAL_HINT = /token|password|secret|credential/i;

export const REDACTED_BODY_TRACE = "   Response body redacted due to potential credentials";

/** The body part of a response trace from its first `TRACE_BODY_LIMIT + 1` bytes. */
export function describeTraceBody(head: Buffer, readError?: unknown): string {
	if (readError !== undefined) return `   Error reading response body: ${(readError as Error)?.message ?? String(readError)}`;
	if (head.length === 0) return "   Response body is empty";
	const text = head.toString("utf8");
	if (CREDENTIAL_HINT.test(text)) return REDACTED_BODY_TRACE;
	if (head.length > TRACE_BODY_LIMIT) return `${head.subarray(0, TRACE_BODY_LIMIT).toString("utf8")}\n...(truncated)`;
	return text;
}
