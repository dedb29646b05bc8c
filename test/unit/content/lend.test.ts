/**
 * Stores writing a body that lends its chunks (`LEND_CHUNKS`, a large registry blob through the
 * bulk reader): the file store's resumable ingest and the OCI layout store hash and write each
 * chunk during its call, check size and digest, and keep nothing (the lender scribbles over each
 * chunk after the call, as its reused read buffer would be).
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { FileStore } from "../../../src/content/file/index.js";
import { OciLayoutStore } from "../../../src/content/oci-layout/index.js";
import { type ChunkSink, LEND_CHUNKS } from "../../../src/content/storage.js";
import { hasCode } from "../../../src/errors.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import type { Digest } from "../../../src/oci/digest.js";

const sha = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}` as Digest;

/** A Readable that lends `data` in 64 KiB chunks from one buffer it overwrites after each call; `lent` counts lends. */
function lendingBody(data: Buffer, stats: { lent: number }): Readable {
	const body = new Readable({
		read() {
			this.push(data);
			this.push(null);
		},
	});
	Object.defineProperty(body, LEND_CHUNKS, {
		value: (sink: ChunkSink): Promise<void> => {
			stats.lent++;
			const buf = Buffer.alloc(64 * 1024);
			return (async () => {
				for (let off = 0; off < data.length; off += buf.length) {
					await new Promise<void>((resolve) => setImmediate(resolve));
					const n = data.copy(buf, 0, off, off + buf.length);
					sink(buf.subarray(0, n));
					buf.fill(0xee);
				}
			})();
		},
	});
	return body;
}

describe("stores writing lent chunks", () => {
	let dir: string;
	const data = randomBytes(2 * 1024 * 1024 + 5);
	const desc = (d: Buffer, over: Partial<Descriptor> = {}): Descriptor => ({
		mediaType: "application/octet-stream",
		digest: sha(d),
		size: d.length,
		annotations: { "org.opencontainers.image.title": "big.bin" },
		...over,
	});
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-lend-"));
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it("the file store's resumable ingest writes them byte-exact", async () => {
		const stats = { lent: 0 };
		const store = new FileStore({ workingDir: join(dir, "files"), tempDir: join(dir, "tmp") });
		await store.pushFrom(desc(data), async () => ({ body: lendingBody(data, stats), offset: 0 }));
		assert.equal(stats.lent, 1);
		assert.equal(sha(await readFile(join(dir, "files", "big.bin"))), sha(data));
	});

	it("the file store refuses lent bytes of the wrong digest or length and keeps no file", async () => {
		const store = new FileStore({ workingDir: join(dir, "bad"), tempDir: join(dir, "tmp2") });
		const other = randomBytes(data.length);
		await assert.rejects(
			store.pushFrom(desc(data), async () => ({ body: lendingBody(other, { lent: 0 }), offset: 0 })),
			(e: unknown) => hasCode(e, "DIGEST_MISMATCH"),
		);
		await assert.rejects(
			store.pushFrom(desc(data, { size: data.length - 1 }), async () => ({ body: lendingBody(data, { lent: 0 }), offset: 0 })),
			(e: unknown) => hasCode(e, "TRAILING_DATA"),
		);
		assert.deepEqual((await readdir(join(dir, "bad"))).filter((n) => n === "big.bin"), []);
	});

	it("an abort while a lent transfer waits for data is ABORTED, in both stores", async () => {
		const stalled = (): Readable => {
			const body = new Readable({ read() {} });
			Object.defineProperty(body, LEND_CHUNKS, {
				value: (sink: ChunkSink): Promise<void> =>
					new Promise<void>((_resolve, reject) => {
						sink(data.subarray(0, 1000));
						body.once("close", () => reject(new Error("closed")));
					}),
			});
			return body;
		};
		const ac = new AbortController();
		setTimeout(() => ac.abort(), 50);
		const store = new FileStore({ workingDir: join(dir, "abort"), tempDir: join(dir, "tmp3") });
		await assert.rejects(store.pushFrom(desc(data), async () => ({ body: stalled(), offset: 0 }), { signal: ac.signal }), (e: unknown) => hasCode(e, "ABORTED"));
		const ac2 = new AbortController();
		setTimeout(() => ac2.abort(), 50);
		const layout = await OciLayoutStore.open(join(dir, "layout-abort"));
		await assert.rejects(layout.push(desc(data, { annotations: {} }), stalled(), { signal: ac2.signal }), (e: unknown) => hasCode(e, "ABORTED"));
	});

	it("the OCI layout store writes them and checks the digest", async () => {
		const stats = { lent: 0 };
		const store = await OciLayoutStore.open(join(dir, "layout"));
		const d = desc(data, { annotations: {} });
		await store.push(d, lendingBody(data, stats));
		assert.equal(stats.lent, 1);
		assert.equal(sha(await readFile(join(dir, "layout", "blobs", "sha256", d.digest.slice(7)))), sha(data));
		const other = randomBytes(1024 * 1024);
		await assert.rejects(store.push(desc(other), lendingBody(randomBytes(other.length), { lent: 0 })), (e: unknown) => hasCode(e, "DIGEST_MISMATCH"));
		await assert.rejects(store.push(desc(other, { size: other.length + 1 }), lendingBody(other, { lent: 0 })), (e: unknown) => hasCode(e, "UNEXPECTED_EOF"));
		assert.equal(await store.exists(desc(other)), false);
		assert.deepEqual(await readdir(join(dir, "layout", "ingest")), []);
	});
});
