/**
 * The CLI against TLS registries (throw-away CA from the tls fixture): untrusted certificates are
 * refused with a hint, `--insecure` and `--ca-file` work, a registry requiring client certificates
 * works with `--cert-file/--key-file` only, and HTTPS_PROXY (tinyproxy, CONNECT) carries the traffic.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type Htpasswd, makeHtpasswd } from "./fixtures/htpasswd.js";
import { type RunningProxy, startTinyproxy } from "./fixtures/proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { makeTls, type TlsMaterial } from "./fixtures/tls.js";

const USER = "tls-user";
const PASS = "tls-Secret-9";

describe("CLI over TLS", () => {
	let tls: TlsMaterial;
	let htp: Htpasswd;
	let reg: RunningRegistry;
	let mtls: RunningRegistry;
	let proxy: RunningProxy;
	let work: TempDir;
	const newDir = () => work.caseDir();

	before(async () => {
		tls = await makeTls();
		htp = await makeHtpasswd([{ username: USER, password: PASS }]);
		reg = await startRegistry({ httpConfig: tls.httpConfig(), extraConfig: htp.registryConfig, scheme: "https" });
		mtls = await startRegistry({ httpConfig: tls.httpConfig({ clientAuth: true }), scheme: "https" });
		proxy = await startTinyproxy({ connectPorts: [reg.port] });
		work = await tempDir("oras-ts-cli-tls-");
	});
	after(async () => {
		await proxy?.stop();
		await mtls?.stop();
		await reg?.stop();
		await htp?.cleanup();
		await tls?.cleanup();
		await work?.cleanup();
	});

	it("refuses an untrusted certificate with the problem and the --ca-file/--insecure hint; both flags then work", async () => {
		const dir = await newDir();
		const login = (...flags: string[]) => oras(["login", "-u", USER, "--password-stdin", "--registry-config", "c.json", ...flags, reg.host], { cwd: dir, stdin: PASS });
		const refused = await login();
		assert.equal(refused.code, 1);
		const [line, hint, extra] = refused.stderr.split("\n");
		assert.match(line ?? "", new RegExp(`^Error: failed to validate the credentials for ${reg.host}: GET "https://${reg.host}/v2/": .*certificate`));
		assert.match(hint ?? "", /--ca-file/);
		assert.match(hint ?? "", /--insecure/);
		assert.equal(extra, "");
		await assert.rejects(readFile(join(dir, "c.json")), { code: "ENOENT" });

		const insecure = await login("--insecure");
		assert.equal(insecure.code, 0, insecure.stderr);
		const trusted = await login("--ca-file", tls.caCert);
		assert.equal(trusted.code, 0, trusted.stderr);
		assert.equal(trusted.stdout, "Login Succeeded\n");

		// push and pull over TLS with the stored credential
		await writeFile(join(dir, "s.txt"), "over tls\n");
		const push = await oras(["push", "--ca-file", tls.caCert, "--registry-config", "c.json", `${reg.host}/tls/repo:v1`, "s.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		const pull = await oras(["pull", "--insecure", "--registry-config", "c.json", `${reg.host}/tls/repo:v1`, "-o", "out"], { cwd: dir });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(dir, "out", "s.txt"), "utf8"), "over tls\n");
	});

	it("stores docker.io logins under https://index.docker.io/v1/ (Docker Hub mapped to loopback with --resolve)", async () => {
		const dir = await newDir();
		const flags = ["--insecure", "--resolve", `registry-1.docker.io:443:127.0.0.1:${reg.port}`, "--registry-config", "c.json"];
		const login = await oras(["login", ...flags, "-u", USER, "--password-stdin", "docker.io"], { cwd: dir, stdin: PASS });
		assert.equal(login.code, 0, login.stderr);
		const cfg = JSON.parse(await readFile(join(dir, "c.json"), "utf8"));
		assert.deepEqual(Object.keys(cfg.auths), ["https://index.docker.io/v1/"]);
		assert.equal(cfg.auths["https://index.docker.io/v1/"].auth, Buffer.from(`${USER}:${PASS}`).toString("base64"));
		const logout = await oras(["logout", "--registry-config", "c.json", "docker.io"], { cwd: dir });
		assert.equal(logout.code, 0, logout.stderr);
		assert.deepEqual(JSON.parse(await readFile(join(dir, "c.json"), "utf8")).auths, {});
	});

	it("uses a client certificate with --cert-file/--key-file and is refused without one", async () => {
		const dir = await newDir();
		const base = ["login", "-u", "any", "--password-stdin", "--registry-config", "c.json", "--ca-file", tls.caCert];
		const ok = await oras([...base, "--cert-file", tls.clientCert, "--key-file", tls.clientKey, mtls.host], { cwd: dir, stdin: "x" });
		assert.equal(ok.code, 0, ok.stderr);
		const refused = await oras([...base, mtls.host], { cwd: dir, stdin: "x" });
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, new RegExp(`^Error: failed to validate the credentials for ${mtls.host}: `));
		assert.match(refused.stderr, /--cert-file/);
		assert.ok(refused.stderr.trimEnd().split("\n").length <= 2, refused.stderr);
		const half = await oras([...base, "--cert-file", tls.clientCert, mtls.host], { cwd: dir, stdin: "x" });
		assert.equal(half.stderr, "Error: --cert-file must be used in conjunction with --key-file\n");
	});

	it("tunnels https through HTTPS_PROXY (tinyproxy CONNECT) for login, push and pull", async () => {
		const dir = await newDir();
		// Go never proxies loopback literals: use a name, mapped to 127.0.0.1 with --resolve (the proxy is asked for that address).
		const name = `registry.test:${reg.port}`;
		const flags = ["--insecure", "--resolve", `${name}:127.0.0.1`, "--registry-config", "c.json"];
		const env = { HTTPS_PROXY: proxy.url, NO_PROXY: "localhost,example.org" };
		const before = (await proxy.requests()).length;
		const login = await oras(["login", ...flags, "-u", USER, "--password-stdin", name], { cwd: dir, env, stdin: PASS });
		assert.equal(login.code, 0, login.stderr);
		await writeFile(join(dir, "p.txt"), "through the proxy\n");
		const push = await oras(["push", ...flags, `${name}/proxied/repo:v1`, "p.txt"], { cwd: dir, env });
		assert.equal(push.code, 0, push.stderr);
		const pull = await oras(["pull", ...flags, `${name}/proxied/repo:v1`, "-o", "out"], { cwd: dir, env });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(dir, "out", "p.txt"), "utf8"), "through the proxy\n");
		const seen = (await proxy.requests()).slice(before);
		assert.ok(seen.length >= 3, `one tunnel per command at least: ${seen.join(" | ")}`);
		assert.ok(
			seen.every((l) => l === `CONNECT 127.0.0.1:${reg.port}`),
			seen.join(" | "),
		);
		// a port the proxy does not allow: one clear line naming the proxy
		const other = `registry.test:${mtls.port}`;
		const refused = await oras(["login", "--insecure", "--resolve", `${other}:127.0.0.1`, "--registry-config", "c.json", "-u", "x", "--password-stdin", other], {
			cwd: dir,
			env,
			stdin: "x",
		});
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, /^Error: failed to validate the credentials for registry\.test:\d+: GET "https:\/\/registry\.test:\d+\/v2\/": proxyconnect http:\/\/127\.0\.0\.1:\d+: CONNECT 127\.0\.0\.1:\d+: 403/);
	});
});
