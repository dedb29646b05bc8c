import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import * as tar from "tar";
import { readAllVerified } from "../../../src/content/verify.js";
import {
	OciLayoutStore,
	openOciLayout,
	ReadOnlyOciLayout,
	writeOciLayoutTar,
} from "../../../src/content/oci-layout/index.js";
import { hasCode } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import type { Digest } from "../../../src/oci/digest.js";
import { encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;

const HI = Buffer.from("hello world\n");
const HI_DESC: Descriptor = {
	mediaType: MediaType.ImageLayer,
	digest: "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447" as Digest,
	size: 12,
	annotations: { "org.opencontainers.image.title": "hi.txt" },
};
const EMPTY = Buffer.from("{}");
const EMPTY_DESC: Descriptor = {
	mediaType: MediaType.Empty,
	digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" as Digest,
	size: 2,
	data: "e30=",
};
const V4 = Buffer.from(
	'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.unknown.artifact.v1","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447","size":12,"annotations":{"org.opencontainers.image.title":"hi.txt"}}],"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}',
);
const V4_DESC: Descriptor = {
	mediaType: MediaType.ImageManifest,
	digest: "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c" as Digest,
	size: 585,
	annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
	artifactType: "application/vnd.unknown.artifact.v1",
};

let root: string;
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-layout-test-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});
const fresh = () => join(root, `l${n++}`);

async function readAll(r: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of r) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

async function pushVector4(store: OciLayoutStore): Promise<void> {
	await store.push(HI_DESC, Readable.from([HI]));
	await store.push(EMPTY_DESC, Readable.from([EMPTY]));
	await store.push(V4_DESC, Readable.from([V4]));
}

/** A referrer of the one-file artifact (attach-like), with its own blob layer. */
function referrerOf(subject: Descriptor, body: string): { manifest: Buffer; desc: Descriptor; layer: Buffer; layerDesc: Descriptor } {
	const layer = Buffer.from(body);
	const layerDesc = descriptorFromBytes("application/vnd.test.layer", layer);
	const manifest = Buffer.from(
		encodeManifest({
			schemaVersion: 2,
			mediaType: MediaType.ImageManifest,
			artifactType: "application/vnd.example.sbom",
			config: EMPTY_DESC,
			layers: [layerDesc],
			subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
		}),
	);
	return { manifest, desc: { ...descriptorFromBytes(MediaType.ImageManifest, manifest), artifactType: "application/vnd.example.sbom" }, layer, layerDesc };
}

