import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { challengeErrorDetail, RegistryResponseError } from "../../../src/registry/errors.js";

describe("401 challenge errors in words", () => {
	it("names an expired token and a missing scope", () => {
		assert.equal(challengeErrorDetail('Bearer realm="https://a/token",service="a",error="invalid_token"'), "the token is invalid or has expired");
		assert.match(challengeErrorDetail('Bearer realm="x",scope="repository:r:push",error="insufficient_scope"') ?? "", /insufficient scope/);
		assert.equal(challengeErrorDetail('Bearer realm="x"'), undefined);
		assert.equal(challengeErrorDetail(null), undefined);
	});
	it("adds the detail to the one-line message", () => {
		const e = new RegistryResponseError("GET", "https://r/v2/", 401, [{ code: "UNAUTHORIZED", message: "authentication required" }], {
			detail: "the token is invalid or has expired",
		});
		assert.equal(e.message, "unauthorized: authentication required (the token is invalid or has expired)");
		assert.equal(e.code, "UNAUTHORIZED");
	});
});
