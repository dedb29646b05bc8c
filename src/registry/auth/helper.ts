/**
 * docker credential helpers (`docker-credential-<name>`, the docker-credential-helpers protocol):
 *   get    stdin: server address   stdout: {"ServerURL","Username","Secret"}
 *   store  stdin: that JSON
 *   erase  stdin: server address
 * A failing helper's message is its trimmed stdout; `credentials not found in native keychain`
 * from `get` means "no credential". Username `<token>` means Secret is an identity (refresh) token.
 */
import { type OrasErrorCode, OrasError } from "../../errors.js";
import { type Credential, type CredentialStore, EMPTY_CREDENTIAL } from "./credential.js";
import { serverAddressFromRegistry } from "./docker-config.js";
import { parseSecretJSON } from "./secret-json.js";

export const CREDENTIALS_NOT_FOUND_MESSAGE = "credentials not found in native keychain";
/** Username a helper reports when Secret is an identity token. */
export const IDENTITY_TOKEN_USERNAME = "<token>";
export const DEFAULT_HELPER_TIMEOUT_MS = 60_000;
const MAX_HELPER_OUTPUT = 1 << 20;

/** Code of every helper failure (the configured helper is unusable or refused). */
const HELPER_ERROR: OrasErrorCode = "INVALID_ARGUMENT";

export interface HelperOptions {
	/** Environment for the helper process (its PATH also locates the helper). Default: inherit the current process's. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Kill the helper after this long. Default 60 s (helpers may prompt, e.g. for a GPG passphrase). */
	readonly timeoutMs?: number;
	/** Where the helper's stderr goes. Default `inherit`, like docker and oras. */
	readonly stderr?: "inherit" | "ignore";
}

interface HelperResult {
	readonly ok: boolean;
	readonly stdout: string;
}

/** A credential store backed by `docker-credential-<name>`. */
export class HelperCredentialStore implements CredentialStore {
	readonly helper: string;
	readonly program: string;
	private readonly opts: HelperOptions;

	constructor(helper: string, opts: HelperOptions = {}) {
		if (helper === "" || /[/\\\0]/.test(helper)) {
			throw new OrasError("INVALID_ARGUMENT", `invalid credential helper name ${JSON.stringify(helper)}`);
		}
		this.helper = helper;
		this.program = `docker-credential-${helper}`;
		this.opts = opts;
	}

	async get(serverAddress: string): Promise<Credential> {
		const address = serverAddressFromRegistry(serverAddress);
		const res = await this.execute("get", address);
		if (res.stdout.trim() === CREDENTIALS_NOT_FOUND_MESSAGE) return EMPTY_CREDENTIAL;
		if (!res.ok) throw this.failure("get", res.stdout);
		const parsed = parseSecretJSON(res.stdout, (what) => new OrasError(HELPER_ERROR, `${this.program} get: output is not valid JSON: ${what}`));
		if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
			throw new OrasError(HELPER_ERROR, `${this.program} get: output is not a JSON object`);
		}
		const o = parsed as Record<string, unknown>;
		const username = typeof o.Username === "string" ? o.Username : "";
		const secret = typeof o.Secret === "string" ? o.Secret : "";
		if (username === IDENTITY_TOKEN_USERNAME) return secret === "" ? EMPTY_CREDENTIAL : { refreshToken: secret };
		const out: { username?: string; password?: string } = {};
		if (username !== "") out.username = username;
		if (secret !== "") out.password = secret;
		return out;
	}

	async put(serverAddress: string, cred: Credential): Promise<void> {
		const address = serverAddressFromRegistry(serverAddress);
		const payload = cred.refreshToken
			? { ServerURL: address, Username: IDENTITY_TOKEN_USERNAME, Secret: cred.refreshToken }
			: { ServerURL: address, Username: cred.username ?? "", Secret: cred.password ?? "" };
		const res = await this.execute("store", JSON.stringify(payload));
		if (!res.ok) throw this.failure("store", res.stdout);
	}

	async delete(serverAddress: string): Promise<void> {
		const res = await this.execute("erase", serverAddressFromRegistry(serverAddress));
		if (!res.ok) throw this.failure("erase", res.stdout);
	}

	private failure(action: string, stdout: string): OrasError {
		const msg = stdout.trim();
		return new OrasError(HELPER_ERROR, msg !== "" ? msg : `${this.program} ${action} failed`);
	}

	/** Runs the helper with `input` on stdin; bounded by the timeout and by 1 MiB of output. */
	private execute(action: "get" | "store" | "erase", input: string): Promise<HelperResult> {
		const timeoutMs = this.opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
		return new Promise<HelperResult>((resolve, reject) => {
			let settled = false;
			const finish = (fn: () => void) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				fn();
			};
			// node:child_process loads with the first helper call, not at start-up.
			const child = process.getBuiltinModule("node:child_process").spawn(this.program, [action], {
				stdio: ["pipe", "pipe", this.opts.stderr ?? "inherit"],
				...(this.opts.env ? { env: { ...this.opts.env } } : {}),
				windowsHide: true,
			});
			const timer = setTimeout(() => {
				child.kill("SIGKILL");
				finish(() => reject(new OrasError(HELPER_ERROR, `${this.program} ${action}: timed out after ${timeoutMs} ms`)));
			}, timeoutMs);
			const chunks: Buffer[] = [];
			let size = 0;
			child.stdout?.on("data", (b: Buffer) => {
				size += b.length;
				if (size > MAX_HELPER_OUTPUT) {
					child.kill("SIGKILL");
					finish(() => reject(new OrasError(HELPER_ERROR, `${this.program} ${action}: output exceeds ${MAX_HELPER_OUTPUT} bytes`)));
					return;
				}
				chunks.push(b);
			});
			child.on("error", (err: NodeJS.ErrnoException) => {
				const msg =
					err.code === "ENOENT"
						? `credential helper ${this.program} not found in PATH`
						: `${this.program} ${action}: ${err.message}`;
				finish(() => reject(new OrasError(HELPER_ERROR, msg, { cause: err })));
			});
			child.on("close", (code, signal) => {
				finish(() => resolve({ ok: code === 0 && signal === null, stdout: Buffer.concat(chunks).toString("utf8") }));
			});
			// A helper may exit without reading stdin (EPIPE): its exit status tells what happened.
			child.stdin?.on("error", () => undefined);
			child.stdin?.end(input);
		});
	}
}
