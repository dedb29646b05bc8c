/**
 * Small blobs a source hands over whole (`bufferedBody`: a registry reply read in one go, a small
 * file) stay whole through the copy engine's progress count into the file store. A hostile source
 * gains nothing by it: wrong, longer or shorter bytes are refused before any file is written, and
 * the progress count never reports bytes that were not taken.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { FileStore } from "../../../src/content/file/index.js";
import { bufferedBody } from "../../../src/content/verify.js";
import { hasCode } from "../../../src/errors.js";
import { copyGraph } from "../../../src/graph/copy.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";

const LAYER = Buffer.from("the real layer bytes\n");

/** A source with one manifest and one titled layer, whose fetch hands `served` over whole for the layer. */
function hostileSource(served: Buffer, title = "a.txt") {
	const layer: Descriptor = { ...descriptorFromBytes("application/octet-stream", LAYER), annotations: { "org.opencontainers.image.title": title } };
	const config = descriptorFromBytes("application/vnd.oci.empty.v1+json", Buffer.from("{}"));
	const manifestBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", config, layers: [layer] }));
	const manifest = descriptorFromBytes("application/vnd.oci.image.manifest.v1+json", manifestBytes);
	const src = {
		exists: async () => true,
		fetch: async (d: Descriptor) => bufferedBody(d.digest === layer.digest ? served : d.digest === config.digest ? Buffer.from("{}") : manifestBytes),
	};
	return { src, manifest, layer };
}

async function pullInto(served: Buffer, title?: string): Promise<{ err: unknown; files: string[]; reported: number[] }> {
	const dir = await mkdtemp(join(tmpdir(), "oras-ts-whole-"));
	const out = join(dir, "out");
	const { src, manifest, layer } = hostileSource(served, title);
	const store = new FileStore({ workingDir: out, syncSmallFiles: true });
	const reported: number[] = [];
	let err: unknown;
	try {
		await copyGraph(src, store, manifest, { onProgress: (d, n) => (d.digest === layer.digest ? reported.push(n) : undefined) });
	} catch (e) {
		err = e;
	}
	await store.close();
	const files = await readdir(dir, { recursive: true });
	await rm(dir, { recursive: true, force: true });
	return { err, files: files.map(String).sort(), reported };
}

describe("copy engine: small blobs handed over whole", () => {
	it("writes the layer and counts it once", async () => {
		const r = await pullInto(Buffer.from(LAYER));
		assert.equal(r.err, undefined);
		assert.deepEqual(r.files, ["out", "out/a.txt"]);
		assert.deepEqual(r.reported, [LAYER.length]);
	});
	for (const [what, served, code] of [
		["other bytes of the same length", Buffer.from("the fake layer bytes\n"), "DIGEST_MISMATCH"],
		["the bytes and more", Buffer.concat([LAYER, Buffer.from("x")]), "TRAILING_DATA"],
		["fewer bytes", LAYER.subarray(0, 5), "UNEXPECTED_EOF"],
	] as const) {
		it(`refuses ${what} (${code}): no file, no temp file, in the output directory or beside it`, async () => {
			const r = await pullInto(Buffer.from(served));
			assert.ok(hasCode(r.err, code), `expected ${code}, got ${String(r.err)}`);
			assert.deepEqual(r.files.filter((f) => f !== "out"), [], "nothing written");
		});
	}
	it("a title that leaves the output directory is refused before the bytes are taken", async () => {
		const r = await pullInto(Buffer.from(LAYER), "../escape.txt");
		assert.ok(r.err !== undefined, "refused");
		assert.deepEqual(r.files.filter((f) => f !== "out"), [], "nothing written outside or inside");
		assert.deepEqual(r.reported, [], "no bytes counted");
	});
});
