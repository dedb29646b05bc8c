/**
 * `manifest index create` / `update` and `push --artifact-platform` + `pull --platform`
 * through an index, against distribution 2.8 and an OCI layout.
 */
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createRepository } from "../../src/registry/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const digestOf = (out: string) => /^Digest: (\S+)$/m.exec(out)?.[1] as string;

interface Index {
	mediaType: string;
	artifactType?: string;
	manifests: Array<{ mediaType: string; digest: string; size: number; platform?: { os: string; architecture: string }; artifactType?: string }>;
	annotations?: Record<string, string>;
}

describe("manifest index create/update, push --artifact-platform, pull --platform", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
	let amd = "";
	let arm = "";
	let plain = "";

	before(async () => {
		reg = await startRegistry();
		work = await tempDir();
		await writeFile(join(work.path, "cli-amd64"), "amd64 binary\n");
		await writeFile(join(work.path, "cli-arm64"), "arm64 binary\n");
		await writeFile(join(work.path, "notes.txt"), "notes\n");
		const p1 = await cli("push", "--plain-http", "--artifact-platform", "linux/amd64", `${reg.host}/cli:amd64`, "cli-amd64");
		assert.equal(p1.code, 0, p1.stderr);
		amd = digestOf(p1.stdout);
		const p2 = await cli("push", "--plain-http", "--artifact-platform", "linux/arm64", `${reg.host}/cli:arm64`, "cli-arm64");
		assert.equal(p2.code, 0, p2.stderr);
		arm = digestOf(p2.stdout);
		const p3 = await cli("push", "--plain-http", "--artifact-type", "application/vnd.example.notes", `${reg.host}/cli:notes`, "notes.txt");
		assert.equal(p3.code, 0, p3.stderr);
		plain = digestOf(p3.stdout);
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("creates an index with platforms from the children's configs, tags it, and pull --platform picks the right child", async () => {
		const r = await cli("manifest", "index", "create", "--plain-http", `${reg.host}/cli:v1,latest`, "amd64", arm);
		assert.equal(r.code, 0, r.stderr);
		const lines = r.stdout.trimEnd().split("\n");
		assert.equal(lines[0], "Fetching  amd64");
		assert.equal(lines[1], `Fetched   ${amd} amd64`);
		assert.equal(lines[2], `Fetching  ${arm}`);
		assert.equal(lines[3], `Fetched   ${arm}`);
		assert.match(lines[4] as string, /^Packed {4}[0-9a-f]{12} application\/vnd\.oci\.image\.index\.v1\+json$/);
		assert.equal(lines[5], `Pushed    [registry] ${reg.host}/cli:v1`);
		assert.equal(lines[6], "Tagged latest");
		const digest = digestOf(r.stdout);
		const repo = createRepository(`${reg.host}/cli`, { plainHttp: true });
		let index: Index;
		try {
			assert.equal((await repo.resolve("latest")).digest, digest);
			const { body } = await repo.fetchReference("v1");
			const chunks: Buffer[] = [];
			for await (const c of body) chunks.push(c as Buffer);
			index = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Index;
		} finally {
			repo.client.close();
		}
		assert.equal(index.mediaType, MediaType.ImageIndex);
		assert.deepEqual(
			index.manifests.map((m) => [m.digest, m.platform]),
			[
				[amd, { architecture: "amd64", os: "linux" }],
				[arm, { architecture: "arm64", os: "linux" }],
			],
		);

		const pull = await cli("pull", "--plain-http", "--platform", "linux/arm64", "--format", "json", "-o", "out-arm", `${reg.host}/cli:v1`);
		assert.equal(pull.code, 0, pull.stderr);
		// the platform config has no title, so oras (and oras-ts) report skipped layers in text mode
		assert.equal((JSON.parse(pull.stdout) as { reference: string }).reference, `${reg.host}/cli@${arm}`);
		assert.equal(await readFile(join(work.path, "out-arm", "cli-arm64"), "utf8"), "arm64 binary\n");
		const pullAmd = await cli("pull", "--plain-http", "--platform", "linux/amd64", "-o", "out-amd", `${reg.host}/cli:v1`);
		assert.equal(pullAmd.code, 0, pullAmd.stderr);
		assert.equal(await readFile(join(work.path, "out-amd", "cli-amd64"), "utf8"), "amd64 binary\n");
		const none = await cli("pull", "--plain-http", "--platform", "windows/amd64", "-o", "out-none", `${reg.host}/cli:v1`);
		assert.equal(none.code, 1);
	});

	it("writes the index to stdout (--output - --pretty) or a file without pushing, with annotations and artifact type", async () => {
		const r = await cli("manifest", "index", "create", "--plain-http", "-a", "k=v", "--artifact-type", "application/vnd.example.set", "--output", "-", `${reg.host}/cli`, "amd64", "notes");
		assert.equal(r.code, 0, r.stderr);
		const idx = JSON.parse(r.stdout) as Index;
		assert.equal(idx.artifactType, "application/vnd.example.set");
		assert.deepEqual(idx.annotations, { k: "v" });
		assert.equal(idx.manifests[1]?.digest, plain);
		assert.equal(idx.manifests[1]?.artifactType, "application/vnd.example.notes");
		assert.equal(idx.manifests[1]?.platform, undefined);
		// compact Go JSON in the file
		const f = await cli("manifest", "index", "create", "--plain-http", "-o", "index.json", `${reg.host}/cli`, "amd64");
		assert.equal(f.code, 0, f.stderr);
		const bytes = await readFile(join(work.path, "index.json"), "utf8");
		assert.equal(
			bytes,
			`{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${amd}","size":${JSON.parse(bytes).manifests[0].size},"platform":{"architecture":"amd64","os":"linux"},"artifactType":"application/vnd.unknown.artifact.v1"}]}`,
		);
		assert.doesNotMatch(f.stdout, /^Pushed/m);
		const bad = await cli("manifest", "index", "create", "--plain-http", `${reg.host}/cli:bad`, "no-such-tag");
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /could not find the manifest no-such-tag/);
	});

	it("updates an index: remove, add, merge, artifact type, extra tags; nothing requested → message", async () => {
		const base = await cli("manifest", "index", "create", "--plain-http", `${reg.host}/cli:u1`, "amd64", "arm64");
		assert.equal(base.code, 0, base.stderr);
		const other = await cli("manifest", "index", "create", "--plain-http", `${reg.host}/cli:other`, "notes");
		assert.equal(other.code, 0, other.stderr);
		const nothing = await cli("manifest", "index", "update", "--plain-http", `${reg.host}/cli:u1`);
		assert.equal(nothing.code, 0);
		assert.equal(nothing.stdout, "Nothing to update as no change is requested\n");
		const u = await cli("manifest", "index", "update", "--plain-http", `${reg.host}/cli:u1`, "--remove", amd, "--add", "amd64", "--merge", "other", "--tag", "u2");
		assert.equal(u.code, 0, u.stderr);
		assert.match(u.stdout, new RegExp(`^Removed   ${amd}$`, "m"));
		assert.match(u.stdout, new RegExp(`^Added     ${amd} amd64$`, "m"));
		assert.match(u.stdout, /^Merged {4}sha256:[0-9a-f]{64} other$/m);
		assert.match(u.stdout, /^Updated {3}sha256:[0-9a-f]{64}$/m);
		assert.match(u.stdout, new RegExp(`^Pushed    \\[registry\\] ${reg.host}/cli:u1$`, "m"));
		assert.match(u.stdout, /^Tagged u2$/m);
		const out = await cli("manifest", "fetch", "--plain-http", `${reg.host}/cli:u2`);
		const idx = JSON.parse(out.stdout) as Index;
		assert.deepEqual(
			idx.manifests.map((m) => m.digest),
			[arm, amd, plain],
		);
		const missing = await cli("manifest", "index", "update", "--plain-http", `${reg.host}/cli:u1`, "--remove", "sha256:0000000000000000000000000000000000000000000000000000000000000000");
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /does not exist in the index/);
		const notDigest = await cli("manifest", "index", "update", "--plain-http", `${reg.host}/cli:u1`, "--remove", "amd64");
		assert.equal(notDigest.code, 1);
		assert.match(notDigest.stderr, /remove: amd64 is not a digest/);
		const at = await cli("manifest", "index", "update", "--plain-http", `${reg.host}/cli:u1`, "--artifact-type", "application/vnd.example.set", "-o", "-");
		assert.equal(at.code, 0, at.stderr);
		assert.equal((JSON.parse(at.stdout) as Index).artifactType, "application/vnd.example.set");
	});

	it("creates and updates an index in an OCI layout (alias pack)", async () => {
		await rm(join(work.path, "lay"), { recursive: true, force: true });
		for (const arch of ["amd64", "arm64"]) {
			const p = await cli("push", "--oci-layout", "--artifact-platform", `linux/${arch}`, `lay:${arch}`, `cli-${arch}`);
			assert.equal(p.code, 0, p.stderr);
		}
		const c = await cli("manifest", "index", "pack", "--oci-layout", "lay:v1", "amd64");
		assert.equal(c.code, 0, c.stderr);
		assert.match(c.stdout, /^Pushed {4}\[oci-layout\] lay:v1$/m);
		const u = await cli("manifest", "index", "update", "--oci-layout", "lay:v1", "--add", "arm64");
		assert.equal(u.code, 0, u.stderr);
		const pull = await cli("pull", "--oci-layout", "--platform", "linux/arm64", "lay:v1", "-o", "lay-out");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "lay-out", "cli-arm64"), "utf8"), "arm64 binary\n");
	});
});
