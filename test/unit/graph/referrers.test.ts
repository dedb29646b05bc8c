import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { renderTree } from "../../../src/cli/commands/discover.js";
import { fetchedModelJSON } from "../../../src/cli/commands/manifest.js";
import { TreeNode, yamlPair, yamlScalar } from "../../../src/cli/display/tree.js";
import { MemoryStore } from "../../../src/content/memory.js";
import { OciLayoutStore } from "../../../src/content/oci-layout/index.js";
import type { Target } from "../../../src/content/storage.js";
import { hasCode } from "../../../src/errors.js";
import { attach } from "../../../src/graph/attach.js";
import { packIndex, packManifest } from "../../../src/graph/pack.js";
import { referrers, walkReferrers } from "../../../src/graph/referrers.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { applyReferrerChanges, encodeReferrersIndex, referrerEntryOf } from "../../../src/registry/referrers.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const HI = descriptorFromBytes(MediaType.ImageLayer, new TextEncoder().encode("hello world\n"), {
	annotations: { "org.opencontainers.image.title": "hi.txt" },
});

function vector4() {
	return packManifest({ artifactType: MediaType.UnknownArtifact, layers: [HI], annotations: CREATED });
}

async function pushBytes(store: Target, desc: Descriptor, bytes: Uint8Array): Promise<void> {
	await store.push(desc, Readable.from([Buffer.from(bytes)]));
}

/** Pushes the one-file artifact oras push makes (with its blobs) and tags it v1. */
async function seed(store: Target): Promise<Descriptor> {
	const v4 = vector4();
	await pushBytes(store, HI, new TextEncoder().encode("hello world\n"));
	for (const b of v4.blobsToPush) await pushBytes(store, b.desc, b.bytes);
	await pushBytes(store, v4.desc, v4.manifestBytes);
	const plain = { mediaType: v4.desc.mediaType, digest: v4.desc.digest, size: v4.desc.size };
	await store.tag(plain, "v1");
	return plain;
}

describe("referrers: vectors 8 and 9", () => {
	it("packs the attach manifest oras writes (691 bytes)", () => {
		const v4 = vector4();
		assert.equal(v4.desc.digest, "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c");
		const subject = { mediaType: v4.desc.mediaType, digest: v4.desc.digest, size: v4.desc.size };
		const p = packManifest({ artifactType: "application/vnd.example.sbom", subject, annotations: CREATED });
		assert.equal(p.desc.size, 691);
		assert.equal(p.desc.digest, "sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855");
		assert.match(text(p.manifestBytes), /"layers":\[[^\]]*\],"subject":\{"mediaType":"application\/vnd\.oci\.image\.manifest\.v1\+json","digest":"sha256:97942c6a[0-9a-f]+","size":585\},"annotations"/);
	});

	it("builds the referrers index oras writes (360 bytes)", () => {
		const v4 = vector4();
		const subject = { mediaType: v4.desc.mediaType, digest: v4.desc.digest, size: v4.desc.size };
		const p = packManifest({ artifactType: "application/vnd.example.sbom", subject, annotations: CREATED });
		const found = referrerEntryOf({ mediaType: p.desc.mediaType, digest: p.desc.digest, size: p.desc.size }, p.manifestBytes);
		assert.ok(found);
		assert.deepEqual(found.subject, subject);
		const updated = applyReferrerChanges([], [{ referrer: found.entry, operation: "add" }]);
		assert.ok(updated);
		const idx = encodeReferrersIndex(updated);
		assert.equal(idx.desc.size, 360);
		assert.equal(idx.desc.digest, "sha256:e147e242444a99ab826b49339c3f20e9e147bd6b3aeadbd33d41e13d8646de9e");
		assert.equal(
			text(idx.bytes),
			'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855","size":691,"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"},"artifactType":"application/vnd.example.sbom"}]}',
		);
		// Removing the last referrer gives the empty index.
		const empty = applyReferrerChanges(updated, [{ referrer: found.entry, operation: "remove" }]);
		assert.deepEqual(empty, []);
		const e = encodeReferrersIndex(empty ?? []);
		assert.equal(e.desc.size, 88);
		assert.equal(e.desc.digest, "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
	});

	it("has no entry for a manifest without subject", () => {
		const v4 = vector4();
		assert.equal(referrerEntryOf(v4.desc, v4.manifestBytes), undefined);
		assert.equal(referrerEntryOf({ ...v4.desc, mediaType: MediaType.DockerManifest }, v4.manifestBytes), undefined);
	});
});

