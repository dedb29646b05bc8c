/**
 * The registry's storage: one OCI image layout per repository, `<root>/<name>/` holding
 * `oci-layout`, `index.json` (every manifest of the repository; tags as `ref.name`) and
 * `blobs/<alg>/<hex>` (layers, configs and the manifests themselves). A repository directory is
 * therefore usable as is by `oras --oci-layout` or `skopeo oci:`, and an existing layout (say an
 * `oras backup` folder) placed under the root is served as a repository.
 *
 * Upload sessions live in `<root>/_uploads/<uuid>/` (`info.json` + `data`) so that a restarted
 * server continues them; a session that receives no data for `uploadTtlMs` is deleted with its
 * data (also at start), and their number is bounded in total and per client. A rejected chunk
 * leaves nothing behind: the data is cut back to its length before the request. Temporary files
 * go to `<root>/_tmp/`. Every file that becomes visible
 * is complete: written to a temp file, fsynced, then renamed into place. One process owns a root.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, type Dirent } from "node:fs";
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, truncate, unlink } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Descriptor, parseDescriptor } from "../oci/descriptor.js";
import { algorithmOf, type Digest, type DigestAlgorithm, Digester, digestOf, encodedOf, isDigest, parseDigest } from "../oci/digest.js";
import { encodeIndex, parseJSON } from "../oci/json.js";
import { artifactTypeOf, annotationsOfManifest, MAX_MANIFEST_BYTES, type ParsedManifest, parseManifest, subjectOf } from "../oci/manifest.js";
import { Annotation, isForeignLayer, isManifestMediaType, MediaType } from "../oci/mediatypes.js";
import { isValidTag } from "../oci/reference.js";
import { httpError } from "./errors.js";
import { KeyedMutex } from "./mutex.js";
import { compareNames, RESERVED_COMPONENTS, repositoryNameProblem } from "./protocol.js";

export const UPLOADS_DIR = "_uploads";
export const TMP_DIR = "_tmp";
const LAYOUT_FILE = "oci-layout";
const INDEX_FILE = "index.json";
const LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Bounds of the catalog walk. */
const MAX_CATALOG_DIRS = 100_000;
const MAX_INFO_CACHE = 50_000;

interface RepoState {
	/** Every manifest of the repository (plain descriptors), in index order. */
	readonly manifests: Map<string, Descriptor>;
	/** tag → plain descriptor */
	readonly tags: Map<string, Descriptor>;
}

interface ManifestInfo {
	readonly subject: string | undefined;
	readonly artifactType: string | undefined;
	readonly annotations: Readonly<Record<string, string>> | undefined;
}

/** An open upload session (the in-memory truth; `info.json` lets a restart rebuild it). */
interface UploadSession {
	readonly repository: string;
	/** The remote address that opened it (per-client bound). */
	readonly client: string;
	/** Last time data arrived (ms since the epoch). */
	touched: number;
}

interface UploadHasher {
	readonly digester: Digester;
	size: number;
}

export interface StorageOptions {
	readonly root: string;
	readonly readOnly?: boolean;
	/** Upload sessions allowed at once (TOO_MANY_REQUESTS beyond); default 1024. */
	readonly maxUploads?: number;
	/** Upload sessions one client may hold at once (TOO_MANY_REQUESTS beyond); default 64. */
	readonly maxUploadsPerClient?: number;
	/** A session that received no data for this long is deleted with its data; default 1 h. */
	readonly uploadTtlMs?: number;
}

export const DEFAULT_MAX_UPLOADS = 1024;
export const DEFAULT_MAX_UPLOADS_PER_CLIENT = 64;
export const DEFAULT_UPLOAD_TTL_MS = 3600_000;
/** How often expired sessions are looked for: half the TTL, within [10 ms, 5 min]. */
function sweepIntervalMs(ttl: number): number {
	return Math.min(Math.max(Math.floor(ttl / 2), 10), 5 * 60_000);
}

/** What a committed manifest PUT reports. */
export interface PutManifestResult {
	readonly digest: Digest;
	readonly subject: Descriptor | undefined;
}

function errnoOf(err: unknown): string | undefined {
	return typeof err === "object" && err !== null ? (err as NodeJS.ErrnoException).code : undefined;
}

function isNotFound(err: unknown): boolean {
	const c = errnoOf(err);
	return c === "ENOENT" || c === "ENOTDIR";
}

