import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDuration } from "../../../src/cli/options/duration.js";

const TIMEOUT = { allowZero: true, bareSeconds: true, maxMs: 2 ** 31 - 1 } as const;

function refused(flag: string, v: string, opts = {}, message = new RegExp(`^invalid ${flag} `)): void {
	assert.throws(
		() => parseDuration(flag, v, opts),
		(e: unknown) => (e as { code?: string }).code === "INVALID_ARGUMENT" && message.test((e as Error).message) && !(e as Error).message.includes("\n"),
		JSON.stringify(v),
	);
}

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
		// "1.5h" was refused by serve's own parser; Go's grammar (the one parser now) accepts it (below).
		for (const v of ["", "1", "h", "1d", "-1h", "0s", "1h ", "9999999999h", "1 h"]) refused("--upload-ttl", v);
	});

	it("--request-idle-timeout 0s turns the idle timeout off, as its help says; other flags still refuse 0", () => {
		assert.equal(parseDuration("--request-idle-timeout", "0s", { allowZero: true }), 0);
		assert.equal(parseDuration("--request-idle-timeout", "0ms", { allowZero: true }), 0);
		assert.throws(() => parseDuration("--request-rate-window", "0s"), /invalid --request-rate-window "0s": must be longer than 0/);
	});
});

describe("Go's time.ParseDuration grammar", () => {
	it("takes fractions, every unit and several parts", () => {
		assert.equal(parseDuration("--x", "1.5h"), 5_400_000);
		assert.equal(parseDuration("--x", ".5s"), 500);
		assert.equal(parseDuration("--x", "1.s"), 1000);
		assert.equal(parseDuration("--x", "1h2m3s4ms"), 3_723_004);
		assert.equal(parseDuration("--x", "2500us"), 3);
		assert.equal(parseDuration("--x", "1500µs"), 2);
		assert.equal(parseDuration("--x", "1000000ns"), 1);
		assert.equal(parseDuration("--x", "1ns"), 1, "anything positive lasts at least 1 ms");
		assert.equal(parseDuration("--x", "0", { allowZero: true }), 0);
	});

	it("refuses what Go refuses, signs and overflow", () => {
		for (const v of [".s", "1.2.3s", "s1", "1x", "+1s", "-0s", "1h-1m", "1e3s", "1hh"]) refused("--x", v);
		refused("--x", "3000h", { maxMs: 2 ** 31 - 1 }, /too long/);
	});
});

describe("the timeout flags' durations (one parser, their older forms kept)", () => {
	const message = (why: string) => `invalid duration for --t: ${why}`;
	it("take plain seconds, blanks, ms/s/m and 0 (off), as before", () => {
		assert.equal(parseDuration("--t", "30", TIMEOUT), 30_000);
		assert.equal(parseDuration("--t", "1.5", TIMEOUT), 1500);
		assert.equal(parseDuration("--t", " 30s ", TIMEOUT), 30_000);
		assert.equal(parseDuration("--t", "500 ms", TIMEOUT), 500);
		assert.equal(parseDuration("--t", "2m", TIMEOUT), 120_000);
		assert.equal(parseDuration("--t", "0", TIMEOUT), 0);
		assert.equal(parseDuration("--t", "0s", TIMEOUT), 0);
	});

	it("take Go's forms too", () => {
		assert.equal(parseDuration("--t", "1h", TIMEOUT), 3_600_000);
		assert.equal(parseDuration("--t", "1m30s", TIMEOUT), 90_000);
	});

	it("refuse junk and values past 2^31-1 ms with the caller's message", () => {
		for (const v of ["soon", "", "-1", "1 0s", "30 s s"]) refused("--t", v, { ...TIMEOUT, message }, /^invalid duration for --t: expected a duration/);
		refused("--t", "2147484s", { ...TIMEOUT, message }, /^invalid duration for --t: too long$/);
	});
});
