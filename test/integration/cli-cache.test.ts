import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createRepository } from "../../src/registry/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

describe("ORAS_CACHE", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	before(async () => {
		reg = await startRegistry();
		work = await tempDir();
		await writeFile(join(work.path, "data.bin"), Buffer.alloc(300_000, 7));
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("serves a second pull from the cache: no blob is downloaded", async () => {
		const ref = `${reg.host}/cached/app:v1`;
		const env = { ORAS_CACHE: join(work.path, "cache") };
		const cli = (...argv: string[]) => oras(argv, { cwd: work.path, env });
		assert.equal((await cli("push", "--plain-http", ref, "data.bin")).code, 0);
		const first = await cli("pull", "--plain-http", ref, "-o", "one");
		assert.equal(first.code, 0, first.stderr);
		const layer = /^Downloaded {2}([0-9a-f]{12}) data\.bin$/m.exec(first.stdout);
		assert.ok(layer, first.stdout);

		// Take the layer away from the registry: only the cache can serve it now.
		const repo = createRepository(`${reg.host}/cached/app`, { plainHttp: true });
		const manifest = JSON.parse((await cli("manifest", "fetch", "--plain-http", ref)).stdout) as { layers: Array<{ digest: string; size: number; mediaType: string }> };
		const desc = manifest.layers[0] as { digest: string; size: number; mediaType: string };
		await repo.delete({ mediaType: desc.mediaType, digest: desc.digest as never, size: desc.size });
		assert.equal(await repo.exists({ mediaType: desc.mediaType, digest: desc.digest as never, size: desc.size }), false);
		repo.client.close();

		const second = await cli("pull", "--plain-http", ref, "-o", "two");
		assert.equal(second.code, 0, `second pull: ${second.stderr}`);
		assert.deepEqual(await readFile(join(work.path, "two", "data.bin")), await readFile(join(work.path, "data.bin")));
		const blob = await cli("blob", "fetch", "--plain-http", "-o", "blob.bin", `${reg.host}/cached/app@${desc.digest}`);
		assert.equal(blob.code, 0, `blob fetch: ${blob.stderr}`);
		assert.equal((await readFile(join(work.path, "blob.bin"))).length, 300_000);

		// Without the cache the same pull fails: the blob really is gone from the registry.
		const uncached = await oras(["pull", "--plain-http", ref, "-o", "three"], { cwd: work.path });
		assert.equal(uncached.code, 1);
		assert.match(uncached.stderr, /not found|unknown/i);
	});
});
