/**
 * Forward proxies for the node transport, with the rules of Go's `golang.org/x/net/http/httpproxy`
 * (what oras gets from `http.ProxyFromEnvironment`):
 *
 * - `https://` requests use the https proxy, `http://` requests the http proxy;
 * - requests to `localhost` or a loopback IP literal never go through a proxy;
 * - `NO_PROXY` is a comma list of `*`, IPs (`10.0.0.1`, `[::1]:5000`), CIDRs (`10.0.0.0/8`),
 *   domains (`example.com` = itself and subdomains; `.example.com` / `*.example.com` = subdomains
 *   only), each optionally with `:port`;
 * - a proxy value without a scheme means `http://`.
 *
 * The library never reads `process.env`: the CLI (or an embedding application) builds a
 * `ProxyConfig` with `proxyConfigFromEnv(env)` and passes it as the `proxy` transport option, or
 * passes its own `ProxyFunc`.
 *
 * Traffic: https targets go through an HTTP `CONNECT host:port` tunnel (TLS to the registry inside
 * it), http targets as absolute-form requests (`GET http://host:port/path`). Credentials in the
 * proxy URL (`http://user:pass@proxy:3128`) become a `Proxy-Authorization: Basic` header and are
 * never printed. The proxy itself is dialled through `--resolve` rules like any other host.
 *
 * Unlike Go oras, `--resolve host:port:address` keeps working behind a proxy: the proxy is asked
 * for `address:addressPort` (Go would silently hand the proxy the bare name). The registry name
 * still goes in TLS SNI and certificate checks inside the tunnel, and in the `Host` header.
 */
import * as http from "node:http";
import type * as https from "node:https";
import { BlockList, isIP, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type * as tls from "node:tls";
import { domainToASCII } from "node:url";
import { OrasError } from "../../errors.js";

/** Proxy settings as in the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY`). */
export interface ProxyConfig {
	/** Proxy for `http://` requests. */
	readonly httpProxy?: string;
	/** Proxy for `https://` requests. */
	readonly httpsProxy?: string;
	/** Hosts that bypass the proxy (comma-separated, Go's syntax). */
	readonly noProxy?: string;
}

/** Picks the proxy for a request URL; `undefined` = connect directly. */
export type ProxyFunc = (url: URL) => URL | undefined;

function firstNonEmpty(env: Readonly<Record<string, string | undefined>>, ...names: string[]): string | undefined {
	for (const n of names) {
		const v = env[n];
		if (v !== undefined && v !== "") return v;
	}
	return undefined;
}

/** Reads `HTTP_PROXY`/`http_proxy`, `HTTPS_PROXY`/`https_proxy`, `NO_PROXY`/`no_proxy` (upper case first, as Go). */
export function proxyConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ProxyConfig {
	const httpProxy = firstNonEmpty(env, "HTTP_PROXY", "http_proxy");
	const httpsProxy = firstNonEmpty(env, "HTTPS_PROXY", "https_proxy");
	const noProxy = firstNonEmpty(env, "NO_PROXY", "no_proxy");
	return {
		...(httpProxy !== undefined ? { httpProxy } : {}),
		...(httpsProxy !== undefined ? { httpsProxy } : {}),
		...(noProxy !== undefined ? { noProxy } : {}),
	};
}

/** True when the config names any proxy. */
export function hasProxy(cfg: ProxyConfig): boolean {
	return Boolean(cfg.httpProxy || cfg.httpsProxy);
}

/** Go's parseProxy: a value without scheme or host is retried as `http://<value>`. */
export function parseProxyURL(raw: string): URL {
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	if (url === undefined || url.host === "" || !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
		try {
			url = new URL(`http://${raw}`);
		} catch {
			// fall through
		}
	}
	if (url === undefined || url.host === "") throw new OrasError("INVALID_ARGUMENT", `invalid proxy address ${JSON.stringify(redactProxyText(raw))}`);
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new OrasError("UNSUPPORTED", `unsupported proxy scheme ${JSON.stringify(url.protocol.slice(0, -1))} in ${JSON.stringify(proxyDisplay(url))} (http and https proxies are supported)`);
	}
	return url;
}

