/**
 * `createRegistryServer`: an OCI distribution-spec v1.1 registry (with the referrers API) on
 * local storage (registry-storage.ts: one OCI layout store per repository plus upload sessions),
 * over http or https, optionally behind bcrypt Basic auth. This file is the composition: listening,
 * authentication, routing to the per-resource handlers (handlers/*.ts), errors and the access log.
 */
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { OrasError } from "../errors.js";
import { type AuthLimits, Authenticator } from "./auth.js";
import {
	DEFAULT_MAX_CONNECTIONS,
	DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
	DEFAULT_MAX_PIPELINED_REQUESTS,
	DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
	DEFAULT_REQUEST_RATE_WINDOW_MS,
	clientOfSocket,
	limitConnections,
	pipelinedTooDeep,
	type RequestWatchLimits,
	watchRequest,
} from "./connections.js";
import { httpError, RegistryHttpError } from "./errors.js";
import { base, catalog } from "./handlers/base.js";
import { blobs } from "./handlers/blobs.js";
import { type ResourceHandler, sendError } from "./handlers/http.js";
import { manifests } from "./handlers/manifests.js";
import { referrers } from "./handlers/referrers.js";
import { tags } from "./handlers/tags.js";
import { startUpload, upload } from "./handlers/uploads.js";
import { HtpasswdFile } from "./htpasswd.js";
import { parseBasicAuthorization, repositoryNameProblem } from "./protocol.js";
import { RegistryStorage } from "./registry-storage.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type ServerLogger = (level: Exclude<LogLevel, "silent">, message: string) => void;

export interface RegistryServerOptions {
	/** Storage directory (created when missing, unless read-only). */
	readonly root: string;
	/** `host:port`, `:port` (all interfaces) or `[v6]:port`; default `127.0.0.1:5000`. Port 0 picks a free port. */
	readonly addr?: string;
	/** Refuse every write (405 UNSUPPORTED). */
	readonly readOnly?: boolean;
	/** htpasswd file with bcrypt entries: every request then needs Basic credentials. */
	readonly htpasswd?: string;
	/** Basic realm sent in `WWW-Authenticate`; default `oras-ts`. */
	readonly realm?: string;
	/** PEM file paths: serve https. */
	readonly tls?: { readonly cert: string; readonly key: string };
	/** Default `info`: one line per request. */
	readonly logLevel?: LogLevel;
	/** Where log lines go; default stderr. */
	readonly logger?: ServerLogger;
	/** Bounds of `htpasswd` verification (throttling, caches, workers); see `AuthLimits` for the defaults. */
	readonly authLimits?: Partial<AuthLimits>;
	/** Upload sessions open at once before TOO_MANY_REQUESTS; default 1024. */
	readonly maxUploads?: number;
	/** Upload sessions one client (remote address) may hold at once before TOO_MANY_REQUESTS; default 64. */
	readonly maxUploadsPerClient?: number;
	/** An upload session that received no data for this long is deleted with its data; default 1 h. */
	readonly uploadTtlMs?: number;
	/** Run after every 2 MiB (GARBAGE_STEP_BYTES) of upload bodies (e.g. `minorGarbageCollector()`, server/gc.ts); default none. */
	readonly collectGarbage?: () => void;
	/**
	 * A request whose body stops arriving, or whose response the client stops reading, for this
	 * long is cut off (its connection closed; a chunk it was sending is discarded); default 60 s,
	 * 0 turns it off. Time the server spends working on a request does not count. Sampled every
	 * quarter of it (one timer per request, shared with `minRequestBytesPerSecond`).
	 */
	readonly requestIdleTimeoutMs?: number;
	/**
	 * A request body arriving slower than this many bytes per second, averaged over each window of
	 * `requestRateWindowMs` after a grace period of one window, is cut off like a stalled one (a
	 * trickle of one byte every 59 s is never idle); default 1024 (1 KiB/s), 0 turns it off.
	 * Windows in which the server itself was not reading the body do not count.
	 */
	readonly minRequestBytesPerSecond?: number;
	/** Grace period and averaging window of `minRequestBytesPerSecond`; default 30 s. */
	readonly requestRateWindowMs?: number;
	/** Open connections, all clients together (Node's `server.maxConnections`: one more is closed at once); default 1024. */
	readonly maxConnections?: number;
	/** Open connections of one client address (an IPv6 /64); one more is closed before a byte is read; default 64. */
	readonly maxConnectionsPerClient?: number;
	/** Repository layout stores kept open at once (the least recently used is closed beyond, and reopened when asked for); default 256. */
	readonly maxOpenRepositories?: number;
}

