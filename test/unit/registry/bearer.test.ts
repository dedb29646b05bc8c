import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { readAllVerified } from "../../../src/content/verify.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { AuthClient } from "../../../src/registry/auth/client.js";
import { createRepository, type Credential, type RepositoryOptions } from "../../../src/registry/index.js";
import { type TinyServer, tinyServer } from "./helpers.js";

const LAYER = Buffer.from("hello world\n");
const LAYER_DESC = descriptorFromBytes(MediaType.ImageLayer, LAYER);

/** A fake registry with a token service: tokens are `tok-<n>`; any issued token is accepted. */
async function fakeRegistry(extra?: (req: IncomingMessage, res: ServerResponse, body: string) => boolean): Promise<TinyServer & { tokens: string[] }> {
	const tokens: string[] = [];
	let origin = "";
	const srv = await tinyServer((req, res, body) => {
		const url = new URL(req.url ?? "/", origin);
		if (url.pathname === "/token") {
			const tok = `tok-${tokens.length + 1}`;
			tokens.push(tok);
			res.setHeader("content-type", "application/json");
			res.end(JSON.stringify(req.method === "POST" ? { access_token: tok, refresh_token: "new-rt" } : { token: tok, access_token: tok }));
			return;
		}
		const m = /^\/v2\/(.+?)\/(blobs|manifests|tags)\//.exec(url.pathname);
		const repo = m?.[1] ?? "";
		const auth = req.headers.authorization ?? "";
		if (!tokens.some((t) => auth === `Bearer ${t}`)) {
			const actions = req.method === "GET" || req.method === "HEAD" ? "pull" : "pull,push";
			res.statusCode = 401;
			res.setHeader("www-authenticate", `Bearer realm="${origin}/token",service="fake",scope="repository:${repo}:${actions}"`);
			res.setHeader("content-type", "application/json");
			res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
			return;
		}
		if (extra?.(req, res, body)) return;
		if (req.method === "GET" && url.pathname.endsWith(`/blobs/${LAYER_DESC.digest}`)) {
			res.setHeader("content-length", String(LAYER.length));
			res.end(LAYER);
			return;
		}
		res.statusCode = 404;
		res.end('{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}');
	});
	origin = srv.origin;
	return Object.assign(srv, { tokens });
}

function repo(srv: TinyServer, name: string, opts: RepositoryOptions = {}) {
	return createRepository(`${srv.host}/${name}`, { plainHttp: true, retry: false, ...opts });
}

