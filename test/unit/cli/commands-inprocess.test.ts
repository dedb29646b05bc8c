/**
 * The CLI's commands run in-process (`run(argv, io)`) against the built-in registry server on a
 * loopback port and OCI layouts in a temp directory: what each command prints and stores.
 * test/integration/ runs the same commands as processes against Debian's registry; these keep
 * each command module exercised by the unit tests.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { run } from "../../../src/cli/main.js";
import { createRegistryServer, type RegistryServer } from "../../../src/server/index.js";
import { fakeIO } from "./fake-io.js";

const CREATED = "org.opencontainers.image.created=2024-01-01T00:00:00Z";
const HI_DIGEST = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";

let work: string;
let server: RegistryServer;
let host: string;

before(async () => {
	work = await mkdtemp(join(tmpdir(), "oras-cli-inproc-"));
	await writeFile(join(work, "hi.txt"), "hello world\n");
	await writeFile(join(work, "bye.txt"), "bye\n");
	server = createRegistryServer({ root: join(work, "registry"), addr: "127.0.0.1:0", logLevel: "silent" });
	host = new URL((await server.listen()).url).host;
});
after(async () => {
	await server?.close();
	await rm(work, { recursive: true, force: true });
});

/** Runs the CLI in-process in the work directory; HOME points into it (no docker config of the machine is read). */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const io = fakeIO({ cwd: work, env: { HOME: join(work, "home"), DOCKER_CONFIG: join(work, "home", ".docker") }, programName: "oras" });
	const code = await run(argv, io);
	return { code, stdout: io.out(), stderr: io.err() };
}

