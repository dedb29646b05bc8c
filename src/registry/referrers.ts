/**
 * Referrers on a remote repository (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers):
 * the OCI 1.1 referrers API when the registry serves it, else the referrers tag schema
 * (`<alg>-<hex>` index, same page, #referrers-tag-schema), which is kept up
 * to date when a manifest with a `subject` is pushed or deleted.
 *
 * The API is detected from the answer to `GET /v2/<repo>/referrers/<digest>` (an image
 * index with the index content type), never from `OCI-Subject` alone; the first definite
 * answer is kept for the repository (`Repository.referrersState`).
 */
import type { OpOptions } from "../content/storage.js";
import { readAllLimited } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { type Descriptor, parseDescriptor } from "../oci/descriptor.js";
import { type Digest, digestOf, parseDigest, referrersTagOf } from "../oci/digest.js";
import { encodeIndex } from "../oci/json.js";
import { decodeJSONObject, parseManifest, referrerDescriptorOf, subjectOf } from "../oci/manifest.js";
import { Annotation, MediaType } from "../oci/mediatypes.js";
import { mediaTypeOf } from "./endpoint.js";
import { responseError } from "./errors.js";
import { parseNextLink } from "./link.js";
import { type ListLimits, MAX_REFERRERS, PageBudget } from "./list.js";
import { readSmallBody } from "./transport/body.js";
import { discardBody, type HttpRequest, type Transport } from "./transport/types.js";

/** Whether the registry serves the referrers API (the first definite answer sticks). */
export type ReferrersState = "unknown" | "supported" | "unsupported";

/**
 * What the referrers code needs of one repository (as `UploadContext` is for uploads): its
 * transport and requests, its referrers endpoint, the manifest operations that bypass index
 * upkeep, and the per-repository state it keeps (the capability, the ping in flight, the
 * queue of index updates per tag). `Repository.referrersContext()` builds it.
 */
export interface ReferrersContext {
	/** `registry/repository`, for messages. */
	readonly repository: string;
	readonly transport: Transport;
	/** `GET /v2/<name>/referrers/<digest>` with the repository's pull scope and signal. */
	referrersRequest(digest: Digest, artifactType?: string): HttpRequest;
	readonly maxMetadataBytes: number;
	readonly listLimits: ListLimits | undefined;
	/** Keep superseded tag-schema indexes instead of deleting them. */
	readonly skipGC: boolean;
	/** The repository's referrers capability and how it is recorded (first definite answer sticks). */
	state(): ReferrersState;
	setState(state: Exclude<ReferrersState, "unknown">): void;
	/** Runs `ping` unless one is in flight for the repository (then shares its answer). */
	pingOnce(ping: () => Promise<boolean>): Promise<boolean>;
	/** Runs `update` after the updates of the same tag queued before it (in this process). */
	serialize(tag: string, update: () => Promise<void>): Promise<void>;
	/** A manifest by tag, with its descriptor. */
	fetchReference(reference: string): Promise<{ desc: Descriptor; body: AsyncIterable<Uint8Array> & { destroy?: () => void } }>;
	/** PUT of an index under a tag, without index upkeep. */
	pushIndex(desc: Descriptor, bytes: Uint8Array, tag: string): Promise<void>;
	/** DELETE of a manifest, without index upkeep. */
	deleteManifest(desc: Descriptor): Promise<void>;
}

/** The digest oras pings the referrers API with: `sha256:` and 64 zeros (oras-go's `Repository.pingReferrers`). */
export const REFERRERS_PING_DIGEST = `sha256:${"0".repeat(64)}` as Digest;

export interface ReferrersOptions extends OpOptions {
	/** Only referrers of this artifact type ("" or undefined = all). */
	readonly artifactType?: string;
}

/** Manifest types whose `subject` makes them referrers (and that the tag schema indexes). */
export function canHaveSubject(mediaType: string): boolean {
	return mediaType === MediaType.ImageManifest || mediaType === MediaType.ImageIndex || mediaType === MediaType.ArtifactManifest;
}

/** Keeps referrers of `artifactType` (all when empty). */
export function filterReferrers(referrers: readonly Descriptor[], artifactType: string | undefined): Descriptor[] {
	if (!artifactType) return [...referrers];
	return referrers.filter((r) => r.artifactType === artifactType);
}

/** True when a comma-separated `OCI-Filters-Applied` style list names `filter`. */
export function isFilterApplied(applied: string | null | undefined, filter: string): boolean {
	if (!applied) return false;
	return applied.split(",").some((f) => f.trim() === filter);
}

