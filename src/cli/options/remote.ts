/**
 * The Remote and Target flag groups: credentials, TLS, plain HTTP, headers, `--resolve`,
 * `--oci-layout`. They turn flags into library options and targets; no HTTP here.
 */
import { homedir } from "node:os";
import { resolve as resolvePath } from "node:path";
import { type Command, Option } from "commander";
import { type OpenedTarget, openTarget, type ParsedReference, type RemoteTargetOptions, repositoryOptions } from "../../api/target.js";
import type { ReadOnlyTarget, Target } from "../../content/storage.js";
import { OrasError } from "../../errors.js";
import { parseLayoutReference, parseReference, type Reference, repositoryPath } from "../../oci/reference.js";
import type { Credential } from "../../registry/auth/credential.js";
import { createCredentialStore } from "../../registry/auth/credentials.js";
import type { RemoteOptions, RepositoryOptions } from "../../registry/index.js";
import { hasProxy, proxyConfigFromEnv } from "../../registry/transport/proxy.js";
import type { Logger } from "../../registry/transport/types.js";
import type { CliIO } from "../io.js";
import { collect, readSecretFromStdin } from "./common.js";
import { parseDuration } from "./duration.js";
import { TIMEOUTS } from "./timeouts.js";
import { printable, printableLines } from "../display/escape.js";

/** `--connect-timeout` and the other timeout flags, one per entry of TIMEOUTS. */
type TimeoutFlags = Partial<Readonly<Record<(typeof TIMEOUTS)[number]["key"], string>>>;

export interface RemoteFlags extends TimeoutFlags {
	readonly username?: string;
	readonly password?: string;
	readonly passwordStdin?: boolean;
	readonly identityToken?: string;
	readonly identityTokenStdin?: boolean;
	readonly insecure?: boolean;
	readonly plainHttp?: boolean;
	readonly caFile?: string;
	readonly certFile?: string;
	readonly keyFile?: string;
	readonly resolve?: string[];
	readonly registryConfig?: string[];
	readonly header?: string[];
	readonly debug?: boolean;
}

export interface TargetFlags extends RemoteFlags {
	readonly ociLayout?: boolean;
	readonly ociLayoutPath?: string;
}


/** Timeouts from the flags, else from the environment (`ORAS_TS_*_TIMEOUT`). */
function timeoutOptions(flags: RemoteFlags, io: CliIO): Partial<Record<(typeof TIMEOUTS)[number]["option"], number>> {
	const out: Partial<Record<(typeof TIMEOUTS)[number]["option"], number>> = {};
	for (const t of TIMEOUTS) {
		const fromFlag = flags[t.key];
		const raw = fromFlag ?? io.env[t.env];
		if (raw === undefined || raw === "") continue;
		const what = fromFlag !== undefined ? t.flag : t.env;
		out[t.option] = parseDuration(what, raw, {
			allowZero: true,
			bareSeconds: true,
			maxMs: 2 ** 31 - 1,
			message: (why) => `invalid duration ${JSON.stringify(raw)} for ${what}: ${why === "too long" ? why : "use e.g. 500ms, 30s or 2m"}`,
		});
	}
	return out;
}

/** Adds oras's Remote flag group. */
export function addRemoteFlags(cmd: Command, opts: { stdinSecrets?: boolean; headers?: boolean } = {}): Command {
	cmd.option("-u, --username <username>", "registry username");
	cmd.option("-p, --password <password>", "registry password or identity token");
	if (opts.stdinSecrets !== false) cmd.option("--password-stdin", "read password from stdin");
	cmd.option("--identity-token <token>", "registry identity token");
	if (opts.stdinSecrets !== false) cmd.option("--identity-token-stdin", "read identity token from stdin");
	cmd.option("--insecure", "allow connections to SSL registry without certs");
	cmd.option("--plain-http", "allow insecure connections to registry without SSL check");
	cmd.addOption(new Option("--no-plain-http").hideHelp());
	cmd.option("--ca-file <file>", "server certificate authority file for the remote registry");
	cmd.option("--cert-file <file>", "client certificate file for the remote registry");
	cmd.option("--key-file <file>", "client private key file for the remote registry");
	cmd.option("--resolve <host:port:address[:port]>", "customized DNS for registry (repeatable)", collect);
	cmd.option("--registry-config <path>", "path of the authentication file for registry (repeatable)", collect);
	if (opts.headers !== false) cmd.option("-H, --header <name: value>", "add custom headers to requests (repeatable)", collect);
	for (const t of TIMEOUTS) cmd.option(`${t.flag} <duration>`, `${t.help} (default ${t.default}; env ${t.env}; 0 = none)`);
	return cmd;
}

