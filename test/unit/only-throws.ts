/** Shared by the property and fuzz tests. */
import assert from "node:assert/strict";
import { OrasError, type OrasErrorCode } from "../../src/errors.js";

/** Runs fn; if it throws, the error must be an OrasError with one of the codes. */
export function onlyThrows(codes: readonly OrasErrorCode[], fn: () => unknown): void {
	try {
		fn();
	} catch (err) {
		assert.ok(OrasError.is(err), `threw a non-OrasError: ${String(err)}`);
		assert.ok(codes.includes(err.code), `unexpected code ${err.code}: ${err.message}`);
	}
}
