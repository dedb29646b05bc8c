/**
 * Real clients against the built-in registry (skopeo both ways, curl), Basic auth from an
 * htpasswd file, TLS, a clean restart and a `kill -9` in the middle of an upload.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { hasCode } from "../../src/errors.js";
import { createRegistryServer } from "../../src/server/index.js";
import { oras } from "./fixtures/cli.js";
import { basicAuthorization, makeHtpasswd } from "./fixtures/htpasswd.js";
import { requireTool } from "./fixtures/registry.js";
import { blobsIntact, errorCode, imageManifest, pushBlob, putManifest, type RunningServe, sha256, spawnServe, startServe } from "./fixtures/serve.js";
import { httpsRequest, makeTls } from "./fixtures/tls.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const execFileAsync = promisify(execFile);

const dirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
	const d = await mkdtemp(join(tmpdir(), `oras-ts-${prefix}-`));
	dirs.push(d);
	return d;
}
after(async () => {
	for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Runs a client asynchronously (the registry under test shares this event loop). */
async function run(cmd: string, args: string[]): Promise<string> {
	try {
		const r = await execFileAsync(cmd, args, { encoding: "utf8", timeout: 60_000, maxBuffer: 4 << 20 });
		return r.stdout;
	} catch (err) {
		const e = err as { code?: unknown; stderr?: string; stdout?: string };
		throw new Error(`${cmd} ${args.join(" ")} failed (${String(e.code)}): ${e.stderr ?? ""}${e.stdout ?? ""}`);
	}
}

/** A one-file ustar archive (512-byte header, content padded to 512, two zero blocks). */
function tinyTar(name: string, content: Buffer): Buffer {
	const header = Buffer.alloc(512);
	header.write(name, 0, "utf8");
	header.write("0000644\0", 100);
	header.write("0000000\0", 108);
	header.write("0000000\0", 116);
	header.write(`${content.length.toString(8).padStart(11, "0")}\0`, 124);
	header.write(`${(1_700_000_000).toString(8).padStart(11, "0")}\0`, 136);
	header.write("        ", 148);
	header.write("0", 156);
	header.write("ustar\0", 257);
	header.write("00", 263);
	let sum = 0;
	for (const b of header) sum += b;
	header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
	const pad = Buffer.alloc((512 - (content.length % 512)) % 512);
	return Buffer.concat([header, content, pad, Buffer.alloc(1024)]);
}

/** Writes a tiny OCI image layout by hand: one gzip layer, a config, a manifest tagged `tag`. */
async function makeImageLayout(dir: string, tag: string): Promise<{ manifestDigest: string; layerDigest: string; configDigest: string }> {
	const tar = tinyTar("hello.txt", Buffer.from("hello from oras-ts serve\n"));
	const layer = gzipSync(tar);
	const config = Buffer.from(
		JSON.stringify({ architecture: "amd64", os: "linux", config: {}, rootfs: { type: "layers", diff_ids: [sha256(tar)] }, history: [{ created_by: "hand" }] }),
	);
	const manifest = Buffer.from(
		JSON.stringify({
			schemaVersion: 2,
			mediaType: OCI_MANIFEST,
			config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: sha256(config), size: config.length },
			layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha256(layer), size: layer.length }],
		}),
	);
	await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
	for (const b of [layer, config, manifest]) await writeFile(join(dir, "blobs", "sha256", sha256(b).slice(7)), b);
	await writeFile(join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
	await writeFile(
		join(dir, "index.json"),
		JSON.stringify({
			schemaVersion: 2,
			manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(manifest), size: manifest.length, annotations: { "org.opencontainers.image.ref.name": tag } }],
		}),
	);
	return { manifestDigest: sha256(manifest), layerDigest: sha256(layer), configDigest: sha256(config) };
}

