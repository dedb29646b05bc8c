/**
 * One error type for the whole library. Every failure carries a stable `code`;
 * causes are chained with ES2022 `cause`. Only the CLI renders errors for people.
 */
export type OrasErrorCode =
	| "NOT_FOUND"
	| "ALREADY_EXISTS"
	| "INVALID_REFERENCE"
	| "INVALID_DIGEST"
	| "UNSUPPORTED_DIGEST"
	| "INVALID_ARGUMENT"
	| "INVALID_MANIFEST"
	| "INVALID_MEDIA_TYPE"
	| "DIGEST_MISMATCH"
	| "SIZE_MISMATCH"
	| "SIZE_EXCEEDS_LIMIT"
	| "TRAILING_DATA"
	| "UNEXPECTED_EOF"
	| "PATH_TRAVERSAL"
	| "OVERWRITE_DISALLOWED"
	| "DUPLICATE_NAME"
	| "UNSUPPORTED"
	| "UNAUTHORIZED"
	| "FORBIDDEN"
	| "REGISTRY_ERROR"
	| "NETWORK_ERROR"
	| "TLS_ERROR"
	| "COPY_FAILED"
	| "ABORTED";

const BRAND = Symbol.for("oras-ts.OrasError");

export class OrasError extends Error {
	readonly code: OrasErrorCode;
	/** An optional hint for people (the CLI prints it on a second line). */
	readonly hint: string | undefined;

	constructor(code: OrasErrorCode, message: string, options?: ErrorOptions & { hint?: string }) {
		super(message, options);
		this.code = code;
		this.hint = options?.hint;
		this.name = new.target.name;
		Object.defineProperty(this, BRAND, { value: true });
	}

	static is(err: unknown): err is OrasError {
		return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
	}
}

/** Walks the `cause` chain like Go's errors.Is. */
export function hasCode(err: unknown, code: OrasErrorCode): boolean {
	return findCode(err, code) !== undefined;
}

export function findCode(err: unknown, code: OrasErrorCode): OrasError | undefined {
	let cur: unknown = err;
	for (let depth = 0; depth < 32 && cur !== undefined && cur !== null; depth++) {
		if (OrasError.is(cur) && cur.code === code) return cur;
		cur = (cur as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Maps an AbortError (from fetch, pipeline, timers) to ABORTED; everything else is returned as is. */
export function normalizeAbort(err: unknown): unknown {
	if (err instanceof Error && err.name === "AbortError") {
		return new OrasError("ABORTED", "operation aborted", { cause: err });
	}
	return err;
}
