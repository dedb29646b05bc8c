import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode } from "../../../src/errors.js";
import type { Descriptor, Platform } from "../../../src/oci/descriptor.js";
import { parseDigest } from "../../../src/oci/digest.js";
import {
	formatPlatform,
	goArchitecture,
	hostArchitecture,
	matchPlatform,
	parseHostPlatform,
	parsePlatform,
	platformFromConfig,
	selectPlatformEntry,
} from "../../../src/oci/platform.js";

describe("parsePlatform", () => {
	const table: Array<[string, Platform]> = [
		["linux", { os: "linux", architecture: "amd64" }],
		["linux/arm64", { os: "linux", architecture: "arm64" }],
		["linux/arm/v5", { os: "linux", architecture: "arm", variant: "v5" }],
		["windows/amd64:10.0.17763.1234", { os: "windows", architecture: "amd64", "os.version": "10.0.17763.1234" }],
		["windows:10.0", { os: "windows", architecture: "amd64", "os.version": "10.0" }],
		["linux/arm/:x:y", { os: "linux", architecture: "arm", "os.version": "x:y" }],
		["linux/arm/v7:", { os: "linux", architecture: "arm", variant: "v7" }],
	];
	for (const [input, want] of table) {
		it(input, () => assert.deepEqual(parsePlatform(input, "amd64"), want));
	}

	it("errors", () => {
		assert.throws(() => parsePlatform("linux/arm/v7/x", "amd64"), /failed to parse platform "linux\/arm\/v7\/x": expecting os\[\/arch\]\[\/variant\]\[:os_version\]/);
		assert.throws(() => parsePlatform("/arm64", "amd64"), /OS cannot be empty/);
		assert.throws(() => parsePlatform("", "amd64"), /OS cannot be empty/);
		assert.throws(() => parsePlatform("linux/", "amd64"), /Architecture cannot be empty/);
		assert.throws(() => parsePlatform("linux", ""), /Architecture cannot be empty/);
		assert.throws(() => parsePlatform("a/b/c/d", "x"), (e: unknown) => hasCode(e, "INVALID_ARGUMENT"));
	});

	it("the host default uses Go architecture names", () => {
		assert.equal(goArchitecture("x64"), "amd64");
		assert.equal(goArchitecture("arm64"), "arm64");
		assert.equal(goArchitecture("ia32"), "386");
		assert.equal(goArchitecture("arm"), "arm");
		assert.equal(goArchitecture("mipsel"), "mipsle");
		assert.equal(goArchitecture("ppc64"), "ppc64le");
		assert.equal(goArchitecture("ppc64", false), "ppc64");
		assert.equal(goArchitecture("riscv64"), "riscv64");
		const host = hostArchitecture();
		assert.equal(host, goArchitecture(process.arch));
		assert.deepEqual(parseHostPlatform("linux"), { os: "linux", architecture: host });
	});

	it("formats back", () => {
		assert.equal(formatPlatform(parsePlatform("linux/arm/v5:1.2", "x")), "linux/arm/v5:1.2");
		assert.equal(formatPlatform({ os: "linux", architecture: "amd64" }), "linux/amd64");
	});
});

describe("matchPlatform (https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md#platform-variants)", () => {
	const actual: Platform = { os: "linux", architecture: "arm", variant: "v7", "os.version": "5.10", "os.features": ["a", "b"] };
	it("os and architecture must be equal", () => {
		assert.equal(matchPlatform({ os: "linux", architecture: "arm" }, actual), true);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm64" }, actual), false);
		assert.equal(matchPlatform({ os: "windows", architecture: "arm" }, actual), false);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm" }, undefined), false);
	});

	it("variant and os.version only when requested", () => {
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", variant: "v7" }, actual), true);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", variant: "v6" }, actual), false);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.version": "5.10" }, actual), true);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.version": "5.11" }, actual), false);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", variant: "v7" }, { os: "linux", architecture: "arm" }), false);
	});

	it("requested os.features must be a subset", () => {
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.features": ["b"] }, actual), true);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.features": ["a", "b"] }, actual), true);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.features": ["c"] }, actual), false);
		assert.equal(matchPlatform({ os: "linux", architecture: "arm", "os.features": ["a"] }, { os: "linux", architecture: "arm" }), false);
	});

	it("selects the first matching index entry", () => {
		const d = (hex: string, platform?: Platform): Descriptor => ({
			mediaType: "application/vnd.oci.image.manifest.v1+json",
			digest: parseDigest(`sha256:${hex.repeat(64)}`),
			size: 1,
			...(platform ? { platform } : {}),
		});
		const entries = [d("0"), d("1", { os: "linux", architecture: "amd64" }), d("2", { os: "linux", architecture: "arm", variant: "v6" }), d("3", { os: "linux", architecture: "arm", variant: "v7" })];
		assert.equal(selectPlatformEntry(entries, { os: "linux", architecture: "arm" })?.digest, entries[2]?.digest);
		assert.equal(selectPlatformEntry(entries, { os: "linux", architecture: "arm", variant: "v7" })?.digest, entries[3]?.digest);
		assert.equal(selectPlatformEntry(entries, { os: "darwin", architecture: "arm64" }), undefined);
	});
});

describe("platformFromConfig", () => {
	const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
	it("reads the platform fields of an image config", () => {
		assert.deepEqual(platformFromConfig(enc({ architecture: "arm", os: "linux", variant: "v5", rootfs: {}, config: {} })), {
			architecture: "arm",
			os: "linux",
			variant: "v5",
		});
		assert.equal(platformFromConfig(enc({})), undefined);
		assert.equal(platformFromConfig(enc({ os: "linux" })), undefined);
	});

	it("errors", () => {
		assert.throws(() => platformFromConfig(new TextEncoder().encode("{")), (e: unknown) => hasCode(e, "INVALID_MANIFEST"));
		assert.throws(() => platformFromConfig(new Uint8Array(4 * 1024 * 1024 + 1)), (e: unknown) => hasCode(e, "SIZE_EXCEEDS_LIMIT"));
	});
});
