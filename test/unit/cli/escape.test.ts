import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { printable, printableJSON, printableLines } from "../../../src/cli/display/escape.js";
import { renderError } from "../../../src/cli/errors.js";
import { yamlPair } from "../../../src/cli/display/tree.js";
import { OrasError } from "../../../src/errors.js";

const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("printable", () => {
	it("leaves ordinary names alone, backslashes included", () => {
		for (const s of ["a.txt", "dir/sub file.bin", "C:\\path\\x.txt", "ünïcødé-名前.txt", ""]) assert.equal(printable(s), s);
	});

	it("escapes controls like Go's %q, doubling backslashes only when something was escaped", () => {
		assert.equal(printable("a\u001b[31mb"), "a\\x1b[31mb");
		assert.equal(printable("x\r\ny\tz"), "x\\r\\ny\\tz");
		assert.equal(printable("\u0000\u007f\u009b"), "\\x00\\x7f\\x9b");
		assert.equal(printable("bidi\u202etxt\u2028"), "bidi\\u202etxt\\u2028");
		assert.equal(printable("lit\\x1b and \u0007"), "lit\\\\x1b and \\x07");
	});

	it("never outputs a terminal control, and is reversible (random strings)", () => {
		const unescape = (s: string) =>
			s.replace(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|(.))/g, (_m, x?: string, u?: string, c?: string) => {
				if (x) return String.fromCharCode(parseInt(x, 16));
				if (u) return String.fromCharCode(parseInt(u, 16));
				return ({ n: "\n", r: "\r", t: "\t", "\\": "\\" } as Record<string, string>)[c as string] as string;
			});
		fc.assert(
			fc.property(fc.string({ unit: fc.oneof(fc.constantFrom("\u001b", "\n", "\r", "\\", "\u009b", "\u202e", "\u0000"), fc.string({ minLength: 1, maxLength: 1 })) }), (s) => {
				const p = printable(s);
				assert.doesNotMatch(p, TERMINAL_CONTROLS);
				if (p !== s) assert.equal(unescape(p), s);
			}),
			{ numRuns: 2000 },
		);
	});

	it("printableLines keeps line breaks; printableJSON keeps the JSON value", () => {
		assert.equal(printableLines("a\u001b\nb"), "a\\x1b\nb");
		const json = JSON.stringify({ k: "c1\u009b bidi\u202e del\u007f" });
		assert.doesNotMatch(printableJSON(json), TERMINAL_CONTROLS);
		assert.deepEqual(JSON.parse(printableJSON(json)), JSON.parse(json));
	});

	it("annotations in discover's tree are quoted YAML without raw controls", () => {
		assert.equal(yamlPair("k\u009b", "v\u202e"), '"k\\x9b": "v\\u202e"');
	});
});

describe("renderError", () => {
	it("escapes names quoted in messages, hints and --debug stacks", () => {
		const err = new OrasError("INVALID_ARGUMENT", "bad name \u001b[31mred\rDownloaded", { hint: "try \u001b]0;x\u0007" });
		for (const debug of [false, true]) {
			const { lines } = renderError(err, debug);
			assert.equal(lines[0], "Error: bad name \\x1b[31mred\\rDownloaded");
			assert.equal(lines[1], "try \\x1b]0;x\\x07");
			for (const l of lines) assert.doesNotMatch(l, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		}
	});
});
