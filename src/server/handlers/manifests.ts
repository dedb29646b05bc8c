/**
 * `/v2/<name>/manifests/<reference>`: GET/HEAD by tag or digest (a manifest present only as a blob
 * too), PUT (validated; every blob and child manifest it references must be in the repository
 * first, as distribution requires), DELETE by digest (the manifest and its tags) or by tag (the
 * tag only).
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { readAllVerified } from "../../content/verify.js";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { algorithmOf, type Digest, digestOf, isDigest } from "../../oci/digest.js";
import { MAX_MANIFEST_BYTES, type ParsedManifest, parseDeclaredManifest, parseManifest, subjectOf } from "../../oci/manifest.js";
import { isForeignLayer, isManifestMediaType, mediaTypeOfContentType } from "../../oci/mediatypes.js";
import { isValidTag } from "../../oci/reference.js";
import type { OciLayoutStore } from "../../content/oci-layout/index.js";
import { httpError } from "../errors.js";
import { type Exchange, notAllowed, requireDigest, type ResourceHandler, send } from "./http.js";

/** A malformed digest is 400 DIGEST_INVALID; an invalid tag is 400 MANIFEST_INVALID, except for reads (the spec allows only 404 there). */
function checkReference(ref: string, method: string): void {
	if (ref.includes(":")) requireDigest(ref);
	else if (!isValidTag(ref)) {
		if (method === "GET" || method === "HEAD") throw httpError(404, "MANIFEST_UNKNOWN", `manifest ${JSON.stringify(ref)} is not known to the repository`, { reference: ref });
		throw httpError(400, "MANIFEST_INVALID", `invalid tag ${JSON.stringify(ref)}`, { tag: ref });
	}
}

/** Media types compare case-insensitively (RFC 9110); they are stored lower-case. */
function mediaTypeOf(header: string | undefined): string {
	return mediaTypeOfContentType(header).toLowerCase();
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

/** The manifest of a PUT, decoded once: of its `Content-Type`, else of the `mediaType` its JSON declares. */
function parsePut(ex: Exchange, raw: Buffer): ParsedManifest {
	const header = mediaTypeOf(ex.req.headers["content-type"]);
	let parsed: ParsedManifest | undefined;
	try {
		parsed = isManifestMediaType(header) ? parseManifest(raw, header) : parseDeclaredManifest(raw, isManifestMediaType);
	} catch (err) {
		throw httpError(400, "MANIFEST_INVALID", `manifest invalid: ${(err as Error).message}`);
	}
	if (!parsed) throw httpError(400, "MANIFEST_INVALID", `unsupported manifest media type ${JSON.stringify(ex.req.headers["content-type"] ?? "")}`);
	return parsed;
}

/** MANIFEST_BLOB_UNKNOWN unless every blob and child manifest of `parsed` is in the repository (foreign layers with URLs excepted). */
async function requireReferenced(store: OciLayoutStore | undefined, parsed: ParsedManifest): Promise<void> {
	const blobs: Descriptor[] = [];
	const manifests: Descriptor[] = [];
	if (parsed.kind === "manifest") blobs.push(parsed.manifest.config, ...parsed.manifest.layers);
	else if (parsed.kind === "artifact") blobs.push(...parsed.artifact.blobs);
	else manifests.push(...parsed.index.manifests);
	for (const d of blobs) {
		if (isForeignLayer(d.mediaType) && d.urls && d.urls.length > 0) continue;
		if ((await store?.blobSize(d.digest)) === undefined) {
			throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `manifest references blob ${d.digest} unknown to the repository`, { digest: d.digest });
		}
	}
	for (const d of manifests) {
		if ((await store?.blobSize(d.digest)) === undefined) {
			throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `index references manifest ${d.digest} unknown to the repository`, { digest: d.digest });
		}
	}
}

async function getManifest(store: OciLayoutStore, ex: Exchange): Promise<void> {
	const unknown = () => httpError(404, "MANIFEST_UNKNOWN", `manifest ${ex.ref} is not known to the repository`, { reference: ex.ref });
	const desc = await store.resolveManifest(ex.ref);
	if (!desc || desc.size > MAX_MANIFEST_BYTES) throw unknown();
	let raw: Buffer;
	try {
		raw = await readAllVerified(await store.fetch(desc), desc);
	} catch (err) {
		if (OrasError.is(err) && err.code === "NOT_FOUND") throw unknown();
		throw err;
	}
	send(ex.res, 200, { "Content-Type": desc.mediaType, "Docker-Content-Digest": desc.digest, ETag: `"${desc.digest}"` }, raw, ex.head);
}

async function putManifest(create: () => Promise<OciLayoutStore>, existing: OciLayoutStore | undefined, ex: Exchange): Promise<void> {
	const raw = await readBody(ex.req, MAX_MANIFEST_BYTES);
	const parsed = parsePut(ex, raw);
	const { mediaType } = parsed;
	const byDigest = isDigest(ex.ref);
	const digest = byDigest ? digestOf(raw, algorithmOf(ex.ref as Digest)) : digestOf(raw);
	if (byDigest && digest !== ex.ref) {
		throw httpError(400, "DIGEST_INVALID", `manifest digest ${digest} does not match the reference ${ex.ref}`, { digest: ex.ref, got: digest });
	}
	await requireReferenced(existing, parsed);
	const target = existing ?? (await create());
	const desc: Descriptor = { mediaType, digest, size: raw.length };
	if (byDigest) await target.push(desc, Readable.from([raw]));
	else await target.pushTagged(desc, Readable.from([raw]), ex.ref);
	const headers: Record<string, string> = { Location: `/v2/${ex.name}/manifests/${digest}`, "Docker-Content-Digest": digest };
	const subject = subjectOf(parsed);
	if (subject) headers["OCI-Subject"] = subject.digest;
	send(ex.res, 201, headers);
}

async function deleteManifest(store: OciLayoutStore, ex: Exchange): Promise<void> {
	const { ref } = ex;
	try {
		if (!isDigest(ref)) {
			await store.untag(ref);
		} else {
			const desc = await store.resolveManifest(ref);
			if (!desc) throw new OrasError("NOT_FOUND", `${ref}: not found`);
			await store.delete(desc);
		}
	} catch (err) {
		if (OrasError.is(err) && err.code === "NOT_FOUND") {
			const what = isDigest(ref) ? `manifest ${ref}` : `tag ${JSON.stringify(ref)}`;
			throw httpError(404, "MANIFEST_UNKNOWN", `${what} is not known to the repository`);
		}
		throw err;
	}
	send(ex.res, 202, {});
}

export const manifests: ResourceHandler = async (storage, ex) => {
	checkReference(ex.ref, ex.method);
	switch (ex.method) {
		case "GET":
		case "HEAD":
			return getManifest(await storage.repos.require(ex.name), ex);
		case "PUT":
			return putManifest(() => storage.repos.create(ex.name), await storage.repos.get(ex.name), ex);
		case "DELETE":
			return deleteManifest(await storage.repos.require(ex.name), ex);
		default:
			throw notAllowed(ex.method);
	}
};
