/**
 * `oras-ts cp` against two distribution 2.8 instances (no referrers API: tag-schema
 * fallback): registry → registry with referrers at any depth, into and out of OCI layouts
 * (directory and tar), several destination tags, cross-repository mount, `--platform`,
 * multi-arch copies, and skopeo-written / skopeo-read layouts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { openOciLayout, writeOciLayoutTar } from "../../src/content/oci-layout/index.js";
import { packIndex } from "../../src/graph/pack.js";
import { walkReferrers } from "../../src/graph/referrers.js";
import { type Descriptor, descriptorFromBytes } from "../../src/oci/descriptor.js";
import { encodePlatform } from "../../src/oci/json.js";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createRepository, type Repository } from "../../src/registry/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { digestOf, referrerTree as typedTree } from "./fixtures/data.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

const sha256 = (b: Buffer | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

function sh(cmd: string, args: string[], cwd: string): string {
	const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 60_000 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
	return r.stdout;
}


function repo(host: string, name: string): Repository {
	return createRepository(`${host}/${name}`, { plainHttp: true });
}

async function pushBytes(r: Repository, desc: Descriptor, bytes: Uint8Array, ref?: string): Promise<void> {
	if (ref) await r.pushReference(desc, Readable.from([Buffer.from(bytes)]), ref);
	else await r.push(desc, Readable.from([Buffer.from(bytes)]));
}

/** A two-platform index (linux/amd64, linux/arm64) tagged `tag`. */
async function pushMultiArch(host: string, name: string, tag: string): Promise<{ amd64: Descriptor; arm64: Descriptor; index: Descriptor }> {
	const r = repo(host, name);
	try {
		const entries: Descriptor[] = [];
		for (const arch of ["amd64", "arm64"]) {
			const cfg = new TextEncoder().encode(encodePlatform({ architecture: arch, os: "linux" }));
			const cfgDesc = descriptorFromBytes(MediaType.ImageConfig, cfg);
			await pushBytes(r, cfgDesc, cfg);
			const layer = new TextEncoder().encode(`layer for ${arch}\n`);
			const layerDesc = descriptorFromBytes(MediaType.ImageLayer, layer);
			await pushBytes(r, layerDesc, layer);
			const m = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: cfgDesc, layers: [layerDesc] }));
			const mDesc = descriptorFromBytes(MediaType.ImageManifest, m);
			await pushBytes(r, mDesc, m);
			entries.push({ ...mDesc, platform: { architecture: arch, os: "linux" } });
		}
		const idx = packIndex(entries);
		await pushBytes(r, idx.desc, idx.indexBytes, tag);
		return { amd64: entries[0] as Descriptor, arm64: entries[1] as Descriptor, index: idx.desc };
	} finally {
		r.client.close();
	}
}

