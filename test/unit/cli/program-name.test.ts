import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { programName, programNameFrom } from "../../../src/cli/io.js";

describe("program name", () => {
	it("is the invoked script's base name without .js", () => {
		assert.equal(programNameFrom("/usr/lib/node_modules/oras-ts/bin/oras.js"), "oras");
		assert.equal(programNameFrom("/usr/local/bin/oras"), "oras");
		assert.equal(programNameFrom("/repo/bin/oras-ts.js"), "oras-ts");
		assert.equal(programNameFrom("C:\\tools\\oras-ts.cjs"), "oras-ts");
	});

	it("falls back to oras-ts for entry files and odd names", () => {
		for (const p of [undefined, "", "/repo/dist/src/cli.js", "/x/index.mjs", "/x/main.js", "/x/bad name.js", "/x/$(rm).js"]) assert.equal(programNameFrom(p), "oras-ts", String(p));
	});

	it("defaults to oras-ts when the IO does not say", () => {
		assert.equal(programName({}), "oras-ts");
		assert.equal(programName({ programName: "oras" }), "oras");
	});
});