const ok = async (...argv: string[]) => {
	const r = await cli(...argv);
	assert.equal(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
	return r;
};

const digestIn = (text: string) => /^Digest: (sha256:[0-9a-f]{64})$/m.exec(text)?.[1] as string;

describe("CLI commands in-process", () => {
	it("push, tag, resolve, repo tags/ls, pull and manifest fetch against the registry", async () => {
		const ref = `${host}/app`;
		const push = await ok("push", "--plain-http", "-a", CREATED, `${ref}:v1`, "hi.txt");
		assert.match(push.stdout, /^Uploaded +a948904f2f0f hi\.txt$/m);
		assert.match(push.stdout, new RegExp(`^Pushed \\[registry\\] ${ref}:v1$`, "m"));
		const digest = digestIn(push.stdout);
		assert.ok(digest);

		// Tags are put concurrently (as oras does), so "Tagged" lines come in completion order.
		const [tagging, ...tagged] = (await ok("tag", "--plain-http", `${ref}:v1`, "v2", "v3")).stdout.split("\n");
		assert.equal(tagging, `Tagging [registry] ${ref}@${digest}`);
		assert.deepEqual(tagged.sort(), ["", "Tagged v2", "Tagged v3"]);
		assert.equal((await ok("resolve", "--plain-http", `${ref}:v2`)).stdout, `${digest}\n`);
		assert.equal((await ok("resolve", "--plain-http", "-l", `${ref}:v2`)).stdout, `${ref}@${digest}\n`);
		assert.equal((await ok("repo", "tags", "--plain-http", ref)).stdout, "v1\nv2\nv3\n");
		assert.equal((await ok("repo", "tags", "--plain-http", "--last", "v2", ref)).stdout, "v3\n");
		assert.equal((await ok("repo", "ls", "--plain-http", host)).stdout, "app\n");

		const fetched = await ok("manifest", "fetch", "--plain-http", `${ref}:v1`);
		assert.equal(JSON.parse(fetched.stdout).layers[0].digest, HI_DIGEST);
		const desc = JSON.parse((await ok("manifest", "fetch", "--plain-http", "--descriptor", `${ref}:v1`)).stdout);
		assert.equal(desc.digest, digest);
		assert.equal((await ok("manifest", "fetch-config", "--plain-http", `${ref}:v1`)).stdout, "{}");

		const pull = await ok("pull", "--plain-http", "-o", "out", `${ref}:v1`);
		assert.match(pull.stdout, /^Downloaded +a948904f2f0f hi\.txt$/m);
		assert.match(pull.stdout, new RegExp(`^Pulled \\[registry\\] ${ref}:v1$`, "m"));
		assert.equal(await readFile(join(work, "out", "hi.txt"), "utf8"), "hello world\n");
		const json = JSON.parse((await ok("pull", "--plain-http", "-o", "out2", "--format", "json", `${ref}:v1`)).stdout);
		assert.equal(json.reference, `${ref}@${digest}`);
	});

	it("blob push, fetch and delete", async () => {
		const ref = `${host}/files`; // not "blobs": the built-in registry reserves that path component
		const pushed = await ok("blob", "push", "--plain-http", ref, "bye.txt");
		const digest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(pushed.stdout)?.[1] as string;
		assert.ok(digest, pushed.stdout);
		assert.equal((await ok("blob", "fetch", "--plain-http", "-o", "-", `${ref}@${digest}`)).stdout, "bye\n");
		const d = JSON.parse((await ok("blob", "fetch", "--plain-http", "--descriptor", `${ref}@${digest}`)).stdout);
		assert.equal(d.size, 4);
		assert.match((await ok("blob", "delete", "--plain-http", "-f", `${ref}@${digest}`)).stdout, /^Deleted \[registry\] /m);
		const gone = await cli("blob", "fetch", "--plain-http", "-o", "-", `${ref}@${digest}`);
		assert.equal(gone.code, 1);
		assert.match(gone.stderr, /^Error/);
	});

	it("attach and discover on the registry, then copy with referrers into a layout", async () => {
		const ref = `${host}/graph`;
		const root = digestIn((await ok("push", "--plain-http", "-a", CREATED, `${ref}:v1`, "hi.txt")).stdout);
		const a = await ok("attach", "--plain-http", "--artifact-type", "application/vnd.test.sbom", "-a", CREATED, `${ref}:v1`, "bye.txt");
		assert.match(a.stdout, new RegExp(`^Attached to \\[registry\\] ${ref}@${root}$`, "m"));
		const sbom = digestIn(a.stdout);
		const tree = JSON.parse((await ok("discover", "--plain-http", "--format", "json", `${ref}:v1`)).stdout);
		assert.deepEqual(
			tree.referrers.map((r: { digest: string }) => r.digest),
			[sbom],
		);
		assert.match((await ok("discover", "--plain-http", `${ref}:v1`)).stdout, /└── application\/vnd\.test\.sbom\n {4}└── sha256:/);

		const cp = await ok("cp", "-r", "--from-plain-http", "--to-oci-layout", `${ref}:v1`, "lay:v1");
		assert.match(cp.stdout, new RegExp(`^Copied \\[registry\\] ${ref}:v1 => \\[oci-layout\\] lay:v1$`, "m"));
		const layout = JSON.parse(await readFile(join(work, "lay", "index.json"), "utf8")) as { manifests: { digest: string }[] };
		assert.ok(layout.manifests.some((m) => m.digest === sbom), "the referrer came along");
		assert.equal((await ok("resolve", "--oci-layout", "lay:v1")).stdout, `${root}\n`);
	});

	it("manifest index create and update, manifest delete", async () => {
		const ref = `${host}/idx`;
		const m1 = digestIn((await ok("push", "--plain-http", "-a", CREATED, `${ref}:one`, "hi.txt")).stdout);
		const m2 = digestIn((await ok("push", "--plain-http", "-a", CREATED, `${ref}:two`, "bye.txt")).stdout);
		const created = await ok("manifest", "index", "create", "--plain-http", `${ref}:set`, "one");
		assert.match(created.stdout, new RegExp(`^Pushed +\\[registry\\] ${ref}:set$`, "m"));
		const updated = await ok("manifest", "index", "update", "--plain-http", `${ref}:set`, "--add", "two", "--remove", m1);
		assert.match(updated.stdout, /^Updated /m);
		const idx = JSON.parse((await ok("manifest", "fetch", "--plain-http", `${ref}:set`)).stdout) as { manifests: { digest: string }[] };
		assert.deepEqual(
			idx.manifests.map((m) => m.digest),
			[m2],
		);
		assert.match((await ok("manifest", "delete", "--plain-http", "-f", `${ref}:one`)).stdout, /^Deleted \[registry\] /m);
		assert.equal((await cli("resolve", "--plain-http", `${ref}:one`)).code, 1);
	});

	it("backup a repository to a directory and restore it into another repository", async () => {
		const src = `${host}/bk-src`;
		const digest = digestIn((await ok("push", "--plain-http", "-a", CREATED, `${src}:v1`, "hi.txt")).stdout);
		const b = await ok("backup", "--plain-http", "--output", "bk", `${src}:v1`);
		assert.match(b.stdout, new RegExp(`^Found 1 tag\\(s\\) in ${src}: v1$`, "m"));
		assert.match(b.stdout, /^Pulled tag v1 with 0 referrer\(s\)$/m);
		assert.match(b.stdout, new RegExp(`^Successfully backed up 1 tag\\(s\\) from "${src}" to "bk" in \\S+\\.$`, "m"));
		assert.deepEqual((await readdir(join(work, "bk"))).sort(), ["blobs", "index.json", "oci-layout"]);
		const r = await ok("restore", "--plain-http", "--input", "bk", `${host}/bk-dst`);
		assert.match(r.stdout, /^Found 1 tag\(s\) in the backup: v1$/m);
		assert.match(r.stdout, new RegExp(`^Successfully restored 1 tag\\(s\\) to "${host}/bk-dst" in \\S+$`, "m"));
		assert.equal((await ok("resolve", "--plain-http", `${host}/bk-dst:v1`)).stdout, `${digest}\n`);
	});

	it("prints the version, and usage errors with exit code 1", async () => {
		assert.match((await ok("version")).stdout, /^Version: +\S+/m);
		const bad = await cli("pull");
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /^Error: "oras pull" requires exactly 1 argument but got 0$/m);
	});
});

