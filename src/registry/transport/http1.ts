/**
 * The HTTP/1.1 wire format shared by the transport's own connections (the bulk reader, bulk.ts,
 * and the keep-alive client for small requests, lite.ts): writing a request head, parsing a
 * response head. Pure string work, no I/O. What each reader accepts of a parsed head (interim
 * replies, chunked bodies, ambiguous framing) is its own decision.
 */
import { OrasError } from "../../errors.js";
import { HeaderMap, type HttpHeaders } from "./headers.js";

/** Response header lines accepted at most (node:http's default `maxHeadersCount`). */
export const MAX_HEADER_LINES = 2000;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\0\r\n]/;
/** Bytes node:http refuses in a reply's header value (controls but HTAB): a terminal escape must not reach a message. */
const BAD_FIELD = /[\0-\x08\x0a-\x1f\x7f]/;
/** What a request header value may hold here (Latin-1 text, as written); anything else is node:http's to refuse. */
const SENDABLE_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const METHOD = /^[A-Z]{1,16}$/;
/** Request headers this module writes itself (or never: framing is the sender's). */
const OWN_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

export interface RequestHeadOptions {
	/** The body's length (sent as `Content-Length`); no body when undefined. */
	readonly bodyLength?: number | undefined;
	/** Ask the server to close the connection after the reply (`Connection: close`). */
	readonly close?: boolean;
}

/**
 * The request head with its blank line, or undefined when something in it is not sent as is
 * (a header name that is not a token, a value outside Latin-1 text, a method or target that
 * could split the line): node:http then decides (and refuses what is unsafe).
 */
export function requestHead(req: { readonly method: string; readonly url: URL; readonly headers: HttpHeaders }, opts: RequestHeadOptions = {}): string | undefined {
	const url = req.url;
	const target = `${url.pathname}${url.search}`;
	if (!METHOD.test(req.method) || BAD_VALUE.test(target) || target.includes(" ")) return undefined;
	let head = `${req.method} ${target} HTTP/1.1\r\nhost: ${url.host}\r\n`;
	let ok = true;
	req.headers.forEach((v, k) => {
		if (!ok) return;
		if (!TOKEN.test(k) || !SENDABLE_VALUE.test(v)) ok = false;
		else if (!OWN_HEADERS.has(k.toLowerCase())) head += `${k}: ${v}\r\n`;
	});
	if (!ok) return undefined;
	if (opts.bodyLength !== undefined) head += `content-length: ${opts.bodyLength}\r\n`;
	if (opts.close === true) head += "connection: close\r\n";
	return `${head}\r\n`;
}

function isOWS(c: number): boolean {
	return c === 0x20 || c === 0x09;
}

export interface ResponseHead {
	readonly status: number;
	/** HTTP/1.0 or HTTP/1.1. */
	readonly minor: 0 | 1;
	readonly headers: HeaderMap;
	/** The one `Content-Length` (repeats must agree); undefined without one or when it is not valid. */
	readonly contentLength: number | undefined;
	/** `Transfer-Encoding: chunked` (alone). */
	readonly chunked: boolean;
	/**
	 * The framing is not one a strict reader accepts: another Transfer-Encoding (or chunked twice),
	 * chunked together with a Content-Length (a request-smuggling signal, refused by node:http too),
	 * an invalid or disagreeing Content-Length.
	 */
	readonly unframed: boolean;
	/** The connection ends after this reply (`Connection: close`, or any HTTP/1.0 reply). */
	readonly close: boolean;
}

/**
 * Parses a response head (without its blank line). Undefined when it is not an HTTP/1.x reply
 * in the strict form accepted here (status line, token names, no obs-fold, no control bytes but
 * HTAB in values); throws NETWORK_ERROR past `MAX_HEADER_LINES`.
 */
export function parseResponseHead(text: string): ResponseHead | undefined {
	const lines = text.split("\r\n");
	if (lines.length > MAX_HEADER_LINES + 1) throw new OrasError("NETWORK_ERROR", `more than ${MAX_HEADER_LINES} response header lines`);
	const m = /^HTTP\/1\.([01]) ([1-5][0-9]{2})(?: [^\0\r\n]*)?$/.exec(lines[0] ?? "");
	if (m === null) return undefined;
	const minor = m[1] === "0" ? 0 : 1;
	const headers = new HeaderMap();
	let length: string | undefined;
	let chunked = false;
	let unframed = false;
	let close = minor === 0;
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] as string;
		const colon = line.indexOf(":");
		if (colon <= 0) return undefined;
		const name = line.slice(0, colon);
		// The value without the optional white space (SP, HTAB) around it.
		let from = colon + 1;
		let to = line.length;
		while (from < to && isOWS(line.charCodeAt(from))) from++;
		while (to > from && isOWS(line.charCodeAt(to - 1))) to--;
		const value = line.slice(from, to);
		if (!TOKEN.test(name) || BAD_FIELD.test(value)) return undefined;
		const lower = name.toLowerCase();
		if (lower === "transfer-encoding") {
			if (value.toLowerCase() === "chunked" && !chunked) chunked = true;
			else unframed = true;
		} else if (lower === "content-length") {
			if (!/^[0-9]{1,15}$/.test(value) || (length !== undefined && length !== value)) unframed = true;
			length = value;
		} else if (lower === "connection") {
			const tokens = value.toLowerCase().split(",").map((s) => s.trim());
			if (tokens.includes("close")) close = true;
		}
		headers.append(lower, value);
	}
	if (chunked && length !== undefined) unframed = true;
	const contentLength = length === undefined || unframed ? undefined : Number(length);
	return { status: Number(m[2]), minor, headers, contentLength, chunked: chunked && !unframed, unframed, close };
}
