import type { Readable, Writable } from "node:stream";

/** Everything a command may touch of its process, injected so tests run commands in-process. */
export interface CliIO {
	readonly stdout: Writable & { isTTY?: boolean; columns?: number };
	readonly stderr: Writable & { isTTY?: boolean; columns?: number };
	readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	/** Cancels the running command (the CLI wires SIGINT to it). */
	readonly signal?: AbortSignal | undefined;
	/** The name to print in usage lines and hints (default `oras-ts`); see `programNameFrom`. */
	readonly programName?: string;
}

export function processIO(signal?: AbortSignal): CliIO {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		cwd: process.cwd(),
		programName: programNameFrom(process.argv[1]),
		signal,
	};
}

export function write(stream: Writable, text: string): void {
	stream.write(text);
}

/** The name the program was invoked as (`oras`, `oras-ts`), for usage lines and hints. */
export function programName(io: Pick<CliIO, "programName">): string {
	return io.programName ?? "oras-ts";
}

/** `process.argv[1]`'s base name without `.js`; a name that is not a command (`cli`, `main`, `index`) gives `oras-ts`. */
export function programNameFrom(scriptPath: string | undefined): string {
	const base = (scriptPath ?? "").split(/[\\/]/).pop() ?? "";
	const name = base.replace(/\.(c|m)?js$/, "");
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || ["cli", "main", "index", "node"].includes(name)) return "oras-ts";
	return name;
}
