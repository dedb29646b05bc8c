import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/memory.js";
import type { OpOptions } from "../../../src/content/storage.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { encodeIndex, encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { copy, copyGraph, SKIP_NODE } from "../../../src/graph/copy.js";
import { Limiter } from "../../../src/graph/limiter.js";

async function put(store: MemoryStore, mediaType: string, data: string | Uint8Array, extra: Partial<Descriptor> = {}): Promise<Descriptor> {
	const bytes = typeof data === "string" ? Buffer.from(data) : data;
	const desc = descriptorFromBytes(mediaType, bytes, extra);
	await store.push(desc, Readable.from([bytes]));
	return desc;
}

async function artifact(store: MemoryStore, n: number, prefix = "layer"): Promise<{ root: Descriptor; blobs: Descriptor[] }> {
	const config = await put(store, MediaType.Empty, "{}");
	const blobs: Descriptor[] = [];
	for (let i = 0; i < n; i++) blobs.push(await put(store, MediaType.ImageLayer, `${prefix}-${i}`, { annotations: { "org.opencontainers.image.title": `${prefix}-${i}.txt` } }));
	const manifest = encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: "application/x.test", config, layers: blobs });
	const root = await put(store, MediaType.ImageManifest, manifest);
	return { root, blobs: [config, ...blobs] };
}

class CountingStore extends MemoryStore {
	pushes: string[] = [];
	active = 0;
	maxActive = 0;
	failOn: string | undefined;
	override async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		this.active++;
		this.maxActive = Math.max(this.maxActive, this.active);
		try {
			await new Promise((r) => setTimeout(r, 5));
			if (desc.digest === this.failOn) throw new Error("injected failure");
			await super.push(desc, body, opts);
			this.pushes.push(desc.digest);
		} finally {
			this.active--;
		}
	}
}

describe("copyGraph", () => {
	it("copies every node, children before the parent", async () => {
		const src = new MemoryStore();
		const { root, blobs } = await artifact(src, 5);
		const dst = new CountingStore();
		await copyGraph(src, dst, root);
		assert.equal(dst.pushes.length, blobs.length + 1);
		assert.equal(dst.pushes.at(-1), root.digest, "root is pushed last");
		for (const b of blobs) assert.equal(await dst.exists(b), true);
	});

	it("skips nodes the destination has, with their sub-graph", async () => {
		const src = new MemoryStore();
		const { root } = await artifact(src, 3);
		const dst = new CountingStore();
		await copyGraph(src, dst, root);
		dst.pushes = [];
		const skipped: string[] = [];
		await copyGraph(src, dst, root, { onCopySkipped: (d) => void skipped.push(d.digest) });
		assert.deepEqual(dst.pushes, []);
		assert.deepEqual(skipped, [root.digest]);
	});

	it("never runs more transfers than the concurrency limit", async () => {
		const src = new MemoryStore();
		const { root } = await artifact(src, 12);
		const dst = new CountingStore();
		await copyGraph(src, dst, root, { concurrency: 2 });
		assert.ok(dst.maxActive <= 2, `max active ${dst.maxActive}`);
		assert.ok(dst.maxActive >= 2, "transfers did run concurrently");
	});

	it("copies a shared blob once across an index of two manifests", async () => {
		const src = new MemoryStore();
		const a = await artifact(src, 2, "shared");
		const b = await artifact(src, 2, "shared");
		assert.equal(a.root.digest, b.root.digest);
		const c = await artifact(src, 1, "other");
		const index = await put(src, MediaType.ImageIndex, encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [a.root, c.root] }));
		const dst = new CountingStore();
		await copyGraph(src, dst, index);
		assert.equal(new Set(dst.pushes).size, dst.pushes.length, "each node pushed once");
		assert.equal(dst.pushes.at(-1), index.digest);
		assert.equal(await dst.exists(c.root), true);
	});

	it("fails with the first error and leaves no transfer running", async () => {
		const src = new MemoryStore();
		const { root, blobs } = await artifact(src, 6);
		const dst = new CountingStore();
		dst.failOn = blobs[3]?.digest;
		await assert.rejects(copyGraph(src, dst, root, { concurrency: 3 }), /injected failure/);
		assert.equal(dst.active, 0);
		assert.equal(await dst.exists(root), false, "the root is never committed after a child failed");
	});

	it("honours SKIP_NODE from preCopy and reports postCopy", async () => {
		const src = new MemoryStore();
		const { root, blobs } = await artifact(src, 2);
		const dst = new CountingStore();
		const post: string[] = [];
		await copyGraph(src, dst, root, {
			preCopy: (d) => (d.digest === blobs[1]?.digest ? SKIP_NODE : undefined),
			postCopy: (d) => void post.push(d.digest),
		});
		assert.equal(await dst.exists(blobs[1] as Descriptor), false);
		assert.ok(post.includes(root.digest));
		assert.ok(!post.includes(blobs[1]?.digest as string));
	});

	it("stops when the caller aborts", async () => {
		const src = new MemoryStore();
		const { root } = await artifact(src, 4);
		const dst = new CountingStore();
		const ac = new AbortController();
		ac.abort(new Error("stop now"));
		await assert.rejects(copyGraph(src, dst, root, { signal: ac.signal }), /stop now/);
		assert.deepEqual(dst.pushes, []);
	});
});

