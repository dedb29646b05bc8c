import type { Readable, Writable } from "node:stream";

/** Everything a command may touch of its process, injected so tests run commands in-process. */
export interface CliIO {
	readonly stdout: Writable & { isTTY?: boolean; columns?: number };
	readonly stderr: Writable & { isTTY?: boolean; columns?: number };
	readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	/** Cancels the running command (the CLI wires SIGINT to it). */
	readonly signal?: AbortSignal;
}

export function processIO(signal?: AbortSignal): CliIO {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		cwd: process.cwd(),
		...(signal ? { signal } : {}),
	};
}

export function write(stream: Writable, text: string): void {
	stream.write(text);
}
