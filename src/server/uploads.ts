/**
 * Blob upload sessions of the registry server (distribution-spec "Pushing blobs"): POST opens one,
 * PATCH appends a chunk, PUT closes it with the digest, DELETE cancels it.
 *
 * A session lives in `<root>/_uploads/<uuid>/` (`info.json` + `data`) so that a restarted server
 * continues it; one that receives no data for `uploadTtlMs` is deleted with its data (also at
 * start), and their number is bounded in total (`maxUploads`) and per client
 * (`maxUploadsPerClient`), the slot being reserved before any await. A rejected chunk leaves
 * nothing behind: the data is cut back to its length before the request. The verified data is
 * handed to the repository's layout store (`commit`), which renames it into its blobs.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, truncate, unlink } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isNotFound, syncFile, writeFileAtomic } from "../content/internal/fsutil.js";
import { algorithmOf, type Digest, Digester } from "../oci/digest.js";
import { digestFile } from "../content/file/pack.js";
import { httpError } from "./errors.js";
import { KeyedMutex } from "../content/internal/mutex.js";
import { repositoryNameProblem } from "./protocol.js";

const UPLOADS_DIR = "_uploads";
const TMP_DIR = "_tmp";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const DEFAULT_MAX_UPLOADS = 1024;
export const DEFAULT_MAX_UPLOADS_PER_CLIENT = 64;
export const DEFAULT_UPLOAD_TTL_MS = 3600_000;
/** `collectGarbage` runs after every this many bytes of upload bodies, all sessions together. */
export const GARBAGE_STEP_BYTES = 2 * 1024 * 1024;

export interface UploadLimits {
	/** Upload sessions allowed at once (TOO_MANY_REQUESTS beyond); default 1024. */
	readonly maxUploads?: number;
	/** Upload sessions one client may hold at once (TOO_MANY_REQUESTS beyond); default 64. */
	readonly maxUploadsPerClient?: number;
	/** A session that received no data for this long is deleted with its data; default 1 h. */
	readonly uploadTtlMs?: number;
	/**
	 * Called after every `GARBAGE_STEP_BYTES` of upload bodies received (see server/gc.ts: a minor
	 * GC frees the body chunks node:http copied, instead of ~20–25 MB of them waiting for V8).
	 */
	readonly collectGarbage?: () => void;
}

/** How often expired sessions are looked for: half the TTL, within [10 ms, 5 min]. */
function sweepIntervalMs(ttl: number): number {
	return Math.min(Math.max(Math.floor(ttl / 2), 10), 5 * 60_000);
}

/** The sha256 of an upload's data so far, fed as chunks arrive (so `finish` need not read the data again). */
interface UploadHasher {
	readonly digester: Digester;
	size: number;
}

/** An open upload session (the in-memory truth; `info.json` lets a restart rebuild it). */
interface UploadSession {
	readonly repository: string;
	/** The remote address that opened it (per-client bound). */
	readonly client: string;
	/** Last time data arrived (ms since the epoch). */
	touched: number;
	/** Undefined after a restart or a rejected chunk: `finish` then digests the data file. */
	hasher?: UploadHasher | undefined;
}

/** Byte range of a chunk (`Content-Range`), inclusive. */
export interface ChunkRange {
	readonly start: number;
	readonly end: number;
}

/**
 * Passes at most `limit` bytes (all when undefined) into the upload's hasher and on, and drops
 * the rest, noting the overflow: the request is still read to its end, so an error response can
 * be sent on the same connection.
 */
class ChunkStream extends Transform {
	n = 0;
	overflow = false;
	constructor(
		private readonly limit: number | undefined,
		private readonly hasher: UploadHasher | undefined,
		private readonly received: (bytes: number) => void,
	) {
		super();
	}
	override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
		this.received(chunk.length);
		let out: Buffer | undefined = chunk;
		if (this.limit !== undefined) {
			const room = this.limit - this.n;
			this.n += chunk.length;
			if (chunk.length > room) {
				this.overflow = true;
				out = room > 0 ? chunk.subarray(0, room) : undefined;
			}
		}
		if (out && this.hasher) {
			this.hasher.digester.update(out);
			this.hasher.size += out.length;
		}
		done(null, out);
	}
}

export class UploadSessions {
	readonly maxUploads: number;
	readonly maxUploadsPerClient: number;
	readonly uploadTtlMs: number;
	private readonly dir: string;
	private readonly tmpDir: string;
	private readonly lock = new KeyedMutex();
	private readonly sessions = new Map<string, UploadSession>();
	private sweeper: NodeJS.Timeout | undefined;
	private readonly collectGarbage: (() => void) | undefined;
	/** Upload body bytes since `collectGarbage` last ran. */
	private sinceGarbage = 0;
	private readonly received = (bytes: number): void => {
		if (this.collectGarbage === undefined) return;
		this.sinceGarbage += bytes;
		if (this.sinceGarbage < GARBAGE_STEP_BYTES) return;
		this.sinceGarbage = 0;
		this.collectGarbage();
	};

