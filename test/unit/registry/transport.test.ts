import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import { hasCode, OrasError } from "../../../src/errors.js";
import {
	bytesBody,
	compose,
	createNodeTransport,
	createRemoteClient,
	discardBody,
	type HttpRequest,
	type Logger,
	loggingMiddleware,
	redirectMiddleware,
	retryMiddleware,
} from "../../../src/registry/index.js";
import { noSleep, tinyServer } from "./helpers.js";

const node = createNodeTransport();
after(() => node.close());

function get(url: string, headers: Record<string, string> = {}): HttpRequest {
	return { method: "GET", url: new URL(url), headers: new Headers(headers) };
}

async function text(body: Readable): Promise<string> {
	let s = "";
	for await (const c of body) s += (c as Buffer).toString();
	return s;
}

describe("node transport", () => {
	it("streams a request body with Content-Length and returns the response stream", async (t) => {
		const srv = await tinyServer((req, res, body) => {
			res.setHeader("content-type", "text/plain");
			res.end(`${req.headers["content-length"]}:${body}`);
		});
		t.after(() => srv.close());
		async function* parts() {
			yield Buffer.from("hello ");
			yield Buffer.from("world");
		}
		const res = await node({ method: "PUT", url: new URL(`${srv.origin}/x`), headers: new Headers(), body: parts, contentLength: 11 });
		assert.equal(res.status, 200);
		assert.equal(await text(res.body), "11:hello world");
	});
	it("keeps connections alive across HEAD requests and discarded bodies", async (t) => {
		const srv = await tinyServer((req, res) => {
			res.setHeader("content-length", String(1024 * 1024));
			if (req.method === "HEAD") res.end();
			else res.end(Buffer.alloc(1024 * 1024));
		});
		t.after(() => srv.close());
		for (let i = 0; i < 3; i++) {
			const res = await node({ method: "HEAD", url: new URL(`${srv.origin}/blob`), headers: new Headers() });
			assert.equal(res.status, 200);
			// Released: a whole reply is used up at once, a streamed one is drained; either way it closes.
			const closed = new Promise((r) => res.body.once("close", r));
			discardBody(res);
			await closed;
			await new Promise((r) => setTimeout(r, 5));
		}
		assert.equal(srv.connections(), 1);
		// A blob GET expecting a large body streams it (node:http): unread, it is dropped with its connection, not downloaded.
		const big = await node({ ...get(`${srv.origin}/blob`), expectedBodyBytes: 1024 * 1024 });
		discardBody(big);
		assert.equal(big.body.destroyed, true);
	});
	it("refuses a body that disagrees with its Content-Length", async (t) => {
		const srv = await tinyServer((_req, res) => res.end());
		t.after(() => srv.close());
		async function* long() {
			yield Buffer.from("0123456789");
		}
		await assert.rejects(node({ method: "PUT", url: new URL(`${srv.origin}/x`), headers: new Headers(), body: long, contentLength: 4 }), (e: unknown) =>
			hasCode(e, "SIZE_MISMATCH"),
		);
	});
	it("dials the --resolve address while keeping the Host header", async (t) => {
		const srv = await tinyServer((req, res) => res.end(req.headers.host));
		t.after(() => srv.close());
		const port = Number(srv.host.split(":")[1]);
		const resolving = createNodeTransport({ resolve: [`registry.invalid:5000:127.0.0.1:${port}`] });
		t.after(() => resolving.close());
		const res = await resolving(get("http://registry.invalid:5000/v2/"));
		assert.equal(await text(res.body), "registry.invalid:5000");
	});
	it("maps connection failures to NETWORK_ERROR naming the request", async () => {
		await assert.rejects(node(get("http://127.0.0.1:1/v2/")), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "NETWORK_ERROR");
			assert.match(e.message, /^GET "http:\/\/127\.0\.0\.1:1\/v2\/": /);
			return true;
		});
	});
	it("maps https spoken to a plain-http server to TLS_ERROR with a --plain-http hint", async (t) => {
		const srv = await tinyServer((_req, res) => res.end());
		t.after(() => srv.close());
		await assert.rejects(node(get(`https://${srv.host}/v2/`)), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "TLS_ERROR");
			assert.match(e.hint ?? "", /--plain-http/);
			return true;
		});
	});
	it("maps an aborted request to ABORTED", async (t) => {
		const srv = await tinyServer(() => {
			/* never answers */
		});
		t.after(() => srv.close());
		const ac = new AbortController();
		const p = node({ ...get(`${srv.origin}/slow`), signal: ac.signal });
		setImmediate(() => ac.abort());
		await assert.rejects(p, (e: unknown) => hasCode(e, "ABORTED"));
	});
});

