/**
 * Red-team case of issue 11 for token realms: a registry must not point the client's token
 * request at a loopback, private or link-local address (the cloud metadata service at
 * 169.254.169.254, a service on localhost) by spelling the address another way.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateRealm } from "../../../src/registry/index.js";
import { OrasError } from "../../../src/errors.js";

describe("validateRealm against other spellings of local addresses", () => {
	const registry = new URL("https://registry.example.com/v2/");
	const refused = (realm: string) =>
		assert.throws(
			() => validateRealm(realm, registry),
			(e: unknown) => OrasError.is(e) && e.code === "UNAUTHORIZED",
			realm,
		);

	it("refuses IPv4-mapped IPv6 addresses (which URL parsing turns into hex) of loopback, metadata and private addresses", () => {
		refused("https://[::ffff:127.0.0.1]/token");
		refused("https://[0:0:0:0:0:ffff:7f00:1]/token");
		refused("https://[::ffff:a9fe:a9fe]/latest/meta-data");
		refused("https://[::ffff:10.0.0.1]/token");
		refused("https://[::ffff:c0a8:1]/token");
	});

	it("refuses localhost by name", () => {
		refused("https://localhost/token");
		refused("https://LOCALHOST./token");
		refused("https://auth.localhost/token");
	});

	it("still accepts public names and addresses, and the registry's own local host", () => {
		assert.equal(validateRealm("https://auth.example.com/token", registry).host, "auth.example.com");
		assert.equal(validateRealm("https://[::ffff:8.8.8.8]/token", registry).hostname, "[::ffff:808:808]");
		assert.equal(validateRealm("http://localhost:5001/token", new URL("http://localhost:5000/v2/")).port, "5001");
		// a registry on loopback may use a token service on loopback
		assert.equal(validateRealm("http://localhost:5001/token", new URL("http://127.0.0.1:5000/v2/")).port, "5001");
		assert.equal(validateRealm("http://127.0.0.1:5001/token", new URL("http://localhost:5000/v2/")).port, "5001");
	});
});
