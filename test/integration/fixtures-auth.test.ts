/**
 * Proves the auth fixtures (htpasswd, token issuer, TLS) configure the real registry as intended,
 * using only plain HTTP requests (no oras-ts client code).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { basicAuthorization, type Htpasswd, makeHtpasswd } from "./fixtures/htpasswd.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { httpsRequest, makeTls, type TlsMaterial, waitForHttps } from "./fixtures/tls.js";
import { parseScope, startTokenIssuer, type TokenIssuer } from "./fixtures/token-issuer.js";

const USER = "oras-user";
const PASS = "oras-pass-Secret!1";

/** Pushes a small blob (POST then PUT ?digest=) and returns its digest; throws with the status on failure. */
async function pushBlob(base: string, repo: string, data: Buffer, authorization?: string): Promise<{ status: number; digest: string; res: Response }> {
	const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
	const headers: Record<string, string> = authorization ? { authorization } : {};
	const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: "POST", headers });
	if (start.status !== 202) {
		await start.body?.cancel();
		return { status: start.status, digest, res: start };
	}
	await start.body?.cancel();
	const loc = new URL(start.headers.get("location") ?? "", base);
	loc.searchParams.set("digest", digest);
	const put = await fetch(loc, {
		method: "PUT",
		headers: { ...headers, "content-type": "application/octet-stream", "content-length": String(data.length) },
		body: data,
	});
	await put.body?.cancel();
	return { status: put.status, digest, res: put };
}

/** Parses `Bearer k="v",k2="v2"` (enough for distribution's challenges). */
function bearerParams(header: string | null): Record<string, string> {
	assert.ok(header, "WWW-Authenticate present");
	const m = /^Bearer\s+(.*)$/i.exec(header);
	assert.ok(m, `Bearer challenge, got ${header}`);
	const out: Record<string, string> = {};
	for (const p of (m[1] as string).matchAll(/(\w+)="([^"]*)"/g)) out[p[1] as string] = p[2] as string;
	return out;
}

function jwtClaims(token: string): { sub: string; aud: unknown; iss: string; access: Array<{ type: string; name: string; actions: string[] }> } {
	const parts = token.split(".");
	assert.equal(parts.length, 3, "JWT has three parts");
	const header = JSON.parse(Buffer.from(parts[0] as string, "base64url").toString("utf8"));
	assert.equal(header.alg, "RS256");
	assert.ok(Array.isArray(header.x5c) && header.x5c.length === 1, "x5c carries the signing certificate");
	return JSON.parse(Buffer.from(parts[1] as string, "base64url").toString("utf8"));
}

describe("htpasswd fixture", () => {
	let htp: Htpasswd;
	let reg: RunningRegistry;
	before(async () => {
		htp = await makeHtpasswd([
			{ username: USER, password: PASS },
			{ username: "second", password: "another-pass" },
		]);
		reg = await startRegistry({ extraConfig: htp.registryConfig });
	});
	after(async () => {
		await reg?.stop();
		await htp?.cleanup();
	});

	it("answers 401 with a Basic challenge without credentials", async () => {
		const res = await fetch(`http://${reg.host}/v2/`);
		await res.body?.cancel();
		assert.equal(res.status, 401);
		assert.equal(res.headers.get("www-authenticate"), `Basic realm="${htp.realm}"`);
	});
	it("answers 200 with the right Basic credentials, for every user, and 401 with a wrong password", async () => {
		for (const [u, p] of [
			[USER, PASS],
			["second", "another-pass"],
		] as const) {
			const ok = await fetch(`http://${reg.host}/v2/`, { headers: { authorization: basicAuthorization(u, p) } });
			await ok.body?.cancel();
			assert.equal(ok.status, 200, u);
		}
		const bad = await fetch(`http://${reg.host}/v2/`, { headers: { authorization: basicAuthorization(USER, "wrong") } });
		await bad.body?.cancel();
		assert.equal(bad.status, 401);
	});
	it("lets an authenticated user push and pull a blob", async () => {
		const data = Buffer.from("htpasswd blob");
		const auth = basicAuthorization(USER, PASS);
		const pushed = await pushBlob(`http://${reg.host}`, "basic/repo", data, auth);
		assert.equal(pushed.status, 201);
		const got = await fetch(`http://${reg.host}/v2/basic/repo/blobs/${pushed.digest}`, { headers: { authorization: auth } });
		assert.equal(got.status, 200);
		assert.deepEqual(Buffer.from(await got.arrayBuffer()), data);
		assert.equal((await pushBlob(`http://${reg.host}`, "basic/repo", data)).status, 401, "anonymous push refused");
	});
});

