/**
 * `--debug` traces in oras's layout (oras internal/trace): exact text of request/response
 * blocks, secrets shown as `*****`, the body rules, and the bounded body peek.
 */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import { loggingMiddleware } from "../../../src/registry/transport/middleware.js";
import {
	canonicalHeaderName,
	describeTraceBody,
	formatErrorTrace,
	formatRequestTrace,
	formatResponseTrace,
	formatTraceHeaders,
	goQuote,
	isPrintableContentType,
	skipTraceBody,
	TRACE_BODY_LIMIT,
} from "../../../src/registry/transport/trace.js";
import { compose, type HttpRequest, type HttpResponse, type Transport } from "../../../src/registry/transport/types.js";

const REDACTION = { isSecretHeader: (n: string) => n === "authorization" || n === "set-cookie", redactURL: (v: string) => v.replace(/sig=[^&]*/, "sig=*****") };

describe("trace text", () => {
	it("formats a request block exactly as oras does", () => {
		const h = new HeaderMap([
			["user-agent", "oras-ts/0.1.0"],
			["authorization", "Basic dXNlcjpwYXNz"],
			["accept", "application/vnd.oci.image.manifest.v1+json"],
		]);
		assert.equal(
			formatRequestTrace(0, "GET", "http://localhost:5000/v2/", formatTraceHeaders(h, REDACTION)),
			[
				"--> Request #0",
				'> Request URL: "http://localhost:5000/v2/"',
				'> Request method: "GET"',
				"> Request headers:",
				'   "Accept": "application/vnd.oci.image.manifest.v1+json"',
				'   "Authorization": "*****"',
				'   "User-Agent": "oras-ts/0.1.0"',
			].join("\n"),
		);
	});
	it("formats a response block with Go's status text, canonical names, redacted cookies and URLs", () => {
		const h = new HeaderMap([
			["www-authenticate", 'Basic realm="r"'],
			["set-cookie", "session=abc"],
			["location", "https://cdn.example/blob?sig=SECRET&x=1"],
		]);
		assert.equal(
			formatResponseTrace(3, 401, formatTraceHeaders(h, REDACTION), "   No response body to print"),
			[
				"<-- Response #3",
				'< Response Status: "401 Unauthorized"',
				"< Response headers:",
				'   "Location": "https://cdn.example/blob?sig=*****&x=1"',
				'   "Set-Cookie": "*****"',
				'   "Www-Authenticate": "Basic realm=\\"r\\""',
				"< Response body:",
				"   No response body to print",
			].join("\n"),
		);
		assert.equal(formatTraceHeaders(new HeaderMap(), REDACTION), "   Empty header");
		assert.match(formatResponseTrace(0, 416, "", ""), /^< Response Status: "416 Requested Range Not Satisfiable"$/m);
		assert.match(formatResponseTrace(0, 202, "", ""), /^< Response Status: "202 Accepted"$/m);
		assert.equal(formatErrorTrace(1, "connect ECONNREFUSED"), "<-- Response #1\nError in getting response: connect ECONNREFUSED");
	});
	it("quotes like Go's %q and canonicalizes like textproto", () => {
		assert.equal(goQuote('a"b\\c\n\t\x01é\u00a0'), '"a\\"b\\\\c\\n\\t\\x01é\\u00a0"');
		assert.equal(canonicalHeaderName("docker-content-digest"), "Docker-Content-Digest");
		assert.equal(canonicalHeaderName("ETAG"), "Etag");
		assert.equal(canonicalHeaderName("x-registry-auth"), "X-Registry-Auth");
	});
	it("prints the content types oras prints", () => {
		for (const t of ["application/json", "application/vnd.oci.image.manifest.v1+json", "application/whatever+json", "text/plain", "text/plain; charset=utf-8", "text/html", "text/html; charset=utf-8"]) {
			assert.equal(isPrintableContentType(t), true, t);
		}
		for (const t of ["", "application/octet-stream", "unknown/unknown", "application/", "text/csv"]) assert.equal(isPrintableContentType(t), false, t);
	});
	it("says why a body is not printed, in oras's words", () => {
		const h = (o: Record<string, string>) => new HeaderMap(o);
		assert.equal(skipTraceBody("HEAD", 200, h({ "content-type": "application/json" })), "   No response body to print");
		assert.equal(skipTraceBody("PUT", 201, h({ "content-length": "0" })), "   No response body to print");
		assert.equal(skipTraceBody("GET", 200, h({})), "   Response body without a content type is not printed");
		assert.equal(skipTraceBody("GET", 200, h({ "content-type": "application/octet-stream" })), '   Response body of content type "application/octet-stream" is not printed');
		assert.equal(skipTraceBody("GET", 200, h({ "content-type": "application/json" })), undefined);
		assert.equal(describeTraceBody(Buffer.alloc(0)), "   Response body is empty");
		assert.equal(describeTraceBody(Buffer.from('{"token":"x"}')), "   Response body redacted due to potential credentials");
		assert.equal(describeTraceBody(Buffer.from('{"access_token":"x"}')), "   Response body redacted due to potential credentials");
		assert.equal(describeTraceBody(Buffer.from("x"), new Error("mock error")), "   Error reading response body: mock error");
		assert.equal(describeTraceBody(Buffer.from('{"a":1}')), '{"a":1}');
		const long = Buffer.alloc(TRACE_BODY_LIMIT + 1, "a");
		assert.equal(describeTraceBody(long), `${"a".repeat(TRACE_BODY_LIMIT)}\n...(truncated)`);
	});
});

