/** login/logout of the high-level API: the credential is checked at the registry (loopback) and kept in the given store. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode, login, logout } from "../../../src/index.js";
import type { Credential, CredentialStore } from "../../../src/registry/index.js";
import { tinyServer } from "../registry/helpers.js";

/** A credential store in memory that records its calls. */
function memoryStore(): CredentialStore & { entries: Map<string, Credential>; calls: string[] } {
	const entries = new Map<string, Credential>();
	const calls: string[] = [];
	return {
		entries,
		calls,
		async get(address) {
			calls.push(`get ${address}`);
			return entries.get(address) ?? {};
		},
		async put(address, cred) {
			calls.push(`put ${address}`);
			entries.set(address, cred);
		},
		async delete(address) {
			calls.push(`delete ${address}`);
			entries.delete(address);
		},
	};
}

/** GET /v2/ answers 200 to alice:secret (basic auth) and 401 otherwise. */
async function basicRegistry() {
	const good = `Basic ${Buffer.from("alice:secret").toString("base64")}`;
	return tinyServer((req, res) => {
		if (req.headers.authorization === good) {
			res.setHeader("content-type", "application/json");
			res.end("{}");
			return;
		}
		res.statusCode = 401;
		res.setHeader("www-authenticate", 'Basic realm="test"');
		res.setHeader("content-type", "application/json");
		res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
	});
}

describe("login / logout", () => {
	it("stores a credential the registry accepts, under host:port", async () => {
		const srv = await basicRegistry();
		const store = memoryStore();
		try {
			const key = await login(srv.host, { username: "alice", password: "secret" }, { credentials: store, plainHttp: true, retry: false });
			assert.equal(key, srv.host);
			assert.deepEqual(store.entries.get(srv.host), { username: "alice", password: "secret" });
			assert.ok(srv.requests.some((r) => r.url === "/v2/" && r.headers.authorization !== undefined), "the credential was checked at GET /v2/");
		} finally {
			await srv.close();
		}
	});

	it("stores nothing when the registry refuses the credential", async () => {
		const srv = await basicRegistry();
		const store = memoryStore();
		try {
			await assert.rejects(login(srv.host, { username: "alice", password: "wrong" }, { credentials: store, plainHttp: true, retry: false }), (err: unknown) => hasCode(err, "UNAUTHORIZED"));
			assert.equal(store.entries.size, 0);
			assert.ok(!store.calls.some((c) => c.startsWith("put ")));
		} finally {
			await srv.close();
		}
	});

	it("skips the check with validate: false and keeps Docker Hub under its legacy address", async () => {
		const store = memoryStore();
		assert.equal(await login("docker.io", { username: "u", password: "p" }, { credentials: store, validate: false }), "https://index.docker.io/v1/");
		assert.deepEqual(store.entries.get("https://index.docker.io/v1/"), { username: "u", password: "p" });
		await logout("docker.io", { credentials: store });
		assert.equal(store.entries.size, 0);
		assert.deepEqual(store.calls, ["put https://index.docker.io/v1/", "delete https://index.docker.io/v1/"]);
	});

	it("logs out of a registry with nothing stored without error", async () => {
		const store = memoryStore();
		await logout("localhost:5000", { credentials: store });
		assert.deepEqual(store.calls, ["delete localhost:5000"]);
	});

	it("needs a credential store", async () => {
		await assert.rejects(login("localhost:5000", { username: "u", password: "p" }, { credentials: false, validate: false }), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
		await assert.rejects(logout("localhost:5000", { credentials: false as never }), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
	});
});
