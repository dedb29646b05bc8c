import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { readAllVerified } from "../../src/content/verify.js";
import { hasCode, OrasError } from "../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../src/oci/descriptor.js";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createNodeTransport, createRepository, Registry, RegistryResponseError, type Repository, type Transport } from "../../src/registry/index.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const enc = new TextEncoder();

function manifestFor(config: Descriptor, layers: Descriptor[]): Uint8Array {
	return enc.encode(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config, layers }));
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
	const out: string[] = [];
	for await (const x of it) out.push(x);
	return out;
}

async function pushImage(repo: Repository, tag: string, layerText: string) {
	const layerBytes = enc.encode(layerText);
	const layer = descriptorFromBytes(MediaType.ImageLayer, layerBytes);
	const configBytes = enc.encode("{}");
	const config = descriptorFromBytes(MediaType.Empty, configBytes);
	await repo.push(layer, Readable.from([layerBytes]));
	await repo.push(config, Readable.from([configBytes]));
	const mBytes = manifestFor(config, [layer]);
	const manifest = descriptorFromBytes(MediaType.ImageManifest, mBytes);
	await repo.pushReference(manifest, Readable.from([mBytes]), tag);
	return { layer, layerBytes, config, manifest, mBytes };
}

describe("remote repository against distribution", () => {
	let reg: RunningRegistry;
	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg?.stop();
	});
	const repoFor = (name: string, extra: Parameters<typeof createRepository>[1] = {}) =>
		createRepository(`${reg.host}/${name}`, { plainHttp: true, retry: false, ...extra });

	it("pushes blobs and a manifest, resolves by tag and digest, fetches and checks existence", async () => {
		const repo = repoFor("push/basic");
		const img = await pushImage(repo, "v1", "hello world\n");
		assert.equal(img.layer.digest, "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");

		const byTag = await repo.resolve("v1");
		assert.deepEqual(byTag, { mediaType: MediaType.ImageManifest, digest: img.manifest.digest, size: img.manifest.size });
		const byDigest = await repo.resolve(img.manifest.digest);
		assert.equal(byDigest.digest, img.manifest.digest);
		const byFullRef = await repo.resolve(`${reg.host}/push/basic:v1`);
		assert.equal(byFullRef.digest, img.manifest.digest);

		const { desc, body } = await repo.fetchReference("v1");
		assert.equal(desc.digest, img.manifest.digest);
		assert.deepEqual(await readAllVerified(body, desc), Buffer.from(img.mBytes));

		const m = await repo.fetch(img.manifest);
		assert.deepEqual(await readAllVerified(m, img.manifest), Buffer.from(img.mBytes));
		const blob = await repo.fetch(img.layer);
		assert.equal((await readAllVerified(blob, img.layer)).toString(), "hello world\n");

		assert.equal(await repo.exists(img.layer), true);
		assert.equal(await repo.exists(img.manifest), true);
		const missing = descriptorFromBytes(MediaType.ImageLayer, enc.encode("nope"));
		assert.equal(await repo.exists(missing), false);
		await assert.rejects(repo.fetch(missing), (e: unknown) => hasCode(e, "NOT_FOUND"));
		await assert.rejects(repo.resolve("nosuchtag"), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "NOT_FOUND");
			assert.equal(e.message, `${reg.host}/push/basic:nosuchtag: not found`);
			return true;
		});
		repo.client.close();
	});

	it("streams a larger blob without buffering and fails on a wrong digest", async () => {
		const repo = repoFor("push/large");
		const chunk = Buffer.alloc(64 * 1024, 7);
		const chunks = 32; // 2 MiB
		const { createHash } = await import("node:crypto");
		const h = createHash("sha256");
		for (let i = 0; i < chunks; i++) h.update(chunk);
		const desc: Descriptor = { mediaType: MediaType.ImageLayer, digest: `sha256:${h.digest("hex")}` as Descriptor["digest"], size: chunk.length * chunks };
		async function* gen() {
			for (let i = 0; i < chunks; i++) yield chunk;
		}
		await repo.push(desc, gen());
		const body = await repo.fetch(desc);
		let n = 0;
		for await (const c of body) n += (c as Buffer).length;
		assert.equal(n, desc.size);

		const wrong: Descriptor = { ...desc, digest: `sha256:${"1".repeat(64)}` as Descriptor["digest"] };
		await assert.rejects(repo.push(wrong, gen()), (e: unknown) => {
			assert.ok(e instanceof RegistryResponseError);
			assert.equal(e.status, 400);
			assert.match(e.message, /digest invalid/);
			return true;
		});
		// a body shorter than the descriptor says is refused by the client
		await assert.rejects(repo.push({ ...desc, size: desc.size + 1 }, gen()), (e: unknown) => hasCode(e, "SIZE_MISMATCH"));
		repo.client.close();
	});

	it("lists all tags (distribution 2.8 ignores n for tags; Link paging is unit-tested)", async () => {
		const repo = repoFor("tags/many", { tagListPageSize: 2 });
		const img = await pushImage(repo, "t0", "tagged");
		const want = ["t0"];
		for (let i = 1; i < 7; i++) {
			await repo.tag(img.manifest, `t${i}`);
			want.push(`t${i}`);
		}
		assert.deepEqual((await collect(repo.tags())).sort(), want);
		for (const t of want) assert.equal((await repo.resolve(t)).digest, img.manifest.digest);
		await assert.rejects(collect(repoFor("tags/none").tags()), (e: unknown) => hasCode(e, "NOT_FOUND"));
		repo.client.close();
	});

	it("mounts a blob from another repository", async () => {
		const registry = new Registry(reg.host, { plainHttp: true, retry: false });
		const src = registry.repository("mount/src");
		const dst = registry.repository("mount/dst");
		const img = await pushImage(src, "v1", "mount me");
		assert.equal(await dst.exists(img.layer), false);
		await dst.mount(img.layer, "mount/src");
		assert.equal(await dst.exists(img.layer), true);
		// a source that lacks the blob: the registry answers 202 and the content callback finishes the upload
		const other = descriptorFromBytes(MediaType.ImageLayer, enc.encode("only local"));
		let called = 0;
		await dst.mount(other, "mount/src", async () => {
			called++;
			return Readable.from([Buffer.from("only local")]);
		});
		assert.equal(called, 1);
		assert.equal(await dst.exists(other), true);
		registry.close();
	});

	it("deletes a manifest and a blob", async () => {
		const repo = repoFor("delete/me");
		const img = await pushImage(repo, "v1", "delete me");
		await repo.delete(img.manifest);
		assert.equal(await repo.exists(img.manifest), false);
		await assert.rejects(repo.resolve("v1"), (e: unknown) => hasCode(e, "NOT_FOUND"));
		await repo.delete(img.layer);
		assert.equal(await repo.exists(img.layer), false);
		await assert.rejects(repo.delete(img.layer), (e: unknown) => hasCode(e, "NOT_FOUND"));
		repo.client.close();
	});

	it("pings and lists the catalog across Link pages", async () => {
		const base = createNodeTransport();
		const seen: string[] = [];
		const counting: Transport = (req) => {
			seen.push(`${req.method} ${req.url.pathname}${req.url.search}`);
			return base(req);
		};
		const registry = new Registry(reg.host, { plainHttp: true, retry: false, catalogPageSize: 1, transport: counting });
		await registry.ping();
		assert.deepEqual(seen, ["GET /v2/"]);
		await pushImage(registry.repository("catalog/a"), "v1", "a");
		await pushImage(registry.repository("catalog/b"), "v1", "b");
		seen.length = 0;
		const all = await collect(registry.repositories());
		assert.ok(all.includes("catalog/a") && all.includes("catalog/b"), all.join(","));
		assert.equal(new Set(all).size, all.length);
		assert.ok(seen.length >= all.length, `one page per repository: ${seen.join(" | ")}`);
		assert.ok(seen.every((s) => s.startsWith("GET /v2/_catalog?")));
		const after = await collect(registry.repositories({ last: "catalog/a" }));
		assert.ok(after.includes("catalog/b") && !after.includes("catalog/a"));
		base.close();
	});

	it("maps registry error bodies", async () => {
		const repo = repoFor("errors/x");
		const bad = enc.encode('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}');
		const desc = descriptorFromBytes(MediaType.ImageManifest, bad);
		await assert.rejects(repo.pushReference(desc, Readable.from([bad]), "v1"), (e: unknown) => {
			assert.ok(e instanceof RegistryResponseError);
			assert.equal(e.method, "PUT");
			assert.equal(e.status, 400);
			assert.ok(e.errors.length > 0);
			assert.match(e.message, /^manifest blob unknown: /);
			assert.match(e.fullMessage, /^PUT "http:\/\/127\.0\.0\.1:\d+\/v2\/errors\/x\/manifests\/v1": response status code 400: manifest blob unknown/);
			return true;
		});
		repo.client.close();
	});
});
