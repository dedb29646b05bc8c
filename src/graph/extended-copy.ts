/**
 * Extended copy (oras-go's `ExtendedCopy` / `ExtendedCopyGraph`): walk up from a node through
 * its predecessors (by default its referrers, to any depth), then copy every root found, so
 * a node travels with the signatures, SBOMs and signatures of SBOMs that refer to it. Plus
 * the CLI's recursive copy (`cp -r`, `backup --include-referrers`, `restore`), which also
 * brings the referrers of an index's members.
 */
import type { Fetcher, OpOptions, ReadOnlyStorage, ReadOnlyTarget, Storage, Target } from "../content/storage.js";
import { OrasError } from "../errors.js";
import { contentKey, type Descriptor, sameContent } from "../oci/descriptor.js";
import { parseManifest } from "../oci/manifest.js";
import { isIndexMediaType, isManifestMediaType } from "../oci/mediatypes.js";
import { ManifestCache } from "./cache.js";
import { type CopyGraphOptions, Copier, DEFAULT_CONCURRENCY, resolveRoot, tagRoot } from "./copy.js";
import { onSide } from "./copy-error.js";
import { Limiter } from "./limiter.js";
import { type ReferrerWalkLimits, referrers, WalkBudget } from "./referrers.js";

/** Finds the nodes directly pointing at `desc` in `src` (for extended copy: its referrers). */
export type FindPredecessors = (src: Fetcher & object, desc: Descriptor, opts: OpOptions) => Promise<Descriptor[]>;

export interface ExtendedCopyGraphOptions extends CopyGraphOptions, ReferrerWalkLimits {
	/** Levels of predecessors to walk up (1 = direct referrers only); 0 or undefined = all (up to `maxDepth`). */
	readonly depth?: number;
	/**
	 * Predecessor lookup. Default: `referrers()` — the referrers API or tag schema on a
	 * registry, the subject predecessors in an OCI layout or memory store. Blobs have none.
	 */
	readonly findPredecessors?: FindPredecessors;
}

/** The default predecessor lookup: the referrers of a manifest (none for blobs). */
export const findReferrers: FindPredecessors = async (src, desc, opts) => {
	if (!isManifestMediaType(desc.mediaType)) return [];
	return referrers(src, desc, { signal: opts.signal });
};

/** The predecessor lookup of `opts`, its failures as source CopyErrors (step `referrers`). */
function predecessorLookup(opts: ExtendedCopyGraphOptions): FindPredecessors {
	const find = opts.findPredecessors ?? findReferrers;
	return (src, desc, o) => onSide("source", "referrers", desc, () => find(src, desc, o));
}

function opOptions(opts: OpOptions): OpOptions {
	return { signal: opts.signal };
}

/**
 * The roots of the sub-graphs that contain `node` when walking up through predecessors:
 * nodes without predecessors, or at `depth`. Each node is expanded once (so a cyclic graph
 * a registry might serve cannot loop); roots come in discovery order, without duplicates.
 */
export async function findRoots(src: Fetcher & object, node: Descriptor, opts: ExtendedCopyGraphOptions = {}): Promise<Descriptor[]> {
	const find = predecessorLookup(opts);
	const o = opOptions(opts);
	const depthLimit = opts.depth ?? 0;
	const budget = new WalkBudget(opts);
	const visited = new Set<string>();
	const roots = new Map<string, Descriptor>();
	const stack: Array<{ node: Descriptor; depth: number }> = [{ node, depth: 0 }];
	while (stack.length > 0) {
		const cur = stack.pop() as { node: Descriptor; depth: number };
		const key = contentKey(cur.node);
		if (visited.has(key)) continue;
		visited.add(key);
		if (depthLimit > 0 && cur.depth === depthLimit) {
			if (!roots.has(key)) roots.set(key, cur.node);
			continue;
		}
		const preds = await find(src, cur.node, o);
		if (depthLimit <= 0) budget.checkLevel(cur.depth + 1, preds.length, cur.node);
		budget.add(preds);
		if (preds.length === 0) {
			if (!roots.has(key)) roots.set(key, cur.node);
			continue;
		}
		for (const p of preds) {
			if (!visited.has(contentKey(p))) stack.push({ node: p, depth: cur.depth + 1 });
		}
	}
	return [...roots.values()];
}

/**
 * Copies `node` and everything that refers to it (see `findRoots`) from `src` to `dst`.
 * The roots are copied concurrently through one `Copier`, so a node shared by several roots
 * is copied (and reported) once (oras-go's `ExtendedCopyGraph`).
 */
export async function extendedCopyGraph(src: ReadOnlyStorage, dst: Storage, node: Descriptor, opts: ExtendedCopyGraphOptions = {}): Promise<void> {
	const copier = new Copier(src, dst, opts);
	const roots = await findRoots(copier.cache.source, node, opts);
	await copier.copy(...roots);
}

/**
 * Resolves `srcRef` at `src`, copies it with everything referring to it (`extendedCopyGraph`)
 * and tags it `dstRef` at `dst` when given. Returns the node's descriptor.
 */
