/**
 * Lexer and parser for Go's text/template syntax (delimiters `{{ }}`, trim markers, comments,
 * pipelines, variables, `if`/`else if`/`range`/`with`/`break`/`continue`). Errors read like Go's:
 * `template: format output:1: function "foo" not defined`.
 */
import { TEMPLATE_NAME, TemplateError } from "./values.js";

type TokKind =
	| "text"
	| "open"
	| "close"
	| "ident"
	| "keyword"
	| "field"
	| "var"
	| "dot"
	| "string"
	| "number"
	| "char"
	| "bool"
	| "nil"
	| "lparen"
	| "rparen"
	| "pipe"
	| "declare"
	| "assign"
	| "comma"
	| "eof";

interface Token {
	readonly kind: TokKind;
	readonly val: string;
	readonly pos: number;
	/** Whitespace came right before this token inside an action (it separates operands). */
	readonly space: boolean;
}

const KEYWORDS = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);
const SPACE = /[ \t\r\n]/;

function parseError(tpl: string, pos: number, msg: string): TemplateError {
	const line = 1 + (tpl.slice(0, pos).match(/\n/g)?.length ?? 0);
	return new TemplateError(`template: ${TEMPLATE_NAME}:${line}: ${msg}`);
}

function lex(tpl: string): Token[] {
	const toks: Token[] = [];
	let i = 0;
	let trimNext = false;
	const push = (kind: TokKind, val: string, pos: number, space = false) => toks.push({ kind, val, pos, space });
	while (i < tpl.length) {
		let open = tpl.indexOf("{{", i);
		if (open < 0) open = tpl.length;
		let text = tpl.slice(i, open);
		if (trimNext) text = text.replace(/^[ \t\r\n]+/, "");
		trimNext = false;
		let p = open + 2;
		if (open < tpl.length && tpl[p] === "-" && SPACE.test(tpl[p + 1] ?? "")) {
			text = text.replace(/[ \t\r\n]+$/, "");
			p += 2;
		}
		if (text !== "") push("text", text, i);
		if (open >= tpl.length) break;
		// A comment must start right after the delimiter (and trim marker) and end right before the closing one.
		if (tpl.startsWith("/*", p)) {
			const end = tpl.indexOf("*/", p + 2);
			if (end < 0) throw parseError(tpl, open, "unclosed comment");
			let q = end + 2;
			if (SPACE.test(tpl[q] ?? "") && tpl[q + 1] === "-" && tpl.startsWith("}}", q + 2)) {
				trimNext = true;
				q += 2;
			}
			if (!tpl.startsWith("}}", q)) throw parseError(tpl, open, "comment ends before closing delimiter");
			i = q + 2;
			continue;
		}
		push("open", "{{", open);
		let space = false;
		for (;;) {
			if (p >= tpl.length) throw parseError(tpl, open, "unclosed action");
			const c = tpl[p] as string;
			if (SPACE.test(c)) {
				if (tpl[p + 1] === "-" && tpl.startsWith("}}", p + 2)) {
					push("close", "}}", p);
					trimNext = true;
					p += 4;
					break;
				}
				p++;
				space = true;
				continue;
			}
			if (tpl.startsWith("}}", p)) {
				push("close", "}}", p);
				p += 2;
				break;
			}
			const start = p;
			const next = tpl[p + 1] ?? "";
			if (c === "(" || c === ")" || c === "|" || c === ",") {
				push(c === "(" ? "lparen" : c === ")" ? "rparen" : c === "|" ? "pipe" : "comma", c, p, space);
				p++;
			} else if (c === ":" && next === "=") {
				push("declare", ":=", p, space);
				p += 2;
			} else if (c === "=") {
				push("assign", "=", p, space);
				p++;
			} else if (c === '"') {
				p++;
				for (; p < tpl.length && tpl[p] !== '"'; p++) {
					if (tpl[p] === "\\") p++;
					if (tpl[p] === "\n" || p >= tpl.length) throw parseError(tpl, start, "unterminated quoted string");
				}
				if (p >= tpl.length) throw parseError(tpl, start, "unterminated quoted string");
				p++;
				push("string", unquote(tpl, start, tpl.slice(start, p)), start, space);
			} else if (c === "`") {
				const end = tpl.indexOf("`", p + 1);
				if (end < 0) throw parseError(tpl, start, "unterminated raw quoted string");
				push("string", tpl.slice(p + 1, end), start, space);
				p = end + 1;
			} else if (c === "'") {
				const m = /^'(\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[abfnrtv\\'])|[^\\'\n])'/u.exec(tpl.slice(p));
				if (!m) throw parseError(tpl, start, "unterminated character constant");
				push("char", String((unquote(tpl, start, `"${m[1] === "\\'" ? "'" : (m[1] as string)}"`).codePointAt(0) as number)), start, space);
				p += m[0].length;
			} else if (c === "$") {
				const m = /^\$[\p{L}\p{N}_]*/u.exec(tpl.slice(p)) as RegExpExecArray;
				push("var", m[0], p, space);
				p += m[0].length;
			} else if (c === "." && !/[0-9]/.test(next)) {
				const m = /^\.[\p{L}\p{N}_]*/u.exec(tpl.slice(p)) as RegExpExecArray;
				push(m[0] === "." ? "dot" : "field", m[0], p, space);
				p += m[0].length;
			} else if (/[0-9.+-]/.test(c)) {
				const m = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)/.exec(tpl.slice(p));
				const num = m?.[0] ?? "";
				if (!/[0-9]/.test(num)) throw parseError(tpl, start, `bad number syntax: ${JSON.stringify(tpl.slice(p, p + 2))}`);
				push("number", num, p, space);
				p += num.length;
			} else if (/[\p{L}_]/u.test(c)) {
				const m = /^[\p{L}\p{N}_]+/u.exec(tpl.slice(p)) as RegExpExecArray;
				const w = m[0];
				push(KEYWORDS.has(w) ? "keyword" : w === "true" || w === "false" ? "bool" : w === "nil" ? "nil" : "ident", w, p, space);
				p += w.length;
			} else {
				throw parseError(tpl, start, `unexpected ${JSON.stringify(c)} in command`);
			}
			space = false;
		}
		i = p;
	}
	push("eof", "", tpl.length);
	return toks;
}

