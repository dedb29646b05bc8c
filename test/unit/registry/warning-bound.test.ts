/** A registry that invents a new `Warning` for every response cannot grow the client's memory or flood its output. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { compose, HeaderMap, type HttpRequest, type HttpResponse, warningMiddleware } from "../../../src/registry/index.js";
import { MAX_DISTINCT_WARNINGS, MAX_WARNING_CHARS, MAX_WARNINGS_PER_RESPONSE } from "../../../src/registry/transport/middleware.js";

function get(url: string): HttpRequest {
	return { method: "GET", url: new URL(url), headers: new HeaderMap() };
}

/** A transport whose every response carries the warnings `warn(n)` of its n-th request. */
function lyingTransport(warn: (n: number) => string[]): (req: HttpRequest) => Promise<HttpResponse> {
	let n = 0;
	return async (req) => {
		const values = warn(n++);
		const headers = new HeaderMap({ warning: values.map((v) => `299 - ${JSON.stringify(v)}`).join(", ") });
		return { status: 200, headers, url: req.url, body: Readable.from([]) };
	};
}

describe("warningMiddleware bounds", () => {
	it("prints at most MAX_DISTINCT_WARNINGS distinct warnings, then one notice, then nothing (10,000 invented warnings)", async () => {
		const lines: string[] = [];
		const transport = compose(lyingTransport((n) => [`deprecated #${n}`]), warningMiddleware({ debug: () => {}, warn: (m) => void lines.push(m) }));
		for (let i = 0; i < 10_000; i++) await transport(get("http://registry.test/v2/"));
		assert.equal(lines.length, MAX_DISTINCT_WARNINGS + 1);
		assert.equal(lines[0], "registry.test: deprecated #0");
		assert.equal(lines.at(-1), `registry.test: more than ${MAX_DISTINCT_WARNINGS} distinct warnings; further warnings are not shown`);
	});

	it("prints at most MAX_WARNINGS_PER_RESPONSE warnings of one response, each cut at MAX_WARNING_CHARS", async () => {
		const lines: string[] = [];
		const long = "x".repeat(MAX_WARNING_CHARS * 4);
		const transport = compose(
			lyingTransport(() => [long, ...Array.from({ length: 50 }, (_, i) => `w${i}`)]),
			warningMiddleware({ debug: () => {}, warn: (m) => void lines.push(m) }),
		);
		await transport(get("http://registry.test/v2/"));
		assert.equal(lines.length, MAX_WARNINGS_PER_RESPONSE);
		assert.equal(lines[0], `registry.test: ${"x".repeat(MAX_WARNING_CHARS)}…`);
		// warnings already printed are not printed again; the next ones of the header are
		await transport(get("http://registry.test/v2/"));
		assert.deepEqual(
			lines.slice(MAX_WARNINGS_PER_RESPONSE),
			Array.from({ length: MAX_WARNINGS_PER_RESPONSE }, (_, i) => `registry.test: w${i + MAX_WARNINGS_PER_RESPONSE - 1}`),
		);
	});
});
