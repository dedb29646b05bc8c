/**
 * cp -r, backup and restore against the built-in registry (referrers API), to and from
 * distribution 2.8 (referrers tag schema): referrers must survive the switch of method.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, tempDir } from "./fixtures/cli.js";
import { digestOf, referrerTree as tree, withRepo } from "./fixtures/data.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { type RunningServe, startServe } from "./fixtures/serve.js";


describe("cp -r / backup / restore with the built-in registry (referrers API)", () => {
	let dist: RunningRegistry;
	let serve: RunningServe;
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
	let root = "";
	let expected: string[] = [];

	before(async () => {
		dist = await startRegistry();
		serve = await startServe({ logLevel: "silent" });
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		await writeFile(join(work.path, "sbom.json"), '{"sbom":true}\n');
		await writeFile(join(work.path, "sig.txt"), "signature\n");
		const push = await cli("push", "--plain-http", `${serve.host}/src/app:v1`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		root = digestOf(push.stdout);
		const s = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sbom", `${serve.host}/src/app:v1`, "sbom.json");
		assert.equal(s.code, 0, s.stderr);
		const g = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sig", `${serve.host}/src/app@${digestOf(s.stdout)}`, "sig.txt");
		assert.equal(g.code, 0, g.stderr);
		expected = await withRepo(serve.host, "src/app", async (r) => tree(r, await r.resolve("v1")));
		assert.equal(expected.length, 2);
	});
	after(async () => {
		await dist?.stop();
		await serve?.stop();
		await work?.cleanup();
	});

	it("copies -r from the built-in registry to distribution and back", async () => {
		const out = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${serve.host}/src/app:v1`, `${dist.host}/copy/app:v1`);
		assert.equal(out.code, 0, out.stderr);
		assert.equal(digestOf(out.stdout), root);
		assert.deepEqual(await withRepo(dist.host, "copy/app", async (r) => tree(r, await r.resolve("v1"))), expected);
		const back = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${dist.host}/copy/app:v1`, `${serve.host}/back/app:v1,v2`);
		assert.equal(back.code, 0, back.stderr);
		await withRepo(serve.host, "back/app", async (r) => {
			assert.equal((await r.resolve("v2")).digest, root);
			assert.deepEqual(await tree(r, await r.resolve("v1")), expected);
			assert.equal(r.referrersState, "supported");
		});
		// within the built-in registry: blobs are mounted
		const mount = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${serve.host}/src/app:v1`, `${serve.host}/mounted/app:v1`);
		assert.equal(mount.code, 0, mount.stderr);
		assert.match(mount.stdout, /^Mounted [0-9a-f]{12} hi\.txt$/m);
		assert.deepEqual(await withRepo(serve.host, "mounted/app", async (r) => tree(r, await r.resolve("v1"))), expected);
	});

	it("backs up from the built-in registry and restores into it and into distribution", async () => {
		const b = await cli("backup", "--plain-http", "--include-referrers", "-o", "serve.tar", `${serve.host}/src/app`);
		assert.equal(b.code, 0, b.stderr);
		// the referrers API keeps tags/list clean: only v1
		assert.match(b.stdout, /^Found 1 tag\(s\) in .*: v1$/m);
		assert.match(b.stdout, /^Pulled tag v1 with 2 referrer\(s\)$/m);
		for (const host of [serve.host, dist.host]) {
			const r = await cli("restore", "--plain-http", "--input", "serve.tar", `${host}/restored/app`);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /^Pushed tag v1 with 2 referrer\(s\)$/m);
			await withRepo(host, "restored/app", async (repo) => {
				assert.equal((await repo.resolve("v1")).digest, root);
				assert.deepEqual(await tree(repo, await repo.resolve("v1")), expected);
			});
		}
	});
});
