import { Command, CommanderError } from "commander";
import { COMMANDS, findEntry } from "./commands/index.js";
import { type CliIO, programName } from "./io.js";

/**
 * `--flag=true|false` for boolean flags becomes `--flag` / `--no-flag` (cobra accepts both
 * forms; commander only the latter), and a group's subcommand name is moved right after
 * the group so `oras-ts blob -o - fetch ref` parses as `blob fetch -o - ref`.
 */
export function normalizeArgv(argv: readonly string[]): string[] {
	const out = argv.map((a) => {
		const m = /^--([a-z][a-z0-9-]*)=(true|false)$/i.exec(a);
		if (!m) return a;
		return m[2]?.toLowerCase() === "true" ? `--${m[1]}` : `--no-${m[1]}`;
	});
	const groupAt = out.findIndex((a) => !a.startsWith("-"));
	const entry = findEntry(out[groupAt]);
	// `oras blob help fetch` is the group's page in cobra: "help" is not a subcommand of a group.
	if (entry?.subcommands && out[groupAt + 1] !== "help") {
		let i = groupAt + 1;
		// Nested groups (manifest index create): move each level's name forward.
		let names = entry.subcommands;
		while (i < out.length) {
			const j = out.findIndex((a, k) => k >= i && names.includes(a));
			if (j < 0) break;
			const [name] = out.splice(j, 1);
			out.splice(i, 0, name as string);
			i++;
			if (name !== "index") break;
			names = ["create", "pack", "update"];
		}
	}
	return out;
}

/** Whether `a` asks for help the way cobra's `-h/--help` flag does. */
function isHelpFlag(a: string): boolean {
	return a === "-h" || a === "--help" || a === "--help=true";
}

/** cobra's "Did you mean this?" block: commands within Levenshtein distance 2, or starting with what was typed. */
function suggestions(typed: string, names: readonly string[]): string {
	const t = typed.toLowerCase();
	const hits = names.filter((n) => levenshtein(t, n.toLowerCase()) <= 2 || n.toLowerCase().startsWith(t));
	return hits.length > 0 ? `\n\nDid you mean this?\n${hits.map((h) => `\t${h}\n`).join("")}` : "";
}

function levenshtein(a: string, b: string): number {
	if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 3;
	let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
		}
		prev = cur;
	}
	return prev[b.length] as number;
}

/** pflag's wording for a flag commander could not parse (`known`: the long flags the command has). */
function flagError(message: string, args: readonly string[], known: ReadonlySet<string> = new Set()): string {
	const msg = message.replace(/^error:\s*/i, "");
	let m = /^unknown option '--([^'=]+)=([^']*)'/.exec(msg);
	// `--plain-http=yes`: commander calls a boolean with a value unknown; pflag fails to parse the value.
	if (m && known.has(`--${m[1]}`)) {
		const v = JSON.stringify(m[2]);
		return `invalid argument ${v} for "--${m[1]}" flag: strconv.ParseBool: parsing ${v}: invalid syntax`;
	}
	m = /^unknown option '(--?)([^']*)'/.exec(msg);
	if (m) return m[1] === "--" ? `unknown flag: --${m[2]}` : `unknown shorthand flag: '${(m[2] as string).charAt(0)}' in -${m[2]}`;
	m = /^option '(?:-([A-Za-z]), )?--([^ ']+)[^']*' argument missing/.exec(msg);
	if (m) {
		const short = m[1];
		return short && args.includes(`-${short}`) ? `flag needs an argument: '${short}' in -${short}` : `flag needs an argument: --${m[2]}`;
	}
	return msg;
}

/** The value of the first `--<name> v` / `--<name>=v` in `args`. */
function flagValue(args: readonly string[], name: string): string | undefined {
	for (let i = 0; i < args.length; i++) {
		const a = args[i] as string;
		if (a === `--${name}`) return args[i + 1];
		if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
	}
	return undefined;
}

