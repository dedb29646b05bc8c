/** `GET /v2/<name>/tags/list`: the repository's tags, sorted, paginated with `n` and `last`. */
import { isValidTag } from "../../oci/reference.js";
import { compareNames, nextLink, paginate } from "../protocol.js";
import { JSON_TYPE, notAllowed, pageSize, type ResourceHandler, send } from "./http.js";

export const tags: ResourceHandler = async (storage, ex) => {
	if (ex.method !== "GET" && !ex.head) throw notAllowed(ex.method);
	const store = await storage.repos.require(ex.name);
	const n = pageSize(ex.url);
	// a layout written by other tools may hold ref names that are not tags: those are not listed
	const all: string[] = [];
	for await (const t of store.tags()) if (isValidTag(t)) all.push(t);
	const page = paginate(all.sort(compareNames), n, ex.url.searchParams.get("last") ?? undefined);
	const headers: Record<string, string> = { "Content-Type": JSON_TYPE };
	if (page.next !== undefined && n !== undefined) headers.Link = nextLink(`/v2/${ex.name}/tags/list`, n, page.next);
	send(ex.res, 200, headers, JSON.stringify({ name: ex.name, tags: page.items }), ex.head);
};
