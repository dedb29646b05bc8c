/** HashingStream (the one digesting pass-through) and the storage capability checks (`canFetchReference`, …). */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, it } from "node:test";
import {
	canDelete,
	canFetchFrom,
	canFetchReference,
	canFindPredecessors,
	canListTags,
	canMount,
	canPushFrom,
	canPushReference,
	canResolve,
	canStage,
	canTag,
	HashingStream,
	MemoryStore,
} from "../../../src/content/index.js";
import { Digester, digestOf } from "../../../src/oci/digest.js";

async function drain(s: HashingStream, chunks: string[]): Promise<string> {
	const out: Buffer[] = [];
	await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), s, async (src: AsyncIterable<Buffer>) => {
		for await (const c of src) out.push(c);
	});
	return Buffer.concat(out).toString();
}

describe("HashingStream", () => {
	it("passes bytes through unchanged while counting and digesting them", async () => {
		const s = new HashingStream();
		assert.equal(await drain(s, ["hello ", "world"]), "hello world");
		assert.equal(s.size, 11);
		assert.equal(s.digest, digestOf("hello world"));
		assert.equal(s.digest, digestOf("hello world"), "the digest can be read again");
	});

	it("digests with the algorithm asked for", async () => {
		const s = new HashingStream("sha512");
		await drain(s, ["abc"]);
		assert.equal(s.digest, digestOf("abc", "sha512"));
	});

	it("continues from a prefix already hashed (a resumed download)", async () => {
		const d = new Digester();
		d.update(Buffer.from("hello "));
		const s = new HashingStream("sha256", { digester: d, start: 6 });
		assert.equal(await drain(s, ["world"]), "world");
		assert.equal(s.size, 11);
		assert.equal(s.digest, digestOf("hello world"));
	});

	it("fails with the caller's error past the limit, counting the start", async () => {
		const s = new HashingStream("sha256", { start: 4, limit: { bytes: 8, error: () => new Error("too big") } });
		await assert.rejects(drain(s, ["1234", "5"]), /too big/);
		const ok = new HashingStream("sha256", { start: 4, limit: { bytes: 8, error: () => new Error("too big") } });
		assert.equal(await drain(ok, ["12", "34"]), "1234", "exactly the limit is allowed");
		assert.equal(ok.size, 8);
	});
});

describe("storage capabilities", () => {
	it("detects each optional method by its presence as a function", () => {
		const mem = new MemoryStore();
		assert.equal(canResolve(mem), true);
		assert.equal(canTag(mem), true);
		assert.equal(canDelete(mem), true);
		assert.equal(canFindPredecessors(mem), true);
		assert.equal(canListTags(mem), true);
		assert.equal(canFetchReference(mem), false);
		assert.equal(canPushReference(mem), false);
		assert.equal(canMount(mem), false);
		assert.equal(canFetchFrom(mem), false);
		assert.equal(canPushFrom(mem), false);
		const fn = async () => undefined;
		const remote = { fetchReference: fn, pushReference: fn, mount: fn, fetchFrom: fn, pushFrom: fn };
		assert.equal(canFetchReference(remote), true);
		assert.equal(canPushReference(remote), true);
		assert.equal(canMount(remote), true);
		assert.equal(canFetchFrom(remote), true);
		assert.equal(canPushFrom(remote), true);
		assert.equal(canTag({ tag: "not a function" }), false);
	});

	it("offers staging only when it is enabled now", () => {
		const stageBlob = async () => ({ digest: digestOf(""), size: 0 });
		assert.equal(canStage({ stageBlob, stagingEnabled: true }), true);
		assert.equal(canStage({ stageBlob, stagingEnabled: false }), false);
		assert.equal(canStage({ stagingEnabled: true }), false);
		assert.equal(canStage(new MemoryStore()), false);
	});
});