describe("OciLayoutStore", () => {
	it("creates oci-layout and an empty index.json byte-exact", async () => {
		const dir = fresh();
		await OciLayoutStore.open(dir);
		const layout = await readFile(join(dir, "oci-layout"));
		assert.equal(layout.toString(), '{"imageLayoutVersion":"1.0.0"}');
		assert.equal(layout.length, 30);
		assert.equal(sha256(layout), "sha256:18f0797eab35a4597c1e9624aa4f15fd91f6254e5538c1e0d193b2a95dd4acc6");
		const index = await readFile(join(dir, "index.json"));
		assert.equal(index.length, 88);
		assert.equal(sha256(index), "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
	});

	it("writes index.json byte-exact after push + tag", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await pushVector4(store);
		await store.tag(V4_DESC, "v1");
		const index = await readFile(join(dir, "index.json"));
		assert.equal(index.length, 408);
		assert.equal(sha256(index), "sha256:dc273d0505ffc5b56edc33dbc2e933a78c75bce5130f763b9442fdc03dbdce48");
		// blobs are read-only files in blobs/<alg>/<hex>, ingest is empty
		const st = await stat(join(dir, "blobs", "sha256", V4_DESC.digest.slice(7)));
		assert.equal(st.mode & 0o777, 0o444);
		assert.deepEqual(await readdir(join(dir, "ingest")), []);
	});

	it("refuses another layout version", async () => {
		const dir = fresh();
		await mkdir(dir);
		await writeFile(join(dir, "oci-layout"), '{"imageLayoutVersion":"2.0.0"}');
		await assert.rejects(OciLayoutStore.open(dir), (e) => hasCode(e, "UNSUPPORTED") && /unsupported OCI layout version/.test((e as Error).message));
	});

	it("pushes, fetches, resolves and reloads", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await pushVector4(store);
		assert.equal(await store.exists(HI_DESC), true);
		assert.deepEqual(await readAll(await store.fetch(HI_DESC)), HI);
		// a duplicate push succeeds and changes nothing
		await store.push(HI_DESC, Readable.from([HI]));
		// untagged manifest: one entry by digest, with the pushed descriptor's fields
		assert.deepEqual(store.indexEntries(), [V4_DESC]);
		assert.deepEqual(await store.resolve(V4_DESC.digest), { mediaType: V4_DESC.mediaType, digest: V4_DESC.digest, size: 585 });
		// a blob not in the index resolves as octet-stream
		assert.deepEqual(await store.resolve(HI_DESC.digest), { mediaType: "application/octet-stream", digest: HI_DESC.digest, size: 12 });
		await assert.rejects(store.resolve("nope"), (e) => hasCode(e, "NOT_FOUND"));
		await store.tag(V4_DESC, "v1");
		await store.tag(V4_DESC, "latest");
		assert.deepEqual((await store.resolve("v1")).digest, V4_DESC.digest);
		const reopened = await OciLayoutStore.open(dir);
		const r = await reopened.resolve("latest");
		assert.equal(r.digest, V4_DESC.digest);
		assert.equal(r.artifactType, V4_DESC.artifactType);
		assert.equal(r.annotations?.["org.opencontainers.image.ref.name"], "latest");
		const tags: string[] = [];
		for await (const t of reopened.tags()) tags.push(t);
		assert.deepEqual(tags, ["latest", "v1"]);
		const after: string[] = [];
		for await (const t of reopened.tags({ last: "latest" })) after.push(t);
		assert.deepEqual(after, ["v1"]);
		// predecessors come from the graph built on load
		assert.deepEqual(
			(await reopened.predecessors(HI_DESC)).map((d) => d.digest),
			[V4_DESC.digest],
		);
	});

	it("rejects bad content and leaves no temp files", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await assert.rejects(store.push(HI_DESC, Readable.from([Buffer.from("hello WORLD\n")])), (e) => hasCode(e, "DIGEST_MISMATCH"));
		await assert.rejects(store.push(HI_DESC, Readable.from([Buffer.from("hello world\n!")])), (e) => hasCode(e, "TRAILING_DATA"));
		await assert.rejects(store.push(HI_DESC, Readable.from([Buffer.from("hello")])), (e) => hasCode(e, "UNEXPECTED_EOF"));
		assert.equal(await store.exists(HI_DESC), false);
		assert.deepEqual(await readdir(join(dir, "ingest")), []);
		// a manifest that does not parse is refused before it is committed
		const junk = Buffer.from('{"schemaVersion":3}');
		const junkDesc = descriptorFromBytes(MediaType.ImageManifest, junk);
		await assert.rejects(store.push(junkDesc, Readable.from([junk])), (e) => hasCode(e, "INVALID_MANIFEST"));
		assert.equal(await store.exists(junkDesc), false);
		await assert.rejects(store.fetch(HI_DESC), (e) => hasCode(e, "NOT_FOUND"));
	});

	it("pushes different blobs concurrently and serializes index writes", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		const blobs = Array.from({ length: 20 }, (_, i) => Buffer.from(`blob ${i}`));
		const manifests = blobs.map((b, i) => {
			const layer = descriptorFromBytes("application/vnd.test", b);
			const m = Buffer.from(encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: EMPTY_DESC, layers: [layer], annotations: { i: String(i) } }));
			return { layer, b, m, desc: descriptorFromBytes(MediaType.ImageManifest, m) };
		});
		await Promise.all(manifests.map((x) => store.push(x.layer, Readable.from([x.b]))));
		await Promise.all(manifests.map((x) => store.push(x.desc, Readable.from([x.m]))));
		await Promise.all(manifests.map((x, i) => store.tag(x.desc, `t${i}`)));
		const reopened = await OciLayoutStore.open(dir);
		for (const [i, x] of manifests.entries()) assert.equal((await reopened.resolve(`t${i}`)).digest, x.desc.digest);
		const index = JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as { manifests: unknown[] };
		assert.equal(index.manifests.length, 20);
		assert.deepEqual(await readdir(join(dir, "ingest")), []);
	});

	it("deletes content, referrers and dangling untagged successors", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await pushVector4(store);
		await store.tag(V4_DESC, "v1");
		const ref = referrerOf(V4_DESC, "sbom");
		await store.push(ref.layerDesc, Readable.from([ref.layer]));
		await store.push(ref.desc, Readable.from([ref.manifest]));
		assert.deepEqual(
			(await store.predecessors(V4_DESC)).map((d) => d.digest),
			[ref.desc.digest],
		);
		// deleting the tagged manifest cascades to its referrer and to blobs only they used
		await store.delete(V4_DESC);
		for (const d of [V4_DESC, ref.desc, ref.layerDesc, HI_DESC, EMPTY_DESC]) assert.equal(await store.exists(d), false, d.digest);
		assert.deepEqual(store.indexEntries(), []);
		const index = await readFile(join(dir, "index.json"));
		assert.equal(sha256(index), "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
		await assert.rejects(store.delete(V4_DESC), (e) => hasCode(e, "NOT_FOUND"));
	});

	it("keeps blobs shared with another manifest on delete", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await pushVector4(store);
		const other = Buffer.from(encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: EMPTY_DESC, layers: [HI_DESC], annotations: { x: "y" } }));
		const otherDesc = descriptorFromBytes(MediaType.ImageManifest, other);
		await store.push(otherDesc, Readable.from([other]));
		await store.tag(otherDesc, "other");
		await store.delete(V4_DESC);
		assert.equal(await store.exists(V4_DESC), false);
		assert.equal(await store.exists(HI_DESC), true);
		assert.equal(await store.exists(EMPTY_DESC), true);
		assert.deepEqual(
			store.indexEntries().map((d) => d.digest),
			[otherDesc.digest],
		);
	});

	it("tagging unknown content is NOT_FOUND", async () => {
		const store = await OciLayoutStore.open(fresh());
		await assert.rejects(store.tag(V4_DESC, "v1"), (e) => hasCode(e, "NOT_FOUND"));
	});
});