function fakeTransport(res: (req: HttpRequest) => Partial<HttpResponse>): Transport {
	return async (req) => ({ status: 200, headers: new HeaderMap(), url: req.url, body: Readable.from([]), ...res(req) });
}
const req = (method: string, url: string, headers: Record<string, string> = {}): HttpRequest => ({ method, url: new URL(url), headers: new HeaderMap(headers) });
async function readAll(r: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of r) chunks.push(Buffer.from(c as Uint8Array));
	return Buffer.concat(chunks);
}

describe("loggingMiddleware", () => {
	it("numbers pairs, redacts, and never reads a blob body", async () => {
		const lines: string[] = [];
		let pulled = 0;
		const blob = new Readable({
			read() {
				pulled++;
				this.push(Buffer.alloc(1024));
				this.push(null);
			},
		});
		const t = compose(
			fakeTransport(() => ({ headers: new HeaderMap({ "content-type": "application/octet-stream", "content-length": "1024" }), body: blob })),
			loggingMiddleware({ debug: (m) => void lines.push(m), warn: () => {} }),
		);
		const res = await t(req("GET", "http://localhost:1/v2/r/blobs/sha256:x?token=SECRET", { authorization: "Bearer SECRET" }));
		assert.equal(pulled, 0, "the trace did not read the blob");
		assert.equal((await readAll(res.body)).length, 1024);
		const [reqLine, resLine] = lines as [string, string];
		const id = Number(/^--> Request #(\d+)$/m.exec(reqLine)?.[1]);
		assert.match(reqLine, /^> Request URL: "http:\/\/localhost:1\/v2\/r\/blobs\/sha256:x\?token=\*\*\*\*\*"$/m);
		assert.match(reqLine, /^ {3}"Authorization": "\*\*\*\*\*"$/m);
		assert.equal(resLine.split("\n")[0], `<-- Response #${id}`);
		assert.match(resLine, /Response body of content type "application\/octet-stream" is not printed$/);
		assert.ok(!lines.join("\n").includes("SECRET"));
	});
	it("TRACE_BODY_LIMIT: peeks at most limit+1 bytes of a long JSON body and streams the whole body on unchanged", async () => {
		const lines: string[] = [];
		const total = 200 * 1024;
		let produced = 0;
		let pulledBeforeLog = -1;
		const body = new Readable({
			read() {
				if (produced >= total) return void this.push(null);
				produced += 1024;
				this.push(Buffer.alloc(1024, 0x61));
			},
		});
		const t = compose(
			fakeTransport(() => ({ headers: new HeaderMap({ "content-type": "application/json" }), body })),
			loggingMiddleware({
				debug: (m) => {
					if (m.startsWith("<--")) pulledBeforeLog = produced;
					lines.push(m);
				},
				warn: () => {},
			}),
		);
		const res = await t(req("GET", "http://localhost:1/v2/r/manifests/v1"));
		assert.ok(pulledBeforeLog >= TRACE_BODY_LIMIT + 1 && pulledBeforeLog <= TRACE_BODY_LIMIT + 1 + 64 * 1024, `read ${pulledBeforeLog} bytes before logging`);
		const all = await readAll(res.body);
		assert.equal(all.length, total);
		assert.ok(all.every((b) => b === 0x61));
		assert.ok(lines[1]?.endsWith(`${"a".repeat(TRACE_BODY_LIMIT)}\n...(truncated)`));
	});
	it("hands a read error on to the consumer after logging it", async () => {
		const lines: string[] = [];
		const body = new Readable({
			read() {
				this.destroy(new Error("connection reset"));
			},
		});
		const t = compose(fakeTransport(() => ({ headers: new HeaderMap({ "content-type": "application/json" }), body })), loggingMiddleware({ debug: (m) => void lines.push(m), warn: () => {} }));
		const res = await t(req("GET", "http://localhost:1/v2/"));
		await assert.rejects(readAll(res.body), /connection reset/);
		assert.match(lines[1] ?? "", /^ {3}Error reading response body: connection reset$/m);
	});
	it("gives up on a stalled body within the peek timeouts and hands the error on", async () => {
		const lines: string[] = [];
		const body = new Readable({ read() {} });
		body.push('{"partial":');
		const t = compose(
			fakeTransport(() => ({ headers: new HeaderMap({ "content-type": "application/json" }), body })),
			loggingMiddleware({ debug: (m) => void lines.push(m), warn: () => {} }, { peekTimeouts: { idleMs: 100, totalMs: 5000 } }),
		);
		const start = performance.now();
		const res = await t(req("GET", "http://localhost:1/v2/r/manifests/v1"));
		assert.ok(performance.now() - start < 2000);
		assert.match(lines[1] ?? "", /^ {3}Error reading response body: response body no data received for 100 ms \(metadata idle timeout\)$/m);
		await assert.rejects(readAll(res.body), /metadata idle timeout/);
		assert.ok(body.destroyed, "the stalled body is released");
	});
	it("logs a failed round trip and rethrows", async () => {
		const lines: string[] = [];
		const t = compose(
			async () => {
				throw new Error("connect ECONNREFUSED 127.0.0.1:1");
			},
			loggingMiddleware({ debug: (m) => void lines.push(m), warn: () => {} }),
		);
		await assert.rejects(t(req("GET", "http://localhost:1/v2/")), /ECONNREFUSED/);
		assert.match(lines[1] ?? "", /^<-- Response #\d+\nError in getting response: connect ECONNREFUSED 127\.0\.0\.1:1$/);
	});
});
