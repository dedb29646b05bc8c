/**
 * `createRegistryServer`: an OCI distribution-spec v1.1 registry (with the referrers API) on
 * local storage (see storage.ts), over http or https, optionally behind bcrypt Basic auth.
 */
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";
import type { Digest } from "../oci/digest.js";
import { encodeIndex } from "../oci/json.js";
import { declaredMediaType, MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { isManifestMediaType, MediaType } from "../oci/mediatypes.js";
import { isValidTag } from "../oci/reference.js";
import { type AuthLimits, Authenticator } from "./auth.js";
import { httpError, RegistryHttpError } from "./errors.js";
import { HtpasswdFile } from "./htpasswd.js";
import { clientKey, nextLink, paginate, parseBasicAuthorization, parseContentRange, parsePageSize, parseRange, repositoryNameProblem, uploadRange } from "./protocol.js";
import { RegistryStorage, requireDigest } from "./storage.js";

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
	/**
	 * A request whose body stops arriving, or whose response the client stops reading, for this
	 * long is cut off (its connection closed; a chunk it was sending is discarded); default 60 s,
	 * 0 turns it off. Time the server spends working on a request does not count.
	 */
	readonly requestIdleTimeoutMs?: number;
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
export const DEFAULT_REQUEST_IDLE_TIMEOUT_MS = 60_000;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const API_VERSION = "registry/2.0";
const JSON_TYPE = "application/json";

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
	readonly kind: "tags" | "manifest" | "uploads" | "upload" | "blob" | "referrers";
	readonly re: RegExp;
}

const ROUTES: readonly Route[] = [
	{ kind: "tags", re: /^\/v2\/(.+)\/tags\/list$/ },
	{ kind: "manifest", re: /^\/v2\/(.+)\/manifests\/([^/]+)$/ },
	{ kind: "uploads", re: /^\/v2\/(.+)\/blobs\/uploads\/?$/ },
	{ kind: "upload", re: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/ },
	{ kind: "blob", re: /^\/v2\/(.+)\/blobs\/([^/]+)$/ },
	{ kind: "referrers", re: /^\/v2\/(.+)\/referrers\/([^/]+)$/ },
];

