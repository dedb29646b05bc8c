import { OrasError } from "../errors.js";
import { CopyError } from "../graph/copy-error.js";
import { printable, printableLines } from "./display/escape.js";

/** An error for people: a one-line message, an optional hint line, an exit code. */
export class UsageError extends Error {
	readonly hint: string | undefined;
	constructor(message: string, hint?: string) {
		super(message);
		this.name = "UsageError";
		this.hint = hint;
	}
}

export interface RenderedError {
	readonly lines: string[];
	readonly exitCode: number;
}

/** One line with every control character a terminal would act on escaped (messages quote registry names). */
function oneLine(s: string): string {
	return printable(s.replace(/\s*\n\s*/g, " ").trim());
}

/** Renders any error as oras does: `Error: <message>` (+ a hint), stack traces only with --debug. */
export function renderError(err: unknown, debug: boolean): RenderedError {
	// A copy failure no command attributed to a side (only cp does) reads as its cause.
	if (err instanceof CopyError) err = err.cause;
	const lines: string[] = [];
	if (err instanceof UsageError) {
		lines.push(`Error: ${oneLine(err.message)}`);
		if (err.hint) lines.push(printableLines(err.hint));
	} else if (OrasError.is(err) && typeof (err as { prefix?: unknown }).prefix === "string" && (err as { origin?: unknown }).origin !== undefined) {
		// A copy error names the side that failed, as oras does.
		lines.push(`${(err as unknown as { prefix: string }).prefix}: ${oneLine(err.message)}`);
		if (err.hint) lines.push(printableLines(err.hint));
	} else if (OrasError.is(err)) {
		const prefix = err.code === "REGISTRY_ERROR" || err.code === "UNAUTHORIZED" || err.code === "FORBIDDEN" ? "Error response from registry: " : "Error: ";
		lines.push(`${prefix}${oneLine(err.message)}`);
		if (err.hint) lines.push(printableLines(err.hint));
	} else if (err instanceof Error) {
		const code = (err as NodeJS.ErrnoException).code;
		lines.push(`Error: ${oneLine(describeSystemError(err, code))}`);
	} else {
		lines.push(`Error: ${oneLine(String(err))}`);
	}
	if (debug && err instanceof Error && err.stack) {
		lines.push(printableLines(err.stack));
		let cause: unknown = err.cause;
		for (let i = 0; i < 8 && cause instanceof Error; i++) {
			lines.push(`caused by: ${printableLines(cause.stack ?? cause.message)}`);
			cause = cause.cause;
		}
	}
	return { lines, exitCode: 1 };
}

function describeSystemError(err: Error, code: string | undefined): string {
	const e = err as NodeJS.ErrnoException;
	switch (code) {
		case "ENOENT":
			return e.path ? `${e.path}: no such file or directory` : err.message;
		case "EACCES":
			return e.path ? `${e.path}: permission denied` : err.message;
		case "EISDIR":
			return e.path ? `${e.path}: is a directory` : err.message;
		default:
			return err.message;
	}
}