/** Every file under `<repoDir>/blobs/sha256` hashes to its name: nothing half-written is visible. */
describe("skopeo", () => {
	let srv: RunningServe;
	before(async () => {
		requireTool("skopeo", "skopeo");
		srv = await startServe();
	});
	after(async () => {
		await srv.stop();
	});

	it("copies an OCI layout to the registry and back", async () => {
		const src = await tempDir("skopeo-src");
		const img = await makeImageLayout(src, "v1");
		await run("skopeo", ["--insecure-policy", "copy", "--dest-tls-verify=false", `oci:${src}:v1`, `docker://${srv.host}/skopeo/img:v1`]);
		// the registry has it
		const res = await fetch(`${srv.url}/v2/skopeo/img/manifests/v1`, { headers: { Accept: OCI_MANIFEST } });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("docker-content-digest"), img.manifestDigest);
		await res.arrayBuffer();
		const tags = JSON.parse(await run("skopeo", ["list-tags", "--tls-verify=false", `docker://${srv.host}/skopeo/img`])) as { Tags: string[] };
		assert.deepEqual(tags.Tags, ["v1"]);
		const raw = await run("skopeo", ["inspect", "--raw", "--tls-verify=false", `docker://${srv.host}/skopeo/img:v1`]);
		assert.equal(sha256(raw), img.manifestDigest);

		// and back into a fresh layout
		const dst = await tempDir("skopeo-dst");
		await run("skopeo", ["--insecure-policy", "copy", "--src-tls-verify=false", `docker://${srv.host}/skopeo/img:v1`, `oci:${dst}:back`]);
		const index = JSON.parse(await readFile(join(dst, "index.json"), "utf8")) as { manifests: { digest: string; annotations?: Record<string, string> }[] };
		assert.equal(index.manifests[0]?.digest, img.manifestDigest);
		assert.equal(index.manifests[0]?.annotations?.["org.opencontainers.image.ref.name"], "back");
		for (const d of [img.layerDigest, img.configDigest]) {
			assert.deepEqual(await readFile(join(dst, "blobs", "sha256", d.slice(7))), await readFile(join(src, "blobs", "sha256", d.slice(7))));
		}
		// the repository directory is itself an OCI layout that skopeo reads
		const fromStore = await run("skopeo", ["inspect", "--raw", `oci:${join(srv.root, "skopeo", "img")}:v1`]);
		assert.equal(sha256(fromStore), img.manifestDigest);
		assert.equal(await blobsIntact(join(srv.root, "skopeo", "img")), 3);
	});

	it("copies between two repositories of the registry (mount) and deletes", async () => {
		const src = await tempDir("skopeo-src2");
		const img = await makeImageLayout(src, "v2");
		await run("skopeo", ["--insecure-policy", "copy", "--dest-tls-verify=false", `oci:${src}:v2`, `docker://${srv.host}/skopeo/a:v2`]);
		await run("skopeo", ["--insecure-policy", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", `docker://${srv.host}/skopeo/a:v2`, `docker://${srv.host}/skopeo/b:v2`]);
		const head = await fetch(`${srv.url}/v2/skopeo/b/blobs/${img.layerDigest}`, { method: "HEAD" });
		assert.equal(head.status, 200);
		// skopeo mounted the layer from skopeo/a instead of uploading it again
		assert.ok(
			srv.logs.some((l) => /POST \/v2\/skopeo\/b\/blobs\/uploads\/\?\S*mount=sha256%3A[0-9a-f]{64}\S* 201 /.test(l)),
			srv.logs.filter((l) => l.includes("skopeo/b")).join("\n"),
		);
		await run("skopeo", ["delete", "--tls-verify=false", `docker://${srv.host}/skopeo/b:v2`]);
		const gone = await fetch(`${srv.url}/v2/skopeo/b/manifests/v2`);
		assert.equal(gone.status, 404);
		await gone.arrayBuffer();
	});
});

describe("curl", () => {
	let srv: RunningServe;
	before(async () => {
		requireTool("curl", "curl");
		srv = await startServe();
	});
	after(async () => {
		await srv.stop();
	});

	it("pings, uploads a blob, pushes and fetches a manifest", async () => {
		const ping = await run("curl", ["-sS", "-i", `${srv.url}/v2/`]);
		assert.match(ping, /^HTTP\/1\.1 200/);
		assert.match(ping, /docker-distribution-api-version: registry\/2\.0/i);
		const dir = await tempDir("curl");
		const blobFile = join(dir, "blob");
		await writeFile(blobFile, "curl blob");
		const digest = sha256("curl blob");
		const post = await run("curl", ["-sS", "-i", "-X", "POST", `${srv.url}/v2/curl/repo/blobs/uploads/`]);
		const loc = /^location: (\S+)/im.exec(post)?.[1];
		assert.ok(loc, post);
		const put = await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: application/octet-stream", "--data-binary", `@${blobFile}`, `${srv.url}${loc}?digest=${digest}`]);
		assert.equal(put, "201");
		const cfg = await pushBlob(srv.url, "curl/repo", Buffer.from("{}"));
		const manifest = imageManifest({ digest: cfg, size: 2 }, [{ digest, size: 9 }]);
		const mfile = join(dir, "manifest.json");
		await writeFile(mfile, manifest);
		const mput = await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", `Content-Type: ${OCI_MANIFEST}`, "--data-binary", `@${mfile}`, `${srv.url}/v2/curl/repo/manifests/latest`]);
		assert.equal(mput, "201");
		assert.equal(await run("curl", ["-sS", "-H", `Accept: ${OCI_MANIFEST}`, `${srv.url}/v2/curl/repo/manifests/latest`]), manifest);
		assert.equal(await run("curl", ["-sS", "-r", "5-8", `${srv.url}/v2/curl/repo/blobs/${digest}`]), "blob");
		const headers = await run("curl", ["-sS", "-I", `${srv.url}/v2/curl/repo/manifests/latest`]);
		assert.match(headers, new RegExp(`docker-content-digest: ${sha256(manifest)}`, "i"));
	});
});

describe("oras-ts CLI", () => {
	let srv: RunningServe;
	before(async () => {
		srv = await startServe();
	});
	after(async () => {
		await srv.stop();
	});

	it("push, attach, discover and cp -r go through the referrers API", async () => {
		const cwd = await tempDir("cli");
		await writeFile(join(cwd, "hello.txt"), "hello\n");
		await writeFile(join(cwd, "sbom.json"), '{"sbom":1}');
		const cli = (...argv: string[]) => oras(argv, { cwd });
		const push = await cli("push", "--plain-http", `${srv.host}/cli/app:v1`, "hello.txt:text/plain");
		assert.equal(push.code, 0, push.stderr);
		const att = await cli("attach", "--plain-http", "--artifact-type", "application/vnd.example.sbom", `${srv.host}/cli/app:v1`, "sbom.json");
		assert.equal(att.code, 0, att.stderr);
		// the API answered: no tag-schema index was written
		assert.deepEqual(((await (await fetch(`${srv.url}/v2/cli/app/tags/list`)).json()) as { tags: string[] }).tags, ["v1"]);
		const disc = await cli("discover", "--plain-http", "--format", "json", `${srv.host}/cli/app:v1`);
		assert.equal(disc.code, 0, disc.stderr);
		assert.match(disc.stdout, /application\/vnd\.example\.sbom/);
		const subject = await (await fetch(`${srv.url}/v2/cli/app/manifests/v1`, { method: "HEAD" })).headers.get("docker-content-digest");
		assert.ok(subject);
		const cp = await cli("cp", "-r", "--from-plain-http", "--to-plain-http", `${srv.host}/cli/app:v1`, `${srv.host}/cli/copy:v1`);
		assert.equal(cp.code, 0, cp.stderr);
		const refs = (await (await fetch(`${srv.url}/v2/cli/copy/referrers/${subject}`)).json()) as { manifests: { artifactType?: string }[] };
		assert.deepEqual(
			refs.manifests.map((m) => m.artifactType),
			["application/vnd.example.sbom"],
		);
		const out = join(cwd, "out");
		const pull = await cli("pull", "--plain-http", "-o", out, `${srv.host}/cli/copy:v1`);
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(out, "hello.txt"), "utf8"), "hello\n");
	});
});