function plain(d: Descriptor): Descriptor {
	return { mediaType: d.mediaType, digest: d.digest, size: d.size };
}

/**
 * Passes at most `limit` bytes (all when undefined) and drops the rest, noting the overflow:
 * the request is still read to its end, so an error response can be sent on the same connection.
 */
class LimitStream extends Transform {
	n = 0;
	overflow = false;
	constructor(private readonly limit: number | undefined) {
		super();
	}
	override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
		if (this.limit === undefined) {
			done(null, chunk);
			return;
		}
		const room = this.limit - this.n;
		this.n += chunk.length;
		if (chunk.length > room) {
			this.overflow = true;
			done(null, room > 0 ? chunk.subarray(0, room) : undefined);
			return;
		}
		done(null, chunk);
	}
}

/** Feeds what flows through into a digester. */
class TapStream extends Transform {
	constructor(private readonly hasher: UploadHasher | undefined) {
		super();
	}
	override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
		if (this.hasher) {
			this.hasher.digester.update(chunk);
			this.hasher.size += chunk.length;
		}
		done(null, chunk);
	}
}

export class RegistryStorage {
	readonly root: string;
	readonly readOnly: boolean;
	readonly maxUploads: number;
	readonly maxUploadsPerClient: number;
	readonly uploadTtlMs: number;
	private readonly repoLock = new KeyedMutex();
	private readonly uploadLock = new KeyedMutex();
	private readonly states = new Map<string, { stamp: string; state: RepoState }>();
	private readonly infos = new Map<string, ManifestInfo>();
	private readonly hashers = new Map<string, UploadHasher>();
	private readonly sessions = new Map<string, UploadSession>();
	private readonly clientUploads = new Map<string, number>();
	private sweeper: NodeJS.Timeout | undefined;

	constructor(opts: StorageOptions) {
		this.root = opts.root;
		this.readOnly = opts.readOnly ?? false;
		this.maxUploads = opts.maxUploads ?? DEFAULT_MAX_UPLOADS;
		this.maxUploadsPerClient = opts.maxUploadsPerClient ?? DEFAULT_MAX_UPLOADS_PER_CLIENT;
		this.uploadTtlMs = opts.uploadTtlMs ?? DEFAULT_UPLOAD_TTL_MS;
	}

	/**
	 * Creates the root (unless read-only), clears stale temp files, drops upload sessions a crash left
	 * incomplete or that expired while the server was down, and starts the expiry sweep.
	 */
	async init(): Promise<void> {
		if (this.readOnly) {
			const st = await stat(this.root);
			if (!st.isDirectory()) throw new Error(`${this.root} is not a directory`);
			return;
		}
		await mkdir(join(this.root, UPLOADS_DIR), { recursive: true });
		await rm(join(this.root, TMP_DIR), { recursive: true, force: true });
		await mkdir(join(this.root, TMP_DIR), { recursive: true });
		const now = Date.now();
		for (const entry of await readdir(join(this.root, UPLOADS_DIR))) {
			const dir = join(this.root, UPLOADS_DIR, entry);
			const session = UUID_RE.test(entry) ? await readSession(dir) : undefined;
			if (session && now - session.touched < this.uploadTtlMs) this.addSession(entry, session);
			else await rm(dir, { recursive: true, force: true });
		}
		if (!this.sweeper) {
			this.sweeper = setInterval(() => this.expireIdleUploads(Date.now()), sweepIntervalMs(this.uploadTtlMs));
			this.sweeper.unref();
		}
	}

	/** Stops the expiry sweep (the files stay; a later `init` resumes). */
	close(): void {
		if (this.sweeper) clearInterval(this.sweeper);
		this.sweeper = undefined;
	}

	// ---- paths and repositories -------------------------------------------------------

	repoDir(name: string): string {
		return join(this.root, ...name.split("/"));
	}

	blobFile(name: string, digest: Digest): string {
		return join(this.repoDir(name), "blobs", algorithmOf(digest), encodedOf(digest));
	}

	async repoExists(name: string): Promise<boolean> {
		return (await fileSize(join(this.repoDir(name), LAYOUT_FILE))) !== undefined;
	}

	async requireRepo(name: string): Promise<void> {
		if (!(await this.repoExists(name))) throw httpError(404, "NAME_UNKNOWN", `repository ${JSON.stringify(name)} is not known to registry`, { name });
	}

