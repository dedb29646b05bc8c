/**
 * Referrers of a manifest on any target (oras-go's `registry.Referrers`): a target that
 * lists referrers itself (a remote repository: API or tag schema) is asked directly; a
 * graph store (OCI layout, memory) answers from its predecessors whose `subject` is the
 * manifest, with `artifactType` and `annotations` taken from each referrer's manifest.
 */
import { canFindPredecessors, type Fetcher, type OpOptions, type PredecessorFinder } from "../content/storage.js";
import { fetchBytes } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { Budget } from "../oci/budget.js";
import { type Descriptor, sameContent } from "../oci/descriptor.js";
import { parseManifest, referrerDescriptorOf, subjectOf } from "../oci/manifest.js";
import { isManifestMediaType, MediaType } from "../oci/mediatypes.js";

export interface ReferrersOptions extends OpOptions {
	/** Only referrers of this artifact type ("" or undefined = all). */
	readonly artifactType?: string;
}

/** A target that lists referrers itself (the remote `Repository`). */
export interface ReferrerLister {
	referrers(desc: Descriptor, opts?: ReferrersOptions): Promise<Descriptor[]>;
}

export const canListReferrers = (t: object): t is ReferrerLister => typeof (t as Partial<ReferrerLister>).referrers === "function";

/** What `referrers()` works on: a fetcher that lists referrers or finds predecessors. */
export type ReferrersSource = Fetcher & (ReferrerLister | PredecessorFinder);

/**
 * The direct referrers of `desc` (a manifest or index), filtered by artifact type.
 * UNSUPPORTED when `desc` is not a manifest or the target can do neither.
 */
export async function referrers(target: Fetcher & object, desc: Descriptor, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	if (!isManifestMediaType(desc.mediaType)) {
		throw new OrasError("UNSUPPORTED", `the descriptor ${desc.digest} (${desc.mediaType}) is not a manifest: unsupported`);
	}
	if (canListReferrers(target)) return target.referrers(desc, opts);
	if (!canFindPredecessors(target)) throw new OrasError("UNSUPPORTED", "the target can neither list referrers nor find predecessors");
	const o: OpOptions = { signal: opts.signal };
	const out: Descriptor[] = [];
	for (const node of await target.predecessors(desc, o)) {
		if (node.mediaType !== MediaType.ImageManifest && node.mediaType !== MediaType.ImageIndex) continue;
		const p = parseManifest(await fetchBytes(target, node, o), node.mediaType);
		const subject = subjectOf(p);
		if (subject === undefined || !sameContent(subject, desc)) continue;
		const referrer = referrerDescriptorOf(node, p);
		if (!opts.artifactType || opts.artifactType === referrer.artifactType) out.push(referrer);
	}
	return out;
}

/**
 * Default bound on the levels of a referrers walk when no depth is asked for. Real chains are
 * a few levels (an SBOM, its signature, a countersignature); a registry inventing a referrer
 * for every digest would otherwise make the walk endless.
 */
export const MAX_REFERRER_DEPTH = 64;
/** Default bound on the referrers a walk collects (each costs at least one request). */
export const MAX_REFERRER_NODES = 10_000;
/**
 * Default bound on the size of the referrer descriptors a walk keeps (JSON bytes, annotations
 * included): each listing is bounded, but a walk keeps every referrer it found.
 */
export const MAX_REFERRER_BYTES = 64 * 1024 * 1024;

/** The walk bounds: SIZE_EXCEEDS_LIMIT past `maxNodes` referrers, `maxBytes` of them, or (with no depth asked for) `maxDepth` levels. */
export interface ReferrerWalkLimits {
	/** Levels walked when no depth is given (default `MAX_REFERRER_DEPTH`); deeper fails. */
	readonly maxDepth?: number;
	/** Referrers collected in all (default `MAX_REFERRER_NODES`); more fails. */
	readonly maxNodes?: number;
	/** Size of the referrer descriptors collected in all, as JSON (default `MAX_REFERRER_BYTES`); more fails. */
	readonly maxBytes?: number;
}

/** Counts the nodes and levels of one walk against its limits. */
export class WalkBudget extends Budget {
	private readonly maxDepth: number;

	constructor(limits: ReferrerWalkLimits = {}) {
		super({
			maxItems: limits.maxNodes ?? MAX_REFERRER_NODES,
			maxBytes: limits.maxBytes ?? MAX_REFERRER_BYTES,
			tooMany: (max) => `more than ${max} referrers in all (referrer limit)`,
			tooLarge: (max) => `referrers take more than ${max} bytes in all (referrer size limit)`,
		});
		this.maxDepth = limits.maxDepth ?? MAX_REFERRER_DEPTH;
	}

	/** After finding `n` referrers at `level` (1 = the root's direct referrers) of a walk without a depth. */
	checkLevel(level: number, n: number, subject: Descriptor): void {
		if (level > this.maxDepth && n > 0) {
			throw new OrasError("SIZE_EXCEEDS_LIMIT", `referrers of ${subject.digest}: nested deeper than ${this.maxDepth} levels (referrer depth limit); ask for fewer levels with a depth`);
		}
	}

	/** After finding more referrers (kept by the walk): their number, and their size as JSON. */
	add(found: readonly Descriptor[]): void {
		this.addItems(found.length);
		let bytes = 0;
		for (const d of found) bytes += JSON.stringify(d).length;
		this.addBytes(bytes);
	}
}

export interface WalkReferrersOptions extends ReferrersOptions, ReferrerWalkLimits {
	/** Levels to visit: 1 = direct referrers only; 0 or undefined = all levels (up to `maxDepth`). */
	readonly depth?: number;
	/** Called for each referrer found, with the node it refers to, parents before children. */
	readonly onReferrer?: (referrer: Descriptor, subject: Descriptor) => void | Promise<void>;
}

/**
 * Visits referrers of referrers depth-first (what `oras discover` shows). Each digest is
 * expanded once, so a cyclic graph a registry might serve cannot loop. Returns the tree.
 */
export async function walkReferrers(target: Fetcher & object, root: Descriptor, opts: WalkReferrersOptions = {}): Promise<ReferrerNode> {
	const visited = new Set<string>();
	const budget = new WalkBudget(opts);
	const tree: ReferrerNode = { descriptor: root, referrers: [] };
	const unlimited = (opts.depth ?? 0) <= 0;
	const visit = async (node: ReferrerNode, depth: number, level: number): Promise<void> => {
		if (visited.has(node.descriptor.digest)) return;
		visited.add(node.descriptor.digest);
		const found = await referrers(target, node.descriptor, opts);
		if (unlimited) budget.checkLevel(level, found.length, node.descriptor);
		budget.add(found);
		for (const r of found) {
			await opts.onReferrer?.(r, node.descriptor);
			const child: ReferrerNode = { descriptor: r, referrers: [] };
			node.referrers.push(child);
			if (depth === 1) continue;
			await visit(child, depth > 0 ? depth - 1 : 0, level + 1);
		}
	};
	await visit(tree, opts.depth ?? 0, 1);
	return tree;
}

export interface ReferrerNode {
	readonly descriptor: Descriptor;
	readonly referrers: ReferrerNode[];
}