	constructor(root: string, limits: UploadLimits = {}) {
		this.dir = join(root, UPLOADS_DIR);
		this.tmpDir = join(root, TMP_DIR);
		this.maxUploads = limits.maxUploads ?? DEFAULT_MAX_UPLOADS;
		this.maxUploadsPerClient = limits.maxUploadsPerClient ?? DEFAULT_MAX_UPLOADS_PER_CLIENT;
		this.uploadTtlMs = limits.uploadTtlMs ?? DEFAULT_UPLOAD_TTL_MS;
		this.collectGarbage = limits.collectGarbage;
	}

	/**
	 * Clears stale temp files, drops sessions a crash left incomplete or that expired while the
	 * server was down, and starts the expiry sweep.
	 */
	async init(): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		await rm(this.tmpDir, { recursive: true, force: true });
		await mkdir(this.tmpDir, { recursive: true });
		const now = Date.now();
		for (const entry of await readdir(this.dir)) {
			const dir = join(this.dir, entry);
			const session = UUID_RE.test(entry) ? await readSession(dir) : undefined;
			if (session && now - session.touched < this.uploadTtlMs) this.sessions.set(entry, session);
			else await rm(dir, { recursive: true, force: true });
		}
		if (!this.sweeper) {
			this.sweeper = setInterval(() => this.expireIdle(Date.now()), sweepIntervalMs(this.uploadTtlMs));
			this.sweeper.unref();
		}
	}

	/** Stops the expiry sweep (the files stay; a later `init` resumes). */
	close(): void {
		if (this.sweeper) clearInterval(this.sweeper);
		this.sweeper = undefined;
	}

	private sessionDir(uuid: string): string {
		if (!UUID_RE.test(uuid)) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${JSON.stringify(uuid)} is not known to registry`);
		return join(this.dir, uuid);
	}

	/** Upload sessions open now (all clients). */
	get count(): number {
		return this.sessions.size;
	}

	/**
	 * Opens an upload session for `client` (its remote address); its id goes into the `Location`.
	 * The slot is reserved before any await, so concurrent requests cannot pass the bounds.
	 */
	async start(name: string, client = "-"): Promise<string> {
		this.reserve(client, Date.now());
		const uuid = randomUUID();
		const session: UploadSession = { repository: name, client, touched: Date.now() };
		this.sessions.set(uuid, session);
		const dir = join(this.dir, uuid);
		// held (synchronously, before the first await) while the files are made: the sweep skips a session in use
		await this.lock.run(uuid, async () => {
			try {
				await mkdir(dir);
				const fh = await open(join(dir, "data"), "wx", 0o644);
				await fh.close();
				const info = JSON.stringify({ repository: name, client, startedAt: new Date().toISOString() });
				await writeFileAtomic(join(dir, "info.json"), info, { durable: true, tmpDir: this.tmpDir });
			} catch (err) {
				this.sessions.delete(uuid);
				await rm(dir, { recursive: true, force: true }).catch(() => undefined);
				throw err;
			}
			session.hasher = { digester: new Digester("sha256"), size: 0 };
		});
		return uuid;
	}

	/** Throws 429 TOO_MANY_REQUESTS (with Retry-After) when no session may be opened for `client`, after expiring idle ones. Synchronous. */
	private reserve(client: string, now: number): void {
		const full = (): boolean => this.sessions.size >= this.maxUploads || this.sessionsOf(client) >= this.maxUploadsPerClient;
		if (!full()) return;
		this.expireIdle(now);
		if (!full()) return;
		const mine = this.sessions.size < this.maxUploads;
		// the earliest moment one of the sessions in the way can expire
		let soonest = Number.POSITIVE_INFINITY;
		for (const s of this.sessions.values()) if (!mine || s.client === client) soonest = Math.min(soonest, s.touched + this.uploadTtlMs);
		const retry = String(Math.max(1, Math.ceil((soonest - now) / 1000)));
		const message = mine
			? `too many open upload sessions from this client (${this.maxUploadsPerClient}); finish or cancel some`
			: `too many open upload sessions (${this.maxUploads}); retry later`;
		throw httpError(429, "TOO_MANY_REQUESTS", message, undefined, { "Retry-After": retry });
	}

	/** Sessions `client` holds now, counted over the open sessions (a walk per POST). */
	private sessionsOf(client: string): number {
		let n = 0;
		for (const s of this.sessions.values()) if (s.client === client) n++;
		return n;
	}


	/**
	 * Forgets every session that received no data for `uploadTtlMs` and is not in use (synchronous),
	 * then deletes their directories in the background. Returns how many expired.
	 */
	expireIdle(now: number): number {
		const expired: string[] = [];
		for (const [uuid, s] of this.sessions) {
			if (now - s.touched >= this.uploadTtlMs && !this.lock.busy(uuid)) expired.push(uuid);
		}
		for (const uuid of expired) {
			this.sessions.delete(uuid);
			void this.lock.run(uuid, () => this.deleteFiles(uuid)).catch(() => undefined);
		}
		return expired.length;
	}

	/** Bytes received so far by an upload of this repository (BLOB_UPLOAD_UNKNOWN otherwise). */
	async size(name: string, uuid: string): Promise<number> {
		const dir = this.sessionDir(uuid);
		const unknown = () => httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} is not known to registry`, { uuid });
		if (this.sessions.get(uuid)?.repository !== name) throw unknown();
		const size = await fileSize(join(dir, "data"));
		if (size === undefined) throw unknown();
		return size;
	}

	/**
	 * Appends a request body to an upload. With `range`, the chunk must start at the current size
	 * (416 otherwise) and be exactly as long as the range. A chunk is kept whole or not at all: on
	 * any failure (416, a write error, a client that went away) the data is cut back to its size
	 * before the request. Returns the new size.
	 */
	async append(name: string, uuid: string, body: Readable, range?: ChunkRange): Promise<number> {
		return this.lock.run(uuid, () => this.appendLocked(name, uuid, body, range));
	}

	private async appendLocked(name: string, uuid: string, body: Readable, range?: ChunkRange): Promise<number> {
		const size = await this.size(name, uuid);
		if (range && range.start !== size) {
			throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk starts at ${range.start} but the upload has ${size} bytes`, { start: range.start, size });
		}
		const file = join(this.sessionDir(uuid), "data");
		const session = this.sessions.get(uuid);
		// `size` found it, and the sweep skips a session in use
		if (!session) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} vanished`);
		if (session.hasher && session.hasher.size !== size) session.hasher = undefined;
		const touch = (): void => {
			session.touched = Date.now();
		};
		touch();
		const limit = range ? range.end - range.start + 1 : undefined;
		const chunk = new ChunkStream(limit, session.hasher, this.received);
		let now: number | undefined;
		try {
			// written at the current size, not appended: a cut-back file is written over, never extended twice
			await pipeline(body, chunk, createWriteStream(file, { flags: "r+", start: size }));
			if (chunk.overflow || (limit !== undefined && chunk.n !== limit)) {
				throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk has ${chunk.n} bytes but its Content-Range says ${limit}`);
			}
			await syncFile(file);
			now = await fileSize(file);
			if (now === undefined) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} vanished`);
		} catch (err) {
			// nothing of a rejected chunk stays: back to the size before it (the hash no longer matches)
			session.hasher = undefined;
			await truncate(file, size).catch(() => undefined);
			throw err;
		} finally {
			touch();
		}
		if (session.hasher && session.hasher.size !== now) session.hasher = undefined;
		return now;
	}

	/**
	 * Finishes an upload: appends `body` (when given), checks the digest of everything received
	 * (DIGEST_INVALID, and the session is dropped, on a mismatch), then hands the data file to
	 * `commit` (which moves it into the repository) and drops the session. Returns the blob size.
	 */
	async finish(
		name: string,
		uuid: string,
		digest: Digest,
		commit: (file: string, size: number) => Promise<void>,
		body?: Readable,
		range?: ChunkRange,
	): Promise<number> {
		return this.lock.run(uuid, async () => {
			const size = body ? await this.appendLocked(name, uuid, body, range) : await this.size(name, uuid);
			const file = join(this.sessionDir(uuid), "data");
			const alg = algorithmOf(digest);
			const session = this.sessions.get(uuid);
			const hasher = session?.hasher;
			if (session) session.hasher = undefined; // a digest is taken once
			let got: Digest;
			if (hasher && hasher.size === size && alg === "sha256") got = hasher.digester.digest();
			else got = (await digestFile(file, undefined, undefined, alg)).digest;
			if (got !== digest) {
				await this.drop(uuid);
				throw httpError(400, "DIGEST_INVALID", `provided digest ${digest} did not match uploaded content (${got})`, { digest, got });
			}
			await commit(file, size);
			await this.drop(uuid);
			return size;
		});
	}

	async cancel(name: string, uuid: string): Promise<void> {
		await this.lock.run(uuid, async () => {
			await this.size(name, uuid);
			await this.drop(uuid);
		});
	}

	private async drop(uuid: string): Promise<void> {
		this.sessions.delete(uuid);
		await this.deleteFiles(uuid);
	}

	private async deleteFiles(uuid: string): Promise<void> {
		const dir = this.sessionDir(uuid);
		// info.json first: a session without it is invisible (and cleared at start).
		await unlink(join(dir, "info.json")).catch(() => undefined);
		await rm(dir, { recursive: true, force: true });
	}
}

/** A session directory as a restart finds it: undefined unless `info.json` and `data` are both there and sound. */
async function readSession(dir: string): Promise<UploadSession | undefined> {
	try {
		const info = JSON.parse(await readFile(join(dir, "info.json"), "utf8")) as { repository?: unknown; client?: unknown };
		const data = await stat(join(dir, "data"));
		if (typeof info.repository !== "string" || repositoryNameProblem(info.repository) !== undefined || !data.isFile()) return undefined;
		return { repository: info.repository, client: typeof info.client === "string" ? info.client : "-", touched: data.mtimeMs };
	} catch {
		return undefined;
	}
}

async function fileSize(path: string): Promise<number | undefined> {
	try {
		const st = await stat(path);
		return st.isFile() ? st.size : undefined;
	} catch (err) {
		if (isNotFound(err)) return undefined;
		throw err;
	}
}

