/**
 * `oras-ts backup` then `oras-ts restore` between two distribution 2.8 instances: directory
 * and tar, several tags and all tags, `--include-referrers`, `--exclude-referrers`,
 * `--dry-run`, and the same digests after the round trip.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Descriptor } from "../../src/oci/descriptor.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { digestOf, referrerTree as tree, withRepo } from "./fixtures/data.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";


describe("oras-ts backup / restore (distribution 2.8)", () => {
	let a: RunningRegistry;
	let b: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
	let v1 = "";
	let v2 = "";
	let expected: string[] = [];

	before(async () => {
		[a, b] = await Promise.all([startRegistry(), startRegistry()]);
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		await writeFile(join(work.path, "bye.txt"), "bye\n");
		await writeFile(join(work.path, "sbom.json"), '{"sbom":true}\n');
		await writeFile(join(work.path, "sig.txt"), "signature\n");
		const p1 = await cli("push", "--plain-http", `${a.host}/app:v1`, "hi.txt");
		assert.equal(p1.code, 0, p1.stderr);
		v1 = digestOf(p1.stdout);
		const p2 = await cli("push", "--plain-http", `${a.host}/app:v2`, "bye.txt");
		assert.equal(p2.code, 0, p2.stderr);
		v2 = digestOf(p2.stdout);
		const s = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sbom", `${a.host}/app:v1`, "sbom.json");
		assert.equal(s.code, 0, s.stderr);
		const g = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sig", `${a.host}/app@${digestOf(s.stdout)}`, "sig.txt");
		assert.equal(g.code, 0, g.stderr);
		expected = await withRepo(a.host, "app", async (r) => tree(r, await r.resolve("v1")));
		assert.equal(expected.length, 2);
	});
	after(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await work?.cleanup();
	});

	it("backs up several tags with referrers to a directory and restores them with the same digests", async () => {
		const r = await cli("backup", "--plain-http", "--include-referrers", "--output", "bk", `${a.host}/app:v1,v2`);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^Found 2 tag\\(s\\) in ${a.host}/app: v1, v2$`, "m"));
		assert.match(r.stdout, /^Pulling {3}[0-9a-f]{12} hi\.txt$/m);
		assert.match(r.stdout, /^Pulled {4}[0-9a-f]{12} sig\.txt$/m);
		assert.match(r.stdout, /^Pulled tag v1 with 2 referrer\(s\)$/m);
		assert.match(r.stdout, /^Pulled tag v2 with 0 referrer\(s\)$/m);
		assert.match(r.stdout, new RegExp(`^Successfully backed up 2 tag\\(s\\) from "${a.host}/app" to "bk" in \\S+\\.$`, "m"));
		assert.deepEqual((await readdir(join(work.path, "bk"))).sort(), ["blobs", "index.json", "oci-layout"]);
		const index = JSON.parse(await readFile(join(work.path, "bk", "index.json"), "utf8")) as { manifests: Descriptor[] };
		const tagged = index.manifests.filter((m) => m.annotations?.["org.opencontainers.image.ref.name"]).map((m) => [m.annotations?.["org.opencontainers.image.ref.name"], m.digest]);
		assert.deepEqual(tagged.sort(), [
			["v1", v1],
			["v2", v2],
		]);
		assert.equal(index.manifests.length, 4); // two tags + two untagged referrers

		const dry = await cli("restore", "--plain-http", "--dry-run", "--input", "bk", `${b.host}/restored`);
		assert.equal(dry.code, 0, dry.stderr);
		assert.match(dry.stdout, /^Found 2 tag\(s\) in the backup: v1, v2$/m);
		assert.match(dry.stdout, /^Dry run: would push tag v1 with 2 referrer\(s\)$/m);
		assert.match(dry.stdout, new RegExp(`^Dry run complete: 2 tag\\(s\\) would be restored to "${b.host}/restored" \\(no data pushed\\)$`, "m"));
		await withRepo(b.host, "restored", async (repo) => {
			await assert.rejects(repo.resolve("v1"));
		});

		const res = await cli("restore", "--plain-http", "--input", "bk", `${b.host}/restored`);
		assert.equal(res.code, 0, res.stderr);
		assert.match(res.stdout, /^Pushing {3}[0-9a-f]{12} hi\.txt$/m);
		assert.match(res.stdout, /^Pushed {4}[0-9a-f]{12} hi\.txt$/m);
		assert.match(res.stdout, /^Pushed tag v1 with 2 referrer\(s\)$/m);
		assert.match(res.stdout, new RegExp(`^Successfully restored 2 tag\\(s\\) to "${b.host}/restored" in \\S+$`, "m"));
		await withRepo(b.host, "restored", async (repo) => {
			assert.equal((await repo.resolve("v1")).digest, v1);
			assert.equal((await repo.resolve("v2")).digest, v2);
			assert.deepEqual(await tree(repo, await repo.resolve("v1")), expected);
		});
	});

	it("backs up all tags to a tar and restores one tag without referrers, and all tags from the tar", async () => {
		const r = await cli("backup", "--plain-http", "--include-referrers", "-o", "all.tar", `${a.host}/app`);
		assert.equal(r.code, 0, r.stderr);
		// all tags = tags/list, which on a registry without the referrers API includes the
		// tag-schema indexes (sha256-<hex>), as with oras
		const found = /^Found (\d+) tag\(s\) in .*\/app: (.*)$/m.exec(r.stdout);
		assert.equal(found?.[1], "4");
		assert.deepEqual(found?.[2]?.split(", ").filter((t) => !t.startsWith("sha256-")).sort(), ["v1", "v2"]);
		assert.match(r.stdout, /^Exporting to all\.tar$/m);
		assert.match(r.stdout, /^Exported to all\.tar \(\d+(\.\d+)? KB\)$/m);
		const listing = spawnSync("tar", ["-tf", "all.tar"], { cwd: work.path, encoding: "utf8" }).stdout.split("\n");
		assert.ok(listing.includes("oci-layout"));
		assert.ok(listing.includes("index.json"));
		assert.ok(listing.some((l) => l.startsWith("blobs/sha256/")));
		assert.ok(!listing.some((l) => l.startsWith("ingest")));

		const ex = await cli("restore", "--plain-http", "--exclude-referrers", "--input", "all.tar", `${b.host}/from-tar:v1`);
		assert.equal(ex.code, 0, ex.stderr);
		assert.match(ex.stdout, /^Loaded backup archive: all\.tar \(\d+(\.\d+)? KB\)$/m);
		assert.match(ex.stdout, /^Pushed tag v1 with 0 referrer\(s\)$/m);
		await withRepo(b.host, "from-tar", async (repo) => {
			assert.equal((await repo.resolve("v1")).digest, v1);
			await assert.rejects(repo.resolve("v2"));
			assert.deepEqual(await tree(repo, await repo.resolve("v1")), []);
		});

		const all = await cli("restore", "--plain-http", "--input", "all.tar", `${b.host}/from-tar-all`);
		assert.equal(all.code, 0, all.stderr);
		await withRepo(b.host, "from-tar-all", async (repo) => {
			assert.equal((await repo.resolve("v2")).digest, v2);
			assert.deepEqual(await tree(repo, await repo.resolve("v1")), expected);
		});
	});

	it("backs up without referrers by default", async () => {
		const r = await cli("backup", "--plain-http", "--output", "plain", `${a.host}/app:v1`);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^Pulled tag v1 with 0 referrer\(s\)$/m);
		const index = JSON.parse(await readFile(join(work.path, "plain", "index.json"), "utf8")) as { manifests: Descriptor[] };
		assert.equal(index.manifests.length, 1);
	});

	it("refuses digests, bad tags, a directory named .tar, and an empty layout", async () => {
		const d = await cli("backup", "--plain-http", "--output", "x", `${a.host}/app@${v1}`);
		assert.equal(d.code, 1);
		assert.match(d.stderr, /digest references are not supported/);
		const t = await cli("backup", "--plain-http", "--output", "x", `${a.host}/app:v1,`);
		assert.equal(t.code, 1);
		assert.match(t.stderr, /empty tag/);
		await mkdir(join(work.path, "dir.tar"));
		const dir = await cli("backup", "--plain-http", "--output", "dir.tar", `${a.host}/app:v1`);
		assert.equal(dir.code, 1);
		assert.match(dir.stderr, /already exists and is a directory/);
		const missing = await cli("backup", "--plain-http", `${a.host}/app:v1`);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /required flag\(s\) "output" not set/);
		await mkdir(join(work.path, "empty-layout"));
		await writeFile(join(work.path, "empty-layout", "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
		await writeFile(join(work.path, "empty-layout", "index.json"), '{"schemaVersion":2,"manifests":[]}');
		const none = await cli("restore", "--plain-http", "--input", "empty-layout", `${b.host}/none`);
		assert.equal(none.code, 1);
		assert.match(none.stderr, /no tags found in OCI layout/);
	});
});