/**
 * Decodes the `manifests` of a referrers index leniently, as Go's decoder would: entries
 * that are not valid descriptors become `undefined` (bad entries, dropped on the next update).
 */
export function decodeReferrersIndex(raw: Uint8Array, what = "referrers index"): { entries: (Descriptor | undefined)[]; annotations: Record<string, string> } {
	const v = decodeJSONObject(raw, what);
	const list = v.manifests;
	const entries: (Descriptor | undefined)[] = [];
	if (Array.isArray(list)) {
		for (const item of list) {
			try {
				entries.push(parseDescriptor(item, what));
			} catch {
				entries.push(undefined);
			}
		}
	} else if (list !== undefined && list !== null) {
		throw new OrasError("INVALID_MANIFEST", `${what}: manifests must be an array`);
	}
	const annotations: Record<string, string> = {};
	const a = v.annotations;
	if (a && typeof a === "object" && !Array.isArray(a)) {
		for (const [k, val] of Object.entries(a)) if (typeof val === "string") annotations[k] = val;
	}
	return { entries, annotations };
}

/** True when a 404 body names `NAME_UNKNOWN` (the repository is missing, the API state is unknown). */
function isNameUnknown(err: { errors: readonly { code: string }[] }): boolean {
	return err.errors.some((e) => e.code === "NAME_UNKNOWN");
}

/**
 * Lists referrers through the API. UNSUPPORTED when the registry does not serve it
 * (404 not coded NAME_UNKNOWN, or a 200 that is not an image index).
 */
export async function referrersByAPI(ctx: ReferrersContext, desc: Descriptor, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	const digest = parseDigest(desc.digest);
	const out: Descriptor[] = [];
	const what = `referrers of ${digest}`;
	const budget = new PageBudget(ctx.listLimits, what);
	const first = ctx.referrersRequest(digest, opts.artifactType);
	let url: URL | undefined = first.url;
	while (url !== undefined) {
		budget.nextPage();
		const req: HttpRequest = { ...first, url };
		const res = await ctx.transport(req);
		if (res.status === 404) {
			const err = await responseError(req, res);
			if (isNameUnknown(err)) throw new OrasError("NOT_FOUND", `${ctx.repository}: repository not found`, { cause: err });
			throw new OrasError("UNSUPPORTED", `failed to query referrers API: unsupported`, { cause: err });
		}
		if (res.status !== 200) throw await responseError(req, res);
		const ct = mediaTypeOf(res) ?? "";
		if (ct !== MediaType.ImageIndex) {
			discardBody(res);
			throw new OrasError("UNSUPPORTED", `unknown content returned (${ct}), expecting image index: unsupported`);
		}
		const raw = await readSmallBody(res.body, ctx.maxMetadataBytes, what);
		budget.addBytes(raw.length);
		const { entries, annotations } = decodeReferrersIndex(raw, what);
		let referrers = entries.filter((e): e is Descriptor => e !== undefined);
		if (opts.artifactType) {
			const applied = isFilterApplied(res.headers.get("oci-filters-applied"), "artifactType") || isFilterApplied(annotations[Annotation.ReferrersFiltersApplied], "artifactType");
			if (!applied) referrers = filterReferrers(referrers, opts.artifactType);
		}
		out.push(...referrers);
		checkReferrerCount(ctx, out.length, what);
		url = parseNextLink(res.headers.get("link"), req.url);
	}
	return out;
}

