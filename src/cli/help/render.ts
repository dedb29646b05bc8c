/**
 * Help pages in oras's layout: cobra's default help and usage templates, with pflag's flag
 * table (alphabetical, `--name type`, usage aligned one column past the longest flag, defaults
 * as Go prints them).
 */
import { EXTRA_FLAGS, EXTRA_TEXT } from "./extras.js";
import { FLAGS, type FlagDef } from "./flags.js";
import { HELP_TEXT, type HelpText } from "./text.js";

/** Every command path that has a help page, groups included (the root is ""). */
export const HELP_PATHS: readonly string[] = [...Object.keys(HELP_TEXT), ...Object.keys(EXTRA_TEXT)].sort();

/** Top-level command names in the order oras lists them (cobra sorts by name). */
function children(path: string): string[] {
	const depth = path === "" ? 1 : path.split(" ").length + 1;
	return HELP_PATHS.filter((p) => p.split(" ").length === depth && (path === "" || p.startsWith(`${path} `))).map((p) => p.split(" ")[depth - 1] as string);
}

/** Whether `path` is a group of subcommands (the root included). */
export function isGroup(path: string): boolean {
	return children(path).length > 0;
}

function helpText(path: string): HelpText | undefined {
	return HELP_TEXT[path] ?? EXTRA_TEXT[path];
}

/** The command path `words` name (aliases resolved), and how many words it used. */
export function resolveHelpPath(words: readonly string[]): { path: string; used: number } {
	let path = "";
	let used = 0;
	for (const w of words) {
		const next = children(path).find((name) => {
			const full = path === "" ? name : `${path} ${name}`;
			return name === w || helpText(full)?.aliases?.includes(w);
		});
		if (next === undefined) break;
		path = path === "" ? next : `${path} ${next}`;
		used++;
	}
	return { path, used };
}

/** Replaces oras's own name where it stands for the program (examples, usage, "the oras version"). */
export function withProgramName(text: string, prog: string): string {
	if (prog === "oras") return text;
	return text.replace(/(^|[\s"'`])oras(?= )/gm, `$1${prog}`);
}

function quoteGo(s: string): string {
	return JSON.stringify(s);
}

function isZeroDefault(f: FlagDef): boolean {
	if (f.def === undefined) return true;
	switch (f.type) {
		case "bool":
			return f.def === "false" || f.def === "";
		case "int":
		case "int64":
			return f.def === "0";
		case "duration":
			return f.def === "0" || f.def === "0s";
		case "stringArray":
		case "stringSlice":
			return f.def === "[]";
		default:
			return f.custom ? ["false", "<nil>", "", "0"].includes(f.def) : f.def === "";
	}
}

function typeName(f: FlagDef): string {
	switch (f.type) {
		case "bool":
			return "";
		case "int64":
			return "int";
		case "stringSlice":
			return "strings";
		default:
			return f.type;
	}
}

/** pflag's FlagUsages (no wrapping): one line per visible flag, sorted by name. */
export function flagUsages(flags: readonly FlagDef[]): string {
	const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const rows: Array<{ left: string; usage: string }> = [];
	for (const f of sorted) {
		let left = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
		let usage = f.usage;
		let varname = typeName(f);
		const q = /`([^`]*)`/.exec(usage);
		if (q) {
			varname = q[1] as string;
			usage = usage.replace(q[0], varname);
		}
		if (varname) left += ` ${varname}`;
		if (!isZeroDefault(f)) usage += f.type === "string" ? ` (default ${quoteGo(f.def as string)})` : ` (default ${f.def as string})`;
		rows.push({ left, usage });
	}
	const maxlen = Math.max(0, ...rows.map((r) => r.left.length + 1));
	return rows.map((r) => `${r.left} ${" ".repeat(maxlen - r.left.length)} ${r.usage.replace(/\n/g, `\n${" ".repeat(maxlen + 2)}`)}\n`).join("");
}

function helpFlag(path: string, prog: string): FlagDef {
	const name = path === "" ? prog : (path.split(" ").pop() as string);
	return { name: "help", short: "h", type: "bool", usage: `help for ${name}` };
}

/** The full help page of `path` ("" for the root) as oras prints it, named `prog`. */
export function renderHelp(path: string, prog: string): string {
	const text = helpText(path);
	const out: string[] = [];
	const description = (text?.long ?? text?.short ?? "").replace(/\s+$/, "");
	if (description) out.push(`${withProgramName(description, prog)}\n\n`);
	out.push(renderUsage(path, prog));
	return out.join("");
}

/** cobra's usage string: Usage, Aliases, Available Commands, Flags, the "Use … --help" line. */
export function renderUsage(path: string, prog: string): string {
	const text = helpText(path);
	const subs = children(path);
	const commandPath = path === "" ? prog : `${prog} ${path}`;
	const parentPath = path.includes(" ") ? `${prog} ${path.slice(0, path.lastIndexOf(" "))}` : prog;
	let s = "Usage:";
	if (subs.length === 0 && text) {
		let useLine = `${parentPath} ${withProgramName(text.use, prog)}`;
		if (!useLine.includes("[flags]")) useLine += " [flags]";
		s += `\n  ${useLine}`;
	} else {
		s += `\n  ${commandPath} [command]`;
	}
	if (text?.aliases && text.aliases.length > 0) {
		s += `\n\nAliases:\n  ${[path.split(" ").pop() as string, ...text.aliases].join(", ")}`;
	}
	if (subs.length > 0) {
		const names = path === "" ? [...subs, "help"].sort() : subs;
		const pad = Math.max(11, ...names.map((n) => n.length));
		s += "\n\nAvailable Commands:";
		for (const n of names) {
			const short = n === "help" && path === "" ? "Help about any command" : (helpText(path === "" ? n : `${path} ${n}`)?.short ?? "");
			s += `\n  ${n.padEnd(pad)} ${withProgramName(short, prog)}`;
		}
	}
	const tsOnly = EXTRA_TEXT[path] !== undefined;
	const own = (tsOnly ? EXTRA_FLAGS[path] : FLAGS[path]) ?? [];
	s += `\n\nFlags:\n${flagUsages([...own, helpFlag(path, prog)]).replace(/\s+$/, "")}`;
	const extra = tsOnly ? undefined : EXTRA_FLAGS[path];
	if (extra && extra.length > 0) s += `\n\nFlags only in oras-ts:\n${flagUsages(extra).replace(/\s+$/, "")}`;
	if (subs.length > 0) s += `\n\nUse "${commandPath} [command] --help" for more information about a command.`;
	return `${s}\n`;
}

/** cobra's page for its own `help` command. */
export function renderHelpCommandPage(prog: string): string {
	return `Help provides help for any command in the application.
Simply type ${prog} help [path to command] for full details.

Usage:
  ${prog} help [command] [flags]

Flags:
${flagUsages([{ name: "help", short: "h", type: "bool", usage: "help for help" }]).replace(/\s+$/, "")}
`;
}
