/**
 * Paginated list endpoints (`/v2/<repo>/tags/list`, `/v2/_catalog`): pages are followed
 * through same-origin `Link: <...>; rel="next"` headers; each body is capped at 4 MiB.
 */
import { readAllLimited } from "../content/verify.js";
import { OrasError } from "../errors.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { responseError } from "./errors.js";
import { parseNextLink } from "./link.js";
import type { HttpRequest, Transport } from "./transport/types.js";
import { HeaderMap } from "./transport/headers.js";

/** Upper bound on pages followed through `Link` headers. */
export const MAX_LIST_PAGES = 100_000;

export type ListField = "tags" | "repositories";

/** Decodes `{"<field>": [...]}`; a missing or null list is empty. */
export function parseListBody(raw: Uint8Array, field: ListField, url: URL): string[] {
	let v: unknown;
	try {
		v = JSON.parse(Buffer.from(raw).toString("utf8"));
	} catch (err) {
		throw new OrasError("REGISTRY_ERROR", `GET "${url.href}": invalid JSON in ${field} list`, { cause: err });
	}
	const list = (v as Record<string, unknown> | null)?.[field];
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) throw new OrasError("REGISTRY_ERROR", `GET "${url.href}": ${field} is not a list`);
	return list.filter((x): x is string => typeof x === "string");
}

export interface ListPagesOptions {
	readonly transport: Transport;
	readonly first: URL;
	readonly field: ListField;
	readonly scopes: readonly string[];
	readonly signal?: AbortSignal | undefined;
	/** Turns a 404 into a friendlier error. */
	readonly onNotFound?: (cause: Error) => Error;
	/** Extra hint for 401/403 errors. */
	readonly hint?: (status: number) => string | undefined;
}

export async function* listPages(o: ListPagesOptions): AsyncGenerator<string> {
	let url: URL | undefined = o.first;
	for (let page = 0; url !== undefined; page++) {
		if (page >= MAX_LIST_PAGES) throw new OrasError("REGISTRY_ERROR", `stopped after ${MAX_LIST_PAGES} pages of ${o.first.href}`);
		const req: HttpRequest = {
			method: "GET",
			url,
			headers: new HeaderMap({ accept: "application/json" }),
			scopes: o.scopes,
			...(o.signal ? { signal: o.signal } : {}),
		};
		const res = await o.transport(req);
		if (res.status !== 200) {
			const hint = o.hint?.(res.status);
			const err = await responseError(req, res, hint ? { hint } : undefined);
			throw res.status === 404 && o.onNotFound ? o.onNotFound(err) : err;
		}
		const raw = await readAllLimited(res.body, MAX_MANIFEST_BYTES, `${o.field} list`);
		for (const e of parseListBody(raw, o.field, req.url)) yield e;
		url = parseNextLink(res.headers.get("link"), res.url);
	}
}
