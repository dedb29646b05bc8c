/**
 * JSON encoding with Go's encoding/json rules, because digests depend on the exact bytes:
 * compact, struct fields in declaration order, map keys sorted bytewise, empty optional
 * fields omitted, `<`, `>`, `&`, U+2028 and U+2029 escaped, lone surrogates become `\ufffd`.
 */
import { OrasError, type OrasErrorCode } from "../errors.js";
import type { Descriptor, Platform } from "./descriptor.js";
import type { ImageIndex, ImageManifest } from "./manifest.js";

function escapeUnsafe(c: string): string {
	return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * A JSON string as Go writes it: `"` and `\\` escaped, `\b \f \n \r \t` short, other
 * control characters `\u00xx`, `<`, `>`, `&`, U+2028, U+2029 as `\u003c`…, and lone
 * surrogates as `\ufffd` (what Go writes for invalid UTF-8). Everything else is raw UTF-8.
 */
export function goString(s: string): string {
	// JSON.stringify already escapes quotes, backslashes and control characters exactly as Go
	// (Go ≥ 1.22 writes \b and \f short) and lone surrogates as \udxxx, which we rewrite
	// (a lone surrogate has no UTF-8 form; Go writes invalid UTF-8 as the escape \ufffd).
	// An escaped backslash is matched first so that a literal `\\ud800` is left alone.
	return JSON.stringify(s).replace(/\\u(d[89a-f][0-9a-f]{2})|\\\\|[<>&\u2028\u2029]/g, (m, sur: string | undefined) => {
		if (sur !== undefined) return "\\ufffd";
		if (m === "\\\\") return m;
		return escapeUnsafe(m);
	});
}

function compareBytewise(a: string, b: string): number {
	const ba = Buffer.from(a, "utf8");
	const bb = Buffer.from(b, "utf8");
	return Buffer.compare(ba, bb);
}

export function goStringMap(m: Readonly<Record<string, string>>): string {
	const keys = Object.keys(m).sort(compareBytewise);
	return `{${keys.map((k) => `${goString(k)}:${goString(m[k] as string)}`).join(",")}}`;
}

/** Encodes any JSON value the way Go encodes a generic `map[string]any` (keys sorted, numbers as float64). */
export function goValue(v: unknown): string {
	if (v === null || v === undefined) return "null";
	if (typeof v === "string") return goString(v);
	if (typeof v === "boolean") return v ? "true" : "false";
	if (typeof v === "number") return goFloat(v);
	if (Array.isArray(v)) return `[${v.map(goValue).join(",")}]`;
	if (typeof v === "object") {
		const o = v as Record<string, unknown>;
		const keys = Object.keys(o).sort(compareBytewise);
		return `{${keys.map((k) => `${goString(k)}:${goValue(o[k])}`).join(",")}}`;
	}
	return "null";
}

/** Go's float64 formatting in encoding/json ('f' below 1e21, exponent form with at least two digits above). */
function goFloat(n: number): string {
	if (!Number.isFinite(n)) return "null";
	if (Object.is(n, -0)) return "-0";
	const abs = Math.abs(n);
	// Go uses strconv's shortest 'e' form outside [1e-6, 1e21) and cleans "e-07" to "e-7";
	// JavaScript's toExponential() is the same shortest form with that exponent already.
	if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n.toExponential();
	return String(n);
}

function fields(parts: Array<[string, string | undefined]>): string {
	return `{${parts
		.filter((p): p is [string, string] => p[1] !== undefined)
		.map(([k, v]) => `${goString(k)}:${v}`)
		.join(",")}}`;
}

function nonEmptyMap(m: Readonly<Record<string, string>> | undefined): string | undefined {
	return m && Object.keys(m).length > 0 ? goStringMap(m) : undefined;
}

export function encodePlatform(p: Platform): string {
	const features = p["os.features"];
	return fields([
		["architecture", goString(p.architecture)],
		["os", goString(p.os)],
		["os.version", p["os.version"] ? goString(p["os.version"]) : undefined],
		["os.features", features && features.length > 0 ? `[${features.map(goString).join(",")}]` : undefined],
		["variant", p.variant ? goString(p.variant) : undefined],
	]);
}

export function encodeDescriptor(d: Descriptor): string {
	return fields([
		["mediaType", goString(d.mediaType)],
		["digest", goString(d.digest)],
		["size", String(d.size)],
		["urls", d.urls && d.urls.length > 0 ? `[${d.urls.map(goString).join(",")}]` : undefined],
		["annotations", nonEmptyMap(d.annotations)],
		["data", d.data ? goString(d.data) : undefined],
		["platform", d.platform ? encodePlatform(d.platform) : undefined],
		["artifactType", d.artifactType ? goString(d.artifactType) : undefined],
	]);
}

export function encodeManifest(m: ImageManifest): string {
	return fields([
		["schemaVersion", String(m.schemaVersion)],
		["mediaType", m.mediaType ? goString(m.mediaType) : undefined],
		["artifactType", m.artifactType ? goString(m.artifactType) : undefined],
		["config", encodeDescriptor(m.config)],
		["layers", `[${m.layers.map(encodeDescriptor).join(",")}]`],
		["subject", m.subject ? encodeDescriptor(m.subject) : undefined],
		["annotations", nonEmptyMap(m.annotations)],
	]);
}

export function encodeIndex(i: ImageIndex): string {
	return fields([
		["schemaVersion", String(i.schemaVersion)],
		["mediaType", i.mediaType ? goString(i.mediaType) : undefined],
		["artifactType", i.artifactType ? goString(i.artifactType) : undefined],
		["manifests", `[${i.manifests.map(encodeDescriptor).join(",")}]`],
		["subject", i.subject ? encodeDescriptor(i.subject) : undefined],
		["annotations", nonEmptyMap(i.annotations)],
	]);
}

/**
 * The deepest nesting of arrays and objects accepted in JSON that comes from outside
 * (registries, clients of `serve`, files). Go's encoding/json stops at 10,000; Node's own
 * `JSON.stringify` overflows its stack near 5,000 levels and recursive code sooner, while real
 * manifests nest fewer than 10 levels. Checked by a byte scan before anything is built.
 */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * The nesting depth of JSON text, counting `[` and `{` outside strings (one pass over the
 * bytes, nothing allocated). Stops as soon as the depth passes `stopAbove` and returns it.
 * Multi-byte UTF-8 never contains these ASCII bytes, so bytes are scanned, not characters.
 * For invalid JSON the count is exact up to the first syntax error (where a parser stops too).
 */
export function jsonDepth(raw: Uint8Array | string, stopAbove = Number.POSITIVE_INFINITY): number {
	const b = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
	let depth = 0;
	let max = 0;
	for (let i = 0; i < b.length; i++) {
		const c = b[i] as number;
		if (c === QUOTE) {
			// A string: jump to its closing quote (one not escaped, i.e. after an even run of backslashes).
			// Strings are most of a manifest's bytes; indexOf skips them natively.
			for (;;) {
				const q = b.indexOf(QUOTE, i + 1);
				if (q < 0) return max;
				let k = q - 1;
				while (b[k] === BACKSLASH) k--;
				i = q;
				if ((q - 1 - k) % 2 === 0) break;
			}
		} else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
			if (++depth > max) {
				max = depth;
				if (max > stopAbove) return max;
			}
		} else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) {
			depth--;
		}
	}
	return max;
}

