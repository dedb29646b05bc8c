import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Writable } from "node:stream";
import { processIO, programName, programNameFrom, write } from "../../../src/cli/io.js";

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

describe("processIO", () => {
	it("is the process's streams, environment, directory and name, with the given signal", () => {
		const ac = new AbortController();
		const io = processIO(ac.signal);
		assert.equal(io.stdout, process.stdout);
		assert.equal(io.stderr, process.stderr);
		assert.equal(io.stdin, process.stdin);
		assert.equal(io.env, process.env);
		assert.equal(io.cwd, process.cwd());
		assert.equal(io.signal, ac.signal);
		assert.equal(io.programName, programNameFrom(process.argv[1]));
	});

	it("writes text to a stream as is", () => {
		const chunks: string[] = [];
		write({ write: (s: string) => chunks.push(s) } as unknown as Writable, "a\n");
		assert.deepEqual(chunks, ["a\n"]);
	});
});