describe("token issuer fixture", () => {
	let issuer: TokenIssuer;
	let reg: RunningRegistry;
	let base: string;
	before(async () => {
		issuer = await startTokenIssuer({ users: { [USER]: PASS }, publicPrefix: "public/" });
		reg = await startRegistry({ extraConfig: issuer.registryConfig });
		base = `http://${reg.host}`;
	});
	after(async () => {
		await reg?.stop();
		await issuer?.stop();
	});

	async function getToken(scopes: string[], authorization?: string): Promise<string> {
		const u = new URL(issuer.realm);
		u.searchParams.set("service", issuer.service);
		for (const s of scopes) u.searchParams.append("scope", s);
		const res = await fetch(u, { headers: authorization ? { authorization } : {} });
		assert.equal(res.status, 200, `token request: ${res.status}`);
		const body = (await res.json()) as { token: string; access_token: string; expires_in: number };
		assert.equal(body.token, body.access_token);
		assert.ok(body.expires_in > 0);
		return body.access_token;
	}

	it("makes the registry challenge with Bearer naming its realm and service", async () => {
		const res = await fetch(`${base}/v2/`);
		await res.body?.cancel();
		assert.equal(res.status, 401);
		const c = bearerParams(res.headers.get("www-authenticate"));
		assert.equal(c.realm, issuer.realm);
		assert.equal(c.service, issuer.service);
		const repoRes = await fetch(`${base}/v2/private/thing/tags/list`);
		await repoRes.body?.cancel();
		assert.equal(repoRes.status, 401);
		assert.equal(bearerParams(repoRes.headers.get("www-authenticate")).scope, "repository:private/thing:pull");
	});
	it("issues a token the registry accepts for /v2/", async () => {
		const token = await getToken([]);
		const claims = jwtClaims(token);
		assert.equal(claims.aud, issuer.service);
		assert.equal(claims.iss, issuer.issuer);
		assert.equal(claims.sub, "");
		const res = await fetch(`${base}/v2/`, { headers: { authorization: `Bearer ${token}` } });
		await res.body?.cancel();
		assert.equal(res.status, 200, reg.log());
		const forged = `${token.slice(0, token.lastIndexOf(".") + 1)}${Buffer.from("not the signature").toString("base64url")}`;
		const bad = await fetch(`${base}/v2/`, { headers: { authorization: `Bearer ${forged}` } });
		await bad.body?.cancel();
		assert.equal(bad.status, 401, "a token with a bad signature is refused");
	});
	it("grants a user push, anonymous pull on the public prefix only, and no anonymous push", async () => {
		const data = Buffer.from("token-protected blob");
		const userToken = await getToken(["repository:public/demo:pull,push"], basicAuthorization(USER, PASS));
		assert.deepEqual(jwtClaims(userToken).access, [{ type: "repository", name: "public/demo", actions: ["pull", "push"] }]);
		const pushed = await pushBlob(base, "public/demo", data, `Bearer ${userToken}`);
		assert.equal(pushed.status, 201, reg.log());
		const privPushed = await pushBlob(base, "private/demo", data, `Bearer ${await getToken(["repository:private/demo:push,pull"], basicAuthorization(USER, PASS))}`);
		assert.equal(privPushed.status, 201);

		const anon = await getToken(["repository:public/demo:pull,push"]);
		assert.deepEqual(jwtClaims(anon).access, [{ type: "repository", name: "public/demo", actions: ["pull"] }]);
		const pulled = await fetch(`${base}/v2/public/demo/blobs/${pushed.digest}`, { headers: { authorization: `Bearer ${anon}` } });
		assert.equal(pulled.status, 200);
		assert.deepEqual(Buffer.from(await pulled.arrayBuffer()), data);

		const denied = await pushBlob(base, "public/demo", data, `Bearer ${anon}`);
		assert.equal(denied.status, 401, "anonymous push denied");
		const challenge = bearerParams(denied.res.headers.get("www-authenticate"));
		assert.equal(challenge.error, "insufficient_scope");
		// distribution lists the missing actions in Go map order: either order is the same scope
		const [kind, name, actions] = (challenge.scope ?? "").split(":");
		assert.deepEqual([kind, name, actions?.split(",").sort()], ["repository", "public/demo", ["pull", "push"]]);

		const anonPriv = await getToken(["repository:private/demo:pull"]);
		assert.deepEqual(jwtClaims(anonPriv).access, [{ type: "repository", name: "private/demo", actions: [] }]);
		const privPull = await fetch(`${base}/v2/private/demo/blobs/${pushed.digest}`, { headers: { authorization: `Bearer ${anonPriv}` } });
		await privPull.body?.cancel();
		assert.equal(privPull.status, 401, "anonymous pull of a private repository denied");
	});
	it("refuses wrong credentials and a wrong service", async () => {
		const u = new URL(issuer.realm);
		u.searchParams.set("service", issuer.service);
		u.searchParams.set("scope", "repository:public/demo:pull");
		const res = await fetch(u, { headers: { authorization: basicAuthorization(USER, "wrong") } });
		await res.body?.cancel();
		assert.equal(res.status, 401);
		const u2 = new URL(issuer.realm);
		u2.searchParams.set("service", "someone-else");
		const res2 = await fetch(u2);
		await res2.body?.cancel();
		assert.equal(res2.status, 400);
	});
	it("supports POST password and refresh_token grants with offline refresh tokens", async () => {
		const form = (o: Record<string, string>) => ({
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: new URLSearchParams(o).toString(),
		});
		const pw = await fetch(
			issuer.realm,
			form({
				grant_type: "password",
				username: USER,
				password: PASS,
				service: issuer.service,
				client_id: "oras-ts-test",
				access_type: "offline",
				scope: "repository:public/demo:pull repository:private/demo:pull,push",
			}),
		);
		assert.equal(pw.status, 200);
		const pwBody = (await pw.json()) as { access_token: string; refresh_token?: string };
		assert.ok(pwBody.refresh_token, "offline access returns a refresh token");
		assert.deepEqual(
			jwtClaims(pwBody.access_token).access.map((a) => a.name),
			["public/demo", "private/demo"],
		);
		const rt = await fetch(
			issuer.realm,
			form({ grant_type: "refresh_token", refresh_token: pwBody.refresh_token, service: issuer.service, client_id: "oras-ts-test", scope: "repository:private/demo:pull" }),
		);
		assert.equal(rt.status, 200);
		const rtToken = ((await rt.json()) as { access_token: string }).access_token;
		assert.equal(jwtClaims(rtToken).sub, USER);
		const data = Buffer.from("pushed with a password-grant token");
		const pushed = await pushBlob(base, "private/demo", data, `Bearer ${pwBody.access_token}`);
		assert.equal(pushed.status, 201, "password-grant token accepted for push");
		const pulled = await fetch(`${base}/v2/private/demo/blobs/${pushed.digest}`, { headers: { authorization: `Bearer ${rtToken}` } });
		assert.equal(pulled.status, 200, "refresh-grant token accepted for pull");
		assert.deepEqual(Buffer.from(await pulled.arrayBuffer()), data);

		const seeded = issuer.issueRefreshToken(USER);
		const rt2 = await fetch(issuer.realm, form({ grant_type: "refresh_token", refresh_token: seeded, service: issuer.service, client_id: "x" }));
		await rt2.body?.cancel();
		assert.equal(rt2.status, 200);
		const bad = await fetch(issuer.realm, form({ grant_type: "refresh_token", refresh_token: "nope", service: issuer.service, client_id: "x" }));
		await bad.body?.cancel();
		assert.equal(bad.status, 401);
		const noClient = await fetch(issuer.realm, form({ grant_type: "password", username: USER, password: PASS, service: issuer.service }));
		await noClient.body?.cancel();
		assert.equal(noClient.status, 400, "client_id is required on POST");
	});
	it("logs requests without secrets and counts issued tokens", async () => {
		issuer.reset();
		await getToken(["repository:public/a:pull"]);
		await getToken(["repository:public/b:pull", "repository:public/c:pull"], basicAuthorization(USER, PASS));
		assert.equal(issuer.issuedCount(), 2);
		assert.equal(issuer.requests.length, 2);
		assert.deepEqual(
			issuer.requests.map((r) => [r.method, r.grant, r.subject, r.scopes]),
			[
				["GET", "anonymous", "", ["repository:public/a:pull"]],
				["GET", "basic", USER, ["repository:public/b:pull", "repository:public/c:pull"]],
			],
		);
		assert.ok(!JSON.stringify(issuer.requests).includes(PASS));
	});
	it("parses scopes with colons in the name", () => {
		assert.deepEqual(parseScope("repository:a/b:pull,push"), { type: "repository", name: "a/b", actions: ["pull", "push"] });
		assert.deepEqual(parseScope("registry:catalog:*"), { type: "registry", name: "catalog", actions: ["*"] });
		assert.deepEqual(parseScope("repository:host:5000/x:pull"), { type: "repository", name: "host:5000/x", actions: ["pull"] });
		assert.equal(parseScope("repository:pull"), undefined);
	});
});

