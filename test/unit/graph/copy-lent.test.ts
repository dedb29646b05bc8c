/**
 * The copy engine hands a resumable destination (a registry) a source file stream that can lend its
 * chunks (see `ChunkLender`), with progress counted on the lent chunks too: a layout → registry copy
 * reads the blob through two reused buffers whether or not progress is shown.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import { lentChunksOf } from "../../../src/content/internal/file-chunks.js";
import { FileRangeStream } from "../../../src/content/internal/file-stream.js";
import type { OpenAt, OpOptions } from "../../../src/content/storage.js";
import { copyGraph } from "../../../src/graph/copy.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";

const dir = await mkdtemp(join(tmpdir(), "oras-ts-copy-lent-"));
after(() => rm(dir, { recursive: true, force: true }));
const data = randomBytes(300 * 1024 + 3);
const file = join(dir, "blob");
await writeFile(file, data);
const desc = descriptorFromBytes("application/octet-stream", data);

/** A source whose blob is a file stream (as a directory layout's). */
function fileSource(streams: FileRangeStream[]) {
	return {
		exists: async () => true,
		fetch: async (_d: Descriptor, _o?: OpOptions): Promise<Readable> => {
			const s = new FileRangeStream(await open(file), 0, data.length - 1, "blob", 16 * 1024, 2);
			streams.push(s);
			return s;
		},
	};
}

/** A destination that, like a registry upload, reads lent chunks when the body offers them (copying what it keeps). */
function lentDestination(received: Buffer[], bodies: Readable[]) {
	return {
		exists: async () => false,
		push: async () => assert.fail("pushFrom expected"),
		fetch: async () => assert.fail("not read"),
		pushFrom: async (_d: Descriptor, openAt: OpenAt) => {
			const { body } = await openAt(0);
			bodies.push(body);
			try {
				for await (const c of lentChunksOf(body) ?? body) received.push(Buffer.from(c as Uint8Array));
			} finally {
				body.destroy();
			}
		},
	};
}

describe("copy: a file stream's lent chunks reach a resumable destination", () => {
	for (const withProgress of [false, true]) {
		it(withProgress ? "with progress: counted on the lent chunks" : "without progress", async () => {
			const streams: FileRangeStream[] = [];
			const received: Buffer[] = [];
			const bodies: Readable[] = [];
			const seen: number[] = [];
			await copyGraph(fileSource(streams) as never, lentDestination(received, bodies) as never, desc, withProgress ? { onProgress: (_d, n) => seen.push(n) } : {});
			assert.deepEqual(Buffer.concat(received), data);
			assert.equal(streams.length, 1);
			assert.equal(streams[0]?.readableDidRead, false, "the stream itself was never read");
			await new Promise((r) => setImmediate(r));
			assert.equal(streams[0]?.destroyed, true, "the file stream is closed with the body");
			if (withProgress) {
				assert.equal(seen.at(-1), data.length);
				assert.ok(seen.length >= 2);
			}
		});
	}
});
