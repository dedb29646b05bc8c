import { type Command, Option } from "commander";
import { OrasError } from "../../errors.js";
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
export const DEFAULT_COPY_CONCURRENCY = 3;

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

export function checkArgs(cmdPath: string, args: readonly string[], min: number, max: number, usage: string, hint: string): void {
	if (args.length < min || args.length > max) {
		const want = min === max ? `exactly ${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
		const noun = (min === max ? min : min) === 1 ? "argument" : "arguments";
		throw new OrasError("INVALID_ARGUMENT", `"${cmdPath}" requires ${want} ${noun} but got ${args.length}`, {
			hint: `Usage: ${usage}\n${hint}`,
		});
	}
}

/** A library hint that names `oras ...` commands, reworded for the name the program was invoked as. */
export function hintForProgram(err: unknown, io: CliIO): unknown {
	if (!OrasError.is(err) || err.hint === undefined || !err.hint.includes('"oras ')) return err;
	const prog = programName(io);
	if (prog === "oras") return err;
	return new OrasError(err.code, err.message, { cause: err, hint: err.hint.replace(/"oras /g, `"${prog} `) });
}
