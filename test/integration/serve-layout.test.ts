/**
 * `serve` and the CLI share one OCI layout implementation: the CLI writes into layouts under the
 * served `--root` while a `serve` child process serves them, and each side sees every tag,
 * annotation and platform the other wrote; concurrent writes from both sides lose no tag
 * (both take `.oras-ts-index.lock`).
 */
import assert from "node:assert/strict";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type ChildServe, spawnServe } from "./fixtures/serve.js";

interface IndexEntry {
	readonly mediaType: string;
	readonly digest: string;
	readonly size: number;
	readonly annotations?: Record<string, string>;
	readonly platform?: { architecture: string; os: string };
	readonly artifactType?: string;
}

const REF_NAME = "org.opencontainers.image.ref.name";

describe("serve and the CLI share the layouts under --root", () => {
	let work: TempDir;
	let root: string;
	let srv: ChildServe;
	let host: string;
	const cli = async (...argv: string[]) => {
		const r = await oras(argv, { cwd: work.path });
		assert.equal(r.code, 0, `oras-ts ${argv.join(" ")}: ${r.stderr}`);
		return r;
	};
	const indexOf = async (repo: string) => JSON.parse(await readFile(join(root, repo, "index.json"), "utf8")) as { manifests: IndexEntry[]; annotations?: Record<string, string> };
	const entryOf = (entries: readonly IndexEntry[], tag: string) => entries.find((e) => e.annotations?.[REF_NAME] === tag);
	const httpTags = async (repo: string) => {
		const res = await fetch(`${srv.url}/v2/${repo}/tags/list`);
		assert.equal(res.status, 200);
		return ((await res.json()) as { tags: string[] }).tags;
	};

	before(async () => {
		work = await tempDir("oras-ts-serve-layout-");
		root = join(work.path, "root");
		await writeFile(join(work.path, "a.txt"), "a\n");
		await writeFile(join(work.path, "b.txt"), "b\n");
		// the CLI makes the layout first; serve then starts on the root holding it
		await cli("push", "--oci-layout", "root/app:v1", "--annotation", "org.example.k=v", "--artifact-type", "application/vnd.example", "a.txt");
		srv = await spawnServe(root);
		host = new URL(srv.url).host;
	});
	after(async () => {
		await srv?.stop();
		await work?.cleanup();
	});

	it("serve sees what the CLI writes while it runs: tags, index annotations and platforms", async () => {
		assert.deepEqual(await httpTags("app"), ["v1"]);
		await cli("push", "--oci-layout", "root/app:linux", "--artifact-platform", "linux/amd64", "a.txt");
		await cli("push", "--oci-layout", "root/app:arm", "--artifact-platform", "linux/arm64", "b.txt");
		await cli("manifest", "index", "create", "--oci-layout", "root/app:multi", "linux", "arm", "--annotation", "org.example.idx=1");
		await cli("tag", "--oci-layout", "root/app:v1", "v1-alias");
		assert.deepEqual(await httpTags("app"), ["arm", "linux", "multi", "v1", "v1-alias"]);
		const catalog = (await (await fetch(`${srv.url}/v2/_catalog`)).json()) as { repositories: string[] };
		assert.deepEqual(catalog.repositories, ["app"]);

		const res = await fetch(`${srv.url}/v2/app/manifests/multi`, { headers: { Accept: "application/vnd.oci.image.index.v1+json" } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("content-type"), "application/vnd.oci.image.index.v1+json");
		const idx = (await res.json()) as { manifests: IndexEntry[]; annotations?: Record<string, string> };
		assert.equal(idx.annotations?.["org.example.idx"], "1");
		assert.deepEqual(
			idx.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`),
			["linux/amd64", "linux/arm64"],
		);
		// a child of the index is served by digest, as the CLI resolved it
		const child = await fetch(`${srv.url}/v2/app/manifests/${idx.manifests[1]!.digest}`);
		assert.equal(child.status, 200);
		assert.equal(child.headers.get("docker-content-digest"), idx.manifests[1]!.digest);
		await child.arrayBuffer();
		const v1 = await fetch(`${srv.url}/v2/app/manifests/v1`);
		assert.equal(((await v1.json()) as { annotations: Record<string, string> }).annotations["org.example.k"], "v");
	});

	it("serve-side writes keep every index.json entry's annotations, platform and artifactType, and the CLI sees them", async () => {
		// another tool put a platform and an annotation on an entry and a top-level annotation
		const before = await indexOf("app");
		const edited = {
			...before,
			annotations: { "org.example.layout": "kept" },
			manifests: before.manifests.map((e) =>
				e.annotations?.[REF_NAME] === "arm" ? { ...e, platform: { architecture: "arm64", os: "linux" }, annotations: { ...e.annotations, "org.example.tool": "other" } } : e,
			),
		};
		const tmp = join(root, "app", ".index.json.other-tool");
		await writeFile(tmp, JSON.stringify(edited));
		await rename(tmp, join(root, "app", "index.json"));

		// writes through serve: a new tag (push), a tag on existing content, a tag deleted
		await cli("push", "--plain-http", `${host}/app:remote`, "b.txt");
		await cli("tag", "--plain-http", `${host}/app:v1`, "served-tag");
		const del = await fetch(`${srv.url}/v2/app/manifests/v1-alias`, { method: "DELETE" });
		assert.equal(del.status, 202);

		const after = await indexOf("app");
		assert.deepEqual(after.annotations, { "org.example.layout": "kept" });
		const v1 = entryOf(after.manifests, "v1");
		assert.equal(v1?.annotations?.["org.example.k"], "v");
		assert.equal(v1?.artifactType, "application/vnd.example");
		assert.deepEqual(entryOf(after.manifests, "arm")?.platform, { architecture: "arm64", os: "linux" });
		assert.equal(entryOf(after.manifests, "arm")?.annotations?.["org.example.tool"], "other");
		assert.equal(entryOf(after.manifests, "v1-alias"), undefined);
		assert.ok(entryOf(after.manifests, "remote"));
		assert.ok(entryOf(after.manifests, "served-tag"));

		// the CLI reads the layout after the serve-side writes
		const tags = await cli("repo", "tags", "--oci-layout", "root/app");
		assert.deepEqual(tags.stdout.trim().split("\n"), ["arm", "linux", "multi", "remote", "served-tag", "v1"]);
		await cli("pull", "--oci-layout", "root/app:remote", "-o", "out");
		assert.equal(await readFile(join(work.path, "out", "b.txt"), "utf8"), "b\n");
		const fetched = await cli("manifest", "fetch", "--oci-layout", "root/app:multi");
		assert.equal((JSON.parse(fetched.stdout) as { manifests: IndexEntry[] }).manifests[1]?.platform?.architecture, "arm64");
	});

	it("concurrent CLI and serve writes into one layout lose no tag", async () => {
		const n = 8;
		const jobs: Promise<unknown>[] = [];
		for (let i = 0; i < n; i++) {
			jobs.push(cli("tag", "--oci-layout", "root/app:v1", `cli-${i}`));
			jobs.push(cli("tag", "--plain-http", `${host}/app:v1`, `srv-${i}`));
		}
		await Promise.all(jobs);
		const expected = Array.from({ length: n }, (_, i) => [`cli-${i}`, `srv-${i}`]).flat();
		const overHttp = await httpTags("app");
		const inFile = (await indexOf("app")).manifests.map((e) => e.annotations?.[REF_NAME]);
		for (const t of expected) {
			assert.ok(overHttp.includes(t), `${t} is listed by serve`);
			assert.ok(inFile.includes(t), `${t} is in index.json`);
		}
		// and nothing else was lost on the way
		for (const t of ["arm", "linux", "multi", "remote", "served-tag", "v1"]) assert.ok(overHttp.includes(t), t);
		assert.equal((await indexOf("app")).annotations?.["org.example.layout"], "kept");
	});
});
