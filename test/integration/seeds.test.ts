/**
 * Walk-throughs in the style of the oras documentation (https://oras.land/docs/), run with
 * `oras-ts` in place of `oras` against a real registry at `localhost:<port>` (plain HTTP,
 * as oras treats `localhost`). Hosts are the only thing changed.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeHtpasswd } from "./fixtures/htpasswd.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

describe("oras walk-throughs, verbatim but for the registry host", () => {
	let reg: RunningRegistry;
	let authReg: RunningRegistry;
	let htpasswd: Awaited<ReturnType<typeof makeHtpasswd>>;
	let work: { path: string; cleanup: () => Promise<void> };
	let R = "";
	const sh = (...argv: string[]) => oras(argv, { cwd: work.path });
	const ok = async (argv: string[], stdin?: string) => {
		const r = await oras(argv, { cwd: work.path, ...(stdin !== undefined ? { stdin } : {}) });
		assert.equal(r.code, 0, `oras-ts ${argv.join(" ")}\n${r.stderr}`);
		return r;
	};

	before(async () => {
		reg = await startRegistry();
		R = `localhost:${reg.port}`;
		htpasswd = await makeHtpasswd([{ username: "ophum", password: "gh-token-123" }]);
		authReg = await startRegistry({ extraConfig: htpasswd.registryConfig });
		work = await tempDir();
	});
	after(async () => {
		await reg?.stop();
		await authReg?.stop();
		await htpasswd?.cleanup();
		await work?.cleanup();
	});

	it("000: CI login with --password-stdin, push output.txt by commit, repo tags, pull", async () => {
		const A = `localhost:${authReg.port}`;
		const login = await ok(["login", "-u", "ophum", "--password-stdin", A], "gh-token-123");
		assert.match(login.stdout, /^Login Succeeded$/m);
		await writeFile(join(work.path, "output.txt"), `${new Date().toString()}\n`);
		const sha = "3ed88f2e9ee119b0694e8cededcd7d1485e92649";
		await ok(["push", `${A}/ophum/kakisute/oras-test:${sha}`, "output.txt"]);
		const tags = await ok(["repo", "tags", `${A}/ophum/kakisute/oras-test`]);
		assert.equal(tags.stdout, `${sha}\n`);
		await mkdir(join(work.path, "pulled"));
		// Same HOME (and so the same ~/.docker/config.json) from another directory.
		const pull = await oras(["pull", `${A}/ophum/kakisute/oras-test:${sha}`], { cwd: join(work.path, "pulled"), env: { HOME: work.path } });
		assert.equal(pull.code, 0, pull.stderr);
		assert.match(pull.stdout, new RegExp(`^Pulled \\[registry\\] ${A}/ophum/kakisute/oras-test:${sha}$`, "m"));
		assert.equal(await readFile(join(work.path, "pulled", "output.txt"), "utf8"), await readFile(join(work.path, "output.txt"), "utf8"));
	});

	it("001: skopeo copies an OCI layout to the registry; oras-ts reads it", async () => {
		const skopeo = requireTool("skopeo", "skopeo");
		await ok(["push", "--oci-layout", "anakin:1.0.0", "output.txt"]);
		const cp = spawnSync(skopeo, ["copy", "--dest-tls-verify=false", "oci:anakin:1.0.0", `docker://${R}/cortinico/space-unlimited-space/anakin:1.0.0`], {
			cwd: work.path,
			encoding: "utf8",
		});
		assert.equal(cp.status, 0, cp.stderr);
		const inspect = spawnSync(skopeo, ["inspect", "--raw", "--tls-verify=false", `docker://${R}/cortinico/space-unlimited-space/anakin:1.0.0`], { encoding: "utf8" });
		const d = await ok(["resolve", `${R}/cortinico/space-unlimited-space/anakin:1.0.0`]);
		assert.equal(d.stdout.trim(), `sha256:${createHash("sha256").update(inspect.stdout).digest("hex")}`);
	});

	it("002: zot walkthrough — push, manifest fetch, dirs, annotation file, layout tar, fetch-config, discover, blob fetch", async () => {
		await writeFile(join(work.path, "artifact.txt"), "hello world\n");
		await ok(["push", `${R}/hello-artifact:v1`, "./artifact.txt"]);
		const m = JSON.parse((await ok(["manifest", "fetch", `${R}/hello-artifact:v1`])).stdout);
		assert.equal(m.layers[0].annotations["org.opencontainers.image.title"], "artifact.txt");
		await mkdir(join(work.path, "docs"), { recursive: true });
		await writeFile(join(work.path, "docs", "readme.md"), "Docs on this artifact\n");
		await writeFile(join(work.path, "docs", "readme2.md"), "More content for this artifact\n");
		await ok(["push", `${R}/hello-artifact:v2`, "./docs"]);
		const m2 = JSON.parse((await ok(["manifest", "fetch", `${R}/hello-artifact:v2`])).stdout);
		assert.equal(m2.layers[0].annotations["org.opencontainers.image.title"], "docs");
		assert.equal(m2.layers[0].annotations["io.deis.oras.content.unpack"], "true");
		spawnSync("tar", ["-czf", "res.tar.gz", "docs"], { cwd: work.path });
		await ok(["push", `${R}/hello-artifact:v3`, "res.tar.gz"]);
		await writeFile(join(work.path, "cake.txt"), "cake\n");
		await writeFile(
			join(work.path, "annotation.json"),
			JSON.stringify({ $config: { hello: "world" }, $manifest: { foo: "bar" }, "cake.txt": { fun: "more cream" } }),
		);
		await ok(["push", "--annotation-file", "annotation.json", `${R}/hello-artifact:ann`, "cake.txt"]);
		const ann = JSON.parse((await ok(["manifest", "fetch", `${R}/hello-artifact:ann`])).stdout);
		assert.equal(ann.annotations.foo, "bar");
		assert.equal(ann.config.annotations.hello, "world");
		assert.equal(ann.layers[0].annotations.fun, "more cream");
		await mkdir(join(work.path, "v1out"));
		const pull = await oras(["pull", `${R}/hello-artifact:v1`], { cwd: join(work.path, "v1out") });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "v1out", "artifact.txt"), "utf8"), "hello world\n");

		// An image layout tar (as `docker buildx ... -o type=oci,dest=hello-world.tar` writes): build one, copy it in.
		await ok(["push", "--oci-layout", "--artifact-platform", "linux/amd64", "hw-layout:v4", "artifact.txt"]);
		spawnSync("tar", ["-cf", "hello-world.tar", "-C", "hw-layout", "."], { cwd: work.path });
		await ok(["cp", "--from-oci-layout", "./hello-world.tar:v4", `${R}/hello-artifact:v4`]);
		const cfg = JSON.parse((await ok(["manifest", "fetch-config", `${R}/hello-artifact:v4`])).stdout);
		assert.deepEqual(cfg, { architecture: "amd64", os: "linux" });
		const disc = await ok(["discover", `${R}/hello-artifact:v4`]);
		assert.match(disc.stdout, new RegExp(`^${R}/hello-artifact@sha256:[0-9a-f]{64}$`, "m"));
		const v4 = JSON.parse((await ok(["manifest", "fetch", `${R}/hello-artifact:v4`])).stdout);
		const blob = await ok(["blob", "-o", "-", "fetch", `${R}/hello-artifact@${v4.config.digest}`]);
		assert.deepEqual(JSON.parse(blob.stdout), cfg);
		await ok(["blob", "fetch", `${R}/hello-artifact@${v4.layers[0].digest}`, "-o", "output.tar.gz"]);
		assert.equal(await readFile(join(work.path, "output.tar.gz"), "utf8"), "hello world\n");
	});

	it("003: early ORAS README — --manifest-config, typed layers, directories, pull -a", async () => {
		await ok(["push", `${R}/hello-artifact:v1`, "--manifest-config", "/dev/null:application/vnd.acme.rocket.config", "./artifact.txt"]);
		await writeFile(join(work.path, "config.json"), '{"doc":"readme.md"}');
		await ok([
			"push",
			`${R}/hello-artifact:v2`,
			"--manifest-config",
			"config.json:application/vnd.acme.rocket.config.v1+json",
			"artifact.txt:text/plain",
			"./docs/:application/vnd.acme.rocket.docs.layer.v1+tar",
		]);
		const m = JSON.parse((await ok(["manifest", "fetch", `${R}/hello-artifact:v2`])).stdout);
		assert.equal(m.config.mediaType, "application/vnd.acme.rocket.config.v1+json");
		assert.deepEqual(
			m.layers.map((l: { mediaType: string; annotations: Record<string, string> }) => [l.mediaType, l.annotations["org.opencontainers.image.title"]]),
			[
				["text/plain", "artifact.txt"],
				["application/vnd.acme.rocket.docs.layer.v1+tar", "docs"],
			],
		);
		await mkdir(join(work.path, "p3"));
		const pull = await oras(["pull", `${R}/hello-artifact:v2`, "-a"], { cwd: join(work.path, "p3") });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "p3", "docs", "readme2.md"), "utf8"), "More content for this artifact\n");
	});

	it("004: French guide — annotations with date -Iseconds, attach, discover, copy, manifest push/delete, platforms, backup/restore", async () => {
		await writeFile(join(work.path, "nginx.conf"), "events {}\n");
		await writeFile(join(work.path, "README.md"), "# nginx\n");
		const created = spawnSync("date", ["-Iseconds"], { encoding: "utf8" }).stdout.trim();
		const N = `${R}/votre-username/config/nginx`;
		await ok(["push", `${N}:v1.0`, "nginx.conf"]);
		await ok(["push", `${N}:v1.1`, "nginx.conf", "README.md"]);
		await ok(["push", `${N}:v1.2`, "nginx.conf:application/vnd.example.nginx.conf", "README.md:text/markdown"]);
		await ok([
			"push",
			`${N}:v1.3`,
			"--annotation",
			`org.opencontainers.image.created=${created}`,
			"--annotation",
			"org.opencontainers.image.authors=votre-nom",
			"--annotation",
			"environment=production",
			"nginx.conf",
			"README.md",
		]);
		await ok(["push", "--plain-http", `${R}/config/nginx:v1`, "nginx.conf"]);
		await ok(["pull", "-o", "mon-config", `${N}:v1.3`]);
		assert.equal(await readFile(join(work.path, "mon-config", "README.md"), "utf8"), "# nginx\n");
		const desc = JSON.parse((await ok(["manifest", "fetch", `${N}:v1.3`, "--descriptor"])).stdout);
		await ok(["pull", "-o", "by-digest", `${N}@${desc.digest}`]);
		assert.match((await ok(["manifest", "fetch", `${N}:v1.3`, "--pretty"])).stdout, /^ {2}"schemaVersion": 2,$/m);

		await writeFile(join(work.path, "security-audit.json"), '{"ok":true}');
		await ok(["attach", "--artifact-type", "application/vnd.example.security.audit.v1+json", "--annotation", "scanned-by=trivy", "--annotation", "scan-date=2025-12-19", `${N}:v1.3`, "security-audit.json"]);
		const tree = await ok(["discover", `${N}:v1.3`]);
		assert.match(tree.stdout, /└── application\/vnd\.example\.security\.audit\.v1\+json/);
		await ok(["discover", "--artifact-type", "application/vnd.example.security.audit.v1+json", `${N}:v1.3`]);
		assert.equal(JSON.parse((await ok(["discover", "--format", "json", `${N}:v1.3`])).stdout).referrers.length, 1);

		await ok(["copy", `${N}:v1.3`, `${R}/myregistry/config/nginx:v1.3`]);
		await ok(["copy", "-r", `${N}:v1.3`, `${R}/myregistry2/config/nginx:v1.3`]);
		assert.equal(JSON.parse((await ok(["discover", "--format", "json", `${R}/myregistry2/config/nginx:v1.3`])).stdout).referrers.length, 1);
		const manifest = await ok(["manifest", "fetch", `${N}:v1.3`]);
		await writeFile(join(work.path, "manifest.json"), manifest.stdout);
		await ok(["manifest", "push", `${N}:latest`, "manifest.json"]);
		await ok(["copy", "--from-plain-http", "--to-plain-http", `${N}:v1.3`, `${N}:stable`]);
		assert.equal((await ok(["resolve", `${N}:stable`])).stdout.trim(), desc.digest);
		await ok(["manifest", "delete", "--force", `${N}:v1.0`]);

		await writeFile(join(work.path, "app-linux-amd64"), "amd64 binary");
		await writeFile(join(work.path, "app-linux-arm64"), "arm64 binary");
		await ok(["push", "--artifact-platform", "linux/amd64", `${R}/mon-org/cli:amd64`, "app-linux-amd64"]);
		await ok(["push", "--artifact-platform", "linux/arm64", `${R}/mon-org/cli:arm64`, "app-linux-arm64"]);
		await ok(["manifest", "index", "create", `${R}/mon-org/cli:v3.0`, "amd64", "arm64"]);
		await mkdir(join(work.path, "arm"));
		const arm = await oras(["pull", "--platform", "linux/arm64", `${R}/mon-org/cli:v3.0`, "--format", "json"], { cwd: join(work.path, "arm") });
		assert.equal(arm.code, 0, arm.stderr);
		assert.equal(await readFile(join(work.path, "arm", "app-linux-arm64"), "utf8"), "arm64 binary");
		await ok(["pull", "--concurrency", "10", "-o", "c10", `${N}:v1.3`]);

		await ok(["backup", "--output", "./backup-dir", `${N}:v1.3`]);
		await ok(["backup", "--output", "backup.tar", `${N}:v1.3`]);
		await ok(["backup", "--output", "./backup-dir2", "--include-referrers", `${N}:v1.3`]);
		await ok(["backup", "--output", "./backup-dir3", `${N}:v1.1,v1.2,v1.3`]);
		await ok(["restore", "--from", "./backup-dir", `${R}/restored/config:v1.3`]);
		await ok(["restore", "--from", "backup.tar", `${R}/restored2/config:v1.3`]);
		assert.equal((await ok(["resolve", `${R}/restored2/config:v1.3`])).stdout.trim(), desc.digest);
	});

	it("rejects what it should, one line each", async () => {
		const r = await sh("push", `${R}/x:v1`, "--manifest-config", "a.json", "--config", "b.json");
		assert.equal(r.code, 1);
		assert.match(r.stderr, /^Error: --config, --manifest-config cannot be used at the same time$/m);
	});
});