describe("bearer auth", () => {
	it("fetches one token for concurrent requests (single flight) and reuses it", async (t) => {
		const srv = await fakeRegistry();
		t.after(() => srv.close());
		const r = repo(srv, "conc/repo");
		t.after(() => r.client.close());
		const bodies = await Promise.all(Array.from({ length: 5 }, async () => readAllVerified(await r.fetch(LAYER_DESC), LAYER_DESC)));
		for (const b of bodies) assert.deepEqual(b, LAYER);
		assert.deepEqual(srv.tokens, ["tok-1"]);
		const tokenReqs = srv.requests.filter((q) => q.url.startsWith("/token"));
		assert.equal(tokenReqs.length, 1);
		assert.equal(tokenReqs[0]?.url, "/token?scope=repository%3Aconc%2Frepo%3Apull&service=fake");
		assert.equal(tokenReqs[0]?.headers.authorization, undefined, "anonymous token request");
		// cached now: the next request goes straight with the token
		const before = srv.requests.length;
		assert.equal(await r.exists(LAYER_DESC), false); // HEAD of the blob is 404 in this fake
		assert.equal(srv.requests.length, before + 1);
		assert.equal(srv.requests.at(-1)?.headers.authorization, "Bearer tok-1");
	});

	it("asks for pull,push on pushes, with Basic credentials on the token request", async (t) => {
		const srv = await fakeRegistry((req, res) => {
			if (req.method === "POST") {
				res.statusCode = 202;
				res.setHeader("location", "/v2/push/repo/blobs/uploads/abc?_state=xyz");
				res.end();
				return true;
			}
			if (req.method === "PUT") {
				res.statusCode = 201;
				res.end();
				return true;
			}
			return false;
		});
		t.after(() => srv.close());
		const r = repo(srv, "push/repo", { credential: { username: "user", password: "pass" } });
		t.after(() => r.client.close());
		await r.push(LAYER_DESC, Readable.from([LAYER]));
		const tokenReq = srv.requests.find((q) => q.url.startsWith("/token"));
		assert.equal(tokenReq?.url, "/token?scope=repository%3Apush%2Frepo%3Apull%2Cpush&service=fake");
		assert.equal(tokenReq?.headers.authorization, "Basic dXNlcjpwYXNz");
		const put = srv.requests.find((q) => q.method === "PUT");
		assert.ok(put);
		const putURL = new URL(put.url, srv.origin);
		assert.equal(putURL.searchParams.get("digest"), LAYER_DESC.digest);
		assert.equal(putURL.searchParams.get("_state"), "xyz");
		assert.equal(put.headers.authorization, "Bearer tok-1", "the PUT reuses the POST's token");
		assert.equal(put.headers["content-type"], "application/octet-stream");
		assert.equal(put.headers["content-length"], String(LAYER.length));
		assert.equal(put.body, LAYER.toString());
	});

	it("uses the refresh-token grant and prefers access_token", async (t) => {
		const srv = await fakeRegistry();
		t.after(() => srv.close());
		const cred: Credential = { refreshToken: "my-refresh-token" };
		const r = repo(srv, "rt/repo", { credential: async () => cred, clientId: "oras-test" });
		t.after(() => r.client.close());
		assert.deepEqual(await readAllVerified(await r.fetch(LAYER_DESC), LAYER_DESC), LAYER);
		const tokenReq = srv.requests.find((q) => q.url.startsWith("/token"));
		assert.equal(tokenReq?.method, "POST");
		assert.equal(tokenReq?.url, "/token");
		assert.equal(tokenReq?.headers["content-type"], "application/x-www-form-urlencoded");
		assert.equal(tokenReq?.body, "client_id=oras-test&grant_type=refresh_token&refresh_token=my-refresh-token&scope=repository%3Art%2Frepo%3Apull&service=fake");
	});

	it("uses a registry access token as is", async (t) => {
		const srv = await fakeRegistry();
		t.after(() => srv.close());
		srv.tokens.push("given-token");
		const r = repo(srv, "at/repo", { credential: { accessToken: "given-token" } });
		t.after(() => r.client.close());
		assert.deepEqual(await readAllVerified(await r.fetch(LAYER_DESC), LAYER_DESC), LAYER);
		assert.equal(
			srv.requests.some((q) => q.url.startsWith("/token")),
			false,
		);
	});

	it("reports a rejected token request as UNAUTHORIZED without secrets", async (t) => {
		let origin = "";
		const srv = await tinyServer((req, res) => {
			res.statusCode = 401;
			res.setHeader("content-type", "application/json");
			if (req.url?.startsWith("/token")) {
				res.end('{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}');
				return;
			}
			res.setHeader("www-authenticate", `Bearer realm="${origin}/token",service="fake"`);
			res.end();
		});
		origin = srv.origin;
		t.after(() => srv.close());
		const r = repo(srv, "bad/creds", { credential: { username: "u", password: "hunter2" } });
		t.after(() => r.client.close());
		await assert.rejects(r.resolve("v1"), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "UNAUTHORIZED");
			assert.equal(e.message, "unauthorized: invalid username or password");
			assert.ok(!`${e.message} ${e.hint ?? ""}`.includes("hunter2"));
			return true;
		});
	});

	it("adds pull on the source repository when mounting", async (t) => {
		const srv = await fakeRegistry((req, res) => {
			if (req.method === "POST") {
				res.statusCode = 201;
				res.end();
				return true;
			}
			return false;
		});
		t.after(() => srv.close());
		const r = repo(srv, "dst/repo");
		t.after(() => r.client.close());
		await r.mount(LAYER_DESC, "src/repo");
		const tokenReq = srv.requests.find((q) => q.url.startsWith("/token"));
		assert.equal(tokenReq?.url, "/token?scope=repository%3Adst%2Frepo%3Apull%2Cpush&scope=repository%3Asrc%2Frepo%3Apull&service=fake");
		const post = srv.requests.filter((q) => q.method === "POST").at(-1);
		assert.equal(post?.url, `/v2/dst/repo/blobs/uploads/?mount=${encodeURIComponent(LAYER_DESC.digest)}&from=src%2Frepo`);
	});

	it("keeps each repository's token across more repositories than the client remembers scope hints for", async (t) => {
		const srv = await fakeRegistry();
		t.after(() => srv.close());
		const authClient = new AuthClient();
		const fetchFrom = async (name: string) => {
			const r = repo(srv, name, { authClient });
			try {
				assert.deepEqual(await readAllVerified(await r.fetch(LAYER_DESC), LAYER_DESC), LAYER);
			} finally {
				r.client.close();
			}
		};
		await fetchFrom("first/repo");
		await fetchFrom("first/repo");
		assert.deepEqual(srv.tokens, ["tok-1"], "the second fetch goes with the cached token");
		for (let i = 0; i < 300; i++) await fetchFrom(`other/r${i}`);
		assert.equal(srv.tokens.length, 301, "one token per repository");
		const before = srv.requests.length;
		await fetchFrom("first/repo");
		assert.equal(srv.tokens.length, 301, "no new token for the first repository");
		assert.deepEqual(
			srv.requests.slice(before).map((q) => `${q.method} ${q.url} ${q.headers.authorization ?? ""}`),
			[`GET /v2/first/repo/blobs/${LAYER_DESC.digest} Bearer tok-1`],
		);
	});
});

