/**
 * attach / discover / tag / resolve / repo / manifest / blob through the CLI (in-process),
 * against distribution 2.8 (no referrers API: tag-schema fallback) and against the built-in
 * registry (referrers API), plus OCI layout targets.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { packIndex, packManifest } from "../../src/graph/pack.js";
import { type Descriptor, descriptorFromBytes, EMPTY_JSON_BYTES } from "../../src/oci/descriptor.js";
import { encodePlatform } from "../../src/oci/json.js";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createRepository, type Repository } from "../../src/registry/index.js";
import { createRegistryServer, type RegistryServer } from "../../src/server/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const CREATED = "org.opencontainers.image.created=2024-01-01T00:00:00Z";
const V4 = "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c";
const V8 = "sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855";
const V9 =
	'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855","size":691,"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"},"artifactType":"application/vnd.example.sbom"}]}';

interface Node {
	reference: string;
	digest: string;
	artifactType?: string;
	annotations?: Record<string, string>;
	referrers: Node[];
}

async function pushBytes(repo: Repository, desc: Descriptor, bytes: Uint8Array, ref?: string): Promise<void> {
	if (ref) await repo.pushReference(desc, Readable.from([Buffer.from(bytes)]), ref);
	else await repo.push(desc, Readable.from([Buffer.from(bytes)]));
}

/** Pushes a two-platform index (linux/amd64, linux/arm64) tagged `multi`; returns the child digests. */
async function pushMultiArch(host: string, name: string): Promise<{ amd64: string; arm64: string; index: string }> {
	const repo = createRepository(`${host}/${name}`, { plainHttp: true });
	try {
		const entries: Descriptor[] = [];
		for (const arch of ["amd64", "arm64"]) {
			const cfg = new TextEncoder().encode(encodePlatform({ architecture: arch, os: "linux" }));
			const cfgDesc = descriptorFromBytes(MediaType.ImageConfig, cfg);
			await pushBytes(repo, cfgDesc, cfg);
			const layer = new TextEncoder().encode(`layer for ${arch}\n`);
			const layerDesc = descriptorFromBytes(MediaType.ImageLayer, layer);
			await pushBytes(repo, layerDesc, layer);
			const m = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: cfgDesc, layers: [layerDesc] }));
			const mDesc = descriptorFromBytes(MediaType.ImageManifest, m);
			await pushBytes(repo, mDesc, m);
			entries.push({ ...mDesc, platform: { architecture: arch, os: "linux" } });
		}
		const idx = packIndex(entries);
		await pushBytes(repo, idx.desc, idx.indexBytes, "multi");
		return { amd64: entries[0]?.digest as string, arm64: entries[1]?.digest as string, index: idx.desc.digest };
	} finally {
		repo.client.close();
	}
}

