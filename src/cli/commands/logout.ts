/**
 * `oras-ts logout <registry>`: removes the stored credential (file entry, or the helper's `erase`
 * when `credsStore`/`credHelpers` names one). Removing an absent entry succeeds silently.
 * The library's `logout` does the work; the CLI picks the store from its flags.
 */
import type { Command } from "commander";
import { logout } from "../../api/login.js";
import { OrasError } from "../../errors.js";
import { serverAddressFromRegistry } from "../../registry/auth/credentials.js";
import type { CliIO } from "../io.js";
import { collect, checkArgs } from "../options/common.js";
import { credentialStoreFor } from "../options/remote.js";

export interface LogoutFlags {
	readonly debug?: boolean;
	readonly registryConfig?: string[];
}


export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Log out from a remote registry")
		.usage("[flags] <registry>")
		.argument("[args...]")
		.option("-d, --debug", "output debug logs")
		.option("--registry-config <path>", "path of the authentication file for registry (repeatable)", collect);
	cmd.action((args: string[], flags: LogoutFlags) => runLogout(args, flags, io));
}

export async function runLogout(args: string[], flags: LogoutFlags, io: CliIO): Promise<void> {
	checkArgs(io, "logout", args, 1, 1);
	const address = serverAddressFromRegistry(args[0] as string);
	const store = credentialStoreFor(flags, io);
	try {
		await logout(args[0] as string, { credentials: store });
	} catch (err) {
		const e = OrasError.is(err) ? err : undefined;
		throw new OrasError(e?.code ?? "INVALID_ARGUMENT", `failed to remove the credentials for ${address}: ${(err as Error).message ?? String(err)}`, { cause: err });
	}
}