describe("applyReferrerChanges", () => {
	const d = (n: number, extra: Partial<Descriptor> = {}): Descriptor => ({ ...descriptorFromBytes(MediaType.ImageManifest, new Uint8Array([n])), ...extra });

	it("adds new entries at the end and ignores adds of present ones", () => {
		assert.deepEqual(applyReferrerChanges([d(1)], [{ referrer: d(2), operation: "add" }]), [d(1), d(2)]);
		assert.equal(applyReferrerChanges([d(1), d(2)], [{ referrer: d(1, { artifactType: "x/y" }), operation: "add" }]), undefined);
	});

	it("removes by mediaType+digest+size, ignoring annotations", () => {
		assert.deepEqual(applyReferrerChanges([d(1, { annotations: { a: "b" } }), d(2)], [{ referrer: d(1), operation: "remove" }]), [d(2)]);
		assert.equal(applyReferrerChanges([d(1)], [{ referrer: d(3), operation: "remove" }]), undefined);
	});

	it("drops bad and duplicate entries (an update even without changes)", () => {
		assert.deepEqual(applyReferrerChanges([d(1), undefined, d(1)], []), [d(1)]);
		assert.deepEqual(applyReferrerChanges([d(1), d(1)], [{ referrer: d(1), operation: "remove" }]), []);
	});

	it("sees add then remove of the same entry as no change", () => {
		assert.equal(
			applyReferrerChanges(
				[d(1)],
				[
					{ referrer: d(2), operation: "add" },
					{ referrer: d(2), operation: "remove" },
				],
			),
			undefined,
		);
	});
});

async function graphScenario(store: Target): Promise<void> {
	const subject = await seed(store);
	const sbom = await attach(store, "v1", store, { artifactType: "application/vnd.example.sbom", annotations: CREATED });
	const sig = await attach(store, subject, store, { artifactType: "application/vnd.example.sig", annotations: { ...CREATED, k: "v" } });
	const nested = await attach(store, sbom.root.digest, store, { artifactType: "application/vnd.example.sig", annotations: CREATED });
	assert.equal(sbom.root.digest, "sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855");
	assert.equal(nested.subject.digest, sbom.root.digest);

	const all = await referrers(store, subject);
	assert.deepEqual(all.map((r) => r.digest).sort(), [sbom.root.digest, sig.root.digest].sort());
	const sbomEntry = all.find((r) => r.digest === sbom.root.digest);
	assert.deepEqual(sbomEntry, { mediaType: MediaType.ImageManifest, digest: sbom.root.digest, size: 691, annotations: CREATED, artifactType: "application/vnd.example.sbom" });
	assert.deepEqual(
		(await referrers(store, subject, { artifactType: "application/vnd.example.sig" })).map((r) => r.digest),
		[sig.root.digest],
	);
	// The subject must match exactly (a different media type is another node).
	assert.deepEqual(await referrers(store, { ...subject, mediaType: MediaType.ImageIndex }), []);

	const tree = await walkReferrers(store, subject);
	const sbomNode = tree.referrers.find((n) => n.descriptor.digest === sbom.root.digest);
	assert.deepEqual(
		sbomNode?.referrers.map((n) => n.descriptor.digest),
		[nested.root.digest],
	);
	const shallow = await walkReferrers(store, subject, { depth: 1 });
	assert.ok(shallow.referrers.every((n) => n.referrers.length === 0));
	const sigs = await walkReferrers(store, subject, { artifactType: "application/vnd.example.sig" });
	assert.deepEqual(
		sigs.referrers.map((n) => n.descriptor.digest),
		[sig.root.digest],
	);
	// An index can refer too.
	const idx = packIndex([], { artifactType: "application/vnd.example.list", subject });
	await pushBytes(store, idx.desc, idx.indexBytes);
	const lists = await referrers(store, subject, { artifactType: "application/vnd.example.list" });
	assert.deepEqual(
		lists.map((r) => r.digest),
		[idx.desc.digest],
	);
	await assert.rejects(referrers(store, HI), (e: unknown) => hasCode(e, "UNSUPPORTED"));
}

