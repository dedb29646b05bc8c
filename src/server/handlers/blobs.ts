/** `/v2/<name>/blobs/<digest>`: GET and HEAD (with `Range`), DELETE. */
import { OrasError } from "../../errors.js";
import { MediaType } from "../../oci/mediatypes.js";
import { httpError } from "../errors.js";
import { parseRange } from "../protocol.js";
import { sendRange } from "../send-range.js";
import { notAllowed, requireDigest, type ResourceHandler, send } from "./http.js";

export const blobs: ResourceHandler = async (storage, ex) => {
	const digest = requireDigest(ex.ref);
	const unknown = () => httpError(404, "BLOB_UNKNOWN", `blob ${digest} is not known to the repository`, { digest });
	const store = await storage.repos.get(ex.name);
	if (ex.method === "GET" || ex.head) {
		const size = await store?.blobSize(digest);
		if (!store || size === undefined) throw unknown();
		const range = parseRange(ex.req.headers.range, size);
		if (range.kind === "unsatisfiable") {
			throw httpError(416, "BLOB_UNKNOWN", `range ${ex.req.headers.range} is not satisfiable for ${size} bytes`, { size }, { "Content-Range": `bytes */${size}` });
		}
		const partial = range.kind === "partial";
		const start = partial ? range.start : 0;
		const end = partial ? range.end : size - 1;
		const length = size === 0 ? 0 : end - start + 1;
		const { res } = ex;
		res.statusCode = partial ? 206 : 200;
		res.setHeader("Content-Type", MediaType.OctetStream);
		res.setHeader("Docker-Content-Digest", digest);
		res.setHeader("Accept-Ranges", "bytes");
		res.setHeader("ETag", `"${digest}"`);
		res.setHeader("Cache-Control", "max-age=31536000");
		if (partial) res.setHeader("Content-Range", `bytes ${start}-${end}/${size}`);
		res.setHeader("Content-Length", length);
		if (ex.head || length === 0) {
			res.end();
			return;
		}
		const reader = await store.openRange({ mediaType: MediaType.OctetStream, digest, size }, start, end);
		try {
			await sendRange(reader, res);
		} finally {
			await reader.close();
		}
		return;
	}
	if (ex.method === "DELETE") {
		// a manifest deleted this way also leaves the index
		const size = await store?.blobSize(digest);
		if (!store || size === undefined) throw unknown();
		try {
			await store.delete((await store.resolveManifest(digest)) ?? { mediaType: MediaType.OctetStream, digest, size });
		} catch (err) {
			if (OrasError.is(err) && err.code === "NOT_FOUND") throw unknown();
			throw err;
		}
		send(ex.res, 202, {});
		return;
	}
	throw notAllowed(ex.method);
};
