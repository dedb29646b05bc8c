import { Command, CommanderError } from "commander";
import { COMMANDS, findEntry } from "./commands/index.js";
import { renderError } from "./errors.js";
import type { CliIO } from "./io.js";

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
	if (entry?.subcommands) {
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

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
	const args = normalizeArgv(argv);
	const program = new Command("oras-ts");
	let exitCode = 0;
	const debug = args.includes("-d") || args.includes("--debug");
	program
		.description("oras-ts: OCI Registry As Storage for Node.js")
		.usage("[command]")
		.exitOverride()
		.showSuggestionAfterError(true)
		.configureOutput({
			writeOut: (s) => io.stdout.write(s),
			writeErr: (s) => io.stderr.write(s),
			outputError: () => {},
		})
		.helpCommand(true);
	const name = args.find((a) => !a.startsWith("-"));
	const wanted = findEntry(name);
	for (const entry of COMMANDS) {
		if (entry === wanted) {
			const mod = await entry.load();
			const cmd = program.command(entry.name).summary(entry.summary);
			if (entry.aliases) cmd.aliases([...entry.aliases]);
			cmd.exitOverride();
			mod.define(cmd, io);
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
		if (!wanted && name === undefined && args.length === 0) program.outputHelp();
	} catch (err) {
		if (err instanceof CommanderError) {
			if (err.code === "commander.helpDisplayed" || err.code === "commander.help" || err.code === "commander.version") return 0;
			const msg = err.message.replace(/^error:\s*/i, "");
			io.stderr.write(`Error: ${msg}\n`);
			return err.exitCode === 0 ? 0 : 1;
		}
		const r = renderError(err, debug);
		io.stderr.write(`${r.lines.join("\n")}\n`);
		exitCode = r.exitCode;
	}
	return exitCode;
}
