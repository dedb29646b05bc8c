/**
 * The parts of an OCI image layout shared by the writable store and the read-only
 * views: file names, `oci-layout` and `index.json` handling, the reference table
 * behind `index.json`, and the predecessor graph built from the manifests.
 */
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { algorithmOf, encodedOf, parseDigest } from "../../oci/digest.js";
import { encodeIndex } from "../../oci/json.js";
import {
	decodeJSONObject,
	type ImageIndex,
	MAX_MANIFEST_BYTES,
	parseManifest,
	referrerDescriptorOf,
	type ReferrerInfo,
	referrerInfoOf,
	subjectOf,
	successorsOf,
} from "../../oci/manifest.js";
import { Annotation, isManifestMediaType, MediaType } from "../../oci/mediatypes.js";
import { parseDescriptor } from "../../oci/descriptor.js";
import type { LayoutSource } from "./source.js";

export const LAYOUT_FILE = "oci-layout";
export const INDEX_FILE = "index.json";
export const BLOBS_DIR = "blobs";
export const INGEST_DIR = "ingest";
export const LAYOUT_VERSION = "1.0.0";
/** The exact bytes of a new `oci-layout` file (Go JSON of `{imageLayoutVersion}`). */
export const LAYOUT_FILE_CONTENT = `{"imageLayoutVersion":"${LAYOUT_VERSION}"}`;
/** `index.json` may list many manifests (a backup of a large repository); it is still read whole. */
export const MAX_INDEX_FILE_BYTES = 64 * 1024 * 1024;

/** `blobs/<alg>/<hex>` for a validated digest (INVALID_DIGEST otherwise: no path tricks). */
export function blobPath(digest: string): string {
	const d = parseDigest(digest);
	return `${BLOBS_DIR}/${algorithmOf(d)}/${encodedOf(d)}`;
}

export function checkLayoutFile(raw: Uint8Array, where: string): void {
	const v = decodeJSONObject(raw, `${where}/${LAYOUT_FILE}`);
	if (v.imageLayoutVersion !== LAYOUT_VERSION) {
		throw new OrasError(
			"UNSUPPORTED",
			`${where}: unsupported OCI layout version ${JSON.stringify(v.imageLayoutVersion ?? null)}, expected ${JSON.stringify(LAYOUT_VERSION)}`,
		);
	}
}