/** Adds the Target group: Remote plus `--oci-layout` / `--oci-layout-path`. */
export function addTargetFlags(cmd: Command): Command {
	addRemoteFlags(cmd);
	cmd.option("--oci-layout", "set target as an OCI image layout");
	cmd.option("--oci-layout-path <dir>", "[Experimental] set the path for the OCI image layout target");
	return cmd;
}

function exclusive(flags: Record<string, unknown>, names: Array<[string, string]>): void {
	const set = names.filter(([k]) => flags[k] !== undefined && flags[k] !== false);
	if (set.length > 1) throw new OrasError("INVALID_ARGUMENT", `${set.map(([, n]) => n).join(", ")} cannot be used at the same time`);
}

export function validateRemoteFlags(flags: RemoteFlags): void {
	const f = flags as Record<string, unknown>;
	exclusive(f, [
		["password", "--password"],
		["passwordStdin", "--password-stdin"],
	]);
	exclusive(f, [
		["identityToken", "--identity-token"],
		["identityTokenStdin", "--identity-token-stdin"],
	]);
	exclusive(f, [
		["username", "--username"],
		["identityToken", "--identity-token"],
	]);
	exclusive(f, [
		["username", "--username"],
		["identityTokenStdin", "--identity-token-stdin"],
	]);
	exclusive(f, [
		["password", "--password"],
		["identityToken", "--identity-token"],
	]);
	exclusive(f, [
		["passwordStdin", "--password-stdin"],
		["identityTokenStdin", "--identity-token-stdin"],
	]);
	if (flags.certFile && !flags.keyFile) throw new OrasError("INVALID_ARGUMENT", "--cert-file must be used in conjunction with --key-file");
	if (flags.keyFile && !flags.certFile) throw new OrasError("INVALID_ARGUMENT", "--key-file must be used in conjunction with --cert-file");
}

