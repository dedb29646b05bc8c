/**
 * Red-team case of issue 11 for printed names: every character with Unicode's Bidi_Control
 * property (U+061C ARABIC LETTER MARK among them, not only the U+200E/U+202x/U+206x ones) can
 * reorder what a terminal shows ("Trojan Source"), so a layer title holding one must be escaped.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printable, printableJSON } from "../../../src/cli/display/escape.js";
import { yamlPair } from "../../../src/cli/display/tree.js";

const BIDI_CONTROLS = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];

describe("printable and every Bidi_Control character", () => {
	it("escapes each one, in text, in JSON shown inside text and in discover's YAML tree", () => {
		for (const c of BIDI_CONTROLS) {
			const hex = c.charCodeAt(0).toString(16).padStart(4, "0");
			assert.ok(/^\p{Bidi_Control}$/u.test(c), hex);
			assert.equal(printable(`evil${c}txt.exe`), `evil\\u${hex}txt.exe`);
			assert.equal(printableJSON(JSON.stringify(`a${c}b`)), `"a\\u${hex}b"`);
			// discover's tree (annotations as YAML)
			assert.equal(yamlPair("k", `v${c}`), `k: "v\\u${hex}"`);
		}
	});
});
