import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode, type OrasErrorCode } from "../../../src/errors.js";
import type { Digest } from "../../../src/oci/digest.js";
import { type Descriptor, decodePlatform, parseDescriptor, plainDescriptor, sameContent, titleOf } from "../../../src/oci/descriptor.js";
import {
	annotationsOfManifest,
	artifactTypeOf,
	declaredMediaType,
	MAX_MANIFEST_BYTES,
	parseDeclaredManifest,
	parseManifest,
	referrerDescriptorOf,
	referrerInfoOf,
	subjectOf,
	successorsOf,
} from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === "string" ? v : JSON.stringify(v));
const D1 = "sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447";
const D2 = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
const D3 = "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c";

// The manifest `oras push` writes for one file, byte for byte.
const VECTOR4 =
	'{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/vnd.unknown.artifact.v1","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447","size":12,"annotations":{"org.opencontainers.image.title":"hi.txt"}}],"annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}}';

function fails(raw: Uint8Array, mediaType: string, code: OrasErrorCode, message?: RegExp): void {
	assert.throws(
		() => parseManifest(raw, mediaType),
		(err: unknown) => {
			assert.ok(hasCode(err, code), `expected ${code}, got ${String(err)}`);
			if (message) assert.match((err as Error).message, message);
			return true;
		},
	);
}

const ociManifest = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
	schemaVersion: 2,
	mediaType: MediaType.ImageManifest,
	config: { mediaType: MediaType.ImageConfig, digest: D2, size: 2 },
	layers: [{ mediaType: MediaType.ImageLayerGzip, digest: D1, size: 12 }],
	...extra,
});

