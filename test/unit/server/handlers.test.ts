/**
 * The server's resource handlers against a real RegistryStorage, called with a fake exchange
 * (no sockets): manifests (referenced blobs first, manifests present only as blobs, delete by
 * tag and digest), blobs (ranges, delete), referrers from the layout's predecessor graph, tags.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { OciLayoutStore } from "../../../src/content/oci-layout/index.js";
import { hasCode } from "../../../src/errors.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { RegistryHttpError } from "../../../src/server/errors.js";
import { blobs } from "../../../src/server/handlers/blobs.js";
import { manifests } from "../../../src/server/handlers/manifests.js";
import { referrers } from "../../../src/server/handlers/referrers.js";
import { tags } from "../../../src/server/handlers/tags.js";
import { RegistryStorage } from "../../../src/server/registry-storage.js";
import { call } from "./exchange.js";

const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

const httpCode = (status: number, code: string) => (e: unknown) => e instanceof RegistryHttpError && e.status === status && e.code === code;

const CONFIG = Buffer.from("{}");
const CONFIG_DESC = descriptorFromBytes(MediaType.Empty, CONFIG);
const LAYER = Buffer.from("0123456789");
const LAYER_DESC = descriptorFromBytes(MediaType.ImageLayer, LAYER);
const manifestOf = (extra: Record<string, unknown> = {}) => encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: CONFIG_DESC, layers: [LAYER_DESC], ...extra });

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-handlers-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});

async function storageWithBlobs(): Promise<RegistryStorage> {
	const storage = new RegistryStorage({ root: join(base, `r${n++}`) });
	await storage.init();
	const store = await storage.repos.create("app");
	await store.push(CONFIG_DESC, Readable.from([CONFIG]));
	await store.push(LAYER_DESC, Readable.from([LAYER]));
	return storage;
}

const PUT_HEADERS = { "Content-Type": MediaType.ImageManifest };

describe("server handlers on the layout store", () => {
	it("a manifest PUT needs its blobs first; a refused PUT creates nothing", async () => {
		const storage = new RegistryStorage({ root: join(base, `r${n++}`) });
		await storage.init();
		try {
			await assert.rejects(call(manifests, storage, "PUT", "fresh", "v1", { body: manifestOf(), headers: PUT_HEADERS }), httpCode(400, "MANIFEST_BLOB_UNKNOWN"));
			assert.equal(await storage.repos.exists("fresh"), false);
			const s2 = await storageWithBlobs();
			try {
				const put = await call(manifests, s2, "PUT", "app", "v1", { body: manifestOf(), headers: PUT_HEADERS });
				assert.equal(put.status, 201);
				assert.equal(put.headers["docker-content-digest"], sha256(manifestOf()));
				const get = await call(manifests, s2, "GET", "app", "v1");
				assert.equal(get.body.toString(), manifestOf());
				assert.equal(get.headers["content-type"], MediaType.ImageManifest);
				await assert.rejects(call(manifests, s2, "PUT", "app", sha256("x"), { body: manifestOf(), headers: PUT_HEADERS }), httpCode(400, "DIGEST_INVALID"));
				await assert.rejects(call(manifests, s2, "PUT", "app", "v2", { body: "{", headers: PUT_HEADERS }), httpCode(400, "MANIFEST_INVALID"));
			} finally {
				await s2.close();
			}
		} finally {
			await storage.close();
		}
	});

	it("the index.json the server writes is the layout store's: entries the CLI wrote keep their annotations", async () => {
		const storage = await storageWithBlobs();
		try {
			const cli = await OciLayoutStore.open(join(storage.root, "app"));
			const raw = manifestOf({ annotations: { a: "1" } });
			const desc = descriptorFromBytes(MediaType.ImageManifest, Buffer.from(raw));
			await cli.push(desc, Readable.from([Buffer.from(raw)]));
			await cli.tag({ ...desc, annotations: { "org.example": "kept" }, platform: { os: "linux", architecture: "amd64" } }, "cli");
			assert.equal((await call(manifests, storage, "PUT", "app", "srv", { body: manifestOf(), headers: PUT_HEADERS })).status, 201);
			const index = JSON.parse(await readFile(join(storage.root, "app", "index.json"), "utf8")) as { manifests: { annotations?: Record<string, string>; platform?: unknown }[] };
			const cliEntry = index.manifests.find((m) => m.annotations?.["org.opencontainers.image.ref.name"] === "cli");
			assert.equal(cliEntry?.annotations?.["org.example"], "kept");
			assert.deepEqual(cliEntry?.platform, { os: "linux", architecture: "amd64" });
			assert.deepEqual(JSON.parse((await call(tags, storage, "GET", "app", "")).body.toString()), { name: "app", tags: ["cli", "srv"] });
		} finally {
			await storage.close();
		}
	});

	it("a manifest present only as a blob is served by digest and may be an index child", async () => {
		const storage = await storageWithBlobs();
		try {
			const raw = Buffer.from(manifestOf({ annotations: { child: "1" } }));
			const store = await storage.repos.require("app");
			await store.push(descriptorFromBytes(MediaType.OctetStream, raw), Readable.from([raw]));
			const get = await call(manifests, storage, "GET", "app", sha256(raw));
			assert.equal(get.status, 200);
			assert.equal(get.headers["content-type"], MediaType.ImageManifest);
			const index = JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [{ mediaType: MediaType.ImageManifest, digest: sha256(raw), size: raw.length }] });
			assert.equal((await call(manifests, storage, "PUT", "app", "idx", { body: index, headers: { "Content-Type": MediaType.ImageIndex } })).status, 201);
			await assert.rejects(call(manifests, storage, "GET", "app", sha256(LAYER)), httpCode(404, "MANIFEST_UNKNOWN"));
		} finally {
			await storage.close();
		}
	});

	it("DELETE by tag drops the tag only; by digest the manifest and its tags", async () => {
		const storage = await storageWithBlobs();
		try {
			const digest = sha256(manifestOf());
			await call(manifests, storage, "PUT", "app", "a", { body: manifestOf(), headers: PUT_HEADERS });
			await call(manifests, storage, "PUT", "app", "b", { body: manifestOf(), headers: PUT_HEADERS });
			assert.equal((await call(manifests, storage, "DELETE", "app", "a")).status, 202);
			await assert.rejects(call(manifests, storage, "DELETE", "app", "a"), httpCode(404, "MANIFEST_UNKNOWN"));
			assert.equal((await call(manifests, storage, "GET", "app", digest)).status, 200);
			assert.equal((await call(manifests, storage, "DELETE", "app", digest)).status, 202);
			await assert.rejects(call(manifests, storage, "GET", "app", "b"), httpCode(404, "MANIFEST_UNKNOWN"));
			await assert.rejects(call(manifests, storage, "DELETE", "app", digest), httpCode(404, "MANIFEST_UNKNOWN"));
			assert.deepEqual(JSON.parse((await call(tags, storage, "GET", "app", "")).body.toString()).tags, []);
			// blobs stay (no garbage collection on delete, as distribution)
			assert.equal((await stat(join(storage.root, "app", "blobs", "sha256", LAYER_DESC.digest.slice(7)))).size, LAYER.length);
		} finally {
			await storage.close();
		}
	});

	it("blobs: ranges, HEAD, DELETE; unknown repository or blob is BLOB_UNKNOWN", async () => {
		const storage = await storageWithBlobs();
		try {
			const part = await call(blobs, storage, "GET", "app", LAYER_DESC.digest, { headers: { Range: "bytes=2-4" } });
			assert.equal(part.status, 206);
			assert.equal(part.body.toString(), "234");
			assert.equal(part.headers["content-range"], "bytes 2-4/10");
			const head = await call(blobs, storage, "HEAD", "app", LAYER_DESC.digest);
			assert.equal(head.headers["content-length"], 10);
			assert.equal(head.body.length, 0);
			await assert.rejects(call(blobs, storage, "GET", "nope", LAYER_DESC.digest), httpCode(404, "BLOB_UNKNOWN"));
			await assert.rejects(call(blobs, storage, "GET", "app", "sha256:zz"), httpCode(400, "DIGEST_INVALID"));
			assert.equal((await call(blobs, storage, "DELETE", "app", LAYER_DESC.digest)).status, 202);
			await assert.rejects(call(blobs, storage, "GET", "app", LAYER_DESC.digest), httpCode(404, "BLOB_UNKNOWN"));
			await assert.rejects(call(blobs, storage, "DELETE", "app", LAYER_DESC.digest), httpCode(404, "BLOB_UNKNOWN"));
		} finally {
			await storage.close();
		}
	});

	it("referrers come from the predecessor graph, with artifactType filtering, including referrers the CLI wrote", async () => {
		const storage = await storageWithBlobs();
		try {
			const subject = descriptorFromBytes(MediaType.ImageManifest, Buffer.from(manifestOf()));
			await call(manifests, storage, "PUT", "app", "v1", { body: manifestOf(), headers: PUT_HEADERS });
			const sig = manifestOf({ artifactType: "application/vnd.sig", subject, annotations: { by: "serve" } });
			assert.equal((await call(manifests, storage, "PUT", "app", sha256(sig), { body: sig, headers: PUT_HEADERS })).headers["oci-subject"], subject.digest);
			const cli = await OciLayoutStore.open(join(storage.root, "app"));
			const sbom = Buffer.from(manifestOf({ artifactType: "application/vnd.sbom", subject }));
			await cli.push(descriptorFromBytes(MediaType.ImageManifest, sbom), Readable.from([sbom]));

			const all = JSON.parse((await call(referrers, storage, "GET", "app", subject.digest)).body.toString()) as { manifests: { artifactType: string; annotations?: Record<string, string> }[] };
			assert.deepEqual(all.manifests.map((m) => m.artifactType).sort(), ["application/vnd.sbom", "application/vnd.sig"]);
			assert.deepEqual(all.manifests.find((m) => m.artifactType === "application/vnd.sig")?.annotations, { by: "serve" });
			const filtered = await call(referrers, storage, "GET", "app", subject.digest, { query: "?artifactType=application/vnd.sbom" });
			assert.equal(filtered.headers["oci-filters-applied"], "artifactType");
			assert.deepEqual((JSON.parse(filtered.body.toString()) as { manifests: unknown[] }).manifests.length, 1);
			const none = JSON.parse((await call(referrers, storage, "GET", "nope", subject.digest)).body.toString()) as { manifests: unknown[] };
			assert.deepEqual(none.manifests, []);
		} finally {
			await storage.close();
		}
	});

	it("a repository whose index.json has an entry that is not a descriptor is refused whole and never rewritten", async () => {
		const storage = await storageWithBlobs();
		try {
			const file = join(storage.root, "app", "index.json");
			const bad = '{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"nope","size":1}]}';
			await writeFile(file, bad);
			await assert.rejects(call(tags, storage, "GET", "app", ""), (e) => hasCode(e, "INVALID_MANIFEST"));
			await assert.rejects(call(manifests, storage, "PUT", "app", "v1", { body: manifestOf(), headers: PUT_HEADERS }), (e) => hasCode(e, "INVALID_MANIFEST"));
			assert.equal(await readFile(file, "utf8"), bad);
		} finally {
			await storage.close();
		}
	});
});
