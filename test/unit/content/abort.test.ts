/** watchAbort / unwatchAbort: one listener per signal, callbacks once and in order, unwatched ones never. */
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { describe, it } from "node:test";
import { unwatchAbort, watchAbort } from "../../../src/content/internal/abort.js";

describe("watchAbort", () => {
	it("many watchers of one signal add one listener; on abort each runs once, in the order watched", () => {
		const ac = new AbortController();
		const order: number[] = [];
		const fns = Array.from({ length: 500 }, (_, i) => () => order.push(i));
		for (const f of fns) watchAbort(ac.signal, f);
		assert.equal(getEventListeners(ac.signal, "abort").length, 1);
		ac.abort();
		assert.deepEqual(order, fns.map((_, i) => i));
		ac.signal.dispatchEvent(new Event("abort"));
		assert.equal(order.length, 500, "a second abort event runs nothing again");
	});

	it("an unwatched callback never runs; the others still do; signals are independent", () => {
		const a = new AbortController();
		const b = new AbortController();
		const ran: string[] = [];
		const one = () => ran.push("one");
		const two = () => ran.push("two");
		const other = () => ran.push("other");
		watchAbort(a.signal, one);
		watchAbort(a.signal, two);
		watchAbort(b.signal, other);
		unwatchAbort(a.signal, one);
		unwatchAbort(b.signal, two); // not watched there: nothing happens
		a.abort();
		assert.deepEqual(ran, ["two"]);
		b.abort();
		assert.deepEqual(ran, ["two", "other"]);
	});

	it("a callback that watches again during the abort is not called for this abort (the signal fires once)", () => {
		const ac = new AbortController();
		let late = 0;
		watchAbort(ac.signal, () => watchAbort(ac.signal, () => late++));
		ac.abort();
		assert.equal(late, 0);
	});
});