export async function extendedCopy(src: ReadOnlyTarget, srcRef: string, dst: Target, dstRef?: string, opts: ExtendedCopyGraphOptions = {}): Promise<Descriptor> {
	const cache = new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
	const o = opOptions(opts);
	const node = await resolveRoot(src, cache, srcRef, o);
	await extendedCopyGraph(cache, dst, node, opts);
	if (dstRef !== undefined && dstRef !== "") {
		const bytes = isManifestMediaType(node.mediaType) ? await cache.fetchBytes(node, o) : undefined;
		await tagRoot(dst, node, bytes, dstRef, o);
	}
	return node;
}

/** Members of an index (empty for anything else). */
async function indexMembers(cache: ManifestCache, desc: Descriptor, opts: OpOptions): Promise<Descriptor[]> {
	if (!isIndexMediaType(desc.mediaType)) return [];
	const parsed = parseManifest(await cache.fetchBytes(desc, opts), desc.mediaType);
	return parsed.kind === "index" ? [...parsed.index.manifests] : [];
}

/** Predecessors of several nodes, `concurrency` lookups at a time, in input order. */
async function predecessorsOf(src: Fetcher & object, descs: readonly Descriptor[], find: FindPredecessors, concurrency: number, opts: OpOptions): Promise<Descriptor[]> {
	const limiter = new Limiter(concurrency);
	const lists = await Promise.all(descs.map((d) => limiter.run(() => find(src, d, opts), opts.signal)));
	return lists.flat();
}

/**
 * All referrers of `descs` at any depth (the CLI's `RecursiveFindReferrers`), each digest
 * once, level by level.
 */
export async function findReferrersRecursive(src: Fetcher & object, descs: readonly Descriptor[], opts: ExtendedCopyGraphOptions = {}): Promise<Descriptor[]> {
	const find = predecessorLookup(opts);
	const o = opOptions(opts);
	const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
	const budget = new WalkBudget(opts);
	const visited = new Set<string>();
	const all: Descriptor[] = [];
	let level = [...descs];
	for (let depth = 1; level.length > 0; depth++) {
		const found = await predecessorsOf(src, level, find, concurrency, o);
		budget.checkLevel(depth, found.length, level[0] as Descriptor);
		budget.add(found);
		const next: Descriptor[] = [];
		for (const r of found) {
			if (visited.has(r.digest)) continue;
			visited.add(r.digest);
			next.push(r);
		}
		all.push(...next);
		level = next;
	}
	return all;
}

/**
 * Number of referrers of `root` at any depth, plus those of its members when `root` is an
 * index (what backup and restore report per tag).
 */
export async function countReferrers(src: ReadOnlyStorage & object, root: Descriptor, opts: ExtendedCopyGraphOptions = {}): Promise<number> {
	const cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
	const raw = cache.source;
	const o = opOptions(opts);
	let n = (await findReferrersRecursive(raw, [root], opts)).length;
	const members = await indexMembers(cache, root, o);
	if (members.length > 0) n += (await findReferrersRecursive(raw, members, opts)).length;
	return n;
}

/**
 * The CLI's recursive copy (`cp -r`, `backup --include-referrers`, `restore`): copies `root`
 * with its referrers at any depth and, when `root` is an index, the referrers of its members
 * too; then tags `root` as `dstRef` (unless empty or the root's digest).
 */
export async function copyWithReferrers(
	src: ReadOnlyStorage,
	dst: Target | Storage,
	root: Descriptor,
	dstRef: string | undefined,
	opts: ExtendedCopyGraphOptions = {},
): Promise<void> {
	const cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
	const raw = cache.source;
	const o = opOptions(opts);
	const find = predecessorLookup(opts);
	let copyRoot = root;
	let copyOpts: ExtendedCopyGraphOptions = opts;
	const members = await indexMembers(cache, root, o);
	if (members.length > 0) {
		const memberReferrers = (await predecessorsOf(raw, members, find, opts.concurrency ?? DEFAULT_CONCURRENCY, o)).filter((d) => !sameContent(d, root));
		if (memberReferrers.length > 0) {
			const rootReferrers = await find(raw, root, o);
			if (rootReferrers.length === 0) {
				// Enter through the first member, with the index and the members' referrers as its
				// predecessors, so one walk reaches all of them (oras#1728).
				const first = members[0] as Descriptor;
				const firstPreds = [root, ...memberReferrers];
				copyRoot = first;
				copyOpts = {
					...opts,
					findPredecessors: async (s, d, fo) => {
						if (sameContent(d, root)) return [];
						if (sameContent(d, first)) return firstPreds;
						return find(s, d, fo);
					},
				};
			} else {
				const all = [...rootReferrers, ...memberReferrers];
				copyOpts = {
					...opts,
					findPredecessors: async (s, d, fo) => (sameContent(d, root) ? all : find(s, d, fo)),
				};
			}
		}
	}
	await extendedCopyGraph(cache, dst, copyRoot, copyOpts);
	if (dstRef !== undefined && dstRef !== "" && dstRef !== root.digest) {
		if (!isManifestMediaType(root.mediaType)) throw new OrasError("UNSUPPORTED", `cannot tag ${root.digest}: ${root.mediaType} is not a manifest`);
		await tagRoot(dst, root, await cache.fetchBytes(root, o), dstRef, o);
	}
}
