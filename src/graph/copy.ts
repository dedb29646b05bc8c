/**
 * The one copy engine. Push is file store → target, pull is target → file store,
 * `cp` is anything → anything: all of them walk the same graph here.
 */
import { setMaxListeners } from "node:events";
import { Readable } from "node:stream";
import {
	canFetchFrom,
	canFetchReference,
	canMount,
	canPushFrom,
	canPushReference,
	canTag,
	type OpenAt,
	type OpOptions,
	type ReadOnlyStorage,
	type ReadOnlyTarget,
	type Storage,
	type Target,
} from "../content/storage.js";
import { readAllLimited } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { contentKey, type Descriptor } from "../oci/descriptor.js";
import { isForeignLayer, isManifestMediaType } from "../oci/mediatypes.js";
import { MAX_MANIFEST_BYTES, parseManifest, successorsOf } from "../oci/manifest.js";
import { countBytes, countingBody } from "../content/ingest.js";
import { type ChunkLender, lentChunksOf } from "../content/internal/file-chunks.js";
import { ManifestCache } from "./cache.js";
import { onSide } from "./copy-error.js";
import { Limiter } from "./limiter.js";

export const SKIP_NODE: unique symbol = Symbol("oras.skipNode");
export type SkipNode = typeof SKIP_NODE;

export const DEFAULT_CONCURRENCY = 3;

export interface CopyGraphOptions extends OpOptions {
	/** Transfers at once (default 3). */
	readonly concurrency?: number;
	/** Cap on manifests read into memory (default 4 MiB). */
	readonly maxMetadataBytes?: number;
	/** Manifests kept in memory for reuse, in bytes (default 64 MiB, `MANIFEST_CACHE_BYTES`); older ones are dropped and fetched again. */
	readonly manifestCacheBytes?: number;
	/** Before a node is copied; return SKIP_NODE to skip it (its successors are already done). */
	readonly preCopy?: (desc: Descriptor) => Promise<void | SkipNode> | void | SkipNode;
	/** After a node was copied. */
	readonly postCopy?: (desc: Descriptor) => Promise<void> | void;
	/** A node the destination already has (its whole sub-graph is skipped). */
	readonly onCopySkipped?: (desc: Descriptor) => Promise<void> | void;
	/** Repositories (same registry) a blob may be mounted from. */
	readonly mountFrom?: (desc: Descriptor) => Promise<readonly string[]> | readonly string[];
	readonly onMounted?: (desc: Descriptor, fromRepository: string) => Promise<void> | void;
	/** Bytes of a node read so far, reported as they move (progress bars); a resumed transfer reports its start offset first. */
	readonly onProgress?: (desc: Descriptor, bytes: number) => void;
	/** Replaces the default successor lookup (e.g. pull skips untitled layers). */
	readonly findSuccessors?: (fetcher: ManifestCache, desc: Descriptor, opts: OpOptions) => Promise<Descriptor[]>;
}

export interface CopyOptions extends CopyGraphOptions {
	/** Maps the resolved root to another node (e.g. a platform's manifest in an index). */
	readonly mapRoot?: (src: ManifestCache, root: Descriptor, opts: OpOptions) => Promise<Descriptor>;
}

/** Default successor lookup through the manifest cache. */
export async function defaultSuccessors(fetcher: ManifestCache, desc: Descriptor, opts: OpOptions): Promise<Descriptor[]> {
	if (!isManifestMediaType(desc.mediaType)) return [];
	const raw = await fetcher.fetchBytes(desc, opts);
	return successorsOf(parseManifest(raw, desc.mediaType));
}

/**
 * One copy: the limiter, the nodes started (each node is copied once, whichever root reaches
 * it) and the manifest cache, shared by every root copied through it (oras-go's copyGraph
 * state, shared by `ExtendedCopyGraph`'s roots). Children go before parents, nodes the
 * destination has are skipped with their sub-graph, at most `concurrency` transfers run at a
 * time. The first failure cancels the rest, and `copy` settles only after every started
 * transfer has stopped; a copier that failed stays cancelled.
 *
 * Failures are wrapped where they happen as `CopyError`s naming the side and the step
 * (hooks' own errors pass unchanged).
 */
export class Copier {
	readonly cache: ManifestCache;
	readonly dst: Storage;
	private readonly opts: CopyGraphOptions;
	private readonly limiter: Limiter;
	private readonly ac = new AbortController();
	private readonly signal: AbortSignal;
	private readonly nodeOpts: OpOptions;
	private readonly findSuccessors: NonNullable<CopyGraphOptions["findSuccessors"]>;
	private readonly started = new Map<string, Promise<void>>();
	private firstError: unknown;

