import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hasCode, OrasError } from "../../../src/errors.js";
import {
	createCredentialStore,
	credentialFuncFromStore,
	DOCKER_HUB_SERVER_ADDRESS,
	FileCredentialStore,
	resolveConfigPaths,
	serverAddressFromRegistry,
	staticCredential,
	toHostname,
} from "../../../src/registry/auth/credentials.js";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

let root: string;
let n = 0;
/** A fresh directory per test. */
async function freshDir(): Promise<string> {
	const d = join(root, `t${n++}`);
	await mkdir(d, { recursive: true });
	return d;
}
async function writeConfig(dir: string, content: unknown): Promise<string> {
	const p = join(dir, "config.json");
	await writeFile(p, typeof content === "string" ? content : JSON.stringify(content));
	return p;
}

before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-ts-auth-unit-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

describe("server address mapping", () => {
	it("maps Docker Hub names to the legacy key and leaves others alone", () => {
		for (const h of ["docker.io", "registry-1.docker.io", "index.docker.io"]) {
			assert.equal(serverAddressFromRegistry(h), "https://index.docker.io/v1/");
		}
		assert.equal(serverAddressFromRegistry("localhost:5000"), "localhost:5000");
		assert.equal(serverAddressFromRegistry("ghcr.io"), "ghcr.io");
	});
	it("strips scheme and path to get a hostname", () => {
		assert.equal(toHostname("https://registry.example.com/v1/"), "registry.example.com");
		assert.equal(toHostname("http://localhost:5000"), "localhost:5000");
		assert.equal(toHostname("localhost:5000/foo"), "localhost:5000");
		assert.equal(toHostname("ghcr.io"), "ghcr.io");
	});
});

describe("config file paths", () => {
	it("prefers --registry-config, then $DOCKER_CONFIG, then ~/.docker", () => {
		assert.deepEqual(resolveConfigPaths({ configPaths: ["/a.json", "/b.json"], env: { DOCKER_CONFIG: "/dc" }, homedir: "/h" }), [
			"/a.json",
			"/b.json",
		]);
		assert.deepEqual(resolveConfigPaths({ env: { DOCKER_CONFIG: "/dc" }, homedir: "/h" }), ["/dc/config.json"]);
		assert.deepEqual(resolveConfigPaths({ env: {}, homedir: "/h" }), ["/h/.docker/config.json"]);
		assert.deepEqual(resolveConfigPaths({ configPaths: [], env: { DOCKER_CONFIG: "" }, homedir: "/h" }), ["/h/.docker/config.json"]);
	});
	it("uses the injected home directory for the default store", async () => {
		const home = await freshDir();
		await mkdir(join(home, ".docker"));
		await writeConfig(join(home, ".docker"), { auths: { "h.example": { auth: b64("u:p") } } });
		const store = createCredentialStore({ env: {}, homedir: home });
		assert.deepEqual(store.paths, [join(home, ".docker", "config.json")]);
		assert.deepEqual(await store.get("h.example"), { username: "u", password: "p" });
	});
});

