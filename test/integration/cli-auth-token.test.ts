/**
 * `login` and push/pull through the CLI against distribution 2.8 with token auth (the JWT issuer
 * fixture): Basic credentials exchanged for tokens, the identity-token (refresh token POST) flow,
 * wrong passwords, refused scopes, expired tokens, and `--debug` output without secrets.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { startTokenIssuer, type TokenIssuer } from "./fixtures/token-issuer.js";

const USER = "token-user";
const PASS = "token-Secret-7";
const READER = "reader";
const READER_PASS = "reader-Secret-8";

describe("CLI with token auth", () => {
	let issuer: TokenIssuer;
	let reg: RunningRegistry;
	let expiredIssuer: TokenIssuer;
	let expiredReg: RunningRegistry;
	let work: TempDir;
	let host: string;
	const newDir = () => work.caseDir();

	before(async () => {
		issuer = await startTokenIssuer({
			users: { [USER]: PASS, [READER]: READER_PASS },
			realmHost: "localhost",
			// the reader may only pull
			policy: (subject, resource, requested) => {
				if (resource.type !== "repository") return [];
				if (subject === USER) return [...requested];
				if (subject === READER) return requested.filter((a) => a === "pull");
				return resource.name.startsWith("public/") ? requested.filter((a) => a === "pull") : [];
			},
		});
		reg = await startRegistry({ extraConfig: issuer.registryConfig });
		// Tokens that are already expired (beyond distribution's 60 s leeway) when issued.
		expiredIssuer = await startTokenIssuer({ users: { [USER]: PASS }, realmHost: "localhost", ttlSeconds: -120 });
		expiredReg = await startRegistry({ extraConfig: expiredIssuer.registryConfig });
		work = await tempDir("oras-ts-cli-token-");
		host = `localhost:${reg.port}`;
	});
	after(async () => {
		await reg?.stop();
		await issuer?.stop();
		await expiredReg?.stop();
		await expiredIssuer?.stop();
		await work?.cleanup();
	});

	it("logs in with Basic credentials exchanged for a token, then pushes and pulls with the stored credential", async () => {
		const dir = await newDir();
		issuer.reset();
		const login = await oras(["login", "-u", USER, "--password-stdin", "--registry-config", "c.json", host], { cwd: dir, stdin: `${PASS}\n` });
		assert.equal(login.code, 0, login.stderr);
		assert.equal(login.stdout, "Login Succeeded\n");
		assert.ok(
			issuer.requests.some((r) => r.method === "GET" && r.grant === "basic" && r.subject === USER && r.status === 200),
			JSON.stringify(issuer.requests),
		);
		await writeFile(join(dir, "t.txt"), "token auth\n");
		const push = await oras(["push", "--registry-config", "c.json", `${host}/auth/token:v1`, "t.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		const pull = await oras(["pull", "--registry-config", "c.json", `${host}/auth/token:v1`, "-o", "out"], { cwd: dir });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(dir, "out", "t.txt"), "utf8"), "token auth\n");
		assert.ok(issuer.requests.some((r) => r.scopes.includes("repository:auth/token:pull,push") && r.status === 200));
	});

	it("logs in with an identity token (refresh-token POST), stores it as identitytoken, and pulls with it", async () => {
		const dir = await newDir();
		const refresh = issuer.issueRefreshToken(USER);
		issuer.reset();
		const login = await oras(["login", "--identity-token-stdin", "--registry-config", "c.json", host], { cwd: dir, stdin: refresh });
		assert.equal(login.code, 0, login.stderr);
		assert.ok(issuer.requests.every((r) => r.method === "POST" && r.grant === "refresh_token"), JSON.stringify(issuer.requests));
		assert.ok(issuer.requests.length > 0);
		const cfg = JSON.parse(await readFile(join(dir, "c.json"), "utf8"));
		assert.deepEqual(cfg.auths[host], { identitytoken: refresh });
		await writeFile(join(dir, "r.txt"), "refresh\n");
		const push = await oras(["push", "--registry-config", "c.json", `${host}/auth/refresh:v1`, "r.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		assert.ok(issuer.requests.some((r) => r.grant === "refresh_token" && r.scopes.includes("repository:auth/refresh:pull,push")));
		// -p without -u is an identity token too (with the insecure-flag warning)
		const p = await oras(["login", "-p", refresh, "--registry-config", "c2.json", host], { cwd: dir });
		assert.equal(p.code, 0, p.stderr);
		assert.match(p.stderr, /WARNING! Using --password via the CLI is insecure/);
	});

	it("explains a wrong password, a refused (read-only) push scope and an expired token in one line each", async () => {
		const dir = await newDir();
		const bad = await oras(["login", "-u", USER, "--password-stdin", "--registry-config", "c.json", host], { cwd: dir, stdin: "nope" });
		assert.equal(bad.code, 1);
		const [line, hint] = bad.stderr.trimEnd().split("\n");
		assert.match(line ?? "", new RegExp(`^Error response from registry: failed to validate the credentials for ${host}: `));
		assert.match(hint ?? "", /check the username and password/);

		const reader = await oras(["login", "-u", READER, "--password-stdin", "--registry-config", "c.json", host], { cwd: dir, stdin: READER_PASS });
		assert.equal(reader.code, 0, reader.stderr);
		await writeFile(join(dir, "x.txt"), "x\n");
		const push = await oras(["push", "--registry-config", "c.json", `${host}/auth/readonly:v1`, "x.txt"], { cwd: dir });
		assert.equal(push.code, 1);
		assert.match(push.stderr, /^Error[^\n]*unauthorized/);
		assert.ok(push.stderr.trimEnd().split("\n").length <= 2, push.stderr);

		const expired = await oras(["login", "-u", USER, "--password-stdin", "--registry-config", "c.json", `localhost:${expiredReg.port}`], { cwd: dir, stdin: PASS });
		assert.equal(expired.code, 1);
		assert.match(expired.stderr, /^Error response from registry: failed to validate the credentials for localhost:\d+: unauthorized/);
		assert.ok(expiredIssuer.issuedCount() > 0, "a token was issued and then refused by the registry");
	});

	it("keeps the password and every issued token out of --debug output", async () => {
		const dir = await newDir();
		issuer.reset();
		const login = await oras(["login", "-d", "-u", USER, "--password-stdin", "--registry-config", "c.json", host], { cwd: dir, stdin: PASS });
		assert.equal(login.code, 0, login.stderr);
		await writeFile(join(dir, "d.txt"), "debug\n");
		const push = await oras(["push", "-d", "--registry-config", "c.json", `${host}/auth/debug:v1`, "d.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		assert.ok(issuer.issuedCount() >= 2);
		// Every token the issuer minted is a JWT signed by it; none of their signatures may appear.
		const out = login.stderr + login.stdout + push.stderr + push.stdout;
		assert.match(out, /^ {3}"Authorization": "\*\*\*\*\*"$/m);
		assert.doesNotMatch(out, new RegExp(PASS));
		assert.doesNotMatch(out, /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./, "no JWT in the output");
		assert.doesNotMatch(out, new RegExp(Buffer.from(`${USER}:${PASS}`).toString("base64").replace(/[+/=]/g, "\\$&")));
	});
});