describe("htpasswd (Basic auth)", () => {
	it("401 with a Basic challenge without credentials, 200 with them", async () => {
		const hp = await makeHtpasswd([
			{ username: "alice", password: "wonder land" },
			{ username: "bob", password: "pässwörd" },
		]);
		const srv = await startServe({ htpasswd: hp.path, realm: "test-realm" });
		try {
			const none = await fetch(`${srv.url}/v2/`);
			assert.equal(none.status, 401);
			assert.equal(none.headers.get("www-authenticate"), 'Basic realm="test-realm"');
			assert.equal(await errorCode(none), "UNAUTHORIZED");
			const wrong = await fetch(`${srv.url}/v2/`, { headers: { Authorization: basicAuthorization("alice", "wrong") } });
			assert.equal(wrong.status, 401);
			await wrong.arrayBuffer();
			const unknownUser = await fetch(`${srv.url}/v2/`, { headers: { Authorization: basicAuthorization("mallory", "wonder land") } });
			assert.equal(unknownUser.status, 401);
			await unknownUser.arrayBuffer();
			for (const [u, p] of [
				["alice", "wonder land"],
				["bob", "pässwörd"],
			] as const) {
				const ok = await fetch(`${srv.url}/v2/`, { headers: { Authorization: basicAuthorization(u, p) } });
				assert.equal(ok.status, 200, u);
				await ok.arrayBuffer();
			}
			// a push needs credentials on every request
			const auth = { Authorization: basicAuthorization("alice", "wonder land") };
			const denied = await fetch(`${srv.url}/v2/auth/repo/blobs/uploads/`, { method: "POST" });
			assert.equal(denied.status, 401);
			await denied.arrayBuffer();
			const d = await pushBlob(srv.url, "auth/repo", Buffer.from("secret blob"), auth);
			const get = await fetch(`${srv.url}/v2/auth/repo/blobs/${d}`, { headers: auth });
			assert.equal(await get.text(), "secret blob");
			assert.ok(!srv.logs.some((l) => l.includes("wonder") || l.includes(auth.Authorization.slice(6))));
			// curl with -u
			const code = await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", "alice:wonder land", `${srv.url}/v2/_catalog`]);
			assert.equal(code, "200");
		} finally {
			await srv.stop();
			await hp.cleanup();
		}
	});
});