describe("oras-ts cp (distribution 2.8)", () => {
	let a: RunningRegistry;
	let b: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
	let root = "";
	let sbom = "";
	let sig = "";
	let expected: string[] = [];

	before(async () => {
		[a, b] = await Promise.all([startRegistry(), startRegistry()]);
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		await writeFile(join(work.path, "sbom.json"), '{"sbom":true}\n');
		await writeFile(join(work.path, "sig.txt"), "signature\n");
		const push = await cli("push", "--plain-http", `${a.host}/src/app:v1`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		root = digestOf(push.stdout);
		const s = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sbom", `${a.host}/src/app:v1`, "sbom.json");
		assert.equal(s.code, 0, s.stderr);
		sbom = digestOf(s.stdout);
		const g = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sig", `${a.host}/src/app@${sbom}`, "sig.txt");
		assert.equal(g.code, 0, g.stderr);
		sig = digestOf(g.stdout);
		const r = repo(a.host, "src/app");
		try {
			expected = await typedTree(r, await r.resolve("v1"), true);
		} finally {
			r.client.close();
		}
		assert.equal(expected.length, 2);
	});
	after(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await work?.cleanup();
	});

	it("copies -r across registries with referrers of referrers, under several tags", async () => {
		const r = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${a.host}/src/app:v1`, `${b.host}/dst/app:v1,v2,v3`);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^Copied \\[registry\\] ${a.host}/src/app:v1 => \\[registry\\] ${b.host}/dst/app:v1$`, "m"));
		assert.match(r.stdout, /^Tagged v2$/m);
		assert.match(r.stdout, /^Tagged v3$/m);
		assert.equal(digestOf(r.stdout), root);
		assert.match(r.stdout, /^Copying [0-9a-f]{12} hi\.txt$/m);
		assert.match(r.stdout, /^Copied {2}[0-9a-f]{12} sig\.txt$/m);
		const dst = repo(b.host, "dst/app");
		try {
			for (const t of ["v1", "v2", "v3"]) assert.equal((await dst.resolve(t)).digest, root);
			assert.deepEqual(await typedTree(dst, await dst.resolve("v1"), true), expected);
		} finally {
			dst.client.close();
		}
		// A second run finds everything there.
		const again = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${a.host}/src/app:v1`, `${b.host}/dst/app:v1`);
		assert.equal(again.code, 0, again.stderr);
		assert.match(again.stdout, /^Exists {2}[0-9a-f]{12} /m);
		assert.doesNotMatch(again.stdout, /^Copying/m);
	});

	it("copies without -r leaves referrers behind, and an untagged destination stays untagged", async () => {
		const r = await cli("cp", "--from-plain-http", "--to-plain-http", `${a.host}/src/app:v1`, `${b.host}/plain/app:v1`);
		assert.equal(r.code, 0, r.stderr);
		const u = await cli("cp", "--from-plain-http", "--to-plain-http", `${a.host}/src/app@${root}`, `${b.host}/plain/untagged`);
		assert.equal(u.code, 0, u.stderr);
		assert.match(u.stdout, new RegExp(`^Copied \\[registry\\] ${a.host}/src/app@${root} => \\[registry\\] ${b.host}/plain/untagged$`, "m"));
		const dst = repo(b.host, "plain/app");
		const un = repo(b.host, "plain/untagged");
		try {
			assert.deepEqual(await typedTree(dst, await dst.resolve("v1"), true), []);
			assert.equal((await un.resolve(root)).digest, root);
			// distribution answers NAME_UNKNOWN for a repository without tags
			await assert.rejects(un.resolve("v1"));
		} finally {
			dst.client.close();
			un.client.close();
		}
	});

	it("names the side that failed, as oras does", async () => {
		const missing = await cli("cp", "--from-plain-http", "--to-plain-http", `${a.host}/src/app:nosuch`, `${a.host}/dst/app:v1`);
		assert.equal(missing.code, 1);
		assert.match(missing.stderr, new RegExp(`^Error from source registry for "${a.host}/src/app:nosuch": .*not found`, "m"));
		const badDst = await cli("cp", "--from-plain-http", `${a.host}/src/app:v1`, `127.0.0.1:1/dst/app:v1`);
		assert.equal(badDst.code, 1);
		assert.match(badDst.stderr, /^Error from destination registry for "127\.0\.0\.1:1\/dst\/app:v1": /m);
	});

	it("mounts blobs within one registry instead of uploading them", async () => {
		const r = await cli("cp", "--from-plain-http", "--to-plain-http", `${a.host}/src/app:v1`, `${a.host}/mounted/app:v1`);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^Mounted [0-9a-f]{12} hi\.txt$/m);
		assert.doesNotMatch(r.stdout, /^Copied {2}[0-9a-f]{12} hi\.txt$/m);
		assert.doesNotMatch(r.stdout, /^Copying [0-9a-f]{12} hi\.txt$/m, "a mounted blob is not announced as copying");
		// Different credentials on the two sides: no mount.
		const n = await cli("cp", "--from-plain-http", "--to-plain-http", "--to-username", "x", "--to-password", "y", `${a.host}/src/app:v1`, `${a.host}/nomount/app:v1`);
		assert.equal(n.code, 0, n.stderr);
		assert.doesNotMatch(n.stdout, /^Mounted/m);
		assert.match(n.stdout, /^Copied {2}[0-9a-f]{12} hi\.txt$/m);
	});

	it("copies -r into an OCI layout directory and from it (and its tar) to a registry, referrers intact", async () => {
		const down = await cli("cp", "-r", "--from-plain-http", "--to-oci-layout", `${a.host}/src/app:v1`, "layout:v1");
		assert.equal(down.code, 0, down.stderr);
		assert.match(down.stdout, new RegExp(`^Copied \\[registry\\] ${a.host}/src/app:v1 => \\[oci-layout\\] layout:v1$`, "m"));
		const layout = await openOciLayout(join(work.path, "layout"), { readOnly: true });
		assert.equal((await layout.resolve("v1")).digest, root);
		assert.deepEqual(await typedTree(layout, await layout.resolve("v1"), true), expected);

		const up = await cli("cp", "-r", "--from-oci-layout", "--to-plain-http", "layout:v1", `${b.host}/from-layout/app:v1`);
		assert.equal(up.code, 0, up.stderr);
		const dst = repo(b.host, "from-layout/app");
		try {
			assert.deepEqual(await typedTree(dst, await dst.resolve("v1"), true), expected);
		} finally {
			dst.client.close();
		}

		await writeOciLayoutTar(join(work.path, "layout"), join(work.path, "layout.tar"));
		const fromTar = await cli("cp", "-r", "--from-oci-layout", "--to-plain-http", "layout.tar:v1", `${b.host}/from-tar/app:v1`);
		assert.equal(fromTar.code, 0, fromTar.stderr);
		const dt = repo(b.host, "from-tar/app");
		try {
			assert.equal((await dt.resolve("v1")).digest, root);
			assert.deepEqual(await typedTree(dt, await dt.resolve("v1"), true), expected);
		} finally {
			dt.client.close();
		}
		// --from-oci-layout-path takes the whole argument as the reference.
		const byPath = await cli("cp", "--from-oci-layout-path", "layout", "--to-oci-layout", "v1", "layout2:copied");
		assert.equal(byPath.code, 0, byPath.stderr);
		assert.equal(digestOf(byPath.stdout), root);
		const ids = [sbom, sig];
		for (const d of ids) assert.ok((await readdir(join(work.path, "layout", "blobs", "sha256"))).includes(d.slice(7)));
	});

	it("copies a multi-arch index whole, one platform with --platform, and referrers of index members with -r", async () => {
		const m = await pushMultiArch(a.host, "src/multi", "v1");
		const whole = await cli("cp", "--from-plain-http", "--to-plain-http", `${a.host}/src/multi:v1`, `${b.host}/multi/all:v1`);
		assert.equal(whole.code, 0, whole.stderr);
		assert.equal(digestOf(whole.stdout), m.index.digest);
		const all = repo(b.host, "multi/all");
		try {
			assert.ok(await all.exists(m.amd64));
			assert.ok(await all.exists(m.arm64));
		} finally {
			all.client.close();
		}
		const one = await cli("cp", "--platform", "linux/arm64", "--from-plain-http", "--to-plain-http", `${a.host}/src/multi:v1`, `${b.host}/multi/arm:v1`);
		assert.equal(one.code, 0, one.stderr);
		assert.equal(digestOf(one.stdout), m.arm64.digest);
		const byDigest = await cli("cp", "--platform", "linux/amd64", "--from-plain-http", "--to-plain-http", `${a.host}/src/multi@${m.index.digest}`, `${b.host}/multi/amd:v1`);
		assert.equal(byDigest.code, 0, byDigest.stderr);
		assert.match(byDigest.stdout, new RegExp(`^Copied \\[registry\\] ${a.host}/src/multi@${m.amd64.digest} => `, "m"));

		// A referrer of a member travels with -r of the index.
		const att = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sig", `${a.host}/src/multi@${m.arm64.digest}`, "sig.txt");
		assert.equal(att.code, 0, att.stderr);
		const memberSig = digestOf(att.stdout);
		const rec = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${a.host}/src/multi:v1`, `${b.host}/multi/rec:v1`);
		assert.equal(rec.code, 0, rec.stderr);
		const dst = repo(b.host, "multi/rec");
		try {
			assert.equal((await dst.resolve("v1")).digest, m.index.digest);
			const refs = await walkReferrers(dst, m.arm64);
			assert.deepEqual(
				refs.referrers.map((r) => r.descriptor.digest),
				[memberSig],
			);
		} finally {
			dst.client.close();
		}
	});

	it("fails clearly without a source tag or digest", async () => {
		const r = await cli("cp", "--from-plain-http", `${a.host}/src/app`, `${b.host}/x/y:v1`);
		assert.equal(r.code, 1);
		assert.match(r.stderr, /no tag or digest specified/);
		const n = await cli("cp", `${a.host}/src/app:v1`);
		assert.equal(n.code, 1);
		assert.match(n.stderr, /requires exactly 2 argument but got 1/);
	});

	it("copies a layout skopeo wrote to a registry unchanged, and skopeo reads a layout oras-ts wrote", async () => {
		const skopeo = requireTool("skopeo", "skopeo");
		const m = await pushMultiArch(a.host, "src/img", "arm");
		// skopeo writes the arm64 image (a plain image manifest) to a layout.
		sh(skopeo, ["copy", "--src-tls-verify=false", `docker://${a.host}/src/img@${m.arm64.digest}`, "oci:sk-layout:img"], work.path);
		const skLayout = await openOciLayout(join(work.path, "sk-layout"), { readOnly: true });
		const skDesc = await skLayout.resolve("img");
		const up = await cli("cp", "--from-oci-layout", "--to-plain-http", "sk-layout:img", `${b.host}/from-skopeo/img:v1`);
		assert.equal(up.code, 0, up.stderr);
		assert.equal(digestOf(up.stdout), skDesc.digest);
		const raw = sh(skopeo, ["inspect", "--raw", "--tls-verify=false", `docker://${b.host}/from-skopeo/img:v1`], work.path);
		assert.equal(sha256(raw), skDesc.digest);
		const fromSk = repo(b.host, "from-skopeo/img");
		try {
			const parsed = JSON.parse(raw) as { config: Descriptor; layers: Descriptor[] };
			for (const d of [parsed.config, ...parsed.layers]) assert.ok(await fromSk.exists(d), d.digest);
		} finally {
			fromSk.client.close();
		}

		// oras-ts writes a layout (the whole index); skopeo copies it to the registry.
		const down = await cli("cp", "--from-plain-http", "--to-oci-layout", `${a.host}/src/img:arm`, "ours-layout:v1");
		assert.equal(down.code, 0, down.stderr);
		sh(skopeo, ["copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "oci:ours-layout:v1", `docker://${b.host}/from-ours/img:v1`], work.path);
		const raw2 = sh(skopeo, ["inspect", "--raw", "--tls-verify=false", `docker://${b.host}/from-ours/img:v1`], work.path);
		assert.equal(sha256(raw2), m.index.digest);
	});
});
