import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { combineSignals } from "../../../src/registry/client.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";

describe("HeaderMap", () => {
	it("behaves like Headers for the calls the transport makes", () => {
		const h = new HeaderMap({ Accept: "a/b", "X-Zed": " padded " });
		assert.equal(h.get("accept"), "a/b");
		assert.equal(h.get("x-zed"), "padded");
		assert.equal(h.has("ACCEPT"), true);
		h.append("accept", "c/d");
		assert.equal(h.get("Accept"), "a/b, c/d");
		h.set("Accept", "e/f");
		assert.equal(h.get("accept"), "e/f");
		h.delete("X-ZED");
		assert.equal(h.get("x-zed"), null);
		assert.equal(h.has("x-zed"), false);
		h.set("b-first", "1");
		const seen: string[] = [];
		h.forEach((v, k) => seen.push(`${k}=${v}`));
		assert.deepEqual(seen, ["accept=e/f", "b-first=1"]);
		// the same answers as the WHATWG Headers class
		const real = new Headers({ Accept: "a/b" });
		real.append("accept", "c/d");
		assert.equal(new HeaderMap({ Accept: "a/b" }).get("accept"), new Headers({ Accept: "a/b" }).get("accept"));
		const mine = new HeaderMap({ Accept: "a/b" });
		mine.append("accept", "c/d");
		assert.equal(mine.get("accept"), real.get("accept"));
	});

	it("copies from a Headers object, a HeaderMap, pairs or a record", () => {
		const fromHeaders = new HeaderMap(new Headers({ "Content-Type": "x/y" }));
		const fromMap = new HeaderMap(fromHeaders);
		const fromPairs = new HeaderMap([["content-type", "x/y"]]);
		const fromRecord = new HeaderMap({ "content-type": "x/y" });
		for (const h of [fromHeaders, fromMap, fromPairs, fromRecord]) assert.equal(h.get("content-type"), "x/y");
		fromMap.set("content-type", "changed");
		assert.equal(fromHeaders.get("content-type"), "x/y", "a copy, not a view");
	});

	it("a copy of a HeaderMap holds the joined values and iterates in name order, as the original", () => {
		const h = new HeaderMap([
			["Zed", "1"],
			["accept", "a/b"],
			["Accept", " c/d "],
			["m-id", "x"],
		]);
		const copy = new HeaderMap(h);
		assert.deepEqual([...copy], [...h]);
		assert.deepEqual([...copy], [
			["accept", "a/b, c/d"],
			["m-id", "x"],
			["zed", "1"],
		]);
		const seen: string[] = [];
		copy.forEach((v, k) => seen.push(`${k}=${v}`));
		assert.deepEqual(seen, ["accept=a/b, c/d", "m-id=x", "zed=1"]);
		copy.append("accept", "e/f");
		assert.equal(copy.get("accept"), "a/b, c/d, e/f");
		assert.equal(h.get("accept"), "a/b, c/d", "a copy, not a view");
		assert.deepEqual([...new HeaderMap()], []);
	});
});

describe("combineSignals", () => {
	it("shares one combined signal per pair and aborts with either", () => {
		const a = new AbortController();
		const b = new AbortController();
		const c = new AbortController();
		const ab = combineSignals(a.signal, b.signal);
		assert.equal(combineSignals(a.signal, b.signal), ab, "the same pair gives the same signal");
		assert.equal(combineSignals(a.signal, a.signal), a.signal, "one signal twice is that signal");
		assert.equal(combineSignals(undefined, c.signal), c.signal);
		assert.equal(combineSignals(c.signal, undefined), c.signal);
		assert.equal(combineSignals(undefined, undefined), undefined);
		assert.equal(combineSignals(), undefined);
		const ac = combineSignals(a.signal, c.signal);
		assert.notEqual(ac, ab);
		b.abort(new Error("b"));
		assert.equal(ab?.aborted, true);
		assert.equal(ac?.aborted, false);
		c.abort(new Error("c"));
		assert.equal(ac?.aborted, true);
	});
});