describe("TLS", () => {
	it("serves https with the given certificate", async () => {
		const tls = await makeTls();
		const srv = await startServe({ tls: { cert: tls.serverCert, key: tls.serverKey } });
		try {
			assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
			const res = await httpsRequest(`${srv.url}/v2/`, { ca: tls.caCert });
			assert.equal(res.status, 200);
			assert.equal(res.headers["docker-distribution-api-version"], "registry/2.0");
			const code = await run("curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", tls.caCert, `${srv.url}/v2/_catalog`]);
			assert.equal(code, "200");
			// without the CA the certificate is refused
			await assert.rejects(httpsRequest(`${srv.url}/v2/`, {}));
		} finally {
			await srv.stop();
			await tls.cleanup();
		}
	});
});

describe("serving existing layouts", () => {
	it("an OCI layout placed under the root is a repository (read-only)", async () => {
		const root = await tempDir("layouts");
		const img = await makeImageLayout(join(root, "backup", "app"), "v1");
		const srv = await startServe({ root, readOnly: true });
		try {
			assert.deepEqual(((await (await fetch(`${srv.url}/v2/_catalog`)).json()) as { repositories: string[] }).repositories, ["backup/app"]);
			assert.deepEqual(((await (await fetch(`${srv.url}/v2/backup/app/tags/list`)).json()) as { tags: string[] }).tags, ["v1"]);
			const m = await fetch(`${srv.url}/v2/backup/app/manifests/v1`);
			assert.equal(m.headers.get("docker-content-digest"), img.manifestDigest);
			await m.arrayBuffer();
			const dst = await tempDir("layouts-out");
			await run("skopeo", ["--insecure-policy", "copy", "--src-tls-verify=false", `docker://${srv.host}/backup/app:v1`, `oci:${dst}:v1`]);
			assert.deepEqual(await readFile(join(dst, "blobs", "sha256", img.layerDigest.slice(7))), await readFile(join(root, "backup", "app", "blobs", "sha256", img.layerDigest.slice(7))));
		} finally {
			await srv.stop({ keepRoot: true });
		}
	});
});

