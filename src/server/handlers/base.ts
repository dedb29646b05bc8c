/** `/v2/` (API version check) and `/v2/_catalog`. */
import { httpError } from "../errors.js";
import { nextLink, paginate } from "../protocol.js";
import { type Exchange, JSON_TYPE, pageSize, type ResourceHandler, send } from "./http.js";

function readOnlyMethod(ex: Exchange): void {
	if (ex.method !== "GET" && !ex.head) throw httpError(405, "UNSUPPORTED", `method ${ex.method} not allowed`);
}

export const base: ResourceHandler = async (_storage, ex) => {
	readOnlyMethod(ex);
	send(ex.res, 200, { "Content-Type": JSON_TYPE }, "{}", ex.head);
};

export const catalog: ResourceHandler = async (storage, ex) => {
	readOnlyMethod(ex);
	const n = pageSize(ex.url);
	const page = paginate(await storage.repos.list(), n, ex.url.searchParams.get("last") ?? undefined);
	const headers: Record<string, string> = { "Content-Type": JSON_TYPE };
	if (page.next !== undefined && n !== undefined) headers.Link = nextLink("/v2/_catalog", n, page.next);
	send(ex.res, 200, headers, JSON.stringify({ repositories: page.items }), ex.head);
};
