/**
 * The functions a go-template can call: text/template's builtins and the sprig functions
 * (github.com/Masterminds/sprig/v3, which oras registers) that make sense over JSON data.
 * Argument order follows sprig: `join "," .list`, `replace "old" "new" .s`, `contains "sub" .s`.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { sprintf } from "./printf.js";
import { EvalError, formatValue, type GoMap, goJSON, type GoValue, goQuote, isMap, truth, typeName } from "./values.js";

export type ParamKind = "any" | "string" | "int";

export interface FuncSpec {
	readonly params: readonly ParamKind[];
	readonly variadic?: ParamKind;
	readonly fn: (args: GoValue[], limits: { readonly maxOutput: number }) => GoValue;
	readonly lazy?: (args: Array<() => GoValue>) => GoValue;
}

const A = "any" as const;
const S = "string" as const;
const I = "int" as const;

function f(params: ParamKind[], fn: FuncSpec["fn"], variadic?: ParamKind): FuncSpec {
	return variadic === undefined ? { params, fn } : { params, fn, variadic };
}

// ---- comparisons (text/template's eq, lt, …) ----

type Kind = "bool" | "int" | "float" | "string" | "invalid";
function kindOf(v: GoValue): Kind {
	if (typeof v === "boolean") return "bool";
	if (typeof v === "bigint") return "int";
	if (typeof v === "number") return "float";
	if (typeof v === "string") return "string";
	return "invalid";
}
const isNil = (v: GoValue) => v === undefined || v === null;

function eq(a: GoValue, rest: GoValue[]): boolean {
	if (rest.length === 0) throw new EvalError("missing argument for comparison");
	const k1 = kindOf(a);
	for (const b of rest) {
		const k2 = kindOf(b);
		if (k1 !== k2) {
			if (!isNil(a) && !isNil(b)) throw new EvalError("incompatible types for comparison");
			continue;
		}
		if (k1 === "invalid") {
			if (isNil(a) || isNil(b)) {
				if (isNil(a) === isNil(b)) return true;
				continue;
			}
			throw new EvalError(`non-comparable type ${formatValue(a)}: ${typeName(a)}`);
		}
		if (a === b) return true;
	}
	return false;
}

function lt(a: GoValue, b: GoValue): boolean {
	const k1 = kindOf(a);
	const k2 = kindOf(b);
	if (k1 === "invalid" || k2 === "invalid" || k1 === "bool" || k2 === "bool") throw new EvalError("invalid type for comparison");
	if (k1 !== k2) throw new EvalError("incompatible types for comparison");
	return (a as string | number | bigint) < (b as string | number | bigint);
}

// ---- index, slice, len ----

function toIndex(v: GoValue, what: string): number {
	if (typeof v === "bigint") return Number(v);
	if (isNil(v)) throw new EvalError(`cannot index ${what} with nil`);
	throw new EvalError(`cannot index ${what} with type ${typeName(v)}`);
}

function index(item: GoValue, keys: GoValue[]): GoValue {
	if (isNil(item)) throw new EvalError("index of untyped nil");
	let cur: GoValue = item;
	for (const k of keys) {
		if (typeof cur === "string" || Array.isArray(cur)) {
			const bytes: Buffer | undefined = typeof cur === "string" ? Buffer.from(cur, "utf8") : undefined;
			const len = bytes ? bytes.length : (cur as GoValue[]).length;
			const x = toIndex(k, "slice/array");
			if (x < 0 || x >= len) throw new EvalError(`index out of range: ${x}`);
			cur = bytes ? BigInt(bytes[x] as number) : (cur as GoValue[])[x];
		} else if (isMap(cur)) {
			if (isNil(k)) throw new EvalError("value is nil; should be of type string");
			if (typeof k !== "string") throw new EvalError(`value has type ${typeName(k)}; should be string`);
			cur = Object.hasOwn(cur, k) ? cur[k] : null;
		} else if (isNil(cur)) {
			throw new EvalError("index of nil pointer");
		} else {
			throw new EvalError(`can't index item of type ${typeName(cur)}`);
		}
	}
	return cur;
}

function slice(item: GoValue, idx: GoValue[]): GoValue {
	if (isNil(item)) throw new EvalError("slice of untyped nil");
	if (idx.length > 3) throw new EvalError(`too many slice indexes: ${idx.length}`);
	if (typeof item === "string") {
		if (idx.length === 3) throw new EvalError("cannot 3-index slice a string");
		const b = Buffer.from(item, "utf8");
		const [i, j] = bounds(idx, b.length);
		return b.subarray(i, j).toString("utf8");
	}
	if (Array.isArray(item)) {
		const [i, j] = bounds(idx, item.length);
		return item.slice(i, j);
	}
	throw new EvalError(`can't slice item of type ${typeName(item)}`);
}

function bounds(idx: GoValue[], len: number): [number, number] {
	const i = idx.length > 0 ? toIndex(idx[0], "slice/array") : 0;
	const j = idx.length > 1 ? toIndex(idx[1], "slice/array") : len;
	if (i < 0 || i > len) throw new EvalError(`index out of range: ${i}`);
	if (j < 0 || j > len) throw new EvalError(`index out of range: ${j}`);
	if (i > j) throw new EvalError(`invalid slice index: ${i} > ${j}`);
	return [i, j];
}

function len(v: GoValue): bigint {
	if (isNil(v)) throw new EvalError("len of nil pointer");
	if (typeof v === "string") return BigInt(Buffer.byteLength(v));
	if (Array.isArray(v)) return BigInt(v.length);
	if (isMap(v)) return BigInt(Object.keys(v).length);
	throw new EvalError(`len of type ${typeName(v)}`);
}

// ---- fmt ----

/** fmt.Sprint: a space between operands when neither is a string. */
function sprint(args: GoValue[]): string {
	let out = "";
	args.forEach((a, i) => {
		if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
		out += formatValue(a);
	});
	return out;
}