describe("read-only layouts", () => {
	it("serves a layout directory and its tar archive without extracting", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		await pushVector4(store);
		await store.tag(V4_DESC, "v1");
		const ref = referrerOf(V4_DESC, "sig");
		await store.push(ref.layerDesc, Readable.from([ref.layer]));
		await store.push(ref.desc, Readable.from([ref.manifest]));

		// a tar made by another tool, with ./ prefixes, like `tar -cf x.tar -C dir .`
		const tarFile = join(root, `ext${n++}.tar`);
		await tar.create({ file: tarFile, cwd: dir, portable: true }, ["./oci-layout", "./index.json", "./blobs"]);
		// our own writer (backup)
		const ourTar = join(root, `own${n++}.tar`);
		const { size } = await writeOciLayoutTar(dir, ourTar);
		assert.equal((await stat(ourTar)).size, size);
		const listed: string[] = [];
		await tar.list({ file: ourTar, onReadEntry: (e) => listed.push(e.path) });
		assert.ok(listed.includes("oci-layout") && listed.includes("index.json") && listed.includes(`blobs/sha256/${HI_DESC.digest.slice(7)}`));
		assert.ok(!listed.some((p) => p.startsWith("ingest")));

		for (const src of [dir, tarFile, ourTar]) {
			const ro = await openOciLayout(src, { readOnly: true });
			assert.ok(ro instanceof ReadOnlyOciLayout);
			const d = await ro.resolve("v1");
			assert.equal(d.digest, V4_DESC.digest);
			assert.deepEqual(await readAllVerified(await ro.fetch(d), d), V4);
			assert.deepEqual(await readAll(await ro.fetch(HI_DESC)), HI);
			assert.equal(await ro.exists(HI_DESC), true);
			assert.equal(await ro.exists({ ...HI_DESC, digest: sha256("x") as Digest }), false);
			assert.deepEqual(
				(await ro.predecessors(V4_DESC)).map((x) => x.digest),
				[ref.desc.digest],
			);
			const tags: string[] = [];
			for await (const t of ro.tags()) tags.push(t);
			assert.deepEqual(tags, ["v1"]);
			assert.deepEqual((await ro.resolve(ref.desc.digest)).digest, ref.desc.digest);
			await ro.close();
		}
		// a tar is read only; a missing read-only layout is NOT_FOUND
		await assert.rejects(openOciLayout(tarFile), (e) => hasCode(e, "UNSUPPORTED"));
		await assert.rejects(openOciLayout(join(root, "missing"), { readOnly: true }), (e) => hasCode(e, "NOT_FOUND"));
		// read-only opening wrote nothing
		assert.deepEqual((await readdir(dir)).sort(), ["blobs", "index.json", "ingest", "oci-layout"]);
	});

	it("reads long member names (PAX) from a tar", async () => {
		const dir = fresh();
		const store = await OciLayoutStore.open(dir);
		const big = Buffer.alloc(70_000, 7);
		// a sha512 blob path is 141 bytes: too long for ustar, so the archive needs PAX records
		const bigDesc: Descriptor = {
			mediaType: "application/octet-stream",
			digest: `sha512:${createHash("sha512").update(big).digest("hex")}` as Digest,
			size: big.length,
		};
		await store.push(bigDesc, Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
		const tarFile = join(root, `pax${n++}.tar`);
		await writeOciLayoutTar(dir, tarFile);
		const listed: string[] = [];
		await tar.list({ file: tarFile, onReadEntry: (e) => listed.push(e.path) });
		assert.ok(listed.includes(`blobs/sha512/${bigDesc.digest.slice(7)}`));
		const ro = await openOciLayout(tarFile, { readOnly: true });
		assert.deepEqual(await readAllVerified(await ro.fetch(bigDesc), bigDesc, 1 << 20), big);
		assert.deepEqual(await ro.resolve(bigDesc.digest), { mediaType: "application/octet-stream", digest: bigDesc.digest, size: big.length });
	});
});
