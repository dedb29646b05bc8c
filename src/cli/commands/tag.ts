import type { Command } from "commander";
import { tag } from "../../api/manifest.js";
import { OrasError } from "../../errors.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, parseConcurrency, usageLine } from "../options/common.js";
import { ensureReference } from "../options/distribution.js";
import { addTargetFlags, openWritableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface TagFlags extends CommonFlags, TargetFlags {
	readonly concurrency: number;
}


export function define(cmd: Command, io: CliIO): void {
	cmd.description("Tag a manifest in a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>} <new_tag> [...]").argument("[args...]");
	addTargetFlags(cmd);
	addCommonFlags(cmd, { tty: false });
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
	cmd.action((args: string[], flags: TagFlags) => runTag(args, flags, io));
}

export async function runTag(args: string[], flags: TagFlags, io: CliIO): Promise<void> {
	if (args[0] === "list" || args[0] === "ls") {
		throw new OrasError("INVALID_ARGUMENT", `there is no "list" sub-command for "${programName(io)} tag" command`, {
			hint: `Usage: ${usageLine(io, "tag")}\nIf you want to list available tags in ${flags.ociLayout || flags.ociLayoutPath ? "an OCI image layout" : "a repository"}, use "${programName(io)} repo tags"`,
		});
	}
	checkArgs(io, "tag", args, 1, Number.POSITIVE_INFINITY);
	let target: ReturnType<typeof parseTargetArg>;
	try {
		target = parseTargetArg(args[0] as string, flags);
	} catch (err) {
		if (OrasError.is(err) && err.code === "INVALID_REFERENCE") {
			throw new OrasError(err.code, `unable to add tag for '${args[0]}': ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
		}
		throw err;
	}
	const tags = args.slice(1);
	// Tagging never maintains a referrers index (oras forces "referrers API supported").
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"], referrersState: "supported" });
	try {
		ensureReference(target, `${programName(io)} tag`, usageLine(io, "tag"));
		await tag(opened, tags, {
			signal: io.signal,
			concurrency: flags.concurrency,
			onResolved: (desc) => {
				if (tags.length > 0) io.stdout.write(`Tagging [${target.kind}] ${target.name}@${desc.digest}\n`);
			},
			onTagged: (t) => {
				io.stdout.write(`Tagged ${t}\n`);
			},
		});
	} finally {
		opened.close();
	}
}