// ---- sprig helpers ----

/** sprig's strval. */
function strval(v: GoValue): string {
	return typeof v === "string" ? v : formatValue(v);
}

/** sprig's strslice: a list's non-nil elements as strings; a scalar as a one-element list. */
function strslice(v: GoValue): string[] {
	if (Array.isArray(v)) return v.filter((x) => !isNil(x)).map(strval);
	if (isNil(v)) return [];
	return [strval(v)];
}

/** sprig's empty. */
function empty(v: GoValue): boolean {
	return !truth(v);
}

/** Go's int64 arithmetic wraps around. */
const i64 = (x: bigint) => BigInt.asIntN(64, x);

/** cast.ToInt64 as sprig's arithmetic uses it. */
function toInt64(v: GoValue): bigint {
	if (typeof v === "bigint") return i64(v);
	if (typeof v === "number") return Number.isFinite(v) ? i64(BigInt(Math.trunc(v))) : 0n;
	if (typeof v === "boolean") return v ? 1n : 0n;
	if (typeof v === "string") {
		const s = v.trim();
		if (/^[+-]?\d+$/.test(s)) return i64(BigInt(s));
		if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(s)) return s.startsWith("-") ? -BigInt(s.slice(1)) : BigInt(s.replace(/^\+/, ""));
		return 0n;
	}
	return 0n;
}

function toFloat64(v: GoValue): number {
	if (typeof v === "number") return v;
	if (typeof v === "bigint") return Number(v);
	if (typeof v === "boolean") return v ? 1 : 0;
	if (typeof v === "string") {
		const n = Number(v.trim());
		return v.trim() === "" || Number.isNaN(n) ? 0 : n;
	}
	return 0;
}

function list(v: GoValue, fn: string): GoValue[] {
	if (Array.isArray(v)) return v;
	throw new EvalError(`Cannot find ${fn} on type ${typeName(v)}`);
}

function mustMap(v: GoValue, fn: string): GoMap {
	if (isMap(v)) return v;
	throw new EvalError(`wrong type for value; expected map[string]interface {}; got ${typeName(v)} (in ${fn})`);
}

function deepEqual(a: GoValue, b: GoValue): boolean {
	return goJSON(a) === goJSON(b) && typeName(a) === typeName(b);
}

