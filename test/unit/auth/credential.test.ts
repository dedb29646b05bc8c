/** The credential value: which credentials count as none. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMPTY_CREDENTIAL, isEmptyCredential } from "../../../src/registry/index.js";

describe("credential", () => {
	it("is empty only when no field carries a secret or a name", () => {
		assert.equal(isEmptyCredential(EMPTY_CREDENTIAL), true);
		assert.equal(isEmptyCredential({}), true);
		assert.equal(isEmptyCredential({ username: "", password: "" }), true, "empty strings are no credential");
		assert.equal(isEmptyCredential({ username: "u" }), false);
		assert.equal(isEmptyCredential({ password: "p" }), false);
		assert.equal(isEmptyCredential({ refreshToken: "r" }), false);
		assert.equal(isEmptyCredential({ accessToken: "a" }), false);
	});

	it("shares one frozen empty credential", () => {
		assert.ok(Object.isFrozen(EMPTY_CREDENTIAL));
		assert.throws(() => {
			(EMPTY_CREDENTIAL as { username?: string }).username = "x";
		}, TypeError);
	});
});