/** The shared scenario: `api` = the registry serves the referrers API. */
function graphScenario(getHost: () => string, api: boolean): void {
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras([...argv, "--plain-http"], { cwd: work.path });
	const cliIn = (stdin: string, ...argv: string[]) => oras([...argv, "--plain-http"], { cwd: work.path, stdin });

	before(async () => {
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		await writeFile(join(work.path, "sig.txt"), "signature\n");
	});
	after(async () => {
		await work?.cleanup();
	});

	it("attach: the attach manifest; its referrers index (tag schema) or the API lists it", async () => {
		const host = getHost();
		const ref = `${host}/hello:v1`;
		const push = await cli("push", "-a", CREATED, ref, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const r = await cli("attach", "--artifact-type", "application/vnd.example.sbom", "-a", CREATED, ref, "--export-manifest", "sbom.json");
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^Attached to \\[registry\\] ${host}/hello@${V4}$`, "m"));
		assert.match(r.stdout, new RegExp(`^Digest: ${V8}$`, "m"));
		const exported = await readFile(join(work.path, "sbom.json"));
		assert.equal(exported.length, 691);
		const fetched = await cli("manifest", "fetch", `${host}/hello@${V8}`);
		assert.equal(fetched.stdout, exported.toString("utf8"));
		const tagged = await cli("manifest", "fetch", `${host}/hello:sha256-${V4.slice(7)}`);
		if (api) {
			assert.notEqual(tagged.code, 0);
			const d = await cli("discover", "--format", "json", ref);
			assert.equal(d.code, 0, d.stderr);
			const model = JSON.parse(d.stdout) as Node;
			assert.deepEqual(
				model.referrers.map((n) => n.digest),
				[V8],
			);
		} else {
			assert.equal(tagged.code, 0, tagged.stderr);
			assert.equal(tagged.stdout, V9);
			const d = await cli("manifest", "fetch", "--descriptor", `${host}/hello:sha256-${V4.slice(7)}`);
			assert.match(d.stdout, /"size":360\}$/);
			assert.match(d.stdout, /sha256:e147e242444a99ab826b49339c3f20e9e147bd6b3aeadbd33d41e13d8646de9e/);
		}
	});

	it("attach a signature and a nested signature of the SBOM; discover tree, JSON, filter, depth", async () => {
		const host = getHost();
		const ref = `${host}/hello:v1`;
		const sig = await cli("attach", "--artifact-type", "application/vnd.example.sig", "--format", "json", ref, "sig.txt");
		assert.equal(sig.code, 0, sig.stderr);
		const sigDesc = JSON.parse(sig.stdout) as { digest: string; reference: string; artifactType: string };
		if (!api) {
			// The index that listed only the SBOM was superseded and is cleaned up.
			const old = await cli("manifest", "fetch", `${host}/hello@sha256:e147e242444a99ab826b49339c3f20e9e147bd6b3aeadbd33d41e13d8646de9e`);
			assert.equal(old.code, 1, "superseded referrers index deleted");
			assert.match(old.stderr, /not found/);
			const now = await cli("manifest", "fetch", `${host}/hello:sha256-${V4.slice(7)}`);
			assert.equal((JSON.parse(now.stdout) as { manifests: unknown[] }).manifests.length, 2);
		}
		assert.equal(sigDesc.artifactType, "application/vnd.example.sig");
		assert.equal(sigDesc.reference, `${host}/hello@${sigDesc.digest}`);
		const nested = await cli("attach", "--artifact-type", "application/vnd.example.sig", "-a", "k=v", `${host}/hello@${V8}`);
		assert.equal(nested.code, 0, nested.stderr);
		assert.match(nested.stdout, new RegExp(`^Attached to \\[registry\\] ${host}/hello@${V8}$`, "m"));
		const nestedDigest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(nested.stdout)?.[1] as string;

		const tree = await cli("discover", ref);
		assert.equal(tree.code, 0, tree.stderr);
		const lines = tree.stdout.split("\n");
		assert.equal(lines[0], `${host}/hello@${V4}`);
		assert.ok(lines.includes("├── application/vnd.example.sbom") || lines.includes("└── application/vnd.example.sbom"), tree.stdout);
		assert.ok(lines.some((l) => /^[│ ] {3}[├└]── \[annotations\]$/.test(l) || /^│ {3}[├└]── sha256:44c4300e/.test(l)), tree.stdout);
		assert.match(tree.stdout, /org\.opencontainers\.image\.created: "2024-01-01T00:00:00Z"/);
		assert.match(tree.stdout, new RegExp(`[├└]── ${nestedDigest}`));
		assert.match(tree.stdout, /k: v/);

		const json = await cli("discover", "--format", "json", ref);
		const model = JSON.parse(json.stdout) as Node;
		assert.equal(model.reference, `${host}/hello@${V4}`);
		assert.equal(model.referrers.length, 2);
		const sbom = model.referrers.find((n) => n.digest === V8);
		assert.equal(sbom?.artifactType, "application/vnd.example.sbom");
		assert.deepEqual(
			sbom?.referrers.map((n) => n.digest),
			[nestedDigest],
		);
		assert.deepEqual(sbom?.referrers[0]?.referrers, []);

		const depth1 = JSON.parse((await cli("discover", "--format", "json", "--depth", "1", ref)).stdout) as Node;
		assert.ok(depth1.referrers.every((n) => n.referrers.length === 0));
		const sigs = JSON.parse((await cli("discover", "--format", "json", "--artifact-type", "application/vnd.example.sig", ref)).stdout) as Node;
		assert.deepEqual(
			sigs.referrers.map((n) => n.digest),
			[sigDesc.digest],
		);
		const tpl = await cli("discover", "--format", "go-template={{range .referrers}}{{.artifactType}};{{end}}", "--depth", "1", ref);
		assert.equal(tpl.stdout.split(";").filter(Boolean).sort().join(";"), "application/vnd.example.sbom;application/vnd.example.sig");
		const table = await cli("discover", "--format", "table", ref);
		assert.match(table.stdout, new RegExp(`^Discovered 2 artifacts referencing ${ref}$`, "m"));
		assert.match(table.stderr, /deprecated/);
		assert.equal((await cli("discover", "--depth", "0", ref)).code, 1);

		// Deleting the nested signature updates the SBOM's referrers.
		const del = await cli("manifest", "delete", "--force", `${host}/hello@${nestedDigest}`);
		assert.equal(del.code, 0, del.stderr);
		assert.equal(del.stdout, `Deleted [registry] ${host}/hello@${nestedDigest}\n`);
		const after1 = JSON.parse((await cli("discover", "--format", "json", `${host}/hello@${V8}`)).stdout) as Node;
		assert.deepEqual(after1.referrers, []);
		if (!api) {
			// Issue 4: the superseded referrers index is cleaned up; with no referrer left, the tag goes too.
			const idx = await cli("manifest", "fetch", `${host}/hello:sha256-${V8.slice(7)}`);
			assert.equal(idx.code, 1);
			assert.match(idx.stderr, /not found/);
		}
	});

	it("tag and resolve (-l, --platform); repo tags (--last, --exclude-digest-tags, by digest, JSON)", async () => {
		const host = getHost();
		const t = await cli("tag", `${host}/hello:v1`, "v2", "v3");
		assert.equal(t.code, 0, t.stderr);
		assert.equal(t.stdout.split("\n")[0], `Tagging [registry] ${host}/hello@${V4}`);
		assert.match(t.stdout, /^Tagged v2$/m);
		assert.match(t.stdout, /^Tagged v3$/m);
		assert.equal((await cli("resolve", `${host}/hello:v3`)).stdout, `${V4}\n`);
		assert.equal((await cli("resolve", "-l", `${host}/hello:v2`)).stdout, `${host}/hello@${V4}\n`);
		assert.equal((await cli("digest", `${host}/hello@${V4}`)).stdout, `${V4}\n`);
		const ls = await cli("tag", "list", `${host}/hello`);
		assert.equal(ls.code, 1);
		assert.match(ls.stderr, /oras-ts repo tags/);

		const tags = (await cli("repo", "tags", `${host}/hello`)).stdout.trim().split("\n");
		assert.ok(["v1", "v2", "v3"].every((x) => tags.includes(x)), tags.join(","));
		assert.equal(tags.some((x) => x.startsWith("sha256-")), !api);
		const noDigest = (await cli("repo", "tags", "--exclude-digest-tags", `${host}/hello`)).stdout.trim().split("\n");
		assert.deepEqual(noDigest.sort(), ["v1", "v2", "v3"]);
		const afterV1 = await cli("repo", "tags", "--last", "v1", "--exclude-digest-tags", `${host}/hello`);
		assert.equal(afterV1.code, 0, afterV1.stderr);
		// distribution 2.8 ignores `last` without `n`; the built-in registry honours it.
		if (api) assert.deepEqual(afterV1.stdout.trim().split("\n").sort(), ["v2", "v3"]);
		const byRef = await cli("repo", "tags", `${host}/hello:v2`);
		assert.deepEqual(byRef.stdout.trim().split("\n").sort(), ["v1", "v2", "v3"]);
		const j = JSON.parse((await cli("repo", "show-tags", "--format", "json", "--exclude-digest-tags", `${host}/hello`)).stdout) as { tags: string[] };
		assert.deepEqual(j.tags.sort(), ["v1", "v2", "v3"]);

		const multi = await pushMultiArch(host, "multi");
		assert.equal((await cli("resolve", "--platform", "linux/arm64", `${host}/multi:multi`)).stdout, `${multi.arm64}\n`);
		const m = await cli("manifest", "fetch", "--platform", "linux/amd64", "--descriptor", `${host}/multi:multi`);
		assert.equal(m.code, 0, m.stderr);
		assert.equal((JSON.parse(m.stdout) as Descriptor).digest, multi.amd64);
		const cfg = await cli("manifest", "fetch-config", "--platform", "linux/arm64", `${host}/multi:multi`);
		assert.equal(cfg.stdout, '{"architecture":"arm64","os":"linux"}');
		const notImage = await cli("manifest", "fetch-config", `${host}/multi:multi`);
		assert.equal(notImage.code, 1);
		assert.match(notImage.stderr, /is not an image manifest and does not have a config/);
		// Attach to one platform of the index: the subject is the index entry (with platform).
		const a = await cli("attach", "--artifact-type", "application/vnd.example.sig", "--platform", "linux/arm64", "-a", "x=y", "--export-manifest", "p.json", `${host}/multi:multi`);
		assert.equal(a.code, 0, a.stderr);
		assert.match(a.stdout, new RegExp(`^Attached to \\[registry\\] ${host}/multi@${multi.arm64}$`, "m"));
		const exported = JSON.parse(await readFile(join(work.path, "p.json"), "utf8")) as { subject: Descriptor };
		assert.deepEqual(exported.subject.platform, { architecture: "arm64", os: "linux" });
		const dj = JSON.parse((await cli("discover", "--format", "json", "--platform", "linux/arm64", `${host}/multi:multi`)).stdout) as Node;
		assert.equal(dj.referrers.length, 1);
	});

	it("manifest fetch/push/delete: --pretty, -o, --format json, several tags, Exists, stdin, prompt, Missing", async () => {
		const host = getHost();
		const ref = `${host}/hello:v1`;
		const raw = (await cli("manifest", "fetch", ref)).stdout;
		assert.equal(raw.length, 585);
		const pretty = await cli("manifest", "fetch", "--pretty", ref);
		assert.ok(pretty.stdout.startsWith('{\n  "schemaVersion": 2,\n'));
		assert.ok(pretty.stdout.endsWith("}\n"));
		const desc = await cli("manifest", "fetch", "--descriptor", ref);
		assert.equal(desc.stdout, `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${V4}","size":585}`);
		const o = await cli("manifest", "fetch", "-o", "m.json", ref);
		assert.equal(o.stdout, "");
		assert.equal(await readFile(join(work.path, "m.json"), "utf8"), raw);
		const j = JSON.parse((await cli("manifest", "fetch", "--format", "json", ref)).stdout) as { reference: string; size: number; content: Record<string, unknown> };
		assert.equal(j.reference, `${host}/hello@${V4}`);
		assert.equal(j.size, 585);
		assert.deepEqual(Object.keys(j.content), ["annotations", "artifactType", "config", "layers", "mediaType", "schemaVersion"]);
		assert.equal((await cli("manifest", "fetch", "--format", "json", "--pretty", ref)).code, 1);
		assert.equal((await cli("manifest", "fetch", "-o", "-", "--descriptor", ref)).code, 1);
		const missing = await cli("manifest", "fetch", `${host}/hello:nope`);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, /failed to fetch the content of/);

		// push under two tags, then again (Exists), then from stdin by digest (blobs first)
		await writeFile(join(work.path, "empty.json"), "{}");
		for (const r of ["copy", "copy2"]) {
			for (const f of ["hi.txt", "empty.json"]) assert.equal((await cli("blob", "push", `${host}/${r}`, f)).code, 0);
		}
		const p = await cli("manifest", "push", `${host}/copy:a,b`, "m.json");
		assert.equal(p.code, 0, p.stderr);
		assert.equal(
			p.stdout,
			`Uploading 97942c6a0deb application/vnd.oci.image.manifest.v1+json\nUploaded  97942c6a0deb application/vnd.oci.image.manifest.v1+json\nPushed: [registry] ${host}/copy:a\nTagged b\nDigest: ${V4}\n`,
		);
		const again = await cli("manifest", "push", `${host}/copy:a`, "m.json");
		assert.match(again.stdout, /^Exists {4}97942c6a0deb application\/vnd\.oci\.image\.manifest\.v1\+json$/m);
		const stdinPush = await cliIn(raw, "manifest", "push", "--descriptor", `${host}/copy2@${V4}`, "-");
		assert.equal(stdinPush.code, 0, stdinPush.stderr);
		assert.equal(stdinPush.stdout, `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${V4}","size":585}`);
		await writeFile(join(work.path, "nomt.json"), '{"schemaVersion":2}');
		const noMt = await cli("manifest", "push", `${host}/copy:c`, "nomt.json");
		assert.equal(noMt.code, 1);
		assert.match(noMt.stderr, /media type is not specified via the flag "--media-type" nor in "nomt\.json"/);

		// delete: prompt answered no, then yes; missing with --force; --descriptor needs --force
		const no = await cliIn("n\n", "manifest", "delete", `${host}/copy:a`);
		assert.equal(no.stdout, `Are you sure you want to delete the manifest "${V4}" and all tags associated with it? [y/N] Operation cancelled.\n`);
		const yes = await cliIn("y\n", "manifest", "rm", `${host}/copy:a`);
		assert.equal(yes.code, 0, yes.stderr);
		assert.match(yes.stdout, new RegExp(`Deleted \\[registry\\] ${host}/copy:a\\n$`));
		const gone = await cli("manifest", "delete", "--force", `${host}/copy:a`);
		assert.equal(gone.stdout, `Missing ${host}/copy:a\n`);
		const gone2 = await cli("manifest", "delete", `${host}/copy:b`);
		assert.equal(gone2.code, 1);
		assert.match(gone2.stderr, /the specified manifest does not exist/);
		assert.match((await cli("manifest", "delete", "--descriptor", `${host}/copy2@${V4}`)).stderr, /must apply --force/);
	});

	it("blob push/fetch/delete: file, stdin with --size, -o file, -o -, --descriptor, Exists, Missing", async () => {
		const host = getHost();
		const HI = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";
		const p = await cli("blob", "push", `${host}/bl`, "hi.txt");
		assert.equal(p.code, 0, p.stderr);
		assert.equal(p.stdout, `Uploading a948904f2f0f application/vnd.oci.image.layer.v1.tar\nUploaded  a948904f2f0f application/vnd.oci.image.layer.v1.tar\nPushed: [registry] ${host}/bl\nDigest: ${HI}\n`);
		const again = await cli("blob", "push", `${host}/bl`, "hi.txt");
		assert.match(again.stdout, /^Exists {4}a948904f2f0f/m);
		const sig = "signature\n";
		const sigDigest = descriptorFromBytes("x", new TextEncoder().encode(sig)).digest;
		const s = await cliIn(sig, "blob", "push", "--size", String(sig.length), "--descriptor", "--media-type", "application/x-sig", `${host}/bl@${sigDigest}`, "-");
		assert.equal(s.code, 0, s.stderr);
		assert.equal(s.stdout, `{"mediaType":"application/x-sig","digest":"${sigDigest}","size":10}`);
		assert.match((await cliIn(sig, "blob", "push", `${host}/bl@${sigDigest}`, "-")).stderr, /--size/);

		const toStdout = await cli("blob", "-o", "-", "fetch", `${host}/bl@${HI}`);
		assert.equal(toStdout.code, 0, toStdout.stderr);
		assert.equal(toStdout.stdout, "hello world\n");
		const toFile = await cli("blob", "fetch", "-o", "out.txt", "--descriptor", `${host}/bl@${HI}`);
		assert.equal(toFile.stdout, `{"mediaType":"application/octet-stream","digest":"${HI}","size":12}`);
		assert.equal(await readFile(join(work.path, "out.txt"), "utf8"), "hello world\n");
		assert.match((await cli("blob", "fetch", "--descriptor", "--pretty", `${host}/bl@${HI}`)).stdout, /^\{\n {2}"mediaType": "application\/octet-stream",/);
		assert.match((await cli("blob", "fetch", `${host}/bl@${HI}`)).stderr, /either `--output` or `--descriptor` must be provided/);
		assert.match((await cli("blob", "fetch", "-o", "x", `${host}/bl:tag`)).stderr, /no digest specified|digest/);

		const d = await cli("blob", "delete", "--force", `${host}/bl@${sigDigest}`);
		assert.equal(d.code, 0, d.stderr);
		assert.equal(d.stdout, `Deleted [registry] ${host}/bl@${sigDigest}\n`);
		assert.equal((await cli("blob", "rm", "-f", `${host}/bl@${sigDigest}`)).stdout, `Missing ${host}/bl@${sigDigest}\n`);
		const missing = await cli("blob", "delete", `${host}/bl@${sigDigest}`);
		assert.match(missing.stderr, /the specified blob does not exist/);
	});

	it("repo ls: all catalog pages, namespace filter, --last, JSON", async () => {
		const host = getHost();
		// More repositories than one catalog page (distribution serves 100 per page).
		const repoNames = Array.from({ length: 104 }, (_, i) => `ns/r${String(i).padStart(3, "0")}`);
		const cfg = EMPTY_JSON_BYTES;
		const cfgDesc = descriptorFromBytes(MediaType.Empty, cfg);
		const packed = packManifest({ artifactType: "application/vnd.example.x", annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" } });
		for (const name of repoNames) {
			const repo = createRepository(`${host}/${name}`, { plainHttp: true });
			await pushBytes(repo, cfgDesc, cfg);
			await pushBytes(repo, packed.desc, packed.manifestBytes, "t");
			repo.client.close();
		}
		const all = await cli("repo", "ls", host);
		assert.equal(all.code, 0, all.stderr);
		const listed = all.stdout.trim().split("\n");
		assert.ok(repoNames.every((n) => listed.includes(n)));
		assert.ok(listed.includes("hello"));
		const ns = (await cli("repo", "ls", `${host}/ns`)).stdout.trim().split("\n");
		assert.equal(ns.length, 104);
		assert.equal(ns[0], "r000");
		const last = (await cli("repo", "list", "--last", "ns/r101", `${host}/ns`)).stdout.trim().split("\n");
		assert.deepEqual(last, ["r102", "r103"]);
		const j = JSON.parse((await cli("repo", "ls", "--format", "json", `${host}/ns`)).stdout) as { registry: string; repositories: string[] };
		assert.equal(j.registry, host);
		assert.equal(j.repositories[0], "ns/r000");
		assert.match((await cli("repo", "ls", `${host}/hello:v1`)).stderr, /tags or digests should not be provided/);
	});
}

describe("CLI graph commands against distribution 2.8 (referrers tag schema)", () => {
	let reg: RunningRegistry;
	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg?.stop();
	});
	graphScenario(() => reg.host, false);
});

describe("CLI graph commands against the built-in registry (referrers API)", () => {
	let server: RegistryServer;
	let root: string;
	let host = "";
	before(async () => {
		root = await mkdtemp(join(tmpdir(), "oras-ts-graph-serve-"));
		server = createRegistryServer({ root, addr: "127.0.0.1:0", logLevel: "silent" });
		const addr = await server.listen();
		host = `127.0.0.1:${addr.port}`;
	});
	after(async () => {
		await server?.close();
		await rm(root, { recursive: true, force: true });
	});
	graphScenario(() => host, true);
});

describe("CLI graph commands on OCI layouts", () => {
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
	before(async () => {
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
	});
	after(async () => {
		await work?.cleanup();
	});

	it("attach, discover, tag, resolve, manifest fetch, repo tags with --oci-layout", async () => {
		const push = await cli("push", "--oci-layout", "-a", CREATED, "lay:v1", "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const a = await cli("attach", "--oci-layout", "--artifact-type", "application/vnd.example.sbom", "-a", CREATED, "lay:v1");
		assert.equal(a.code, 0, a.stderr);
		assert.match(a.stdout, new RegExp(`^Attached to \\[oci-layout\\] lay@${V4}$`, "m"));
		const sbomDigest = /^Digest: (sha256:[0-9a-f]{64})$/m.exec(a.stdout)?.[1] as string;
		const nested = await cli("attach", "--oci-layout", "--artifact-type", "application/vnd.example.sig", "-a", "k=v", `lay@${sbomDigest}`);
		assert.equal(nested.code, 0, nested.stderr);
		const d = JSON.parse((await cli("discover", "--oci-layout", "--format", "json", "lay:v1")).stdout) as Node;
		assert.equal(d.reference, `lay@${V4}`);
		assert.deepEqual(
			d.referrers.map((n) => n.digest),
			[sbomDigest],
		);
		assert.equal(d.referrers[0]?.referrers[0]?.artifactType, "application/vnd.example.sig");
		const tree = await cli("discover", "--oci-layout", "lay:v1");
		assert.match(tree.stdout, /^lay@sha256:97942c6a/);
		assert.match(tree.stdout, /└── application\/vnd\.example\.sbom\n {4}└── sha256:/);

		const t = await cli("tag", "--oci-layout", "lay:v1", "v2");
		assert.equal(t.stdout, `Tagging [oci-layout] lay@${V4}\nTagged v2\n`);
		assert.equal((await cli("resolve", "--oci-layout", "lay:v2")).stdout, `${V4}\n`);
		assert.equal((await cli("resolve", "--oci-layout", "-l", "lay:v2")).stdout, `lay@${V4}\n`);
		const raw = await cli("manifest", "fetch", "--oci-layout", "lay:v2");
		assert.equal(raw.stdout.length, 585);
		assert.equal((await cli("manifest", "fetch", "--oci-layout", "--media-type", "x/y", "lay:v2")).code, 1);
		assert.deepEqual((await cli("repo", "tags", "--oci-layout", "lay")).stdout, "v1\nv2\n");
		assert.deepEqual((await cli("repo", "tags", "--oci-layout", "--last", "v1", "lay")).stdout, "v2\n");
		// --oci-layout-path: a tag that looks like a reference, and repository-scoped listing
		const t2 = await cli("tag", "--oci-layout-path", "lay", "v1", "example.com/app:1.0", "example.com/app:2.0");
		assert.equal(t2.code, 0, t2.stderr);
		assert.equal((await cli("repo", "tags", "--oci-layout-path", "lay", "example.com/app")).stdout, "1.0\n2.0\n");
		const fetched = await cli("blob", "fetch", "--oci-layout", "-o", "-", "lay@sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
		assert.equal(fetched.stdout, "hello world\n");
		// deleting the SBOM from the layout drops it (and its referrer) from discover
		const del = await cli("manifest", "delete", "--oci-layout", "-f", `lay@${sbomDigest}`);
		assert.equal(del.code, 0, del.stderr);
		const d2 = JSON.parse((await cli("discover", "--oci-layout", "--format", "json", "lay:v1")).stdout) as Node;
		assert.deepEqual(d2.referrers, []);
	});
});
