import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import { createCredentialStore, HelperCredentialStore } from "../../../src/registry/auth/credentials.js";

let root: string;
let bin: string;
let n = 0;

/**
 * A credential helper speaking the docker-credential-helpers protocol, keeping its secrets in
 * $FAKE_HELPER_STATE/store.json and logging "<action> <stdin>" lines to $FAKE_HELPER_STATE/calls.log.
 */
const FAKE_HELPER = `#!${process.execPath}
const fs = require("node:fs");
const path = require("node:path");
const dir = process.env.FAKE_HELPER_STATE;
const action = process.argv[2];
const input = fs.readFileSync(0, "utf8");
fs.appendFileSync(path.join(dir, "calls.log"), JSON.stringify([action, input]) + "\\n");
const file = path.join(dir, "store.json");
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
const notFound = () => { process.stdout.write("credentials not found in native keychain\\n"); process.exit(1); };
if (action === "get") {
  const c = db[input];
  if (!c) notFound();
  process.stdout.write(JSON.stringify({ ServerURL: input, Username: c.Username, Secret: c.Secret }) + "\\n");
} else if (action === "store") {
  const c = JSON.parse(input);
  db[c.ServerURL] = c;
  fs.writeFileSync(file, JSON.stringify(db));
} else if (action === "erase") {
  if (!db[input]) notFound();
  delete db[input];
  fs.writeFileSync(file, JSON.stringify(db));
} else {
  process.stdout.write("unknown action\\n");
  process.exit(1);
}
`;

async function script(name: string, body: string): Promise<void> {
	const p = join(bin, `docker-credential-${name}`);
	await writeFile(p, body);
	await chmod(p, 0o755);
}

interface Fixture {
	dir: string;
	state: string;
	configPath: string;
	env: Record<string, string>;
	calls(): Promise<Array<[string, string]>>;
	helperDb(): Promise<Record<string, { ServerURL: string; Username: string; Secret: string }>>;
}

async function fixture(config: unknown): Promise<Fixture> {
	const dir = join(root, `t${n++}`);
	const state = join(dir, "state");
	await mkdir(state, { recursive: true });
	const configPath = join(dir, "config.json");
	await writeFile(configPath, JSON.stringify(config));
	return {
		dir,
		state,
		configPath,
		env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_HELPER_STATE: state },
		async calls() {
			try {
				const text = await readFile(join(state, "calls.log"), "utf8");
				return text
					.trim()
					.split("\n")
					.map((l) => JSON.parse(l) as [string, string]);
			} catch {
				return [];
			}
		},
		async helperDb() {
			try {
				return JSON.parse(await readFile(join(state, "store.json"), "utf8"));
			} catch {
				return {};
			}
		},
	};
}

before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-ts-auth-helper-"));
	bin = join(root, "bin");
	await mkdir(bin);
	await script("fake", FAKE_HELPER);
	await script("other", FAKE_HELPER);
	await script("broken", "#!/bin/sh\ncat >/dev/null\necho '  keychain is locked  '\necho 'noise on stderr' >&2\nexit 3\n");
	await script("garbage", "#!/bin/sh\ncat >/dev/null\necho 'not json'\n");
	await script("slow", "#!/bin/sh\nexec sleep 30\n");
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

describe("credsStore helper", () => {
	it("stores secrets in the helper, never in the file, and reads them back", async () => {
		const f = await fixture({ credsStore: "fake", auths: {}, other: { keep: true } });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await store.put("localhost:5000", { username: "alice", password: "s3cr3t-pw" });
		const text = await readFile(f.configPath, "utf8");
		assert.ok(!text.includes("s3cr3t-pw") && !text.includes(Buffer.from("alice:s3cr3t-pw").toString("base64")));
		assert.deepEqual(JSON.parse(text), { credsStore: "fake", auths: {}, other: { keep: true } }, "file untouched");
		assert.deepEqual(await f.helperDb(), { "localhost:5000": { ServerURL: "localhost:5000", Username: "alice", Secret: "s3cr3t-pw" } });
		assert.deepEqual(await store.get("localhost:5000"), { username: "alice", password: "s3cr3t-pw" });
		const calls = await f.calls();
		assert.deepEqual(calls[0], ["store", JSON.stringify({ ServerURL: "localhost:5000", Username: "alice", Secret: "s3cr3t-pw" })]);
		assert.deepEqual(calls[1], ["get", "localhost:5000"], "get receives the bare address on stdin");
		await store.delete("localhost:5000");
		assert.deepEqual(await f.helperDb(), {});
		assert.deepEqual((await f.calls())[2], ["erase", "localhost:5000"]);
	});
	it("maps <token> to an identity token both ways", async () => {
		const f = await fixture({ credsStore: "fake" });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await store.put("ghcr.example", { refreshToken: "identity-xyz" });
		assert.deepEqual((await f.helperDb())["ghcr.example"], { ServerURL: "ghcr.example", Username: "<token>", Secret: "identity-xyz" });
		assert.deepEqual(await store.get("ghcr.example"), { refreshToken: "identity-xyz" });
	});
	it("treats 'credentials not found in native keychain' as no credential", async () => {
		const f = await fixture({ credsStore: "fake", auths: { "nf.example": { auth: Buffer.from("file:cred").toString("base64") } } });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		assert.deepEqual(await store.get("nf.example"), {}, "the helper is authoritative, the file entry is not consulted");
		assert.deepEqual(await f.calls(), [["get", "nf.example"]]);
	});
	it("passes Docker Hub's legacy key to the helper", async () => {
		const f = await fixture({ credsStore: "fake" });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await store.put("docker.io", { username: "hub", password: "pw" });
		assert.deepEqual(Object.keys(await f.helperDb()), ["https://index.docker.io/v1/"]);
		assert.deepEqual(await store.get("registry-1.docker.io"), { username: "hub", password: "pw" });
	});
});

