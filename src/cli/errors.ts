import { STATUS_CODES } from "node:http";
import { OrasError } from "../errors.js";
import { type RegistryErrorEntry, renderRegistryErrors } from "../registry/errors.js";
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

/** What the renderer needs to know of the command line. */
export interface ErrorContext {
	/** The docker config file credentials were read from (`source`/`destination` for cp's sides). */
	readonly credentialFile?: (side?: string) => string | undefined;
}

/** oras's prefix for errors a registry replied with. */
const REGISTRY_ERROR_PREFIX = "Error response from registry: ";

/** One line with every control character a terminal would act on escaped (messages quote registry names). */
function oneLine(s: string): string {
	return printable(s.replace(/\s*\n\s*/g, " ").trim());
}

interface RegistryReply {
	readonly method: string;
	readonly url: string;
	readonly status: number;
	readonly errors: readonly RegistryErrorEntry[];
}

/** The registry reply somewhere in the `cause` chain (a RegistryResponseError), if any. */
function registryReply(err: unknown): RegistryReply | undefined {
	let cur: unknown = err;
	for (let i = 0; i < 32 && typeof cur === "object" && cur !== null; i++) {
		const r = cur as Partial<RegistryReply> & { cause?: unknown };
		if (typeof r.status === "number" && typeof r.method === "string" && typeof r.url === "string" && Array.isArray(r.errors)) return r as RegistryReply;
		cur = r.cause;
	}
	return undefined;
}

function chainHasCode(err: unknown, code: string): boolean {
	let cur: unknown = err;
	for (let i = 0; i < 32 && typeof cur === "object" && cur !== null; i++) {
		if (OrasError.is(cur) && cur.code === code) return true;
		cur = (cur as { cause?: unknown }).cause;
	}
	return false;
}

const BASIC_CREDENTIAL_NOT_FOUND = "basic credential not found";

/**
 * Node's words for a failed connection, as Go's net package says them:
 * `GET "u": connect ECONNREFUSED 127.0.0.1:1` → `Get "u": dial tcp 127.0.0.1:1: connect: connection refused`.
 */
function goNetworkWording(message: string): string {
	const goMethod = (m: string) => `${m.charAt(0)}${m.slice(1).toLowerCase()}`;
	const goAddr = (a: string) => {
		const i = a.lastIndexOf(":");
		const host = a.slice(0, i);
		return host.includes(":") && !host.startsWith("[") ? `[${host}]${a.slice(i)}` : a;
	};
	const reasons: Record<string, string> = {
		ECONNREFUSED: "connect: connection refused",
		EHOSTUNREACH: "connect: no route to host",
		ENETUNREACH: "connect: network is unreachable",
		ETIMEDOUT: "i/o timeout",
	};
	return message
		.replace(/\b(GET|HEAD|PUT|POST|PATCH|DELETE) ("[^"]*"): connect (ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT) (\S+)/g, (_m, method: string, url: string, code: string, addr: string) => `${goMethod(method)} ${url}: dial tcp ${goAddr(addr)}: ${reasons[code] as string}`)
		.replace(/\b(GET|HEAD|PUT|POST|PATCH|DELETE) ("[^"]*"): getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/g, (_m, method: string, url: string, host: string) => `${goMethod(method)} ${url}: dial tcp: lookup ${host}: no such host`);
}

/** The message and prefix oras prints for an error from a library call. */
function describe(err: OrasError, ctx: ErrorContext, side?: string): { prefix: string; message: string; hints: string[] } {
	let message = goNetworkWording(err.message);
	const hints: string[] = [];
	if (message.includes(BASIC_CREDENTIAL_NOT_FOUND)) {
		// oras trims the request from the message and names the credential file.
		message = message.replace(/\b(?:GET|HEAD|PUT|POST|PATCH|DELETE) "[^"]*": basic credential not found/, BASIC_CREDENTIAL_NOT_FOUND);
		const file = ctx.credentialFile?.(side);
		hints.push(`Please check whether the registry credential stored in the authentication file ${file ? `at ${JSON.stringify(file)} ` : ""}is correct`);
		if (err.hint) hints.push(err.hint);
		return { prefix: "Error: ", message, hints };
	}
	const reply = registryReply(err);
	let fromRegistry = err.code === "REGISTRY_ERROR" || err.code === "UNAUTHORIZED" || err.code === "FORBIDDEN";
	if (!fromRegistry && reply && chainHasCode(err, "NOT_FOUND")) fromRegistry = true;
	if (reply && err.code === "NOT_FOUND" && /: repository not found$/.test(err.message)) {
		// A tag or catalog listing's 404 is the registry's own error response in oras.
		message = reply.errors.length > 0 ? renderRegistryErrors(reply.errors) : `${reply.method} "${reply.url}": response status code ${reply.status}: ${STATUS_CODES[reply.status] ?? ""}`;
	}
	if (err.hint) hints.push(err.hint);
	return { prefix: fromRegistry ? REGISTRY_ERROR_PREFIX : "Error: ", message, hints };
}

/** Renders any error as oras does: `Error: <message>` (+ hint lines), stack traces only with --debug. */
export function renderError(err: unknown, debug: boolean, ctx: ErrorContext = {}): RenderedError {
	// A copy failure no command attributed to a side (only cp does) reads as its cause.
	if (err instanceof CopyError) err = err.cause;
	const lines: string[] = [];
	if (err instanceof UsageError) {
		lines.push(`Error: ${oneLine(err.message)}`);
		if (err.hint) lines.push(printableLines(err.hint));
	} else if (OrasError.is(err) && typeof (err as { prefix?: unknown }).prefix === "string" && (err as { origin?: unknown }).origin !== undefined) {
		// A copy error names the side that failed, as oras does.
		const side = String((err as { origin?: unknown }).origin);
		const d = describe(err, ctx, side);
		lines.push(`${(err as unknown as { prefix: string }).prefix}: ${oneLine(d.message)}`);
		for (const h of d.hints) lines.push(printableLines(h));
	} else if (OrasError.is(err)) {
		const d = describe(err, ctx);
		lines.push(`${d.prefix}${oneLine(d.message)}`);
		for (const h of d.hints) lines.push(printableLines(h));
	} else if (err instanceof Error) {
		const code = (err as NodeJS.ErrnoException).code;
		lines.push(`Error: ${oneLine(goNetworkWording(describeSystemError(err, code)))}`);
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