	private async ensureRepo(name: string): Promise<void> {
		if (await this.repoExists(name)) return;
		await mkdir(join(this.repoDir(name), "blobs"), { recursive: true });
		await this.writeAtomic(join(this.repoDir(name), LAYOUT_FILE), LAYOUT_CONTENT);
	}

	private tmpPath(): string {
		return join(this.root, TMP_DIR, `${Date.now().toString(36)}-${randomBytes(8).toString("hex")}`);
	}

	/** temp file + fsync + rename + directory fsync */
	private async writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
		const tmp = this.tmpPath();
		try {
			const fh = await open(tmp, "wx", 0o644);
			try {
				await fh.writeFile(data);
				await fh.sync();
			} finally {
				await fh.close();
			}
			await mkdir(join(target, ".."), { recursive: true });
			await rename(tmp, target);
		} catch (err) {
			await unlink(tmp).catch(() => undefined);
			throw err;
		}
		await syncDir(join(target, ".."));
	}

	/** All repositories (directories holding an `oci-layout` file), sorted. */
	async listRepositories(): Promise<string[]> {
		const out: string[] = [];
		const queue: string[] = [""];
		let visited = 0;
		while (queue.length > 0 && visited < MAX_CATALOG_DIRS) {
			const rel = queue.shift()!;
			visited++;
			let entries: Dirent[];
			try {
				entries = await readdir(rel === "" ? this.root : this.repoDir(rel), { withFileTypes: true });
			} catch {
				continue;
			}
			if (rel !== "" && entries.some((e) => e.name === LAYOUT_FILE && e.isFile()) && repositoryNameProblem(rel) === undefined) out.push(rel);
			for (const e of entries) {
				if (!e.isDirectory() || RESERVED_COMPONENTS.has(e.name)) continue;
				if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(e.name)) continue;
				queue.push(rel === "" ? e.name : `${rel}/${e.name}`);
			}
		}
		return out.sort(compareNames);
	}

	// ---- blobs -------------------------------------------------------------------------

	/** Size of a blob of the repository, or undefined. */
	async blobSize(name: string, digest: Digest): Promise<number | undefined> {
		return fileSize(this.blobFile(name, digest));
	}

	openBlob(name: string, digest: Digest, range?: { start: number; end: number }): Readable {
		return createReadStream(this.blobFile(name, digest), range ? { start: range.start, end: range.end } : {});
	}

	/** Deletes a blob (a manifest deleted this way also leaves the index). False when absent. */
	async deleteBlob(name: string, digest: Digest): Promise<boolean> {
		if ((await this.state(name)).manifests.has(digest)) {
			await this.deleteManifest(name, digest);
			return true;
		}
		try {
			await unlink(this.blobFile(name, digest));
			return true;
		} catch (err) {
			if (isNotFound(err)) return false;
			throw err;
		}
	}

	/** Links a blob of `from` into `name` (hard link, else copy). False when `from` lacks it. */
	async mountBlob(name: string, from: string, digest: Digest): Promise<boolean> {
		const src = this.blobFile(from, digest);
		if ((await fileSize(src)) === undefined) return false;
		await this.ensureRepo(name);
		const dst = this.blobFile(name, digest);
		if ((await fileSize(dst)) !== undefined) return true;
		await mkdir(join(dst, ".."), { recursive: true });
		const tmp = this.tmpPath();
		try {
			try {
				await link(src, tmp);
			} catch {
				await copyFile(src, tmp);
				await syncFile(tmp);
			}
			await rename(tmp, dst);
		} catch (err) {
			await unlink(tmp).catch(() => undefined);
			if (isNotFound(err)) return false;
			throw err;
		}
		await syncDir(join(dst, ".."));
		return true;
	}

	// ---- uploads -----------------------------------------------------------------------

	private uploadDir(uuid: string): string {
		if (!UUID_RE.test(uuid)) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${JSON.stringify(uuid)} is not known to registry`);
		return join(this.root, UPLOADS_DIR, uuid);
	}

	/** Upload sessions open now (all clients). */
	get uploadCount(): number {
		return this.sessions.size;
	}

	/**
	 * Opens an upload session for `client` (its remote address); its id goes into the `Location`.
	 * The slot is reserved before any await, so concurrent requests cannot pass the bounds.
	 */
	async startUpload(name: string, client = "-"): Promise<string> {
		this.reserveUpload(client, Date.now());
		const uuid = randomUUID();
		const session: UploadSession = { repository: name, client, touched: Date.now() };
		this.addSession(uuid, session);
		const dir = join(this.root, UPLOADS_DIR, uuid);
		// Under the session's lock (taken before the first await): the expiry sweep never deletes a session being created.
		await this.uploadLock.run(uuid, async () => {
			try {
				await mkdir(dir);
				const fh = await open(join(dir, "data"), "wx", 0o644);
				await fh.close();
				await this.writeAtomic(join(dir, "info.json"), JSON.stringify({ repository: name, client, startedAt: new Date().toISOString() }));
			} catch (err) {
				this.removeSession(uuid);
				await rm(dir, { recursive: true, force: true }).catch(() => undefined);
				throw err;
			}
		});
		this.hashers.set(uuid, { digester: new Digester("sha256"), size: 0 });
		return uuid;
	}

	/** Throws 429 TOO_MANY_REQUESTS (with Retry-After) when no session may be opened for `client`, after expiring idle ones. Synchronous. */
	private reserveUpload(client: string, now: number): void {
		const full = (): boolean => this.sessions.size >= this.maxUploads || (this.clientUploads.get(client) ?? 0) >= this.maxUploadsPerClient;
		if (!full()) return;
		this.expireIdleUploads(now);
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

	private addSession(uuid: string, session: UploadSession): void {
		this.sessions.set(uuid, session);
		this.clientUploads.set(session.client, (this.clientUploads.get(session.client) ?? 0) + 1);
	}

	private removeSession(uuid: string): void {
		const s = this.sessions.get(uuid);
		if (!s) return;
		this.sessions.delete(uuid);
		this.hashers.delete(uuid);
		const n = (this.clientUploads.get(s.client) ?? 1) - 1;
		if (n > 0) this.clientUploads.set(s.client, n);
		else this.clientUploads.delete(s.client);
	}

	/**
	 * Forgets every session that received no data for `uploadTtlMs` and is not in use (synchronous),
	 * then deletes their directories in the background. Returns how many expired.
	 */
	expireIdleUploads(now: number): number {
		const expired: string[] = [];
		for (const [uuid, s] of this.sessions) {
			if (now - s.touched >= this.uploadTtlMs && !this.uploadLock.busy(uuid)) expired.push(uuid);
		}
		for (const uuid of expired) {
			this.removeSession(uuid);
			void this.uploadLock.run(uuid, () => this.deleteUploadFiles(uuid)).catch(() => undefined);
		}
		return expired.length;
	}

	/** Bytes received so far by an upload of this repository (BLOB_UPLOAD_UNKNOWN otherwise). */
	async uploadSize(name: string, uuid: string): Promise<number> {
		const dir = this.uploadDir(uuid);
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
	async appendUpload(name: string, uuid: string, body: Readable, range?: { start: number; end: number }): Promise<number> {
		return this.uploadLock.run(uuid, () => this.appendLocked(name, uuid, body, range));
	}

	private async appendLocked(name: string, uuid: string, body: Readable, range?: { start: number; end: number }): Promise<number> {
		const size = await this.uploadSize(name, uuid);
		if (range && range.start !== size) {
			throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk starts at ${range.start} but the upload has ${size} bytes`, { start: range.start, size });
		}
		const file = join(this.uploadDir(uuid), "data");
		let hasher = this.hashers.get(uuid);
		if (hasher && hasher.size !== size) {
			this.hashers.delete(uuid);
			hasher = undefined;
		}
		const session = this.sessions.get(uuid);
		const touch = (): void => {
			if (session) session.touched = Date.now();
		};
		touch();
		const limit = range ? range.end - range.start + 1 : undefined;
		const limiter = new LimitStream(limit);
		let now: number | undefined;
		try {
			// written at the current size, not appended: a cut-back file is written over, never extended twice
			await pipeline(body, limiter, new TapStream(hasher), createWriteStream(file, { flags: "r+", start: size }));
			if (limiter.overflow || (limit !== undefined && limiter.n !== limit)) {
				throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk has ${limiter.n} bytes but its Content-Range says ${limit}`);
			}
			await syncFile(file);
			now = await fileSize(file);
			if (now === undefined) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} vanished`);
		} catch (err) {
			// nothing of a rejected chunk stays: back to the size before it (the hash no longer matches)
			this.hashers.delete(uuid);
			await truncate(file, size).catch(() => undefined);
			throw err;
		} finally {
			touch();
		}
		if (hasher && hasher.size !== now) this.hashers.delete(uuid);
		return now;
	}

	/**
	 * Finishes an upload: appends `body` (when given), checks the digest of everything received
	 * (DIGEST_INVALID, and the session is dropped, on a mismatch) and renames the data into the
	 * repository's blobs. Returns the blob size.
	 */
	async finishUpload(name: string, uuid: string, digest: Digest, body?: Readable, range?: { start: number; end: number }): Promise<number> {
		return this.uploadLock.run(uuid, async () => {
			if (body) await this.appendLocked(name, uuid, body, range);
			const size = await this.uploadSize(name, uuid);
			const dir = this.uploadDir(uuid);
			const file = join(dir, "data");
			const alg = algorithmOf(digest);
			const hasher = this.hashers.get(uuid);
			let got: Digest;
			if (hasher && hasher.size === size && alg === "sha256") got = hasher.digester.digest();
			else got = await hashFile(file, alg);
			this.hashers.delete(uuid);
			if (got !== digest) {
				await this.dropUpload(uuid);
				throw httpError(400, "DIGEST_INVALID", `provided digest ${digest} did not match uploaded content (${got})`, { digest, got });
			}
			await this.ensureRepo(name);
			const dst = this.blobFile(name, digest);
			await mkdir(join(dst, ".."), { recursive: true });
			await rename(file, dst);
			await syncDir(join(dst, ".."));
			await this.dropUpload(uuid);
			return size;
		});
	}

	async cancelUpload(name: string, uuid: string): Promise<void> {
		await this.uploadLock.run(uuid, async () => {
			await this.uploadSize(name, uuid);
			await this.dropUpload(uuid);
		});
	}

	private async dropUpload(uuid: string): Promise<void> {
		this.removeSession(uuid);
		await this.deleteUploadFiles(uuid);
	}

	private async deleteUploadFiles(uuid: string): Promise<void> {
		const dir = this.uploadDir(uuid);
		// info.json first: a session without it is invisible (and cleared at start).
		await unlink(join(dir, "info.json")).catch(() => undefined);
		await rm(dir, { recursive: true, force: true });
	}

	// ---- manifests ---------------------------------------------------------------------

	private async state(name: string): Promise<RepoState> {
		const file = join(this.repoDir(name), INDEX_FILE);
		let stamp = "none";
		try {
			const st = await stat(file);
			stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
		} catch (err) {
			if (!isNotFound(err)) throw err;
		}
		const cached = this.states.get(name);
		if (cached && cached.stamp === stamp) return cached.state;
		const state: RepoState = { manifests: new Map(), tags: new Map() };
		if (stamp !== "none") {
			const raw = await readFile(file, "utf8");
			let v: unknown;
			try {
				v = JSON.parse(raw);
			} catch (err) {
				throw new Error(`${file}: invalid JSON: ${(err as Error).message}`);
			}
			const list = (v as { manifests?: unknown } | null)?.manifests;
			if (Array.isArray(list)) {
				list.forEach((entry, i) => {
					let d: Descriptor;
					try {
						d = parseDescriptor(entry, `${file}: manifests[${i}]`);
					} catch {
						return; // an entry no client could use (written by another tool): skipped
					}
					const p = plain(d);
					if (!state.manifests.has(d.digest)) state.manifests.set(d.digest, p);
					const ref = d.annotations?.[Annotation.RefName];
					if (ref) state.tags.set(ref, state.manifests.get(d.digest) ?? p);
				});
			}
		}
		this.states.set(name, { stamp, state });
		return state;
	}

	private async save(name: string, state: RepoState): Promise<void> {
		const byDigest = new Map<string, string[]>();
		for (const [tag, d] of state.tags) {
			const list = byDigest.get(d.digest) ?? [];
			list.push(tag);
			byDigest.set(d.digest, list);
		}
		const entries: Descriptor[] = [];
		for (const [digest, d] of state.manifests) {
			const tags = byDigest.get(digest);
			if (!tags) entries.push(d);
			else for (const t of tags) entries.push({ ...d, annotations: { [Annotation.RefName]: t } });
		}
		try {
			await this.writeAtomic(join(this.repoDir(name), INDEX_FILE), encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: entries }));
		} finally {
			// reloaded from disk next time: what is cached is exactly what was written (or what remains)
			this.states.delete(name);
		}
	}

	/** Resolves a tag or digest to a manifest descriptor of the repository, or undefined. */
	async resolveManifest(name: string, reference: string): Promise<Descriptor | undefined> {
		const state = await this.state(name);
		if (!isDigest(reference)) return state.tags.get(reference);
		const known = state.manifests.get(reference);
		if (known) return known;
		// A manifest present only as a blob (e.g. an index child in a layout made elsewhere).
		const digest = reference as Digest;
		const size = await this.blobSize(name, digest);
		if (size === undefined || size > MAX_MANIFEST_BYTES) return undefined;
		try {
			// a blob any client may have uploaded: the nesting is checked before JSON.parse builds it
			const v = parseJSON(await readFile(this.blobFile(name, digest)), "manifest") as { mediaType?: unknown } | null;
			if (typeof v?.mediaType === "string" && isManifestMediaType(v.mediaType)) return { mediaType: v.mediaType, digest, size };
		} catch {
			// not JSON: not a manifest
		}
		return undefined;
	}

	/** The bytes of a resolved manifest (≤ 4 MiB), or undefined when its blob is gone. */
	async readManifest(name: string, desc: Descriptor): Promise<Buffer | undefined> {
		if (desc.size > MAX_MANIFEST_BYTES) return undefined;
		try {
			return await readFile(this.blobFile(name, desc.digest));
		} catch (err) {
			if (isNotFound(err)) return undefined;
			throw err;
		}
	}

	private async manifestPresent(name: string, digest: Digest): Promise<boolean> {
		if ((await this.state(name)).manifests.has(digest)) return true;
		return (await this.blobSize(name, digest)) !== undefined;
	}

	/**
	 * Stores a manifest under a tag or its digest: validates it, checks the digest, requires every
	 * referenced blob (and, for an index, every manifest) to be in the repository, then writes the
	 * manifest blob and the index atomically.
	 */
	async putManifest(name: string, reference: string, mediaType: string, raw: Buffer): Promise<PutManifestResult> {
		const byDigest = isDigest(reference);
		if (!byDigest && !isValidTag(reference)) {
			throw httpError(400, "MANIFEST_INVALID", `invalid tag ${JSON.stringify(reference)}`, { tag: reference });
		}
		let parsed: ParsedManifest;
		try {
			parsed = parseManifest(raw, mediaType);
		} catch (err) {
			throw httpError(400, "MANIFEST_INVALID", `manifest invalid: ${(err as Error).message}`);
		}
		const digest = byDigest ? digestOf(raw, algorithmOf(reference as Digest)) : digestOf(raw);
		if (byDigest && digest !== reference) {
			throw httpError(400, "DIGEST_INVALID", `manifest digest ${digest} does not match the reference ${reference}`, { digest: reference, got: digest });
		}
		const blobs: Descriptor[] = [];
		const manifests: Descriptor[] = [];
		if (parsed.kind === "manifest") blobs.push(parsed.manifest.config, ...parsed.manifest.layers);
		else if (parsed.kind === "artifact") blobs.push(...parsed.artifact.blobs);
		else manifests.push(...parsed.index.manifests);
		for (const d of blobs) {
			if (isForeignLayer(d.mediaType) && d.urls && d.urls.length > 0) continue;
			if ((await this.blobSize(name, d.digest)) === undefined) {
				throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `manifest references blob ${d.digest} unknown to the repository`, { digest: d.digest });
			}
		}
		for (const d of manifests) {
			if (!(await this.manifestPresent(name, d.digest))) {
				throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `index references manifest ${d.digest} unknown to the repository`, { digest: d.digest });
			}
		}
		await this.ensureRepo(name);
		const file = this.blobFile(name, digest);
		if ((await fileSize(file)) !== raw.length) await this.writeAtomic(file, raw);
		const desc: Descriptor = { mediaType, digest, size: raw.length };
		this.rememberInfo(digest, parsed);
		await this.repoLock.run(name, async () => {
			const state = await this.state(name);
			const prev = state.manifests.get(digest);
			if (!prev || prev.mediaType !== mediaType) state.manifests.set(digest, desc);
			if (!byDigest) state.tags.set(reference, state.manifests.get(digest)!);
			if (!prev || !byDigest || prev.mediaType !== mediaType) await this.save(name, state);
		});
		return { digest, subject: subjectOf(parsed) };
	}

	/**
	 * Deletes by digest (the manifest, every tag on it, and its blob) or by tag (only the tag).
	 * MANIFEST_UNKNOWN when there is nothing to delete.
	 */
	async deleteManifest(name: string, reference: string): Promise<void> {
		await this.repoLock.run(name, async () => {
			const state = await this.state(name);
			if (!isDigest(reference)) {
				if (!state.tags.delete(reference)) throw httpError(404, "MANIFEST_UNKNOWN", `tag ${JSON.stringify(reference)} is not known to the repository`);
				await this.save(name, state);
				return;
			}
			const digest = reference as Digest;
			const had = state.manifests.delete(digest);
			if (had) {
				for (const [tag, d] of [...state.tags]) if (d.digest === digest) state.tags.delete(tag);
				await this.save(name, state);
			} else if ((await this.resolveManifest(name, digest)) === undefined) {
				throw httpError(404, "MANIFEST_UNKNOWN", `manifest ${digest} is not known to the repository`);
			}
			await unlink(this.blobFile(name, digest)).catch((err: unknown) => {
				if (!isNotFound(err)) throw err;
			});
		});
	}

	/** Tags, sorted (a layout written by other tools may hold ref names that are not tags: those are skipped). */
	async listTags(name: string): Promise<string[]> {
		return [...(await this.state(name)).tags.keys()].filter(isValidTag).sort(compareNames);
	}

	private rememberInfo(digest: string, parsed: ParsedManifest): void {
		if (this.infos.size >= MAX_INFO_CACHE) this.infos.clear();
		this.infos.set(digest, { subject: subjectOf(parsed)?.digest, artifactType: artifactTypeOf(parsed), annotations: annotationsOfManifest(parsed) });
	}

	private async infoOf(name: string, d: Descriptor): Promise<ManifestInfo | undefined> {
		const cached = this.infos.get(d.digest);
		if (cached) return cached;
		const raw = await this.readManifest(name, d);
		if (!raw) return undefined;
		try {
			const parsed = parseManifest(raw, d.mediaType);
			this.rememberInfo(d.digest, parsed);
			return this.infos.get(d.digest);
		} catch {
			return undefined;
		}
	}

	/**
	 * The referrers of `subject`: manifests of the repository whose `subject` is it, as descriptors
	 * with artifactType (manifest artifactType, else config media type) and annotations.
	 */
	async referrers(name: string, subject: Digest, artifactType?: string): Promise<Descriptor[]> {
		if (!(await this.repoExists(name))) return [];
		const out: Descriptor[] = [];
		for (const d of (await this.state(name)).manifests.values()) {
			const info = await this.infoOf(name, d);
			if (!info || info.subject !== subject) continue;
			if (artifactType !== undefined && info.artifactType !== artifactType) continue;
			const r: { -readonly [K in keyof Descriptor]: Descriptor[K] } = { mediaType: d.mediaType, digest: d.digest, size: d.size };
			if (info.annotations && Object.keys(info.annotations).length > 0) r.annotations = info.annotations;
			if (info.artifactType) r.artifactType = info.artifactType;
			out.push(r);
		}
		return out;
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

async function syncFile(path: string): Promise<void> {
	const fh = await open(path, "r+");
	try {
		await fh.sync();
	} finally {
		await fh.close();
	}
}

async function hashFile(path: string, alg: DigestAlgorithm): Promise<Digest> {
	const d = new Digester(alg);
	for await (const chunk of createReadStream(path)) d.update(chunk as Buffer);
	return d.digest();
}

/** fsync a directory so a rename in it is durable (best effort: not every platform allows it). */
async function syncDir(dir: string): Promise<void> {
	try {
		const fh = await open(dir, "r");
		try {
			await fh.sync();
		} finally {
			await fh.close();
		}
	} catch {
		// best effort
	}
}

/** Validates a digest from a URL or query (DIGEST_INVALID 400). */
export function requireDigest(value: string | null | undefined, what = "digest"): Digest {
	if (value === null || value === undefined || value === "") throw httpError(400, "DIGEST_INVALID", `missing ${what}`);
	try {
		return parseDigest(value);
	} catch (err) {
		throw httpError(400, "DIGEST_INVALID", `invalid ${what}: ${(err as Error).message}`, { digest: value });
	}
}
