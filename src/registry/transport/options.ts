/**
 * Connection options shared by the CLI's Remote flag group and the library (the oras CLI's
 * remote flags, e.g. https://oras.land/docs/commands/oras_pull), and the small parsers behind
 * those flags.
 */
import { readFileSync } from "node:fs";
import { OrasError } from "../../errors.js";
import type { ProxyConfig, ProxyFunc } from "./proxy.js";
import type { Logger, Transport } from "./types.js";
import type { RetryOptions } from "./retry.js";

/** A `--resolve host:port:address[:address_port]` rule: connections to host:port dial address:addressPort instead. */
export interface ResolveRule {
	readonly host: string;
	readonly port: number;
	readonly address: string;
	readonly addressPort: number;
}

export interface TransportOptions {
	/** Explicit value wins; unset means http only for host `localhost` (any port). */
	readonly plainHttp?: boolean;
	/** Skip TLS certificate verification. */
	readonly insecure?: boolean;
	/** PEM CA bundle replacing the system roots (`--ca-file`). */
	readonly caFile?: string;
	readonly ca?: string | Buffer;
	/** Client certificate and key (`--cert-file` + `--key-file`, PEM). */
	readonly certFile?: string;
	readonly keyFile?: string;
	readonly cert?: string | Buffer;
	readonly key?: string | Buffer;
	/** `--resolve` rules, as strings or parsed. */
	readonly resolve?: readonly (string | ResolveRule)[];
	/** Extra headers sent to the registry origin (`-H`). */
	readonly headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
	/** Defaults to `oras-ts/<version>`. */
	readonly userAgent?: string;
	/** Sockets per origin in the keep-alive pool (default 10). */
	readonly maxSockets?: number;
	/** Time allowed to open a TCP connection (default 30 s). */
	readonly connectTimeoutMs?: number;
	/**
	 * Time the registry may stay silent once a request is sent, until its response headers
	 * arrive; also how long it may stop reading a request body (default 60 s; 0 = never). After a
	 * request body it grows by 1 s per 10 MiB sent (a registry commits a large upload slowly).
	 * A timeout is a network error, retried like a reset.
	 */
	readonly headerTimeoutMs?: number;
	/**
	 * Small bodies read into memory (manifests, tag/catalog/referrers pages, token replies, error
	 * bodies) fail when no byte arrives for this long (default 30 s; 0 = never).
	 */
	readonly metadataIdleTimeoutMs?: number;
	/** …or when the whole small body takes longer than this (default 60 s; 0 = never). */
	readonly metadataTimeoutMs?: number;
	/**
	 * Blob GETs expecting at least this many bytes are read over their own connection into a few
	 * reused buffers (src/registry/transport/bulk.ts; flat memory for large downloads) unless a
	 * proxy applies (default 4 MiB; a negative value disables it).
	 */
	readonly bulkMinBytes?: number;
	/**
	 * Small requests (no body or ≤ 64 KiB, replies ≤ 4 MiB) go over the transport's own HTTP/1.1
	 * keep-alive connections (src/registry/transport/lite.ts) unless a proxy applies (default true;
	 * false sends everything through node:http).
	 */
	readonly lite?: boolean;
	/** Retry policy; `false` disables retries. */
	readonly retry?: RetryOptions | false;
	/** Receives debug traces (when `debug` is set) and registry `Warning` headers. */
	readonly logger?: Logger;
	/** Trace every request and response to `logger.debug` (secrets redacted). */
	readonly debug?: boolean;
	/**
	 * Replaces the node:http adapter (tests, or an embedding application). Retry,
	 * logging, redirects, headers and auth are still layered on top of it.
	 */
	readonly transport?: Transport;
	/**
	 * Forward proxy: a `ProxyConfig` (Go `httpproxy` rules; the CLI builds it from
	 * HTTP_PROXY/HTTPS_PROXY/NO_PROXY with `proxyConfigFromEnv`) or a function choosing the proxy
	 * per URL. Unset = direct connections; the library never reads the environment itself.
	 */
	readonly proxy?: ProxyConfig | ProxyFunc;
}

