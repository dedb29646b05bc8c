/**
 * Red-team case of issue 11 for `serve`'s per-client bounds (failed logins, upload sessions):
 * an IPv6 client usually holds a whole /64, so keying the bounds by its full address would let
 * it rotate addresses past every per-client bound. IPv4 clients (also when IPv4-mapped) are
 * keyed by their address.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientKey } from "../../../src/server/protocol.js";

describe("clientKey", () => {
	it("gives every address of one IPv6 /64 the same key, and other /64s other keys", () => {
		const a = clientKey("2001:db8:1:2::1");
		assert.equal(clientKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), a);
		assert.equal(clientKey("2001:0db8:0001:0002:0:0:0:abcd"), a);
		assert.equal(clientKey("2001:DB8:1:2:a:b:c:d"), a);
		assert.notEqual(clientKey("2001:db8:1:3::1"), a);
		assert.equal(clientKey("::1"), clientKey("::2"));
		assert.equal(clientKey("fe80::1%eth0"), clientKey("fe80::2"));
	});

	it("keys IPv4 clients by their address, IPv4-mapped or not", () => {
		assert.equal(clientKey("127.0.0.2"), "127.0.0.2");
		assert.equal(clientKey("::ffff:127.0.0.2"), "127.0.0.2");
		assert.notEqual(clientKey("127.0.0.2"), clientKey("127.0.0.3"));
		assert.equal(clientKey(undefined), "-");
	});
});
