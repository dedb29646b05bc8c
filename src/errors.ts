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

/**
 * The brand every OrasError carries. `Symbol.for` makes it the same symbol in every copy of the
 * package loaded into one process (two versions in node_modules, CJS and ESM, a bundled copy),
 * so `instanceof` works across copies, as undici's errors do.
 */
const kOrasError = Symbol.for("oras-ts.OrasError");

export class OrasError extends Error {
	readonly code: OrasErrorCode;
	/** An optional hint for people (the CLI prints it on a second line). */
	readonly hint: string | undefined;

	constructor(code: OrasErrorCode, message: string, options?: ErrorOptions & { hint?: string | undefined }) {
		super(message, options);
		this.code = code;
		this.hint = options?.hint;
		this.name = new.target.name;
		Object.defineProperty(this, kOrasError, { value: true });
	}

	/**
	 * `x instanceof OrasError` is true for every branded error, from any copy of the package.
	 * A code family (`NotFoundError`, …, see `codes`) matches branded errors with one of its
	 * codes, whichever class threw them; any other subclass keeps the ordinary prototype check.
	 */
	static override [Symbol.hasInstance](x: unknown): boolean {
		if (this === OrasError) return isBranded(x);
		if (Object.hasOwn(this, "codes")) {
			const codes = (this as unknown as { codes: readonly OrasErrorCode[] }).codes;
			return isBranded(x) && codes.includes(x.code);
		}
		return Function.prototype[Symbol.hasInstance].call(this, x);
	}

	static is(err: unknown): err is OrasError {
		return isBranded(err);
	}
}

function isBranded(x: unknown): x is OrasError {
	return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[kOrasError] === true;
}

/** Options of the error families: `cause`, `hint`, and which of the family's codes (default: its first). */
export type OrasErrorOptions<C extends OrasErrorCode = OrasErrorCode> = ErrorOptions & { hint?: string | undefined; code?: C | undefined };

/** Nothing under that name or digest (`NOT_FOUND`; a registry's 404, a missing tag, file or layout). */
export class NotFoundError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["NOT_FOUND"];
	constructor(message: string, options?: OrasErrorOptions<"NOT_FOUND">) {
		super("NOT_FOUND", message, options);
	}
}

/** The registry wants (other) credentials (`UNAUTHORIZED`). */
export class UnauthorizedError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["UNAUTHORIZED"];
	constructor(message: string, options?: OrasErrorOptions<"UNAUTHORIZED">) {
		super("UNAUTHORIZED", message, options);
	}
}

/** The credentials are valid but not allowed this access (`FORBIDDEN`). */
export class ForbiddenError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["FORBIDDEN"];
	constructor(message: string, options?: OrasErrorOptions<"FORBIDDEN">) {
		super("FORBIDDEN", message, options);
	}
}

/** The connection failed: refused, reset, timed out, proxy or TLS failures (`NETWORK_ERROR`, `TLS_ERROR`). */
export class NetworkError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["NETWORK_ERROR", "TLS_ERROR"];
	constructor(message: string, options?: OrasErrorOptions<"NETWORK_ERROR" | "TLS_ERROR">) {
		super(options?.code ?? "NETWORK_ERROR", message, options);
	}
}

/** Content did not match what its descriptor promised (`DIGEST_MISMATCH`, `SIZE_MISMATCH`, `TRAILING_DATA`, `UNEXPECTED_EOF`). */
export class IntegrityError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["DIGEST_MISMATCH", "SIZE_MISMATCH", "TRAILING_DATA", "UNEXPECTED_EOF"];
	constructor(message: string, options?: OrasErrorOptions<"DIGEST_MISMATCH" | "SIZE_MISMATCH" | "TRAILING_DATA" | "UNEXPECTED_EOF">) {
		super(options?.code ?? "DIGEST_MISMATCH", message, options);
	}
}

/** The operation was cancelled through its `AbortSignal` (`ABORTED`). */
export class AbortedError extends OrasError {
	static readonly codes: readonly OrasErrorCode[] = ["ABORTED"];
	constructor(message = "operation aborted", options?: OrasErrorOptions<"ABORTED">) {
		super("ABORTED", message, options);
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
