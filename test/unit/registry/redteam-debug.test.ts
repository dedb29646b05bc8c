/**
 * Red-team cases of issue 11 for `--debug` traces: a registry that redirects a blob to a URL
 * carrying a token or a signature in its query must not get it printed through the `Location`
 * header line (the request line to that URL is redacted already).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { compose, createNodeTransport, type HttpRequest, type Logger, loggingMiddleware, redirectMiddleware } from "../../../src/registry/index.js";
import { tinyServer } from "./helpers.js";

const node = createNodeTransport();
after(() => node.close());

describe("debug traces of a redirect", () => {
	it("redact token and signature query values of Location headers as they do request URLs", async (t) => {
		const srv = await tinyServer((req, res) => {
			if (req.url?.startsWith("/v2/")) {
				res.statusCode = 307;
				res.setHeader("location", "/cdn/blob?X-Amz-Signature=sig-SECRET-1&token=tok-SECRET-2&part=1");
				res.setHeader("content-location", "/cdn/x?access_token=tok-SECRET-3");
				res.end();
				return;
			}
			res.end("blob");
		});
		t.after(() => srv.close());
		const lines: string[] = [];
		const logger: Logger = { debug: (m) => void lines.push(m), warn: () => {} };
		const req: HttpRequest = { method: "GET", url: new URL(`${srv.origin}/v2/r/blobs/sha256:x`), headers: new Headers() };
		// as in the client stack: tracing below the redirects, so every hop is traced
		const res = await compose(node, redirectMiddleware(), loggingMiddleware(logger))(req);
		res.body.resume();
		const all = lines.join("\n");
		assert.ok(!/SECRET/.test(all), all);
		// what is not secret stays readable
		assert.match(all, /"Location": ".*\/cdn\/blob\?.*part=1"/);
	});
});