describe("parseManifest: good input", () => {
	it("oras push's one-file manifest (OCI manifest, v1.1 artifact)", () => {
		const p = parseManifest(enc(VECTOR4), MediaType.ImageManifest);
		assert.equal(p.kind, "manifest");
		if (p.kind !== "manifest") return;
		assert.equal(p.manifest.artifactType, MediaType.UnknownArtifact);
		assert.equal(p.manifest.config.data, "e30=");
		const layer = p.manifest.layers[0];
		assert.ok(layer);
		assert.equal(titleOf(layer), "hi.txt");
		assert.equal(artifactTypeOf(p), MediaType.UnknownArtifact);
		assert.deepEqual(annotationsOfManifest(p), { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" });
		assert.deepEqual(
			successorsOf(p).map((d) => d.digest),
			[D2, D1],
		);
	});

	it("OCI manifest with subject walks the subject first", () => {
		const p = parseManifest(enc(ociManifest({ subject: { mediaType: MediaType.ImageManifest, digest: D3, size: 585 } })), MediaType.ImageManifest);
		assert.equal(subjectOf(p)?.digest, D3);
		assert.deepEqual(
			successorsOf(p).map((d) => d.digest),
			[D3, D2, D1],
		);
		assert.equal(artifactTypeOf(p), MediaType.ImageConfig);
	});

	it("manifest without mediaType field is accepted and layers default to []", () => {
		const raw = enc({ schemaVersion: 2, config: { mediaType: MediaType.ImageConfig, digest: D2, size: 2 } });
		const p = parseManifest(raw, MediaType.ImageManifest);
		assert.equal(p.kind === "manifest" && p.manifest.layers.length, 0);
	});

	it("OCI index with platforms and subject", () => {
		const raw = enc({
			schemaVersion: 2,
			mediaType: MediaType.ImageIndex,
			artifactType: "application/vnd.example",
			manifests: [
				{ mediaType: MediaType.ImageManifest, digest: D1, size: 1, platform: { architecture: "arm", os: "linux", variant: "v7", "os.features": ["a"] } },
				{ mediaType: MediaType.ImageManifest, digest: D2, size: 2, annotations: { k: "v" }, artifactType: "x/y" },
			],
			subject: { mediaType: MediaType.ImageManifest, digest: D3, size: 3 },
			annotations: { a: "b" },
		});
		const p = parseManifest(raw, MediaType.ImageIndex);
		assert.equal(p.kind, "index");
		if (p.kind !== "index") return;
		assert.deepEqual(p.index.manifests[0]?.platform, { architecture: "arm", os: "linux", variant: "v7", "os.features": ["a"] });
		assert.equal(p.index.manifests[1]?.artifactType, "x/y");
		assert.deepEqual(
			successorsOf(p).map((d) => d.digest),
			[D3, D1, D2],
		);
		assert.equal(artifactTypeOf(p), "application/vnd.example");
	});

	it("Docker manifest and manifest list (no subject walked)", () => {
		const dm = parseManifest(
			enc({
				schemaVersion: 2,
				mediaType: MediaType.DockerManifest,
				config: { mediaType: MediaType.DockerConfig, digest: D2, size: 2 },
				layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: D1, size: 12 }],
			}),
			MediaType.DockerManifest,
		);
		assert.deepEqual(
			successorsOf(dm).map((d) => d.digest),
			[D2, D1],
		);
		const list = parseManifest(
			enc({
				schemaVersion: 2,
				mediaType: MediaType.DockerManifestList,
				manifests: [{ mediaType: MediaType.DockerManifest, digest: D1, size: 5, platform: { architecture: "amd64", os: "linux" } }],
			}),
			MediaType.DockerManifestList,
		);
		assert.equal(list.kind, "index");
		assert.deepEqual(
			successorsOf(list).map((d) => d.digest),
			[D1],
		);
	});

	it("legacy artifact manifest", () => {
		const p = parseManifest(
			enc({
				mediaType: MediaType.ArtifactManifest,
				artifactType: "application/vnd.example.sig",
				blobs: [{ mediaType: "application/octet-stream", digest: D1, size: 12 }],
				subject: { mediaType: MediaType.ImageManifest, digest: D3, size: 585 },
			}),
			MediaType.ArtifactManifest,
		);
		assert.equal(p.kind, "artifact");
		assert.equal(artifactTypeOf(p), "application/vnd.example.sig");
		assert.deepEqual(
			successorsOf(p).map((d) => d.digest),
			[D3, D1],
		);
	});

	it("accepts exactly 4 MiB", () => {
		const base = JSON.stringify(ociManifest({ annotations: { pad: "" } }));
		const pad = "x".repeat(MAX_MANIFEST_BYTES - Buffer.byteLength(base));
		const raw = enc(JSON.stringify(ociManifest({ annotations: { pad } })));
		assert.equal(raw.byteLength, MAX_MANIFEST_BYTES);
		assert.equal(parseManifest(raw, MediaType.ImageManifest).kind, "manifest");
	});

	it("declaredMediaType reads the mediaType field", () => {
		assert.equal(declaredMediaType(enc(VECTOR4)), MediaType.ImageManifest);
		assert.equal(declaredMediaType(enc({ schemaVersion: 2 })), undefined);
		assert.throws(() => declaredMediaType(enc("[]")), (e: unknown) => hasCode(e, "INVALID_MANIFEST"));
	});

	it("parseDeclaredManifest decodes once: as parseManifest of the declared type, undefined when none is declared or accepted", () => {
		const any = (): boolean => true;
		assert.deepEqual(parseDeclaredManifest(enc(VECTOR4), any), parseManifest(enc(VECTOR4), MediaType.ImageManifest));
		assert.equal(parseDeclaredManifest(enc({ schemaVersion: 2 }), any), undefined);
		assert.equal(parseDeclaredManifest(enc(VECTOR4), (t) => t !== MediaType.ImageManifest), undefined);
		// the errors of declaredMediaType, then those of parseManifest
		for (const bad of ["[]", "not json", JSON.stringify({ mediaType: 7 })]) {
			assert.throws(
				() => parseDeclaredManifest(enc(bad), any),
				(e: unknown) => {
					assert.throws(() => declaredMediaType(enc(bad)), { message: (e as Error).message });
					return hasCode(e, "INVALID_MANIFEST");
				},
			);
		}
		const noSchema = enc({ mediaType: MediaType.ImageManifest, config: {}, layers: [] });
		assert.throws(() => parseManifest(noSchema, MediaType.ImageManifest), { message: `${MediaType.ImageManifest}: schemaVersion must be 2` });
		assert.throws(() => parseDeclaredManifest(noSchema, any), { message: `${MediaType.ImageManifest}: schemaVersion must be 2` });
		assert.throws(() => parseDeclaredManifest(enc({ mediaType: "text/plain" }), any), (e: unknown) => hasCode(e, "INVALID_MEDIA_TYPE"));
	});
});

