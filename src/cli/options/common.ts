import { type Command, Option } from "commander";
import { OrasError } from "../../errors.js";
import { EXTRA_TEXT } from "../help/extras.js";
import { HELP_TEXT } from "../help/text.js";
import { type CliIO, programName } from "../io.js";

export interface CommonFlags {
	readonly debug?: boolean;
	readonly verbose?: boolean;
	readonly tty?: boolean;
}

/** `-d/--debug`, deprecated `-v/--verbose` (default on where oras defaults it on), `--no-tty`. */
export function addCommonFlags(cmd: Command, opts: { verboseDefault?: boolean; tty?: boolean } = {}): Command {
	cmd.option("-d, --debug", "output debug logs (implies --no-tty)");
	cmd.addOption(new Option("-v, --verbose", "[Deprecated] print status output for unnamed blobs").default(opts.verboseDefault ?? false));
	cmd.addOption(new Option("--no-verbose").hideHelp());
	if (opts.tty !== false) cmd.option("--no-tty", "[Preview] do not show progress output");
	return cmd;
}

/** Whether progress bars are drawn (stderr is a terminal, and neither --no-tty nor --debug). */
export function useTTY(flags: CommonFlags, io: CliIO): boolean {
	return Boolean(io.stderr.isTTY) && flags.tty !== false && !flags.debug;
}

export function collect(value: string, previous: string[] | undefined): string[] {
	return [...(previous ?? []), value];
}

/** oras-go's copy concurrency when the flag is zero or negative. */
const DEFAULT_COPY_CONCURRENCY = 3;

/** An integer as pflag parses one; zero or negative means oras-go's default, as in oras. */
export function parseConcurrency(value: string): number {
	if (!/^[+-]?\d+$/.test(value)) {
		throw new OrasError("INVALID_ARGUMENT", `invalid argument "${value}" for "--concurrency" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
	}
	const n = Number(value);
	if (!Number.isSafeInteger(n)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${value}" for "--concurrency" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
	return n <= 0 ? DEFAULT_COPY_CONCURRENCY : n;
}

/** Reads all of stdin as text and drops one trailing newline and carriage return, as oras does for secrets. */
export async function readSecretFromStdin(io: CliIO): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
	let s = Buffer.concat(chunks).toString("utf8");
	if (s.endsWith("\n")) s = s.slice(0, -1);
	if (s.endsWith("\r")) s = s.slice(0, -1);
	return s;
}

/** What each command's arguments are, in oras's words (cobra's `Args` checker of each command). */
const ARGUMENTS: Readonly<Record<string, string>> = {
	attach: "the destination artifact for attaching.",
	backup: "the artifacts to back up",
	"blob delete": "the target blob to delete",
	"blob fetch": "the target blob to fetch",
	"blob push": "the destination to push to and the file to read blob content from",
	cp: "the source and destination for copying",
	discover: "the target artifact to discover referrers from",
	login: "the registry to log in to",
	logout: "the registry you want to log out",
	"manifest delete": "the manifest to delete",
	"manifest fetch": "the manifest to fetch",
	"manifest fetch-config": "the manifest config to fetch",
	"manifest index create": "the destination index to create.",
	"manifest index update": "the target index to update",
	"manifest push": "the destination to push to and the file to read manifest content from",
	pull: "the artifact reference you want to pull",
	push: "the destination for pushing",
	"repo ls": "the target registry to list repositories from",
	"repo tags": "the target repository to list tags from",
	resolve: "the target artifact reference to resolve",
	restore: "the targets to restore to",
	serve: "no arguments",
	tag: "the artifact to be retagged and the tags to be added",
};

/** `<prog> <parent path> <Use>`: the usage line oras prints after an argument error. */
export function usageLine(io: CliIO, path: string): string {
	const prog = programName(io);
	const use = HELP_TEXT[path]?.use ?? EXTRA_TEXT[path]?.use ?? path;
	const parent = path.includes(" ") ? ` ${path.slice(0, path.lastIndexOf(" "))}` : "";
	return `${prog}${parent} ${use}`;
}

/** oras's argument count check (cobra `Args`): `"oras pull" requires exactly 1 argument but got 0` + usage + recommendation. */
export function checkArgs(io: CliIO, path: string, args: readonly string[], min: number, max: number): void {
	if (args.length >= min && args.length <= max) return;
	const prog = programName(io);
	const text = min === max ? `exactly ${min} argument` : `at least ${min} argument`;
	throw new OrasError("INVALID_ARGUMENT", `"${prog} ${path}" requires ${text} but got ${args.length}`, {
		hint: `Usage: ${usageLine(io, path)}\nPlease specify ${text} as ${ARGUMENTS[path] ?? "the arguments"}. Run "${prog} ${path} -h" for more options and examples`,
	});
}

/** A library hint that names `oras ...` commands, reworded for the name the program was invoked as. */
export function hintForProgram(err: unknown, io: CliIO): unknown {
	if (!OrasError.is(err) || err.hint === undefined || !err.hint.includes('"oras ')) return err;
	const prog = programName(io);
	if (prog === "oras") return err;
	return new OrasError(err.code, err.message, { cause: err, hint: err.hint.replace(/"oras /g, `"${prog} `) });
}