function decodeSegment(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

function mediaTypeOf(header: string | undefined): string {
	return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

function hasBody(req: IncomingMessage): boolean {
	const len = req.headers["content-length"];
	if (len !== undefined) return Number(len) > 0;
	return req.headers["transfer-encoding"] !== undefined;
}

/** Reads a request body of at most `limit` bytes; 413 MANIFEST_INVALID beyond. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers["content-length"] ?? Number.NaN);
	if (declared > limit) throw httpError(413, "MANIFEST_INVALID", `manifest of ${declared} bytes exceeds the limit of ${limit} bytes`, { limit });
	const chunks: Buffer[] = [];
	let n = 0;
	let over = false;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		n += chunk.length;
		if (n > limit) over = true; // keep reading (and dropping) so the answer can be sent
		else chunks.push(chunk);
	}
	if (over) throw httpError(413, "MANIFEST_INVALID", `manifest exceeds the limit of ${limit} bytes`, { limit });
	return Buffer.concat(chunks, n);
}

export function createRegistryServer(options: RegistryServerOptions): RegistryServer {
	const storage = new RegistryStorage({
		root: options.root,
		...(options.readOnly ? { readOnly: true } : {}),
		...(options.maxUploads !== undefined ? { maxUploads: options.maxUploads } : {}),
		...(options.maxUploadsPerClient !== undefined ? { maxUploadsPerClient: options.maxUploadsPerClient } : {}),
		...(options.uploadTtlMs !== undefined ? { uploadTtlMs: options.uploadTtlMs } : {}),
	});
	const threshold = LEVELS[options.logLevel ?? "info"];
	const sink = options.logger ?? defaultLogger;
	const log = (level: Exclude<LogLevel, "silent">, message: string): void => {
		if (LEVELS[level] >= threshold) sink(level, message);
	};
	const htpasswd = options.htpasswd !== undefined ? new HtpasswdFile(options.htpasswd) : undefined;
	const authenticator = htpasswd ? new Authenticator(htpasswd, options.authLimits) : undefined;
	const realm = options.realm ?? "oras-ts";
	const idleMs = options.requestIdleTimeoutMs ?? DEFAULT_REQUEST_IDLE_TIMEOUT_MS;
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

	const send = (res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer, head = false): void => {
		const data = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : body;
		res.statusCode = status;
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
		res.setHeader("Content-Length", data?.length ?? 0);
		if (data && !head) res.end(data);
		else res.end();
	};

	const sendError = (res: ServerResponse, err: RegistryHttpError, head: boolean): void => {
		send(res, err.status, { "Content-Type": JSON_TYPE, ...err.headers }, err.body(), head);
	};

	async function authorize(req: IncomingMessage): Promise<string | undefined> {
		if (!authenticator) return undefined;
		const creds = parseBasicAuthorization(req.headers.authorization);
		const result = creds ? await authenticator.authenticate(clientOf(req), creds.username, creds.password) : undefined;
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
		const head = method === "HEAD";
		const path = url.pathname;
		await init();
		await authorize(req);
		if (storage.readOnly && method !== "GET" && method !== "HEAD") {
			throw httpError(405, "UNSUPPORTED", "the registry is read-only");
		}
		if (path === "/v2" || path === "/v2/") {
			if (method !== "GET" && !head) throw httpError(405, "UNSUPPORTED", `method ${method} not allowed`);
			send(res, 200, { "Content-Type": JSON_TYPE }, "{}", head);
			return;
		}
		if (path === "/v2/_catalog") {
			if (method !== "GET" && !head) throw httpError(405, "UNSUPPORTED", `method ${method} not allowed`);
			const n = pageSize(url);
			const page = paginate(await storage.listRepositories(), n, url.searchParams.get("last") ?? undefined);
			const headers: Record<string, string> = { "Content-Type": JSON_TYPE };
			if (page.next !== undefined && n !== undefined) headers.Link = nextLink("/v2/_catalog", n, page.next);
			send(res, 200, headers, JSON.stringify({ repositories: page.items }), head);
			return;
		}
		for (const r of ROUTES) {
			const m = r.re.exec(path);
			if (!m) continue;
			const name = m[1]!;
			const problem = repositoryNameProblem(name);
			if (problem) throw httpError(400, "NAME_INVALID", problem, { name });
			const ref = m[2] === undefined ? "" : decodeSegment(m[2]);
			switch (r.kind) {
				case "tags":
					return tags(req, res, url, name, head);
				case "manifest":
					return manifest(req, res, name, ref);
				case "uploads":
					return uploads(req, res, url, name, clientOf(req));
				case "upload":
					return upload(req, res, url, name, ref);
				case "blob":
					return blob(req, res, name, ref);
				case "referrers":
					return referrers(req, res, url, name, ref);
			}
		}
		throw httpError(404, "UNSUPPORTED", `no route for ${method} ${path}`);
	}

	function pageSize(url: URL): number | undefined {
		const n = parsePageSize(url.searchParams.get("n"));
		if (Number.isNaN(n)) throw httpError(400, "UNSUPPORTED", `invalid page size n=${JSON.stringify(url.searchParams.get("n"))}`);
		return n;
	}

	function notAllowed(method: string): RegistryHttpError {
		return httpError(405, "UNSUPPORTED", `method ${method} not allowed here`);
	}

	async function tags(req: IncomingMessage, res: ServerResponse, url: URL, name: string, head: boolean): Promise<void> {
		if (req.method !== "GET" && !head) throw notAllowed(req.method ?? "");
		await storage.requireRepo(name);
		const n = pageSize(url);
		const page = paginate(await storage.listTags(name), n, url.searchParams.get("last") ?? undefined);
		const headers: Record<string, string> = { "Content-Type": JSON_TYPE };
		if (page.next !== undefined && n !== undefined) headers.Link = nextLink(`/v2/${name}/tags/list`, n, page.next);
		send(res, 200, headers, JSON.stringify({ name, tags: page.items }), head);
	}

	/** A malformed digest is 400 DIGEST_INVALID; an invalid tag is 400 MANIFEST_INVALID, except for reads (the spec allows only 404 there). */
	function checkReference(ref: string, method: string): void {
		if (ref.includes(":")) requireDigest(ref);
		else if (!isValidTag(ref)) {
			if (method === "GET" || method === "HEAD") throw httpError(404, "MANIFEST_UNKNOWN", `manifest ${JSON.stringify(ref)} is not known to the repository`, { reference: ref });
			throw httpError(400, "MANIFEST_INVALID", `invalid tag ${JSON.stringify(ref)}`, { tag: ref });
		}
	}

	async function manifest(req: IncomingMessage, res: ServerResponse, name: string, ref: string): Promise<void> {
		const method = req.method ?? "";
		checkReference(ref, method);
		if (method === "GET" || method === "HEAD") {
			await storage.requireRepo(name);
			const desc = await storage.resolveManifest(name, ref);
			const raw = desc ? await storage.readManifest(name, desc) : undefined;
			if (!desc || !raw) throw httpError(404, "MANIFEST_UNKNOWN", `manifest ${ref} is not known to the repository`, { reference: ref });
			send(res, 200, { "Content-Type": desc.mediaType, "Docker-Content-Digest": desc.digest, ETag: `"${desc.digest}"` }, raw, method === "HEAD");
			return;
		}
		if (method === "PUT") {
			const raw = await readBody(req, MAX_MANIFEST_BYTES);
			let mediaType = mediaTypeOf(req.headers["content-type"]);
			if (!isManifestMediaType(mediaType)) {
				let declared: string | undefined;
				try {
					declared = declaredMediaType(raw);
				} catch (err) {
					throw httpError(400, "MANIFEST_INVALID", `manifest invalid: ${(err as Error).message}`);
				}
				if (declared === undefined || !isManifestMediaType(declared)) {
					throw httpError(400, "MANIFEST_INVALID", `unsupported manifest media type ${JSON.stringify(req.headers["content-type"] ?? "")}`);
				}
				mediaType = declared;
			}
			const result = await storage.putManifest(name, ref, mediaType, raw);
			const headers: Record<string, string> = {
				Location: `/v2/${name}/manifests/${result.digest}`,
				"Docker-Content-Digest": result.digest,
			};
			if (result.subject) headers["OCI-Subject"] = result.subject.digest;
			send(res, 201, headers);
			return;
		}
		if (method === "DELETE") {
			await storage.requireRepo(name);
			await storage.deleteManifest(name, ref);
			send(res, 202, {});
			return;
		}
		throw notAllowed(method);
	}

	async function blob(req: IncomingMessage, res: ServerResponse, name: string, ref: string): Promise<void> {
		const method = req.method ?? "";
		const digest = requireDigest(ref);
		if (method === "GET" || method === "HEAD") {
			const size = await storage.blobSize(name, digest);
			if (size === undefined) throw httpError(404, "BLOB_UNKNOWN", `blob ${digest} is not known to the repository`, { digest });
			const headers: Record<string, string | number> = {
				"Content-Type": MediaType.OctetStream,
				"Docker-Content-Digest": digest,
				"Accept-Ranges": "bytes",
				ETag: `"${digest}"`,
				"Cache-Control": "max-age=31536000",
			};
			const range = parseRange(req.headers.range, size);
			if (range.kind === "unsatisfiable") {
				throw httpError(416, "BLOB_UNKNOWN", `range ${req.headers.range} is not satisfiable for ${size} bytes`, { size }, { "Content-Range": `bytes */${size}` });
			}
			const partial = range.kind === "partial";
			const start = partial ? range.start : 0;
			const end = partial ? range.end : size - 1;
			const length = size === 0 ? 0 : end - start + 1;
			res.statusCode = partial ? 206 : 200;
			for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
			if (partial) res.setHeader("Content-Range", `bytes ${start}-${end}/${size}`);
			res.setHeader("Content-Length", length);
			if (method === "HEAD" || length === 0) {
				res.end();
				return;
			}
			await pipeline(storage.openBlob(name, digest, { start, end }), res);
			return;
		}
		if (method === "DELETE") {
			if (!(await storage.deleteBlob(name, digest))) throw httpError(404, "BLOB_UNKNOWN", `blob ${digest} is not known to the repository`, { digest });
			send(res, 202, {});
			return;
		}
		throw notAllowed(method);
	}

	const uploadHeaders = (name: string, uuid: string, size: number): Record<string, string> => ({
		Location: `/v2/${name}/blobs/uploads/${uuid}`,
		Range: uploadRange(size),
		"Docker-Upload-UUID": uuid,
	});

	const blobCreated = (res: ServerResponse, name: string, digest: Digest): void =>
		send(res, 201, { Location: `/v2/${name}/blobs/${digest}`, "Docker-Content-Digest": digest });

	async function uploads(req: IncomingMessage, res: ServerResponse, url: URL, name: string, client: string): Promise<void> {
		if (req.method !== "POST") throw notAllowed(req.method ?? "");
		const mount = url.searchParams.get("mount");
		const from = url.searchParams.get("from");
		if (mount !== null) {
			const digest = requireDigest(mount, "mount digest");
			if (from !== null && repositoryNameProblem(from) === undefined && (await storage.mountBlob(name, from, digest))) {
				blobCreated(res, name, digest);
				return;
			}
			// not mountable: an ordinary upload session (the client pushes the content)
		}
		const digestParam = url.searchParams.get("digest");
		if (digestParam !== null && mount === null) {
			const digest = requireDigest(digestParam);
			const uuid = await storage.startUpload(name, client);
			try {
				await storage.finishUpload(name, uuid, digest, req);
			} catch (err) {
				await storage.cancelUpload(name, uuid).catch(() => undefined);
				throw err;
			}
			blobCreated(res, name, digest);
			return;
		}
		const uuid = await storage.startUpload(name, client);
		send(res, 202, uploadHeaders(name, uuid, 0));
	}

	async function upload(req: IncomingMessage, res: ServerResponse, url: URL, name: string, uuid: string): Promise<void> {
		const method = req.method ?? "";
		if (method === "GET" || method === "HEAD") {
			const size = await storage.uploadSize(name, uuid);
			send(res, 204, uploadHeaders(name, uuid, size));
			return;
		}
		if (method === "DELETE") {
			await storage.cancelUpload(name, uuid);
			send(res, 204, {});
			return;
		}
		if (method !== "PATCH" && method !== "PUT") throw notAllowed(method);
		const crHeader = req.headers["content-range"];
		const range = crHeader === undefined ? undefined : parseContentRange(crHeader);
		try {
			if (crHeader !== undefined && !range) throw httpError(416, "BLOB_UPLOAD_INVALID", `invalid Content-Range ${JSON.stringify(crHeader)}`);
			const declared = req.headers["content-length"];
			if (range && declared !== undefined && Number(declared) !== range.end - range.start + 1) {
				throw httpError(416, "BLOB_UPLOAD_INVALID", `Content-Length ${declared} does not match Content-Range ${crHeader}`);
			}
			if (method === "PATCH") {
				const size = await storage.appendUpload(name, uuid, req, range);
				send(res, 202, uploadHeaders(name, uuid, size));
				return;
			}
			const digest = requireDigest(url.searchParams.get("digest"));
			await storage.finishUpload(name, uuid, digest, hasBody(req) ? req : undefined, range);
			blobCreated(res, name, digest);
		} catch (err) {
			if (err instanceof RegistryHttpError && err.status === 416) {
				// tell the client where the upload really is
				const size = await storage.uploadSize(name, uuid).catch(() => undefined);
				if (size !== undefined) throw httpError(416, err.code, err.message, err.detail, { ...uploadHeaders(name, uuid, size) });
			}
			throw err;
		}
	}

	async function referrers(req: IncomingMessage, res: ServerResponse, url: URL, name: string, ref: string): Promise<void> {
		const method = req.method ?? "";
		if (method !== "GET" && method !== "HEAD") throw notAllowed(method);
		const digest = requireDigest(ref);
		const artifactType = url.searchParams.get("artifactType") ?? undefined;
		const list: Descriptor[] = await storage.referrers(name, digest, artifactType || undefined);
		const headers: Record<string, string> = { "Content-Type": MediaType.ImageIndex };
		if (artifactType) headers["OCI-Filters-Applied"] = "artifactType";
		send(res, 200, headers, encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: list }), method === "HEAD");
	}

	const handler = (req: IncomingMessage, res: ServerResponse): void => {
		const started = performance.now();
		const method = req.method ?? "GET";
		// Errors of an aborted request reach the stream consumers (pipeline); never the process.
		req.on("error", () => undefined);
		res.on("error", () => undefined);
		res.setHeader("Docker-Distribution-API-Version", API_VERSION);
		if (idleMs > 0) {
			// The socket fires after idleMs without a byte either way. A body that stopped arriving
			// (a stalled chunk holds its upload session and a connection) or a response the client
			// stopped reading is cut off; a request the server is still working on is left alone.
			res.setTimeout(idleMs, () => {
				if (!req.complete || (res.headersSent && !res.writableFinished)) req.socket.destroy();
			});
		}
		let url: URL;
		try {
			url = new URL(req.url ?? "/", "http://registry.invalid");
		} catch {
			sendError(res, httpError(400, "UNSUPPORTED", "malformed request target"), method === "HEAD");
			return;
		}
		res.once("close", () => {
			const ms = Math.round(performance.now() - started);
			const bytes = method === "HEAD" ? 0 : Number(res.getHeader("content-length") ?? 0);
			const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode} aborted`;
			log("info", `${req.socket.remoteAddress ?? "-"} ${method} ${url.pathname}${url.search} ${status} ${bytes} bytes ${ms} ms`);
		});
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
			// Blob uploads may take long: no overall request timeout, but headers must come quickly.
			const timeouts = { requestTimeout: 0, headersTimeout: 60_000, keepAliveTimeout: 30_000 };
			let srv: Server;
			if (options.tls) {
				const cert = await readPem(options.tls.cert, "TLS certificate");
				const key = await readPem(options.tls.key, "TLS key");
				try {
					srv = createHttpsServer({ cert, key, ...timeouts }, handler);
				} catch (err) {
					throw new OrasError("TLS_ERROR", `invalid TLS certificate or key: ${(err as Error).message}`, { cause: err });
				}
			} else {
				srv = createHttpServer(timeouts, handler);
			}
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
			storage.close();
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
	return clientKey(req.socket.remoteAddress);
}

function isClientGone(err: unknown, req: IncomingMessage): boolean {
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	return (req.socket?.destroyed ?? false) || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || code === "EPIPE";
}
