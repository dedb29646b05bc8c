import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { resolve } from "../../api/manifest.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, usageLine } from "../options/common.js";
import { ensureReference } from "../options/distribution.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { addTargetFlags, openReadableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface ResolveFlags extends CommonFlags, TargetFlags, PlatformFlags {
	readonly fullReference?: boolean;
}


export function define(cmd: Command, io: CliIO): void {
	cmd.description("[Preview] Resolves digest of the target artifact").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(cmd);
	addPlatformFlag(cmd);
	addCommonFlags(cmd, { tty: false });
	cmd.option("-l, --full-reference", "print the full artifact reference with digest");
	cmd.action((args: string[], flags: ResolveFlags) => runResolve(args, flags, io));
}

export async function runResolve(args: string[], flags: ResolveFlags, io: CliIO): Promise<void> {
	checkArgs(io, "resolve", args, 1, 1);
	const target = parseTargetArg(args[0] as string, flags);
	const platform = parsePlatformFlag(flags);
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"] });
	try {
		ensureReference(target, `${programName(io)} resolve`, usageLine(io, "resolve"));
		let desc: Descriptor;
		try {
			desc = await resolve(opened, { signal: io.signal, platform });
		} catch (err) {
			if (OrasError.is(err)) throw new OrasError(err.code, `failed to resolve digest: ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
			throw err;
		}
		io.stdout.write(flags.fullReference ? `${target.name}@${desc.digest}\n` : `${desc.digest}\n`);
	} finally {
		opened.close();
	}
}