function title(s: string): string {
	return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

function checkSize(n: number, limits: { readonly maxOutput: number }): void {
	if (n > limits.maxOutput) throw new EvalError(`result exceeds ${limits.maxOutput} bytes (MAX_TEMPLATE_OUTPUT)`);
}

function html(s: string): string {
	return s.replace(/[<>&'"\0]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;", "\0": "\uFFFD" })[c] as string);
}

function regex(pattern: string): RegExp {
	try {
		return new RegExp(pattern, "u");
	} catch (e) {
		throw new EvalError(`error parsing regexp: ${(e as Error).message}`);
	}
}

/** `and`/`or`: arguments are evaluated left to right until one decides (its truth equals `stopOn`). */
function shortCircuit(stopOn: boolean): FuncSpec {
	return {
		params: [A],
		variadic: A,
		fn: () => null,
		lazy: (args) => {
			let v: GoValue = undefined;
			for (const a of args) {
				v = a();
				if (truth(v) === stopOn) return v;
			}
			return v;
		},
	};
}

const s = (v: GoValue) => v as string;
const n = (v: GoValue) => Number(v as bigint);

export const FUNCS: ReadonlyMap<string, FuncSpec> = new Map<string, FuncSpec>([
	// text/template builtins
	["and", shortCircuit(false)],
	["or", shortCircuit(true)],
	["not", f([A], ([v]) => !truth(v))],
	["len", f([A], ([v]) => len(v))],
	["index", f([A], ([v, ...k]) => index(v, k), A)],
	["slice", f([A], ([v, ...k]) => slice(v, k), A)],
	["print", f([], (a) => sprint(a), A)],
	["printf", f([S], ([fmt, ...a], lim) => sprintf(s(fmt), a, lim.maxOutput), A)],
	["println", f([], (a) => `${a.map(formatValue).join(" ")}\n`, A)],
	["eq", f([A], ([a, ...b]) => eq(a, b), A)],
	["ne", f([A, A], ([a, b]) => !eq(a, [b]))],
	["lt", f([A, A], ([a, b]) => lt(a, b))],
	["le", f([A, A], ([a, b]) => lt(a, b) || eq(a, [b]))],
	["gt", f([A, A], ([a, b]) => !(lt(a, b) || eq(a, [b])))],
	["ge", f([A, A], ([a, b]) => !lt(a, b))],
	["html", f([], (a) => html(sprint(a)), A)],
	["urlquery", f([], (a) => encodeURIComponent(sprint(a)).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${(c.codePointAt(0) as number).toString(16).toUpperCase()}`), A)],
	["js", f([], (a) => JSON.stringify(sprint(a)).slice(1, -1).replace(/'/g, "\\'").replace(/</g, "\\u003C").replace(/>/g, "\\u003E").replace(/&/g, "\\u0026").replace(/=/g, "\\u003D"), A)],
	[
		"call",
		f(
			[A],
			([fn]) => {
				throw new EvalError(`non-function ${formatValue(fn)} of type ${typeName(fn)}`);
			},
			A,
		),
	],
	// sprig: strings
	["upper", f([S], ([v]) => s(v).toUpperCase())],
	["lower", f([S], ([v]) => s(v).toLowerCase())],
	["title", f([S], ([v]) => title(s(v)))],
	["trim", f([S], ([v]) => s(v).trim())],
	["trimAll", f([S, S], ([cut, v]) => trimCut(s(v), s(cut)))],
	["trimPrefix", f([S, S], ([p, v]) => (s(v).startsWith(s(p)) ? s(v).slice(s(p).length) : s(v)))],
	["trimSuffix", f([S, S], ([p, v]) => (s(p) !== "" && s(v).endsWith(s(p)) ? s(v).slice(0, -s(p).length) : s(v)))],
	["contains", f([S, S], ([sub, v]) => s(v).includes(s(sub)))],
	["hasPrefix", f([S, S], ([p, v]) => s(v).startsWith(s(p)))],
	["hasSuffix", f([S, S], ([p, v]) => s(v).endsWith(s(p)))],
	["replace", f([S, S, S], ([o, nw, v]) => (s(o) === "" ? s(v) : s(v).split(s(o)).join(s(nw))))],
	[
		"repeat",
		f([I, S], ([c, v], lim) => {
			const count = Math.max(0, n(c));
			checkSize(count * Buffer.byteLength(s(v)), lim);
			return s(v).repeat(count);
		}),
	],
	[
		"substr",
		f([I, I, S], ([a, b, v]) => {
			const str = s(v);
			const start = n(a);
			const end = n(b);
			if (start < 0) return str.slice(0, end);
			if (end < 0 || end > str.length) return str.slice(start);
			return str.slice(start, end);
		}),
	],
	[
		"trunc",
		f([I, S], ([c, v]) => {
			const str = s(v);
			const k = n(c);
			if (k < 0 && str.length + k > 0) return str.slice(str.length + k);
			if (k >= 0 && str.length > k) return str.slice(0, k);
			return str;
		}),
	],
	["abbrev", f([I, S], ([w, v]) => (n(w) < 4 || s(v).length <= n(w) ? s(v) : `${s(v).slice(0, n(w) - 3)}...`))],
	["quote", f([], (a) => a.filter((x) => !isNil(x)).map((x) => goQuote(strval(x))).join(" "), A)],
	["squote", f([], (a) => a.filter((x) => !isNil(x)).map((x) => `'${strval(x)}'`).join(" "), A)],
	["cat", f([], (a) => a.filter((x) => !isNil(x)).map(formatValue).join(" "), A)],
	["indent", f([I, S], ([c, v], lim) => indent(n(c), s(v), lim))],
	["nindent", f([I, S], ([c, v], lim) => `\n${indent(n(c), s(v), lim)}`)],
	["nospace", f([S], ([v]) => s(v).replace(/\s+/gu, ""))],
	["split", f([S, S], ([sep, v]) => Object.fromEntries(s(v).split(s(sep)).map((p, i) => [`_${i}`, p])))],
	["splitList", f([S, S], ([sep, v]) => s(v).split(s(sep)))],
	["join", f([S, A], ([sep, v]) => strslice(v).join(s(sep)))],
	["sortAlpha", f([A], ([v]) => strslice(v).sort())],
	["toString", f([A], ([v]) => strval(v))],
	["toStrings", f([A], ([v]) => strslice(v))],
	["b64enc", f([S], ([v]) => Buffer.from(s(v), "utf8").toString("base64"))],
	["b64dec", f([S], ([v]) => Buffer.from(s(v), "base64").toString("utf8"))],
	["sha256sum", f([S], ([v]) => createHash("sha256").update(s(v)).digest("hex"))],
	["sha1sum", f([S], ([v]) => createHash("sha1").update(s(v)).digest("hex"))],
	["base", f([S], ([v]) => (s(v) === "" ? "." : posix.basename(s(v)) || "/"))],
	["dir", f([S], ([v]) => posix.dirname(s(v)))],
	["ext", f([S], ([v]) => posix.extname(s(v)))],
	["clean", f([S], ([v]) => (s(v) === "" ? "." : posix.normalize(s(v)).replace(/(.)\/$/, "$1")))],
	["regexMatch", f([S, S], ([re, v]) => regex(s(re)).test(s(v)))],
	["regexFind", f([S, S], ([re, v]) => regex(s(re)).exec(s(v))?.[0] ?? "")],
	["regexReplaceAll", f([S, S, S], ([re, v, r]) => s(v).replace(new RegExp(regex(s(re)).source, "gu"), s(r).replace(/\$\{?(\w+)\}?/g, "$$<$1>").replace(/\$<(\d+)>/g, "$$$1")))],
	// sprig: defaults and JSON
	["default", f([A], ([d, ...given]) => (given.length === 0 || empty(given[0]) ? d : given[0]), A)],
	["empty", f([A], ([v]) => empty(v))],
	["coalesce", f([], (a) => a.find((x) => !empty(x)) ?? null, A)],
	["ternary", f([A, A, A], ([t, e, c]) => (c === true ? t : e))],
	["toJson", f([A], ([v]) => goJSON(v))],
	["json", f([A], ([v]) => goJSON(v))],
	["toRawJson", f([A], ([v]) => goJSON(v, { raw: true }))],
	["toPrettyJson", f([A], ([v]) => goJSON(v, { indent: true }))],
	["typeOf", f([A], ([v]) => typeName(v))],
	// sprig: lists and dicts
	["list", f([], (a) => a, A)],
	["first", f([A], ([v]) => list(v, "first")[0] ?? null)],
	["last", f([A], ([v]) => list(v, "last").at(-1) ?? null)],
	["rest", f([A], ([v]) => (list(v, "rest").length === 0 ? null : list(v, "rest").slice(1)))],
	["initial", f([A], ([v]) => (list(v, "initial").length === 0 ? null : list(v, "initial").slice(0, -1)))],
	["reverse", f([A], ([v]) => [...list(v, "reverse")].reverse())],
	["uniq", f([A], ([v]) => list(v, "uniq").filter((x, i, arr) => arr.findIndex((y) => deepEqual(x, y)) === i))],
	["compact", f([A], ([v]) => list(v, "compact").filter((x) => !empty(x)))],
	["has", f([A, A], ([needle, v]) => (isNil(v) ? false : list(v, "has").some((x) => deepEqual(x, needle))))],
	["without", f([A], ([v, ...omit]) => list(v, "without").filter((x) => !omit.some((o) => deepEqual(x, o))), A)],
	["append", f([A, A], ([v, x]) => [...list(v, "append"), x])],
	["push", f([A, A], ([v, x]) => [...list(v, "push"), x])],
	["prepend", f([A, A], ([v, x]) => [x, ...list(v, "prepend")])],
	["concat", f([], (a) => a.flatMap((x) => (Array.isArray(x) ? x : [])), A)],
	[
		"dict",
		f(
			[],
			(a) => {
				const d: GoMap = {};
				for (let i = 0; i < a.length; i += 2) d[strval(a[i])] = i + 1 < a.length ? a[i + 1] : "";
				return d;
			},
			A,
		),
	],
	["keys", f([], (a) => a.flatMap((d) => Object.keys(mustMap(d, "keys"))).sort(), A)],
	["values", f([A], ([d]) => Object.values(mustMap(d, "values")))],
	["get", f([A, S], ([d, k]) => (Object.hasOwn(mustMap(d, "get"), s(k)) ? (d as GoMap)[s(k)] : ""))],
	["hasKey", f([A, S], ([d, k]) => Object.hasOwn(mustMap(d, "hasKey"), s(k)))],
	["pluck", f([S], ([k, ...ds]) => ds.filter((d) => isMap(d) && Object.hasOwn(d, s(k))).map((d) => (d as GoMap)[s(k)]), A)],
	// sprig: numbers
	["add", f([], (a) => a.reduce<bigint>((acc, x) => i64(acc + toInt64(x)), 0n), A)],
	["add1", f([A], ([v]) => i64(toInt64(v) + 1n))],
	["sub", f([A, A], ([a, b]) => i64(toInt64(a) - toInt64(b)))],
	["mul", f([A], (a) => a.reduce<bigint>((acc, x) => i64(acc * toInt64(x)), 1n), A)],
	["div", f([A, A], ([a, b]) => divide(toInt64(a), toInt64(b), false))],
	["mod", f([A, A], ([a, b]) => divide(toInt64(a), toInt64(b), true))],
	["max", f([A], (a) => a.map(toInt64).reduce((x, y) => (y > x ? y : x)), A)],
	["min", f([A], (a) => a.map(toInt64).reduce((x, y) => (y < x ? y : x)), A)],
	["int", f([A], ([v]) => toInt64(v))],
	["int64", f([A], ([v]) => toInt64(v))],
	["float64", f([A], ([v]) => toFloat64(v))],
	["atoi", f([S], ([v]) => (/^[+-]?\d+$/.test(s(v)) ? BigInt(s(v)) : 0n))],
	["round", f([A, I], ([v, p]) => Math.round(toFloat64(v) * 10 ** n(p)) / 10 ** n(p))],
]);

function divide(a: bigint, b: bigint, mod: boolean): bigint {
	if (b === 0n) throw new EvalError("runtime error: integer divide by zero");
	return i64(mod ? a % b : a / b);
}

function indent(count: number, v: string, limits: { readonly maxOutput: number }): string {
	checkSize(count, limits);
	const pad = " ".repeat(Math.max(0, count));
	return pad + v.split("\n").join(`\n${pad}`);
}

function trimCut(v: string, cut: string): string {
	const set = new Set([...cut]);
	const chars = [...v];
	let i = 0;
	let j = chars.length;
	while (i < j && set.has(chars[i] as string)) i++;
	while (j > i && set.has(chars[j - 1] as string)) j--;
	return chars.slice(i, j).join("");
}