describe("copy", () => {
	it("resolves the source tag and tags the root at the destination", async () => {
		const src = new MemoryStore();
		const { root } = await artifact(src, 2);
		await src.tag(root, "v1");
		const dst = new MemoryStore();
		const got = await copy(src, "v1", dst, "release");
		assert.equal(got.digest, root.digest);
		assert.equal((await dst.resolve("release")).digest, root.digest);
		// Copying again only re-tags.
		const again = await copy(src, "v1", dst, "latest");
		assert.equal(again.digest, root.digest);
		assert.equal((await dst.resolve("latest")).digest, root.digest);
	});
});

describe("Limiter", () => {
	it("grants slots in FIFO order and rejects waiters on abort", async () => {
		const l = new Limiter(1);
		const r1 = await l.acquire();
		const order: number[] = [];
		const p2 = l.acquire().then((r) => {
			order.push(2);
			r();
		});
		const ac = new AbortController();
		const p3 = l.acquire(ac.signal);
		ac.abort(new Error("gone"));
		await assert.rejects(p3, /gone/);
		r1();
		await p2;
		assert.deepEqual(order, [2]);
		assert.throws(() => new Limiter(0), /positive integer/);
	});

	it("attack: 10,000 aborted waiters ahead of a survivor are skipped by one release, in a loop (no deep recursion), and leave no listener", async () => {
		const l = new Limiter(1);
		const first = await l.acquire();
		const doomed = new AbortController();
		const other = new AbortController();
		const queued = Array.from({ length: 10_000 }, () => l.acquire(doomed.signal));
		const survivor = l.acquire(other.signal);
		doomed.abort(new Error("cancelled"));
		const results = await Promise.allSettled(queued);
		assert.equal(results.filter((r) => r.status === "rejected").length, 10_000);
		first();
		const r = await survivor;
		assert.equal(getEventListeners(doomed.signal, "abort").length, 0, "the fired listener is gone");
		r();
		// the slot is free again: a new acquire is granted at once
		(await l.acquire())();
	});

	it("queues hundreds of waiters on one signal with one abort listener, and aborts only theirs", async () => {
		const l = new Limiter(1);
		const first = await l.acquire();
		const shared = new AbortController();
		const other = new AbortController();
		const warnings: Error[] = [];
		const onWarning = (w: Error) => warnings.push(w);
		process.on("warning", onWarning);
		try {
			const queued = Array.from({ length: 300 }, () => l.acquire(shared.signal));
			const survivor = l.acquire(other.signal);
			const afterAbort: Array<Promise<() => void>> = [];
			shared.abort(new Error("cancelled"));
			const results = await Promise.allSettled(queued);
			assert.ok(results.every((r) => r.status === "rejected" && /cancelled/.test(String(r.reason))));
			afterAbort.push(l.acquire(other.signal));
			first();
			const r = await survivor; // the other signal's waiter kept its place and gets the slot
			r();
			(await afterAbort[0])?.();
			// a waiter granted before any abort leaves no listener behind: aborting later changes nothing
			other.abort(new Error("late"));
			const again = await l.acquire();
			again();
			await new Promise((res) => setImmediate(res));
			assert.deepEqual(warnings.filter((w) => w.name === "MaxListenersExceededWarning"), []);
		} finally {
			process.off("warning", onWarning);
		}
	});
});