describe("TLS fixture", () => {
	let tls: TlsMaterial;
	let reg: RunningRegistry;
	let mtlsReg: RunningRegistry;
	before(async () => {
		tls = await makeTls();
		reg = await startRegistry({ httpConfig: tls.httpConfig(), scheme: "https" });
		mtlsReg = await startRegistry({ httpConfig: tls.httpConfig({ clientAuth: true }), scheme: "https" });
		await waitForHttps(`https://${reg.host}/v2/`, { ca: tls.caCert }).catch((e: unknown) => {
			throw new Error(`${(e as Error).message}\n${reg.log()}`);
		});
		await waitForHttps(`https://${mtlsReg.host}/v2/`, { ca: tls.caCert, cert: tls.clientCert, key: tls.clientKey }).catch((e: unknown) => {
			throw new Error(`${(e as Error).message}\n${mtlsReg.log()}`);
		});
	});
	after(async () => {
		await reg?.stop();
		await mtlsReg?.stop();
		await tls?.cleanup();
	});

	it("serves https trusted through the test CA, for 127.0.0.1 and localhost", async () => {
		const res = await httpsRequest(`https://${reg.host}/v2/`, { ca: tls.caCert });
		assert.equal(res.status, 200);
		assert.equal(res.headers["docker-distribution-api-version"], "registry/2.0");
		const byName = await httpsRequest(`https://localhost:${reg.port}/v2/`, { ca: tls.caCert });
		assert.equal(byName.status, 200);
	});
	it("is not trusted without the CA", async () => {
		await assert.rejects(httpsRequest(`https://${reg.host}/v2/`), (e: unknown) => {
			// The server sends only its leaf, issued by a CA nobody trusts.
			assert.equal((e as NodeJS.ErrnoException).code, "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
			return true;
		});
		await assert.rejects(fetch(`https://${reg.host}/v2/`), "global fetch does not trust the test CA either");
	});
	it("serves the token issuer over https with the same material", async () => {
		const httpsIssuer = await startTokenIssuer({ users: { [USER]: PASS }, tls: { cert: tls.serverCert, key: tls.serverKey } });
		try {
			assert.match(httpsIssuer.realm, /^https:\/\/127\.0\.0\.1:\d+\/token$/);
			const res = await httpsRequest(`${httpsIssuer.realm}?service=${httpsIssuer.service}&scope=repository:public/x:pull`, { ca: tls.caCert });
			assert.equal(res.status, 200);
			const token = (JSON.parse(res.body) as { access_token: string }).access_token;
			assert.deepEqual(jwtClaims(token).access, [{ type: "repository", name: "public/x", actions: ["pull"] }]);
			assert.equal(httpsIssuer.issuedCount(), 1);
		} finally {
			await httpsIssuer.stop();
		}
	});
	it("requires a client certificate when clientcas is set", async () => {
		await assert.rejects(httpsRequest(`https://${mtlsReg.host}/v2/`, { ca: tls.caCert }), (e: unknown) => {
			// TLS 1.3: the server's alert arrives after the client's handshake completes (OpenSSL 3.5, in Node 24, names it SSL/TLS).
			assert.match(String((e as NodeJS.ErrnoException).code), /^(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED|ERR_SSL_(SSLV3|SSL\/TLS)_ALERT_BAD_CERTIFICATE|ECONNRESET)$/);
			return true;
		});
		const res = await httpsRequest(`https://${mtlsReg.host}/v2/`, { ca: tls.caCert, cert: tls.clientCert, key: tls.clientKey });
		assert.equal(res.status, 200);
	});
});