function unquote(tpl: string, pos: number, quoted: string): string {
	try {
		return JSON.parse(
			quoted
				.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")
				.replace(/\\a/g, "\\u0007")
				.replace(/\\v/g, "\\u000b")
				.replace(/\\'/g, "'"),
		) as string;
	} catch {
		throw parseError(tpl, pos, `bad quoted string ${quoted}`);
	}
}

// ---- AST ----

export type Arg =
	| { readonly t: "dot"; readonly pos: number }
	| { readonly t: "nil"; readonly pos: number }
	| { readonly t: "bool"; readonly pos: number; readonly v: boolean }
	| { readonly t: "string"; readonly pos: number; readonly v: string }
	| { readonly t: "number"; readonly pos: number; readonly text: string; readonly isFloat: boolean; readonly v: number | bigint }
	| { readonly t: "field"; readonly pos: number; readonly chain: readonly string[] }
	| { readonly t: "var"; readonly pos: number; readonly name: string; readonly chain: readonly string[] }
	| { readonly t: "ident"; readonly pos: number; readonly name: string }
	| { readonly t: "chain"; readonly pos: number; readonly node: Arg; readonly chain: readonly string[] }
	| { readonly t: "pipe"; readonly pos: number; readonly pipe: Pipeline };

export interface Command {
	readonly pos: number;
	readonly args: readonly Arg[];
}

export interface Pipeline {
	readonly pos: number;
	readonly decl: readonly string[];
	readonly isAssign: boolean;
	readonly cmds: readonly Command[];
}

export type Node =
	| { readonly t: "text"; readonly v: string }
	| { readonly t: "action"; readonly pipe: Pipeline }
	| Branch
	| { readonly t: "break" | "continue"; readonly pos: number };

export interface Branch {
	readonly t: "if" | "with" | "range";
	readonly pipe: Pipeline;
	readonly list: Node[];
	readonly elseList: Node[] | undefined;
}

export interface Parsed {
	readonly text: string;
	readonly nodes: Node[];
}

/** Parses a template, checking function names against `isFunction` as Go does at parse time. */
export function parseTemplate(tpl: string, isFunction: (name: string) => boolean): Parsed {
	const toks = lex(tpl);
	let k = 0;
	const vars: string[] = ["$"];
	let rangeDepth = 0;
	const peek = () => toks[k] as Token;
	const next = () => toks[k++] as Token;
	const err = (tok: Token, msg: string) => parseError(tpl, tok.pos, msg);
	const expect = (kind: TokKind, context: string): Token => {
		const t = next();
		if (t.kind !== kind) throw err(t, `unexpected ${describe(t)} in ${context}`);
		return t;
	};

	// list parses nodes until {{end}} or {{else}}; returns the terminating keyword token.
	const list = (): { nodes: Node[]; end: Token } => {
		const nodes: Node[] = [];
		for (;;) {
			const t = next();
			if (t.kind === "eof") return { nodes, end: t };
			if (t.kind === "text") {
				nodes.push({ t: "text", v: t.val });
				continue;
			}
			// t is {{
			const a = peek();
			if (a.kind === "keyword") {
				if (a.val === "end" || a.val === "else") {
					next();
					return { nodes, end: a };
				}
				next();
				nodes.push(control(a));
				continue;
			}
			const pipe = pipeline("command");
			expect("close", "command");
			nodes.push({ t: "action", pipe });
		}
	};

	const control = (kw: Token): Node => {
		switch (kw.val) {
			case "if":
			case "with":
			case "range":
				return branch(kw.val);
			case "break":
			case "continue": {
				if (rangeDepth === 0) throw err(kw, `{{${kw.val}}} outside {{range}}`);
				expect("close", kw.val);
				return { t: kw.val, pos: kw.pos };
			}
			default:
				throw err(kw, `{{${kw.val}}} is not supported by oras-ts's go-template (define, template and block are not available)`);
		}
	};

	const branch = (kind: "if" | "with" | "range"): Node => {
		const mark = vars.length;
		const pipe = pipeline(kind);
		expect("close", kind);
		if (kind === "range") rangeDepth++;
		const body = list();
		if (kind === "range") rangeDepth--;
		let elseList: Node[] | undefined;
		let end = body.end;
		if (end.kind === "eof") throw err(end, "unexpected EOF");
		if (end.val === "else") {
			const after = peek();
			if ((kind === "if" || kind === "with") && after.kind === "keyword" && after.val === kind) {
				// {{else if …}} / {{else with …}}: a nested branch that shares our {{end}}.
				next();
				elseList = [branch(kind)];
				vars.length = mark;
				return { t: kind, pipe, list: body.nodes, elseList };
			}
			expect("close", "else");
			const e = list();
			elseList = e.nodes;
			end = e.end;
			if (end.kind === "eof") throw err(end, "unexpected EOF");
			if (end.val === "else") throw err(end, "expected end; found {{else}}");
		}
		expect("close", "end");
		vars.length = mark;
		return { t: kind, pipe, list: body.nodes, elseList };
	};

	const pipeline = (context: string): Pipeline => {
		const start = peek();
		const decl: string[] = [];
		let isAssign = false;
		// Declarations: $x := / $x = / $i, $v :=
		if (start.kind === "var") {
			const save = k;
			const v1 = next();
			const t2 = peek();
			if (t2.kind === "declare" || t2.kind === "assign") {
				next();
				decl.push(v1.val);
				isAssign = t2.kind === "assign";
			} else if (t2.kind === "comma" && context === "range") {
				next();
				const v2 = expect("var", "range");
				const d = next();
				if (d.kind !== "declare" && d.kind !== "assign") throw err(d, `unexpected ${describe(d)} in range`);
				decl.push(v1.val, v2.val);
				isAssign = d.kind === "assign";
			} else {
				k = save;
			}
		}
		if (decl.length > 0) {
			if (isAssign) for (const d of decl) if (!vars.includes(d)) throw err(start, `undefined variable ${JSON.stringify(d)}`);
		}
		const cmds: Command[] = [];
		for (;;) {
			const t = peek();
			if (t.kind === "close" || t.kind === "rparen") break;
			if (t.kind === "eof") throw err(t, `unclosed action`);
			cmds.push(command(context));
			const sep = peek();
			if (sep.kind === "pipe") {
				next();
				if (peek().kind === "close" || peek().kind === "rparen") throw err(sep, "missing command");
				continue;
			}
		}
		if (cmds.length === 0) throw err(start, `missing value for ${context}`);
		if (!isAssign) for (const d of decl) vars.push(d);
		return { pos: start.pos, decl, isAssign, cmds };
	};

	const command = (context: string): Command => {
		const first = peek();
		const args: Arg[] = [];
		for (;;) {
			const t = peek();
			if (t.kind === "close" || t.kind === "rparen" || t.kind === "pipe") break;
			if (t.kind === "eof") throw err(t, "unclosed action");
			if (args.length > 0 && !t.space && t.kind !== "lparen") throw err(t, `unexpected ${describe(t)} in operand`);
			args.push(operand(context));
		}
		if (args.length === 0) throw err(first, `empty command`);
		const head = args[0] as Arg;
		if (head.t === "nil" && args.length === 1) throw err(first, "nil is not a command");
		return { pos: first.pos, args };
	};

	const operand = (context: string): Arg => {
		const node = term(context);
		const chain: string[] = [];
		while (peek().kind === "field" && !peek().space) chain.push(next().val.slice(1));
		if (chain.length === 0) return node;
		if (node.t === "field") return { ...node, chain: [...node.chain, ...chain] };
		if (node.t === "var") return { ...node, chain: [...node.chain, ...chain] };
		if (node.t === "bool" || node.t === "string" || node.t === "number" || node.t === "nil" || node.t === "dot") {
			throw err(toks[k - 1] as Token, `unexpected . after term ${JSON.stringify(describeArg(node))}`);
		}
		return { t: "chain", pos: node.pos, node, chain };
	};

	const term = (context: string): Arg => {
		const t = next();
		switch (t.kind) {
			case "dot":
				return { t: "dot", pos: t.pos };
			case "nil":
				return { t: "nil", pos: t.pos };
			case "bool":
				return { t: "bool", pos: t.pos, v: t.val === "true" };
			case "string":
				return { t: "string", pos: t.pos, v: t.val };
			case "char":
				return { t: "number", pos: t.pos, text: t.val, isFloat: false, v: BigInt(t.val) };
			case "number":
				return number(t);
			case "field":
				return { t: "field", pos: t.pos, chain: t.val.slice(1).split(".") };
			case "var": {
				if (!vars.includes(t.val)) throw err(t, `undefined variable ${JSON.stringify(t.val)}`);
				return { t: "var", pos: t.pos, name: t.val, chain: [] };
			}
			case "ident":
				if (!isFunction(t.val)) throw err(t, `function ${JSON.stringify(t.val)} not defined`);
				return { t: "ident", pos: t.pos, name: t.val };
			case "lparen": {
				const pipe = pipeline("parenthesized pipeline");
				const close = next();
				if (close.kind !== "rparen") throw err(close, `unclosed left paren`);
				return { t: "pipe", pos: t.pos, pipe };
			}
			case "keyword":
				throw err(t, `unexpected <${t.val}> in ${context}`);
			default:
				throw err(t, `unexpected ${describe(t)} in ${context}`);
		}
	};

	const number = (t: Token): Arg => {
		const text = t.val.replace(/_/g, "");
		const isHex = /^[+-]?0[xXbBoO]/.test(text);
		if (isHex) {
			const neg = text.startsWith("-");
			const body = text.replace(/^[+-]/, "");
			const abs = BigInt(body.toLowerCase());
			const v = neg ? -abs : abs;
			if (BigInt.asIntN(64, v) !== v) throw err(t, `${t.val} overflows int`);
			return { t: "number", pos: t.pos, text: t.val, isFloat: false, v };
		}
		const f = Number(text);
		if (!Number.isFinite(f)) throw err(t, `illegal number syntax: ${JSON.stringify(t.val)}`);
		if (/[.eE]/.test(text)) return { t: "number", pos: t.pos, text: t.val, isFloat: true, v: f };
		const v = BigInt(text.replace(/^\+/, ""));
		if (BigInt.asIntN(64, v) !== v) throw err(t, `${t.val} overflows int`);
		return { t: "number", pos: t.pos, text: t.val, isFloat: false, v };
	};

	const { nodes, end } = list();
	if (end.kind !== "eof") throw err(end, `unexpected {{${end.val}}}`);
	return { text: tpl, nodes };
}

function describe(t: Token): string {
	if (t.kind === "eof") return "EOF";
	if (t.kind === "close") return `"}}"`;
	if (t.kind === "keyword") return `<${t.val}>`;
	return JSON.stringify(t.val);
}

/** The source-like text of an argument, for error contexts (`at <.a.b>`). */
export function describeArg(a: Arg): string {
	switch (a.t) {
		case "dot":
			return ".";
		case "nil":
			return "nil";
		case "bool":
			return String(a.v);
		case "string":
			return JSON.stringify(a.v);
		case "number":
			return a.text;
		case "field":
			return `.${a.chain.join(".")}`;
		case "var":
			return [a.name, ...a.chain].join(".");
		case "ident":
			return a.name;
		case "chain":
			return `${describeArg(a.node)}.${a.chain.join(".")}`;
		case "pipe":
			return `(${describePipe(a.pipe)})`;
	}
}

export function describeCommand(c: Command): string {
	return c.args.map(describeArg).join(" ");
}

function describePipe(p: Pipeline): string {
	const decl = p.decl.length > 0 ? `${p.decl.join(", ")} ${p.isAssign ? "=" : ":="} ` : "";
	return decl + p.cmds.map(describeCommand).join(" | ");
}