describe("retry middleware", () => {
	it("retries 503 then succeeds, sleeping the policy's delays", async (t) => {
		let n = 0;
		const srv = await tinyServer((_req, res) => {
			n++;
			if (n < 3) {
				res.statusCode = 503;
				res.end("busy");
				return;
			}
			res.end("ok");
		});
		t.after(() => srv.close());
		const sleeps: number[] = [];
		const transport = compose(node, retryMiddleware({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 }));
		const res = await transport(get(`${srv.origin}/v2/`));
		assert.equal(res.status, 200);
		assert.equal(await text(res.body), "ok");
		assert.deepEqual(sleeps, [250, 500]);
		assert.equal(srv.requests.length, 3);
	});
	it("gives up after 5 retries and returns the last response", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.statusCode = 500;
			res.end();
		});
		t.after(() => srv.close());
		const transport = compose(node, retryMiddleware({ sleep: noSleep }));
		const res = await transport(get(`${srv.origin}/v2/`));
		assert.equal(res.status, 500);
		assert.equal(srv.requests.length, 6);
	});
	it("uses Retry-After on 429 and replays in-memory bodies", async (t) => {
		let n = 0;
		const srv = await tinyServer((_req, res, body) => {
			if (n++ === 0) {
				res.statusCode = 429;
				res.setHeader("retry-after", "2");
				res.end();
				return;
			}
			res.statusCode = 201;
			res.end(body);
		});
		t.after(() => srv.close());
		const sleeps: number[] = [];
		const transport = compose(node, retryMiddleware({ sleep: async (ms) => void sleeps.push(ms) }));
		const res = await transport({ method: "PUT", url: new URL(`${srv.origin}/m`), headers: new Headers(), ...bytesBody(Buffer.from("manifest")) });
		assert.equal(res.status, 201);
		assert.equal(await text(res.body), "manifest");
		assert.deepEqual(sleeps, [2000]);
		assert.deepEqual(
			srv.requests.map((r) => r.body),
			["manifest", "manifest"],
		);
	});
	it("does not retry a streamed (non-replayable) body", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.statusCode = 503;
			res.end();
		});
		t.after(() => srv.close());
		const transport = compose(node, retryMiddleware({ sleep: noSleep }));
		const res = await transport({ method: "PUT", url: new URL(`${srv.origin}/b`), headers: new Headers(), body: () => Readable.from([Buffer.from("blob")]), contentLength: 4 });
		assert.equal(res.status, 503);
		assert.equal(srv.requests.length, 1);
	});
	it("retries a connection reset", async (t) => {
		let n = 0;
		const srv = await tinyServer((req, res) => {
			if (n++ === 0) {
				req.socket.destroy();
				return;
			}
			res.end("ok");
		});
		t.after(() => srv.close());
		const transport = compose(node, retryMiddleware({ sleep: noSleep }));
		const res = await transport(get(`${srv.origin}/v2/`));
		assert.equal(await text(res.body), "ok");
		assert.equal(n, 2);
	});
});

