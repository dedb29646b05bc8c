import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { splitArgs } from "../../../action/src/args.js";

describe("action args splitting", () => {
	it("splits on spaces, tabs and newlines", () => {
		assert.deepEqual(splitArgs("  push\tghcr.io/a/b:v1 \n  file.txt\r\n"), ["push", "ghcr.io/a/b:v1", "file.txt"]);
		assert.deepEqual(splitArgs(""), []);
		assert.deepEqual(splitArgs(" \n "), []);
	});

	it("quotes and escapes as a POSIX shell does", () => {
		assert.deepEqual(splitArgs(`push r:v1 'a b.txt:text/plain' "c d" e\\ f`), ["push", "r:v1", "a b.txt:text/plain", "c d", "e f"]);
		assert.deepEqual(splitArgs(`-a "k=v with \\"quotes\\"" -a 'it''s' ""`), ["-a", 'k=v with "quotes"', "-a", "its", ""]);
		assert.deepEqual(splitArgs(`"a\\nb" 'a\\nb' a\\\\b "$HOME" '$(x)'`), ["a\\nb", "a\\nb", "a\\b", "$HOME", "$(x)"]);
		assert.deepEqual(splitArgs("push \\\n  r:v1"), ["push", "r:v1"]);
		assert.deepEqual(splitArgs(`x"y"'z'`), ["xyz"]);
	});

	it("agrees with sh on a mixed line", () => {
		const line = `push "r:v 1" 'x"y' a\\'b "p\\$q" -a 'k=v' "tab	in"`;
		const sh = spawnSync("sh", ["-c", `for a in ${line}; do printf '%s\\0' "$a"; done`], { encoding: "utf8" });
		assert.equal(sh.status, 0);
		assert.deepEqual(splitArgs(line), sh.stdout.split("\0").slice(0, -1));
	});

	it("rejects unterminated quotes and a trailing backslash", () => {
		assert.throws(() => splitArgs(`push 'open`), /unterminated single quote/);
		assert.throws(() => splitArgs(`push "open`), /unterminated double quote/);
		assert.throws(() => splitArgs(`push \\`), /backslash ends the input/);
	});
});