describe("referrers on graph stores", () => {
	it("memory store: attach, filter, nested walk, depth", async () => {
		await graphScenario(new MemoryStore());
	});

	it("OCI layout: attach, filter, nested walk, depth; index.json lists the referrers untagged", async () => {
		const dir = await mkdtemp(join(tmpdir(), "oras-ts-referrers-"));
		try {
			const store = await OciLayoutStore.open(dir);
			await graphScenario(store);
			const index = JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as { manifests: Descriptor[] };
			assert.ok(index.manifests.some((m) => m.digest === "sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855"));
			// Reopened, the graph is rebuilt from index.json.
			const again = await OciLayoutStore.open(dir);
			const subject = await again.resolve("v1");
			assert.equal((await referrers(again, { mediaType: subject.mediaType, digest: subject.digest, size: subject.size })).length, 3);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe("discover display", () => {
	it("prints the tree with glyphs, types, digests and YAML annotations", () => {
		const root = { mediaType: MediaType.ImageManifest, digest: digestOf("root"), size: 1 };
		const a = { mediaType: MediaType.ImageManifest, digest: digestOf("a"), size: 1, artifactType: "sbom/example", annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" } };
		const b = { mediaType: MediaType.ImageManifest, digest: digestOf("b"), size: 1, artifactType: "sig/example" };
		const c = { mediaType: MediaType.ImageManifest, digest: digestOf("c"), size: 1 };
		const out = renderTree(
			"localhost:5000/hello",
			{
				descriptor: root,
				referrers: [
					{ descriptor: a, referrers: [{ descriptor: b, referrers: [] }] },
					{ descriptor: c, referrers: [] },
				],
			},
			true,
			false,
		);
		assert.equal(
			out,
			[
				`localhost:5000/hello@${root.digest}`,
				"├── sbom/example",
				`│   └── ${a.digest}`,
				"│       ├── [annotations]",
				'│       │   └── org.opencontainers.image.created: "2024-01-01T00:00:00Z"',
				"│       └── sig/example",
				`│           └── ${b.digest}`,
				"└── <unknown>",
				`    └── ${c.digest}`,
				"",
			].join("\n"),
		);
		assert.doesNotMatch(renderTree("r", { descriptor: root, referrers: [{ descriptor: a, referrers: [] }] }, false, false), /annotations/);
	});

	it("groups referrers of one type under one node", () => {
		const t = new TreeNode("root");
		t.addPath("type", "d1");
		t.addPath("type", "d2");
		assert.equal(t.render(), "root\n└── type\n    ├── d1\n    └── d2\n");
	});

	it("quotes YAML scalars where YAML needs it", () => {
		assert.equal(yamlScalar("hello"), "hello");
		assert.equal(yamlScalar("2024-01-01T00:00:00Z"), '"2024-01-01T00:00:00Z"');
		assert.equal(yamlScalar("true"), '"true"');
		assert.equal(yamlScalar("yes"), '"yes"');
		assert.equal(yamlScalar("123"), '"123"');
		assert.equal(yamlScalar("1.5"), '"1.5"');
		assert.equal(yamlScalar(""), '""');
		assert.equal(yamlScalar("a: b"), "'a: b'");
		assert.equal(yamlScalar("*x"), "'*x'");
		assert.equal(yamlScalar("it's"), "it's");
		assert.equal(yamlScalar(" lead"), "' lead'");
		assert.equal(yamlScalar("a\nb"), '"a\\nb"');
		assert.equal(yamlPair("org.example", "sha256:abc"), "org.example: sha256:abc");
	});

	it("encodes manifest fetch JSON with sorted content keys and Go escaping", () => {
		const raw = new TextEncoder().encode('{"schemaVersion":2,"b":1e3,"a":"<x>","mediaType":"m"}');
		const desc = descriptorFromBytes("m", raw);
		const out = fetchedModelJSON("r/x", desc, raw);
		assert.equal(
			out,
			`{\n  "reference": "r/x@${desc.digest}",\n  "mediaType": "m",\n  "digest": "${desc.digest}",\n  "size": ${raw.length},\n  "content": {\n    "a": "\\u003cx\\u003e",\n    "b": 1000,\n    "mediaType": "m",\n    "schemaVersion": 2\n  }\n}\n`,
		);
		assert.match(fetchedModelJSON("r/x", desc, new TextEncoder().encode("[1]")), /"content": null/);
	});
});
