/**
 * Which side of a copy failed. `withOrigin(store, ...)` wraps a source or destination so
 * that its failures arrive as `CopyError`s naming the side (oras prints
 * `Error from source registry for "<ref>": …`); capabilities and error codes are kept.
 */
import { OrasError, type OrasErrorCode } from "../errors.js";

export type CopyOrigin = "source" | "destination";

export class CopyError extends OrasError {
	readonly origin: CopyOrigin;
	/** `registry` or `oci-layout`, as the CLI displays targets. */
	readonly targetKind: string;
	/** The reference as the user wrote it. */
	readonly reference: string;
	constructor(origin: CopyOrigin, targetKind: string, reference: string, cause: unknown) {
		const inner = OrasError.is(cause) ? cause : undefined;
		const code: OrasErrorCode = inner ? inner.code : "COPY_FAILED";
		const message = cause instanceof Error ? cause.message : String(cause);
		super(code, message, { cause, ...(inner?.hint ? { hint: inner.hint } : {}) });
		this.origin = origin;
		this.targetKind = targetKind;
		this.reference = reference;
	}

	/** `Error from source registry for "<ref>"` */
	get prefix(): string {
		return `Error from ${this.origin} ${this.targetKind} for ${JSON.stringify(this.reference)}`;
	}
}

export function withOrigin<T extends object>(store: T, origin: CopyOrigin, targetKind: string, reference: string): T {
	const wrap = (err: unknown): never => {
		if (err instanceof CopyError || (OrasError.is(err) && err.code === "ABORTED")) throw err;
		throw new CopyError(origin, targetKind, reference, err);
	};
	return new Proxy(store, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver) as unknown;
			if (typeof value !== "function") return value;
			return (...args: unknown[]) => {
				let result: unknown;
				try {
					result = (value as (...a: unknown[]) => unknown).apply(target, args);
				} catch (err) {
					return wrap(err);
				}
				if (result instanceof Promise) return result.catch(wrap);
				return result;
			};
		},
	});
}