/** `scheme://host:port` without credentials, for messages. */
export function proxyDisplay(proxy: URL): string {
	return `${proxy.protocol}//${proxy.host}`;
}

function redactProxyText(raw: string): string {
	return raw.replace(/\/\/[^/@]*@/, "//*****@").replace(/^[^/:@]*:[^/@]*@/, "*****@");
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };

function bare(host: string): string {
	return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Go's net.SplitHostPort (enough of it): `[v6]:port`, `host:port`; undefined when there is no port part. */
function splitHostPort(s: string): [string, string] | undefined {
	if (s.startsWith("[")) {
		const end = s.indexOf("]");
		if (end < 0 || s[end + 1] !== ":") return undefined;
		return [s.slice(1, end), s.slice(end + 2)];
	}
	const first = s.indexOf(":");
	if (first < 0 || first !== s.lastIndexOf(":")) return undefined;
	return [s.slice(0, first), s.slice(first + 1)];
}

function ipFamily(ip: string): "ipv4" | "ipv6" | undefined {
	const k = isIP(ip);
	return k === 4 ? "ipv4" : k === 6 ? "ipv6" : undefined;
}

/** IPv4-mapped IPv6 addresses count as their IPv4 address (Go's net.IP equality). */
function normalizeIP(ip: string): { ip: string; family: "ipv4" | "ipv6" } | undefined {
	const fam = ipFamily(ip);
	if (fam === undefined) return undefined;
	if (fam === "ipv6") {
		const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
		if (m) return { ip: m[1] as string, family: "ipv4" };
	}
	return { ip, family: fam };
}

function isLoopback(ip: { ip: string; family: "ipv4" | "ipv6" }): boolean {
	if (ip.family === "ipv4") return ip.ip.startsWith("127.");
	const b = new BlockList();
	b.addAddress("::1", "ipv6");
	return b.check(ip.ip, "ipv6");
}

interface Matcher {
	match(host: string, port: string, ip: { ip: string; family: "ipv4" | "ipv6" } | undefined): boolean;
}

const ALL: Matcher = { match: () => true };

/** A compiled `NO_PROXY`: `bypass(hostport)` is true when the address must be reached directly. */
export function compileNoProxy(noProxy: string | undefined): { ip: Matcher[]; domain: Matcher[] } {
	const ip: Matcher[] = [];
	const domain: Matcher[] = [];
	for (const raw of (noProxy ?? "").split(",")) {
		const p = raw.trim().toLowerCase();
		if (p === "") continue;
		if (p === "*") return { ip: [ALL], domain: [ALL] };
		const slash = p.indexOf("/");
		if (slash > 0) {
			const net = normalizeIP(p.slice(0, slash));
			const bits = p.slice(slash + 1);
			const max = net?.family === "ipv4" ? 32 : 128;
			if (net && /^\d{1,3}$/.test(bits) && Number(bits) <= max) {
				const list = new BlockList();
				list.addSubnet(net.ip, Number(bits), net.family);
				ip.push({ match: (_h, _p, addr) => addr !== undefined && addr.family === net.family && list.check(addr.ip, addr.family) });
			}
			continue;
		}
		let phost = p;
		let pport = "";
		const hp = splitHostPort(p);
		if (hp) {
			if (hp[0] === "") continue;
			[phost, pport] = hp;
			phost = bare(phost);
		}
		const pip = normalizeIP(phost);
		if (pip) {
			ip.push({
				match: (_h, port, addr) => addr !== undefined && addr.family === pip.family && addr.ip === pip.ip && (pport === "" || pport === port),
			});
			continue;
		}
		if (phost === "") continue;
		if (phost.startsWith("*.")) phost = phost.slice(1);
		let matchHost = false;
		if (!phost.startsWith(".")) {
			matchHost = true;
			phost = `.${phost}`;
		}
		const ascii = domainToASCII(phost.slice(1));
		if (ascii !== "") phost = `.${ascii}`;
		const suffix = phost;
		domain.push({
			match: (host, port) => (host.endsWith(suffix) || (matchHost && host === suffix.slice(1))) && (pport === "" || pport === port),
		});
	}
	return { ip, domain };
}

/** A `ProxyFunc` with Go's `httpproxy` rules for `cfg`. Invalid proxy values throw here, once. */
export function proxyFunc(cfg: ProxyConfig): ProxyFunc {
	const httpProxy = cfg.httpProxy ? parseProxyURL(cfg.httpProxy) : undefined;
	const httpsProxy = cfg.httpsProxy ? parseProxyURL(cfg.httpsProxy) : undefined;
	const { ip: ipMatchers, domain: domainMatchers } = compileNoProxy(cfg.noProxy);
	return (url: URL) => {
		const proxy = url.protocol === "https:" ? httpsProxy : url.protocol === "http:" ? httpProxy : undefined;
		if (proxy === undefined) return undefined;
		const host = bare(url.hostname).toLowerCase();
		const port = url.port !== "" ? url.port : (DEFAULT_PORTS[url.protocol] ?? "");
		if (host === "localhost") return undefined;
		const addr = normalizeIP(host);
		if (addr && isLoopback(addr)) return undefined;
		if (addr && ipMatchers.some((m) => m.match(host, port, addr))) return undefined;
		if (domainMatchers.some((m) => m.match(host, port, addr))) return undefined;
		return proxy;
	};
}

/** `Proxy-Authorization` for credentials in the proxy URL, if any. */
export function proxyAuthorization(proxy: URL): string | undefined {
	if (proxy.username === "" && proxy.password === "") return undefined;
	const user = decodeURIComponent(proxy.username);
	const pass = decodeURIComponent(proxy.password);
	return `Basic ${Buffer.from(`${user}:${pass}`, "utf8").toString("base64")}`;
}

export interface TunnelOptions {
	readonly proxy: URL;
	/** Where the proxy dials (after --resolve rules): `host:port` goes in the CONNECT line. */
	readonly targetHost: string;
	readonly targetPort: number;
	/** Address and port to dial for the proxy itself. */
	readonly proxyAddress: string;
	readonly proxyPort: number;
	readonly timeoutMs: number;
	/** TLS options for an https proxy (trust, client cert). */
	readonly tls?: tls.ConnectionOptions;
	readonly userAgent?: string;
}

function proxyError(proxy: URL, message: string, code?: string, cause?: unknown): Error {
	const e = new Error(`proxyconnect ${proxyDisplay(proxy)}: ${message}`, cause === undefined ? undefined : { cause }) as NodeJS.ErrnoException;
	if (code !== undefined) e.code = code;
	return e;
}

/** Opens a raw socket through an HTTP CONNECT tunnel (the caller layers TLS on it). */
export function openTunnel(o: TunnelOptions): Promise<Socket> {
	const target = `${isIP(o.targetHost) === 6 ? `[${o.targetHost}]` : o.targetHost}:${o.targetPort}`;
	const headers: http.OutgoingHttpHeaders = { host: target };
	const auth = proxyAuthorization(o.proxy);
	if (auth !== undefined) headers["proxy-authorization"] = auth;
	if (o.userAgent !== undefined) headers["user-agent"] = o.userAgent;
	return new Promise<Socket>((resolve, reject) => {
		let settled = false;
		const options: http.RequestOptions = {
			method: "CONNECT",
			host: o.proxyAddress,
			port: o.proxyPort,
			path: target,
			headers,
			agent: false,
		};
		const proxyHost = bare(o.proxy.hostname);
		if (o.proxy.protocol === "https:") {
			// TLS to the proxy itself, then CONNECT over it (no agent: one connection per tunnel).
			delete options.agent;
			options.createConnection = () =>
				tlsModule().connect({ ...o.tls, host: o.proxyAddress, port: o.proxyPort, ...(isIP(proxyHost) === 0 ? { servername: proxyHost } : {}) });
		}
		const req = http.request(options);
		const timer = setTimeout(() => {
			req.destroy(proxyError(o.proxy, `timed out after ${o.timeoutMs} ms`, "ETIMEDOUT"));
		}, o.timeoutMs);
		const finish = (err: Error | undefined, sock?: Socket) => {
			clearTimeout(timer);
			if (settled) {
				sock?.destroy();
				return;
			}
			settled = true;
			if (err) reject(err);
			else resolve(sock as Socket);
		};
		req.once("connect", (res: http.IncomingMessage, socket: Socket, head: Buffer) => {
			if (res.statusCode !== 200) {
				socket.destroy();
				finish(proxyError(o.proxy, `CONNECT ${target}: ${res.statusCode} ${res.statusMessage ?? ""}`.trim(), "EPROXYREFUSED"));
				return;
			}
			if (head.length > 0) socket.unshift(head);
			finish(undefined, socket);
		});
		req.once("response", (res: http.IncomingMessage) => {
			res.resume();
			finish(proxyError(o.proxy, `CONNECT ${target}: ${res.statusCode} ${res.statusMessage ?? ""}`.trim(), "EPROXYREFUSED"));
		});
		req.once("error", (err: NodeJS.ErrnoException) => {
			const e = err.message.startsWith("proxyconnect ") ? err : proxyError(o.proxy, err.message, err.code, err);
			finish(e);
		});
		req.end();
	});
}

export interface TunnelAgentOptions extends https.AgentOptions {
	readonly proxy: URL;
	/** Dial address for the proxy (after --resolve rules). */
	readonly proxyAddress: string;
	readonly proxyPort: number;
	readonly connectTimeoutMs: number;
	/** TLS options used when the proxy itself speaks https. */
	readonly proxyTls?: tls.ConnectionOptions;
}

/** node:tls, loaded when a tunnel or an https proxy is first used (not at start-up). */
function tlsModule(): typeof tls {
	return process.getBuiltinModule("node:tls");
}

let tunnelAgentClass: (new (opts: TunnelAgentOptions) => https.Agent) | undefined;

/**
 * An https agent whose connections are TLS sessions inside CONNECT tunnels through `proxy`.
 * Requests name the CONNECT target as their `host`/`port` and the registry name as `servername`;
 * keep-alive pooling works per target as with a direct agent. The class (a subclass of node:https's
 * Agent) is defined on first use, so loading this module does not load node:https.
 */
export function createTunnelAgent(opts: TunnelAgentOptions): https.Agent {
	tunnelAgentClass ??= defineTunnelAgent(process.getBuiltinModule("node:https"));
	return new tunnelAgentClass(opts);
}

function defineTunnelAgent(h: typeof https): new (opts: TunnelAgentOptions) => https.Agent {
	return class TunnelAgent extends h.Agent {
		private readonly tunnel: Omit<TunnelOptions, "targetHost" | "targetPort">;

		constructor(opts: TunnelAgentOptions) {
			const { proxy, proxyAddress, proxyPort, connectTimeoutMs, proxyTls, ...agentOpts } = opts;
			super(agentOpts);
			this.tunnel = { proxy, proxyAddress, proxyPort, timeoutMs: connectTimeoutMs, ...(proxyTls ? { tls: proxyTls } : {}) };
		}

		override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): undefined {
			const cb = callback ?? (() => {});
			const host = String(options.host ?? "");
			const port = Number(options.port ?? 443);
			openTunnel({ ...this.tunnel, targetHost: host, targetPort: port }).then(
				(raw) => {
					// host stays: without a servername (IP-literal registries) it is the name the certificate must match.
					const { port: _p, path: _path, ...rest } = options as tls.ConnectionOptions & { path?: string | null };
					cb(null, tlsModule().connect({ ...rest, socket: raw }));
				},
				(err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), undefined as unknown as Duplex),
			);
			return undefined;
		}
	};
}
