/**
 * The real transport: node:http / node:https with keep-alive agents, per-client TLS
 * settings (--insecure, --ca-file, --cert-file/--key-file) and --resolve dial overrides.
 * Bodies stream both ways; nothing is buffered here.
 */
import { readFileSync } from "node:fs";
import * as http from "node:http";
import type * as https from "node:https";
import type * as nodeTls from "node:tls";
import { isIP, type Socket } from "node:net";
import { OrasError } from "../../errors.js";
import { parseResolveRule, type ResolveRule, type TransportOptions } from "./options.js";
import { createTunnelAgent, proxyAuthorization, proxyFunc } from "./proxy.js";
import type { HttpRequest, HttpResponse, Transport } from "./types.js";
import { HeaderMap, type HttpHeaders } from "./headers.js";
import { bulkGet, type BulkTarget, DEFAULT_BULK_MIN_BYTES } from "./bulk.js";
import { requestHead } from "./http1.js";
import { LITE_MAX_EXPECTED, LITE_MAX_REQUEST_BODY, LitePool } from "./lite.js";
import { redactURL } from "./middleware.js";
import { type BodyTimeouts, DEFAULT_METADATA_IDLE_TIMEOUT_MS, DEFAULT_METADATA_TIMEOUT_MS, setBodyTimeouts, timeoutError } from "./body.js";
import { takeBufferedBytes } from "../../content/verify.js";

/**
 * node:https (and node:tls under it), loaded on the first https request: a plain-http run (a local
 * registry, `--plain-http`) does not pay for them at start-up.
 */
function httpsModule(): typeof https {
	return process.getBuiltinModule("node:https");
}

export type NodeTransportOptions = Pick<
	TransportOptions,
		| "insecure"
	| "ca"
	| "caFile"
	| "cert"
	| "certFile"
	| "key"
	| "keyFile"
	| "resolve"
	| "maxSockets"
	| "connectTimeoutMs"
	| "headerTimeoutMs"
	| "metadataIdleTimeoutMs"
	| "metadataTimeoutMs"
	| "proxy"
	| "bulkMinBytes"
	| "lite"
>;

export interface NodeTransport extends Transport {
	/** Closes idle keep-alive sockets (call when the client is done). */
	close(): void;
}

export const DEFAULT_MAX_SOCKETS = 10;
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** How long the registry may stay silent once the request is sent (or stop reading its body). */
export const DEFAULT_HEADER_TIMEOUT_MS = 60_000;
/** After a request body, the header timeout grows by one second per this many bytes sent (10 GiB: +17 min). */
export const UPLOAD_BYTES_PER_EXTRA_SECOND = 10 * 1024 * 1024;

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|HOSTNAME_MISMATCH)/;

function readPem(file: string | undefined, inline: string | Buffer | undefined, what: string): string | Buffer | undefined {
	if (inline !== undefined) return inline;
	if (file === undefined) return undefined;
	try {
		return readFileSync(file);
	} catch (err) {
		throw new OrasError("INVALID_ARGUMENT", `failed to read ${what} ${JSON.stringify(file)}: ${(err as Error).message}`, { cause: err });
	}
}

function headersFromRaw(raw: readonly string[]): HttpHeaders {
	const h = new HeaderMap();
	for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i] as string, raw[i + 1] as string);
	return h;
}

