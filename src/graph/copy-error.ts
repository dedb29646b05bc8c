/**
 * A failure of the copy engine, wrapped where it happened with the side (source or
 * destination) and the step, as oras-go's `CopyError` (https://pkg.go.dev/oras.land/oras-go/v2#CopyError).
 * The code, message and hint are the cause's, so callers matching on `code` see no difference;
 * the oras CLI prints `Error from source registry for "<ref>": …` from `side`.
 */
import { OrasError, type OrasErrorCode } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";

/** Which end of a copy failed. */
export type CopySide = "source" | "destination";

/** What the copy engine was doing when it failed (a failed mount is not one: the copy falls back to a plain push). */
export type CopyStep = "resolve" | "exists" | "fetch" | "push" | "tag" | "referrers";

const BRAND = Symbol.for("oras-ts.CopyError");

export class CopyError extends OrasError {
	readonly side: CopySide;
	readonly step: CopyStep;
	/** The node being copied, when the step concerned one. */
	readonly descriptor: Descriptor | undefined;
	declare readonly cause: unknown;

	constructor(side: CopySide, step: CopyStep, descriptor: Descriptor | undefined, cause: unknown) {
		const inner = OrasError.is(cause) ? cause : undefined;
		const code: OrasErrorCode = inner ? inner.code : "COPY_FAILED";
		const message = cause instanceof Error ? cause.message : String(cause);
		super(code, message, { cause, ...(inner?.hint !== undefined ? { hint: inner.hint } : {}) });
		this.side = side;
		this.step = step;
		this.descriptor = descriptor;
		Object.defineProperty(this, BRAND, { value: true });
	}

	/** Branded check: true for a CopyError from any copy of this library. */
	static override [Symbol.hasInstance](value: unknown): boolean {
		return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
	}
}

/** An abort is the caller's (or a sibling failure's) decision, not a failure of one side. */
function isAbort(err: unknown): boolean {
	return (OrasError.is(err) && err.code === "ABORTED") || (err instanceof Error && err.name === "AbortError");
}

/** `err` as a CopyError of `side`/`step` (a CopyError or an abort passes unchanged). */
export function copyErrorOf(side: CopySide, step: CopyStep, descriptor: Descriptor | undefined, err: unknown): unknown {
	if (err instanceof CopyError || isAbort(err)) return err;
	return new CopyError(side, step, descriptor, err);
}

/** Runs one step against one side; its failure arrives as a CopyError naming them. */
export async function onSide<T>(side: CopySide, step: CopyStep, descriptor: Descriptor | undefined, fn: () => Promise<T> | T): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		throw copyErrorOf(side, step, descriptor, err);
	}
}
