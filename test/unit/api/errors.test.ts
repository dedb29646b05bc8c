/**
 * Branded errors: `instanceof OrasError` holds for errors made by another copy of the package
 * (same `Symbol.for` brand, different class), code families match by code whichever class
 * threw, and other subclasses keep the ordinary prototype check.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
	AbortedError,
	ForbiddenError,
	hasCode,
	IntegrityError,
	NetworkError,
	NotFoundError,
	OrasError,
	UnauthorizedError,
} from "../../../src/errors.js";
import { RegistryResponseError } from "../../../src/registry/errors.js";

/** An error as another copy of oras-ts (another class, same brand) would make it. */
function foreignError(code: string): Error {
	class OtherCopyOrasError extends Error {
		readonly code: string;
		constructor(c: string) {
			super("from another copy");
			this.code = c;
			Object.defineProperty(this, Symbol.for("oras-ts.OrasError"), { value: true });
		}
	}
	return new OtherCopyOrasError(code);
}

describe("branded errors", () => {
	it("instanceof OrasError holds across package copies and fails for look-alikes", () => {
		assert.ok(foreignError("NOT_FOUND") instanceof OrasError);
		assert.ok(OrasError.is(foreignError("NOT_FOUND")));
		const lookalike = Object.assign(new Error("x"), { code: "NOT_FOUND" });
		assert.ok(!(lookalike instanceof OrasError));
		const notObjects: unknown[] = [null, undefined, "NOT_FOUND", 42];
		for (const x of notObjects) assert.ok(!(x instanceof OrasError));
	});

	it("code families match by code, whichever class made the error", () => {
		assert.ok(new OrasError("NOT_FOUND", "x") instanceof NotFoundError);
		assert.ok(foreignError("NOT_FOUND") instanceof NotFoundError);
		assert.ok(!(new OrasError("UNAUTHORIZED", "x") instanceof NotFoundError));
		assert.ok(new OrasError("TLS_ERROR", "x") instanceof NetworkError);
		assert.ok(new OrasError("SIZE_MISMATCH", "x") instanceof IntegrityError);
		assert.ok(new OrasError("FORBIDDEN", "x") instanceof ForbiddenError);
		assert.ok(new OrasError("ABORTED", "x") instanceof AbortedError);
		const u = new UnauthorizedError("who are you", { hint: "log in" });
		assert.equal(u.code, "UNAUTHORIZED");
		assert.equal(u.name, "UnauthorizedError");
		assert.equal(u.hint, "log in");
		assert.ok(u instanceof OrasError && u instanceof Error);
		assert.ok(!(u instanceof ForbiddenError));
		assert.equal(new NetworkError("tls", { code: "TLS_ERROR" }).code, "TLS_ERROR");
		assert.equal(new AbortedError().message, "operation aborted");
		assert.ok(hasCode(new Error("outer", { cause: new NotFoundError("inner") }), "NOT_FOUND"));
	});

	it("other subclasses keep the prototype check; OrasError(code, message) is unchanged", () => {
		const r = new RegistryResponseError("GET", "http://127.0.0.1/v2/x/manifests/y", 404, []);
		assert.ok(r instanceof RegistryResponseError && r instanceof OrasError && r instanceof NotFoundError);
		assert.ok(!(new OrasError("NOT_FOUND", "x") instanceof RegistryResponseError));
		const e = new OrasError("INVALID_ARGUMENT", "bad", { cause: 1 });
		assert.deepEqual([e.code, e.message, e.name, e.cause], ["INVALID_ARGUMENT", "bad", "OrasError", 1]);
	});
});
