/**
 * Attacks on what the second 2026-11-30 change touched: the manifest body read once and handed on
 * (`bufferedBody`), the file store's one-realpath path for files directly in the output directory and
 * its temp-file-before-mkdir order, and the batched `repo tags` output.
 */
import assert from "node:assert/strict";
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type HostileRegistry, rootManifest, startHostileRegistry, withPing } from "./fixtures/hostile-registry.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

let work: TempDir;
before(async () => {
	work = await tempDir("oras-ts-security-round3-");
});
after(async () => {
	await work.cleanup();
});

describe("a registry that sends other bytes than the digest names", () => {
	let reg: HostileRegistry;
	const good = rootManifest();
	const evil = rootManifest(',"annotations":{"x":"evil"}');
	before(async () => {
		// Every manifest request gets `evil`'s bytes, whatever digest or tag was asked for.
		reg = await startHostileRegistry(
			withPing((req, res) => {
				if (!(req.url ?? "").includes("/manifests/")) {
					res.writeHead(404, { "Content-Length": "0" }).end();
					return;
				}
				res.writeHead(200, { "Content-Type": "application/vnd.oci.image.manifest.v1+json", "Content-Length": String(evil.size), "Docker-Content-Digest": good.digest });
				res.end(req.method === "HEAD" ? undefined : evil.bytes);
			}),
		);
	});
	after(async () => {
		await reg.stop();
	});

	it("manifest fetch by digest refuses the body and prints none of it", async () => {
		const cwd = await work.caseDir();
		const r = await oras(["manifest", "fetch", "--plain-http", `${reg.host}/repo@${good.digest}`], { cwd });
		assert.notEqual(r.code, 0);
		assert.equal(r.stdout, "");
		assert.doesNotMatch(r.stderr, /evil/);
		assert.match(r.stderr, /^Error: .*digest/m);
	});

	it("pull by digest refuses it and writes nothing into -o", async () => {
		const cwd = await work.caseDir();
		const r = await oras(["pull", "--plain-http", `${reg.host}/repo@${good.digest}`, "-o", "out"], { cwd });
		assert.notEqual(r.code, 0);
		const left = await readdir(join(cwd, "out")).catch(() => [] as string[]);
		assert.deepEqual(left.filter((n) => n !== ".oras-ts-ingest"), [], `written into -o: ${left.join(", ")}`);
	});
});

describe("pull into an output directory an attacker prepared with symlinks", () => {
	let reg: RunningRegistry;
	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg.stop();
	});

	it("a file directly in -o that is a symlink to a victim is replaced, never written through", async () => {
		const dir = await work.caseDir();
		await writeFile(join(dir, "hi.txt"), "payload\n");
		const push = await oras(["push", "--plain-http", `${reg.host}/r3/direct:v1`, "hi.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		const victim = join(dir, "victim.txt");
		await writeFile(victim, "precious\n");
		await mkdir(join(dir, "out"));
		await symlink(victim, join(dir, "out", "hi.txt"));
		const pull = await oras(["pull", "--plain-http", `${reg.host}/r3/direct:v1`, "-o", "out"], { cwd: dir });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(victim, "utf8"), "precious\n");
		assert.ok((await lstat(join(dir, "out", "hi.txt"))).isFile(), "the symlink itself was replaced by the pulled file");
		assert.equal(await readFile(join(dir, "out", "hi.txt"), "utf8"), "payload\n");
	});

	it("a titled file under a symlinked subdirectory of -o is refused; nothing is created where the link points", async () => {
		const dir = await work.caseDir();
		await mkdir(join(dir, "sub"));
		await writeFile(join(dir, "sub", "x.txt"), "payload\n");
		const push = await oras(["push", "--plain-http", `${reg.host}/r3/sub:v1`, "sub/x.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		const outside = join(dir, "outside");
		await mkdir(outside);
		await mkdir(join(dir, "out"));
		await symlink(outside, join(dir, "out", "sub"));
		const pull = await oras(["pull", "--plain-http", `${reg.host}/r3/sub:v1`, "-o", "out"], { cwd: dir });
		assert.notEqual(pull.code, 0, pull.stdout);
		assert.match(pull.stderr, /^Error: /m);
		await assert.rejects(lstat(join(outside, "x.txt")), { code: "ENOENT" });
		assert.equal(await readlink(join(dir, "out", "sub")), outside, "the attacker's link is left as it was");
	});

	it("a title whose parent directory does not exist yet is created inside -o (temp file first, mkdir on ENOENT)", async () => {
		const dir = await work.caseDir();
		await mkdir(join(dir, "a", "b"), { recursive: true });
		await writeFile(join(dir, "a", "b", "c.txt"), "deep\n");
		const push = await oras(["push", "--plain-http", `${reg.host}/r3/deep:v1`, "a/b/c.txt"], { cwd: dir });
		assert.equal(push.code, 0, push.stderr);
		const pull = await oras(["pull", "--plain-http", `${reg.host}/r3/deep:v1`, "-o", "out"], { cwd: dir });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(dir, "out", "a", "b", "c.txt"), "utf8"), "deep\n");
	});
});

describe("repo tags: batched output still escapes what a registry sends", () => {
	let reg: HostileRegistry;
	before(async () => {
		const tags = ["ok", "bad\u001b[2Jclear", "new\nline", ...Array.from({ length: 5000 }, (_, i) => `t${i}`)];
		const body = Buffer.from(JSON.stringify({ name: "repo", tags }));
		reg = await startHostileRegistry(
			withPing((_req, res) => {
				res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) });
				res.end(body);
			}),
		);
	});
	after(async () => {
		await reg.stop();
	});

	it("no raw control character reaches stdout, and every tag is printed once, in order", async () => {
		const cwd = await work.caseDir();
		const r = await oras(["repo", "tags", "--plain-http", `${reg.host}/repo`], { cwd });
		assert.equal(r.code, 0, r.stderr);
		assert.doesNotMatch(r.stdout, /\u001b/);
		const lines = r.stdout.split("\n");
		assert.equal(lines.length, 5003 + 1);
		assert.equal(lines[0], "ok");
		assert.equal(lines[3], "t0");
		assert.equal(lines[5002], "t4999");
		assert.equal(lines[5003], "");
	});
});
