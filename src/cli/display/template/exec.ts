/**
 * Executes a parsed template over Go-shaped values, with text/template's rules for
 * fields, variables, pipelines, truth, `range` over lists, maps (sorted keys) and ints.
 */
import { type FuncSpec, type ParamKind, FUNCS } from "./funcs.js";
import { type Arg, type Branch, type Command, describeArg, describeCommand, type Node, type Parsed, type Pipeline } from "./parse.js";
import { EvalError, type GoValue, isMap, printValue, TEMPLATE_NAME, TemplateError, truth, typeName } from "./values.js";

/** Output larger than this fails the template instead of growing without end. */
export const MAX_TEMPLATE_OUTPUT = 16 * 1024 * 1024;
/** Evaluation steps (actions, iterations, calls) after which a template is stopped. */
export const MAX_TEMPLATE_STEPS = 1_000_000;

class Break {}
class Continue {}


export interface ExecLimits {
	readonly maxOutput?: number;
	readonly maxSteps?: number;
}

export function execute(parsed: Parsed, data: GoValue, limits: ExecLimits = {}): string {
	const tpl = parsed.text;
	const maxOutput = limits.maxOutput ?? MAX_TEMPLATE_OUTPUT;
	const maxSteps = limits.maxSteps ?? MAX_TEMPLATE_STEPS;
	const vars: Array<[string, GoValue]> = [["$", data]];
	const out: string[] = [];
	let size = 0;
	let steps = 0;

	const fail = (pos: number, context: string, msg: string): never => {
		const before = tpl.slice(0, pos);
		const nl = before.lastIndexOf("\n");
		const line = 1 + (before.match(/\n/g)?.length ?? 0);
		const col = nl < 0 ? pos : pos - nl - 1;
		throw new TemplateError(`template: ${TEMPLATE_NAME}:${line}:${col}: executing ${JSON.stringify(TEMPLATE_NAME)} at <${context}>: ${msg}`);
	};
	const step = (pos: number, context: string) => {
		if (++steps > maxSteps) fail(pos, context, `stopped after ${maxSteps} evaluation steps (MAX_TEMPLATE_STEPS)`);
	};
	const emit = (s: string, pos: number, context: string) => {
		size += Buffer.byteLength(s);
		if (size > maxOutput) fail(pos, context, `output exceeds ${maxOutput} bytes (MAX_TEMPLATE_OUTPUT)`);
		out.push(s);
	};

	const lookupVar = (name: string): GoValue => {
		for (let i = vars.length - 1; i >= 0; i--) if ((vars[i] as [string, GoValue])[0] === name) return (vars[i] as [string, GoValue])[1];
		throw new EvalError(`undefined variable: ${name}`);
	};
	const setVar = (name: string, v: GoValue) => {
		for (let i = vars.length - 1; i >= 0; i--) {
			const e = vars[i] as [string, GoValue];
			if (e[0] === name) {
				e[1] = v;
				return;
			}
		}
		throw new EvalError(`undefined variable: ${name}`);
	};

	const field = (receiver: GoValue, name: string, arg: Arg, hasArgs: boolean): GoValue => {
		if (receiver === undefined) return undefined;
		if (receiver === null) return fail(arg.pos, describeArg(arg), `nil pointer evaluating interface {}.${name}`);
		if (isMap(receiver)) {
			if (hasArgs) return fail(arg.pos, describeArg(arg), `${name} is not a method but has arguments`);
			return Object.hasOwn(receiver, name) ? receiver[name] : undefined;
		}
		return fail(arg.pos, describeArg(arg), `can't evaluate field ${name} in type interface {}`);
	};
	const chain = (receiver: GoValue, names: readonly string[], arg: Arg, hasArgs: boolean): GoValue => {
		let v = receiver;
		names.forEach((n, i) => {
			v = field(v, n, arg, hasArgs && i === names.length - 1);
		});
		return v;
	};

	/** An argument's value; literals become what Go's evalArg makes of them for the parameter kind. */
	const evalArg = (dot: GoValue, arg: Arg, kind: ParamKind): GoValue => {
		switch (arg.t) {
			case "number":
				if (kind === "string") return fail(arg.pos, describeArg(arg), `expected string; found ${arg.text}`);
				if (kind === "int" && arg.isFloat) return fail(arg.pos, describeArg(arg), `expected integer; found ${arg.text}`);
				return arg.v;
			case "string":
				if (kind === "int") return fail(arg.pos, describeArg(arg), `expected integer; found ${JSON.stringify(arg.v)}`);
				return arg.v;
			case "bool":
				if (kind === "string" || kind === "int") return fail(arg.pos, describeArg(arg), `expected ${kind}; found ${arg.v}`);
				return arg.v;
			case "nil":
				if (kind === "string" || kind === "int") return fail(arg.pos, "nil", `cannot assign nil to ${kind}`);
				return null;
			case "ident":
				return call(dot, arg, [], undefined, false, arg.pos, arg.name);
			default:
				return check(evalOperand(dot, arg, false), kind, arg.pos, describeArg(arg));
		}
	};
	const check = (v: GoValue, kind: ParamKind, pos: number, context: string): GoValue => {
		if (kind === "any") return v;
		const want = kind === "int" ? "bigint" : "string";
		if (typeof v === want) return v;
		if (v === undefined || v === null) return fail(pos, context, `invalid value; expected ${kind}`);
		return fail(pos, context, `wrong type for value; expected ${kind}; got ${typeName(v)}`);
	};

	const evalOperand = (dot: GoValue, arg: Arg, hasArgs: boolean): GoValue => {
		switch (arg.t) {
			case "dot":
				return dot;
			case "field":
				return chain(dot, arg.chain, arg, hasArgs);
			case "var": {
				let v: GoValue;
				try {
					v = lookupVar(arg.name);
				} catch (e) {
					return fail(arg.pos, describeArg(arg), (e as Error).message);
				}
				return chain(v, arg.chain, arg, hasArgs);
			}
			case "chain":
				return chain(evalOperand(dot, arg.node, false), arg.chain, arg, hasArgs);
			case "pipe": {
				const mark = vars.length;
				const v = evalPipeline(dot, arg.pipe);
				vars.length = mark;
				return v;
			}
			case "ident":
				return call(dot, arg, [], undefined, false, arg.pos, arg.name);
			case "number":
			case "string":
			case "bool":
				return arg.v;
			case "nil":
				return fail(arg.pos, "nil", "nil is not a command");
		}
	};

	const call = (dot: GoValue, ident: Arg, args: readonly Arg[], final: GoValue, hasFinal: boolean, pos: number, context: string): GoValue => {
		const name = (ident as { name: string }).name;
		const spec = FUNCS.get(name) as FuncSpec;
		step(pos, context);
		const n = args.length + (hasFinal ? 1 : 0);
		const fixed = spec.params.length;
		if (spec.variadic === undefined ? n !== fixed : n < fixed) {
			const want = spec.variadic === undefined ? `${fixed}` : `at least ${fixed}`;
			return fail(pos, context, `wrong number of args for ${name}: want ${want} got ${n}`);
		}
		const kindAt = (i: number): ParamKind => (i < fixed ? (spec.params[i] as ParamKind) : (spec.variadic as ParamKind));
		if (spec.lazy) {
			// and/or: evaluate left to right, stop at the deciding value.
			const thunks = args.map((a, i) => () => evalArg(dot, a, kindAt(i)));
			if (hasFinal) thunks.push(() => final);
			try {
				return spec.lazy(thunks);
			} catch (e) {
				if (e instanceof EvalError) return fail(pos, context, `error calling ${name}: ${e.message}`);
				throw e;
			}
		}
		const values = args.map((a, i) => evalArg(dot, a, kindAt(i)));
		if (hasFinal) values.push(check(final, kindAt(args.length), pos, context));
		try {
			return spec.fn(values, emitLimit);
		} catch (e) {
			if (e instanceof EvalError) return fail(pos, context, `error calling ${name}: ${e.message}`);
			throw e;
		}
	};
	const emitLimit = { maxOutput };

	const evalCommand = (dot: GoValue, cmd: Command, final: GoValue, hasFinal: boolean): GoValue => {
		const [head, ...rest] = cmd.args as [Arg, ...Arg[]];
		if (head.t === "ident") return call(dot, head, rest, final, hasFinal, cmd.pos, describeCommand(cmd));
		const hasArgs = rest.length > 0 || hasFinal;
		if (hasArgs && head.t !== "field" && head.t !== "var" && head.t !== "chain") {
			return fail(head.pos, describeArg(head), `can't give argument to non-function ${describeArg(head)}`);
		}
		if (hasArgs && (head.t === "var" || head.t === "chain") && (head.t === "chain" || head.chain.length === 0)) {
			return fail(head.pos, describeArg(head), `can't give argument to non-function ${describeArg(head)}`);
		}
		return evalOperand(dot, head, hasArgs);
	};

	const evalPipeline = (dot: GoValue, pipe: Pipeline, declare = true): GoValue => {
		let v: GoValue = undefined;
		pipe.cmds.forEach((cmd, i) => {
			v = evalCommand(dot, cmd, v, i > 0);
		});
		if (declare)
			for (const d of pipe.decl) {
				if (pipe.isAssign) setVar(d, v);
				else vars.push([d, v]);
			}
		return v;
	};

	const walk = (dot: GoValue, nodes: readonly Node[]): void => {
		for (const n of nodes) {
			switch (n.t) {
				case "text":
					emit(n.v, 0, "");
					break;
				case "action": {
					step(n.pipe.pos, "");
					const v = evalPipeline(dot, n.pipe);
					if (n.pipe.decl.length === 0) emit(printValue(v), n.pipe.pos, describeCommand(n.pipe.cmds[0] as Command));
					break;
				}
				case "if":
				case "with": {
					const mark = vars.length;
					const v = evalPipeline(dot, n.pipe);
					if (truth(v)) walk(n.t === "with" ? v : dot, n.list);
					else if (n.elseList) walk(dot, n.elseList);
					vars.length = mark;
					break;
				}
				case "range":
					range(dot, n);
					break;
				case "break":
					throw new Break();
				case "continue":
					throw new Continue();
			}
		}
	};

	const range = (dot: GoValue, n: Branch): void => {
		const mark = vars.length;
		const v = evalPipeline(dot, n.pipe, false);
		const context = describeCommand(n.pipe.cmds[0] as Command);
		let items: Array<[GoValue, GoValue]>;
		if (v === undefined || v === null) items = [];
		else if (Array.isArray(v)) items = v.map((x, i) => [BigInt(i), x]);
		else if (isMap(v))
			items = Object.keys(v)
				.sort()
				.map((k) => [k, v[k]]);
		else if (typeof v === "bigint") {
			if (n.pipe.decl.length > 1) fail(n.pipe.pos, context, `can't use ${v} to iterate over more than one variable`);
			if (v > BigInt(maxSteps)) fail(n.pipe.pos, context, `stopped after ${maxSteps} evaluation steps (MAX_TEMPLATE_STEPS)`);
			items = [];
			for (let i = 0n; i < v; i++) items.push([i, i]);
		} else return fail(n.pipe.pos, context, `range can't iterate over ${printValue(v)}`);
		if (items.length === 0) {
			// As in Go, the range's variables hold the ranged-over value in {{else}}.
			for (const d of n.pipe.decl) {
				if (n.pipe.isAssign) setVar(d, v);
				else vars.push([d, v]);
			}
			if (n.elseList) walk(dot, n.elseList);
			vars.length = mark;
			return;
		}
		for (const [key, elem] of items) {
			step(n.pipe.pos, context);
			const iterMark = vars.length;
			const d = n.pipe.decl;
			if (d.length === 1) {
				if (n.pipe.isAssign) setVar(d[0] as string, elem);
				else vars.push([d[0] as string, elem]);
			} else if (d.length === 2) {
				if (n.pipe.isAssign) {
					setVar(d[0] as string, key);
					setVar(d[1] as string, elem);
				} else vars.push([d[0] as string, key], [d[1] as string, elem]);
			}
			try {
				walk(elem, n.list);
			} catch (e) {
				if (e instanceof Break) {
					vars.length = iterMark;
					break;
				}
				if (!(e instanceof Continue)) throw e;
			}
			vars.length = iterMark;
		}
		vars.length = mark;
	};

	walk(data, parsed.nodes);
	return out.join("");
}
