/** The distribution spec's error codes and the HTTP error a handler throws to answer with one. */

export type RegistryErrorCode =
	| "BLOB_UNKNOWN"
	| "BLOB_UPLOAD_INVALID"
	| "BLOB_UPLOAD_UNKNOWN"
	| "DIGEST_INVALID"
	| "MANIFEST_BLOB_UNKNOWN"
	| "MANIFEST_INVALID"
	| "MANIFEST_UNKNOWN"
	| "NAME_INVALID"
	| "NAME_UNKNOWN"
	| "SIZE_INVALID"
	| "UNAUTHORIZED"
	| "DENIED"
	| "UNSUPPORTED"
	| "TOO_MANY_REQUESTS"
	/** Not a spec code: an internal failure (500), as distribution reports it. */
	| "UNKNOWN";

/** The spec's short message for each code (used when a handler gives none). */
export const ERROR_MESSAGES: Readonly<Record<RegistryErrorCode, string>> = {
	BLOB_UNKNOWN: "blob unknown to registry",
	BLOB_UPLOAD_INVALID: "blob upload invalid",
	BLOB_UPLOAD_UNKNOWN: "blob upload unknown to registry",
	DIGEST_INVALID: "provided digest did not match uploaded content",
	MANIFEST_BLOB_UNKNOWN: "manifest references a manifest or blob unknown to registry",
	MANIFEST_INVALID: "manifest invalid",
	MANIFEST_UNKNOWN: "manifest unknown to registry",
	NAME_INVALID: "invalid repository name",
	NAME_UNKNOWN: "repository name not known to registry",
	SIZE_INVALID: "provided length did not match content length",
	UNAUTHORIZED: "authentication required",
	DENIED: "requested access to the resource is denied",
	UNSUPPORTED: "the operation is unsupported",
	TOO_MANY_REQUESTS: "too many requests",
	UNKNOWN: "unknown error",
};

/** A failure answered as `{"errors":[{"code","message","detail"}]}` with `status`. */
export class RegistryHttpError extends Error {
	readonly status: number;
	readonly code: RegistryErrorCode;
	readonly detail: unknown;
	/** Extra response headers (e.g. `Range` on a 416, `WWW-Authenticate` on a 401). */
	readonly headers: Readonly<Record<string, string>>;

	constructor(status: number, code: RegistryErrorCode, message?: string, detail?: unknown, headers: Record<string, string> = {}) {
		super(message ?? ERROR_MESSAGES[code]);
		this.name = "RegistryHttpError";
		this.status = status;
		this.code = code;
		this.detail = detail;
		this.headers = headers;
	}

	/** The JSON error body. */
	body(): string {
		const entry: Record<string, unknown> = { code: this.code, message: this.message };
		if (this.detail !== undefined) entry.detail = this.detail;
		return JSON.stringify({ errors: [entry] });
	}
}

export function httpError(status: number, code: RegistryErrorCode, message?: string, detail?: unknown, headers?: Record<string, string>): RegistryHttpError {
	return new RegistryHttpError(status, code, message, detail, headers);
}