export interface ListeningAddress {
	readonly host: string;
	readonly port: number;
	/** `http://127.0.0.1:5000` (brackets around IPv6 hosts). */
	readonly url: string;
}

export interface RegistryServer {
	/** Prepares the storage and starts listening on `addr`. */
	listen(): Promise<ListeningAddress>;
	/** Stops accepting, ends open connections. */
	close(): Promise<void>;
	/** The request handler, for mounting in another `node:http` server. */
	readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
	readonly storage: RegistryStorage;
}

/** Default of `requestIdleTimeoutMs`: as long as the client waits for a silent blob body. */
const DEFAULT_REQUEST_IDLE_TIMEOUT_MS = 60_000;

/** All request headers must arrive within this long of the connection (or of the previous request on it). */
const HEADERS_TIMEOUT_MS = 60_000;
/** An idle keep-alive connection is closed after this long. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const API_VERSION = "registry/2.0";

/** Splits `host:port`; throws INVALID_ARGUMENT on anything else. */
export function parseListenAddress(addr: string): { host: string; port: number } {
	const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(addr);
	const port = m ? Number(m[3]) : Number.NaN;
	if (!m || port > 65535) throw new OrasError("INVALID_ARGUMENT", `invalid listen address ${JSON.stringify(addr)}: expected host:port`);
	const host = m[1] ?? (m[2] === "" ? "0.0.0.0" : m[2]!);
	return { host, port };
}

function defaultLogger(level: string, message: string): void {
	process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
}

interface Route {
	readonly re: RegExp;
	readonly handle: ResourceHandler;
}

/** Per-resource handlers (handlers/*.ts), tried in order; `/v2/` and `/v2/_catalog` have no repository name. */
const ROUTES: readonly Route[] = [
	{ re: /^\/v2\/(.+)\/tags\/list$/, handle: tags },
	{ re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, handle: manifests },
	{ re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, handle: startUpload },
	{ re: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, handle: upload },
	{ re: /^\/v2\/(.+)\/blobs\/([^/]+)$/, handle: blobs },
	{ re: /^\/v2\/(.+)\/referrers\/([^/]+)$/, handle: referrers },
];

