import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

function sh(cmd: string, args: string[], cwd: string): string {
	const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 60_000 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
	return r.stdout;
}

const sha256 = (b: Buffer | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

describe("interoperability with skopeo and umoci", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	let skopeo: string;
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });

	before(async () => {
		skopeo = requireTool("skopeo", "skopeo");
		reg = await startRegistry();
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("skopeo reads the manifest oras-ts pushed, byte for byte", async () => {
		const push = await cli("push", "--plain-http", `${reg.host}/interop/a:v1`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const digest = /^Digest: (\S+)$/m.exec(push.stdout)?.[1];
		const raw = sh(skopeo, ["inspect", "--raw", "--tls-verify=false", `docker://${reg.host}/interop/a:v1`], work.path);
		assert.equal(sha256(raw), digest);
		assert.equal(JSON.parse(raw).layers[0].annotations["org.opencontainers.image.title"], "hi.txt");
	});

	it("oras-ts pulls from an OCI layout skopeo wrote, as a directory and as a tar", async () => {
		sh(skopeo, ["copy", "--src-tls-verify=false", `docker://${reg.host}/interop/a:v1`, "oci:skopeo-layout:v1"], work.path);
		const pull = await cli("pull", "--oci-layout", "skopeo-layout:v1", "-o", "out-sk");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out-sk", "hi.txt"), "utf8"), "hello world\n");
		sh("tar", ["-cf", "skopeo-layout.tar", "-C", "skopeo-layout", "."], work.path);
		const fromTar = await cli("pull", "--oci-layout", "skopeo-layout.tar:v1", "-o", "out-sk-tar");
		assert.equal(fromTar.code, 0, fromTar.stderr);
		assert.equal(await readFile(join(work.path, "out-sk-tar", "hi.txt"), "utf8"), "hello world\n");
	});

	it("skopeo copies an OCI layout written by oras-ts into the registry unchanged", async () => {
		const push = await cli("push", "--oci-layout", "ours:v1", "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const digest = /^Digest: (\S+)$/m.exec(push.stdout)?.[1];
		sh(skopeo, ["copy", "--dest-tls-verify=false", "oci:ours:v1", `docker://${reg.host}/interop/from-layout:v1`], work.path);
		const raw = sh(skopeo, ["inspect", "--raw", "--tls-verify=false", `docker://${reg.host}/interop/from-layout:v1`], work.path);
		assert.equal(sha256(raw), digest);
		const pull = await cli("pull", "--plain-http", `${reg.host}/interop/from-layout:v1`, "-o", "out-fl");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out-fl", "hi.txt"), "utf8"), "hello world\n");
		// umoci reads the layout too.
		const umoci = requireTool("umoci", "umoci");
		assert.match(sh(umoci, ["ls", "--layout", "ours"], work.path), /^v1$/m);
	});

	it("oras-ts pulls an artifact skopeo pushed from a hand-made layout", async () => {
		const dir = join(work.path, "hand");
		await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
		const put = async (b: Buffer | string) => {
			const d = sha256(b);
			await writeFile(join(dir, "blobs", "sha256", d.slice(7)), b);
			return d;
		};
		const data = Buffer.from("report: all green\n");
		const config = Buffer.from("{}");
		const manifest = JSON.stringify({
			schemaVersion: 2,
			mediaType: "application/vnd.oci.image.manifest.v1+json",
			artifactType: "application/vnd.example.report",
			config: { mediaType: "application/vnd.oci.empty.v1+json", digest: await put(config), size: 2 },
			layers: [{ mediaType: "text/plain", digest: await put(data), size: data.length, annotations: { "org.opencontainers.image.title": "report.txt" } }],
		});
		const md = await put(manifest);
		await writeFile(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
		await writeFile(
			join(dir, "index.json"),
			JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: md, size: manifest.length, annotations: { "org.opencontainers.image.ref.name": "r1" } }] }),
		);
		sh(skopeo, ["copy", "--dest-tls-verify=false", "oci:hand:r1", `docker://${reg.host}/interop/hand:r1`], work.path);
		const pull = await cli("pull", "--plain-http", `${reg.host}/interop/hand:r1`, "-o", "out-hand");
		assert.equal(pull.code, 0, pull.stderr);
		assert.match(pull.stdout, new RegExp(`^Digest: ${md}$`, "m"));
		assert.equal(await readFile(join(work.path, "out-hand", "report.txt"), "utf8"), "report: all green\n");
	});
});
