/**
 * Registry error responses (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes): body `{"errors":[{code,message,detail}]}`
 * read up to 8 KiB, rendered `<code lower-cased, _→space>: <message>` joined by `; `.
 */
import { STATUS_CODES } from "node:http";
import { OrasError, type OrasErrorCode } from "../errors.js";
import { parseJSON } from "../oci/json.js";
import { redactURL } from "./transport/middleware.js";
import { readSmallBody } from "./transport/body.js";
import type { HttpRequest, HttpResponse } from "./transport/types.js";

export const MAX_ERROR_BODY_BYTES = 8 * 1024;

export interface RegistryErrorEntry {
	readonly code: string;
	readonly message: string;
	readonly detail?: unknown;
}

export function renderRegistryError(e: RegistryErrorEntry): string {
	const code = e.code.replace(/_/g, " ").toLowerCase();
	return e.message === "" ? code : `${code}: ${e.message}`;
}

export function renderRegistryErrors(errors: readonly RegistryErrorEntry[]): string {
	return errors.map(renderRegistryError).join("; ");
}

/** Decodes a registry error body; anything that is not the expected shape yields []. */
export function parseErrorBody(body: Uint8Array | string): RegistryErrorEntry[] {
	let v: unknown;
	try {
		v = parseJSON(body, "error body");
	} catch {
		return [];
	}
	const list = (v as { errors?: unknown } | null)?.errors;
	if (!Array.isArray(list)) return [];
	const out: RegistryErrorEntry[] = [];
	for (const item of list) {
		if (typeof item !== "object" || item === null) continue;
		const { code, message, detail } = item as Record<string, unknown>;
		if (typeof code !== "string" && typeof message !== "string") continue;
		const entry: { code: string; message: string; detail?: unknown } = {
			code: typeof code === "string" ? code : "",
			message: typeof message === "string" ? message : "",
		};
		if (detail !== undefined) entry.detail = detail;
		out.push(entry);
	}
	return out;
}

export function codeForStatus(status: number): OrasErrorCode {
	if (status === 401) return "UNAUTHORIZED";
	if (status === 403) return "FORBIDDEN";
	if (status === 404) return "NOT_FOUND";
	return "REGISTRY_ERROR";
}

/** An unexpected registry reply. `message` is the short form; `fullMessage` names method, URL and status. */
export class RegistryResponseError extends OrasError {
	readonly method: string;
	readonly url: string;
	readonly status: number;
	readonly errors: readonly RegistryErrorEntry[];

	constructor(
		method: string,
		url: string,
		status: number,
		errors: readonly RegistryErrorEntry[],
		options?: ErrorOptions & { hint?: string; code?: OrasErrorCode; detail?: string },
	) {
		let text = errors.length > 0 ? renderRegistryErrors(errors) : `response status code ${status}: ${(STATUS_CODES[status] ?? "unknown").toLowerCase()}`;
		if (options?.detail) text += ` (${options.detail})`;
		super(options?.code ?? codeForStatus(status), text, options);
		this.method = method;
		this.url = url;
		this.status = status;
		this.errors = errors;
	}

	/** `<METHOD> "<url>": response status code <n>: <text>` as oras-go prints it. */
	get fullMessage(): string {
		const text = this.errors.length > 0 ? renderRegistryErrors(this.errors) : (STATUS_CODES[this.status] ?? "unknown");
		return `${this.method} "${this.url}": response status code ${this.status}: ${text}`;
	}
}

/** Reads (at most 8 KiB of) an error reply and builds the error; the body is consumed or destroyed. */
export async function responseError(req: Pick<HttpRequest, "method" | "url">, res: HttpResponse, options?: { hint?: string; code?: OrasErrorCode }): Promise<RegistryResponseError> {
	let errors: RegistryErrorEntry[] = [];
	if (req.method !== "HEAD") {
		try {
			errors = parseErrorBody(await readSmallBody(res.body, MAX_ERROR_BODY_BYTES, "error body"));
		} catch {
			// a broken, slow or oversized error body is not worth a second error
		}
	}
	if (!res.body.destroyed) res.body.destroy();
	const detail = res.status === 401 ? challengeErrorDetail(res.headers.get("www-authenticate")) : undefined;
	return new RegistryResponseError(req.method, redactURL(res.url ?? req.url), res.status, errors, { ...options, ...(detail ? { detail } : {}) });
}

/** RFC 6750 `error=` of a Bearer challenge, in words (an expired token, a scope the token lacks). */
export function challengeErrorDetail(header: string | null): string | undefined {
	const code = header ? /\berror="?([A-Za-z_]+)"?/.exec(header)?.[1] : undefined;
	switch (code) {
		case "invalid_token":
			return "the token is invalid or has expired";
		case "insufficient_scope":
			return "insufficient scope: the credentials do not grant this access";
		default:
			return undefined;
	}
}
