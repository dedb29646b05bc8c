import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode } from "../../../src/errors.js";
import { formatCreated, packManifest, parseSourceDateEpoch } from "../../../src/graph/pack.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";

describe("parseSourceDateEpoch", () => {
	it("reads whole seconds since the epoch; unset or empty is undefined", () => {
		assert.equal(parseSourceDateEpoch(undefined), undefined);
		assert.equal(parseSourceDateEpoch(""), undefined);
		assert.equal(parseSourceDateEpoch("0")?.toISOString(), "1970-01-01T00:00:00.000Z");
		assert.equal(formatCreated(parseSourceDateEpoch("1700000000") as Date), "2023-11-14T22:13:20Z");
		assert.equal(formatCreated(parseSourceDateEpoch("253402300799") as Date), "9999-12-31T23:59:59Z");
	});

	it("rejects anything else with INVALID_ARGUMENT naming the variable", () => {
		for (const bad of ["x", "-1", "1.5", " 1", "1e9", "0x10", "253402300800", "9999999999999", "1700000000\n"]) {
			assert.throws(
				() => parseSourceDateEpoch(bad),
				(err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /SOURCE_DATE_EPOCH/.test((err as Error).message),
				bad,
			);
		}
	});

	it("as packManifest's clock gives the same manifest bytes every time", () => {
		const epoch = parseSourceDateEpoch("1700000000") as Date;
		const layer = descriptorFromBytes("text/plain", Buffer.from("x"));
		const a = packManifest({ artifactType: "application/vnd.example", layers: [layer], now: () => epoch });
		const b = packManifest({ artifactType: "application/vnd.example", layers: [layer], now: () => epoch });
		assert.deepEqual(a.manifestBytes, b.manifestBytes);
		assert.equal(a.manifest.annotations?.["org.opencontainers.image.created"], "2023-11-14T22:13:20Z");
	});
});
