/**
 * `Budget`: the one counter behind a listing's `PageBudget` and a referrers walk's `WalkBudget`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import { WalkBudget } from "../../../src/graph/referrers.js";
import { Budget } from "../../../src/oci/budget.js";
import { digestOf } from "../../../src/oci/digest.js";
import { PageBudget } from "../../../src/registry/list.js";

function limitError(message: string) {
	return (err: unknown) => {
		assert.ok(OrasError.is(err));
		assert.equal(err.code, "SIZE_EXCEEDS_LIMIT");
		assert.equal(err.message, message);
		return true;
	};
}

describe("Budget", () => {
	const limits = { maxItems: 3, maxBytes: 10, tooMany: (m: number) => `over ${m} items`, tooLarge: (m: number, n: number) => `over ${m} bytes in ${n} items` };
	it("allows up to maxItems items, then fails", () => {
		const b = new Budget(limits);
		b.addItems(2);
		b.addItems(1);
		assert.throws(() => b.addItems(1), limitError("over 3 items"));
	});
	it("allows up to maxBytes bytes, then fails naming the items taken", () => {
		const b = new Budget(limits);
		b.addItems(2);
		b.addBytes(10);
		assert.throws(() => b.addBytes(1), limitError("over 10 bytes in 2 items"));
	});
});

describe("PageBudget and WalkBudget", () => {
	it("PageBudget: the page limit before a page, the list size limit after one", () => {
		const pages = new PageBudget({ maxPages: 2 }, "tags of r");
		pages.nextPage();
		pages.nextPage();
		assert.throws(() => pages.nextPage(), limitError("tags of r: the registry sent more than 2 pages (page limit)"));
		const bytes = new PageBudget({ maxBytes: 5 }, "tags of r");
		bytes.nextPage();
		bytes.addBytes(5);
		bytes.nextPage();
		assert.throws(() => bytes.addBytes(1), limitError("tags of r: the registry sent more than 5 bytes in 2 pages (list size limit)"));
	});
	it("WalkBudget: referrers in all, their size as JSON, and the depth", () => {
		const d = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: digestOf(Buffer.from("x")), size: 1 };
		const nodes = new WalkBudget({ maxNodes: 2 });
		nodes.add([d, d]);
		assert.throws(() => nodes.add([d]), limitError("more than 2 referrers in all (referrer limit)"));
		const size = new WalkBudget({ maxBytes: JSON.stringify(d).length });
		size.add([d]);
		assert.throws(() => size.add([d]), limitError(`referrers take more than ${JSON.stringify(d).length} bytes in all (referrer size limit)`));
		const depth = new WalkBudget({ maxDepth: 1 });
		depth.checkLevel(1, 5, d);
		depth.checkLevel(2, 0, d);
		assert.throws(() => depth.checkLevel(2, 1, d), /nested deeper than 1 levels \(referrer depth limit\)/);
	});
});