describe("repository against lying servers", () => {
	it("pages tags through Link and passes last", async (t) => {
		const all = ["a", "b", "c", "d", "e"];
		const srv = await tinyServer((req, res) => {
			const url = new URL(req.url ?? "/", "http://x");
			const n = Number(url.searchParams.get("n") ?? "100");
			const last = url.searchParams.get("last");
			const start = last ? all.indexOf(last) + 1 : 0;
			const page = all.slice(start, start + n);
			if (start + n < all.length) res.setHeader("link", `</v2/p/tags/list?n=${n}&last=${page.at(-1)}>; rel="next"`);
			res.setHeader("content-type", "application/json");
			res.end(JSON.stringify({ name: "p", tags: page }));
		});
		t.after(() => srv.close());
		const r = repo(srv, "p", { tagListPageSize: 2 });
		t.after(() => r.client.close());
		const got: string[] = [];
		for await (const tag of r.tags()) got.push(tag);
		assert.deepEqual(got, all);
		assert.deepEqual(
			srv.requests.map((q) => q.url),
			["/v2/p/tags/list?n=2", "/v2/p/tags/list?n=2&last=b", "/v2/p/tags/list?n=2&last=d"],
		);
		const rest: string[] = [];
		for await (const tag of r.tags({ last: "c" })) rest.push(tag);
		assert.deepEqual(rest, ["d", "e"]);
	});

	it("refuses an upload Location on another host and never sends the blob there", async (t) => {
		const foreign = await tinyServer((_req, res) => {
			res.statusCode = 201;
			res.end();
		});
		t.after(() => foreign.close());
		const srv = await tinyServer((_req, res) => {
			res.statusCode = 202;
			res.setHeader("location", `${foreign.origin}/upload`);
			res.end();
		});
		t.after(() => srv.close());
		const r = repo(srv, "loc/repo");
		t.after(() => r.client.close());
		await assert.rejects(r.push(LAYER_DESC, Readable.from([LAYER])), /refusing upload Location on another host/);
		assert.equal(foreign.requests.length, 0);
		assert.throws(
			() => r.uploadLocation({ url: new URL("https://reg.example/v2/x/blobs/uploads/") }, { headers: new Headers({ location: "http://reg.example/up" }) }),
			/downgrades to http/,
		);
		assert.equal(
			r.uploadLocation({ url: new URL("https://reg.example/v2/x/blobs/uploads/") }, { headers: new Headers({ location: "https://reg.example:443/up?s=1" }) }).href,
			"https://reg.example/up?s=1",
		);
	});

	it("ends a blob stream with an error when the byte count is off", async (t) => {
		const srv = await tinyServer((req, res) => {
			// chunked replies (no Content-Length) with the wrong amount of data
			res.write(req.url?.includes("short") ? "hello" : "hello world\nand more");
			res.end();
		});
		t.after(() => srv.close());
		const r = repo(srv, "lie/repo");
		t.after(() => r.client.close());
		const drain = async (s: Readable) => {
			for await (const _ of s) {
				// read everything
			}
		};
		await assert.rejects(drain(await r.fetch(LAYER_DESC)), (e: unknown) => hasCode(e, "TRAILING_DATA"));
		const short = createRepository(`${srv.host}/lie/short`, { plainHttp: true, retry: false });
		t.after(() => short.client.close());
		await assert.rejects(drain(await short.fetch(LAYER_DESC)), (e: unknown) => hasCode(e, "UNEXPECTED_EOF"));
	});

	it("verifies manifests: digest header vs body, and hashes the body when the header is missing", async (t) => {
		const good = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}');
		const srv = await tinyServer((req, res) => {
			res.setHeader("content-type", MediaType.ImageManifest);
			res.setHeader("content-length", String(good.length));
			if (req.url?.endsWith("/lying")) res.setHeader("docker-content-digest", digestOf("something else"));
			if (req.method === "HEAD") {
				res.end();
				return;
			}
			res.end(good);
		});
		t.after(() => srv.close());
		const r = repo(srv, "m/repo");
		t.after(() => r.client.close());
		await assert.rejects(r.fetchReference("lying"), (e: unknown) => hasCode(e, "DIGEST_MISMATCH"));
		const desc = await r.resolve("nodigest");
		assert.deepEqual(desc, { mediaType: MediaType.ImageManifest, digest: digestOf(good), size: good.length });
		assert.deepEqual(
			srv.requests.slice(-2).map((q) => q.method),
			["HEAD", "GET"],
		);
		await assert.rejects(r.fetchReference(digestOf("other")), (e: unknown) => hasCode(e, "DIGEST_MISMATCH"));
		await assert.rejects(r.resolve("bad tag!"), (e: unknown) => hasCode(e, "INVALID_REFERENCE"));
		const sent = srv.requests.find((q) => q.method === "HEAD");
		assert.equal(
			sent?.headers.accept,
			"application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, application/vnd.oci.artifact.manifest.v1+json",
		);
	});

	it("refuses manifests over the 4 MiB cap before reading them", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.setHeader("content-type", MediaType.ImageManifest);
			res.setHeader("content-length", String(5 * 1024 * 1024));
			res.end();
		});
		t.after(() => srv.close());
		const r = repo(srv, "big/repo");
		t.after(() => r.client.close());
		await assert.rejects(r.fetchReference("v1"), (e: unknown) => hasCode(e, "SIZE_EXCEEDS_LIMIT"));
	});
});
