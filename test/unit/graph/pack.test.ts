import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode, type OrasErrorCode } from "../../../src/errors.js";
import {
	choosePushSpec,
	ensureCreatedAnnotation,
	formatCreated,
	isRFC3339,
	type PackManifestOptions,
	packIndex,
	packManifest,
} from "../../../src/graph/pack.js";
import { type Descriptor, descriptorFromBytes, EMPTY_JSON_DESCRIPTOR, plainDescriptor } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { encodePlatform } from "../../../src/oci/json.js";
import { parseManifest } from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };
const HI = descriptorFromBytes(MediaType.ImageLayer, new TextEncoder().encode("hello world\n"), {
	annotations: { "org.opencontainers.image.title": "hi.txt" },
});
const VECTOR4 =
	'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.unknown.artifact.v1","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447","size":12,"annotations":{"org.opencontainers.image.title":"hi.txt"}}],"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}';

function fails(opts: PackManifestOptions, code: OrasErrorCode, message: RegExp): void {
	assert.throws(
		() => packManifest(opts),
		(e: unknown) => hasCode(e, code) && message.test(`${(e as Error).message} (${(e as { hint?: string }).hint ?? ""})`),
	);
}

function checkDesc(p: ReturnType<typeof packManifest>): void {
	assert.equal(p.desc.size, p.manifestBytes.byteLength);
	assert.equal(p.desc.digest, digestOf(p.manifestBytes));
	// The bytes are a valid manifest that parses back to the packed structure.
	const back = parseManifest(p.manifestBytes, MediaType.ImageManifest);
	assert.equal(back.kind, "manifest");
}

describe("packManifest: test vectors", () => {
	it("v1.1 with one file", () => {
		const p = packManifest({ artifactType: MediaType.UnknownArtifact, layers: [HI], annotations: CREATED });
		assert.equal(text(p.manifestBytes), VECTOR4);
		assert.equal(p.desc.size, 585);
		assert.equal(p.desc.digest, "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c");
		assert.deepEqual(p.desc, {
			mediaType: MediaType.ImageManifest,
			digest: "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c",
			size: 585,
			annotations: CREATED,
			artifactType: MediaType.UnknownArtifact,
		});
		assert.deepEqual(
			p.blobsToPush.map((b) => [b.desc.digest, text(b.bytes)]),
			[[EMPTY_JSON_DESCRIPTOR.digest, "{}"]],
		);
		checkDesc(p);
	});

	it("v1.1 without files uses the empty-JSON layer", () => {
		const p = packManifest({ artifactType: MediaType.UnknownArtifact, annotations: CREATED });
		assert.equal(p.desc.size, 535);
		assert.equal(p.desc.digest, "sha256:4543e784b17a9a8368d80c910b2e8b974869af9fc5e419d124a1d2f74c11e5e4");
		assert.deepEqual(p.manifest.layers, [EMPTY_JSON_DESCRIPTOR]);
		assert.match(text(p.manifestBytes), /"layers":\[\{"mediaType":"application\/vnd.oci.empty.v1\+json","digest":"sha256:44136fa3[0-9a-f]+","size":2,"data":"e30="\}\]/);
		assert.equal(p.blobsToPush.length, 1, "the {} blob is pushed once");
		checkDesc(p);
	});

	it("v1.0 with one file", () => {
		const p = packManifest({ version: "v1.0", layers: [HI], annotations: CREATED });
		assert.equal(p.desc.size, 523);
		assert.equal(p.desc.digest, "sha256:3c31d612de5cfd7c88e885b61397a574ef055234a21386af36ee7db5b21648a1");
		assert.equal(p.desc.artifactType, MediaType.UnknownConfig);
		assert.ok(!text(p.manifestBytes).includes('"artifactType"'));
		assert.ok(text(p.manifestBytes).includes(`"config":{"mediaType":"application/vnd.unknown.config.v1+json","digest":"${EMPTY_JSON_DESCRIPTOR.digest}","size":2}`));
		assert.deepEqual(
			p.blobsToPush.map((b) => [b.desc.mediaType, b.desc.digest, text(b.bytes)]),
			[[MediaType.UnknownConfig, EMPTY_JSON_DESCRIPTOR.digest, "{}"]],
		);
		checkDesc(p);
	});

	it("attach with subject, and its referrers index", () => {
		const v4 = packManifest({ artifactType: MediaType.UnknownArtifact, layers: [HI], annotations: CREATED });
		const p = packManifest({ artifactType: "application/vnd.example.sbom", annotations: CREATED, subject: plainDescriptor(v4.desc) });
		assert.equal(p.desc.size, 691);
		assert.equal(p.desc.digest, "sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855");
		assert.match(
			text(p.manifestBytes),
			/"layers":\[[^\]]*\],"subject":\{"mediaType":"application\/vnd.oci.image.manifest.v1\+json","digest":"sha256:97942c6a[0-9a-f]+","size":585\},"annotations":/,
		);
		checkDesc(p);

		const idx = packIndex([p.desc]);
		assert.equal(
			text(idx.indexBytes),
			'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:44c4300e9ba7f2a4c49887393414760b8c764a37ef5bf07761c54f41c3f9e855","size":691,"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"},"artifactType":"application/vnd.example.sbom"}]}',
		);
		assert.equal(idx.desc.size, 360);
		assert.equal(idx.desc.digest, "sha256:e147e242444a99ab826b49339c3f20e9e147bd6b3aeadbd33d41e13d8646de9e");
	});

	it("empty index", () => {
		const idx = packIndex([]);
		assert.equal(idx.desc.size, 88);
		assert.equal(idx.desc.digest, "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
		assert.deepEqual(idx.desc, { mediaType: MediaType.ImageIndex, digest: idx.desc.digest, size: 88 });
	});

	it("--artifact-platform config", () => {
		const cfgBytes = new TextEncoder().encode(encodePlatform({ architecture: "arm", os: "linux", variant: "v5" }));
		const config = descriptorFromBytes(MediaType.ImageConfig, cfgBytes);
		assert.equal(config.size, 50);
		assert.equal(config.digest, "sha256:40e2a22c94dd74a23fab453afa06ea30f1b51acb7d6c847fc640d83490d3c137");
		const p = packManifest({ artifactType: MediaType.UnknownArtifact, config, annotations: CREATED });
		assert.deepEqual(p.manifest.config, config);
		assert.deepEqual(p.manifest.layers, [EMPTY_JSON_DESCRIPTOR]);
		assert.deepEqual(
			p.blobsToPush.map((b) => b.desc.digest),
			[EMPTY_JSON_DESCRIPTOR.digest],
			"only the empty layer; the caller pushes its config",
		);
		const v10 = packManifest({ version: "v1.0", config, annotations: CREATED });
		assert.equal(v10.desc.artifactType, MediaType.ImageConfig);
		assert.deepEqual(v10.blobsToPush, []);
		assert.ok(text(v10.manifestBytes).includes('"layers":[]'));
	});
});

