/** reusedFileChunks and tapChunks (src/content/internal/file-chunks.ts): bytes from an offset, two reused buffers, closing; a light pass-through. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { reusedFileChunks, tapChunks } from "../../../src/content/internal/file-chunks.js";

const base = await mkdtemp(join(tmpdir(), "oras-ts-file-chunks-"));
after(() => rm(base, { recursive: true, force: true }));
const data = randomBytes(1000 * 1000 + 7);
const file = join(base, "data");
await writeFile(file, data);

/** Open file descriptors of this process (Linux), to see a reader close its file. */
async function openFds(): Promise<number> {
	const { readdir } = await import("node:fs/promises");
	return (await readdir("/proc/self/fd")).length;
}

describe("reusedFileChunks", () => {
	it("yields the file's bytes from an offset, each chunk a copy-free view of one of two buffers", async () => {
		for (const [start, size] of [
			[0, 4096],
			[0, 1 << 20],
			[12345, 777],
			[data.length, 16],
			[data.length - 1, 16],
		] as const) {
			const parts: Buffer[] = [];
			const buffers = new Set<ArrayBufferLike>();
			for await (const c of reusedFileChunks(file, start, size)) {
				buffers.add(c.buffer);
				assert.ok(c.byteLength <= size);
				parts.push(Buffer.from(c)); // a copy: the view is only valid until the next chunk
			}
			assert.deepEqual(Buffer.concat(parts), data.subarray(start), `from ${start} by ${size}`);
			assert.ok(buffers.size <= 2, `${buffers.size} buffers`);
		}
	});

	it("does not touch the chunk the consumer holds while it reads the next one", async () => {
		let at = 0;
		for await (const c of reusedFileChunks(file, 0, 64 * 1024)) {
			await new Promise((r) => setTimeout(r, 1)); // the read ahead (into the other buffer) runs meanwhile
			assert.deepEqual(Buffer.from(c), data.subarray(at, at + c.byteLength), `chunk at ${at}`);
			at += c.byteLength;
		}
		assert.equal(at, data.length);
	});

	it("closes the file at the end, on an early return and on destroy, and opens nothing when never read", async () => {
		const before = await openFds();
		for await (const _ of reusedFileChunks(file, 0, 4096)) break;
		const all = reusedFileChunks(file, 0, 1 << 20);
		for await (const _ of all) {
			// read to the end
		}
		const partial = reusedFileChunks(file, 0, 4096);
		const it = partial[Symbol.asyncIterator]();
		await it.next();
		partial.destroy();
		reusedFileChunks(file).destroy();
		// destroy() returns before the file is closed: give the close a moment
		for (let i = 0; i < 50 && (await openFds()) > before; i++) await new Promise((r) => setTimeout(r, 10));
		assert.equal(await openFds(), before);
		assert.deepEqual(await it.next(), { done: true, value: undefined });
	});

	it("fails like a read of a missing file", async () => {
		await assert.rejects(
			async () => {
				for await (const _ of reusedFileChunks(join(base, "missing"))) {
					// nothing
				}
			},
			{ code: "ENOENT" },
		);
	});
});

describe("tapChunks", () => {
	it("shows each chunk before passing it on, asks for the next only when its consumer does, and closes the source when the observer throws", async () => {
		const events: string[] = [];
		let closed = 0;
		const source: AsyncIterable<Uint8Array> = {
			[Symbol.asyncIterator]: () => {
				let i = 0;
				return {
					next: async () => {
						events.push(`next ${i}`);
						return i < 3 ? { done: false, value: Buffer.from([i++]) } : { done: true, value: undefined };
					},
					return: async () => {
						closed++;
						return { done: true, value: undefined };
					},
				};
			},
		};
		for await (const c of tapChunks(source, (c) => events.push(`saw ${c[0]}`))) events.push(`got ${c[0]}`);
		assert.deepEqual(events, ["next 0", "saw 0", "got 0", "next 1", "saw 1", "got 1", "next 2", "saw 2", "got 2", "next 3"]);
		assert.equal(closed, 0);
		for await (const _ of tapChunks(source, () => {})) break;
		assert.equal(closed, 1);
		await assert.rejects(
			async () => {
				for await (const _ of tapChunks(source, (c) => {
					if (c[0] === 1) throw new Error("too long");
				})) {
					// consume
				}
			},
			{ message: "too long" },
		);
		assert.equal(closed, 2);
	});
});
