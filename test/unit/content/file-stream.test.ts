/** FileRangeStream (src/content/internal/file-stream.ts): ranges, read-ahead order, early EOF, close. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, open, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { FileRangeStream, fileStreamBudget } from "../../../src/content/internal/file-stream.js";
import { hasCode } from "../../../src/errors.js";

const base = await mkdtemp(join(tmpdir(), "oras-ts-file-stream-"));
after(() => rm(base, { recursive: true, force: true }));
const data = randomBytes(1000 * 1000 + 7);
const file = join(base, "data");
await writeFile(file, data);

async function collect(s: FileRangeStream): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const c of s) parts.push(c as Buffer);
	return Buffer.concat(parts);
}

describe("FileRangeStream", () => {
	it("streams the whole file and ranges in order with small chunks and several reads ahead", async () => {
		for (const [start, end, chunk, ahead] of [
			[0, data.length - 1, 4096, 3],
			[0, data.length - 1, 1 << 20, 2],
			[12345, 654321, 777, 4],
			[5, 5, 16, 2],
			[0, -1, 16, 2],
		] as const) {
			const fh = await open(file);
			const got = await collect(new FileRangeStream(fh, start, end, "data", chunk, ahead));
			assert.deepEqual(got, data.subarray(start, end + 1), `${start}-${end} by ${chunk}`);
		}
	});

	it("fails with UNEXPECTED_EOF when the file is shorter than the range", async () => {
		const short = join(base, "short");
		await writeFile(short, data);
		await truncate(short, 5000);
		const fh = await open(short);
		await assert.rejects(collect(new FileRangeStream(fh, 0, data.length - 1, "short", 1024, 2)), (err) => hasCode(err, "UNEXPECTED_EOF"));
	});

	it("closes its file handle when destroyed mid-stream", async () => {
		const fh = await open(file);
		const s = new FileRangeStream(fh, 0, data.length - 1, "data", 1024, 2);
		await new Promise<void>((res) => s.once("data", () => res()));
		s.destroy();
		await new Promise((res) => s.once("close", res));
		await assert.rejects(fh.stat(), (err: NodeJS.ErrnoException) => err.code === "EBADF");
	});

	it("shares one read-ahead budget: many readers that stop reading hold at most it in large chunks, and all still stream whole", async () => {
		const saved = fileStreamBudget.max;
		const chunk = 256 * 1024;
		fileStreamBudget.max = 3 * chunk;
		try {
			const streams: FileRangeStream[] = [];
			for (let i = 0; i < 10; i++) {
				const s = new FileRangeStream(await open(file), 0, data.length - 1, "data", chunk, 2);
				streams.push(s);
				// each takes its first chunk, then stops reading
				await new Promise<void>((res) => s.once("readable", () => res()));
			}
			assert.ok(fileStreamBudget.used <= fileStreamBudget.max, `${fileStreamBudget.used} bytes held in large chunks`);
			for (const s of streams) assert.deepEqual(await collect(s), data);
			assert.equal(fileStreamBudget.used, 0, "every chunk's budget is given back");
			// a destroyed stream gives its budget back too
			const d = new FileRangeStream(await open(file), 0, data.length - 1, "data", chunk, 2);
			await new Promise<void>((res) => d.once("readable", () => res()));
			d.destroy();
			await new Promise((res) => d.once("close", res));
			assert.equal(fileStreamBudget.used, 0);
		} finally {
			fileStreamBudget.max = saved;
		}
	});

	it("with the budget spent, streams in 64 KiB reads one at a time, still whole and in order", async () => {
		const saved = fileStreamBudget.max;
		fileStreamBudget.max = 0;
		try {
			for (const [start, end] of [[0, data.length - 1], [70000, 70000 + 3 * 65536 + 5]] as const) {
				const got = await collect(new FileRangeStream(await open(file), start, end, "data", 1 << 20, 2));
				assert.deepEqual(got, data.subarray(start, end + 1));
			}
			assert.equal(fileStreamBudget.used, 0);
		} finally {
			fileStreamBudget.max = saved;
		}
	});
});

describe("FileRangeStream.lentChunks", () => {
	it("gives the range through two reused buffers before the stream is read, and nothing after", async () => {
		for (const [start, end, chunk] of [
			[0, data.length - 1, 64 * 1024],
			[12345, 654321, 777],
			[0, -1, 16],
		] as const) {
			const s = new FileRangeStream(await open(file), start, end, "data", chunk, 2);
			const lent = s.lentChunks();
			assert.ok(lent);
			assert.equal(s.lentChunks(), undefined, "lent once");
			const parts: Buffer[] = [];
			const buffers = new Set<ArrayBufferLike>();
			for await (const c of lent) {
				buffers.add(c.buffer);
				parts.push(Buffer.from(c));
			}
			assert.deepEqual(Buffer.concat(parts), data.subarray(start, end + 1));
			assert.ok(buffers.size <= 2);
			s.destroy();
			await new Promise((r) => s.once("close", r));
		}
		const read = new FileRangeStream(await open(file), 0, 99, "data");
		assert.deepEqual(await collect(read), data.subarray(0, 100));
		assert.equal(read.lentChunks(), undefined, "a stream read already lends nothing");
	});

	it("fails with UNEXPECTED_EOF when the file is shorter than the range, and a lent stream cannot be read", async () => {
		const s = new FileRangeStream(await open(file), 0, data.length + 10, "data");
		const lent = s.lentChunks();
		assert.ok(lent);
		await assert.rejects(async () => {
			for await (const _ of lent) {
				// read
			}
		}, (err: unknown) => hasCode(err, "UNEXPECTED_EOF"));
		await assert.rejects(collect(s), (err: unknown) => hasCode(err, "UNSUPPORTED"));
	});
});
