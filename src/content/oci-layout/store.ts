/**
 * A writable OCI image layout on a directory (oras-go's content/oci.Store):
 * blobs under `blobs/<alg>/<hex>`, written through `ingest/` and verified before
 * they appear; `index.json` kept in step with pushes, tags and deletes.
 */
import { chmod, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { normalizeAbort, OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { encodedOf, isDigest, parseDigest } from "../../oci/digest.js";
import { type ImageIndex, MAX_MANIFEST_BYTES } from "../../oci/manifest.js";
import { isManifestMediaType } from "../../oci/mediatypes.js";
import { discardBody, isNotFound, randomSuffix, throwIfAborted, unlinkQuiet, withWriteStream } from "../internal/fsutil.js";
import type { Deleter, OpOptions, Target } from "../storage.js";
import { readAllVerified, verifier } from "../verify.js";
import {
	AsyncMutex,
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
	type PredecessorGraph,
	type RefTable,
} from "./core.js";
import { acquireFileLock, createFileExclusive } from "../ingest.js";

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
}

export class OciLayoutStore extends LayoutReader<DirSource> implements Target, Deleter {
	readonly root: string;
	private readonly autoGC: boolean;
	private baseIndex: ImageIndex;
	private readonly mutex = new AsyncMutex();
	private ingestReady: Promise<void> | undefined;
	/** The `index.json` text last written or read by this store (to notice other writers). */
	private lastIndexText: string | undefined;

	private constructor(root: string, base: ImageIndex, refs: RefTable, graph: PredecessorGraph, opts: OciLayoutStoreOptions) {
		super(new DirSource(root), refs, graph);
		this.root = root;
		this.baseIndex = base;
		this.autoGC = opts.autoGC ?? true;
	}

	/**
	 * Opens (creating when missing) a layout directory: writes `oci-layout` and an empty
	 * `index.json` if absent, refuses other layout versions, loads tags and the graph.
	 */
	static async open(root: string, opts: OciLayoutStoreOptions = {}): Promise<OciLayoutStore> {
		await mkdir(root, { recursive: true });
		const st = await stat(root);
		if (!st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${root}: not a directory`);
		// Created whole or not at all, never overwritten: other processes may be opening the same layout.
		if ((await stat(join(root, LAYOUT_FILE)).catch(() => undefined)) === undefined) {
			await createFileExclusive(root, LAYOUT_FILE, LAYOUT_FILE_CONTENT);
		}
		const source = new DirSource(root);
		const layoutRaw = await source.readSmall(LAYOUT_FILE, 64 * 1024);
		if (layoutRaw) checkLayoutFile(layoutRaw, root);
		if ((await source.size(INDEX_FILE)) === undefined) {
			await createFileExclusive(root, INDEX_FILE, encodeIndexFile(emptyIndex(), []));
		}
		const loaded = await loadLayout(source);
		return new OciLayoutStore(root, loaded.index, loaded.refs, loaded.graph, opts);
	}

	private blobFile(digest: string): string {
		return join(this.root, blobPath(digest));
	}

	/**
	 * Stores content after verifying size and digest. Content already present is not
	 * written again (the push succeeds); a manifest still gets its index entry.
	 */
	async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
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
				await withWriteStream(tmp, { flags: "wx", mode: 0o644 }, (ws) => pipeline(body, verifier(desc), ws, signal ? { signal } : {}));
			});
		}
		if (links) {
			const l = links;
			await this.updateIndex(async () => {
				this.graph.index(desc, l);
				if (!this.refs.has(desc.digest)) {
					this.refs.set(desc.digest, desc);
					await this.saveIndex();
				}
			});
		} else if (!isManifest && !this.graph.isIndexed(desc.digest)) {
			this.graph.index(desc);
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
			await chmod(tmp, 0o444);
			await mkdir(join(final, ".."), { recursive: true });
			await rename(tmp, final);
		} catch (err) {
			await unlinkQuiet(tmp);
			throw normalizeAbort(err);
		}
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
		await writeAtomic(this.root, INDEX_FILE, text);
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

	/** Reloads tags and entries from `index.json` when its bytes differ from what this store last wrote or read. */
	private async syncIndexFromDisk(): Promise<void> {
		const raw = await this.source.readSmall(INDEX_FILE, MAX_INDEX_FILE_BYTES);
		if (raw === undefined) return;
		const text = raw.toString("utf8");
		if (text === this.lastIndexText) return;
		const index = parseIndexFile(raw, this.root);
		this.refs.replace(index);
		this.baseIndex = index;
		await indexAll(this.graph, this.source, index.manifests);
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

/** Writes a small file via a temp file in the same directory and a rename. */
export async function writeAtomic(dir: string, name: string, content: string | Uint8Array): Promise<void> {
	const tmp = join(dir, `.${name}.${randomSuffix()}.tmp`);
	try {
		await writeFile(tmp, content, { flag: "wx", mode: 0o644 });
		await rename(tmp, join(dir, name));
	} catch (err) {
		await unlinkQuiet(tmp);
		throw err;
	}
}