function stripBrackets(host: string): string {
	return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/** Wraps a socket/TLS failure in a one-line OrasError naming the request; aborts become ABORTED. */
export function networkError(err: unknown, req: Pick<HttpRequest, "method" | "url">): unknown {
	if (OrasError.is(err)) return err;
	if (err instanceof Error && err.name === "AbortError") return new OrasError("ABORTED", "operation aborted", { cause: err });
	const e = err as NodeJS.ErrnoException;
	const code = typeof e?.code === "string" ? e.code : "";
	let msg = e instanceof Error ? e.message : String(err);
	// OpenSSL reasons come as "write EPROTO 80...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/...".
	const ssl = /SSL routines:[^:]*:([^:]+):/.exec(msg);
	if (ssl) msg = `tls: ${ssl[1]}`;
	// A redirect's presigned URL carries its signature in the query: named without it (as in traces).
	const where = `${req.method} "${redactURL(req.url)}"`;
	if (TLS_CODES.test(code) || /wrong version number|certificate|handshake/i.test(msg)) {
		const hint = /wrong version number|EPROTO/i.test(`${code} ${msg}`) && req.url.protocol === "https:" ? "the registry may be serving plain HTTP; try --plain-http" : undefined;
		return new OrasError("TLS_ERROR", `${where}: ${msg}`, hint ? { cause: err, hint } : { cause: err });
	}
	return new OrasError("NETWORK_ERROR", `${where}: ${msg}`, { cause: err });
}

/**
 * Writes a request body one chunk at a time: `write` resolves once the socket has taken the chunk
 * (the write's callback: the bytes are in the kernel, or encrypted) or the request ended (`close`, an
 * early `response`). Only then may the body's source reuse the chunk's buffer (see `HttpRequest.body`).
 * `onStall` runs when a write is still waiting after `stallMs` (the registry stopped reading): any
 * write, also one that `write()` accepted below the high-water mark, since its callback waits for the
 * kernel too. One set of listeners and one timer per request (refreshed per chunk), not per chunk.
 */
function bodyWriter(cr: http.ClientRequest, stallMs: number, onStall: () => void): { write(chunk: Uint8Array): Promise<void>; stop(): void } {
	let wake: (() => void) | undefined;
	let stalled = false;
	let timer: NodeJS.Timeout | undefined;
	const rouse = () => {
		stalled = false;
		const w = wake;
		wake = undefined;
		w?.();
	};
	cr.on("close", rouse);
	cr.on("response", rouse);
	return {
		write(chunk) {
			const taken = new Promise<void>((resolve) => {
				wake = resolve;
			});
			cr.write(chunk, rouse);
			if (wake !== undefined && stallMs > 0) {
				stalled = true;
				if (timer === undefined) {
					timer = setTimeout(() => {
						if (stalled) onStall();
					}, stallMs);
				} else timer.refresh();
			}
			return taken;
		},
		stop() {
			clearTimeout(timer);
			cr.off("close", rouse);
			cr.off("response", rouse);
		},
	};
}

/** A request the lite client may send: no body or a small one of known length, and a small reply expected. */
function fitsLite(req: HttpRequest): boolean {
	if (req.body !== undefined && (req.contentLength === undefined || req.contentLength > LITE_MAX_REQUEST_BODY)) return false;
	return req.expectedBodyBytes === undefined || req.expectedBodyBytes <= LITE_MAX_EXPECTED;
}

/**
 * The whole request (head and body) as one buffer, or undefined when its head is for node:http to
 * judge. The body's chunks are lent (see `HttpRequest.body`): each is copied before the next is asked
 * for. Length mismatches fail as in the streaming path.
 */
async function litePayload(req: HttpRequest): Promise<Buffer | undefined> {
	const length = req.body === undefined ? undefined : (req.contentLength as number);
	const head = requestHead(req, { bodyLength: length });
	if (head === undefined) return undefined;
	const headBytes = Buffer.byteLength(head, "latin1");
	const out = Buffer.allocUnsafe(headBytes + (length ?? 0));
	out.write(head, 0, "latin1");
	if (req.body === undefined) return out;
	let n = 0;
	try {
		const body = req.body();
		// A small body held whole (a `bufferedBody`, e.g. a small file's bytes) is taken without a stream.
		const whole = takeBufferedBytes(body);
		for await (const chunk of whole === undefined ? body : [whole]) {
			if (n + chunk.byteLength > (length as number)) {
				throw new OrasError("SIZE_MISMATCH", `${req.method} "${req.url.href}": request body is longer than the declared ${length} bytes`);
			}
			out.set(chunk, headBytes + n);
			n += chunk.byteLength;
		}
	} catch (err) {
		throw networkError(err, req);
	}
	if (n !== length) throw new OrasError("SIZE_MISMATCH", `${req.method} "${req.url.href}": request body ended after ${n} of ${length} bytes`);
	return out;
}

export function createNodeTransport(opts: NodeTransportOptions = {}): NodeTransport {
	const maxSockets = opts.maxSockets ?? DEFAULT_MAX_SOCKETS;
	const connectTimeout = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
	const headerTimeout = opts.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
	const bodyTimeouts: BodyTimeouts = {
		idleMs: opts.metadataIdleTimeoutMs ?? DEFAULT_METADATA_IDLE_TIMEOUT_MS,
		totalMs: opts.metadataTimeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS,
	};
	const bulkMin = opts.bulkMinBytes ?? DEFAULT_BULK_MIN_BYTES;
	const pool = opts.lite === false ? undefined : new LitePool(maxSockets);
	const agentOpts = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "lifo" as const };
	const tls: https.AgentOptions = { rejectUnauthorized: opts.insecure !== true };
	const ca = readPem(opts.caFile, opts.ca, "CA file");
	const cert = readPem(opts.certFile, opts.cert, "certificate file");
	const key = readPem(opts.keyFile, opts.key, "key file");
	if ((cert === undefined) !== (key === undefined)) {
		throw new OrasError("INVALID_ARGUMENT", "--cert-file must be used in conjunction with --key-file");
	}
	if (ca !== undefined) tls.ca = ca;
	if (cert !== undefined) tls.cert = cert;
	if (key !== undefined) tls.key = key;
	const httpAgent = new http.Agent(agentOpts);
	let httpsAgent: https.Agent | undefined;
	const rules = new Map<string, ResolveRule>();
	for (const r of opts.resolve ?? []) {
		const rule = typeof r === "string" ? parseResolveRule(r) : r;
		rules.set(`${stripBrackets(rule.host).toLowerCase()}:${rule.port}`, rule); // later rules win
	}
	// Proxies (see proxy.ts): one tunnel agent (https targets) and one plain agent (http targets) per proxy.
	const proxyOf = opts.proxy === undefined ? undefined : typeof opts.proxy === "function" ? opts.proxy : proxyFunc(opts.proxy);
	const proxyAgents = new Map<string, http.Agent>();
	const proxyDial = (proxy: URL): { address: string; port: number } => {
		const host = stripBrackets(proxy.hostname);
		const port = proxy.port !== "" ? Number(proxy.port) : proxy.protocol === "https:" ? 443 : 80;
		const r = rules.get(`${host.toLowerCase()}:${port}`);
		return r ? { address: stripBrackets(r.address), port: r.addressPort } : { address: host, port };
	};
	const proxyAgent = (proxy: URL, tunnel: boolean): http.Agent => {
		const key = `${tunnel ? "tunnel" : "plain"} ${proxy.href}`;
		const known = proxyAgents.get(key);
		if (known !== undefined) return known;
		const dial = proxyDial(proxy);
		const proxyHost = stripBrackets(proxy.hostname);
		const proxyTls: https.AgentOptions = { ...tls, ...(isIP(proxyHost) === 0 ? { servername: proxyHost } : {}) };
		const a = tunnel
			? createTunnelAgent({ ...agentOpts, ...tls, proxy, proxyAddress: dial.address, proxyPort: dial.port, connectTimeoutMs: connectTimeout, proxyTls })
			: proxy.protocol === "https:"
				? new (httpsModule().Agent)({ ...agentOpts, ...proxyTls })
				: new http.Agent(agentOpts);
		proxyAgents.set(key, a);
		return a;
	};

	/** The TLS options of our own connections to a server name (bounded cache; a new object past it). */
	const tlsByName = new Map<string, nodeTls.ConnectionOptions>();
	const tlsFor = (servername: string | undefined): nodeTls.ConnectionOptions => {
		const known = tlsByName.get(servername ?? "");
		if (known !== undefined) return known;
		const t: nodeTls.ConnectionOptions = servername !== undefined ? { ...tls, servername } : { ...tls };
		if (tlsByName.size < 100) tlsByName.set(servername ?? "", t);
		return t;
	};
	/** `viaNodeOnly`: the bulk reader or the lite client handed the request back (node:http sends it). */
	const send = (req: HttpRequest, viaNodeOnly = false): Promise<HttpResponse> => {
		const url = req.url;
		const secure = url.protocol === "https:";
		if (!secure && url.protocol !== "http:") {
			return Promise.reject(new OrasError("UNSUPPORTED", `unsupported URL scheme ${JSON.stringify(url.protocol)} in ${JSON.stringify(url.href)}`));
		}
		const hostname = stripBrackets(url.hostname);
		const port = url.port !== "" ? Number(url.port) : secure ? 443 : 80;
		const rule = rules.get(`${hostname.toLowerCase()}:${port}`);
		const dialHost = rule ? stripBrackets(rule.address) : hostname;
		const dialPort = rule ? rule.addressPort : port;
		const servername = secure && isIP(hostname) === 0 ? hostname : undefined;
		const proxy = proxyOf?.(url);
		if (!viaNodeOnly && proxy === undefined) {
			// Our own connections (bulk.ts, lite.ts); what they do not handle comes back here (`viaNodeOnly`).
			const direct = (): BulkTarget => ({
				host: dialHost,
				port: dialPort,
				tls: secure ? tlsFor(servername) : undefined,
				connectTimeoutMs: connectTimeout,
				headerTimeoutMs: headerTimeout,
				bodyTimeouts,
				networkError: (err) => networkError(err, req),
			});
			const toNode = (): Promise<HttpResponse> => {
				const { expectedBodyBytes: _, ...plain } = req;
				return send(plain, true);
			};
			if (bulkMin >= 0 && req.method === "GET" && req.body === undefined && (req.expectedBodyBytes ?? -1) >= bulkMin) {
				// A large blob body: read into one reused buffer.
				return bulkGet(req, direct()).then((res) => res ?? toNode());
			}
			if (pool !== undefined && fitsLite(req)) {
				const key = `${secure ? "https" : "http"} ${dialHost} ${dialPort} ${servername ?? ""}`;
				if (pool.reserve(key)) {
					const target = direct();
					return litePayload(req).then(
						(payload) => {
							if (payload !== undefined) return pool.request(req, key, target, payload).then((res) => res ?? toNode());
							pool.unreserve(key);
							return toNode();
						},
						(err: unknown) => {
							pool.unreserve(key);
							throw err;
						},
					);
				}
			}
		}
		const headers: http.OutgoingHttpHeaders = {};
		req.headers.forEach((v, k) => {
			headers[k] = v;
		});
		headers.host = url.host;
		if (req.contentLength !== undefined) headers["content-length"] = String(req.contentLength);
		else if (req.body !== undefined) headers["transfer-encoding"] = "chunked";
		const options: https.RequestOptions = {
			method: req.method,
			host: dialHost,
			port: dialPort,
			path: `${url.pathname}${url.search}`,
			headers,
			agent: secure ? (httpsAgent ??= new (httpsModule().Agent)({ ...agentOpts, ...tls })) : httpAgent,
		};
		if (servername !== undefined) options.servername = servername;
		if (req.signal) options.signal = req.signal;
		let viaTls = secure;
		if (proxy !== undefined) {
			if (secure) {
				// CONNECT <target> through the proxy; TLS to the registry inside the tunnel.
				options.agent = proxyAgent(proxy, true);
			} else {
				// Absolute-form request to the proxy; the --resolve address (if any) is what the proxy dials.
				const dial = proxyDial(proxy);
				const target = rule ? `${isIP(stripBrackets(rule.address)) === 6 ? `[${stripBrackets(rule.address)}]` : rule.address}:${rule.addressPort}` : url.host;
				options.host = dial.address;
				options.port = dial.port;
				options.path = `http://${target}${url.pathname}${url.search}`;
				options.agent = proxyAgent(proxy, false);
				const auth = proxyAuthorization(proxy);
				if (auth !== undefined) headers["proxy-authorization"] = auth;
				viaTls = proxy.protocol === "https:";
			}
		}

		return new Promise<HttpResponse>((resolve, reject) => {
			let responded = false;
			let bodyDone = req.body === undefined;
			let timer: NodeJS.Timeout | undefined;
			const clearTimer = () => {
				if (timer) clearTimeout(timer);
				timer = undefined;
			};
			/** Fails the request unless the registry answers (or takes more of the body) within the header timeout. */
			let waitTimer: NodeJS.Timeout | undefined;
			const clearWait = () => {
				if (waitTimer) clearTimeout(waitTimer);
				waitTimer = undefined;
			};
			const awaitRegistry = (what: string, ms = headerTimeout) => {
				clearWait();
				if (headerTimeout <= 0 || responded) return;
				waitTimer = setTimeout(() => {
					cr.destroy(timeoutError(`${what} within ${ms} ms (header timeout)`));
				}, ms);
			};
			const cr = (viaTls ? httpsModule() : http).request(options);
			cr.on("socket", (sock: Socket) => {
				if (!sock.connecting) return;
				timer = setTimeout(() => {
					cr.destroy(timeoutError(`connection to ${url.host} timed out after ${connectTimeout} ms`));
				}, connectTimeout);
				sock.once(viaTls ? "secureConnect" : "connect", () => {
					clearTimer();
					if (bodyDone && waitTimer === undefined) awaitRegistry("no response");
				});
				sock.once("close", clearTimer);
			});
			cr.on("response", (res: http.IncomingMessage) => {
				responded = true;
				clearTimer();
				clearWait();
				if (!bodyDone) {
					// The server answered before taking the whole body: this connection's framing is
					// unknown, so it must not go back to the pool.
					const kill = () => cr.destroy();
					res.once("end", kill);
					res.once("close", kill);
				}
				setBodyTimeouts(res, bodyTimeouts);
				resolve({ status: res.statusCode ?? 0, headers: headersFromRaw(res.rawHeaders), url, body: res });
			});
			cr.on("error", (err) => {
				clearTimer();
				clearWait();
				if (!responded) reject(networkError(err, req));
			});
			// node:http closes without an error on a reply it will not hand over (a 101 nobody asked for):
			// nothing else would settle the request.
			cr.on("close", () => {
				clearTimer();
				clearWait();
				if (!responded) reject(networkError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), req));
			});
			if (req.body === undefined) {
				cr.end();
				// A reused keep-alive socket is connected already; a new one starts the timer on connect.
				cr.once("socket", (sock: Socket) => {
					if (!sock.connecting) awaitRegistry("no response");
				});
				return;
			}
			const body = req.body;
			const writer = bodyWriter(cr, headerTimeout, () => {
				if (!responded) cr.destroy(timeoutError(`the registry stopped reading the request body within ${headerTimeout} ms (header timeout)`));
			});
			(async () => {
				let n = 0;
				const limit = req.contentLength;
				for await (const chunk of body()) {
					if (responded || cr.destroyed) return;
					n += chunk.byteLength;
					if (limit !== undefined && n > limit) {
						throw new OrasError("SIZE_MISMATCH", `${req.method} "${url.href}": request body is longer than the declared ${limit} bytes`);
					}
					// The next chunk is asked for only once the socket has this one: a source may reuse its buffer.
					await writer.write(chunk);
				}
				if (responded || cr.destroyed) return;
				if (limit !== undefined && n !== limit) {
					throw new OrasError("SIZE_MISMATCH", `${req.method} "${url.href}": request body ended after ${n} of ${limit} bytes`);
				}
				bodyDone = true;
				cr.end();
				// Committing a large upload takes the registry time (hashing, moving it to storage).
				awaitRegistry("no response", headerTimeout + Math.floor(n / UPLOAD_BYTES_PER_EXTRA_SECOND) * 1000);
			})()
				.catch((err: unknown) => {
					cr.destroy(err instanceof Error ? err : new Error(String(err)));
				})
				.finally(() => writer.stop());
		});
	};
	return Object.assign((req: HttpRequest) => send(req), {
		close() {
			pool?.close();
			httpAgent.destroy();
			httpsAgent?.destroy();
			for (const a of proxyAgents.values()) a.destroy();
		},
	});
}
