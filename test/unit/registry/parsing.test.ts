import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import {
	basicAuthorization,
	backoffDelay,
	cleanScopes,
	goQueryEscape,
	isRetryableError,
	isRetryableStatus,
	parseChallenge,
	parseErrorBody,
	parseHeaderFlag,
	parseNextLink,
	parseResolveRule,
	RegistryResponseError,
	redactURL,
	renderRegistryErrors,
	repositoryScope,
	retryAfterMs,
	schemeFor,
	scopeKey,
	tokenURL,
	validateRealm,
} from "../../../src/registry/index.js";

describe("WWW-Authenticate parsing", () => {
	it("parses a Bearer challenge with quoted and bare values, case-insensitive scheme", () => {
		const c = parseChallenge('bEaReR realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a:pull,push" , error=invalid_token');
		assert.equal(c.scheme, "bearer");
		assert.deepEqual(c.params, {
			realm: "https://auth.example.com/token",
			service: "registry.example.com",
			scope: "repository:a:pull,push",
			error: "invalid_token",
		});
	});
	it("parses Basic and unknown schemes", () => {
		assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: "basic", params: { realm: "Registry Realm" } });
		assert.equal(parseChallenge("Negotiate abc").scheme, "unknown");
		assert.equal(parseChallenge("").scheme, "unknown");
		assert.equal(parseChallenge(null).scheme, "unknown");
	});
	it("stops at the first malformation and keeps what came before", () => {
		assert.deepEqual(parseChallenge('Bearer realm="r",service="s" junk scope="x"').params, { realm: "r", service: "s" });
		assert.deepEqual(parseChallenge('Bearer realm="unterminated').params, {});
		assert.deepEqual(parseChallenge('Bearer realm="a\\"b",service=s').params, { realm: 'a"b', service: "s" });
	});
});

describe("scopes", () => {
	it("cleans scopes into the token cache key", () => {
		const scopes = ["repository:a:push", "repository:a:pull", "repository:b:pull", "registry:catalog:*"];
		assert.equal(scopeKey(scopes), "registry:catalog:* repository:a:pull,push repository:b:pull");
	});
	it("lets * absorb other actions, drops empty actions, dedups", () => {
		assert.deepEqual(cleanScopes(["repository:a:pull", "repository:a:*", "repository:a:push", "repository:c:", "repository:b:pull,pull", ""]), [
			"repository:a:*",
			"repository:b:pull",
		]);
		assert.deepEqual(cleanScopes(["weird", "repository:x:delete,pull"]), ["repository:x:delete,pull", "weird"]);
		assert.equal(repositoryScope("hello", "pull", "push"), "repository:hello:pull,push");
	});
});

describe("token requests", () => {
	it("builds the token GET URL", () => {
		const url = tokenURL("https://auth.example.com/token", "reg", cleanScopes([repositoryScope("hello", "push", "pull")]));
		assert.equal(url.search, "?scope=repository%3Ahello%3Apull%2Cpush&service=reg");
		assert.equal(url.origin + url.pathname, "https://auth.example.com/token");
	});
	it("keeps realm query parameters and sorts by name", () => {
		const url = tokenURL("https://a.example/t?z=1&account=me", "svc", ["repository:x:pull", "registry:catalog:*"]);
		assert.equal(url.search, "?account=me&scope=repository%3Ax%3Apull&scope=registry%3Acatalog%3A%2A&service=svc&z=1");
	});
	it("escapes like Go's url.QueryEscape", () => {
		assert.equal(goQueryEscape("a b*!'()~._-"), "a+b%2A%21%27%28%29~._-");
	});
	it("makes the Basic header", () => {
		assert.equal(basicAuthorization("user", "pass"), "Basic dXNlcjpwYXNz");
	});
	it("validates realms", () => {
		const https = new URL("https://registry.example.com/v2/");
		assert.equal(validateRealm("https://auth.example.com/token", https).host, "auth.example.com");
		const rejects = (realm: string, reg: URL) => assert.throws(() => validateRealm(realm, reg), (e: unknown) => OrasError.is(e) && e.code === "UNAUTHORIZED");
		rejects("http://auth.example.com/token", https);
		rejects("ftp://auth.example.com/token", https);
		rejects("https://127.0.0.1/token", https);
		rejects("https://10.1.2.3/token", https);
		rejects("https://192.168.0.1/token", https);
		rejects("https://169.254.169.254/latest", https);
		rejects("https://[::1]/token", https);
		rejects("not a url", https);
		const local = new URL("http://127.0.0.1:5000/v2/");
		assert.equal(validateRealm("http://127.0.0.1:5001/token", local).port, "5001");
		assert.equal(validateRealm("http://auth.example.com/token", local).host, "auth.example.com");
	});
});

