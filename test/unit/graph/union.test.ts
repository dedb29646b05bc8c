import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { fetchBytes } from "../../../src/content/verify.js";
import { MemoryStore } from "../../../src/content/memory.js";
import { hasCode } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { UnionStore } from "../../../src/graph/union.js";

async function put(store: MemoryStore, text: string): Promise<Descriptor> {
	const bytes = Buffer.from(text);
	const desc = descriptorFromBytes("application/octet-stream", bytes);
	await store.push(desc, Readable.from([bytes]));
	return desc;
}

describe("UnionStore", () => {
	it("reads from the first store that has the content and resolves tags in order", async () => {
		const front = new MemoryStore();
		const back = new MemoryStore();
		const a = await put(front, "in front");
		const b = await put(back, "behind");
		await back.tag(b, "v1");
		const union = new UnionStore(front, back);
		assert.equal(await union.exists(a), true);
		assert.equal(await union.exists(b), true);
		assert.equal(Buffer.from(await fetchBytes(union, b)).toString(), "behind");
		assert.equal((await union.resolve("v1")).digest, b.digest);
		await front.tag(a, "v1");
		assert.equal((await union.resolve("v1")).digest, a.digest, "the first store wins");
	});

	it("is NOT_FOUND when no store has it", async () => {
		const union = new UnionStore(new MemoryStore(), new MemoryStore());
		const missing = descriptorFromBytes("application/octet-stream", Buffer.from("nowhere"));
		assert.equal(await union.exists(missing), false);
		await assert.rejects(union.fetch(missing), (err) => hasCode(err, "NOT_FOUND"));
		await assert.rejects(union.resolve("nope"), (err) => hasCode(err, "NOT_FOUND"));
	});
});
