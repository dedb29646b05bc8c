/**
 * A writable OCI image layout on a directory (oras-go's content/oci.Store):
 * blobs under `blobs/<alg>/<hex>`, written through `ingest/` and verified before
 * they appear; `index.json` kept in step with pushes, tags and deletes.
 */
import { chmod, copyFile, link, mkdir, open, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { normalizeAbort, OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { algorithmOf, Digester, encodedOf, isDigest, parseDigest } from "../../oci/digest.js";
import { type ImageIndex, MAX_MANIFEST_BYTES } from "../../oci/manifest.js";
import { isManifestMediaType } from "../../oci/mediatypes.js";
import {
	discardBody,
	errnoOf,
	isNotFound,
	randomSuffix,
	syncDir,
	syncFile,
	throwIfAborted,
	unlinkQuiet,
	withWriteStream,
	writeFileAtomic,
} from "../internal/fsutil.js";
import type { Deleter, OpOptions, Target } from "../storage.js";
import { readAllVerified, verifier } from "../verify.js";
import {
	blobPath,
	checkLayoutFile,
	emptyIndex,
	encodeIndexFile,
	INDEX_FILE,
	indexAll,
	INGEST_DIR,
	LAYOUT_FILE,
	LAYOUT_FILE_CONTENT,
	loadLayout,
	MAX_INDEX_FILE_BYTES,
	type ManifestLinks,
	manifestLinks,
	parseIndexFile,
	PredecessorGraph,
	type RefTable,
} from "./core.js";
import { acquireFileLock, createFileExclusive, writeLent } from "../ingest.js";
import { Mutex } from "../internal/mutex.js";
import type { FileRangeReader } from "../internal/file-stream.js";

/** The cross-process lock guarding `index.json` updates (a hidden file other tools ignore). */
export const INDEX_LOCK_FILE = ".oras-ts-index.lock";
import { LayoutReader } from "./reader.js";
import { DirSource } from "./source.js";

export interface OciLayoutStoreOptions {
	/**
	 * Delete also removes the referrers of a deleted manifest and content left dangling
	 * and untagged by it (oras-go's AutoGC). Default true.
	 */
	readonly autoGC?: boolean;
	/**
	 * fsync every blob and `index.json` before renaming it into place, and the directory after:
	 * what a call reported as written survives a crash (the server promises this). Default false.
	 */
	readonly durable?: boolean;
	/** Create the directory, `oci-layout` and `index.json` when missing. Default true; false opens an existing layout without writing. */
	readonly create?: boolean;
}

export class OciLayoutStore extends LayoutReader<DirSource> implements Target, Deleter {
	readonly root: string;
	private readonly autoGC: boolean;
	private readonly durable: boolean;
	private baseIndex: ImageIndex;
	private readonly mutex = new Mutex();
	private ingestReady: Promise<void> | undefined;
	/** The `index.json` text last written or read by this store (to notice other writers). */
	private lastIndexText: string | undefined;
	/** `index.json`'s inode, size and mtime when `refresh` last looked. */
	private lastIndexStamp: string | undefined;

	private constructor(root: string, base: ImageIndex, refs: RefTable, graph: PredecessorGraph, opts: OciLayoutStoreOptions) {
		super(new DirSource(root), refs, graph);
		this.root = root;
		this.baseIndex = base;
		this.autoGC = opts.autoGC ?? true;
		this.durable = opts.durable ?? false;
	}

	/**
	 * Opens (creating when missing) a layout directory: writes `oci-layout` and an empty
	 * `index.json` if absent, refuses other layout versions, loads tags and the graph.
	 */
	static async open(root: string, opts: OciLayoutStoreOptions = {}): Promise<OciLayoutStore> {
		const create = opts.create ?? true;
		if (create) await mkdir(root, { recursive: true });
		const st = await stat(root);
		if (!st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${root}: not a directory`);
		// Created whole or not at all, never overwritten: other processes may be opening the same layout.
		if (create && (await stat(join(root, LAYOUT_FILE)).catch(() => undefined)) === undefined) {
			await createFileExclusive(root, LAYOUT_FILE, LAYOUT_FILE_CONTENT);
		}
		const source = new DirSource(root);
		const layoutRaw = await source.readSmall(LAYOUT_FILE, 64 * 1024);
		if (layoutRaw) checkLayoutFile(layoutRaw, root);
		if (create && (await source.size(INDEX_FILE)) === undefined) {
			await createFileExclusive(root, INDEX_FILE, encodeIndexFile(emptyIndex(), []));
		}
		const loaded = await loadLayout(source);
		const store = new OciLayoutStore(root, loaded.index, loaded.refs, loaded.graph, opts);
		store.lastIndexText = loaded.indexText;
		return store;
	}

	private blobFile(digest: string): string {
		return join(this.root, blobPath(digest));
	}

	/**
	 * Stores content after verifying size and digest. Content already present is not
	 * written again (the push succeeds); a manifest still gets its index entry.
	 */
	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		await this.pushAndTag(desc, body, undefined, opts);
	}

	/**
	 * Pushes a manifest and tags it in the same `index.json` update (one write instead of two,
	 * and no moment where it is listed untagged): the server's `PUT /manifests/<tag>`.
	 */
	async pushTagged(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void> {
		if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
		if (isDigest(reference) && reference !== desc.digest) {
			throw new OrasError("INVALID_REFERENCE", `digest reference ${reference} does not match ${desc.digest}`);
		}
		await this.pushAndTag(desc, body, reference, opts);
	}

	private async pushAndTag(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string | undefined, opts?: OpOptions): Promise<void> {
		const signal = opts?.signal;
		throwIfAborted(signal);
		const rel = blobPath(desc.digest);
		const isManifest = isManifestMediaType(desc.mediaType);
		let links: ManifestLinks | undefined;
		if (await this.exists(desc)) {
			discardBody(body);
			if (isManifest && !this.refs.has(desc.digest)) {
				const raw = await this.source.readSmall(rel, MAX_MANIFEST_BYTES);
				if (raw) links = manifestLinksOrThrow(raw, desc);
			}
		} else if (isManifest) {
			// Manifests are small: verify and validate in memory before anything is committed.
			let raw: Buffer;
			try {
				raw = await readAllVerified(body, desc);
			} catch (err) {
				discardBody(body);
				throw err;
			}
			links = manifestLinksOrThrow(raw, desc);
			await this.commit(desc, rel, async (tmp) => {
				await writeFile(tmp, raw, { flag: "wx", mode: 0o644 });
			});
		} else {
			await this.commit(desc, rel, async (tmp) => {
				// A body that lends its chunks (a large registry blob) is hashed and written from its read buffer.
				const fh = await open(tmp, "wx", 0o644);
				const digester = new Digester(algorithmOf(parseDigest(desc.digest)));
				let lent: boolean;
				try {
					lent = body instanceof Readable && (await writeLent(body, fh, 0, desc, digester, signal));
				} catch (err) {
					await fh.close();
					throw err;
				}
				if (lent) {
					await fh.close();
					const got = digester.digest();
					if (got !== desc.digest) throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${desc.digest}, got ${got}`);
					return;
				}
				await withWriteStream(fh, { flags: "wx", mode: 0o644 }, (ws) => pipeline(body, verifier(desc), ws, signal ? { signal } : {}));
			});
		}
		if (links) {
			const l = links;
			await this.updateIndex(async () => {
				this.graph.index(desc, l);
				let changed = false;
				if (!this.refs.has(desc.digest)) {
					this.refs.set(desc.digest, desc);
					changed = true;
				}
				if (reference !== undefined && reference !== desc.digest) {
					this.refs.set(reference, desc);
					changed = true;
				}
				if (changed) await this.saveIndex();
			});
		} else {
			this.indexBlob(desc);
			if (reference !== undefined) await this.tag(desc, reference, opts);
		}
	}

	/** Writes a blob through `ingest/<hex>_<rand>`, makes it read-only, renames it into place. */
	private async commit(desc: Descriptor, rel: string, write: (tmp: string) => Promise<void>): Promise<void> {
		this.ingestReady ??= mkdir(join(this.root, INGEST_DIR), { recursive: true }).then(() => undefined);
		try {
			await this.ingestReady;
		} catch (err) {
			this.ingestReady = undefined;
			throw err;
		}
		const tmp = join(this.root, INGEST_DIR, `${encodedOf(parseDigest(desc.digest))}_${randomSuffix()}`);
		const final = join(this.root, rel);
		try {
			await write(tmp);
			if (this.durable) await syncFile(tmp);
			await chmod(tmp, 0o444);
			await mkdir(join(final, ".."), { recursive: true });
			await rename(tmp, final);
		} catch (err) {
			await unlinkQuiet(tmp);
			throw normalizeAbort(err);
		}
		if (this.durable) await syncDir(join(final, ".."));
	}

	/**
	 * Makes a file the blob of `desc` without reading it: `move` renames it into place (it must be
	 * on the same file system), `link` hard-links it (copies when linking fails). The caller has
	 * verified that the file's digest and size are `desc`'s (an upload it hashed, a blob of another
	 * layout). Content already present is kept (a moved file is then left where it was).
	 */
	async adoptBlob(desc: Descriptor, file: string, how: "move" | "link", opts?: OpOptions): Promise<void> {
		throwIfAborted(opts?.signal);
		const final = this.blobFile(desc.digest);
		if ((await this.blobSize(desc.digest)) === undefined) {
			await mkdir(join(final, ".."), { recursive: true });
			if (how === "move") {
				await chmod(file, 0o444);
				try {
					await rename(file, final);
				} catch (err) {
					// another file system (a repository directory mounted elsewhere): copied through ingest/
					if (errnoOf(err) !== "EXDEV") throw err;
					await this.commit(desc, blobPath(desc.digest), (tmp) => copyFile(file, tmp));
					return this.indexBlob(desc);
				}
			} else {
				await this.commit(desc, blobPath(desc.digest), async (tmp) => {
					try {
						await link(file, tmp);
					} catch (err) {
						if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`, { cause: err });
						await copyFile(file, tmp);
					}
				});
				return this.indexBlob(desc);
			}
			if (this.durable) await syncDir(join(final, ".."));
		}
		this.indexBlob(desc);
	}

	private indexBlob(desc: Descriptor): void {
		if (!isManifestMediaType(desc.mediaType) && !this.graph.isIndexed(desc.digest)) this.graph.index(desc);
	}

	/** Streams bytes `start`..`end` (inclusive) of a blob; NOT_FOUND when absent. */
	async fetchRange(desc: Descriptor, start: number, end: number, opts?: OpOptions): Promise<Readable> {
		throwIfAborted(opts?.signal);
		// Through the source: never a symlink, never outside the layout.
		return this.source.stream(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`, { start, end });
	}

	/**
	 * Opens bytes `start`..`end` (inclusive) of a blob for reading into the caller's own buffers
	 * (`FileRangeReader`): a consumer that reuses its buffers streams without a new one per chunk.
	 * NOT_FOUND when absent; the caller closes it.
	 */
	async openRange(desc: Descriptor, start: number, end: number, opts?: OpOptions): Promise<FileRangeReader> {
		throwIfAborted(opts?.signal);
		return this.source.openRange(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`, { start, end });
	}

	/** Tags existing content; the index entry carries the descriptor's annotations and artifactType. */
	async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		throwIfAborted(opts?.signal);
		if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
		if (!(await this.exists(desc))) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
		if (isDigest(reference) && reference !== desc.digest) {
			throw new OrasError("INVALID_REFERENCE", `digest reference ${reference} does not match ${desc.digest}`);
		}
		await this.updateIndex(async () => {
			if (reference !== desc.digest && !this.refs.has(desc.digest)) this.refs.set(desc.digest, desc);
			this.refs.set(reference, desc);
			if (isManifestMediaType(desc.mediaType) && !this.graph.isIndexed(desc.digest)) {
				const raw = await this.source.readSmall(blobPath(desc.digest), MAX_MANIFEST_BYTES).catch(() => undefined);
				if (raw) {
					try {
						this.graph.index(desc, manifestLinks(raw, desc.mediaType));
					} catch {
						this.graph.index(desc);
					}
				}
			}
			await this.saveIndex();
		});
	}

	/** Removes a tag (the manifest stays, untagged). NOT_FOUND when `reference` is no tag of this layout. */
	async untag(reference: string, opts?: OpOptions): Promise<void> {
		throwIfAborted(opts?.signal);
		await this.updateIndex(async () => {
			if (!this.refs.deleteTag(reference)) throw new OrasError("NOT_FOUND", `${reference}: not found`);
			await this.saveIndex();
		});
	}

	/**
	 * Deletes content and its index entries. With autoGC (default), referrers of a deleted
	 * manifest and successors left dangling and untagged are deleted too.
	 */
	async delete(desc: Descriptor, opts?: OpOptions): Promise<void> {
		throwIfAborted(opts?.signal);
		if (!(await this.exists(desc))) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
		await this.updateIndex(async () => {
			const queue: Descriptor[] = [desc];
			const done = new Set<string>();
			let indexChanged = false;
			while (queue.length > 0) {
				const head = queue.shift() as Descriptor;
				if (done.has(head.digest)) continue;
				done.add(head.digest);
				if (this.autoGC && isManifestMediaType(head.mediaType)) queue.push(...this.graph.referrers(head.digest));
				if (this.refs.removeDigest(head.digest)) indexChanged = true;
				const dangling = this.graph.remove(head.digest);
				try {
					await unlinkOrThrow(this.blobFile(head.digest));
				} catch (err) {
					if (head !== desc && OrasError.is(err) && err.code === "NOT_FOUND") continue;
					throw err;
				}
				if (this.autoGC) for (const d of dangling) if (!this.refs.isTagged(d.digest)) queue.push(d);
			}
			if (indexChanged) await this.saveIndex();
		});
	}

	/** The current `index.json` manifests (one per tag, then untagged manifests). */
	indexEntries(): Descriptor[] {
		return this.refs.entries();
	}

	/** Rewrites `index.json` atomically. Callers hold the mutex. */
	private async saveIndex(): Promise<void> {
		const manifests = this.refs.entries();
		this.baseIndex = { ...this.baseIndex, manifests };
		const text = encodeIndexFile(this.baseIndex, manifests);
		await writeFileAtomic(join(this.root, INDEX_FILE), text, { durable: this.durable });
		this.lastIndexText = text;
	}

	/** Writes `index.json` now (useful after external changes); safe to call concurrently. */
	async saveIndexFile(): Promise<void> {
		await this.updateIndex(() => this.saveIndex());
	}

	/**
	 * Runs an `index.json` update serialized in-process (mutex) and across processes (the
	 * `.oras-ts-index.lock` file, created with O_EXCL; a lock whose owner died is taken
	 * over). The file is re-read first when another process changed it, so updates merge
	 * instead of overwriting each other.
	 */
	private updateIndex<T>(fn: () => Promise<T>): Promise<T> {
		return this.mutex.run(async () => {
			const release = await acquireFileLock(join(this.root, INDEX_LOCK_FILE));
			try {
				await this.syncIndexFromDisk();
				return await fn();
			} finally {
				await release();
			}
		});
	}

	/**
	 * Picks up what another process (the CLI beside `serve`, another store) wrote to `index.json`
	 * since this store last read or wrote it: one `stat` when nothing changed. Readers that share
	 * a layout with other writers call it before answering.
	 */
	async refresh(): Promise<void> {
		const st = await stat(join(this.root, INDEX_FILE)).catch((err: unknown) => {
			if (isNotFound(err)) return undefined;
			throw err;
		});
		const stamp = st ? `${st.ino}:${st.size}:${st.mtimeMs}` : "none";
		if (stamp === this.lastIndexStamp) return;
		await this.mutex.run(() => this.syncIndexFromDisk());
		this.lastIndexStamp = stamp;
	}

	/**
	 * Reloads tags and entries from `index.json` when its bytes differ from what this store last
	 * wrote or read, and rebuilds the graph from them (manifests already indexed are not read
	 * again; manifests another process deleted leave it).
	 */
	private async syncIndexFromDisk(): Promise<void> {
		const raw = await this.source.readSmall(INDEX_FILE, MAX_INDEX_FILE_BYTES);
		if (raw === undefined) return;
		const text = raw.toString("utf8");
		if (text === this.lastIndexText) return;
		const index = parseIndexFile(raw, this.root);
		const graph = new PredecessorGraph();
		await indexAll(graph, this.source, index.manifests, this.graph);
		this.refs.replace(index);
		this.baseIndex = index;
		this.graph = graph;
		this.lastIndexText = text;
	}

	async close(): Promise<void> {
		await this.mutex.run(async () => undefined);
	}
}

function manifestLinksOrThrow(raw: Uint8Array, desc: Descriptor): ManifestLinks {
	try {
		return manifestLinks(raw, desc.mediaType);
	} catch (err) {
		const msg = err instanceof Error ? err.message : String(err);
		throw new OrasError("INVALID_MANIFEST", `${desc.digest}: ${msg}`, { cause: err });
	}
}

async function unlinkOrThrow(path: string): Promise<void> {
	try {
		await unlink(path);
	} catch (err) {
		if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${path}: not found`, { cause: err });
		throw err;
	}
}
