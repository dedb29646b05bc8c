/**
 * A small subset of Go's text/template over the JSON model, enough for the common oras
 * uses: `{{.field}}`, `{{.a.b}}`, `{{range .list}}...{{end}}`, `{{json .x}}`/`{{toJson .x}}`,
 * `{{println ...}}`. Numbers print as Go prints float64 values.
 */
import { OrasError } from "../../errors.js";

type Node = { t: "text"; v: string } | { t: "expr"; v: string } | { t: "range"; expr: string; body: Node[] } | { t: "if"; expr: string; body: Node[]; else: Node[] };

function tokenize(tpl: string): Array<{ text?: string; action?: string }> {
	const out: Array<{ text?: string; action?: string }> = [];
	let i = 0;
	while (i < tpl.length) {
		const open = tpl.indexOf("{{", i);
		if (open < 0) {
			out.push({ text: tpl.slice(i) });
			break;
		}
		if (open > i) out.push({ text: tpl.slice(i, open) });
		const close = tpl.indexOf("}}", open + 2);
		if (close < 0) throw new OrasError("INVALID_ARGUMENT", "template: unclosed action");
		let action = tpl.slice(open + 2, close);
		let trimLeft = false;
		let trimRight = false;
		if (action.startsWith("- ")) {
			trimLeft = true;
			action = action.slice(2);
		}
		if (action.endsWith(" -")) {
			trimRight = true;
			action = action.slice(0, -2);
		}
		if (trimLeft) {
			const last = out.at(-1);
			if (last?.text !== undefined) last.text = last.text.replace(/\s+$/, "");
		}
		out.push({ action: action.trim() });
		i = close + 2;
		if (trimRight) while (i < tpl.length && /\s/.test(tpl[i] as string)) i++;
	}
	return out;
}

function parse(tokens: Array<{ text?: string; action?: string }>): Node[] {
	let pos = 0;
	const block = (): { nodes: Node[]; end: string } => {
		const nodes: Node[] = [];
		while (pos < tokens.length) {
			const tok = tokens[pos++] as { text?: string; action?: string };
			if (tok.text !== undefined) {
				nodes.push({ t: "text", v: tok.text });
				continue;
			}
			const a = tok.action as string;
			if (a === "end" || a === "else") return { nodes, end: a };
			if (a.startsWith("range ")) {
				const body = block();
				if (body.end !== "end") throw new OrasError("INVALID_ARGUMENT", "template: range without end");
				nodes.push({ t: "range", expr: a.slice(6).trim(), body: body.nodes });
			} else if (a.startsWith("if ")) {
				const body = block();
				let elseNodes: Node[] = [];
				if (body.end === "else") elseNodes = block().nodes;
				nodes.push({ t: "if", expr: a.slice(3).trim(), body: body.nodes, else: elseNodes });
			} else if (!a.startsWith("/*")) {
				nodes.push({ t: "expr", v: a });
			}
		}
		return { nodes, end: "" };
	};
	const { nodes, end } = block();
	if (end !== "") throw new OrasError("INVALID_ARGUMENT", `template: unexpected {{${end}}}`);
	return nodes;
}

function lookup(path: string, dot: unknown): unknown {
	if (path === ".") return dot;
	if (!path.startsWith(".")) throw new OrasError("INVALID_ARGUMENT", `template: unsupported expression ${JSON.stringify(path)}`);
	let cur: unknown = dot;
	for (const part of path.slice(1).split(".")) {
		if (cur === null || typeof cur !== "object") return undefined;
		cur = (cur as Record<string, unknown>)[part];
	}
	return cur;
}

function goPrint(v: unknown): string {
	if (v === undefined || v === null) return "<no value>";
	if (typeof v === "number") {
		if (Number.isInteger(v) && Math.abs(v) < 1e21) {
			const s = String(v);
			return Math.abs(v) >= 1e6 ? v.toExponential().replace(/e\+(\d)$/, "e+0$1") : s;
		}
		return String(v);
	}
	if (typeof v === "string") return v;
	if (typeof v === "boolean") return String(v);
	if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
	return `map[${Object.keys(v as object)
		.sort()
		.map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`)
		.join(" ")}]`;
}

function evalExpr(expr: string, dot: unknown): unknown {
	const parts = expr.split(/\s+/);
	const fn = parts[0] as string;
	if (fn === "json" || fn === "toJson" || fn === "toRawJson") return JSON.stringify(lookup(parts[1] ?? ".", dot));
	if (fn === "toPrettyJson") return JSON.stringify(lookup(parts[1] ?? ".", dot), null, 2);
	if (fn === "println") return `${parts.slice(1).map((p) => goPrint(lookup(p, dot))).join(" ")}\n`;
	if (fn === "len") {
		const v = lookup(parts[1] ?? ".", dot);
		return Array.isArray(v) ? v.length : typeof v === "string" ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0;
	}
	if (parts.length === 1) return lookup(fn, dot);
	throw new OrasError("INVALID_ARGUMENT", `template: unsupported function ${JSON.stringify(fn)}`);
}

function truthy(v: unknown): boolean {
	if (Array.isArray(v)) return v.length > 0;
	if (v && typeof v === "object") return Object.keys(v).length > 0;
	return Boolean(v);
}

function exec(nodes: Node[], dot: unknown): string {
	let out = "";
	for (const n of nodes) {
		if (n.t === "text") out += n.v;
		else if (n.t === "expr") {
			const v = evalExpr(n.v, dot);
			out += typeof v === "string" && (n.v.startsWith("json") || n.v.startsWith("to") || n.v.startsWith("println")) ? v : goPrint(v);
		} else if (n.t === "range") {
			const v = evalExpr(n.expr, dot);
			if (Array.isArray(v)) for (const item of v) out += exec(n.body, item);
			else if (v && typeof v === "object") for (const k of Object.keys(v).sort()) out += exec(n.body, (v as Record<string, unknown>)[k]);
		} else if (n.t === "if") {
			out += truthy(evalExpr(n.expr, dot)) ? exec(n.body, dot) : exec(n.else, dot);
		}
	}
	return out;
}

export function renderGoTemplate(template: string, model: unknown): string {
	// The model is seen as generic JSON (as oras does: numbers become float64).
	const data = JSON.parse(JSON.stringify(model)) as unknown;
	return exec(parse(tokenize(template)), data);
}
