/** MemoryStore: the in-memory Target the graph tests use as a double, tested on its own. */
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { packManifest } from "../../../src/graph/index.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const body = (b: Uint8Array) => Readable.from([Buffer.from(b)]);
const read = async (r: Readable) => Buffer.concat((await r.toArray()) as Buffer[]).toString();

describe("MemoryStore", () => {
	it("verifies what it stores, and keeps the first copy of a digest", async () => {
		const s = new MemoryStore();
		const d = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("abc"));
		await assert.rejects(s.push(d, body(Buffer.from("abd"))), (err: unknown) => hasCode(err, "DIGEST_MISMATCH"));
		assert.equal(await s.exists(d), false);
		await s.push(d, body(Buffer.from("abc")));
		await s.push(d, body(Buffer.from("abc")));
		assert.equal(await read(await s.fetch(d)), "abc");
		await assert.rejects(s.fetch(descriptorFromBytes(MediaType.ImageLayer, Buffer.from("zzz"))), (err: unknown) => hasCode(err, "NOT_FOUND"));
	});

	it("resolves tags and digests, and tags only what it has", async () => {
		const s = new MemoryStore();
		const d = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("abc"));
		await assert.rejects(s.tag(d, "t"), (err: unknown) => hasCode(err, "NOT_FOUND"));
		await s.push(d, body(Buffer.from("abc")));
		await s.tag(d, "t");
		assert.equal((await s.resolve("t")).digest, d.digest);
		assert.equal((await s.resolve(d.digest)).digest, d.digest);
		await assert.rejects(s.resolve("other"), (err: unknown) => hasCode(err, "NOT_FOUND"));
	});

	it("lists tags sorted, after `last`", async () => {
		const s = new MemoryStore();
		const d = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("abc"));
		await s.push(d, body(Buffer.from("abc")));
		for (const t of ["b", "c", "a"]) await s.tag(d, t);
		const list = async (last?: string) => {
			const out: string[] = [];
			for await (const t of s.tags(last === undefined ? {} : { last })) out.push(t);
			return out;
		};
		assert.deepEqual(await list(), ["a", "b", "c"]);
		assert.deepEqual(await list("a"), ["b", "c"]);
		assert.deepEqual(await list("c"), []);
	});

	it("indexes manifests as predecessors of their successors, and forgets them on delete", async () => {
		const s = new MemoryStore();
		const layer = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("layer"));
		await s.push(layer, body(Buffer.from("layer")));
		const m = packManifest({ artifactType: "application/vnd.test", layers: [layer], annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" } });
		for (const b of m.blobsToPush) await s.push(b.desc, body(b.bytes));
		await s.push(m.desc, body(m.manifestBytes));
		await s.tag(m.desc, "v1");
		assert.deepEqual(
			(await s.predecessors(layer)).map((d) => d.digest),
			[m.desc.digest],
		);
		await s.delete(m.desc);
		assert.deepEqual(await s.predecessors(layer), []);
		await assert.rejects(s.resolve("v1"), (err: unknown) => hasCode(err, "NOT_FOUND"), "its tags go with it");
		await assert.rejects(s.delete(m.desc), (err: unknown) => hasCode(err, "NOT_FOUND"));
	});

	it("stores a manifest that does not parse, with no successors", async () => {
		const s = new MemoryStore();
		const bad = descriptorFromBytes(MediaType.ImageManifest, Buffer.from("{not json"));
		await s.push(bad, body(Buffer.from("{not json")));
		assert.equal(await s.exists(bad), true);
	});
});
