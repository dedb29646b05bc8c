import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../src/content/memory.js";
import type { OpOptions } from "../../../src/content/storage.js";
import { OrasError } from "../../../src/errors.js";
import { copy, Copier, copyGraph } from "../../../src/graph/copy.js";
import { CopyError } from "../../../src/graph/copy-error.js";
import { extendedCopyGraph } from "../../../src/graph/extended-copy.js";
import { packManifest } from "../../../src/graph/pack.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function put(store: MemoryStore, desc: Descriptor, bytes: Uint8Array): Promise<void> {
	await store.push(desc, Readable.from([Buffer.from(bytes)]));
}

/** An artifact with one layer `text`, optionally referring to `subject`; returns the manifest and its layer. */
async function artifact(store: MemoryStore, text: string, subject?: Descriptor): Promise<{ root: Descriptor; layer: Descriptor }> {
	const bytes = Buffer.from(text);
	const layer = descriptorFromBytes(MediaType.ImageLayer, bytes, { annotations: { "org.opencontainers.image.title": `${text}.txt` } });
	await put(store, layer, bytes);
	const packed = packManifest({ artifactType: "application/x.test", layers: [layer], annotations: CREATED, ...(subject ? { subject } : {}) });
	for (const b of packed.blobsToPush) await put(store, b.desc, b.bytes);
	await put(store, packed.desc, packed.manifestBytes);
	return { root: packed.desc, layer };
}

/** image ← sig1, image ← sig2: two roots sharing the image's graph. */
async function twoRoots(): Promise<{ src: MemoryStore; image: Descriptor; imageLayer: Descriptor; sig1: Descriptor; sig2: Descriptor; layer1: Descriptor; layer2: Descriptor }> {
	const src = new MemoryStore();
	const image = await artifact(src, "image");
	const s1 = await artifact(src, "sig-one", image.root);
	const s2 = await artifact(src, "sig-two", image.root);
	return { src, image: image.root, imageLayer: image.layer, sig1: s1.root, sig2: s2.root, layer1: s1.layer, layer2: s2.layer };
}

/** A destination counting calls per digest; pushes of `gated` digests wait until all of them have started. */
class RecordingStore extends MemoryStore {
	readonly existsCalls = new Map<string, number>();
	readonly pushCalls = new Map<string, number>();
	private readonly gated: Set<string>;
	private arrived = 0;
	private open!: () => void;
	private readonly gate = new Promise<void>((r) => (this.open = r));

	constructor(gated: readonly Descriptor[] = []) {
		super();
		this.gated = new Set(gated.map((d) => d.digest));
	}

	override async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		this.existsCalls.set(desc.digest, (this.existsCalls.get(desc.digest) ?? 0) + 1);
		return super.exists(desc, opts);
	}

	override async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		this.pushCalls.set(desc.digest, (this.pushCalls.get(desc.digest) ?? 0) + 1);
		if (this.gated.has(desc.digest)) {
			if (++this.arrived === this.gated.size) this.open();
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error("roots were not copied concurrently")), 2000);
			});
			try {
				await Promise.race([this.gate, timeout]);
			} finally {
				clearTimeout(timer);
			}
		}
		await super.push(desc, body, opts);
	}
}

describe("Copier", () => {
	it("copies the roots of an extended copy concurrently", async () => {
		const { src, image, sig1, sig2, layer1, layer2 } = await twoRoots();
		// Each root's own layer waits for the other's: one root after the other would time out.
		const dst = new RecordingStore([layer1, layer2]);
		await extendedCopyGraph(src, dst, image, { concurrency: 4 });
		assert.ok(await dst.exists(sig1));
		assert.ok(await dst.exists(sig2));
	});

	it("shares dedupe between roots: every node is checked and pushed once", async () => {
		const { src, image, imageLayer, sig1, sig2 } = await twoRoots();
		const dst = new RecordingStore();
		const copied: string[] = [];
		await extendedCopyGraph(src, dst, image, { concurrency: 3, postCopy: (d) => void copied.push(d.digest) });
		for (const d of [image, imageLayer, sig1, sig2]) {
			assert.equal(dst.existsCalls.get(d.digest), 1, `exists ${d.digest}`);
			assert.equal(dst.pushCalls.get(d.digest), 1, `push ${d.digest}`);
		}
		assert.equal(new Set(copied).size, copied.length, "each node reported once");
		// The empty config both signatures and the image share went up once.
		for (const [digest, n] of dst.pushCalls) assert.equal(n, 1, digest);
	});

	it("dedupes across calls of one copier", async () => {
		const { src, image, sig1 } = await twoRoots();
		const dst = new RecordingStore();
		const copier = new Copier(src, dst);
		await copier.copy(image);
		await copier.copy(sig1);
		assert.equal(dst.existsCalls.get(image.digest), 1);
		assert.ok(await dst.exists(sig1));
	});
});