/** The credential given on the command line, if any (stdin secrets are read here, once). */
export async function flagCredential(flags: RemoteFlags, io: CliIO, warn = false): Promise<Credential | undefined> {
	let password = flags.password;
	let identityToken = flags.identityToken;
	if (flags.passwordStdin) password = await readSecretFromStdin(io);
	if (flags.identityTokenStdin) identityToken = await readSecretFromStdin(io);
	if (warn && flags.password !== undefined) io.stderr.write("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
	if (warn && flags.identityToken !== undefined) io.stderr.write("WARNING! Using --identity-token via the CLI is insecure. Use --identity-token-stdin.\n");
	// `-p` without `-u` is an identity token, as in oras.
	if (password !== undefined && !flags.username && identityToken === undefined) {
		identityToken = password;
		password = undefined;
	}
	if (flags.username === undefined && password === undefined && identityToken === undefined) return undefined;
	return {
		...(flags.username !== undefined ? { username: flags.username } : {}),
		...(password !== undefined ? { password } : {}),
		...(identityToken !== undefined ? { refreshToken: identityToken } : {}),
	};
}

export function credentialStoreFor(flags: RemoteFlags, io: CliIO) {
	return createCredentialStore({
		...(flags.registryConfig && flags.registryConfig.length > 0 ? { configPaths: flags.registryConfig.map((p) => resolvePath(io.cwd, p)) } : {}),
		env: io.env,
		homedir: io.env.HOME ?? homedir(),
	});
}

/**
 * Go's `time.RFC3339Nano` of `t` in local time: `2006-01-02T15:04:05.999999999Z07:00` (the fraction
 * without trailing zeros, omitted when zero; `Z` for UTC). JavaScript time has milliseconds.
 */
export function rfc3339Nano(t: Date): string {
	const p = (n: number, w = 2): string => String(n).padStart(w, "0");
	const off = -t.getTimezoneOffset();
	const zone = off === 0 ? "Z" : `${off > 0 ? "+" : "-"}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
	const ms = t.getMilliseconds();
	const frac = ms === 0 ? "" : `.${p(ms, 3).replace(/0+$/, "")}`;
	return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}${frac}${zone}`;
}

export function stderrLogger(io: CliIO, debug: boolean, now: () => Date = () => new Date()): Logger {
	return {
		// Registry replies show up here (Warning headers, traced headers): no raw control characters.
		// Each entry as oras's log formatter writes it: `[<RFC3339Nano>][DEBUG]: <message>`, then two empty lines.
		debug: (msg: string) => {
			if (debug) io.stderr.write(`[${rfc3339Nano(now())}][DEBUG]: ${printableLines(msg)}\n\n\n`);
		},
		warn: (msg: string) => io.stderr.write(`Warning: ${printable(msg)}\n`),
	};
}

/**
 * Connection options from the Remote flags and the environment (everything but credentials):
 * TLS, plain HTTP, `--resolve`, `-H`, `--debug` tracing, and the proxy from
 * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (read here, in the CLI, and passed down as an option).
 */
export function connectionOptions(flags: RemoteFlags, io: CliIO): RemoteOptions {
	const headers: Array<[string, string]> = [];
	for (const h of flags.header ?? []) {
		const i = h.indexOf(":");
		if (i <= 0) throw new OrasError("INVALID_ARGUMENT", `invalid header: ${JSON.stringify(h)}`);
		headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
	}
	const proxy = proxyConfigFromEnv(io.env);
	return {
		...(flags.plainHttp !== undefined ? { plainHttp: flags.plainHttp } : {}),
		...(flags.insecure ? { insecure: true } : {}),
		...(flags.caFile ? { caFile: resolvePath(io.cwd, flags.caFile) } : {}),
		...(flags.certFile ? { certFile: resolvePath(io.cwd, flags.certFile) } : {}),
		...(flags.keyFile ? { keyFile: resolvePath(io.cwd, flags.keyFile) } : {}),
		...(flags.resolve && flags.resolve.length > 0 ? { resolve: flags.resolve } : {}),
		...(headers.length > 0 ? { headers } : {}),
		...(hasProxy(proxy) ? { proxy } : {}),
		...(flags.debug ? { debug: true } : {}),
		...timeoutOptions(flags, io),
		logger: stderrLogger(io, Boolean(flags.debug)),
		signal: io.signal,
	};
}

/**
 * Library options for a registry target from the Remote flags: the credential given on the command
 * line (stdin secrets read here, once) or the credential store of `--registry-config`, the
 * connection options, and the working directory relative paths resolve against.
 */
async function remoteTargetOptions(flags: RemoteFlags, io: CliIO): Promise<RemoteTargetOptions> {
	validateRemoteFlags(flags);
	const cred = await flagCredential(flags, io);
	return { ...connectionOptions(flags, io), ...(cred ? { credential: cred } : { credentials: credentialStoreFor(flags, io) }), cwd: io.cwd };
}

/** Library options for a remote repository (or registry) from the Remote flags. */
export async function remoteOptions(flags: RemoteFlags, io: CliIO, registry: string): Promise<RepositoryOptions> {
	return repositoryOptions(await remoteTargetOptions(flags, io), registry);
}

/**
 * Prints `prompt` on stdout and reads one line from stdin, as oras's login prompts do. With
 * `silent` and a terminal on stdin the input is not echoed (raw mode; backspace edits, Ctrl-C
 * aborts); otherwise a line is read as is (so `printf 'user\npass\n' | oras-ts login host` works).
 */
export async function promptLine(io: CliIO, prompt: string, silent: boolean): Promise<string> {
	io.stdout.write(prompt);
	const stdin = io.stdin;
	const raw = silent && stdin.isTTY === true && typeof stdin.setRawMode === "function";
	if (!raw) return (await readLine(stdin, false)) ?? "";
	stdin.setRawMode?.(true);
	let line: string | undefined;
	try {
		line = await readLine(stdin, true);
	} finally {
		stdin.setRawMode?.(false);
		io.stdout.write("\n");
	}
	if (line === undefined) return "";
	let out = "";
	for (const ch of line) {
		if (ch === "\x03") throw new OrasError("ABORTED", "operation aborted");
		if (ch === "\x7f" || ch === "\b") out = out.slice(0, -1);
		else if (ch !== "\x04") out += ch;
	}
	return out;
}

/** Reads up to a line end (`\n`; in raw mode also `\r` and Ctrl-C), leaving the rest in the stream. */
function readLine(stream: CliIO["stdin"], rawMode: boolean): Promise<string | undefined> {
	if (stream.readableEnded || stream.destroyed) return Promise.resolve(undefined);
	return new Promise<string | undefined>((resolve, reject) => {
		const chunks: Buffer[] = [];
		const cleanup = () => {
			stream.off("readable", onReadable);
			stream.off("end", onEnd);
			stream.off("error", onError);
		};
		const isEnd = (b: number) => b === 0x0a || (rawMode && (b === 0x0d || b === 0x03));
		function onReadable() {
			for (;;) {
				const c: unknown = stream.read();
				if (c === null) return;
				const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
				const at = b.findIndex(isEnd);
				if (at < 0) {
					chunks.push(b);
					continue;
				}
				const stop = b[at];
				chunks.push(b.subarray(0, stop === 0x03 ? at + 1 : at));
				cleanup();
				const rest = b.subarray(at + 1);
				if (rest.length > 0) stream.unshift(rest);
				resolve(Buffer.concat(chunks).toString("utf8").replace(/\r$/, ""));
				return;
			}
		}
		function onEnd() {
			cleanup();
			resolve(chunks.length > 0 ? Buffer.concat(chunks).toString("utf8").replace(/\r$/, "") : undefined);
		}
		function onError(err: unknown) {
			cleanup();
			reject(err);
		}
		stream.on("readable", onReadable);
		stream.once("end", onEnd);
		stream.once("error", onError);
	});
}

/** What a reference argument named: a registry repository or an OCI layout (`name`: `registry/repository` or the layout path). */
export type ParsedTarget = ParsedReference;

const REFERENCE_FORM_HINT = "Please make sure the provided reference is in the form of <registry>/<repo>[:tag|@digest]";

export function parseTargetArg(raw: string, flags: TargetFlags): ParsedTarget {
	if (flags.ociLayout && flags.ociLayoutPath) throw new OrasError("INVALID_ARGUMENT", "--oci-layout, --oci-layout-path cannot be used at the same time");
	if (flags.ociLayoutPath) return { kind: "oci-layout", raw, name: flags.ociLayoutPath, path: flags.ociLayoutPath, reference: raw };
	if (flags.ociLayout) {
		const { path, reference } = parseLayoutReference(raw);
		return { kind: "oci-layout", raw, name: path, path, reference };
	}
	let ref: Reference;
	try {
		ref = parseReference(raw);
	} catch (err) {
		// oras's recommendation first, then anything oras-ts knows more.
		if (OrasError.is(err)) throw new OrasError(err.code, `${JSON.stringify(raw)}: ${err.message}`, { cause: err, hint: [REFERENCE_FORM_HINT, ...(err.hint ? [err.hint] : [])].join("\n") });
		throw err;
	}
	return { kind: "registry", raw, ref, name: repositoryPath(ref), reference: ref.reference };
}

/** `[registry] <raw>` / `[oci-layout] <raw>`, as oras displays a target. */
export function displayReference(t: ParsedTarget): string {
	return `[${t.kind}] ${t.raw}`;
}

/**
 * Options for the library's target opening from the Target flags: for a registry everything
 * `remoteTargetOptions` gives; for an OCI layout only the working directory (the Remote flags do
 * not apply, and `-H` is refused).
 */
export async function targetOptions(t: ParsedTarget, flags: TargetFlags, io: CliIO): Promise<RemoteTargetOptions> {
	if (t.kind === "registry") return remoteTargetOptions(flags, io);
	if (flags.header && flags.header.length > 0) throw new OrasError("INVALID_ARGUMENT", "custom header flags cannot be used on an OCI image layout target");
	return { cwd: io.cwd, signal: io.signal };
}

/** `ORAS_CACHE=<dir>`: reads of a registry target go through an OCI layout cache at that directory, as in oras. */
export function orasCache(io: CliIO): { readonly readCache?: string } {
	return io.env.ORAS_CACHE ? { readCache: io.env.ORAS_CACHE } : {};
}

export async function openWritableTarget(t: ParsedTarget, flags: TargetFlags, io: CliIO, extra: Partial<RepositoryOptions> = {}): Promise<OpenedTarget<Target>> {
	return openTarget(t, await targetOptions(t, flags, io), "write", extra);
}

/** A target to read (with `cache`, through the `ORAS_CACHE` read cache when set). */
export async function openReadableTarget(t: ParsedTarget, flags: TargetFlags, io: CliIO, extra: Partial<RepositoryOptions> = {}, cache = false): Promise<OpenedTarget<ReadOnlyTarget>> {
	return openTarget(t, { ...(await targetOptions(t, flags, io)), ...(cache ? orasCache(io) : {}) }, "read", extra);
}

/**
 * Rewrites a connection/auth failure as one clear line (`<prefix>: <what went wrong>`) with a
 * hint naming the flag that fixes it: untrusted certificate → `--ca-file` / `--insecure`, client
 * certificate demanded → `--cert-file`/`--key-file`, 401 → wrong credentials, 403 → no access.
 */
export function describeConnectionError(err: unknown, prefix: string, flags: RemoteFlags): unknown {
	if (!OrasError.is(err)) return err;
	// OpenSSL's raw text (`80BC…:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:…c:1601:SSL alert number 42`) → `tls: sslv3 alert bad certificate (alert 42)`
	const cleaned = err.message.replace(
		/[0-9A-F]{6,}:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):[^:\s]*:\d+:(?:SSL alert number (\d+))?/g,
		(_m, what: string, n: string | undefined) => `tls: ${what}${n ? ` (alert ${n})` : ""}`,
	);
	const msg = `${prefix}: ${cleaned}`;
	let hint = err.hint;
	switch (err.code) {
		case "TLS_ERROR": {
			const text = `${err.message} ${String((err.cause as NodeJS.ErrnoException | undefined)?.code ?? "")}`;
			if (hint !== undefined) break; // e.g. "the registry may be serving plain HTTP"
			if (/certificate required|CERTIFICATE_REQUIRED|handshake failure|bad certificate/i.test(text)) {
				hint = flags.certFile
					? "the registry refused the client certificate given with --cert-file/--key-file"
					: "the registry requires a client certificate: use --cert-file and --key-file";
			} else if (/certificate|self.signed|issuer|verify|CERT_|altnames|hostname/i.test(text)) {
				hint = flags.caFile
					? `the certificate is not trusted by --ca-file ${flags.caFile}; use --insecure to skip verification (not recommended)`
					: "the registry's certificate is not trusted: use --ca-file <CA bundle (PEM)> to trust its authority, or --insecure to skip verification";
			}
			break;
		}
		case "UNAUTHORIZED":
			hint ??= "the registry rejected the credentials: check the username and password (or token)";
			if (/check the credentials for/.test(hint)) hint = "the registry rejected the credentials: check the username and password (or token)";
			break;
		case "FORBIDDEN":
			hint ??= "the credentials are valid but not allowed this access (forbidden scope)";
			break;
		case "NETWORK_ERROR":
			if (/proxyconnect/.test(err.message)) hint ??= "check HTTPS_PROXY/HTTP_PROXY, or exclude the registry with NO_PROXY";
			break;
		default:
			break;
	}
	return new OrasError(err.code, msg, { cause: err, ...(hint !== undefined ? { hint } : {}) });
}
