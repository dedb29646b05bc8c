import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { digestOf, parseDigest } from "../../../src/oci/digest.js";
import { encodeDescriptor, encodeManifest, goStringMap, goValue, prettyJSON } from "../../../src/oci/json.js";
import { parseManifest } from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { matchPlatform, parsePlatform } from "../../../src/oci/platform.js";
import { formatReference, parseLayoutReference, parseReference } from "../../../src/oci/reference.js";
import { onlyThrows } from "../only-throws.js";

const RUNS = { numRuns: 1000 };

const lower = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789");
const alnum = fc.string({ unit: lower, minLength: 1, maxLength: 6 });
const component = fc
	.tuple(alnum, fc.array(fc.tuple(fc.constantFrom(".", "_", "__", "-", "--", "---"), alnum), { maxLength: 3 }))
	.map(([head, rest]) => head + rest.map(([s, a]) => s + a).join(""));
const repository = fc.array(component, { minLength: 1, maxLength: 4 }).map((c) => c.join("/"));
const hostLabel = fc.string({ unit: fc.constantFrom(..."abcxyz019-"), minLength: 1, maxLength: 8 });
const registry = fc.oneof(
	fc.tuple(fc.array(hostLabel, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined })).map(([labels, port]) => labels.join(".") + (port === undefined ? "" : `:${port}`)),
	fc.constantFrom("[::1]:5000", "[fe80::1]", "127.0.0.1:5000", "localhost"),
);
const tagChar = fc.constantFrom(..."abcXYZ019_.-");
const tag = fc.tuple(fc.constantFrom(..."aZ9_"), fc.string({ unit: tagChar, maxLength: 127 })).map(([h, t]) => h + t);
const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });
const digest = fc.oneof(
	hex(64).map((h) => `sha256:${h}`),
	hex(96).map((h) => `sha384:${h}`),
	hex(128).map((h) => `sha512:${h}`),
);
const anyString = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: fc.constantFrom(..."/:@.-_aA0[]%#? "), maxLength: 30 }));

describe("property: references", () => {
	it("format/parse round-trip for generated valid references", () => {
		fc.assert(
			fc.property(registry, repository, fc.oneof(fc.constant(""), tag, digest), (reg, repo, reference) => {
				const ref = parseReference(formatReference({ registry: reg, repository: repo, reference }));
				const dockerHub = ["docker.io", "index.docker.io", "registry-1.docker.io"].includes(reg) && !repo.includes("/");
				assert.deepEqual(ref, { registry: reg, repository: dockerHub ? `library/${repo}` : repo, reference });
				assert.deepEqual(parseReference(formatReference(ref)), ref);
			}),
			RUNS,
		);
	});

	it("arbitrary strings only ever yield INVALID_REFERENCE, and successes re-parse identically", () => {
		fc.assert(
			fc.property(anyString, (raw) => {
				onlyThrows(["INVALID_REFERENCE"], () => {
					const ref = parseReference(raw);
					assert.deepEqual(parseReference(formatReference(ref)), ref);
				});
				onlyThrows(["INVALID_REFERENCE"], () => parseLayoutReference(raw));
			}),
			{ numRuns: 2000 },
		);
	});
});

describe("property: digests", () => {
	it("arbitrary strings only yield INVALID_DIGEST or UNSUPPORTED_DIGEST", () => {
		fc.assert(
			fc.property(fc.oneof(anyString, fc.tuple(fc.constantFrom("sha256", "sha512", "md5", "SHA256", ""), anyString).map(([a, b]) => `${a}:${b}`)), (raw) => {
				onlyThrows(["INVALID_DIGEST", "UNSUPPORTED_DIGEST"], () => assert.equal(parseDigest(raw), raw));
			}),
			{ numRuns: 2000 },
		);
	});

	it("every computed digest parses", () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom("sha256", "sha384", "sha512" as const), (bytes, alg) => {
				const d = digestOf(bytes, alg);
				assert.equal(parseDigest(d), d);
			}),
			{ numRuns: 300 },
		);
	});
});

