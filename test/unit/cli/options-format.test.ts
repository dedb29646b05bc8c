/** Flag parsing of the CLI's small option modules: --format/--template, byte counts, --platform, the timeout table. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Command } from "commander";
import { parseByteSize, parseChunkSize } from "../../../src/cli/options/chunk-size.js";
import { addFormatFlags, parseFormat, parseFormatType, renderModel } from "../../../src/cli/options/format.js";
import { addPlatformFlag, parsePlatformFlag } from "../../../src/cli/options/platform.js";
import { TIMEOUTS } from "../../../src/cli/options/timeouts.js";
import { hasCode, OrasError } from "../../../src/errors.js";

const invalid = (hint?: RegExp, message?: RegExp) => (err: unknown) => {
	assert.ok(OrasError.is(err));
	assert.equal(err.code, "INVALID_ARGUMENT");
	if (message) assert.match(err.message, message);
	if (hint) assert.match(err.hint ?? "", hint);
	return true;
};

describe("--format / --template", () => {
	it("defaults to the first type and accepts the others", () => {
		assert.deepEqual(parseFormatType({}), { type: "text" });
		assert.deepEqual(parseFormatType({ format: "text" }), { type: "text" });
		assert.deepEqual(parseFormatType({ format: "json" }), { type: "json" });
		assert.deepEqual(parseFormatType({}, ["tree", "table", "json"]), { type: "tree" });
		assert.deepEqual(parseFormatType({ format: "table" }, ["tree", "table", "json"]), { type: "table" });
	});

	it("takes a template from go-template=… or from --template", () => {
		assert.deepEqual(parseFormatType({ format: "go-template={{.digest}}" }), { type: "go-template", template: "{{.digest}}" });
		assert.deepEqual(parseFormatType({ format: "go-template", template: "{{.x}}" }), { type: "go-template", template: "{{.x}}" });
		assert.deepEqual(parseFormat({ format: "go-template={{.a}}" }), { kind: "go-template", template: "{{.a}}" });
		assert.deepEqual(parseFormat({ format: "json" }), { kind: "json" });
		assert.deepEqual(parseFormat({}), { kind: "text" });
	});

	it("rejects what oras rejects, with oras's hints", () => {
		assert.throws(() => parseFormatType({ format: "json", template: "{{.}}" }), invalid(undefined, /--template must be used with --format go-template/));
		assert.throws(() => parseFormatType({ format: "go-template" }), invalid(/--format go-template=TEMPLATE/, /no template given/));
		assert.throws(() => parseFormatType({ format: "go-template=" }), invalid(/--format go-template=TEMPLATE/));
		assert.throws(() => parseFormatType({ format: "yaml" }), invalid(/^supported types: json, go-template, text$/, /invalid format type: "yaml"/));
		assert.throws(() => parseFormatType({ format: "" }), invalid(undefined, /invalid format type: ""/));
		assert.throws(() => parseFormatType({ format: "go-template={{.}}" }, ["text", "json"]), invalid(/^supported types: json, text$/));
	});

	it("renders a model as JSON or through a template, and leaves text to the command", () => {
		assert.equal(renderModel({ kind: "json" }, { a: 1 }), '{\n  "a": 1\n}\n');
		assert.equal(renderModel({ kind: "go-template", template: "{{.a}}-{{.b}}" }, { a: 1, b: "x" }), "1-x");
		assert.equal(renderModel({ kind: "text" }, { a: 1 }), "");
	});

	it("registers both flags on a command", () => {
		const cmd = addFormatFlags(new Command("x"), ["tree", "json"]).exitOverride();
		cmd.parse(["--format", "json", "--template", "t"], { from: "user" });
		assert.deepEqual(cmd.opts(), { format: "json", template: "t" });
		assert.match(cmd.helpInformation(), /'tree', 'json'/);
	});
});

describe("byte counts (--chunk-size, --max-extract-size)", () => {
	it("reads plain counts and binary or decimal units in any case", () => {
		assert.equal(parseChunkSize("1048576"), 1048576);
		assert.equal(parseChunkSize("16MiB"), 16 * 1024 * 1024);
		assert.equal(parseChunkSize("8MB"), 8_000_000);
		assert.equal(parseChunkSize("8m"), 8 * 1024 * 1024);
		assert.equal(parseChunkSize(" 2 kib "), 2048);
		assert.equal(parseChunkSize("1.5KiB"), 1536);
		assert.equal(parseChunkSize("1G"), 1024 ** 3);
		assert.equal(parseChunkSize("1tb"), 1000 ** 4);
		assert.equal(parseChunkSize("7b"), 7);
	});

	it("rejects zero, negatives, fractions below a byte, unknown units and overflow, naming the flag", () => {
		for (const bad of ["0", "-1", "0.5", "1XB", "", "MiB", "1e3", "99999999999TiB"]) {
			assert.throws(() => parseChunkSize(bad), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && (err as Error).message.startsWith(`invalid --chunk-size ${JSON.stringify(bad)}: expected a positive byte count`), bad);
		}
	});

	it("allows 0 when the minimum is 0", () => {
		assert.equal(parseByteSize("--max-extract-size", "0", 0), 0);
		assert.throws(() => parseByteSize("--max-extract-size", "-1", 0), (err: unknown) => /invalid --max-extract-size "-1": expected a byte count/.test((err as Error).message));
	});
});

describe("--platform", () => {
	it("is optional and parses os/arch/variant:os_version", () => {
		assert.equal(parsePlatformFlag({}), undefined);
		assert.deepEqual(parsePlatformFlag({ platform: "linux/arm64/v8" }), { os: "linux", architecture: "arm64", variant: "v8" });
		assert.deepEqual(parsePlatformFlag({ platform: "windows/amd64:10.0.17763" }), { os: "windows", architecture: "amd64", "os.version": "10.0.17763" });
		assert.throws(() => parsePlatformFlag({ platform: "" }), (err: unknown) => OrasError.is(err));
		const cmd = addPlatformFlag(new Command("x")).exitOverride();
		cmd.parse(["--platform", "linux/amd64"], { from: "user" });
		assert.equal(cmd.opts().platform, "linux/amd64");
	});
});

describe("timeout flags table", () => {
	it("names each flag, variable and option once, with a default", () => {
		for (const field of ["key", "flag", "env", "option"] as const) {
			assert.equal(new Set(TIMEOUTS.map((t) => t[field])).size, TIMEOUTS.length, field);
		}
		for (const t of TIMEOUTS) {
			assert.match(t.flag, /^--[a-z-]+-timeout$/);
			assert.match(t.env, /^ORAS_TS_[A-Z_]+_TIMEOUT$/);
			assert.equal(t.option, `${t.key}Ms`);
			assert.notEqual(t.default, "");
		}
	});
});
