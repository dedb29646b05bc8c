import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import type { StageOpener } from "../../../src/content/ingest.js";
import { MemoryStore } from "../../../src/content/memory.js";
import type { OpOptions } from "../../../src/content/storage.js";
import { pushFiles, type StagedFile, stagingDigestHook } from "../../../src/graph/push.js";
import type { Descriptor } from "../../../src/oci/descriptor.js";
import { type Digest, Digester } from "../../../src/oci/digest.js";
import { parseManifest } from "../../../src/oci/manifest.js";

/** A destination that stages like a registry: bytes go up while hashed, a later push of the digest only commits. */
class StagingStore extends MemoryStore {
	stagingEnabled = true;
	readonly stagedCalls: number[] = [];
	/** Bytes read from push bodies, by digest. */
	readonly pushedBytes = new Map<string, number>();
	private readonly staged = new Map<string, Buffer>();

	async stageBlob(open: StageOpener, size: number, _opts?: OpOptions): Promise<{ digest: Digest; size: number }> {
		this.stagedCalls.push(size);
		const d = new Digester("sha256");
		const chunks: Buffer[] = [];
		for await (const c of await open(0)) {
			d.update(c);
			chunks.push(Buffer.from(c));
		}
		const digest = d.digest();
		this.staged.set(digest, Buffer.concat(chunks));
		return { digest, size };
	}

	override async push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void> {
		const staged = this.staged.get(desc.digest);
		if (staged) {
			this.staged.delete(desc.digest);
			if (body instanceof Readable) body.destroy();
			this.pushedBytes.set(desc.digest, 0);
			return super.push(desc, Readable.from([staged]), opts);
		}
		let n = 0;
		const chunks: Buffer[] = [];
		for await (const c of body) {
			n += c.byteLength;
			chunks.push(Buffer.from(c));
		}
		this.pushedBytes.set(desc.digest, n);
		return super.push(desc, Readable.from([Buffer.concat(chunks)]), opts);
	}
}

describe("push: hash while uploading in the library", () => {
	const dirs: string[] = [];
	after(async () => {
		for (const d of dirs) await rm(d, { recursive: true, force: true });
	});
	async function files(): Promise<string> {
		const dir = await mkdtemp(join(tmpdir(), "oras-ts-stage-unit-"));
		dirs.push(dir);
		await writeFile(join(dir, "big.bin"), Buffer.alloc(64 * 1024, 7));
		await writeFile(join(dir, "small.txt"), "small");
		return dir;
	}

	it("stages files at or above the threshold, reads them once, and commits them with the push", async () => {
		const dir = await files();
		const dst = new StagingStore();
		const events: string[] = [];
		const seen = (f: StagedFile) => f.path.slice(dir.length + 1);
		const result = await pushFiles([{ path: "big.bin" }, { path: "small.txt", annotations: { a: "b" } }], dst, "v1", {
			workingDir: dir,
			stageMinBytes: 1024,
			pack: { artifactType: "application/x.test" },
			onStageStart: (f) => events.push(`start ${seen(f)} ${f.size}`),
			onStageProgress: (f, n) => {
				if (n === f.size) events.push(`read ${seen(f)} ${n}`);
			},
			onStaged: (f, digest) => events.push(`staged ${seen(f)} ${digest.slice(0, 7)}`),
		});
		assert.deepEqual(dst.stagedCalls, [64 * 1024], "only the large file is staged");
		assert.deepEqual(events, ["start big.bin 65536", "read big.bin 65536", "staged big.bin sha256:"]);
		const parsed = parseManifest(result.manifestBytes, result.root.mediaType);
		assert.equal(parsed.kind, "manifest");
		if (parsed.kind !== "manifest") return;
		const [big, small] = parsed.manifest.layers;
		assert.ok(big && small);
		assert.equal(big.annotations?.["org.opencontainers.image.title"], "big.bin");
		assert.equal(small.annotations?.a, "b");
		assert.equal(dst.pushedBytes.get(big.digest), 0, "the staged file is not read again for the push");
		assert.equal(dst.pushedBytes.get(small.digest), 5);
		assert.equal((await dst.resolve("v1")).digest, result.root.digest);
		assert.ok(await dst.exists(big));
	});

	it("does not stage when the destination cannot (or staging is switched off)", async () => {
		const dir = await files();
		assert.equal(stagingDigestHook(new MemoryStore()), undefined);
		const off = new StagingStore();
		off.stagingEnabled = false;
		assert.equal(stagingDigestHook(off), undefined);
		const plain = new MemoryStore();
		const result = await pushFiles([{ path: "big.bin" }], plain, undefined, { workingDir: dir, stageMinBytes: 1024 });
		assert.ok(await plain.exists(result.root));
	});
});
