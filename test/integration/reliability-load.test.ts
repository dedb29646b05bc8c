/**
 * Load: 100 oras-ts operations started at once against one real registry (50 pushes of
 * new artifacts, 50 pulls of artifacts pushed before), library calls in-process. All must
 * succeed and every byte pulled must match what was pushed. One repository per artifact:
 * distribution 2.8 itself sometimes answers "manifest blob unknown" when two sessions upload
 * the same blob (the empty config) into one repository at the same moment.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FileStore } from "../../src/content/file/index.js";
import { pull } from "../../src/graph/pull.js";
import { pushArtifact } from "../../src/graph/push.js";
import { createRepository, type Repository } from "../../src/registry/index.js";
import { tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const N = 100;
const SIZE = 48 * 1024;

describe("reliability: 100 concurrent operations against one registry", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	const repos: Repository[] = [];
	const repo = (i: number) => {
		const r = createRepository(`${reg.host}/load/r${i}`, { plainHttp: true });
		repos.push(r);
		return r;
	};

	before(async () => {
		reg = await startRegistry();
		work = await tempDir("oras-ts-load-");
	});
	after(async () => {
		for (const r of repos) r.client.close();
		await reg?.stop();
		await work?.cleanup();
	});

	const pushOne = async (i: number): Promise<string> => {
		const dir = join(work.path, `src-${i}`);
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, `f${i}.bin`), randomBytes(SIZE));
		const files = new FileStore(dir);
		try {
			const layer = await files.add(`f${i}.bin`, "application/vnd.test.load");
			await pushArtifact(files, { artifactType: "application/vnd.test.load", layers: [layer] }, repo(i), `a${i}`);
			return layer.digest;
		} finally {
			await files.close();
		}
	};

	const pullOne = async (i: number): Promise<void> => {
		const out = join(work.path, `out-${i}`);
		const store = new FileStore(out);
		try {
			const r = await pull(repo(i), `a${i}`, store);
			assert.deepEqual(
				r.files.map((f) => f.name),
				[`f${i}.bin`],
			);
		} finally {
			await store.close();
		}
		const got = await readFile(join(out, `f${i}.bin`));
		const want = await readFile(join(work.path, `src-${i}`, `f${i}.bin`));
		assert.ok(got.equals(want), `artifact ${i}: bytes differ`);
		assert.deepEqual(await readdir(out), [`f${i}.bin`]);
	};

	it("runs 50 pushes and 50 pulls at once; all succeed with verified bytes", async () => {
		// Artifacts for the pulls.
		await Promise.all(Array.from({ length: N / 2 }, (_, k) => pushOne(k)));
		const started = Date.now();
		const ops = Array.from({ length: N }, (_, k) => (k % 2 === 0 ? pushOne(N / 2 + k / 2) : pullOne((k - 1) / 2)));
		const results = await Promise.allSettled(ops);
		const failed = results.flatMap((r, k) => (r.status === "rejected" ? [`op ${k}: ${(r.reason as Error)?.message ?? String(r.reason)}`] : []));
		assert.deepEqual(failed, []);
		// The new artifacts are there, byte for byte.
		await Promise.all(Array.from({ length: N / 2 }, (_, k) => pullOne(N / 2 + k)));
		const digests = new Set(
			await Promise.all(Array.from({ length: N }, async (_, i) => `sha256:${createHash("sha256").update(await readFile(join(work.path, `src-${i}`, `f${i}.bin`))).digest("hex")}`)),
		);
		assert.equal(digests.size, N, "distinct artifacts");
		assert.ok(Date.now() - started < 60_000);
	});
});
