/**
 * Template values as Go's text/template sees oras's data (JSON decoded into `any`):
 * `undefined` = an invalid value (missing map key), `null` = a nil interface, `number` = float64,
 * `bigint` = int (template literals, `len`, sprig arithmetic), arrays = `[]interface {}`,
 * plain objects = `map[string]interface {}`.
 */
export { goQuote } from "../../../registry/transport/trace.js";

export type GoValue = undefined | null | string | number | bigint | boolean | GoValue[] | GoMap;
export interface GoMap {
	[key: string]: GoValue;
}

/** The error of a template: one line, already in Go's words (`template: format output:1: …`). */
export class TemplateError extends Error {}

/** A failure inside a function; the evaluator adds the position and context. */
export class EvalError extends Error {}

export const TEMPLATE_NAME = "format output";

export function isMap(v: GoValue): v is GoMap {
	return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Go's type name for a value, as used in error messages and `%!verb(type=value)`. */
export function typeName(v: GoValue): string {
	if (v === undefined || v === null) return "<nil>";
	if (typeof v === "string") return "string";
	if (typeof v === "number") return "float64";
	if (typeof v === "bigint") return "int";
	if (typeof v === "boolean") return "bool";
	if (Array.isArray(v)) return "[]interface {}";
	return "map[string]interface {}";
}

/** strconv.FormatFloat(x, 'g', -1, 64), which is what %v prints for a float64. */
export function formatFloat(x: number): string {
	if (Number.isNaN(x)) return "NaN";
	if (x === Infinity) return "+Inf";
	if (x === -Infinity) return "-Inf";
	if (x === 0) return Object.is(x, -0) ? "-0" : "0";
	const [mant, expStr] = x.toExponential().split("e") as [string, string];
	const exp = Number(expStr);
	if (exp < -4 || exp >= 21 || exp >= 6) {
		const abs = Math.abs(exp);
		return `${mant}e${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
	}
	return String(x);
}

/** fmt's %v (and Sprint) of one value; nil inside composites prints `<nil>`. */
export function formatValue(v: GoValue): string {
	if (v === undefined || v === null) return "<nil>";
	if (typeof v === "string") return v;
	if (typeof v === "number") return formatFloat(v);
	if (typeof v === "bigint" || typeof v === "boolean") return String(v);
	if (Array.isArray(v)) return `[${v.map(formatValue).join(" ")}]`;
	return `map[${Object.keys(v)
		.sort()
		.map((k) => `${k}:${formatValue(v[k])}`)
		.join(" ")}]`;
}

/** What `{{pipeline}}` prints: a nil/missing result is `<no value>`. */
export function printValue(v: GoValue): string {
	return v === undefined || v === null ? "<no value>" : formatValue(v);
}

/** text/template's truth: non-zero numbers, non-empty strings/lists/maps, true. */
export function truth(v: GoValue): boolean {
	if (v === undefined || v === null) return false;
	if (typeof v === "string") return v.length > 0;
	if (typeof v === "number") return v !== 0;
	if (typeof v === "bigint") return v !== 0n;
	if (typeof v === "boolean") return v;
	if (Array.isArray(v)) return v.length > 0;
	return Object.keys(v).length > 0;
}

function encodeJSON(v: GoValue, indent: string, depth: number): string {
	if (v === undefined || v === null) return "null";
	if (typeof v === "bigint") return v.toString();
	if (typeof v === "number") return Number.isFinite(v) ? JSON.stringify(v) : "null";
	if (typeof v !== "object") return JSON.stringify(v);
	const nl = indent === "" ? "" : `\n${indent.repeat(depth + 1)}`;
	const end = indent === "" ? "" : `\n${indent.repeat(depth)}`;
	const sep = indent === "" ? ":" : ": ";
	const items = Array.isArray(v)
		? v.map((x) => encodeJSON(x, indent, depth + 1))
		: Object.keys(v)
				.sort()
				.map((k) => `${JSON.stringify(k)}${sep}${encodeJSON(v[k], indent, depth + 1)}`);
	const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
	return items.length === 0 ? `${open}${close}` : `${open}${nl}${items.join(`,${nl}`)}${end}${close}`;
}

/** encoding/json's Marshal (sorted map keys, HTML-safe escaping unless `raw`), optionally indented by two spaces. */
export function goJSON(v: GoValue, opts: { indent?: boolean; raw?: boolean } = {}): string {
	const s = encodeJSON(v, opts.indent ? "  " : "", 0);
	const special = opts.raw ? /[\u2028\u2029]/g : /[<>&\u2028\u2029]/g;
	return s.replace(special, (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`);
}

/** A Go value from a JSON model: numbers become float64, as oras's template data is. */
export function fromJSON(model: unknown): GoValue {
	return JSON.parse(JSON.stringify(model) ?? "null") as GoValue;
}
