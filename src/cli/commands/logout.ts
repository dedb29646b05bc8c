/**
 * `oras-ts logout <registry>`: removes the stored credential (file entry, or the helper's `erase`
 * when `credsStore`/`credHelpers` names one). Removing an absent entry succeeds silently.
 */
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { serverAddressFromRegistry } from "../../registry/auth/credentials.js";
import { type CliIO, programName } from "../io.js";
import { collect, checkArgs } from "../options/common.js";
import { credentialStoreFor } from "../options/remote.js";

export interface LogoutFlags {
	readonly debug?: boolean;
	readonly registryConfig?: string[];
}

const USAGE = (io: CliIO): string => `${programName(io)} logout [flags] <registry>`;

export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Log out from a remote registry")
		.usage("[flags] <registry>")
		.argument("[args...]")
		.option("-d, --debug", "output debug logs")
		.option("--registry-config <path>", "path of the authentication file for registry (repeatable)", collect)
		.addHelpText("after", ["", "Example:", "  oras-ts logout localhost:5000"].join("\n"));
	cmd.action((args: string[], flags: LogoutFlags) => runLogout(args, flags, io));
}

export async function runLogout(args: string[], flags: LogoutFlags, io: CliIO): Promise<void> {
	checkArgs(`${programName(io)} logout`, args, 1, 1, USAGE(io), `Please specify exactly 1 argument as the registry to log out from. Run "${programName(io)} logout -h" for more options and examples`);
	const address = serverAddressFromRegistry(args[0] as string);
	const store = credentialStoreFor(flags, io);
	try {
		await store.delete(address);
	} catch (err) {
		const e = OrasError.is(err) ? err : undefined;
		throw new OrasError(e?.code ?? "INVALID_ARGUMENT", `failed to remove the credentials for ${address}: ${(err as Error).message ?? String(err)}`, { cause: err });
	}
}
