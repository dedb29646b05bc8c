/**
 * fmt.Sprintf for template values: verbs %v %s %q %d %x %X %o %b %c %t %f %F %e %E %g %G %%,
 * flags `-+ 0#`, width and precision (also `*`), and Go's `%!d(float64=12)` forms for
 * wrong types, missing and extra arguments.
 */
import { EvalError, formatFloat, formatValue, type GoValue, goQuote, isMap, typeName } from "./values.js";

function bad(verb: string, v: GoValue): string {
	if (v === undefined || v === null) return `%!${verb}(<nil>)`;
	return `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}

interface Spec {
	minus: boolean;
	plus: boolean;
	zero: boolean;
	space: boolean;
	sharp: boolean;
	width: number | undefined;
	prec: number | undefined;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
	if (spec.width === undefined || s.length >= spec.width) return s;
	const n = spec.width - [...s].length;
	if (n <= 0) return s;
	if (spec.minus) return s + " ".repeat(n);
	if (spec.zero && numeric) {
		const sign = /^[+\- ]/.test(s) ? (s[0] as string) : "";
		return sign + "0".repeat(n) + s.slice(sign.length);
	}
	return " ".repeat(n) + s;
}

function sign(neg: boolean, spec: Spec): string {
	return neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
}

function fmtInt(v: bigint, verb: string, spec: Spec): string {
	const neg = v < 0n;
	const a = neg ? -v : v;
	let digits: string;
	let prefix = "";
	switch (verb) {
		case "d":
		case "v":
			digits = a.toString(10);
			break;
		case "x":
			digits = a.toString(16);
			if (spec.sharp) prefix = "0x";
			break;
		case "X":
			digits = a.toString(16).toUpperCase();
			if (spec.sharp) prefix = "0X";
			break;
		case "o":
			digits = a.toString(8);
			if (spec.sharp) prefix = "0";
			break;
		case "b":
			digits = a.toString(2);
			break;
		default:
			return bad(verb, v);
	}
	if (spec.prec !== undefined) digits = digits.padStart(spec.prec, "0");
	return pad(sign(neg, spec) + prefix + digits, spec, spec.prec === undefined);
}

/** toFixed with Go's rounding: an exact tie goes to the even digit (2.5 → "2"), not up. */
function toFixedEven(a: number, prec: number): string {
	if (a >= 1e21 || prec > 70) return a.toFixed(Math.min(prec, 100));
	const exact = a.toFixed(prec + 30);
	const dot = exact.indexOf(".");
	const cut = prec === 0 ? dot : dot + 1 + prec;
	const tail = exact.slice(dot + 1 + prec);
	if (/^50*$/.test(tail)) {
		const truncated = exact.slice(0, cut);
		const last = truncated.replace(".", "").at(-1) ?? "0";
		if (Number(last) % 2 === 0) return truncated;
	}
	return a.toFixed(prec);
}

function fmtFloat(v: number, verb: string, specIn: Spec): string {
	// JavaScript formats at most 100 digits after the point.
	const spec = specIn.prec !== undefined && specIn.prec > 100 ? { ...specIn, prec: 100 } : specIn;
	if (!Number.isFinite(v)) {
		const s = Number.isNaN(v) ? "NaN" : v > 0 ? `${spec.plus ? "+" : ""}Inf` : "-Inf";
		return pad(s, { ...spec, zero: false }, false);
	}
	const neg = v < 0 || Object.is(v, -0);
	const a = Math.abs(v);
	let body: string;
	switch (verb) {
		case "f":
		case "F":
			body = toFixedEven(a, spec.prec ?? 6);
			break;
		case "e":
		case "E": {
			const [m, e] = a.toExponential(spec.prec ?? 6).split("e") as [string, string];
			const n = Number(e);
			body = `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
			if (verb === "E") body = body.toUpperCase();
			break;
		}
		case "g":
		case "G":
		case "v":
			if (spec.prec === undefined) body = formatFloat(a);
			else {
				const p = spec.prec === 0 ? 1 : spec.prec;
				const exp = a === 0 ? 0 : Math.floor(Math.log10(Number(a.toExponential(p - 1))));
				if (exp < -4 || exp >= p) {
					const [m, e] = a.toExponential(p - 1).split("e") as [string, string];
					const n = Number(e);
					body = `${m.includes(".") ? m.replace(/\.?0+$/, "") : m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
				} else {
					body = a.toFixed(Math.max(0, p - 1 - exp));
					if (body.includes(".")) body = body.replace(/\.?0+$/, "");
				}
			}
			if (verb === "G") body = body.toUpperCase();
			break;
		default:
			return bad(verb, v);
	}
	return pad(sign(neg, spec) + body, spec, true);
}

function fmtString(s: string, verb: string, spec: Spec): string {
	switch (verb) {
		case "s":
		case "v": {
			const t = spec.prec === undefined ? s : [...s].slice(0, spec.prec).join("");
			return pad(t, { ...spec, zero: false }, false);
		}
		case "q":
			return pad(spec.sharp && !s.includes("`") ? `\`${s}\`` : goQuote(s), { ...spec, zero: false }, false);
		case "x":
		case "X": {
			let h = Buffer.from(s, "utf8").toString("hex");
			if (verb === "X") h = h.toUpperCase();
			return pad(h, { ...spec, zero: false }, false);
		}
		default:
			return bad(verb, s);
	}
}