describe("startup errors", () => {
	it("names what is wrong: busy port, unreadable TLS files, non-bcrypt htpasswd", async () => {
		const busy = await startServe();
		try {
			const root = await tempDir("startup");
			const clash = createRegistryServer({ root, addr: `127.0.0.1:${busy.port}`, logLevel: "silent" });
			await assert.rejects(clash.listen(), (e: unknown) => hasCode(e, "NETWORK_ERROR") && /cannot listen on 127\.0\.0\.1:\d+/.test((e as Error).message));
			const noTls = createRegistryServer({ root, addr: "127.0.0.1:0", logLevel: "silent", tls: { cert: join(root, "none.pem"), key: join(root, "none.key") } });
			await assert.rejects(noTls.listen(), (e: unknown) => hasCode(e, "INVALID_ARGUMENT") && /TLS certificate/.test((e as Error).message));
			const hp = join(root, "htpasswd");
			await writeFile(hp, "carol:$apr1$salt$hash\n");
			const badHp = createRegistryServer({ root, addr: "127.0.0.1:0", logLevel: "silent", htpasswd: hp });
			await assert.rejects(badHp.listen(), (e: unknown) => hasCode(e, "INVALID_ARGUMENT") && /not bcrypt/.test((e as Error).message));
			const notDir = createRegistryServer({ root: join(root, "htpasswd"), addr: "127.0.0.1:0", logLevel: "silent", readOnly: true });
			await assert.rejects(notDir.listen(), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
		} finally {
			await busy.stop();
		}
	});
});

describe("restart", () => {
	it("keeps manifests, tags, blobs and open upload sessions across close and reopen", async () => {
		const root = await tempDir("restart");
		const data = Buffer.from("0123456789ABCDEFGHIJ");
		let srv = await startServe({ root });
		const cfg = await pushBlob(srv.url, "re/start", Buffer.from("{}"));
		const manifest = imageManifest({ digest: cfg, size: 2 }, []);
		assert.equal((await putManifest(srv.url, "re/start", "v1", OCI_MANIFEST, manifest)).status, 201);
		const post = await fetch(`${srv.url}/v2/re/start/blobs/uploads/`, { method: "POST" });
		const loc = post.headers.get("location")!;
		const p1 = await fetch(`${srv.url}${loc}`, { method: "PATCH", body: data.subarray(0, 10), headers: { "Content-Range": "0-9" } });
		assert.equal(p1.status, 202);
		await srv.stop({ keepRoot: true });

		srv = await startServe({ root });
		try {
			const get = await fetch(`${srv.url}/v2/re/start/manifests/v1`);
			assert.equal(await get.text(), manifest);
			assert.deepEqual(((await (await fetch(`${srv.url}/v2/re/start/tags/list`)).json()) as { tags: string[] }).tags, ["v1"]);
			const st = await fetch(`${srv.url}${loc}`);
			assert.equal(st.status, 204);
			assert.equal(st.headers.get("range"), "0-9");
			const p2 = await fetch(`${srv.url}${loc}`, { method: "PATCH", body: data.subarray(10), headers: { "Content-Range": "10-19" } });
			assert.equal(p2.status, 202);
			const put = await fetch(`${srv.url}${loc}?digest=${sha256(data)}`, { method: "PUT" });
			assert.equal(put.status, 201);
			assert.equal(await (await fetch(`${srv.url}/v2/re/start/blobs/${sha256(data)}`)).text(), data.toString());
		} finally {
			await srv.stop({ keepRoot: true });
		}
	});
});

describe("kill -9", () => {
	it("leaves completed content intact and partial uploads invisible; the session resumes", async () => {
		const root = await tempDir("kill9");
		let child = await spawnServe(root);
		const base1 = child.url;
		try {
			const layer = Buffer.from("completed layer");
			const layerDigest = await pushBlob(base1, "k9/repo", layer);
			const cfg = await pushBlob(base1, "k9/repo", Buffer.from("{}"));
			const manifest = imageManifest({ digest: cfg, size: 2 }, [{ digest: layerDigest, size: layer.length }]);
			assert.equal((await putManifest(base1, "k9/repo", "v1", OCI_MANIFEST, manifest)).status, 201);

			// a chunked upload: one chunk done, the second in flight when the server dies
			const big = Buffer.alloc(256 * 1024, 7);
			for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
			const post = await fetch(`${base1}/v2/k9/repo/blobs/uploads/`, { method: "POST" });
			const loc = post.headers.get("location")!;
			const uuid = post.headers.get("docker-upload-uuid")!;
			const first = 64 * 1024;
			const p1 = await fetch(`${base1}${loc}`, { method: "PATCH", body: big.subarray(0, first), headers: { "Content-Range": `0-${first - 1}` } });
			assert.equal(p1.status, 202);
			const u = new URL(base1);
			const req = request({ host: u.hostname, port: u.port, method: "PATCH", path: loc, headers: { "Content-Range": `${first}-${big.length - 1}`, "Content-Length": big.length - first } });
			req.on("error", () => undefined);
			req.write(big.subarray(first, first + 32 * 1024));
			const dataFile = join(root, "_uploads", uuid, "data");
			for (let i = 0; i < 200 && (await stat(dataFile)).size <= first; i++) await sleep(10);
			assert.ok((await stat(dataFile)).size > first, "the in-flight chunk reached the server");
			await child.kill9();
			req.destroy();

			child = await spawnServe(root);
			const base2 = child.url;
			// completed content is intact
			assert.equal(await (await fetch(`${base2}/v2/k9/repo/manifests/v1`)).text(), manifest);
			assert.equal(await (await fetch(`${base2}/v2/k9/repo/blobs/${layerDigest}`)).text(), layer.toString());
			assert.deepEqual(((await (await fetch(`${base2}/v2/k9/repo/tags/list`)).json()) as { tags: string[] }).tags, ["v1"]);
			assert.deepEqual(((await (await fetch(`${base2}/v2/_catalog`)).json()) as { repositories: string[] }).repositories, ["k9/repo"]);
			// the partial blob is not visible
			const partial = await fetch(`${base2}/v2/k9/repo/blobs/${sha256(big)}`, { method: "HEAD" });
			assert.equal(partial.status, 404);
			assert.equal(await blobsIntact(join(root, "k9", "repo")), 3);
			assert.deepEqual(await readdir(join(root, "_tmp")), []);
			// the session continues from what reached the disk (a prefix of what was sent)
			const st = await fetch(`${base2}${loc}`);
			assert.equal(st.status, 204);
			const have = Number(/^0-(\d+)$/.exec(st.headers.get("range") ?? "")?.[1]) + 1;
			assert.ok(have > first && have <= first + 32 * 1024, `resumed at ${have}`);
			const rest = await fetch(`${base2}${loc}`, { method: "PATCH", body: big.subarray(have), headers: { "Content-Range": `${have}-${big.length - 1}` } });
			assert.equal(rest.status, 202);
			const put = await fetch(`${base2}${loc}?digest=${sha256(big)}`, { method: "PUT" });
			assert.equal(put.status, 201);
			const got = Buffer.from(await (await fetch(`${base2}/v2/k9/repo/blobs/${sha256(big)}`)).arrayBuffer());
			assert.ok(got.equals(big));
		} finally {
			await child.stop();
		}
	});
});
