/** A CliIO for in-process unit tests: stdin from strings, stdout/stderr kept as text (written synchronously). */
import { Readable, Writable } from "node:stream";
import type { CliIO } from "../../../src/cli/io.js";

export interface FakeIO extends CliIO {
	out(): string;
	err(): string;
}

function keep(): { stream: Writable; text: () => string } {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _enc, cb) {
			chunks.push(chunk.toString("utf8"));
			cb();
		},
	});
	return { stream, text: () => chunks.join("") };
}

export function fakeIO(opts: { stdin?: string[]; env?: Record<string, string>; cwd?: string; programName?: string; stderrTTY?: boolean } = {}): FakeIO {
	const out = keep();
	const err = keep();
	const stderr = Object.assign(err.stream, opts.stderrTTY ? { isTTY: true } : {});
	return {
		stdout: out.stream,
		stderr,
		stdin: Readable.from((opts.stdin ?? []).map((s) => Buffer.from(s))),
		env: opts.env ?? {},
		cwd: opts.cwd ?? process.cwd(),
		...(opts.programName ? { programName: opts.programName } : {}),
		out: out.text,
		err: err.text,
	};
}