export function emptyIndex(): ImageIndex {
	return { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
}

/** Parses `index.json`, keeping its other fields so a rewrite preserves them. */
export function parseIndexFile(raw: Uint8Array, where: string): ImageIndex {
	const what = `${where}/${INDEX_FILE}`;
	const v = decodeJSONObject(raw, what);
	if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
	const manifests = v.manifests === undefined || v.manifests === null ? [] : v.manifests;
	if (!Array.isArray(manifests)) throw new OrasError("INVALID_MANIFEST", `${what}: manifests must be an array`);
	const index: { -readonly [K in keyof ImageIndex]: ImageIndex[K] } = {
		schemaVersion: 2,
		manifests: manifests.map((m, i) => parseDescriptor(m, `${what}: manifests[${i}]`)),
	};
	if (typeof v.mediaType === "string" && v.mediaType !== "") index.mediaType = v.mediaType;
	if (typeof v.artifactType === "string" && v.artifactType !== "") index.artifactType = v.artifactType;
	if (v.subject !== undefined && v.subject !== null) index.subject = parseDescriptor(v.subject, `${what}: subject`);
	if (typeof v.annotations === "object" && v.annotations !== null && !Array.isArray(v.annotations)) {
		const a: Record<string, string> = {};
		for (const [k, val] of Object.entries(v.annotations)) if (typeof val === "string") a[k] = val;
		if (Object.keys(a).length > 0) index.annotations = a;
	}
	return index;
}

function withoutRefName(d: Descriptor): Descriptor {
	if (d.annotations?.[Annotation.RefName] === undefined) return d;
	const { [Annotation.RefName]: _drop, ...rest } = d.annotations;
	const out: { -readonly [K in keyof Descriptor]: Descriptor[K] } = { ...d };
	if (Object.keys(rest).length > 0) out.annotations = rest;
	else delete out.annotations;
	return out;
}

function withRefName(d: Descriptor, ref: string): Descriptor {
	return { ...d, annotations: { ...d.annotations, [Annotation.RefName]: ref } };
}

/**
 * References (tags and digests) to manifests, in insertion order so that `index.json`
 * is deterministic. A digest reference maps a manifest to its untagged index entry.
 */
export class RefTable {
	private readonly refs = new Map<string, Descriptor>();

	/** Registers each index entry under its digest and, when it has one, its ref.name. */
	load(index: ImageIndex): void {
		for (const entry of index.manifests) {
			const ref = entry.annotations?.[Annotation.RefName];
			if (ref) this.refs.set(ref, entry);
			if (!this.refs.has(entry.digest)) this.refs.set(entry.digest, withoutRefName(entry));
		}
	}

	/** Forgets everything and loads `index` (index.json re-read under the cross-process lock). */
	replace(index: ImageIndex): void {
		this.refs.clear();
		this.load(index);
	}

	get(ref: string): Descriptor | undefined {
		return this.refs.get(ref);
	}

	set(ref: string, desc: Descriptor): void {
		this.refs.set(ref, ref === desc.digest ? withoutRefName(desc) : desc);
	}

	has(ref: string): boolean {
		return this.refs.has(ref);
	}

	/** Drops one tag; the manifest stays listed (untagged). False when `ref` is not a tag. */
	deleteTag(ref: string): boolean {
		const d = this.refs.get(ref);
		if (!d || ref === d.digest) return false;
		this.refs.delete(ref);
		if (!this.refs.has(d.digest)) this.refs.set(d.digest, withoutRefName(d));
		return true;
	}

	/** Drops every reference to this digest; true when something was removed. */
	removeDigest(digest: string): boolean {
		let removed = false;
		for (const [ref, d] of this.refs) {
			if (d.digest === digest) {
				this.refs.delete(ref);
				removed = true;
			}
		}
		return removed;
	}

	/** True when a tag (not just the digest) points at this digest. */
	isTagged(digest: string): boolean {
		for (const [ref, d] of this.refs) if (d.digest === digest && ref !== digest) return true;
		return false;
	}

	/** Tags in sorted order. */
	tags(): string[] {
		const out: string[] = [];
		for (const [ref, d] of this.refs) if (ref !== d.digest) out.push(ref);
		return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
	}

	/** The `manifests` of `index.json`: one entry per tag, then untagged manifests. */
	entries(): Descriptor[] {
		const out: Descriptor[] = [];
		const tagged = new Set<string>();
		for (const [ref, d] of this.refs) {
			if (ref !== d.digest) {
				out.push(withRefName(d, ref));
				tagged.add(d.digest);
			}
		}
		for (const [ref, d] of this.refs) {
			if (ref === d.digest && !tagged.has(d.digest)) out.push(d);
		}
		return out;
	}
}

/** Encodes `index.json` with the entries replaced, other fields kept. */
export function encodeIndexFile(base: ImageIndex, manifests: readonly Descriptor[]): string {
	return encodeIndex({ ...base, manifests });
}

export interface ManifestLinks {
	readonly successors: readonly Descriptor[];
	readonly subject: Descriptor | undefined;
	/** For a manifest with a subject: what its referrer descriptor carries besides mediaType, digest and size. */
	readonly referrer?: ReferrerInfo | undefined;
}


/** Successors and subject of manifest bytes (throws INVALID_MANIFEST / INVALID_MEDIA_TYPE). */
export function manifestLinks(raw: Uint8Array, mediaType: string): ManifestLinks {
	const p = parseManifest(raw, mediaType);
	const subject = subjectOf(p);
	if (!subject) return { successors: successorsOf(p), subject };
	return { successors: successorsOf(p), subject, referrer: referrerInfoOf(p) };
}

/** The descriptor a referrers list shows for a manifest (mediaType, digest and size of `node`, see `referrerDescriptorOf`). */
export function referrerDescriptor(node: Descriptor, info: ReferrerInfo | undefined): Descriptor {
	const plain: Descriptor = { mediaType: node.mediaType, digest: node.digest, size: node.size };
	return info ? referrerDescriptorOf(plain, info) : plain;
}

/**
 * Which nodes point at which: built from every manifest reachable from `index.json`
 * and kept up to date on push and delete. Keys are digests.
 */
export class PredecessorGraph {
	private readonly nodes = new Map<string, Descriptor>();
	private readonly successors = new Map<string, readonly Descriptor[]>();
	private readonly subjects = new Map<string, Descriptor>();
	private readonly referrerInfo = new Map<string, ReferrerInfo>();
	private readonly preds = new Map<string, Map<string, Descriptor>>();

	isIndexed(digest: string): boolean {
		return this.nodes.has(digest);
	}

	/** What was indexed for a node (to rebuild a graph without reading its manifests again). */
	linksOf(digest: string): ManifestLinks | undefined {
		if (!this.nodes.has(digest)) return undefined;
		return { successors: this.successors.get(digest) ?? [], subject: this.subjects.get(digest), referrer: this.referrerInfo.get(digest) };
	}

	index(node: Descriptor, links: ManifestLinks = { successors: [], subject: undefined }): void {
		this.nodes.set(node.digest, node);
		this.successors.set(node.digest, links.successors);
		if (links.subject) this.subjects.set(node.digest, links.subject);
		if (links.referrer) this.referrerInfo.set(node.digest, links.referrer);
		for (const s of links.successors) {
			let p = this.preds.get(s.digest);
			if (!p) {
				p = new Map();
				this.preds.set(s.digest, p);
			}
			p.set(node.digest, node);
		}
	}

	predecessors(digest: string): Descriptor[] {
		return [...(this.preds.get(digest)?.values() ?? [])];
	}

	/** Predecessors whose subject is `digest`. */
	referrers(digest: string): Descriptor[] {
		return this.predecessors(digest).filter((p) => this.subjects.get(p.digest)?.digest === digest);
	}

	/** The referrers of `digest` as a referrers list shows them (with artifactType and annotations). */
	referrerDescriptors(digest: string): Descriptor[] {
		return this.referrers(digest).map((p) => referrerDescriptor(p, this.referrerInfo.get(p.digest)));
	}

	/** Unlinks a node; returns its successors that no longer have any predecessor. */
	remove(digest: string): Descriptor[] {
		const dangling: Descriptor[] = [];
		const seen = new Set<string>();
		for (const s of this.successors.get(digest) ?? []) {
			if (seen.has(s.digest)) continue;
			seen.add(s.digest);
			const p = this.preds.get(s.digest);
			if (!p) continue;
			p.delete(digest);
			if (p.size === 0) {
				this.preds.delete(s.digest);
				// a blob pushed before index.json was last reloaded may not be a node: its descriptor is known from the manifest
				dangling.push(this.nodes.get(s.digest) ?? s);
			}
		}
		this.successors.delete(digest);
		this.subjects.delete(digest);
		this.referrerInfo.delete(digest);
		this.nodes.delete(digest);
		return dangling;
	}
}

/**
 * Indexes every node reachable from the roots. Missing or unparsable manifests are
 * indexed without successors (a partial layout still opens). Nodes `known` has indexed
 * are taken from it instead of being read again.
 */
export async function indexAll(graph: PredecessorGraph, source: LayoutSource, roots: readonly Descriptor[], known?: PredecessorGraph): Promise<void> {
	const stack = [...roots].reverse();
	while (stack.length > 0) {
		const node = stack.pop() as Descriptor;
		if (graph.isIndexed(node.digest)) continue;
		let links = known?.linksOf(node.digest);
		if (links === undefined && isManifestMediaType(node.mediaType)) {
			try {
				const raw = node.size <= MAX_MANIFEST_BYTES ? await source.readSmall(blobPath(node.digest), MAX_MANIFEST_BYTES) : undefined;
				if (raw) links = manifestLinks(raw, node.mediaType);
			} catch (err) {
				if (!OrasError.is(err)) throw err;
			}
		}
		graph.index(node, links);
		if (links) for (let i = links.successors.length - 1; i >= 0; i--) stack.push(links.successors[i] as Descriptor);
	}
}

export interface LoadedLayout {
	/** `index.json` as read (to notice later rewrites by other processes). */
	readonly indexText: string;
	readonly index: ImageIndex;
	readonly refs: RefTable;
	readonly graph: PredecessorGraph;
}

/** Validates `oci-layout`, reads `index.json` and builds the reference table and graph. */
export async function loadLayout(source: LayoutSource): Promise<LoadedLayout> {
	const layout = await source.readSmall(LAYOUT_FILE, 64 * 1024);
	if (!layout) throw new OrasError("NOT_FOUND", `${source.location}: not an OCI layout: missing ${LAYOUT_FILE}`);
	checkLayoutFile(layout, source.location);
	const raw = await source.readSmall(INDEX_FILE, MAX_INDEX_FILE_BYTES);
	if (!raw) throw new OrasError("NOT_FOUND", `${source.location}: not an OCI layout: missing ${INDEX_FILE}`);
	const index = parseIndexFile(raw, source.location);
	const refs = new RefTable();
	refs.load(index);
	const graph = new PredecessorGraph();
	await indexAll(graph, source, index.manifests);
	return { indexText: raw.toString("utf8"), index, refs, graph };
}

/** Serializes async critical sections (index.json upkeep). */

/** Tags after `last` (exclusive), in sorted order. */
export function tagsAfter(tags: readonly string[], last: string | undefined): string[] {
	if (!last) return [...tags];
	const l = Buffer.from(last);
	return tags.filter((t) => Buffer.compare(Buffer.from(t), l) > 0);
}