describe("parseManifest: bad input", () => {
	const M = MediaType.ImageManifest;
	it("not JSON / not an object", () => {
		fails(enc("not json"), M, "INVALID_MANIFEST", /invalid JSON/);
		fails(enc(""), M, "INVALID_MANIFEST");
		fails(enc("[]"), M, "INVALID_MANIFEST", /not a JSON object/);
		fails(enc("null"), M, "INVALID_MANIFEST");
		fails(enc("2"), M, "INVALID_MANIFEST");
	});

	it("wrong schemaVersion", () => {
		fails(enc(ociManifest({ schemaVersion: 1 })), M, "INVALID_MANIFEST", /schemaVersion/);
		fails(enc(ociManifest({ schemaVersion: "2" })), M, "INVALID_MANIFEST", /schemaVersion/);
		const { schemaVersion: _s, ...rest } = ociManifest();
		fails(enc(rest), M, "INVALID_MANIFEST", /schemaVersion/);
		fails(enc({ mediaType: MediaType.ImageIndex, manifests: [] }), MediaType.ImageIndex, "INVALID_MANIFEST", /schemaVersion/);
	});

	it("missing or malformed config", () => {
		const { config: _c, ...rest } = ociManifest();
		fails(enc(rest), M, "INVALID_MANIFEST", /missing config/);
		fails(enc(ociManifest({ config: null })), M, "INVALID_MANIFEST");
		fails(enc(ociManifest({ config: "x" })), M, "INVALID_MANIFEST");
		fails(enc(ociManifest({ config: { digest: D2, size: 2 } })), M, "INVALID_MANIFEST", /missing mediaType/);
	});

	it("bad descriptor digest (cause kept)", () => {
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: "sha256:xyz", size: 1 }] })), M, "INVALID_MANIFEST", /layers\[0\]/);
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: "sha256:xyz", size: 1 }] })), M, "INVALID_DIGEST");
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: "md5:abc", size: 1 }] })), M, "UNSUPPORTED_DIGEST");
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", size: 1 }] })), M, "INVALID_MANIFEST", /missing digest/);
	});

	it("negative, fractional, huge or non-numeric size", () => {
		for (const size of [-1, 1.5, 2 ** 53, "12", null]) {
			fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: D1, size }] })), M, "INVALID_MANIFEST", /size/);
		}
	});

	it("wrongly typed optional fields", () => {
		fails(enc(ociManifest({ layers: {} })), M, "INVALID_MANIFEST", /array/);
		fails(enc(ociManifest({ annotations: { a: 1 } })), M, "INVALID_MANIFEST", /annotation/);
		fails(enc(ociManifest({ annotations: ["a"] })), M, "INVALID_MANIFEST", /annotations/);
		fails(enc(ociManifest({ artifactType: 5 })), M, "INVALID_MANIFEST", /artifactType/);
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: D1, size: 1, urls: [1] }] })), M, "INVALID_MANIFEST", /urls/);
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: D1, size: 1, data: "not base64!" }] })), M, "INVALID_MANIFEST", /base64/);
		fails(enc(ociManifest({ layers: [{ mediaType: "a/b", digest: D1, size: 1, platform: { os: "linux" } }] })), M, "INVALID_MANIFEST", /platform/);
	});

	it("declared mediaType differs from the expected one", () => {
		fails(enc(ociManifest({ mediaType: MediaType.ImageIndex })), M, "INVALID_MANIFEST", /mediaType in the manifest/);
		fails(enc(ociManifest()), MediaType.DockerManifest, "INVALID_MANIFEST", /mediaType in the manifest/);
	});

	it("unsupported media type", () => {
		fails(enc(ociManifest()), "application/json", "INVALID_MEDIA_TYPE");
		fails(enc({ schemaVersion: 2 }), MediaType.ImageLayer, "INVALID_MEDIA_TYPE");
	});

	it("more than 4 MiB, before any parsing", () => {
		fails(new Uint8Array(MAX_MANIFEST_BYTES + 1), M, "SIZE_EXCEEDS_LIMIT", /exceeds/);
	});

	it("deep nesting is an error, not a crash", () => {
		const deep = `${"[".repeat(200000)}${"]".repeat(200000)}`;
		fails(enc(deep), M, "INVALID_MANIFEST");
	});
});

