import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createRepository } from "../../src/registry/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { sha256File, writeRandomFile } from "./fixtures/data.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";


describe("push and pull against distribution 2.8", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	let n = 0;
	const repo = () => `${reg.host}/cli-test-${++n}`;
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });

	before(async () => {
		reg = await startRegistry();
		work = await tempDir();
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("round-trips one file and writes the manifest oras writes", async () => {
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		const ref = `${reg.host}/hello:v1`;
		const push = await cli("push", "--plain-http", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", ref, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^Uploaded {2}a948904f2f0f hi\.txt$/m);
		assert.match(push.stdout, new RegExp(`^Pushed \\[registry\\] ${ref}$`, "m"));
		assert.match(push.stdout, /^ArtifactType: application\/vnd\.unknown\.artifact\.v1$/m);
		assert.match(push.stdout, /^Digest: sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c$/m);

		const pull = await cli("pull", "--plain-http", ref, "-o", "out1");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out1", "hi.txt"), "utf8"), "hello world\n");
		assert.match(pull.stdout, /^Downloaded {2}a948904f2f0f hi\.txt$/m);
		assert.match(pull.stdout, new RegExp(`^Pulled \\[registry\\] ${ref}$`, "m"));
		assert.match(pull.stdout, /^Digest: sha256:97942c6a0deb/m);
	});

	it("prints oras's JSON model for push and pull", async () => {
		const ref = `${reg.host}/hello:v1`;
		const push = await cli("push", "--plain-http", "--format", "json", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", `${ref},extra`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const model = JSON.parse(push.stdout);
		assert.deepEqual(Object.keys(model), ["reference", "mediaType", "digest", "size", "annotations", "artifactType", "referenceAsTags"]);
		assert.equal(model.reference, `${reg.host}/hello@sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c`);
		assert.equal(model.size, 585);
		assert.deepEqual(model.referenceAsTags, [`${reg.host}/hello:extra`, `${reg.host}/hello:v1`]);
		const pull = await cli("pull", "--plain-http", "--format", "json", `${reg.host}/hello:extra`, "-o", "outjson");
		assert.equal(pull.code, 0, pull.stderr);
		const pm = JSON.parse(pull.stdout);
		assert.equal(pm.files.length, 1);
		assert.equal(pm.files[0].path, join(work.path, "outjson", "hi.txt"));
		assert.equal(pm.files[0].digest, "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
	});

	it("pushes several typed files under several tags and pulls by digest", async () => {
		await writeFile(join(work.path, "a.json"), '{"a":1}');
		await writeFile(join(work.path, "b.bin"), randomBytes(4096));
		const r = repo();
		const push = await cli("push", "--plain-http", "--artifact-type", "application/vnd.example.set", `${r}:t1,t2,t3`, "a.json:application/vnd.example.a+json", "b.bin:application/vnd.example.b");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^Tagged t2$/m);
		assert.match(push.stdout, /^Tagged t3$/m);
		const digest = /^Digest: (sha256:[a-f0-9]{64})$/m.exec(push.stdout)?.[1];
		assert.ok(digest);
		const repository = createRepository(r, { plainHttp: true });
		for (const t of ["t1", "t2", "t3"]) assert.equal((await repository.resolve(t)).digest, digest);
		const { body } = await repository.fetchReference(digest);
		const chunks: Buffer[] = [];
		for await (const c of body) chunks.push(c as Buffer);
		const manifest = JSON.parse(Buffer.concat(chunks).toString());
		repository.client.close();
		assert.equal(manifest.artifactType, "application/vnd.example.set");
		assert.deepEqual(
			manifest.layers.map((l: { mediaType: string }) => l.mediaType),
			["application/vnd.example.a+json", "application/vnd.example.b"],
		);
		const pull = await cli("pull", "--plain-http", `${r}@${digest}`, "-o", "out-digest");
		assert.equal(pull.code, 0, pull.stderr);
		assert.deepEqual(await readFile(join(work.path, "out-digest", "b.bin")), await readFile(join(work.path, "b.bin")));
		assert.equal(await readFile(join(work.path, "out-digest", "a.json"), "utf8"), '{"a":1}');
	});

	it("round-trips a nested directory with a symlink inside", async () => {
		const src = join(work.path, "tree");
		await mkdir(join(src, "sub", "deeper"), { recursive: true });
		await writeFile(join(src, "top.txt"), "top");
		await writeFile(join(src, "sub", "mid.txt"), "mid");
		await writeFile(join(src, "sub", "deeper", "low.bin"), randomBytes(10000));
		await symlink("mid.txt", join(src, "sub", "link-to-mid"));
		const r = `${repo()}:dir`;
		const push = await cli("push", "--plain-http", r, "tree");
		assert.equal(push.code, 0, push.stderr);
		const pull = await cli("pull", "--plain-http", r, "-o", "out-tree");
		assert.equal(pull.code, 0, pull.stderr);
		const dst = join(work.path, "out-tree", "tree");
		assert.equal(await readFile(join(dst, "top.txt"), "utf8"), "top");
		assert.equal(await readFile(join(dst, "sub", "mid.txt"), "utf8"), "mid");
		assert.deepEqual(await readFile(join(dst, "sub", "deeper", "low.bin")), await readFile(join(src, "sub", "deeper", "low.bin")));
		assert.ok((await lstat(join(dst, "sub", "link-to-mid"))).isSymbolicLink());
		assert.equal(await readlink(join(dst, "sub", "link-to-mid")), "mid.txt");
		const json = await cli("pull", "--plain-http", "--format", "json", r, "-o", "out-tree2");
		assert.equal(JSON.parse(json.stdout).files[0].path, `${join(work.path, "out-tree2", "tree")}/`);
	});

	it("round-trips a 256 MiB file byte for byte", async () => {
		const big = join(work.path, "big.bin");
		const want = await writeRandomFile(big, 256 * 1024 * 1024);
		const r = `${repo()}:big`;
		const push = await cli("push", "--plain-http", r, "big.bin");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, new RegExp(`^Uploaded {2}${want.slice(7, 19)} big\\.bin$`, "m"));
		const pull = await cli("pull", "--plain-http", r, "-o", "out-big");
		assert.equal(pull.code, 0, pull.stderr);
		const got = join(work.path, "out-big", "big.bin");
		assert.equal((await stat(got)).size, 256 * 1024 * 1024);
		assert.equal(await sha256File(got), want);
		const leftovers = (await readdir(join(work.path, "out-big"))).filter((f) => f !== "big.bin");
		assert.deepEqual(leftovers, [], "no temp files left in the output folder");
	});

	it("pushes into and pulls from an OCI layout, and copies nothing twice", async () => {
		const layout = join(work.path, "layout");
		const push = await cli("push", "--oci-layout", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", "layout:v1", "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^Pushed \[oci-layout\] layout:v1$/m);
		// Vector 11: the layout's index.json is byte-identical to the one oras writes.
		const index = await readFile(join(layout, "index.json"));
		assert.equal(index.length, 408);
		assert.equal(createHash("sha256").update(index).digest("hex"), "dc273d0505ffc5b56edc33dbc2e933a78c75bce5130f763b9442fdc03dbdce48");
		const again = await cli("push", "--oci-layout", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", "layout:v1", "hi.txt");
		assert.equal(again.code, 0, again.stderr);
		assert.match(again.stdout, /^Exists {4}97942c6a0deb application\/vnd\.oci\.image\.manifest\.v1\+json$/m);
		const pull = await cli("pull", "--oci-layout", "layout:v1", "-o", "out-layout");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out-layout", "hi.txt"), "utf8"), "hello world\n");
		const byDigest = await cli("pull", "--oci-layout", "layout@sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c", "-o", "out-layout-d");
		assert.equal(byDigest.code, 0, byDigest.stderr);
		assert.equal(await readFile(join(work.path, "out-layout-d", "hi.txt"), "utf8"), "hello world\n");
	});

	it("writes the manifest with --export-manifest and an empty artifact without files", async () => {
		const r = `${repo()}:empty`;
		const push = await cli("push", "--plain-http", "--export-manifest", "m.json", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", r);
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^Uploading empty artifact$/m);
		const m = await readFile(join(work.path, "m.json"));
		// Vector 5.
		assert.equal(m.length, 535);
		assert.equal(createHash("sha256").update(m).digest("hex"), "4543e784b17a9a8368d80c910b2e8b974869af9fc5e419d124a1d2f74c11e5e4");
	});

	it("writes image-spec v1.0 manifests", async () => {
		const push = await cli("push", "--plain-http", "--image-spec", "v1.0", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", `${repo()}:v10`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^ArtifactType: application\/vnd\.unknown\.config\.v1\+json$/m);
		assert.match(push.stdout, /^Digest: sha256:3c31d612de5cfd7c88e885b61397a574ef055234a21386af36ee7db5b21648a1$/m);
	});

	it("uses --config and --annotation-file entries for manifest, config and files", async () => {
		await writeFile(join(work.path, "config.json"), '{"name":"cfg"}');
		await writeFile(
			join(work.path, "ann.json"),
			JSON.stringify({ $manifest: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z", purpose: "test" }, $config: { kind: "cfg" }, "hi.txt": { "x.file": "yes" } }),
		);
		const r = `${repo()}:ann`;
		const push = await cli("push", "--plain-http", "--config", "config.json:application/vnd.example.config+json", "--annotation-file", "ann.json", r, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		assert.match(push.stdout, /^ArtifactType: application\/vnd\.example\.config\+json$/m);
		const repository = createRepository(r, { plainHttp: true });
		const { body } = await repository.fetchReference("ann");
		const chunks: Buffer[] = [];
		for await (const c of body) chunks.push(c as Buffer);
		repository.client.close();
		const m = JSON.parse(Buffer.concat(chunks).toString());
		assert.equal(m.artifactType, undefined, "a config without --artifact-type means image-spec v1.0");
		assert.equal(m.config.mediaType, "application/vnd.example.config+json");
		assert.deepEqual(m.config.annotations, { kind: "cfg" });
		assert.equal(m.annotations.purpose, "test");
		assert.equal(m.layers[0].annotations["x.file"], "yes");
		const pull = await cli("pull", "--plain-http", r, "-o", "out-cfg", "--config", "cfg-out.json");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out-cfg", "cfg-out.json"), "utf8"), '{"name":"cfg"}');
	});

	it("keeps old files with -k and refuses to overwrite them", async () => {
		const r = `${repo()}:keep`;
		assert.equal((await cli("push", "--plain-http", r, "hi.txt")).code, 0);
		await mkdir(join(work.path, "out-keep"), { recursive: true });
		await writeFile(join(work.path, "out-keep", "hi.txt"), "precious");
		const pull = await cli("pull", "--plain-http", "-k", r, "-o", "out-keep");
		assert.equal(pull.code, 1);
		assert.match(pull.stderr, /^Error: .*overwrite disallowed/m);
		assert.equal(await readFile(join(work.path, "out-keep", "hi.txt"), "utf8"), "precious");
		const pull2 = await cli("pull", "--plain-http", r, "-o", "out-keep");
		assert.equal(pull2.code, 0, pull2.stderr);
		assert.equal(await readFile(join(work.path, "out-keep", "hi.txt"), "utf8"), "hello world\n");
	});
});