/** The credential file each side of the command reads (for oras's "Please check whether the registry credential…" hint). */
async function credentialFiles(args: readonly string[], io: CliIO): Promise<(side?: string) => string | undefined> {
	const { resolveConfigPaths } = await import("../registry/auth/credentials.js");
	// Built-ins by getBuiltinModule, not import(): the bundled CLI runs as a vm.Script (scripts/bundle-cli.js).
	const { homedir } = process.getBuiltinModule("node:os");
	const { resolve } = process.getBuiltinModule("node:path");
	return (side) => {
		const given = flagValue(args, side === "source" ? "from-registry-config" : side === "destination" ? "to-registry-config" : "registry-config");
		try {
			return given !== undefined ? resolve(io.cwd, given) : resolveConfigPaths({ env: io.env, homedir: io.env.HOME ?? homedir() })[0];
		} catch {
			return undefined;
		}
	};
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
	const prog = programName(io);
	const args = normalizeArgv(argv);
	const dashDash = args.indexOf("--");
	const flagsPart = dashDash < 0 ? args : args.slice(0, dashDash);
	const words = flagsPart.filter((a) => !a.startsWith("-"));
	const help = await import("./help/render.js");

	// Bare program, `help [command]`, `-h/--help`, and a group without its subcommand: pages on stdout, as cobra.
	if (args.length === 0) {
		io.stdout.write(help.renderHelp("", prog));
		return 0;
	}
	const first = args[0] as string;
	if (first.startsWith("-") && !isHelpFlag(first)) {
		io.stderr.write(`Error: ${flagError(`unknown option '${first.replace(/=.*$/, "")}'`, args)}\n`);
		return 1;
	}
	if (first === "help") {
		const topic = args.slice(1).filter((a) => !a.startsWith("-"));
		if ((topic.length === 0 && args.slice(1).some(isHelpFlag)) || (topic.length === 1 && topic[0] === "help")) {
			io.stdout.write(help.renderHelpCommandPage(prog));
			return 0;
		}
		const { path } = help.resolveHelpPath(topic);
		if (path === "" && topic.length > 0) {
			io.stderr.write(`Unknown help topic [${topic.map((t) => `\`${t}\``).join(" ")}]\n${help.renderUsage("", prog)}`);
			return 0;
		}
		io.stdout.write(help.renderHelp(path, prog));
		return 0;
	}
	const { path, used } = help.resolveHelpPath(words);
	if (used === 0 && words.length > 0 && !isHelpFlag(first)) {
		const top = help.HELP_PATHS.filter((p) => p !== "" && !p.includes(" "));
		io.stderr.write(`Error: unknown command ${JSON.stringify(words[0])} for ${JSON.stringify(prog)}${suggestions(words[0] as string, top)}\nRun '${prog} --help' for usage.\n`);
		return 1;
	}
	if (help.isGroup(path)) {
		// A group has no flags but -h: cobra parses its flags before showing its page.
		const stray = flagsPart.find((a) => a.startsWith("-") && !isHelpFlag(a));
		if (stray !== undefined) {
			io.stderr.write(`Error: ${flagError(`unknown option '${stray.replace(/=.*$/, "")}'`, args)}\n`);
			return 1;
		}
	}
	if (flagsPart.some(isHelpFlag) || help.isGroup(path)) {
		io.stdout.write(help.renderHelp(path, prog));
		return 0;
	}

	const program = new Command(prog);
	let exitCode = 0;
	const debug = args.includes("-d") || args.includes("--debug");
	program
		.usage("[command]")
		.exitOverride()
		.helpOption(false)
		.configureOutput({
			writeOut: (s) => io.stdout.write(s),
			writeErr: (s) => io.stderr.write(s),
			outputError: () => {},
		});
	const name = args.find((a) => !a.startsWith("-"));
	const wanted = findEntry(name);
	for (const entry of COMMANDS) {
		if (entry === wanted) {
			const mod = await entry.load();
			const cmd = program.command(entry.name).summary(entry.summary);
			if (entry.aliases) cmd.aliases([...entry.aliases]);
			cmd.exitOverride();
			mod.define(cmd, io);
			for (const c of [cmd, ...cmd.commands, ...cmd.commands.flatMap((c) => c.commands)]) c.helpOption(false);
		} else {
			program.command(entry.name).summary(entry.summary).description(entry.summary);
		}
	}
	if (wanted && args.some((a) => a === "-v" || a === "--verbose" || a === "--no-verbose")) {
		// cobra's notice for a deprecated flag, as oras prints it.
		io.stderr.write("Flag --verbose has been deprecated, and will be removed in a future release.\n");
	}
	try {
		await program.parseAsync(args, { from: "user" });
	} catch (err) {
		if (err instanceof CommanderError) {
			if (err.code === "commander.helpDisplayed" || err.code === "commander.help" || err.code === "commander.version") return 0;
			const known = new Set<string>();
			const walk = (c: Command, depth: number): void => {
				for (const o of c.options) if (o.long) known.add(o.long);
				if (depth < 4) for (const sub of c.commands) walk(sub, depth + 1);
			};
			walk(program, 0);
			io.stderr.write(`Error: ${flagError(err.message, args, known)}\n`);
			return err.exitCode === 0 ? 0 : 1;
		}
		const { renderError } = await import("./errors.js");
		const r = renderError(err, debug, { credentialFile: await credentialFiles(args, io) });
		io.stderr.write(`${r.lines.join("\n")}\n`);
		exitCode = r.exitCode;
	}
	return exitCode;
}
