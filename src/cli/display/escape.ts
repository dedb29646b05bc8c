/**
 * Names that come from a registry or an artifact (layer titles, annotations, artifact types,
 * tags, media types, error messages quoting them) are printed through `printable()`, so that they
 * cannot move the cursor, change colours or fake status lines.
 *
 * A string without control characters is printed as is (so ordinary names look exactly as oras
 * prints them). Otherwise every C0 control (U+0000–U+001F), DEL, C1 control (U+0080–U+009F),
 * U+2028/U+2029 and the bidirectional formatting characters (U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069, U+061C: every Bidi_Control character) is written as Go's `%q` would: `\n`, `\r`, `\t`, `\x1b`, `\u202e`; the backslash
 * is then doubled, so an escaped name cannot be confused with one that holds a literal `\x1b`.
 * JSON output is left to `JSON.stringify`, and go-template output stays raw (the user chose the
 * exact bytes).
 */
/** The characters above, as the body of a regular-expression character class. */
export const UNSAFE_CHARS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
const UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`);
const UNSAFE_OR_BACKSLASH = new RegExp(`[\\\\${UNSAFE_CHARS}]`, "g");

export function hasUnsafeText(s: string): boolean {
	return UNSAFE.test(s);
}

export function printable(s: string): string {
	if (!UNSAFE.test(s)) return s;
	return s.replace(UNSAFE_OR_BACKSLASH, (c) => {
		switch (c) {
			case "\\":
				return "\\\\";
			case "\n":
				return "\\n";
			case "\r":
				return "\\r";
			case "\t":
				return "\\t";
			default:
				return hexEscape(c);
		}
	});
}

/** `\xHH` for a code unit up to U+00FF, else `\uHHHH` (Go, YAML and JS all read these). */
export function hexEscape(c: string): string {
	const code = c.charCodeAt(0);
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `printable()` for each line of a multi-line text (stack traces), keeping the line breaks. */
export function printableLines(s: string): string {
	return s.split("\n").map(printable).join("\n");
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text shown inside text output (discover's table): the characters `JSON.stringify` leaves raw
 * but a terminal may act on (DEL, C1, line/paragraph separators, bidi controls) become `\uXXXX`
 * escapes, which decode to the same value. `--format json` output is not passed through this.
 */
export function printableJSON(json: string): string {
	return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