/** The character of a rune; an invalid one is U+FFFD, as in Go. */
function rune(v: bigint): string {
	const n = Number(v);
	return n >= 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : "\uFFFD";
}

function fmtOne(v: GoValue, verb: string, spec: Spec): string {
	if (verb === "T") return pad(typeName(v), spec, false);
	if (v === undefined || v === null) return verb === "v" ? pad("<nil>", spec, false) : bad(verb, v);
	if (typeof v === "string") return fmtString(v, verb, spec);
	if (typeof v === "bigint") {
		if (verb === "c") return pad(rune(v), spec, false);
		if (verb === "q") return pad(`'${rune(v)}'`, spec, false);
		return fmtInt(v, verb, spec);
	}
	if (typeof v === "number") return fmtFloat(v, verb, spec);
	if (typeof v === "boolean") return verb === "t" || verb === "v" ? pad(String(v), { ...spec, zero: false }, false) : bad(verb, v);
	// Composites apply the verb to each element, as fmt does.
	const noWidth = { ...spec, width: undefined };
	if (Array.isArray(v)) return `[${v.map((x) => fmtOne(x, verb, noWidth)).join(" ")}]`;
	if (isMap(v))
		return `map[${Object.keys(v)
			.sort()
			.map((k) => `${fmtOne(k, verb, noWidth)}:${fmtOne(v[k], verb, noWidth)}`)
			.join(" ")}]`;
	return bad(verb, v);
}

/**
 * `maxWidth` bounds widths and precisions (`%*d` with a huge argument would otherwise build a
 * string of that size before the output limit could see it).
 */
export function sprintf(format: string, args: readonly GoValue[], maxWidth = Number.MAX_SAFE_INTEGER): string {
	let out = "";
	let argi = 0;
	let i = 0;
	while (i < format.length) {
		const pct = format.indexOf("%", i);
		if (pct < 0) {
			out += format.slice(i);
			break;
		}
		out += format.slice(i, pct);
		i = pct + 1;
		const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, prec: undefined };
		for (; i < format.length; i++) {
			const c = format[i];
			if (c === "-") spec.minus = true;
			else if (c === "+") spec.plus = true;
			else if (c === "0") spec.zero = !spec.minus;
			else if (c === " ") spec.space = true;
			else if (c === "#") spec.sharp = true;
			else break;
		}
		const num = (): number | undefined => {
			if (format[i] === "*") {
				i++;
				const a = args[argi++];
				return typeof a === "bigint" ? Number(a) : undefined;
			}
			const m = /^\d+/.exec(format.slice(i));
			if (!m) return undefined;
			i += m[0].length;
			return Number(m[0]);
		};
		spec.width = num();
		if (spec.width !== undefined && spec.width < 0) {
			spec.minus = true;
			spec.width = -spec.width;
		}
		if (format[i] === ".") {
			i++;
			spec.prec = num() ?? 0;
		}
		if ((spec.width ?? 0) > maxWidth || (spec.prec ?? 0) > maxWidth) throw new EvalError(`width or precision exceeds ${maxWidth} bytes (MAX_TEMPLATE_OUTPUT)`);
		if (i >= format.length) {
			out += "%!(NOVERB)";
			break;
		}
		const verb = String.fromCodePoint(format.codePointAt(i) as number);
		i += verb.length;
		if (verb === "%") {
			out += "%";
			continue;
		}
		if (argi >= args.length) {
			out += `%!${verb}(MISSING)`;
			continue;
		}
		out += fmtOne(args[argi++], verb, spec);
	}
	if (argi < args.length) {
		out += `%!(EXTRA ${args
			.slice(argi)
			.map((a) => (a === undefined || a === null ? "<nil>" : `${typeName(a)}=${formatValue(a)}`))
			.join(", ")})`;
	}
	return out;
}