describe("CLI login / logout in-process", () => {
	it("checks the credential at the registry, stores it in the docker config, and removes it", async () => {
		const file = join(work, "htpasswd");
		await writeFile(file, `alice:${bcrypt.hashSync("secret", 4)}\n`);
		const secured = createRegistryServer({ root: join(work, "secured"), addr: "127.0.0.1:0", htpasswd: file, logLevel: "silent" });
		const at = new URL((await secured.listen()).url).host;
		try {
			const wrong = await cli("login", "--plain-http", "-u", "alice", "-p", "nope", at);
			assert.equal(wrong.code, 1);
			assert.match(wrong.stderr, /^Error/m);
			const good = await ok("login", "--plain-http", "-u", "alice", "-p", "secret", at);
			assert.match(good.stdout, /^Login Succeeded$/m);
			const config = JSON.parse(await readFile(join(work, "home", ".docker", "config.json"), "utf8")) as { auths: Record<string, { auth: string }> };
			assert.equal(Buffer.from(config.auths[at]?.auth ?? "", "base64").toString(), "alice:secret");
			assert.match((await ok("repo", "ls", "--plain-http", at)).stdout, /^$/, "the stored credential is used");
			await ok("logout", at);
			const after = JSON.parse(await readFile(join(work, "home", ".docker", "config.json"), "utf8")) as { auths: Record<string, unknown> };
			assert.equal(after.auths[at], undefined);
			assert.equal((await cli("repo", "ls", "--plain-http", at)).code, 1, "without it the registry refuses");
		} finally {
			await secured.close();
		}
	});
});
