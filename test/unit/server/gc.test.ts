/** minorGarbageCollector: a function that really runs one young-generation GC. */
import assert from "node:assert/strict";
import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { describe, it } from "node:test";
import { minorGarbageCollector } from "../../../src/server/gc.js";

/** The kinds of the GCs V8 reports while `fn` runs (and just after). */
async function gcKinds(fn: () => void): Promise<number[]> {
	const kinds: number[] = [];
	const obs = new PerformanceObserver((list) => {
		for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) kinds.push(e.detail?.kind ?? -1);
	});
	obs.observe({ entryTypes: ["gc"] });
	try {
		fn();
		// GC entries are delivered asynchronously; bounded wait.
		for (let i = 0; i < 50 && kinds.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
	} finally {
		obs.disconnect();
	}
	return kinds;
}

describe("minorGarbageCollector", () => {
	it("returns a function on this Node, and calling it runs a minor GC (not a full one)", async () => {
		const gc = minorGarbageCollector();
		assert.equal(typeof gc, "function", `Node ${process.version} should expose gc after --expose-gc is set at run time`);
		const kinds = await gcKinds(() => gc?.());
		assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR), `a minor GC was observed: ${JSON.stringify(kinds)}`);
		assert.ok(!kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR), "no full GC");
	});

	it("can be asked for twice (the flag is already set) and both work", async () => {
		const a = minorGarbageCollector();
		const b = minorGarbageCollector();
		assert.ok(a && b);
		const kinds = await gcKinds(() => {
			a();
			b();
		});
		assert.ok(kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MINOR).length >= 1, JSON.stringify(kinds));
	});
});
