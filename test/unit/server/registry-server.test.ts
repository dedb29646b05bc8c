/**
 * createRegistryServer on 127.0.0.1 (port 0): a round trip with oras-ts's own repository client,
 * and the server's own answers (routing, read-only, htpasswd, errors, request log, listen/close).
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import bcrypt from "bcryptjs";
import { readAllVerified } from "../../../src/content/index.js";
import { hasCode } from "../../../src/errors.js";
import { packManifest } from "../../../src/graph/index.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { createRepository } from "../../../src/registry/index.js";
import { createRegistryServer, type RegistryServer, type RegistryServerOptions } from "../../../src/server/index.js";

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-registry-server-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});

/** Starts a server on a free loopback port, runs fn, always closes it. */
async function serving(opts: Partial<RegistryServerOptions>, fn: (url: string, server: RegistryServer, logs: string[]) => Promise<void>): Promise<void> {
	const logs: string[] = [];
	const server = createRegistryServer({ root: join(base, `root-${n++}`), addr: "127.0.0.1:0", logger: (level, m) => void logs.push(`${level} ${m}`), ...opts });
	const { url } = await server.listen();
	try {
		await fn(url, server, logs);
	} finally {
		await server.close();
	}
}

describe("registry server", () => {
	it("stores what the repository client pushes and serves it back", () =>
		serving({}, async (url) => {
			const host = new URL(url).host;
			const repo = createRepository(`${host}/team/app`, { plainHttp: true, retry: false });
			try {
				const layer = Buffer.from("served layer\n");
				const layerDesc = descriptorFromBytes(MediaType.ImageLayer, layer, { annotations: { "org.opencontainers.image.title": "l.txt" } });
				await repo.push(layerDesc, Readable.from([layer]));
				const packed = packManifest({ artifactType: "application/vnd.test", layers: [layerDesc], annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" } });
				for (const b of packed.blobsToPush) await repo.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
				await repo.pushReference(packed.desc, Readable.from([Buffer.from(packed.manifestBytes)]), "v1");
				assert.equal((await repo.resolve("v1")).digest, packed.desc.digest);
				assert.deepEqual(await readAllVerified(await repo.fetch(layerDesc), layerDesc, 1 << 20), layer);
				const tags: string[] = [];
				for await (const t of repo.tags()) tags.push(t);
				assert.deepEqual(tags, ["v1"]);
			} finally {
				repo.client.close();
			}
		}));

	it("answers /v2/ with the API version header, unknown routes with 404, and logs each request", () =>
		serving({}, async (url, _server, logs) => {
			const v2 = await fetch(`${url}/v2/`);
			assert.equal(v2.status, 200);
			assert.equal(v2.headers.get("docker-distribution-api-version"), "registry/2.0");
			assert.equal(await v2.text(), "{}");
			const none = await fetch(`${url}/nowhere`);
			assert.equal(none.status, 404);
			assert.equal(((await none.json()) as { errors: { code: string }[] }).errors[0]?.code, "UNSUPPORTED");
			const unknown = await fetch(`${url}/v2/app/manifests/missing`);
			assert.equal(unknown.status, 404);
			await unknown.arrayBuffer();
			assert.ok(logs.some((l) => l.startsWith("info oras-ts registry serving ")), logs.join("\n"));
			const deadline = Date.now() + 2000;
			while (Date.now() < deadline && !logs.some((l) => / GET \/nowhere 404 /.test(l))) await new Promise((r) => setTimeout(r, 10));
			assert.ok(logs.some((l) => /^info \S+ GET \/nowhere 404 \d+ bytes \d+ ms$/.test(l)), logs.join("\n"));
		}));

	it("refuses writes when read-only", async () => {
		const root = join(base, `ro-${n++}`);
		const rw = createRegistryServer({ root, addr: "127.0.0.1:0", logLevel: "silent" });
		await rw.listen();
		await rw.close();
		await serving({ root, readOnly: true, logLevel: "silent" }, async (url) => {
			const post = await fetch(`${url}/v2/app/blobs/uploads/`, { method: "POST" });
			assert.equal(post.status, 405);
			assert.match(await post.text(), /read-only/);
			assert.equal((await fetch(`${url}/v2/`)).status, 200);
		});
	});

	it("asks for Basic credentials with an htpasswd file and accepts the right ones", async () => {
		const file = join(base, `htpasswd-${n++}`);
		await writeFile(file, `alice:${bcrypt.hashSync("secret", 4)}\n`);
		await serving({ htpasswd: file, realm: "test realm", logLevel: "silent" }, async (url) => {
			const anon = await fetch(`${url}/v2/`);
			assert.equal(anon.status, 401);
			assert.equal(anon.headers.get("www-authenticate"), 'Basic realm="test realm"');
			await anon.arrayBuffer();
			const wrong = await fetch(`${url}/v2/`, { headers: { authorization: `Basic ${Buffer.from("alice:nope").toString("base64")}` } });
			assert.equal(wrong.status, 401);
			await wrong.arrayBuffer();
			const ok = await fetch(`${url}/v2/`, { headers: { authorization: `Basic ${Buffer.from("alice:secret").toString("base64")}` } });
			assert.equal(ok.status, 200);
			await ok.arrayBuffer();
		});
	});

	it("filters the log by level", () =>
		serving({ logLevel: "warn" }, async (url, _server, logs) => {
			await (await fetch(`${url}/v2/`)).arrayBuffer();
			await new Promise((r) => setTimeout(r, 20));
			assert.deepEqual(logs, []);
		}));

	it("refuses to listen twice, on a bad address, or on a root that cannot be a directory", async () => {
		await serving({ logLevel: "silent" }, async (_url, server) => {
			await assert.rejects(server.listen(), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /already listening/.test((err as Error).message));
		});
		const bad = createRegistryServer({ root: join(base, `bad-${n++}`), addr: "nonsense", logLevel: "silent" });
		await assert.rejects(bad.listen(), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
		await bad.close();
		const file = join(base, `file-${n++}`);
		await writeFile(file, "not a directory");
		const notDir = createRegistryServer({ root: file, addr: "127.0.0.1:0", logLevel: "silent" });
		await assert.rejects(notDir.listen(), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /cannot use .* as the registry root/.test((err as Error).message));
		await notDir.close();
		const noHtpasswd = createRegistryServer({ root: join(base, `nohtp-${n++}`), addr: "127.0.0.1:0", htpasswd: join(base, "missing-htpasswd"), logLevel: "silent" });
		await assert.rejects(noHtpasswd.listen(), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /cannot use htpasswd file/.test((err as Error).message));
		await noHtpasswd.close();
	});
});