/** A source whose fetch of `failOn` fails with `err`. */
class FailingSource extends MemoryStore {
	constructor(
		private readonly failOn: string,
		private readonly err: Error,
	) {
		super();
	}
	override async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		if (desc.digest === this.failOn) throw this.err;
		return super.fetch(desc, opts);
	}
}

/** A destination failing `exists`, `push` or `tag` for one digest. */
class FailingDestination extends MemoryStore {
	pushes = 0;
	constructor(
		private readonly failOn: string,
		private readonly op: "exists" | "push" | "tag",
		private readonly err: Error,
	) {
		super();
	}
	override async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		if (this.op === "exists" && desc.digest === this.failOn) throw this.err;
		return super.exists(desc, opts);
	}
	override async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		this.pushes++;
		if (this.op === "push" && desc.digest === this.failOn) {
			for await (const _ of body) break;
			throw this.err;
		}
		return super.push(desc, body, opts);
	}
	override async tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void> {
		if (this.op === "tag" && desc.digest === this.failOn) throw this.err;
		return super.tag(desc, reference, opts);
	}
}

async function rejection(p: Promise<unknown>): Promise<CopyError> {
	try {
		await p;
	} catch (err) {
		assert.ok(err instanceof CopyError, `expected a CopyError, got ${String(err)}`);
		return err;
	}
	assert.fail("expected a rejection");
}

async function seeded<T extends MemoryStore>(store: T): Promise<{ store: T; root: Descriptor; layer: Descriptor }> {
	const { root, layer } = await artifact(store, "payload");
	await store.tag(root, "v1");
	return { store, root, layer };
}

describe("CopyError", () => {
	it("names the source and the fetch step when the source fails, keeping code, message and hint", async () => {
		const probe = await seeded(new MemoryStore());
		const cause = new OrasError("NOT_FOUND", "blob unknown to registry", { hint: "check the repository" });
		const { store: src } = await seeded(new FailingSource(probe.layer.digest, cause));
		const err = await rejection(copyGraph(src, new MemoryStore(), probe.root));
		assert.equal(err.side, "source");
		assert.equal(err.step, "fetch");
		assert.equal(err.descriptor?.digest, probe.layer.digest);
		assert.equal(err.code, "NOT_FOUND");
		assert.equal(err.message, "blob unknown to registry");
		assert.equal(err.hint, "check the repository");
		assert.equal(err.cause, cause);
		assert.ok(OrasError.is(err));
	});

	it("names the destination and the step (exists, push, tag); a plain Error becomes COPY_FAILED", async () => {
		const src = await seeded(new MemoryStore());
		for (const op of ["exists", "push", "tag"] as const) {
			const failOn = op === "push" ? src.layer.digest : src.root.digest;
			const dst = new FailingDestination(failOn, op, new Error(`disk full (${op})`));
			const err = await rejection(copy(src.store, "v1", dst, "copied"));
			assert.equal(err.side, "destination", op);
			assert.equal(err.step, op);
			assert.equal(err.descriptor?.digest, failOn);
			assert.equal(err.code, "COPY_FAILED");
			assert.equal(err.message, `disk full (${op})`);
		}
	});

	it("names the source and the resolve step for a missing reference", async () => {
		const src = await seeded(new MemoryStore());
		const err = await rejection(copy(src.store, "nosuch", new MemoryStore(), "copied"));
		assert.equal(err.side, "source");
		assert.equal(err.step, "resolve");
		assert.equal(err.descriptor, undefined);
		assert.equal(err.code, "NOT_FOUND");
	});

	it("cancels the other roots on the first failure and leaves nothing running", async () => {
		const { src, image, layer1 } = await twoRoots();
		const dst = new FailingDestination(layer1.digest, "push", new Error("refused"));
		const err = await rejection(extendedCopyGraph(src, dst, image, { concurrency: 2 }));
		assert.equal(err.side, "destination");
		assert.equal(err.descriptor?.digest, layer1.digest);
		// Nothing is pushed after the promise settled.
		const before = dst.pushes;
		await new Promise((r) => setTimeout(r, 30));
		assert.equal(dst.pushes, before);
	});

	it("does not wrap aborts", async () => {
		const src = await seeded(new MemoryStore());
		const ac = new AbortController();
		ac.abort(new OrasError("ABORTED", "interrupted"));
		await assert.rejects(copyGraph(src.store, new MemoryStore(), src.root, { signal: ac.signal }), (err: unknown) => !(err instanceof CopyError) && OrasError.is(err) && err.code === "ABORTED");
	});
});
