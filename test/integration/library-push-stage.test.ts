/**
 * A library user pushing a large file through `pushFiles` gets the CLI's single pass: the file
 * goes up in one upload session while it is hashed (POST, one PATCH, an empty PUT ?digest=),
 * not hashed first and uploaded after. Through the logging proxy in front of a real registry.
 */
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FileStore } from "../../src/content/file/index.js";
import { pull } from "../../src/graph/pull.js";
import { pushFiles } from "../../src/graph/push.js";
import { createRepository } from "../../src/registry/repository.js";
import { MiB, sha256File, writeRandomFile } from "./fixtures/data.js";
import { tempDir } from "./fixtures/cli.js";
import { type FaultProxy, startFaultProxy, uploadPatch } from "./fixtures/fault-proxy.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

describe("library push: hash while uploading", () => {
	let reg: RunningRegistry;
	let proxy: FaultProxy;
	let work: { path: string; cleanup: () => Promise<void> };
	let digest = "";

	before(async () => {
		reg = await startRegistry();
		proxy = await startFaultProxy(reg.host);
		work = await tempDir("oras-ts-libstage-");
		digest = await writeRandomFile(join(work.path, "big.bin"), 9 * MiB);
	});
	after(async () => {
		await proxy?.close();
		await reg?.stop();
		await work?.cleanup();
	});

	it("uploads a file of 8 MiB or more in the session that hashes it, and the bytes arrive intact", async () => {
		const repo = createRepository(`${proxy.host}/lib/stage`, { plainHttp: true });
		try {
			proxy.log.length = 0;
			let staged = 0;
			const result = await pushFiles([{ path: "big.bin" }], repo, "v1", { workingDir: work.path, onStaged: () => staged++ });
			assert.equal(staged, 1);
			const patches = proxy.log.filter(uploadPatch());
			assert.equal(patches.length, 1, "the file went up in one PATCH while it was hashed");
			// The blob was committed, never uploaded again: one POST for it, one for the config.
			const posts = proxy.log.filter((e) => e.method === "POST" && e.path.includes("/blobs/uploads/"));
			assert.equal(posts.length, 2);
			const out = join(work.path, "out");
			const store = new FileStore(out);
			try {
				await pull(repo, "v1", store);
			} finally {
				await store.close();
			}
			assert.equal(await sha256File(join(out, "big.bin")), digest);
			assert.equal((await repo.resolve("v1")).digest, result.root.digest);
		} finally {
			repo.client.close();
		}
	});

	it("a file staged again though the repository has it: the session is deleted, not left on the registry", async () => {
		const repo = createRepository(`${proxy.host}/lib/stage`, { plainHttp: true });
		try {
			proxy.log.length = 0;
			let staged = 0;
			// another manifest (so the copy asks whether the blob exists), the same file
			await pushFiles([{ path: "big.bin" }], repo, "v2", { workingDir: work.path, pack: { annotations: { push: "2" } }, onStaged: () => staged++ });
			assert.equal(staged, 1, "the digest is known only after the upload");
			const uploads = join(reg.storageDir, "docker/registry/v2/repositories/lib/stage/_uploads");
			// (distribution's cancel removes a session's data and leaves a small hash state)
			const left = async () => (await readdir(uploads, { recursive: true }).catch(() => [])).filter((f) => f.endsWith("data"));
			// the DELETE is not awaited by the push: give it a moment
			for (let i = 0; i < 100 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
			assert.deepEqual(await left(), [], "no session keeps the file's bytes");
			assert.equal(proxy.log.filter((e) => e.method === "DELETE" && e.path.includes("/blobs/uploads/")).length, 1);
			assert.equal((await repo.resolve("v2")).size > 0, true);
		} finally {
			repo.client.close();
		}
	});
});
