/** What every resource handler of the registry server shares: the exchange and small HTTP helpers. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Digest, parseDigest } from "../../oci/digest.js";
import { httpError, type RegistryHttpError } from "../errors.js";
import { parsePageSize } from "../protocol.js";
import type { RegistryStorage } from "../registry-storage.js";

export const JSON_TYPE = "application/json";

/** One request as the handlers see it: `name` and `ref` come from the route (`ref` is "" when the route has none). */
export interface Exchange {
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	readonly url: URL;
	readonly method: string;
	readonly head: boolean;
	/** The key of per-client bounds (upload sessions): the remote address. */
	readonly client: string;
	readonly name: string;
	readonly ref: string;
}

/** A handler of one resource (`/v2/<name>/blobs/<digest>`, …). */
export type ResourceHandler = (storage: RegistryStorage, ex: Exchange) => Promise<void>;

export function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer, head = false): void {
	const data = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body, "utf8") : body;
	res.statusCode = status;
	for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
	res.setHeader("Content-Length", data?.length ?? 0);
	if (data && !head) res.end(data);
	else res.end();
}

export function sendError(res: ServerResponse, err: RegistryHttpError, head: boolean): void {
	send(res, err.status, { "Content-Type": JSON_TYPE, ...err.headers }, err.body(), head);
}

export function notAllowed(method: string): RegistryHttpError {
	return httpError(405, "UNSUPPORTED", `method ${method} not allowed here`);
}

/** `?n=` of a paginated list (400 when not a non-negative integer). */
export function pageSize(url: URL): number | undefined {
	const n = parsePageSize(url.searchParams.get("n"));
	if (Number.isNaN(n)) throw httpError(400, "UNSUPPORTED", `invalid page size n=${JSON.stringify(url.searchParams.get("n"))}`);
	return n;
}

/** Validates a digest from a URL or query (DIGEST_INVALID 400). */
export function requireDigest(value: string | null | undefined, what = "digest"): Digest {
	if (value === null || value === undefined || value === "") throw httpError(400, "DIGEST_INVALID", `missing ${what}`);
	try {
		return parseDigest(value);
	} catch (err) {
		throw httpError(400, "DIGEST_INVALID", `invalid ${what}: ${(err as Error).message}`, { digest: value });
	}
}

export function hasBody(req: IncomingMessage): boolean {
	const len = req.headers["content-length"];
	if (len !== undefined) return Number(len) > 0;
	return req.headers["transfer-encoding"] !== undefined;
}