/** Throws `code` when JSON text nests deeper than `max` (default `MAX_JSON_DEPTH`) levels. */
export function checkJSONDepth(raw: Uint8Array | string, what: string, code: OrasErrorCode = "INVALID_ARGUMENT", max = MAX_JSON_DEPTH): void {
	if (jsonDepth(raw, max) > max) throw new OrasError(code, `${what}: JSON nested deeper than ${max} levels`);
}

/** `JSON.parse` of outside input: nesting checked first (`checkJSONDepth`), errors as one-line `code`. */
export function parseJSON(raw: Uint8Array | string, what: string, code: OrasErrorCode = "INVALID_ARGUMENT"): unknown {
	checkJSONDepth(raw, what, code);
	try {
		return JSON.parse(typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: false }).decode(raw));
	} catch (err) {
		throw new OrasError(code, `${what}: invalid JSON: ${(err as Error).message}`, { cause: err });
	}
}

/**
 * Go's `json.Indent(dst, src, "", "  ")` plus the trailing newline oras prints: tokens are
 * copied byte for byte (escapes and key order are kept), insignificant whitespace is
 * dropped, every element goes on its own line, and `{}` / `[]` stay compact.
 * Invalid JSON is INVALID_ARGUMENT.
 */
export function prettyJSON(compact: string): string {
	checkJSONDepth(compact, "JSON");
	try {
		JSON.parse(compact);
	} catch (err) {
		throw new OrasError("INVALID_ARGUMENT", `invalid JSON: ${(err as Error).message}`, { cause: err });
	}
	return indentJSON(compact);
}

/** `prettyJSON` of JSON known to be valid (e.g. built by `goValue`): laid out without scanning and parsing it first. */
export function indentJSON(compact: string): string {
	let out = "";
	let depth = 0;
	let needIndent = false;
	const newline = (): string => `\n${"  ".repeat(depth)}`;
	for (let i = 0; i < compact.length; i++) {
		const c = compact[i] as string;
		if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
		if (needIndent && c !== "]" && c !== "}") {
			needIndent = false;
			depth++;
			out += newline();
		}
		if (c === '"') {
			let j = i + 1;
			while (j < compact.length && compact[j] !== '"') j += compact[j] === "\\" ? 2 : 1;
			out += compact.slice(i, j + 1);
			i = j;
		} else if (c === "{" || c === "[") {
			out += c;
			needIndent = true;
		} else if (c === "}" || c === "]") {
			if (needIndent) needIndent = false;
			else {
				depth--;
				out += newline();
			}
			out += c;
		} else if (c === ",") {
			out += `,${newline()}`;
		} else if (c === ":") {
			out += ": ";
		} else {
			out += c;
		}
	}
	return `${out}\n`;
}

/** The `oci-layout` file of an image layout: `{"imageLayoutVersion":"1.0.0"}`. */
export function encodeImageLayout(version = "1.0.0"): string {
	return fields([["imageLayoutVersion", goString(version)]]);
}