describe("redirects", () => {
	it("follows GET redirects and drops Authorization on an origin change", async (t) => {
		const target = await tinyServer((req, res) => res.end(`auth=${req.headers.authorization ?? "none"} x=${req.headers["x-custom"] ?? "none"}`));
		t.after(() => target.close());
		const origin = await tinyServer((req, res) => {
			res.statusCode = req.url === "/same" ? 302 : 307;
			res.setHeader("location", req.url === "/same" ? "/final" : `${target.origin}/blob`);
			if (req.url === "/final") {
				res.statusCode = 200;
				res.end(`auth=${req.headers.authorization ?? "none"}`);
				return;
			}
			res.end();
		});
		t.after(() => origin.close());
		const transport = compose(node, redirectMiddleware({ extraSensitive: ["X-Custom"] }));
		const cross = await transport(get(`${origin.origin}/cross`, { authorization: "Bearer secret", "x-custom": "v" }));
		assert.equal(await text(cross.body), "auth=none x=none");
		assert.equal(cross.url.origin, target.origin);
		const same = await transport(get(`${origin.origin}/same`, { authorization: "Bearer secret" }));
		assert.equal(await text(same.body), "auth=Bearer secret");
	});
	it("stops after the bound", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.statusCode = 302;
			res.setHeader("location", "/again");
			res.end();
		});
		t.after(() => srv.close());
		await assert.rejects(compose(node, redirectMiddleware({ maxRedirects: 3 }))(get(`${srv.origin}/loop`)), /stopped after 3 redirects/);
		assert.equal(srv.requests.length, 4);
	});
});

describe("debug logging", () => {
	it("traces requests with secrets redacted and keeps small bodies readable", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.setHeader("content-type", "application/json");
			res.setHeader("set-cookie", "session=abc");
			res.end('{"hello":"world"}');
		});
		t.after(() => srv.close());
		const lines: string[] = [];
		const logger: Logger = { debug: (m) => void lines.push(m), warn: () => {} };
		const transport = compose(node, loggingMiddleware(logger));
		const res = await transport(get(`${srv.origin}/v2/`, { authorization: "Basic dXNlcjpwYXNz" }));
		assert.equal(await text(res.body), '{"hello":"world"}');
		const all = lines.join("\n");
		assert.ok(!all.includes("dXNlcjpwYXNz") && !all.includes("session=abc"), all);
		assert.match(all, /^ {3}"Authorization": "\*\*\*\*\*"$/m);
		assert.match(all, /^ {3}"Set-Cookie": "\*\*\*\*\*"$/m);
		assert.match(all, /\{"hello":"world"\}/);
	});
	it("never prints token replies", async (t) => {
		const srv = await tinyServer((_req, res) => {
			res.setHeader("content-type", "application/json");
			res.end('{"token":"sekrit-token"}');
		});
		t.after(() => srv.close());
		const lines: string[] = [];
		const transport = compose(node, loggingMiddleware({ debug: (m) => void lines.push(m), warn: () => {} }));
		const res = await transport(get(`${srv.origin}/token`));
		assert.equal(await text(res.body), '{"token":"sekrit-token"}');
		assert.ok(!lines.join("\n").includes("sekrit-token"));
	});
});

describe("client stack", () => {
	it("sends the user agent everywhere, -H headers only to the registry, and logs Warning headers once", async (t) => {
		const srv = await tinyServer((req, res) => {
			res.setHeader("warning", '299 - "this registry is deprecated"');
			res.end(`${req.headers["user-agent"]}|${req.headers["x-team"] ?? "none"}`);
		});
		t.after(() => srv.close());
		const warnings: string[] = [];
		const client = createRemoteClient(srv.host, { plainHttp: true, headers: [["X-Team", "blue"]], logger: { debug: () => {}, warn: (m) => void warnings.push(m) } });
		t.after(() => client.close());
		for (let i = 0; i < 2; i++) {
			const res = await client.transport(get(`${srv.origin}/v2/`));
			assert.match(await text(res.body), /^oras-ts\/\d+\.\d+\.\d+.*\|blue$/);
		}
		assert.deepEqual(warnings, [`${srv.host}: this registry is deprecated`]);
	});
});
