/**
 * ingestResumable truncates a partial file only when its size is not what it measured: on
 * ext4 (auto_da_alloc) a truncate to 0 followed by writes makes the next close() flush the
 * whole file to disk, which made every fresh 1 GiB pull wait ~0.35 s in that close.
 */
import assert from "node:assert/strict";
import { appendFile, mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { ingestResumable } from "../../../src/content/ingest.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";

const blob = Buffer.alloc(200_000);
for (let i = 0; i < blob.length; i++) blob[i] = (i * 13 + 5) & 0xff;
const desc: Descriptor = { mediaType: "application/octet-stream", digest: digestOf(blob), size: blob.length };
const source = async (at: number) => ({ body: Readable.from([blob.subarray(at)]), offset: at });

describe("ingestResumable: truncate only when needed", () => {
	let dir = "";
	let truncates: number[] = [];
	let restore = () => {};
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-ingest-trunc-"));
		// Every FileHandle shares one prototype: record each truncate(len) made through any of them.
		const probe = await open(join(dir, "probe"), "w");
		const proto = Object.getPrototypeOf(probe) as { truncate: (len?: number) => Promise<void> };
		await probe.close();
		const original = proto.truncate;
		proto.truncate = function (this: unknown, len?: number) {
			truncates.push(len ?? 0);
			return original.call(this, len);
		};
		restore = () => {
			proto.truncate = original;
		};
	});
	after(async () => {
		restore();
		await rm(dir, { recursive: true, force: true });
	});

	it("writes a fresh partial, and continues a prefix, without truncating it", async () => {
		for (const prefix of [0, 70_000]) {
			truncates = [];
			const partial = join(dir, `prefix-${prefix}.partial`);
			if (prefix > 0) await writeFile(partial, blob.subarray(0, prefix));
			assert.deepEqual(await ingestResumable(partial, desc, source), { resumedFrom: prefix });
			assert.deepEqual(truncates, [], `prefix ${prefix}`);
			assert.ok((await readFile(partial)).equals(blob));
		}
	});

	it("still cuts a partial that grew after it was measured back to the measured size", async () => {
		truncates = [];
		const partial = join(dir, "grown.partial");
		await writeFile(partial, blob.subarray(0, 50_000));
		const r = await ingestResumable(partial, desc, async (at) => {
			// Something appends garbage between the hash of the prefix and the first write.
			await appendFile(partial, Buffer.alloc(30_000, 0xee));
			return source(at);
		});
		assert.equal(r.resumedFrom, 50_000);
		assert.deepEqual(truncates, [50_000]);
		assert.ok((await readFile(partial)).equals(blob));
	});

	it("still empties a partial longer than the blob", async () => {
		truncates = [];
		const partial = join(dir, "long.partial");
		await writeFile(partial, Buffer.alloc(blob.length + 1, 1));
		assert.deepEqual(await ingestResumable(partial, desc, source), { resumedFrom: 0 });
		assert.deepEqual(truncates, [0]);
		assert.ok((await readFile(partial)).equals(blob));
	});
});
