import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode } from "../../../src/errors.js";
import { EMPTY_JSON_DESCRIPTOR } from "../../../src/oci/descriptor.js";
import { digestOf, parseDigest } from "../../../src/oci/digest.js";
import {
	encodeDescriptor,
	encodeImageLayout,
	encodeIndex,
	encodeManifest,
	encodePlatform,
	goString,
	goStringMap,
	goValue,
	prettyJSON,
} from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const D1 = parseDigest("sha256:a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");

describe("Go JSON strings", () => {
	it("escapes <, >, & and U+2028/2029 like Go's HTML-safe encoder", () => {
		assert.equal(goString("<a href='x'>&</a>"), '"\\u003ca href=\'x\'\\u003e\\u0026\\u003c/a\\u003e"');
		assert.equal(goString("\u2028\u2029"), '"\\u2028\\u2029"');
	});

	it("control characters: short forms for \\b \\f \\n \\r \\t, \\u00xx lowercase otherwise; DEL raw", () => {
		assert.equal(goString("\b\f\n\r\t"), '"\\b\\f\\n\\r\\t"');
		assert.equal(goString("\u0000\u001f\u000b"), '"\\u0000\\u001f\\u000b"');
		assert.equal(goString("\u007f"), '"\u007f"');
		assert.equal(goString('"\\'), '"\\"\\\\"');
	});

	it("non-ASCII stays raw UTF-8; lone surrogates become the escape \\ufffd", () => {
		assert.equal(goString("héllo 世界 😀"), '"héllo 世界 😀"');
		assert.equal(goString("a\ud800b"), '"a\\ufffdb"');
		assert.equal(goString("\udfff"), '"\\ufffd"');
		// a literal backslash followed by "ud800" is not a surrogate escape
		assert.equal(goString("\\ud800"), '"\\\\ud800"');
	});

	it("maps: keys sorted bytewise (UTF-8), not by UTF-16 code units", () => {
		// U+FF61 sorts after U+1F600 in UTF-16 code units (0xFF61 > 0xD83D) but before it in UTF-8 bytes.
		const m = { "\u{1F600}": "2", "\uFF61": "1", b: "x", B: "y", a: "z", "10": "t", "9": "n" };
		assert.equal(goStringMap(m), '{"10":"t","9":"n","B":"y","a":"z","b":"x","\uFF61":"1","\u{1F600}":"2"}');
	});
});

describe("Go JSON of generic values (manifest fetch --format json)", () => {
	it("sorts keys recursively and formats numbers like float64", () => {
		assert.equal(goValue({ b: [1, 2.5, true, null], a: { z: "<", y: 1e21 } }), '{"a":{"y":1e+21,"z":"\\u003c"},"b":[1,2.5,true,null]}');
		assert.equal(goValue(1e20), "100000000000000000000");
		assert.equal(goValue(0.000001), "0.000001");
		assert.equal(goValue(0.0000001), "1e-7");
		assert.equal(goValue(1.5e-10), "1.5e-10");
		assert.equal(goValue(-0), "-0");
		assert.equal(goValue(123456789), "123456789");
		assert.equal(goValue(undefined), "null");
	});
});

describe("Go JSON of OCI types (struct order, omitempty)", () => {
	it("descriptor field order and omitted empties; data kept", () => {
		assert.equal(
			encodeDescriptor({
				artifactType: "a/t",
				platform: { variant: "v8", os: "linux", architecture: "arm64" },
				data: "e30=",
				annotations: { z: "1", a: "2" },
				urls: ["https://x/<y>"],
				size: 2,
				digest: D1,
				mediaType: "m/t",
			}),
			`{"mediaType":"m/t","digest":"${D1}","size":2,"urls":["https://x/\\u003cy\\u003e"],"annotations":{"a":"2","z":"1"},"data":"e30=","platform":{"architecture":"arm64","os":"linux","variant":"v8"},"artifactType":"a/t"}`,
		);
		assert.equal(
			encodeDescriptor({ mediaType: "m/t", digest: D1, size: 0, annotations: {}, urls: [], data: "", artifactType: "" }),
			`{"mediaType":"m/t","digest":"${D1}","size":0}`,
		);
		assert.equal(
			encodeDescriptor(EMPTY_JSON_DESCRIPTOR),
			'{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="}',
		);
	});

	it("platform field order", () => {
		const p = encodePlatform({ architecture: "arm", os: "linux", variant: "v5" });
		assert.equal(p, '{"architecture":"arm","os":"linux","variant":"v5"}');
		assert.equal(p.length, 50);
		assert.equal(digestOf(p), "sha256:40e2a22c94dd74a23fab453afa06ea30f1b51acb7d6c847fc640d83490d3c137");
		assert.equal(
			encodePlatform({ architecture: "amd64", os: "windows", "os.version": "10.0.1", "os.features": ["win32k"], variant: "" }),
			'{"architecture":"amd64","os":"windows","os.version":"10.0.1","os.features":["win32k"]}',
		);
	});

	it("manifest: layers always an array, optional fields omitted", () => {
		assert.equal(
			encodeManifest({ schemaVersion: 2, config: { mediaType: "a/b", digest: D1, size: 12 }, layers: [], annotations: {} }),
			`{"schemaVersion":2,"config":{"mediaType":"a/b","digest":"${D1}","size":12},"layers":[]}`,
		);
	});

	it("empty index and oci-layout file", () => {
		const idx = encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] });
		assert.equal(idx, '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}');
		assert.equal(idx.length, 88);
		assert.equal(digestOf(idx), "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
		const layout = encodeImageLayout();
		assert.equal(layout, '{"imageLayoutVersion":"1.0.0"}');
		assert.equal(layout.length, 30);
		assert.equal(digestOf(layout), "sha256:18f0797eab35a4597c1e9624aa4f15fd91f6254e5538c1e0d193b2a95dd4acc6");
	});

	it("index.json entry of a tagged manifest", () => {
		const entry = encodeDescriptor({
			mediaType: MediaType.ImageManifest,
			digest: parseDigest("sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c"),
			size: 585,
			annotations: { "org.opencontainers.image.ref.name": "v1", "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
			artifactType: MediaType.UnknownArtifact,
		});
		const file = encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [JSON.parse(entry)] });
		assert.equal(file.length, 408);
		assert.equal(digestOf(file), "sha256:dc273d0505ffc5b56edc33dbc2e933a78c75bce5130f763b9442fdc03dbdce48");
	});
});

describe("prettyJSON (json.Indent)", () => {
	it("keeps escapes and key order, compacts empty containers, adds a newline", () => {
		const compact = '{"10":"\\u003c","9":[],"a":{},"b":[1,{"c":null}]}';
		assert.equal(prettyJSON(compact), '{\n  "10": "\\u003c",\n  "9": [],\n  "a": {},\n  "b": [\n    1,\n    {\n      "c": null\n    }\n  ]\n}\n');
	});

	it("drops insignificant whitespace but keeps it inside strings", () => {
		assert.equal(prettyJSON(' { "a b" : [ 1 , "x \\" y" ] } '), '{\n  "a b": [\n    1,\n    "x \\" y"\n  ]\n}\n');
		assert.equal(prettyJSON("[]"), "[]\n");
	});

	it("rejects invalid JSON with INVALID_ARGUMENT", () => {
		assert.throws(() => prettyJSON("{"), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
	});
});