describe("connection options", () => {
	it("applies the plain-HTTP rule (localhost is plain HTTP)", () => {
		assert.equal(schemeFor("localhost:5000"), "http");
		assert.equal(schemeFor("localhost"), "http");
		assert.equal(schemeFor("127.0.0.1:5000"), "https");
		assert.equal(schemeFor("localhost:5000", false), "https");
		assert.equal(schemeFor("example.com", true), "http");
		assert.equal(schemeFor("localhost.example.com"), "https");
	});
	it("parses --resolve rules", () => {
		assert.deepEqual(parseResolveRule("reg.example.com:443:127.0.0.1"), { host: "reg.example.com", port: 443, address: "127.0.0.1", addressPort: 443 });
		assert.deepEqual(parseResolveRule("reg.example.com:443:127.0.0.1:5000"), { host: "reg.example.com", port: 443, address: "127.0.0.1", addressPort: 5000 });
		assert.deepEqual(parseResolveRule("reg:80:[::1]:8080"), { host: "reg", port: 80, address: "::1", addressPort: 8080 });
		assert.deepEqual(parseResolveRule("reg:80:::1"), { host: "reg", port: 80, address: "::1", addressPort: 80 });
		assert.throws(() => parseResolveRule("reg"), (e: unknown) => OrasError.is(e) && e.code === "INVALID_ARGUMENT");
		assert.throws(() => parseResolveRule("reg:notaport:1.2.3.4"), (e: unknown) => OrasError.is(e) && e.code === "INVALID_ARGUMENT");
	});
	it("parses -H headers", () => {
		assert.deepEqual(parseHeaderFlag("X-Foo: a: b "), ["X-Foo", "a: b"]);
		assert.deepEqual(parseHeaderFlag("X-Empty:"), ["X-Empty", ""]);
		assert.throws(() => parseHeaderFlag(": v"), /invalid header/);
		assert.throws(() => parseHeaderFlag("novalue"), /invalid header/);
	});
	it("redacts secrets in logged URLs", () => {
		const u = new URL("https://s3.example/blob?X-Amz-Signature=abc&X-Amz-Credential=k&part=1&token=t");
		const s = redactURL(u);
		assert.ok(!s.includes("abc") && !s.includes("=k&") && !s.includes("token=t"), s);
		assert.match(s, /part=1/);
	});
});

describe("Link pagination", () => {
	const base = new URL("https://reg.example.com/v2/a/tags/list?n=2");
	it("finds rel=next among several links and resolves it", () => {
		const next = parseNextLink('</v2/a/tags/list?prev=1>; rel="prev", </v2/a/tags/list?last=b&n=2>; rel="next"', base);
		assert.equal(next?.href, "https://reg.example.com/v2/a/tags/list?last=b&n=2");
		assert.equal(parseNextLink("</v2/x?last=c>; rel=next", base)?.search, "?last=c");
		assert.equal(parseNextLink('<https://reg.example.com/v2/y>; title="a, b"; rel="first next"', base)?.pathname, "/v2/y");
	});
	it("returns undefined without next and refuses other origins", () => {
		assert.equal(parseNextLink(null, base), undefined);
		assert.equal(parseNextLink('</v2/a?x=1>; rel="prev"', base), undefined);
		assert.throws(() => parseNextLink('<https://evil.example/v2/a>; rel="next"', base), /cross-origin/);
		assert.throws(() => parseNextLink('<http://reg.example.com/v2/a>; rel="next"', base), /cross-origin/);
	});
});

describe("registry error bodies", () => {
	it("renders codes lower-cased with spaces, joined by '; '", () => {
		const errors = parseErrorBody(
			'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"v1"}},{"code":"NAME_UNKNOWN","message":""}]}',
		);
		assert.equal(errors.length, 2);
		assert.deepEqual(errors[0]?.detail, { Tag: "v1" });
		assert.equal(renderRegistryErrors(errors), "manifest unknown: manifest unknown; name unknown");
		const e = new RegistryResponseError("GET", "https://r/v2/a/manifests/v1", 404, errors);
		assert.equal(e.code, "NOT_FOUND");
		assert.equal(e.message, "manifest unknown: manifest unknown; name unknown");
		assert.equal(e.fullMessage, 'GET "https://r/v2/a/manifests/v1": response status code 404: manifest unknown: manifest unknown; name unknown');
		assert.ok(OrasError.is(e));
	});
	it("falls back to the status text for bodies that are not registry errors", () => {
		assert.deepEqual(parseErrorBody("<html>"), []);
		assert.deepEqual(parseErrorBody('{"errors":"x"}'), []);
		const e = new RegistryResponseError("PUT", "https://r/x", 503, []);
		assert.equal(e.code, "REGISTRY_ERROR");
		assert.equal(e.message, "response status code 503: service unavailable");
		assert.equal(e.fullMessage, 'PUT "https://r/x": response status code 503: Service Unavailable');
		assert.equal(new RegistryResponseError("GET", "u", 401, []).code, "UNAUTHORIZED");
		assert.equal(new RegistryResponseError("GET", "u", 403, []).code, "FORBIDDEN");
	});
});

describe("retry policy", () => {
	it("backs off 250 ms·2^n ±10 %, clamped to [200 ms, 3 s]", () => {
		const mid = () => 0.5;
		assert.deepEqual([0, 1, 2, 3, 4].map((n) => backoffDelay(n, {}, mid)), [250, 500, 1000, 2000, 3000]);
		assert.equal(backoffDelay(0, {}, () => 0), 225);
		assert.equal(backoffDelay(1, {}, () => 0.999999), 550);
		assert.equal(backoffDelay(0, { baseDelayMs: 10 }, mid), 200);
	});
	it("honours a positive integer Retry-After on 429 only", () => {
		const h = (v: string) => new Headers({ "retry-after": v });
		assert.equal(retryAfterMs({ status: 429, headers: h("2") }), 2000);
		assert.equal(retryAfterMs({ status: 429, headers: h("0") }), undefined);
		assert.equal(retryAfterMs({ status: 429, headers: h("Wed, 21 Oct 2015 07:28:00 GMT") }), undefined);
		assert.equal(retryAfterMs({ status: 503, headers: h("2") }), undefined);
	});
	it("classifies statuses and network errors", () => {
		assert.deepEqual([200, 404, 408, 429, 500, 502, 503].map(isRetryableStatus), [false, false, true, true, true, true, true]);
		const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
		assert.equal(isRetryableError(new OrasError("NETWORK_ERROR", "x", { cause: reset })), true);
		assert.equal(isRetryableError(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })), false);
		assert.equal(isRetryableError(new OrasError("ABORTED", "x", { cause: reset })), false);
	});
});