describe("reading auths entries", () => {
	it("decodes auth as base64 user:pass split at the first colon", async () => {
		const p = await writeConfig(await freshDir(), { auths: { "reg.example:5000": { auth: b64("alice:pa:ss:word") } } });
		const store = new FileCredentialStore(p);
		assert.deepEqual(await store.get("reg.example:5000"), { username: "alice", password: "pa:ss:word" });
	});
	it("maps identitytoken to refreshToken and registrytoken to accessToken", async () => {
		const p = await writeConfig(await freshDir(), {
			auths: { "a.example": { identitytoken: "refresh-1" }, "b.example": { registrytoken: "access-1" } },
		});
		const store = new FileCredentialStore(p);
		assert.deepEqual(await store.get("a.example"), { refreshToken: "refresh-1" });
		assert.deepEqual(await store.get("b.example"), { accessToken: "access-1" });
	});
	it("reads legacy username/password, with auth overriding them", async () => {
		const p = await writeConfig(await freshDir(), {
			auths: {
				"legacy.example": { username: "bob", password: "secret" },
				"both.example": { username: "old", password: "old", auth: b64("new:new-pass") },
			},
		});
		const store = new FileCredentialStore(p);
		assert.deepEqual(await store.get("legacy.example"), { username: "bob", password: "secret" });
		assert.deepEqual(await store.get("both.example"), { username: "new", password: "new-pass" });
	});
	it("falls back to a key whose hostname matches, exact key first", async () => {
		const p = await writeConfig(await freshDir(), {
			auths: {
				"https://reg.example/v1/": { auth: b64("prefixed:1") },
				"http://localhost:5000": { auth: b64("local:2") },
				"exact.example": { auth: b64("exact:3") },
				"https://exact.example/": { auth: b64("wrong:4") },
			},
		});
		const store = new FileCredentialStore(p);
		assert.deepEqual(await store.get("reg.example"), { username: "prefixed", password: "1" });
		assert.deepEqual(await store.get("localhost:5000"), { username: "local", password: "2" });
		assert.deepEqual(await store.get("exact.example"), { username: "exact", password: "3" });
		assert.deepEqual(await store.get("localhost"), {}, "port is part of the hostname");
		assert.deepEqual(await store.get("other.example"), {});
	});
	it("finds Docker Hub credentials under https://index.docker.io/v1/", async () => {
		const p = await writeConfig(await freshDir(), { auths: { [DOCKER_HUB_SERVER_ADDRESS]: { auth: b64("hubuser:hubpass") } } });
		const store = createCredentialStore({ configPaths: [p] });
		for (const h of ["docker.io", "registry-1.docker.io", "index.docker.io"]) {
			assert.deepEqual(await store.get(h), { username: "hubuser", password: "hubpass" }, h);
		}
		const fn = credentialFuncFromStore(store);
		assert.deepEqual(await fn("registry-1.docker.io"), { username: "hubuser", password: "hubpass" });
		assert.deepEqual(await fn("ghcr.io"), {});
	});
	it("treats a missing or empty file as empty", async () => {
		const d = await freshDir();
		assert.deepEqual(await new FileCredentialStore(join(d, "absent.json")).get("x.example"), {});
		const p = await writeConfig(d, "  \n");
		assert.deepEqual(await new FileCredentialStore(p).get("x.example"), {});
		const q = await writeConfig(await freshDir(), { auths: null });
		assert.deepEqual(await new FileCredentialStore(q).get("x.example"), {});
	});
	it("rejects malformed files and entries without echoing secrets", async () => {
		const bad = await writeConfig(await freshDir(), "{ not json");
		await assert.rejects(new FileCredentialStore(bad).get("x.example"), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
		const p = await writeConfig(await freshDir(), {
			auths: { "nocolon.example": { auth: b64("topsecretvalue") }, "notb64.example": { auth: "%%%%" } },
		});
		const store = new FileCredentialStore(p);
		await assert.rejects(store.get("nocolon.example"), (e: unknown) => {
			assert.ok(OrasError.is(e) && e.code === "INVALID_ARGUMENT");
			assert.ok(!e.message.includes("topsecretvalue"), "secret must not appear in the message");
			assert.match(e.message, /nocolon\.example/);
			return true;
		});
		await assert.rejects(store.get("notb64.example"), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
		const arr = await writeConfig(await freshDir(), { auths: [] });
		await assert.rejects(new FileCredentialStore(arr).get("x"), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
	});
});

describe("writing", () => {
	it("preserves other keys, writes tab-indented with mode 0600, and leaves no temp file", async () => {
		const d = await freshDir();
		const original = {
			auths: { "other.example": { auth: b64("o:p"), email: "o@example.com" } },
			credHelpers: { "helper.example": "nothere" },
			proxies: { default: { httpProxy: "http://proxy:3128", noProxy: "*.local" } },
			detachKeys: "ctrl-e,e",
			experimental: "enabled",
			plugins: { foo: { bar: [1, 2, { baz: true }] } },
		};
		const p = await writeConfig(d, original);
		const store = new FileCredentialStore(p);
		await store.put("new.example:5000", { username: "carol", password: "pw" });
		const text = await readFile(p, "utf8");
		assert.match(text, /^\{\n\t"auths": \{\n\t\t"/, "tab-indented");
		assert.ok(!/^ +"/m.test(text), "no space indentation");
		const parsed = JSON.parse(text);
		const { auths, ...rest } = parsed;
		const { auths: origAuths, ...origRest } = original;
		assert.deepEqual(rest, origRest, "every other key kept as is");
		assert.deepEqual(auths["other.example"], origAuths["other.example"], "other entries untouched");
		assert.deepEqual(auths["new.example:5000"], { auth: b64("carol:pw") });
		assert.equal((await stat(p)).mode & 0o777, 0o600);
		assert.deepEqual(await readdir(d), ["config.json"]);
		assert.deepEqual(await store.get("new.example:5000"), { username: "carol", password: "pw" });
	});
	it("writes only non-empty fields and round-trips tokens", async () => {
		const d = await freshDir();
		const p = join(d, "config.json");
		const store = new FileCredentialStore(p);
		await store.put("tok.example", { refreshToken: "id-tok" });
		await store.put("acc.example", { accessToken: "reg-tok" });
		await store.put("all.example", { username: "u", password: "p", refreshToken: "r", accessToken: "a" });
		const auths = JSON.parse(await readFile(p, "utf8")).auths;
		assert.deepEqual(auths["tok.example"], { identitytoken: "id-tok" });
		assert.deepEqual(auths["acc.example"], { registrytoken: "reg-tok" });
		assert.deepEqual(auths["all.example"], { auth: b64("u:p"), identitytoken: "r", registrytoken: "a" });
		assert.deepEqual(await store.get("all.example"), { username: "u", password: "p", refreshToken: "r", accessToken: "a" });
	});
	it("creates missing directories with mode 0700", async () => {
		const d = await freshDir();
		const p = join(d, "nested", "dir", "config.json");
		await new FileCredentialStore(p).put("x.example", { username: "u", password: "p" });
		assert.equal((await stat(join(d, "nested", "dir"))).mode & 0o777, 0o700);
		assert.equal((await stat(p)).mode & 0o777, 0o600);
	});
	it("stores Docker Hub credentials under the legacy key", async () => {
		const p = join(await freshDir(), "config.json");
		const store = createCredentialStore({ configPaths: [p] });
		await store.put("docker.io", { username: "hub", password: "pw" });
		assert.deepEqual(Object.keys(JSON.parse(await readFile(p, "utf8")).auths), ["https://index.docker.io/v1/"]);
		await store.delete("docker.io");
		assert.deepEqual(JSON.parse(await readFile(p, "utf8")).auths, {});
	});
	it("refuses a colon in the username and leaves the file alone", async () => {
		const d = await freshDir();
		const p = join(d, "config.json");
		await assert.rejects(createCredentialStore({ configPaths: [p] }).put("x.example", { username: "a:b", password: "p" }), (e: unknown) => {
			assert.ok(OrasError.is(e) && e.code === "INVALID_ARGUMENT");
			assert.match(e.message, /colon/);
			return true;
		});
		assert.deepEqual(await readdir(d), []);
	});
	it("deletes only the named entry; deleting an absent entry succeeds without writing", async () => {
		const d = await freshDir();
		const p = await writeConfig(d, { auths: { "a.example": { auth: b64("a:1") }, "b.example": { auth: b64("b:2") } }, x: 1 });
		const store = new FileCredentialStore(p);
		await store.delete("a.example");
		const parsed = JSON.parse(await readFile(p, "utf8"));
		assert.deepEqual(parsed, { auths: { "b.example": { auth: b64("b:2") } }, x: 1 });
		const before = await stat(p);
		await store.delete("absent.example");
		assert.equal((await stat(p)).mtimeMs, before.mtimeMs);
		const none = join(await freshDir(), "config.json");
		await new FileCredentialStore(none).delete("absent.example");
		await assert.rejects(stat(none), { code: "ENOENT" });
	});
	it("serializes concurrent writes of one store", async () => {
		const p = join(await freshDir(), "config.json");
		const store = new FileCredentialStore(p);
		await Promise.all(Array.from({ length: 8 }, (_, i) => store.put(`h${i}.example`, { username: `u${i}`, password: "p" })));
		assert.equal(Object.keys(JSON.parse(await readFile(p, "utf8")).auths).length, 8);
	});
});

describe("fallback config files", () => {
	it("reads the fallbacks in order until a non-empty credential and writes only the first", async () => {
		const d = await freshDir();
		const first = join(d, "first.json");
		const second = join(d, "second.json");
		const third = join(d, "third.json");
		await writeFile(second, JSON.stringify({ auths: { "shared.example": { auth: b64("second:s") } } }));
		await writeFile(third, JSON.stringify({ auths: { "shared.example": { auth: b64("third:t") }, "only3.example": { identitytoken: "r3" } } }));
		const store = createCredentialStore({ configPaths: [first, second, third] });
		assert.deepEqual(store.paths, [first, second, third]);
		assert.deepEqual(await store.get("shared.example"), { username: "second", password: "s" });
		assert.deepEqual(await store.get("only3.example"), { refreshToken: "r3" });
		assert.deepEqual(await store.get("none.example"), {});
		await store.put("shared.example", { username: "first", password: "f" });
		assert.deepEqual(await store.get("shared.example"), { username: "first", password: "f" });
		const secondText = await readFile(second, "utf8");
		assert.deepEqual(JSON.parse(secondText), { auths: { "shared.example": { auth: b64("second:s") } } });
		await store.delete("shared.example");
		assert.deepEqual(await store.get("shared.example"), { username: "second", password: "s" }, "fallback still read after delete");
	});
});

describe("staticCredential", () => {
	it("returns the credential for the named registry only", async () => {
		const fn = staticCredential({ username: "u", password: "p" }, "localhost:5000");
		assert.deepEqual(await fn("localhost:5000"), { username: "u", password: "p" });
		assert.deepEqual(await fn("other:5000"), {});
		const hub = staticCredential({ refreshToken: "r" }, "docker.io");
		assert.deepEqual(await hub("registry-1.docker.io"), { refreshToken: "r" });
		assert.deepEqual(await hub("ghcr.io"), {});
		const any = staticCredential({ accessToken: "a" });
		assert.deepEqual(await any("anything.example"), { accessToken: "a" });
	});
});
