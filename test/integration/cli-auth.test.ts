/**
 * `login`/`logout` and authenticated push/pull through the CLI (in-process) against distribution 2.8
 * with htpasswd (Basic): the docker config file, a credential helper on PATH, `--debug` redaction,
 * and a plain-HTTP forward proxy (tinyproxy) from HTTP_PROXY.
 */
import assert from "node:assert/strict";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type Htpasswd, makeHtpasswd } from "./fixtures/htpasswd.js";
import { type RunningProxy, startTinyproxy } from "./fixtures/proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const USER = "oras-user";
const PASS = "htpasswd-Secret-42";

/** A docker credential helper (`docker-credential-test`) keeping one credential in a file next to it, logging each call. */
const HELPER = `#!/bin/sh
dir=$(dirname "$0")
echo "$1" >> "$dir/calls.log"
case "$1" in
  store) cat > "$dir/cred.json" ;;
  get) cat > /dev/null; if [ -f "$dir/cred.json" ]; then cat "$dir/cred.json"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  erase) cat > /dev/null; rm -f "$dir/cred.json" ;;
  *) echo "unknown action"; exit 1 ;;
esac
`;

describe("CLI login/logout with Basic auth (htpasswd)", () => {
	let htp: Htpasswd;
	let reg: RunningRegistry;
	let proxy: RunningProxy;
	let work: TempDir;
	let host: string;
	const newDir = () => work.caseDir();

	before(async () => {
		htp = await makeHtpasswd([{ username: USER, password: PASS }]);
		reg = await startRegistry({ extraConfig: htp.registryConfig });
		proxy = await startTinyproxy();
		work = await tempDir("oras-ts-cli-auth-");
		// `localhost` uses plain http by oras's rule, so the documented flows run verbatim.
		host = `localhost:${reg.port}`;
	});
	after(async () => {
		await proxy?.stop();
		await reg?.stop();
		await htp?.cleanup();
		await work?.cleanup();
	});

	it("logs in with --password-stdin, writes config.json 0600 keeping other keys, pushes and pulls with it, logs out", async () => {
		const dir = await newDir();
		const cfgDir = join(dir, "docker");
		await mkdir(cfgDir);
		const cfgPath = join(cfgDir, "config.json");
		const otherAuth = Buffer.from("someone:else").toString("base64");
		await writeFile(cfgPath, JSON.stringify({ auths: { "other.example": { auth: otherAuth } }, HttpHeaders: { "X-Keep": "1" }, psFormat: "table" }));
		const env = { DOCKER_CONFIG: cfgDir };
		const login = await oras(["login", "-u", USER, "--password-stdin", host], { cwd: dir, env, stdin: PASS });
		assert.equal(login.code, 0, login.stderr);
		assert.equal(login.stdout, "Login Succeeded\n");
		assert.equal(login.stderr, "");
		const cfg = JSON.parse(await readFile(cfgPath, "utf8"));
		assert.equal(cfg.auths[host].auth, Buffer.from(`${USER}:${PASS}`).toString("base64"));
		assert.equal(cfg.auths["other.example"].auth, otherAuth);
		assert.deepEqual(cfg.HttpHeaders, { "X-Keep": "1" });
		assert.equal(cfg.psFormat, "table");
		assert.equal((await stat(cfgPath)).mode & 0o777, 0o600);

		// push and pull use the stored credential
		await writeFile(join(dir, "hello.txt"), "hello through basic auth\n");
		const push = await oras(["push", `${host}/auth/basic:v1`, "hello.txt"], { cwd: dir, env });
		assert.equal(push.code, 0, push.stderr);
		const pull = await oras(["pull", `${host}/auth/basic:v1`, "-o", "out"], { cwd: dir, env });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(dir, "out", "hello.txt"), "utf8"), "hello through basic auth\n");

		const logout = await oras(["logout", host], { cwd: dir, env });
		assert.equal(logout.code, 0, logout.stderr);
		const after = JSON.parse(await readFile(cfgPath, "utf8"));
		assert.equal(after.auths[host], undefined);
		assert.equal(after.auths["other.example"].auth, otherAuth);
		assert.equal(after.psFormat, "table");
		const denied = await oras(["pull", `${host}/auth/basic:v1`, "-o", "out2"], { cwd: dir, env });
		assert.equal(denied.code, 1);
		assert.match(denied.stderr, /basic credential not found/);
		// logging out again is silent
		assert.equal((await oras(["logout", host], { cwd: dir, env })).code, 0);
	});

	it("refuses a wrong password with one clear line and stores nothing", async () => {
		const dir = await newDir();
		const r = await oras(["login", "-u", USER, "--password-stdin", host], { cwd: dir, env: { DOCKER_CONFIG: join(dir, "docker") }, stdin: "wrong-password\n" });
		assert.equal(r.code, 1);
		assert.equal(r.stdout, "");
		const lines = r.stderr.trimEnd().split("\n");
		assert.match(lines[0] ?? "", new RegExp(`^Error response from registry: failed to validate the credentials for ${host}: unauthorized: authentication required$`));
		assert.match(lines[1] ?? "", /check the username and password/);
		assert.equal(lines.length, 2);
		assert.doesNotMatch(r.stderr, /wrong-password/);
		await assert.rejects(stat(join(dir, "docker", "config.json")), { code: "ENOENT" });
	});

	it("warns about -p on the command line, reads --registry-config, and keeps secrets out of --debug output", async () => {
		const dir = await newDir();
		const cfgPath = join(dir, "auth.json");
		const r = await oras(["login", "-d", "-u", USER, "-p", PASS, "--registry-config", "auth.json", host], { cwd: dir });
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stderr, /^WARNING! Using --password via the CLI is insecure\. Use --password-stdin\.$/m);
		assert.match(r.stderr, /^> Request URL: "http:\/\/localhost:\d+\/v2\/"$/m, "debug traces the request");
		const basic = Buffer.from(`${USER}:${PASS}`).toString("base64");
		const cfg = JSON.parse(await readFile(cfgPath, "utf8"));
		assert.equal(cfg.auths[host].auth, basic);
		await writeFile(join(dir, "a.txt"), "debug push\n");
		const push = await oras(["push", "-d", "--registry-config", "auth.json", `${host}/auth/debug:v1`, "a.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		for (const out of [r.stderr + r.stdout, push.stderr + push.stdout]) {
			assert.doesNotMatch(out, new RegExp(PASS));
			assert.doesNotMatch(out, new RegExp(basic.replace(/[+/=]/g, "\\$&")));
			assert.match(out, /^ {3}"Authorization": "\*\*\*\*\*"$/m);
		}
	});

	it("prompts for username and password when no secret is given (piped stdin)", async () => {
		const dir = await newDir();
		const r = await oras(["login", "--registry-config", "c.json", host], { cwd: dir, stdin: `${USER}\n${PASS}\n` });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, "Username: Password: Login Succeeded\n");
		const empty = await oras(["login", "--registry-config", "c.json", host], { cwd: dir, stdin: `${USER}\n\n` });
		assert.equal(empty.code, 1);
		assert.equal(empty.stderr, "Error: password required\n");
		const token = await oras(["login", "--registry-config", "c.json", host], { cwd: dir, stdin: "\n\n" });
		assert.equal(token.stderr, "Error: token required\n");
	});

	it("uses a credential helper on PATH: credsStore for store/erase on login/logout, get for push", async () => {
		const dir = await newDir();
		const bin = join(dir, "bin");
		await mkdir(bin);
		await writeFile(join(bin, "docker-credential-test"), HELPER);
		await chmod(join(bin, "docker-credential-test"), 0o755);
		const cfgDir = join(dir, "docker");
		await mkdir(cfgDir);
		await writeFile(join(cfgDir, "config.json"), JSON.stringify({ credsStore: "test" }));
		const env = { DOCKER_CONFIG: cfgDir, PATH: `${bin}:${process.env.PATH ?? ""}` };
		const login = await oras(["login", "-u", USER, "--password-stdin", host], { cwd: dir, env, stdin: PASS });
		assert.equal(login.code, 0, login.stderr);
		const stored = JSON.parse(await readFile(join(bin, "cred.json"), "utf8"));
		assert.deepEqual(stored, { ServerURL: host, Username: USER, Secret: PASS });
		const cfgText = await readFile(join(cfgDir, "config.json"), "utf8");
		assert.doesNotMatch(cfgText, new RegExp(PASS), "the secret never touches the file");
		assert.doesNotMatch(cfgText, /"auth"/);

		await writeFile(join(dir, "b.txt"), "via helper\n");
		const push = await oras(["push", `${host}/auth/helper:v1`, "b.txt"], { cwd: dir, env });
		assert.equal(push.code, 0, push.stderr);
		const logout = await oras(["logout", host], { cwd: dir, env });
		assert.equal(logout.code, 0, logout.stderr);
		await assert.rejects(stat(join(bin, "cred.json")), { code: "ENOENT" });
		const calls = (await readFile(join(bin, "calls.log"), "utf8")).trim().split("\n");
		assert.equal(calls[0], "store");
		assert.ok(calls.includes("get"), calls.join(","));
		assert.equal(calls.at(-1), "erase");
	});

	it("sends plain-HTTP traffic through HTTP_PROXY (tinyproxy), and bypasses it for NO_PROXY", async () => {
		const dir = await newDir();
		// Go's rule never proxies localhost/loopback literals: reach the registry by a name, mapped with --resolve.
		const name = `registry.test:${reg.port}`;
		const flags = ["--plain-http", "--resolve", `${name}:127.0.0.1`, "--registry-config", "c.json"];
		const before = (await proxy.requests()).length;
		const r = await oras(["login", ...flags, "-u", USER, "--password-stdin", name], { cwd: dir, stdin: PASS, env: { HTTP_PROXY: proxy.url } });
		assert.equal(r.code, 0, r.stderr);
		const seen = (await proxy.requests()).slice(before);
		assert.ok(
			seen.some((l) => l === `GET http://127.0.0.1:${reg.port}/v2/`),
			`proxy log shows the request: ${seen.join(" | ")}`,
		);
		const cfg = JSON.parse(await readFile(join(dir, "c.json"), "utf8"));
		assert.ok(cfg.auths[name].auth);

		const mid = (await proxy.requests()).length;
		const direct = await oras(["login", ...flags, "-u", USER, "--password-stdin", name], {
			cwd: dir,
			stdin: PASS,
			env: { http_proxy: proxy.url, no_proxy: "example.org,.test" },
		});
		assert.equal(direct.code, 0, direct.stderr);
		assert.equal((await proxy.requests()).length, mid, "NO_PROXY bypasses the proxy");
	});
});