/** oras's plain-HTTP rule: explicit value wins, otherwise only host `localhost` uses http. */
export function schemeFor(registry: string, plainHttp?: boolean): "http" | "https" {
	if (plainHttp !== undefined) return plainHttp ? "http" : "https";
	return hostnameOf(registry) === "localhost" ? "http" : "https";
}

/** The host part of `host[:port]` / `[v6]:port` (brackets removed). */
export function hostnameOf(hostport: string): string {
	if (hostport.startsWith("[")) {
		const end = hostport.indexOf("]");
		return end < 0 ? hostport : hostport.slice(1, end);
	}
	const colon = hostport.lastIndexOf(":");
	return colon < 0 ? hostport : hostport.slice(0, colon);
}

function splitHostPort(s: string, what: string): [string, string] {
	if (s.startsWith("[")) {
		const end = s.indexOf("]");
		if (end < 0 || s[end + 1] !== ":") throw new OrasError("INVALID_ARGUMENT", `invalid --resolve ${what}`);
		return [s.slice(1, end), s.slice(end + 2)];
	}
	const colon = s.indexOf(":");
	if (colon < 0) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve ${what}`);
	return [s.slice(0, colon), s.slice(colon + 1)];
}

function parsePort(p: string, raw: string): number {
	const n = /^[0-9]{1,5}$/.test(p) ? Number(p) : Number.NaN;
	if (!(n > 0 && n < 65536)) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve port ${JSON.stringify(p)} in ${JSON.stringify(raw)}`);
	return n;
}

/** Parses `host:port:address[:address_port]`; IPv6 parts may be bracketed. */
export function parseResolveRule(raw: string): ResolveRule {
	const [host, rest] = splitHostPort(raw, JSON.stringify(raw));
	const [portStr, addrPart] = splitHostPort(rest, JSON.stringify(raw));
	const port = parsePort(portStr, raw);
	let address = addrPart;
	let addressPort = port;
	if (addrPart.startsWith("[")) {
		const end = addrPart.indexOf("]");
		if (end < 0) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve address in ${JSON.stringify(raw)}`);
		address = addrPart.slice(1, end);
		const tail = addrPart.slice(end + 1);
		if (tail !== "") {
			if (!tail.startsWith(":")) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve address in ${JSON.stringify(raw)}`);
			addressPort = parsePort(tail.slice(1), raw);
		}
	} else {
		const colons = addrPart.split(":").length - 1;
		if (colons === 1) {
			const c = addrPart.indexOf(":");
			address = addrPart.slice(0, c);
			addressPort = parsePort(addrPart.slice(c + 1), raw);
		}
		// more than one colon: a bare IPv6 address without a port
	}
	if (host === "" || address === "") throw new OrasError("INVALID_ARGUMENT", `invalid --resolve rule ${JSON.stringify(raw)}`);
	return { host: host.toLowerCase(), port, address, addressPort };
}

/** Parses `-H "Name: value"`: split at the first `:`, value trimmed, empty name rejected. */
export function parseHeaderFlag(raw: string): [string, string] {
	const colon = raw.indexOf(":");
	const name = colon < 0 ? "" : raw.slice(0, colon).trim();
	if (colon < 0 || name === "") throw new OrasError("INVALID_ARGUMENT", `invalid header: ${JSON.stringify(raw)}`);
	return [name, raw.slice(colon + 1).trim()];
}

export function headerEntries(h: TransportOptions["headers"]): [string, string][] {
	if (h === undefined) return [];
	if (Array.isArray(h)) return h.map(([k, v]) => [k, v]);
	return Object.entries(h as Readonly<Record<string, string>>);
}

let cachedVersion: string | undefined;

/** This package's version, read once from the nearest `package.json` named oras-ts. */
export function packageVersion(): string {
	if (cachedVersion !== undefined) return cachedVersion;
	cachedVersion = "0.0.0";
	let dir = new URL(".", import.meta.url);
	for (let i = 0; i < 6; i++) {
		try {
			const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: unknown; version?: unknown };
			if (pkg.name === "oras-ts" && typeof pkg.version === "string") {
				cachedVersion = pkg.version;
				break;
			}
		} catch {
			// keep walking up
		}
		dir = new URL("..", dir);
	}
	return cachedVersion;
}

export function defaultUserAgent(): string {
	return `oras-ts/${packageVersion()}`;
}