describe("packManifest: the rules of oras push (https://oras.land/docs/commands/oras_push)", () => {
	const clock = (): Date => new Date(Date.UTC(2025, 2, 4, 5, 6, 7, 890));

	it("created defaults to now in UTC whole seconds", () => {
		const p = packManifest({ artifactType: "a/b", now: clock });
		assert.deepEqual(p.manifest.annotations, { "org.opencontainers.image.created": "2025-03-04T05:06:07Z" });
		assert.deepEqual(p.desc.annotations, p.manifest.annotations);
		const q = packManifest({ artifactType: "a/b", now: clock, annotations: { x: "y" } });
		assert.deepEqual(q.manifest.annotations, { x: "y", "org.opencontainers.image.created": "2025-03-04T05:06:07Z" });
	});

	it("a supplied created must be RFC 3339", () => {
		fails({ artifactType: "a/b", annotations: { "org.opencontainers.image.created": "2024-01-01" } }, "INVALID_ARGUMENT", /invalid date and time format/);
		fails({ version: "v1.0", annotations: { "org.opencontainers.image.created": "yesterday" } }, "INVALID_ARGUMENT", /invalid date and time format/);
		const p = packManifest({ artifactType: "a/b", annotations: { "org.opencontainers.image.created": "2024-02-29T23:59:59.123+05:30" } });
		assert.equal(p.manifest.annotations?.["org.opencontainers.image.created"], "2024-02-29T23:59:59.123+05:30");
	});

	it("v1.1 needs an artifact type unless a typed config is given", () => {
		fails({}, "INVALID_ARGUMENT", /^missing artifact type \(\)$/);
		fails({ config: { ...EMPTY_JSON_DESCRIPTOR } }, "INVALID_ARGUMENT", /missing artifact type/);
		const cfg = descriptorFromBytes("application/vnd.example.config+json", new TextEncoder().encode("{}"));
		const p = packManifest({ config: cfg, annotations: CREATED });
		assert.equal(p.manifest.artifactType, undefined);
		assert.equal(p.desc.artifactType, undefined);
		assert.ok(!text(p.manifestBytes).includes("artifactType"));
	});

	it("artifact and config types must be RFC 6838", () => {
		for (const bad of ["nope", "a/", "/b", "a/b/c", "a b/c", `${"a".repeat(128)}/b`]) {
			// oras's words (`<type>: invalid media type`), then which type it was.
			fails({ artifactType: bad }, "INVALID_MEDIA_TYPE", /: invalid media type \(the artifact type must be/);
			fails({ version: "v1.0", artifactType: bad }, "INVALID_MEDIA_TYPE", /: invalid media type \(the artifact type must be/);
		}
		const cfg: Descriptor = { ...EMPTY_JSON_DESCRIPTOR, mediaType: "bad type" };
		fails({ artifactType: "a/b", config: cfg }, "INVALID_MEDIA_TYPE", /^bad type: invalid media type \(the config media type/);
		fails({ version: "v1.0", config: cfg }, "INVALID_MEDIA_TYPE", /^bad type: invalid media type \(the config media type/);
		assert.doesNotThrow(() => packManifest({ artifactType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip" }));
	});

	it("v1.0 refuses a subject; unknown versions are UNSUPPORTED", () => {
		fails({ version: "v1.0", subject: plainDescriptor(HI) }, "UNSUPPORTED", /subject/);
		fails({ version: "v2" as never, artifactType: "a/b" }, "UNSUPPORTED", /v2/);
	});

	it("config annotations go on the generated config, or replace a supplied config's", () => {
		const p = packManifest({ artifactType: "a/b", configAnnotations: { k: "v" }, annotations: CREATED });
		assert.deepEqual(p.manifest.config, { ...EMPTY_JSON_DESCRIPTOR, annotations: { k: "v" } });
		assert.deepEqual(p.manifest.layers, [EMPTY_JSON_DESCRIPTOR], "the empty layer has no annotations");
		const v10 = packManifest({ version: "v1.0", artifactType: "a/b", configAnnotations: { k: "v" }, annotations: CREATED });
		assert.deepEqual(v10.manifest.config, { mediaType: "a/b", digest: EMPTY_JSON_DESCRIPTOR.digest, size: 2, annotations: { k: "v" } });
		assert.equal(v10.desc.artifactType, "a/b");
		const cfg = descriptorFromBytes("c/d", new Uint8Array([1]), { annotations: { old: "1" } });
		assert.deepEqual(packManifest({ artifactType: "a/b", config: cfg, configAnnotations: { n: "2" } }).manifest.config.annotations, { n: "2" });
		assert.deepEqual(packManifest({ artifactType: "a/b", config: cfg }).manifest.config.annotations, { old: "1" });
	});

	it("does not mutate its inputs", () => {
		const annotations = { x: "y" };
		const layers = [HI];
		packManifest({ artifactType: "a/b", annotations, layers, now: clock });
		assert.deepEqual(annotations, { x: "y" });
		assert.deepEqual(layers, [HI]);
	});
});

describe("RFC 3339 and created helpers", () => {
	it("accepts what Go's time.Parse(RFC3339) accepts", () => {
		for (const ok of ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00,5Z", "2024-12-31T23:59:59-07:00", "2024-01-01T5:00:00Z", "2000-02-29T00:00:00Z"]) {
			assert.equal(isRFC3339(ok), true, ok);
		}
		for (const bad of [
			"",
			"2024-01-01",
			"2024-01-01 00:00:00Z",
			"2024-01-01t00:00:00z",
			"2024-13-01T00:00:00Z",
			"2024-02-30T00:00:00Z",
			"2023-02-29T00:00:00Z",
			"1900-02-29T00:00:00Z",
			"2024-01-01T24:00:00Z",
			"2024-01-01T00:60:00Z",
			"2024-01-01T00:00:60Z",
			"2024-01-01T00:00:00",
			"2024-01-01T00:00:00+0700",
			"2024-01-01T00:00:00+24:00",
			"24-01-01T00:00:00Z",
		]) {
			assert.equal(isRFC3339(bad), false, bad);
		}
	});

	it("formatCreated and ensureCreatedAnnotation", () => {
		assert.equal(formatCreated(new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999))), "1999-12-31T23:59:59Z");
		assert.throws(() => formatCreated(new Date(Number.NaN)), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
		const fixed = (): Date => new Date(0);
		assert.deepEqual(ensureCreatedAnnotation(undefined, fixed), { "org.opencontainers.image.created": "1970-01-01T00:00:00Z" });
		assert.deepEqual(ensureCreatedAnnotation(CREATED, fixed), CREATED);
	});
});

describe("choosePushSpec (--image-spec)", () => {
	it("defaults to v1.1 with the unknown artifact type", () => {
		assert.deepEqual(choosePushSpec({ hasConfig: false, hasArtifactPlatform: false }), { version: "v1.1", artifactType: MediaType.UnknownArtifact });
		assert.deepEqual(choosePushSpec({ hasConfig: false, hasArtifactPlatform: true }), { version: "v1.1", artifactType: MediaType.UnknownArtifact });
		assert.deepEqual(choosePushSpec({ hasConfig: false, hasArtifactPlatform: false, artifactType: "a/b" }), { version: "v1.1", artifactType: "a/b" });
	});

	it("--config without --artifact-type switches to v1.0 silently", () => {
		assert.deepEqual(choosePushSpec({ hasConfig: true, hasArtifactPlatform: false }), { version: "v1.0", artifactType: "" });
		assert.deepEqual(choosePushSpec({ hasConfig: true, hasArtifactPlatform: false, artifactType: "a/b" }), { version: "v1.1", artifactType: "a/b" });
	});

	it("errors", () => {
		assert.throws(
			() => choosePushSpec({ imageSpec: "v1.1", hasConfig: true, hasArtifactPlatform: false }),
			(e: unknown) => hasCode(e, "INVALID_ARGUMENT") && /^missing artifact type for OCI image-spec v1.1 artifacts$/.test((e as Error).message) && /--artifact-type/.test(String((e as { hint?: string }).hint)),
		);
		assert.throws(() => choosePushSpec({ hasConfig: true, hasArtifactPlatform: true, artifactType: "a/b" }), /--config, --artifact-platform cannot be used at the same time/);
		assert.throws(() => choosePushSpec({ imageSpec: "v1.0", hasConfig: true, hasArtifactPlatform: false, artifactType: "a/b" }), /--artifact-type and --config cannot both be provided for 1.0 OCI image/);
		assert.throws(
			() => choosePushSpec({ imageSpec: "v1.0", hasConfig: false, hasArtifactPlatform: true, artifactType: "a/b" }),
			/artifact type cannot be customized for OCI image-spec v1.0 when platform is specified/,
		);
		assert.deepEqual(choosePushSpec({ imageSpec: "v1.0", hasConfig: false, hasArtifactPlatform: false, artifactType: "a/b" }), { version: "v1.0", artifactType: "a/b" });
		assert.deepEqual(choosePushSpec({ imageSpec: "v1.0", hasConfig: true, hasArtifactPlatform: false }), { version: "v1.0", artifactType: "" });
	});
});

describe("packIndex", () => {
	it("writes artifactType, subject and annotations in struct order, validated", () => {
		const m = plainDescriptor(HI);
		const idx = packIndex([{ ...m, platform: { architecture: "amd64", os: "linux" } }], {
			artifactType: "application/vnd.example",
			annotations: { b: "2", a: "1" },
			subject: m,
		});
		assert.equal(
			text(idx.indexBytes),
			`{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","artifactType":"application/vnd.example","manifests":[{"mediaType":"${m.mediaType}","digest":"${m.digest}","size":12,"platform":{"architecture":"amd64","os":"linux"}}],"subject":{"mediaType":"${m.mediaType}","digest":"${m.digest}","size":12},"annotations":{"a":"1","b":"2"}}`,
		);
		assert.equal(idx.desc.digest, digestOf(idx.indexBytes));
		assert.equal(parseManifest(idx.indexBytes, MediaType.ImageIndex).kind, "index");
		assert.throws(() => packIndex([], { artifactType: "bad" }), (e: unknown) => hasCode(e, "INVALID_MEDIA_TYPE"));
		assert.equal(text(packIndex([], { artifactType: "", annotations: {} }).indexBytes).length, 88);
	});
});
