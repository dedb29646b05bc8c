import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KeyedMutex } from "../../../src/content/internal/mutex.js";
import {
	nextLink,
	paginate,
	parseBasicAuthorization,
	parseContentRange,
	parsePageSize,
	parseRange,
	repositoryNameProblem,
	uploadRange,
} from "../../../src/server/protocol.js";
import { parseListenAddress } from "../../../src/server/server.js";

describe("parseRange", () => {
	it("single ranges", () => {
		assert.deepEqual(parseRange("bytes=0-4", 10), { kind: "partial", start: 0, end: 4 });
		assert.deepEqual(parseRange("bytes=5-", 10), { kind: "partial", start: 5, end: 9 });
		assert.deepEqual(parseRange("bytes=-3", 10), { kind: "partial", start: 7, end: 9 });
		assert.deepEqual(parseRange("bytes=-30", 10), { kind: "partial", start: 0, end: 9 });
		assert.deepEqual(parseRange("bytes=8-100", 10), { kind: "partial", start: 8, end: 9 });
		assert.deepEqual(parseRange("BYTES = 1 - 2", 10), { kind: "partial", start: 1, end: 2 });
	});
	it("unsatisfiable ranges", () => {
		assert.deepEqual(parseRange("bytes=10-", 10), { kind: "unsatisfiable" });
		assert.deepEqual(parseRange("bytes=10-20", 10), { kind: "unsatisfiable" });
		assert.deepEqual(parseRange("bytes=-0", 10), { kind: "unsatisfiable" });
		assert.deepEqual(parseRange("bytes=0-", 0), { kind: "unsatisfiable" });
	});
	it("ignores what it does not understand (whole blob)", () => {
		for (const h of [undefined, "", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,3-4", "items=0-1", "bytes=a-b", `bytes=0-${"9".repeat(30)}`]) {
			assert.deepEqual(parseRange(h, 10), { kind: "full" }, String(h));
		}
	});
});

describe("parseContentRange", () => {
	it("accepts the spec's form and common variants", () => {
		assert.deepEqual(parseContentRange("0-9"), { start: 0, end: 9 });
		assert.deepEqual(parseContentRange("bytes 10-19"), { start: 10, end: 19 });
		assert.deepEqual(parseContentRange("10-19/100"), { start: 10, end: 19 });
		assert.deepEqual(parseContentRange("bytes 10-19/*"), { start: 10, end: 19 });
	});
	it("refuses malformed ranges", () => {
		for (const h of ["", "9-0", "-5", "5-", "a-b", "0-9-10", "bytes=0-9"]) assert.equal(parseContentRange(h), undefined, h);
	});
	it("upload progress header", () => {
		assert.equal(uploadRange(0), "0-0");
		assert.equal(uploadRange(1), "0-0");
		assert.equal(uploadRange(10), "0-9");
	});
});

describe("repository names", () => {
	it("accepts distribution's grammar, multi-segment", () => {
		for (const n of ["a", "library/alpine", "a/b/c/d", "my-repo", "a__b", "a.b_c--d", "x0/y1", "a".repeat(255)]) {
			assert.equal(repositoryNameProblem(n), undefined, n);
		}
	});
	it("refuses the rest", () => {
		for (const n of ["", "A", "a/", "/a", "a//b", "-a", "a-", "a_", "a..b", "a___b", "a/B", "a b", "a%2fb", "..", "a/../b", "a".repeat(256)]) {
			assert.ok(repositoryNameProblem(n), JSON.stringify(n));
		}
	});
	it("refuses components that collide with layout files", () => {
		for (const n of ["a/blobs", "blobs", "a/index.json", "x/oci-layout/y", "a/ingest"]) assert.match(repositoryNameProblem(n) ?? "", /reserved/, n);
	});
	it("is linear on adversarial input", () => {
		const start = Date.now();
		assert.ok(repositoryNameProblem(`${"a".repeat(250)}!`));
		assert.ok(repositoryNameProblem(`${"a-".repeat(120)}!`));
		assert.ok(Date.now() - start < 500);
	});
});

describe("pagination", () => {
	const items = ["a", "b", "c", "d", "e"];
	it("pages with n and continues after last", () => {
		assert.deepEqual(paginate(items, undefined, undefined), { items, next: undefined });
		assert.deepEqual(paginate(items, 2, undefined), { items: ["a", "b"], next: "b" });
		assert.deepEqual(paginate(items, 2, "b"), { items: ["c", "d"], next: "d" });
		assert.deepEqual(paginate(items, 2, "d"), { items: ["e"], next: undefined });
		assert.deepEqual(paginate(items, 5, undefined), { items, next: undefined });
		assert.deepEqual(paginate(items, 0, undefined), { items: [], next: undefined });
	});
	it("last need not be an existing entry", () => {
		assert.deepEqual(paginate(items, undefined, "bb"), { items: ["c", "d", "e"], next: undefined });
		assert.deepEqual(paginate(items, 10, "z"), { items: [], next: undefined });
		assert.deepEqual(paginate(items, 1, "0"), { items: ["a"], next: "a" });
	});
	it("walking pages yields every entry once (bounded)", () => {
		const many = Array.from({ length: 23 }, (_, i) => `t${String(i).padStart(2, "0")}`);
		const seen: string[] = [];
		let last: string | undefined;
		for (let i = 0; i < 50; i++) {
			const p = paginate(many, 4, last);
			seen.push(...p.items);
			if (p.next === undefined) break;
			last = p.next;
		}
		assert.deepEqual(seen, many);
	});
	it("page size and Link header", () => {
		assert.equal(parsePageSize(null), undefined);
		assert.equal(parsePageSize(""), undefined);
		assert.equal(parsePageSize("10"), 10);
		assert.ok(Number.isNaN(parsePageSize("-1")));
		assert.ok(Number.isNaN(parsePageSize("1e3")));
		assert.ok(Number.isNaN(parsePageSize("9999999999")));
		assert.equal(nextLink("/v2/a/b/tags/list", 2, "v1"), '</v2/a/b/tags/list?n=2&last=v1>; rel="next"');
		assert.equal(nextLink("/v2/_catalog", 1, "a/b"), '</v2/_catalog?n=1&last=a%2Fb>; rel="next"');
	});
});

describe("misc", () => {
	it("parses Basic credentials", () => {
		const h = `Basic ${Buffer.from("alice:pa:ss wörd").toString("base64")}`;
		assert.deepEqual(parseBasicAuthorization(h), { username: "alice", password: "pa:ss wörd" });
		assert.equal(parseBasicAuthorization(undefined), undefined);
		assert.equal(parseBasicAuthorization("Bearer abc"), undefined);
		assert.equal(parseBasicAuthorization(`Basic ${Buffer.from("nocolon").toString("base64")}`), undefined);
	});
	it("parses listen addresses", () => {
		assert.deepEqual(parseListenAddress("127.0.0.1:5000"), { host: "127.0.0.1", port: 5000 });
		assert.deepEqual(parseListenAddress(":0"), { host: "0.0.0.0", port: 0 });
		assert.deepEqual(parseListenAddress("[::1]:8080"), { host: "::1", port: 8080 });
		assert.deepEqual(parseListenAddress("localhost:1"), { host: "localhost", port: 1 });
		for (const bad of ["5000", "host", "a:b", "1.2.3.4:70000", "::1:80"]) assert.throws(() => parseListenAddress(bad), /invalid listen address/, bad);
	});
	it("KeyedMutex runs one caller per key, in order", async () => {
		const m = new KeyedMutex();
		const order: string[] = [];
		let inside = 0;
		let maxInside = 0;
		const job = (id: string) =>
			m.run("k", async () => {
				inside++;
				maxInside = Math.max(maxInside, inside);
				await new Promise((r) => setTimeout(r, 2));
				order.push(id);
				inside--;
			});
		await Promise.all([job("1"), job("2"), job("3"), m.run("other", async () => order.push("x"))]);
		assert.equal(maxInside, 1);
		assert.deepEqual(
			order.filter((o) => o !== "x"),
			["1", "2", "3"],
		);
		assert.equal(m.busy("k"), false);
	});
});
