/**
 * `oras-ts login <registry>` (https://oras.land/docs/commands/oras_login): takes a secret from the flags, stdin or a prompt,
 * checks it with `GET /v2/` (`Registry.ping`, 200 required) and stores it in the docker-compatible
 * credential store (config file, `credsStore` or `credHelpers`). `docker.io` is stored under
 * `https://index.docker.io/v1/`. No HTTP here: the library's `checkLogin` and `login` do the work.
 */
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import type { Credential } from "../../registry/auth/credential.js";
import { checkLogin, login } from "../../api/login.js";
import { serverAddressFromRegistry } from "../../registry/auth/credentials.js";
import type { CliIO } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags } from "../options/common.js";
import {
	addRemoteFlags,
	connectionOptions,
	credentialStoreFor,
	describeConnectionError,
	flagCredential,
	promptLine,
	type RemoteFlags,
	validateRemoteFlags,
} from "../options/remote.js";

export interface LoginFlags extends RemoteFlags, CommonFlags {}


export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Log in to a remote registry")
		.usage("[flags] <registry>")
		.argument("[args...]");
	addRemoteFlags(cmd);
	addCommonFlags(cmd, { tty: false });
	cmd.action((args: string[], flags: LoginFlags) => runLogin(args, flags, io));
}

/** The credential to log in with: flags or stdin first, else prompts (`Username: `, then `Password: ` or `Token: `). */
export async function loginCredential(flags: LoginFlags, io: CliIO): Promise<Credential> {
	const given = await flagCredential(flags, io, true);
	if (given !== undefined && (given.password !== undefined || given.refreshToken !== undefined)) return given;
	let username = flags.username ?? "";
	if (username === "") username = (await promptLine(io, "Username: ", false)).trim();
	if (username === "") {
		const token = await promptLine(io, "Token: ", true);
		if (token === "") throw new OrasError("INVALID_ARGUMENT", "token required");
		return { refreshToken: token };
	}
	const password = await promptLine(io, "Password: ", true);
	if (password === "") throw new OrasError("INVALID_ARGUMENT", "password required");
	return { username, password };
}

export async function runLogin(args: string[], flags: LoginFlags, io: CliIO): Promise<void> {
	checkArgs(io, "login", args, 1, 1);
	const hostname = args[0] as string;
	validateRemoteFlags(flags);
	const store = credentialStoreFor(flags, io);
	const cred = await loginCredential(flags, io);
	try {
		await checkLogin(hostname, cred, connectionOptions(flags, io));
	} catch (err) {
		throw describeConnectionError(err, `failed to validate the credentials for ${hostname}`, flags);
	}
	const address = serverAddressFromRegistry(hostname);
	try {
		await login(hostname, cred, { validate: false, credentials: store });
	} catch (err) {
		const e = OrasError.is(err) ? err : undefined;
		throw new OrasError(e?.code ?? "INVALID_ARGUMENT", `failed to store the credentials for ${address}: ${(err as Error).message ?? String(err)}`, { cause: err });
	}
	io.stdout.write("Login Succeeded\n");
}