describe("credHelpers", () => {
	it("uses the per-host helper first, then credsStore, then the file", async () => {
		const f = await fixture({
			credHelpers: { "per-host.example": "other" },
			auths: { "file.example": { auth: Buffer.from("f:1").toString("base64") } },
		});
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await store.put("per-host.example", { username: "h", password: "2" });
		assert.deepEqual(await store.get("per-host.example"), { username: "h", password: "2" });
		assert.deepEqual(await store.get("file.example"), { username: "f", password: "1" });
		await store.put("plain.example", { username: "p", password: "3" });
		const cfg = JSON.parse(await readFile(f.configPath, "utf8"));
		assert.ok(!("per-host.example" in cfg.auths), "per-host helper secret not in the file");
		assert.deepEqual(cfg.auths["plain.example"], { auth: Buffer.from("p:3").toString("base64") });
		assert.deepEqual(cfg.credHelpers, { "per-host.example": "other" });
		assert.deepEqual(
			(await f.calls()).map((c) => c[0]),
			["store", "get"],
			"only the per-host helper was run",
		);
	});
	it("overrides credsStore for its host", async () => {
		const f = await fixture({ credsStore: "broken", credHelpers: { "good.example": "fake" } });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env, helperStderr: "ignore" });
		await store.put("good.example", { username: "g", password: "p" });
		assert.deepEqual(await store.get("good.example"), { username: "g", password: "p" });
		await assert.rejects(store.get("bad.example"), /keychain is locked/);
	});
});

describe("helper failures", () => {
	it("reports the trimmed stdout of a failing helper", async () => {
		const store = new HelperCredentialStore("broken", { env: { PATH: `${bin}:/usr/bin:/bin` }, stderr: "ignore" });
		for (const op of [() => store.get("x.example"), () => store.put("x.example", { username: "u", password: "p" }), () => store.delete("x.example")]) {
			await assert.rejects(op(), (e: unknown) => {
				assert.ok(OrasError.is(e));
				assert.equal(e.message, "keychain is locked");
				return true;
			});
		}
	});
	it("propagates a helper's erase failure for an absent entry", async () => {
		const f = await fixture({ credsStore: "fake" });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await assert.rejects(store.delete("absent.example"), /credentials not found in native keychain/);
	});
	it("rejects output that is not JSON", async () => {
		const store = new HelperCredentialStore("garbage", { env: { PATH: `${bin}:/usr/bin:/bin` } });
		await assert.rejects(store.get("x.example"), /docker-credential-garbage get: output is not valid JSON/);
	});
	it("says which helper is missing from PATH", async () => {
		const f = await fixture({ credsStore: "does-not-exist" });
		const store = createCredentialStore({ configPaths: [f.configPath], env: f.env });
		await assert.rejects(store.get("x.example"), /docker-credential-does-not-exist not found in PATH/);
	});
	it("kills a helper that exceeds the timeout", async () => {
		const store = new HelperCredentialStore("slow", { env: { PATH: `${bin}:/usr/bin:/bin` }, timeoutMs: 300 });
		const started = Date.now();
		await assert.rejects(store.get("x.example"), /timed out after 300 ms/);
		assert.ok(Date.now() - started < 5000);
	});
	it("refuses helper names with path separators", () => {
		assert.throws(() => new HelperCredentialStore("../evil"), (e: unknown) => OrasError.is(e) && e.code === "INVALID_ARGUMENT");
	});
});