describe("descriptor helpers", () => {
	it("parseDescriptor drops empty optional fields and keeps data", () => {
		const d = parseDescriptor({ mediaType: "a/b", digest: D2, size: 2, annotations: {}, urls: [], data: "e30=", artifactType: "" });
		assert.deepEqual(d, { mediaType: "a/b", digest: D2, size: 2, data: "e30=" });
		assert.deepEqual(plainDescriptor({ ...d, annotations: { a: "b" } }), { mediaType: "a/b", digest: D2, size: 2 });
		assert.equal(sameContent(d, { mediaType: "a/b", digest: d.digest, size: 2, annotations: { x: "y" } }), true);
		assert.equal(sameContent(d, { ...d, mediaType: "c/d" }), false);
	});

	it("decodePlatform keeps typed fields only when non-empty", () => {
		assert.deepEqual(decodePlatform({ architecture: "amd64", os: "windows", "os.version": "10.0", "os.features": [], variant: "" }), {
			architecture: "amd64",
			os: "windows",
			"os.version": "10.0",
		});
		assert.throws(() => decodePlatform({ architecture: "amd64", os: "linux", "os.features": "x" }), (e: unknown) => hasCode(e, "INVALID_MANIFEST"));
	});
});

describe("annotation keys that are Object.prototype names", () => {
	it("__proto__ and constructor survive parse and encode", () => {
		const raw = enc('{"schemaVersion":2,"config":{"mediaType":"a/b","digest":"' + D2 + '","size":2,"annotations":{"__proto__":"x"}},"annotations":{"__proto__":"p","constructor":"c"}}');
		const p = parseManifest(raw, MediaType.ImageManifest);
		assert.equal(p.kind, "manifest");
		if (p.kind !== "manifest") return;
		assert.deepEqual(Object.entries(p.manifest.annotations ?? {}), [
			["__proto__", "p"],
			["constructor", "c"],
		]);
		assert.deepEqual(Object.keys(p.manifest.config.annotations ?? {}), ["__proto__"]);
	});
});

describe("referrerDescriptorOf", () => {
	const subject = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: `sha256:${"a".repeat(64)}`, size: 10 };
	const config = { mediaType: "application/vnd.example.config", digest: `sha256:${"b".repeat(64)}`, size: 2 };
	const desc: Descriptor = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: `sha256:${"c".repeat(64)}` as Digest, size: 99 };
	const raw = (extra: Record<string, unknown>) => new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: desc.mediaType, config, layers: [], subject, ...extra }));

	it("takes the manifest's artifactType and annotations, keeping the descriptor's other fields", () => {
		const p = parseManifest(raw({ artifactType: "application/x.sig", annotations: { a: "1" } }), desc.mediaType);
		const got = referrerDescriptorOf({ ...desc, annotations: { stale: "x" }, artifactType: "stale", platform: { os: "linux", architecture: "amd64" } }, p);
		assert.deepEqual(got, { ...desc, platform: { os: "linux", architecture: "amd64" }, annotations: { a: "1" }, artifactType: "application/x.sig" });
	});

	it("falls back to the config media type and leaves out empty annotations", () => {
		const p = parseManifest(raw({ annotations: {} }), desc.mediaType);
		assert.deepEqual(referrerDescriptorOf(desc, p), { ...desc, artifactType: config.mediaType });
	});

	it("gives the same descriptor from the kept referrerInfoOf as from the parsed manifest", () => {
		const p = parseManifest(raw({ artifactType: "application/x.sig", annotations: { a: "1" } }), desc.mediaType);
		const info = referrerInfoOf(p);
		assert.deepEqual(info, { artifactType: "application/x.sig", annotations: { a: "1" } });
		assert.deepEqual(referrerDescriptorOf(desc, info), referrerDescriptorOf(desc, p));
		assert.deepEqual(referrerDescriptorOf(desc, { artifactType: undefined, annotations: undefined }), desc);
	});
});
