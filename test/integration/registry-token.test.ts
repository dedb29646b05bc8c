/**
 * Bearer auth against the real distribution with `auth: token`: an in-process token issuer
 * (RS256 JWTs with an x5c chain the registry trusts through `rootcertbundle`).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createPrivateKey, randomBytes, sign } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { readAllVerified } from "../../src/content/verify.js";
import { OrasError } from "../../src/errors.js";
import { descriptorFromBytes } from "../../src/oci/descriptor.js";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createRepository } from "../../src/registry/index.js";
import { type TinyServer, tinyServer } from "../unit/registry/helpers.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

describe("remote repository with token (Bearer) auth", () => {
	let reg: RunningRegistry;
	let issuer: TinyServer;
	let dir: string;
	before(async () => {
		const openssl = requireTool("openssl", "openssl");
		dir = await mkdtemp(join(tmpdir(), "oras-ts-token-"));
		const keyPath = join(dir, "key.pem");
		const certPath = join(dir, "cert.pem");
		const r = spawnSync(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", "/CN=oras-ts-test-issuer"], {
			encoding: "utf8",
		});
		assert.equal(r.status, 0, r.stderr);
		const key = createPrivateKey(await readFile(keyPath));
		const certDer = (await readFile(certPath, "utf8")).replace(/-----[^-]+-----|\s/g, "");
		issuer = await tinyServer((req, res) => {
			const url = new URL(req.url ?? "/", "http://x");
			const auth = req.headers.authorization;
			const user = auth === `Basic ${Buffer.from("alice:s3cret").toString("base64")}` ? "alice" : auth === undefined ? "" : undefined;
			if (user === undefined) {
				res.statusCode = 401;
				res.setHeader("content-type", "application/json");
				res.end('{"errors":[{"code":"UNAUTHORIZED","message":"invalid credentials"}]}');
				return;
			}
			const access = url.searchParams.getAll("scope").map((s) => {
				const [type, name, actions] = s.split(":");
				const wanted = (actions ?? "").split(",");
				return { type, name, actions: user === "alice" ? wanted : wanted.filter((a) => a === "pull") };
			});
			const now = Math.floor(Date.now() / 1000);
			const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", x5c: [certDer] }));
			const claims = b64url(
				JSON.stringify({ iss: "oras-ts-test", sub: user, aud: url.searchParams.get("service"), exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString("hex"), access }),
			);
			const sig = b64url(sign("sha256", Buffer.from(`${header}.${claims}`), key));
			res.setHeader("content-type", "application/json");
			res.end(JSON.stringify({ token: `${header}.${claims}.${sig}` }));
		});
		reg = await startRegistry({
			extraConfig: [
				"auth:",
				"  token:",
				`    realm: ${issuer.origin}/token`,
				"    service: oras-ts-test-registry",
				"    issuer: oras-ts-test",
				`    rootcertbundle: ${certPath}`,
			].join("\n"),
		});
	});
	after(async () => {
		await reg?.stop();
		await issuer?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it("pushes and pulls with one pull,push token for the whole push", async () => {
		const repo = createRepository(`${reg.host}/token/repo`, { plainHttp: true, retry: false, credential: { username: "alice", password: "s3cret" }, scopeActions: ["pull", "push"] });
		const layer = Buffer.from("behind a token");
		const desc = descriptorFromBytes(MediaType.ImageLayer, layer);
		const cfg = Buffer.from("{}");
		const cfgDesc = descriptorFromBytes(MediaType.Empty, cfg);
		await Promise.all([repo.push(desc, Readable.from([layer])), repo.push(cfgDesc, Readable.from([cfg]))]);
		const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: cfgDesc, layers: [desc] }));
		const mDesc = descriptorFromBytes(MediaType.ImageManifest, manifest);
		await repo.pushReference(mDesc, Readable.from([manifest]), "v1");
		assert.deepEqual(await repo.resolve("v1"), mDesc);
		assert.deepEqual(await readAllVerified(await repo.fetch(desc), desc), layer);
		const tokenReqs = issuer.requests.filter((q) => q.url.startsWith("/token"));
		assert.equal(tokenReqs.length, 1, tokenReqs.map((q) => q.url).join(" | "));
		assert.equal(tokenReqs[0]?.url, "/token?scope=repository%3Atoken%2Frepo%3Apull%2Cpush&service=oras-ts-test-registry");
		repo.client.close();
	});

	it("pulls anonymously but cannot push without credentials", async () => {
		const anon = createRepository(`${reg.host}/token/repo`, { plainHttp: true, retry: false });
		const mDesc = await anon.resolve("v1");
		assert.equal(mDesc.mediaType, MediaType.ImageManifest);
		const blob = Buffer.from("anonymous write");
		await assert.rejects(anon.push(descriptorFromBytes(MediaType.ImageLayer, blob), Readable.from([blob])), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "UNAUTHORIZED");
			assert.equal(e.message.includes("\n"), false);
			return true;
		});
		anon.client.close();
	});

	it("fails with UNAUTHORIZED when the token service rejects the credentials", async () => {
		const bad = createRepository(`${reg.host}/token/repo`, { plainHttp: true, retry: false, credential: { username: "alice", password: "nope" } });
		await assert.rejects(bad.resolve("v1"), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "UNAUTHORIZED");
			assert.equal(e.message, "unauthorized: invalid credentials");
			return true;
		});
		bad.client.close();
	});
});
