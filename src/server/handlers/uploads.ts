/**
 * `/v2/<name>/blobs/uploads/` (POST: open a session, monolithic `?digest=`, cross-repository
 * `?mount=&from=`) and `/v2/<name>/blobs/uploads/<uuid>` (GET/HEAD status, PATCH, PUT, DELETE).
 * The sessions are uploads.ts; a finished upload is moved into the repository's layout store.
 */
import type { Digest } from "../../oci/digest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { httpError, RegistryHttpError } from "../errors.js";
import { parseContentRange, repositoryNameProblem, uploadRange } from "../protocol.js";
import type { RegistryStorage } from "../registry-storage.js";
import type { ChunkRange } from "../uploads.js";
import { type Exchange, hasBody, notAllowed, requireDigest, type ResourceHandler, send } from "./http.js";

const uploadHeaders = (name: string, uuid: string, size: number): Record<string, string> => ({
	Location: `/v2/${name}/blobs/uploads/${uuid}`,
	Range: uploadRange(size),
	"Docker-Upload-UUID": uuid,
});

const blobCreated = (ex: Exchange, digest: Digest): void => send(ex.res, 201, { Location: `/v2/${ex.name}/blobs/${digest}`, "Docker-Content-Digest": digest });

/** Finishes an upload into the repository (created when missing). */
function finish(storage: RegistryStorage, name: string, uuid: string, digest: Digest, body?: Exchange["req"], range?: ChunkRange): Promise<number> {
	const commit = async (file: string, size: number): Promise<void> => {
		const store = await storage.repos.create(name);
		await store.adoptBlob({ mediaType: MediaType.OctetStream, digest, size }, file, "move");
	};
	return storage.uploads.finish(name, uuid, digest, commit, body, range);
}

export const startUpload: ResourceHandler = async (storage, ex) => {
	if (ex.method !== "POST") throw notAllowed(ex.method);
	const { url, name } = ex;
	const mount = url.searchParams.get("mount");
	const from = url.searchParams.get("from");
	if (mount !== null) {
		const digest = requireDigest(mount, "mount digest");
		if (from !== null && repositoryNameProblem(from) === undefined && (await storage.repos.mount(name, from, digest))) {
			blobCreated(ex, digest);
			return;
		}
		// not mountable: an ordinary upload session (the client pushes the content)
	}
	const digestParam = url.searchParams.get("digest");
	if (digestParam !== null && mount === null) {
		const digest = requireDigest(digestParam);
		const uuid = await storage.uploads.start(name, ex.client);
		try {
			await finish(storage, name, uuid, digest, ex.req);
		} catch (err) {
			await storage.uploads.cancel(name, uuid).catch(() => undefined);
			throw err;
		}
		blobCreated(ex, digest);
		return;
	}
	const uuid = await storage.uploads.start(name, ex.client);
	send(ex.res, 202, uploadHeaders(name, uuid, 0));
};

export const upload: ResourceHandler = async (storage, ex) => {
	const { req, name, ref: uuid, method } = ex;
	const sessions = storage.uploads;
	if (method === "GET" || method === "HEAD") {
		send(ex.res, 204, uploadHeaders(name, uuid, await sessions.size(name, uuid)));
		return;
	}
	if (method === "DELETE") {
		await sessions.cancel(name, uuid);
		send(ex.res, 204, {});
		return;
	}
	if (method !== "PATCH" && method !== "PUT") throw notAllowed(method);
	const crHeader = req.headers["content-range"];
	const range = crHeader === undefined ? undefined : parseContentRange(crHeader);
	try {
		if (crHeader !== undefined && !range) throw httpError(416, "BLOB_UPLOAD_INVALID", `invalid Content-Range ${JSON.stringify(crHeader)}`);
		const declared = req.headers["content-length"];
		if (range && declared !== undefined && Number(declared) !== range.end - range.start + 1) {
			throw httpError(416, "BLOB_UPLOAD_INVALID", `Content-Length ${declared} does not match Content-Range ${crHeader}`);
		}
		if (method === "PATCH") {
			const size = await sessions.append(name, uuid, req, range);
			send(ex.res, 202, uploadHeaders(name, uuid, size));
			return;
		}
		const digest = requireDigest(ex.url.searchParams.get("digest"));
		await finish(storage, name, uuid, digest, hasBody(req) ? req : undefined, range);
		blobCreated(ex, digest);
	} catch (err) {
		if (err instanceof RegistryHttpError && err.status === 416) {
			// tell the client where the upload really is
			const size = await sessions.size(name, uuid).catch(() => undefined);
			if (size !== undefined) throw httpError(416, err.code, err.message, err.detail, { ...uploadHeaders(name, uuid, size) });
		}
		throw err;
	}
};