/** SIZE_EXCEEDS_LIMIT when one manifest has more referrers than `ListLimits.maxReferrers`. */
function checkReferrerCount(ctx: ReferrersContext, n: number, what: string): void {
	const max = ctx.listLimits?.maxReferrers ?? MAX_REFERRERS;
	if (n > max) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${what}: more than ${max} referrers (referrer limit)`);
}

/** Reads the tag-schema index of `subject`: its descriptor and entries (NOT_FOUND when there is none). */
export async function referrersFromIndex(ctx: ReferrersContext, tag: string): Promise<{ desc: Descriptor; entries: (Descriptor | undefined)[] }> {
	const { desc, body } = await ctx.fetchReference(tag);
	const raw = await readAllLimited(body, ctx.maxMetadataBytes, `referrers index ${tag}`);
	try {
		return { desc, entries: decodeReferrersIndex(raw).entries };
	} catch (err) {
		throw new OrasError("INVALID_MANIFEST", `failed to decode referrers index from referrers tag ${tag}: ${(err as Error).message}`, { cause: err });
	}
}

/** Lists referrers from the tag schema (none when the tag does not exist). */
export async function referrersByTagSchema(ctx: ReferrersContext, desc: Descriptor, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	const tag = referrersTagOf(parseDigest(desc.digest));
	try {
		const { entries } = await referrersFromIndex(ctx, tag);
		const found = filterReferrers(
			entries.filter((e): e is Descriptor => e !== undefined),
			opts.artifactType,
		);
		checkReferrerCount(ctx, found.length, `referrers index ${tag}`);
		return found;
	} catch (err) {
		if (OrasError.is(err) && err.code === "NOT_FOUND") return [];
		throw err;
	}
}

/**
 * Referrers of `desc` in `repo` (oras-go's `Repository.Referrers`): the tag schema when the
 * API is known to be missing, else the API; an unknown state is settled by the first answer.
 */
export async function listReferrers(ctx: ReferrersContext, desc: Descriptor, opts: ReferrersOptions = {}): Promise<Descriptor[]> {
	const state = ctx.state();
	if (state === "unsupported") return referrersByTagSchema(ctx, desc, opts);
	if (state === "supported") return referrersByAPI(ctx, desc, opts);
	try {
		const result = await referrersByAPI(ctx, desc, opts);
		ctx.setState("supported");
		return result;
	} catch (err) {
		if (OrasError.is(err) && err.code === "UNSUPPORTED") {
			ctx.setState("unsupported");
			return referrersByTagSchema(ctx, desc, opts);
		}
		throw err;
	}
}

/**
 * Whether the referrers API is there: answered from the known state, else by
 * `GET /v2/<repo>/referrers/sha256:000…0` (once per repository at a time).
 */
export async function pingReferrers(ctx: ReferrersContext): Promise<boolean> {
	if (ctx.state() !== "unknown") return ctx.state() === "supported";
	return ctx.pingOnce(async () => {
		const req = ctx.referrersRequest(REFERRERS_PING_DIGEST);
		const res = await ctx.transport(req);
		if (res.status === 200) {
			discardBody(res);
			const supported = mediaTypeOf(res) === MediaType.ImageIndex;
			ctx.setState(supported ? "supported" : "unsupported");
			return ctx.state() === "supported";
		}
		if (res.status === 404) {
			const err = await responseError(req, res);
			if (isNameUnknown(err)) throw new OrasError("NOT_FOUND", `${ctx.repository}: repository not found`, { cause: err });
			ctx.setState("unsupported");
			return ctx.state() === "supported";
		}
		throw await responseError(req, res);
	});
}

export type ReferrerOperation = "add" | "remove";

export interface ReferrerChange {
	readonly referrer: Descriptor;
	readonly operation: ReferrerOperation;
}

const keyOf = (d: Descriptor): string => `${d.mediaType}\u0000${d.digest}\u0000${d.size}`;

/**
 * Applies changes to index entries (oras-go's applyReferrerChanges): bad and duplicate
 * entries (key mediaType+digest+size) are dropped, adds of present entries and removes of
 * absent ones do nothing. Returns undefined when the result is the same set as before.
 */
export function applyReferrerChanges(referrers: readonly (Descriptor | undefined)[], changes: readonly ReferrerChange[]): Descriptor[] | undefined {
	const positions = new Map<string, number>();
	const updated: (Descriptor | undefined)[] = [];
	let updateRequired = false;
	for (const r of referrers) {
		if (r === undefined || (r.mediaType === "" && r.size === 0)) {
			updateRequired = true;
			continue;
		}
		const key = keyOf(r);
		if (positions.has(key)) {
			updateRequired = true;
			continue;
		}
		updated.push(r);
		positions.set(key, updated.length - 1);
	}
	for (const change of changes) {
		const key = keyOf(change.referrer);
		if (change.operation === "add") {
			if (!positions.has(key)) {
				updated.push(change.referrer);
				positions.set(key, updated.length - 1);
			}
		} else {
			const pos = positions.get(key);
			if (pos !== undefined) {
				updated[pos] = undefined;
				positions.delete(key);
			}
		}
	}
	if (!updateRequired && positions.size === referrers.length) {
		const same = referrers.every((r) => r !== undefined && positions.has(keyOf(r)));
		if (same) return undefined;
	}
	return updated.filter((d): d is Descriptor => d !== undefined);
}

/**
 * Applies one change to the tag-schema index of `subject`: read the `<alg>-<hex>` index,
 * apply, and when something changed push the new index to the tag (and, unless `skipGC`,
 * delete the superseded one). Updates of one tag are serialized (`ctx.serialize`) so
 * concurrent attaches merge.
 */
export async function updateReferrersIndex(ctx: ReferrersContext, subject: Descriptor, change: ReferrerChange): Promise<void> {
	const tag = referrersTagOf(parseDigest(subject.digest));
	await ctx.serialize(tag, () => applyIndexChange(ctx, tag, change));
}

async function applyIndexChange(ctx: ReferrersContext, tag: string, change: ReferrerChange): Promise<void> {
	let oldDesc: Descriptor | undefined;
	let oldEntries: (Descriptor | undefined)[] = [];
	try {
		const found = await referrersFromIndex(ctx, tag);
		oldDesc = found.desc;
		oldEntries = found.entries;
	} catch (err) {
		if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
	}
	const updated = applyReferrerChanges(oldEntries, [change]);
	if (updated === undefined) return;
	let newDigest: string | undefined;
	if (updated.length > 0 || ctx.skipGC) {
		const packed = encodeReferrersIndex(updated);
		await ctx.pushIndex(packed.desc, packed.bytes, tag);
		newDigest = packed.desc.digest;
	}
	if (ctx.skipGC || oldDesc === undefined || oldDesc.digest === newDigest) return;
	try {
		await ctx.deleteManifest(oldDesc);
	} catch (err) {
		// A registry that refuses deletes (405) or already lost it keeps the untagged index.
		if (OrasError.is(err) && (err.code === "NOT_FOUND" || err.code === "UNSUPPORTED" || (err as { status?: number }).status === 405)) return;
		throw new OrasError("REGISTRY_ERROR", `failed to delete dangling referrers index ${oldDesc.digest} for referrers tag ${tag}: ${(err as Error).message}`, {
			cause: err,
		});
	}
}

/** `{"schemaVersion":2,"mediaType":"…index.v1+json","manifests":[…]}` in Go's JSON encoding, the bytes oras writes for the referrers tag schema. */
export function encodeReferrersIndex(manifests: readonly Descriptor[]): { desc: Descriptor; bytes: Uint8Array } {
	const bytes = new TextEncoder().encode(encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests }));
	return { desc: { mediaType: MediaType.ImageIndex, digest: digestOf(bytes), size: bytes.byteLength }, bytes };
}

/**
 * The subject of manifest bytes and the index entry describing the manifest: its
 * mediaType/digest/size with the manifest's artifactType (else, for an image manifest,
 * the config media type) and annotations. Undefined when it has no subject.
 */
export function referrerEntryOf(desc: Descriptor, raw: Uint8Array): { subject: Descriptor; entry: Descriptor } | undefined {
	if (!canHaveSubject(desc.mediaType)) return undefined;
	const p = parseManifest(raw, desc.mediaType);
	const subject = subjectOf(p);
	if (subject === undefined) return undefined;
	return { subject, entry: referrerDescriptorOf({ mediaType: desc.mediaType, digest: desc.digest, size: desc.size }, p) };
}

/** Content the registry took but that does not parse as its media type has no subject to index. */
function entryOrUndefined(desc: Descriptor, raw: Uint8Array): ReturnType<typeof referrerEntryOf> {
	try {
		return referrerEntryOf(desc, raw);
	} catch {
		return undefined;
	}
}

/** After a manifest PUT without `OCI-Subject`: mark the API missing and add the tag-schema entry. */
export async function indexReferrersForPush(ctx: ReferrersContext, desc: Descriptor, raw: Uint8Array): Promise<void> {
	const found = entryOrUndefined(desc, raw);
	if (found === undefined) return;
	ctx.setState("unsupported");
	if (ctx.state() === "supported") return;
	await updateReferrersIndex(ctx, found.subject, { referrer: found.entry, operation: "add" });
}

/** After deleting a manifest: ping the API (unless known) and remove the tag-schema entry if it is missing. */
export async function indexReferrersForDelete(ctx: ReferrersContext, desc: Descriptor, raw: Uint8Array): Promise<void> {
	const found = entryOrUndefined(desc, raw);
	if (found === undefined) return;
	if (await pingReferrers(ctx)) return;
	await updateReferrersIndex(ctx, found.subject, { referrer: found.entry, operation: "remove" });
}
