/**
 * Paginated list endpoints (`/v2/<repo>/tags/list`, `/v2/_catalog`): pages are followed
 * through same-origin `Link: <...>; rel="next"` headers; each body is capped at 4 MiB.
 */
import { OrasError } from "../errors.js";
import { Budget } from "../oci/budget.js";
import { parseJSON } from "../oci/json.js";
import { MAX_MANIFEST_BYTES } from "../oci/manifest.js";
import { responseError } from "./errors.js";
import { parseNextLink } from "./link.js";
import { readSmallBody } from "./transport/body.js";
import type { HttpRequest, Transport } from "./transport/types.js";
import { HeaderMap } from "./transport/headers.js";

/** Default bound on the pages of one listing followed through `Link` headers. */
export const MAX_LIST_PAGES = 10_000;
/** Default bound on the bytes of all pages of one listing together. */
export const MAX_LIST_BYTES = 64 * 1024 * 1024;
/** Default bound on the referrers of one manifest (a referrers walk has its own, `MAX_REFERRER_NODES` in graph/referrers.ts). */
export const MAX_REFERRERS = 10_000;

/**
 * Bounds on what a registry can make one listing cost: a registry that answers every page
 * with `Link: next`, or pages of 4 MiB, is stopped with one error naming the bound.
 */
export interface ListLimits {
	/** Pages followed through `Link` headers (tags, catalog, referrers; default 10,000). */
	readonly maxPages?: number;
	/** Bytes of all pages of one listing together (default 64 MiB; each page is also capped at 4 MiB). */
	readonly maxBytes?: number;
	/** Referrers of one manifest (default 10,000); a walk is bounded by `ReferrerWalkLimits.maxNodes`. */
	readonly maxReferrers?: number;
}

/** Counts the pages and bytes of one listing against its `ListLimits`. */
export class PageBudget extends Budget {
	constructor(limits: ListLimits | undefined, what: string) {
		super({
			maxItems: limits?.maxPages ?? MAX_LIST_PAGES,
			maxBytes: limits?.maxBytes ?? MAX_LIST_BYTES,
			tooMany: (max) => `${what}: the registry sent more than ${max} pages (page limit)`,
			tooLarge: (max, pages) => `${what}: the registry sent more than ${max} bytes in ${pages} pages (list size limit)`,
		});
	}

	/** Before requesting a page (then `addBytes` after reading it). */
	nextPage(): void {
		this.addItems(1);
	}
}

export type ListField = "tags" | "repositories";

/** Decodes `{"<field>": [...]}`; a missing or null list is empty. */
export function parseListBody(raw: Uint8Array, field: ListField, url: URL): string[] {
	const v = parseJSON(raw, `GET "${url.href}": ${field} list`, "REGISTRY_ERROR");
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
	/** Bounds on pages and bytes (defaults: `MAX_LIST_PAGES`, `MAX_LIST_BYTES`). */
	readonly limits?: ListLimits;
	/** Names the listing in errors. */
	readonly what?: string;
}

export async function* listPages(o: ListPagesOptions): AsyncGenerator<string> {
	let url: URL | undefined = o.first;
	const budget = new PageBudget(o.limits, o.what ?? `${o.field} list`);
	while (url !== undefined) {
		budget.nextPage();
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
		const raw = await readSmallBody(res.body, MAX_MANIFEST_BYTES, `${o.field} list`);
		budget.addBytes(raw.length);
		for (const e of parseListBody(raw, o.field, req.url)) yield e;
		url = parseNextLink(res.headers.get("link"), res.url);
	}
}