	constructor(src: ReadOnlyStorage | ManifestCache, dst: Storage, opts: CopyGraphOptions = {}) {
		this.cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
		this.dst = dst;
		this.opts = opts;
		this.limiter = new Limiter(opts.concurrency ?? DEFAULT_CONCURRENCY);
		this.signal = opts.signal ? AbortSignal.any([opts.signal, this.ac.signal]) : this.ac.signal;
		// Every queued transfer listens on this signal; the limiter bounds how many run, not how many wait.
		setMaxListeners(0, this.signal);
		this.nodeOpts = { signal: this.signal };
		this.findSuccessors = opts.findSuccessors ?? defaultSuccessors;
	}

	/** Copies the graphs under `roots`, concurrently, each node once. */
	async copy(...roots: Descriptor[]): Promise<void> {
		try {
			await Promise.all(roots.map((r) => this.visit(r)));
		} catch (err) {
			// Nodes may still be starting (and fail at once on the aborted signal): wait until none is left.
			for (let seen = -1; seen !== this.started.size; ) {
				seen = this.started.size;
				await Promise.allSettled(this.started.values());
			}
			throw this.firstError ?? err;
		}
	}

	private visit(desc: Descriptor): Promise<void> {
		const key = contentKey(desc);
		let p = this.started.get(key);
		if (!p) {
			p = this.copyNode(desc);
			this.started.set(key, p);
			p.catch((err: unknown) => {
				if (this.firstError === undefined) this.firstError = err;
				this.ac.abort(err);
			});
		}
		return p;
	}

	private async copyNode(desc: Descriptor): Promise<void> {
		if (isForeignLayer(desc.mediaType)) return;
		const { dst, opts, cache, signal, nodeOpts } = this;
		let children: Descriptor[];
		let release = await this.limiter.acquire(signal);
		try {
			if (await onSide("destination", "exists", desc, () => dst.exists(desc, nodeOpts))) {
				release();
				await opts.onCopySkipped?.(desc);
				return;
			}
			children = await onSide("source", "fetch", desc, () => this.findSuccessors(cache, desc, nodeOpts));
		} catch (err) {
			release();
			throw err;
		}
		if (children.length > 0) {
			// The slot is free while children copy, so a deep graph cannot deadlock the limiter.
			// A leaf (a blob) keeps its slot: its check and its transfer run back to back, one queue turn.
			release();
			await Promise.all(children.map((c) => this.visit(c)));
			release = await this.limiter.acquire(signal);
		}
		try {
			// A blob is mounted from a sibling repository when it can be; only a real copy is announced by preCopy.
			if (!isManifestMediaType(desc.mediaType) && opts.mountFrom && canMount(dst)) {
				const from = await opts.mountFrom(desc);
				for (const repo of from) {
					try {
						await dst.mount(desc, repo, () => cache.fetch(desc, nodeOpts), nodeOpts);
						await opts.onMounted?.(desc, repo);
						return;
					} catch (err) {
						signal.throwIfAborted();
						if (OrasError.is(err) && err.code === "ABORTED") throw err;
						// fall back to the next source, then to a plain copy
					}
				}
			}
			if ((await opts.preCopy?.(desc)) === SKIP_NODE) return;
			if (!isManifestMediaType(desc.mediaType) && canPushFrom(dst)) {
				// Resumable destinations open the source themselves, at an offset where it can.
				const open = openerFor(cache, desc, nodeOpts, opts.onProgress);
				await onSide("destination", "push", desc, () => dst.pushFrom(desc, open, nodeOpts));
				await opts.postCopy?.(desc);
				return;
			}
			const body = await cache.fetch(desc, nodeOpts);
			try {
				const report = opts.onProgress;
				const counting = report ? countingBody(body, (n) => report(desc, n)) : body;
				await onSide("destination", "push", desc, () => dst.push(desc, counting, nodeOpts));
			} finally {
				// A destination that failed (or skipped the body) must not leave the source stream open.
				if (!body.destroyed) body.destroy();
			}
			await opts.postCopy?.(desc);
		} finally {
			release();
		}
	}
}

/**
 * Copies the graph rooted at `root` from `src` to `dst` (one `Copier`): children before
 * parents, nodes the destination has are skipped with their sub-graph, each node once, at
 * most `concurrency` transfers at a time. The first failure cancels the rest; the promise
 * settles only after every started transfer has stopped. Failures are `CopyError`s.
 */
export async function copyGraph(src: ReadOnlyStorage | ManifestCache, dst: Storage, root: Descriptor, opts: CopyGraphOptions = {}): Promise<void> {
	await new Copier(src, dst, opts).copy(root);
}

