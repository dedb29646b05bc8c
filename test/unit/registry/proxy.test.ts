import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import { createNodeTransport, discardBody } from "../../../src/registry/index.js";
import { parseProxyURL, proxyAuthorization, proxyConfigFromEnv, proxyFunc } from "../../../src/registry/transport/proxy.js";
import { tinyServer } from "./helpers.js";

const P = "http://proxy.test:3128";
const via = (cfg: Parameters<typeof proxyFunc>[0], url: string) => proxyFunc(cfg)(new URL(url))?.href;

describe("proxy configuration (Go httpproxy rules)", () => {
	it("reads upper-case variables first, then lower-case ones; empty values count as unset", () => {
		assert.deepEqual(proxyConfigFromEnv({ HTTPS_PROXY: "a:1", https_proxy: "b:1", http_proxy: "c:1", no_proxy: "x" }), {
			httpsProxy: "a:1",
			httpProxy: "c:1",
			noProxy: "x",
		});
		assert.deepEqual(proxyConfigFromEnv({ HTTPS_PROXY: "", https_proxy: "b:1" }), { httpsProxy: "b:1" });
		assert.deepEqual(proxyConfigFromEnv({}), {});
	});
	it("parses proxy values like Go: a missing scheme means http", () => {
		assert.equal(parseProxyURL("127.0.0.1:3128").href, "http://127.0.0.1:3128/");
		assert.equal(parseProxyURL("proxy.corp:8080").href, "http://proxy.corp:8080/");
		assert.equal(parseProxyURL("https://proxy.corp").href, "https://proxy.corp/");
		assert.throws(() => parseProxyURL("socks5://proxy.corp:1080"), (e: unknown) => OrasError.is(e) && e.code === "UNSUPPORTED" && !/@/.test(e.message));
	});
	it("never proxies localhost or loopback IPs, and picks the proxy by scheme", () => {
		const cfg = { httpProxy: P, httpsProxy: "http://sproxy.test:3129" };
		assert.equal(via(cfg, "https://registry.example:5000/v2/"), "http://sproxy.test:3129/");
		assert.equal(via(cfg, "http://registry.example/v2/"), `${P}/`);
		for (const u of ["http://localhost:5000/v2/", "https://localhost/v2/", "https://127.0.0.1:5000/v2/", "http://127.1.2.3/", "https://[::1]:5000/v2/"]) {
			assert.equal(via(cfg, u), undefined, u);
		}
		assert.equal(via({ httpProxy: P }, "https://registry.example/"), undefined, "no https proxy configured");
		// localhost-like names are not special (Go compares the literal name)
		assert.equal(via(cfg, "http://localhost.localdomain/"), `${P}/`);
	});
	it("matches NO_PROXY entries: *, domains, subdomain-only forms, ports, IPs and CIDRs", () => {
		const np = (noProxy: string, url: string) => via({ httpsProxy: P, httpProxy: P, noProxy }, url) === undefined;
		assert.ok(np("*", "https://anything.example/"));
		assert.ok(np("example.com", "https://example.com/"));
		assert.ok(np("example.com", "https://reg.example.com/"));
		assert.ok(!np("example.com", "https://notexample.com/"));
		assert.ok(np("EXAMPLE.com ", "https://Reg.Example.COM/"), "case and spaces");
		assert.ok(!np(".example.com", "https://example.com/"), "leading dot: subdomains only");
		assert.ok(np(".example.com", "https://a.example.com/"));
		assert.ok(!np("*.example.com", "https://example.com/"));
		assert.ok(np("*.example.com", "https://a.b.example.com/"));
		assert.ok(np("example.com:5000", "https://example.com:5000/"));
		assert.ok(!np("example.com:5000", "https://example.com/"), "port 443 differs");
		assert.ok(np("example.com:443", "https://example.com/"), "default port is compared");
		assert.ok(np("10.0.0.0/8", "https://10.20.30.40:5000/"));
		assert.ok(!np("10.0.0.0/8", "https://11.0.0.1/"));
		assert.ok(np("192.168.1.10", "http://192.168.1.10:8080/"));
		assert.ok(np("192.168.1.10:8080", "http://192.168.1.10:8080/"));
		assert.ok(!np("192.168.1.10:8080", "http://192.168.1.10:8081/"));
		assert.ok(np("[2001:db8::1]:443", "https://[2001:db8::1]/"));
		assert.ok(np("2001:db8::/32", "https://[2001:db8::5]/"));
		assert.ok(np("foo.test, ,bar.test", "https://bar.test/"), "empty entries skipped");
		assert.ok(!np(":5000", "https://example.com:5000/"), "an entry without host is ignored");
	});
	it("turns proxy URL credentials into a Basic Proxy-Authorization header", () => {
		assert.equal(proxyAuthorization(new URL("http://proxy:1")), undefined);
		assert.equal(proxyAuthorization(new URL("http://us%40er:p%3Ass@proxy:1")), `Basic ${Buffer.from("us@er:p:ss").toString("base64")}`);
	});
});

describe("node transport through a proxy", () => {
	it("sends http requests in absolute form to the proxy, with Proxy-Authorization, and the --resolve address as target", async (t) => {
		const proxy = await tinyServer((req, res) => {
			res.setHeader("content-type", "text/plain");
			res.end(`proxied ${req.url}`);
		});
		t.after(() => proxy.close());
		const transport = createNodeTransport({
			proxy: { httpProxy: `http://user:secret@${proxy.host}` },
			resolve: ["registry.test:5000:10.9.8.7:6000"],
		});
		t.after(() => transport.close());
		const res = await transport({ method: "GET", url: new URL("http://registry.test:5000/v2/?n=1"), headers: new Headers() });
		let body = "";
		for await (const c of res.body) body += String(c);
		assert.equal(body, "proxied http://10.9.8.7:6000/v2/?n=1");
		const seen = proxy.requests[0];
		assert.equal(seen?.headers.host, "registry.test:5000", "Host names the registry");
		assert.equal(seen?.headers["proxy-authorization"], `Basic ${Buffer.from("user:secret").toString("base64")}`);
		const direct = await transport({ method: "GET", url: new URL(`${proxy.origin}/direct`), headers: new Headers() });
		discardBody(direct);
		assert.equal(proxy.requests[1]?.url, "/direct", "loopback target reached directly (origin form)");
	});
	it("reports a refused CONNECT as a one-line network error naming the proxy (no credentials)", async (t) => {
		const seen: string[] = [];
		const srv = createServer();
		srv.on("connect", (req, sock: Socket) => {
			seen.push(`${req.url} ${req.headers["proxy-authorization"] ? "auth" : "anon"}`);
			sock.end("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
		});
		await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
		t.after(() => new Promise<void>((r) => srv.close(() => r())));
		const port = (srv.address() as AddressInfo).port;
		const transport = createNodeTransport({ proxy: { httpsProxy: `http://u:hidden@127.0.0.1:${port}` }, resolve: ["registry.test:443:127.0.0.2"] });
		t.after(() => transport.close());
		await assert.rejects(
			transport({ method: "GET", url: new URL("https://registry.test/v2/"), headers: new Headers() }),
			(e: unknown) => {
				assert.ok(OrasError.is(e) && e.code === "NETWORK_ERROR", String(e));
				assert.match(e.message, /proxyconnect http:\/\/127\.0\.0\.1:\d+: CONNECT 127\.0\.0\.2:443: 407 Proxy Authentication Required/);
				assert.doesNotMatch(e.message, /hidden/);
				return true;
			},
		);
		assert.deepEqual(seen, ["127.0.0.2:443 auth"]);
	});
});
