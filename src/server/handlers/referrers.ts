/**
 * `GET /v2/<name>/referrers/<digest>[?artifactType=]`: an image index of the manifests whose subject
 * is the digest, from the layout store's predecessor graph (no manifest is read per request).
 */
import { encodeIndex } from "../../oci/json.js";
import { MediaType } from "../../oci/mediatypes.js";
import { notAllowed, requireDigest, type ResourceHandler, send } from "./http.js";

export const referrers: ResourceHandler = async (storage, ex) => {
	if (ex.method !== "GET" && !ex.head) throw notAllowed(ex.method);
	const digest = requireDigest(ex.ref);
	const artifactType = ex.url.searchParams.get("artifactType") || undefined;
	const store = await storage.repos.get(ex.name);
	const list = store ? await store.referrerDescriptors(digest, { artifactType }) : [];
	const headers: Record<string, string> = { "Content-Type": MediaType.ImageIndex };
	if (artifactType) headers["OCI-Filters-Applied"] = "artifactType";
	send(ex.res, 200, headers, encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: list }), ex.head);
};