function decodeSegment(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/** The handler of a path, with the repository name and reference it names (400 NAME_INVALID for a bad name). */
function routeOf(path: string): { handle: ResourceHandler; name: string; ref: string } | undefined {
	if (path === "/v2" || path === "/v2/") return { handle: base, name: "", ref: "" };
	if (path === "/v2/_catalog") return { handle: catalog, name: "", ref: "" };
	for (const r of ROUTES) {
		const m = r.re.exec(path);
		if (!m) continue;
		const name = m[1]!;
		const problem = repositoryNameProblem(name);
		if (problem) throw httpError(400, "NAME_INVALID", problem, { name });
		return { handle: r.handle, name, ref: m[2] === undefined ? "" : decodeSegment(m[2]) };
	}
	return undefined;
}

export function createRegistryServer(options: RegistryServerOptions): RegistryServer {
	const storage = new RegistryStorage({
		root: options.root,
		...(options.readOnly ? { readOnly: true } : {}),
		...(options.maxUploads !== undefined ? { maxUploads: options.maxUploads } : {}),
		...(options.maxUploadsPerClient !== undefined ? { maxUploadsPerClient: options.maxUploadsPerClient } : {}),
		...(options.uploadTtlMs !== undefined ? { uploadTtlMs: options.uploadTtlMs } : {}),
		...(options.collectGarbage !== undefined ? { collectGarbage: options.collectGarbage } : {}),
		...(options.maxOpenRepositories !== undefined ? { maxOpenRepositories: options.maxOpenRepositories } : {}),
	});
	const threshold = LEVELS[options.logLevel ?? "info"];
	const sink = options.logger ?? defaultLogger;
	const log = (level: Exclude<LogLevel, "silent">, message: string): void => {
		if (LEVELS[level] >= threshold) sink(level, message);
	};
	/** One line per request (its close listener is not added when the level hides it). */
	const accessLog = LEVELS.info >= threshold;
	const htpasswd = options.htpasswd !== undefined ? new HtpasswdFile(options.htpasswd) : undefined;
	const authenticator = htpasswd ? new Authenticator(htpasswd, options.authLimits) : undefined;
	const realm = options.realm ?? "oras-ts";
	const watch: RequestWatchLimits = {
		idleMs: options.requestIdleTimeoutMs ?? DEFAULT_REQUEST_IDLE_TIMEOUT_MS,
		minBytesPerSecond: options.minRequestBytesPerSecond ?? DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
		windowMs: options.requestRateWindowMs ?? DEFAULT_REQUEST_RATE_WINDOW_MS,
	};
	let ready: Promise<void> | undefined;
	const init = (): Promise<void> => {
		ready ??= (async () => {
			try {
				await storage.init();
			} catch (err) {
				throw new OrasError("INVALID_ARGUMENT", `cannot use ${JSON.stringify(options.root)} as the registry root: ${(err as Error).message}`, { cause: err });
			}
			if (htpasswd) {
				try {
					await htpasswd.load();
				} catch (err) {
					throw new OrasError("INVALID_ARGUMENT", `cannot use htpasswd file: ${(err as Error).message}`, { cause: err });
				}
			}
		})();
		return ready;
	};

	async function authorize(req: IncomingMessage, client: string): Promise<string | undefined> {
		if (!authenticator) return undefined;
		const creds = parseBasicAuthorization(req.headers.authorization);
		const result = creds ? await authenticator.authenticate(client, creds.username, creds.password) : undefined;
		if (creds && result?.kind === "ok") return creds.username;
		if (result?.kind === "throttled") {
			throw httpError(429, "TOO_MANY_REQUESTS", "too many failed authentication attempts; retry later", undefined, { "Retry-After": String(result.retryAfterSeconds) });
		}
		throw httpError(401, "UNAUTHORIZED", "authentication required", undefined, {
			"WWW-Authenticate": `Basic realm=${JSON.stringify(realm)}`,
		});
	}

	async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const method = req.method ?? "GET";
		const client = clientOf(req);
		await init();
		await authorize(req, client);
		if (storage.readOnly && method !== "GET" && method !== "HEAD") {
			throw httpError(405, "UNSUPPORTED", "the registry is read-only");
		}
		const r = routeOf(url.pathname);
		if (!r) throw httpError(404, "UNSUPPORTED", `no route for ${method} ${url.pathname}`);
		await r.handle(storage, { req, res, url, method, head: method === "HEAD", client, name: r.name, ref: r.ref });
	}

	const handler = (req: IncomingMessage, res: ServerResponse): void => {
		const started = performance.now();
		const method = req.method ?? "GET";
		// Errors of an aborted request reach the stream consumers (pipeline); never the process.
		req.on("error", () => undefined);
		res.on("error", () => undefined);
		res.setHeader("Docker-Distribution-API-Version", API_VERSION);
		if (pipelinedTooDeep(req, res)) {
			// A client writing pipelined requests without reading the replies (connections.ts).
			sendError(res, httpError(429, "TOO_MANY_REQUESTS", `more than ${DEFAULT_MAX_PIPELINED_REQUESTS} requests pipelined on one connection`, undefined, { Connection: "close" }), method === "HEAD");
			return;
		}
		// A body that stopped arriving (a stalled chunk holds its upload session and a connection), a
		// response the client stopped reading, or a trickling body is cut off (see connections.ts).
		watchRequest(req, res, watch, (why) => {
			const what = why === "slow" ? `request body slower than ${watch.minBytesPerSecond} bytes/s` : `no byte moved for ${watch.idleMs} ms`;
			log("debug", `${req.socket.remoteAddress ?? "-"} ${method}: ${what}; connection closed`);
			req.socket.destroy();
		});
		let url: URL;
		try {
			url = new URL(req.url ?? "/", "http://registry.invalid");
		} catch {
			sendError(res, httpError(400, "UNSUPPORTED", "malformed request target"), method === "HEAD");
			return;
		}
		if (accessLog) {
			res.once("close", () => {
				const ms = Math.round(performance.now() - started);
				const bytes = method === "HEAD" ? 0 : Number(res.getHeader("content-length") ?? 0);
				const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode} aborted`;
				log("info", `${req.socket.remoteAddress ?? "-"} ${method} ${url.pathname}${url.search} ${status} ${bytes} bytes ${ms} ms`);
			});
		}
		route(req, res, url).catch((err: unknown) => {
			let e: RegistryHttpError;
			if (err instanceof RegistryHttpError) e = err;
			else if (isClientGone(err, req)) {
				log("debug", `${method} ${url.pathname}: client went away: ${(err as Error).message}`);
				res.destroy();
				return;
			} else {
				log("error", `${method} ${url.pathname}: ${(err as Error)?.stack ?? String(err)}`);
				e = httpError(500, "UNKNOWN", "internal server error");
			}
			if (res.headersSent) {
				res.destroy();
				return;
			}
			for (const h of res.getHeaderNames()) if (h !== "docker-distribution-api-version") res.removeHeader(h);
			sendError(res, e, method === "HEAD");
		});
	};

	let server: Server | undefined;

	return {
		handler,
		storage,
		async listen(): Promise<ListeningAddress> {
			if (server) throw new OrasError("INVALID_ARGUMENT", "the registry server is already listening");
			await init();
			const { host, port } = parseListenAddress(options.addr ?? "127.0.0.1:5000");
			// Blob uploads and downloads may take long: no overall request timeout (bodies are bounded
			// by the idle timeout and the minimum rate instead), but headers must come quickly.
			const timeouts = { requestTimeout: 0, headersTimeout: HEADERS_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS };
			let srv: Server;
			if (options.tls) {
				const cert = await readPem(options.tls.cert, "TLS certificate");
				const key = await readPem(options.tls.key, "TLS key");
				try {
					srv = process.getBuiltinModule("node:https").createServer({ cert, key, ...timeouts }, handler);
				} catch (err) {
					throw new OrasError("TLS_ERROR", `invalid TLS certificate or key: ${(err as Error).message}`, { cause: err });
				}
			} else {
				srv = createHttpServer(timeouts, handler);
			}
			limitConnections(srv, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, options.maxConnectionsPerClient ?? DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
			server = srv;
			await new Promise<void>((resolve, reject) => {
				srv.once("error", reject);
				srv.listen(port, host, () => {
					srv.off("error", reject);
					resolve();
				});
			}).catch((err: unknown) => {
				server = undefined;
				throw new OrasError("NETWORK_ERROR", `cannot listen on ${host}:${port}: ${(err as Error).message}`, { cause: err });
			});
			const a = srv.address() as AddressInfo;
			const shown = a.address.includes(":") ? `[${a.address}]` : a.address;
			const url = `${options.tls ? "https" : "http"}://${shown}:${a.port}`;
			log("info", `oras-ts registry serving ${storage.root} on ${url}${storage.readOnly ? " (read-only)" : ""}${htpasswd ? " (htpasswd)" : ""}`);
			return { host: a.address, port: a.port, url };
		},
		async close(): Promise<void> {
			const srv = server;
			server = undefined;
			if (srv) {
				const closed = new Promise<void>((resolve) => srv.close(() => resolve()));
				srv.closeAllConnections();
				await closed;
			}
			await storage.close();
			await authenticator?.close();
		},
	};
}

async function readPem(path: string, what: string): Promise<Buffer> {
	try {
		return await readFile(path);
	} catch (err) {
		throw new OrasError("INVALID_ARGUMENT", `cannot read ${what} ${JSON.stringify(path)}: ${(err as Error).message}`, { cause: err });
	}
}

/** The key of per-client bounds (auth throttle, upload sessions): the remote address (an IPv6 client's /64). */
function clientOf(req: IncomingMessage): string {
	return clientOfSocket(req.socket);
}

function isClientGone(err: unknown, req: IncomingMessage): boolean {
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	return (req.socket?.destroyed ?? false) || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || code === "EPIPE";
}
