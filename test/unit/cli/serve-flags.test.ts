import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "../../../src/cli/commands/serve.js";

describe("serve --upload-ttl durations", () => {
	it("parses Go-style durations", () => {
		assert.equal(parseDuration("--upload-ttl", "1h"), 3_600_000);
		assert.equal(parseDuration("--upload-ttl", "30m"), 1_800_000);
		assert.equal(parseDuration("--upload-ttl", "90s"), 90_000);
		assert.equal(parseDuration("--upload-ttl", "2h30m"), 9_000_000);
		assert.equal(parseDuration("--upload-ttl", "1m500ms"), 60_500);
		assert.equal(parseDuration("--upload-ttl", "250ms"), 250);
	});

	it("refuses anything else with one line naming the flag", () => {
		for (const v of ["", "1", "h", "1d", "-1h", "1.5h", "0s", "1h ", "9999999999h", "1 h"]) {
			assert.throws(
				() => parseDuration("--upload-ttl", v),
				(e: unknown) => (e as { code?: string }).code === "INVALID_ARGUMENT" && /^invalid --upload-ttl /.test((e as Error).message) && !(e as Error).message.includes("\n"),
				JSON.stringify(v),
			);
		}
	});

	it("--request-idle-timeout 0s turns the idle timeout off, as its help says; other flags still refuse 0", () => {
		assert.equal(parseDuration("--request-idle-timeout", "0s", true), 0);
		assert.equal(parseDuration("--request-idle-timeout", "0ms", true), 0);
		assert.throws(() => parseDuration("--request-rate-window", "0s"), /invalid --request-rate-window "0s": must be longer than 0/);
	});
});