describe("property: manifests", () => {
	const types = [MediaType.ImageManifest, MediaType.ImageIndex, MediaType.DockerManifest, MediaType.DockerManifestList, MediaType.ArtifactManifest, "application/json"];

	it("arbitrary bytes and JSON only yield the expected codes", () => {
		fc.assert(
			fc.property(fc.oneof(anyString, fc.json({ maxDepth: 4 })), fc.constantFrom(...types), (raw, mt) => {
				onlyThrows(["INVALID_MANIFEST", "INVALID_MEDIA_TYPE"], () => parseManifest(new TextEncoder().encode(raw), mt));
			}),
			{ numRuns: 2000 },
		);
	});

	it("mutated valid manifests only yield the expected codes", () => {
		const base = {
			schemaVersion: 2,
			mediaType: MediaType.ImageManifest,
			config: { mediaType: MediaType.Empty, digest: digestOf("{}"), size: 2 },
			layers: [{ mediaType: MediaType.ImageLayer, digest: digestOf("x"), size: 1 }],
		};
		const keys = ["schemaVersion", "mediaType", "config", "layers", "subject", "annotations", "artifactType"];
		fc.assert(
			fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, value) => {
				const raw = new TextEncoder().encode(JSON.stringify({ ...base, [key]: value }));
				onlyThrows(["INVALID_MANIFEST"], () => parseManifest(raw, MediaType.ImageManifest));
			}),
			RUNS,
		);
	});

	it("encoded manifests parse back to the same bytes", () => {
		const annotations = fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 4 });
		const desc = fc.record({ mediaType: fc.constantFrom("a/b", MediaType.ImageLayer), digest, size: fc.nat(), annotations });
		fc.assert(
			fc.property(desc, fc.array(desc, { maxLength: 3 }), annotations, (config, layers, ann) => {
				const m = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: { ...config, digest: parseDigest(config.digest) }, layers: layers.map((l) => ({ ...l, digest: parseDigest(l.digest) })), annotations: ann };
				const raw = encodeManifest(m);
				const back = parseManifest(new TextEncoder().encode(raw), MediaType.ImageManifest);
				assert.equal(back.kind, "manifest");
				if (back.kind === "manifest") assert.equal(encodeManifest(back.manifest), raw);
			}),
			{ numRuns: 300 },
		);
	});
});

describe("property: Go JSON", () => {
	const key = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }), fc.constantFrom("10", "9", "<&>", "\u2028"));
	const map = fc.dictionary(key, fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 8 })), { maxKeys: 8 });

	it("annotation maps parse back to the same map, keys in UTF-8 byte order, no raw <>&", () => {
		fc.assert(
			fc.property(map, (m) => {
				const s = goStringMap(m);
				assert.deepEqual(new Map(Object.entries(JSON.parse(s))), new Map(Object.entries(m)));
				assert.ok(!/[<>&\u2028\u2029]/.test(s));
				const keys = Object.keys(m).map((k) => Buffer.from(k));
				const sorted = [...keys].sort(Buffer.compare);
				// A key is found where an entry starts (after `{` or `,`): a `"` inside a string is always escaped,
				// so one key's text inside another key (`"call"` in `" \"call"`) is never taken for it.
				const positions = sorted.map((k) => {
					const key = `${JSON.stringify(k.toString()).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}:`;
					const at = s.startsWith(`{${key}`) ? 0 : s.indexOf(`,${key}`);
					assert.ok(at >= 0, `key ${key} at an entry start`);
					return at;
				});
				for (let i = 1; i < positions.length; i++) assert.ok((positions[i] as number) > (positions[i - 1] as number));
			}),
			RUNS,
		);
	});

	it("descriptors with random annotations keep data and parse back", () => {
		fc.assert(
			fc.property(map, digest, (annotations, d) => {
				const s = encodeDescriptor({ mediaType: "a/b", digest: parseDigest(d), size: 2, annotations, data: "e30=" });
				const back = JSON.parse(s);
				assert.equal(back.data, "e30=");
				assert.deepEqual(new Map(Object.entries(back.annotations ?? {})), new Map(Object.entries(annotations)));
			}),
			RUNS,
		);
	});

	it("goValue and prettyJSON preserve the value", () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
				const compact = goValue(v);
				// (the JSON.stringify round trip folds Go's "-0" into 0 on both sides)
				assert.deepEqual(JSON.parse(JSON.stringify(JSON.parse(compact))), JSON.parse(JSON.stringify(v)));
				const pretty = prettyJSON(compact);
				assert.deepEqual(JSON.parse(pretty), JSON.parse(compact));
				assert.ok(pretty.endsWith("\n"));
			}),
			RUNS,
		);
	});
});

describe("property: platforms", () => {
	it("parsePlatform only throws INVALID_ARGUMENT, and a parsed platform matches itself", () => {
		fc.assert(
			fc.property(anyString, (raw) => {
				onlyThrows(["INVALID_ARGUMENT"], () => {
					const p = parsePlatform(raw, "amd64");
					assert.equal(matchPlatform(p, p), true);
				});
			}),
			RUNS,
		);
	});
});