/** Opens a blob at an offset where the source can (registries, via `Range`), else from byte 0. */
function openerFor(cache: ManifestCache, desc: Descriptor, o: OpOptions, report?: (d: Descriptor, n: number) => void): OpenAt {
	const src = cache.source;
	return async (offset) => {
		const r = offset > 0 && canFetchFrom(src) ? await onSide("source", "fetch", desc, () => src.fetchFrom(desc, offset, o)) : { body: await cache.fetch(desc, o), offset: 0 };
		if (!report) return r;
		// A resumed transfer shows its offset before the first new byte arrives.
		if (r.offset > 0) report(desc, r.offset);
		const source = r.body;
		// Counted, and still lending its chunks to a store that takes them (`LEND_CHUNKS`, a pull)…
		const counted = countingBody(source, (n) => report(desc, n), r.offset);
		// …or to an upload, when the source is a file stream that lends them (`ChunkLender`, a push).
		const lender: ChunkLender = {
			lentChunks: () => {
				const lent = lentChunksOf(source);
				if (lent === undefined) return undefined;
				const it = countBytes(lent, (n) => report(desc, n), r.offset);
				return { [Symbol.asyncIterator]: () => it[Symbol.asyncIterator](), destroy: () => lent.destroy() };
			},
		};
		return { body: Object.assign(counted, lender), offset: r.offset };
	};
}

/** Resolves `reference` at `src`, fetching the root's bytes in the same request where the source can. */
export async function resolveRoot(src: ReadOnlyTarget, cache: ManifestCache, reference: string, opts: OpOptions): Promise<Descriptor> {
	return onSide("source", "resolve", undefined, () => resolveRootBytes(src, cache, reference, opts));
}

async function resolveRootBytes(src: ReadOnlyTarget, cache: ManifestCache, reference: string, opts: OpOptions): Promise<Descriptor> {
	if (canFetchReference(src)) {
		const { desc, body } = await src.fetchReference(reference, opts);
		if (isManifestMediaType(desc.mediaType) && desc.size <= MAX_MANIFEST_BYTES) {
			const data = await readAllLimited(body, MAX_MANIFEST_BYTES, "manifest");
			cache.put(desc, data);
		} else {
			body.destroy();
		}
		return desc;
	}
	return src.resolve(reference, opts);
}

/** Pushes a manifest's bytes under a tag (one PUT on registries) or pushes and tags it; failures are destination CopyErrors. */
export async function tagRoot(dst: Target | Storage, desc: Descriptor, bytes: Buffer | undefined, reference: string, opts: OpOptions): Promise<void> {
	await onSide("destination", "tag", desc, () => tagRootAt(dst, desc, bytes, reference, opts));
}

async function tagRootAt(dst: Target | Storage, desc: Descriptor, bytes: Buffer | undefined, reference: string, opts: OpOptions): Promise<void> {
	if (bytes && canPushReference(dst)) {
		await dst.pushReference(desc, Readable.from([bytes]), reference, opts);
		return;
	}
	if (!canTag(dst)) throw new OrasError("UNSUPPORTED", "destination cannot be tagged");
	if (!(await dst.exists(desc, opts))) {
		if (!bytes) throw new OrasError("NOT_FOUND", `${desc.digest}: not found at the destination`);
		await dst.push(desc, Readable.from([bytes]), opts);
	}
	await dst.tag(desc, reference, opts);
}

/**
 * Copies the graph named by `srcRef` and, when `dstRef` is given, tags its root there.
 * Returns the root descriptor (after `mapRoot`).
 */
export async function copy(src: ReadOnlyTarget, srcRef: string, dst: Target, dstRef?: string, opts: CopyOptions = {}): Promise<Descriptor> {
	const cache = new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
	const o: OpOptions = { signal: opts.signal };
	let root = await resolveRoot(src, cache, srcRef, o);
	if (opts.mapRoot) root = await opts.mapRoot(cache, root, o);
	if (dstRef === undefined || dstRef === "") {
		await copyGraph(cache, dst, root, opts);
		return root;
	}
	const rootKey = contentKey(root);
	const ref = dstRef;
	const tagIt = async (report?: CopyGraphOptions["onProgress"]) => {
		const bytes = isManifestMediaType(root.mediaType) ? await cache.fetchBytes(root, o) : undefined;
		// The root's bytes move in one piece: reported before and after, so progress times its push.
		if (bytes) report?.(root, 0);
		await tagRoot(dst, root, bytes, ref, o);
		if (bytes) report?.(root, bytes.length);
	};
	await copyGraph(cache, dst, root, {
		...opts,
		preCopy: async (d) => {
			if (contentKey(d) === rootKey) {
				if ((await opts.preCopy?.(d)) === SKIP_NODE) return SKIP_NODE;
				await tagIt(opts.onProgress);
				await opts.postCopy?.(d);
				return SKIP_NODE;
			}
			return opts.preCopy?.(d);
		},
		onCopySkipped: async (d) => {
			if (contentKey(d) === rootKey) await tagIt();
			await opts.onCopySkipped?.(d);
		},
	});
	return root;
}
