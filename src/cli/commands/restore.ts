import { resolve as resolvePath } from "node:path";
import { type Command, Option } from "commander";
import { OrasError } from "../../errors.js";
import { ManifestCache } from "../../graph/cache.js";
import { openRestoreSource, restore } from "../../graph/restore.js";
import { parseReference } from "../../oci/reference.js";
import { Printer, Prompt } from "../display/printer.js";
import { type Progress, startProgress } from "../display/progress.js";
import type { CliIO } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, hintForProgram, parseConcurrency, useTTY } from "../options/common.js";
import { addDistributionSpecFlag, type DistributionSpecFlags, parseDistributionSpec } from "../options/distribution.js";
import { addRemoteFlags, openWritableTarget, type RemoteFlags } from "../options/remote.js";
import { parseArtifactReferences, printTagsFound } from "./backup.js";
import { formatDuration, formatSize } from "../display/humanize.js";
import { copyStatusHooks, type CopyPrompts } from "./cp.js";
import { printable } from "../display/escape.js";

interface RestoreFlags extends CommonFlags, RemoteFlags, DistributionSpecFlags {
	readonly input?: string;
	readonly from?: string;
	readonly excludeReferrers?: boolean;
	readonly dryRun?: boolean;
	readonly concurrency: number;
}


export const RESTORE_PROMPTS: CopyPrompts = {
	copying: "Pushing  ",
	copied: "Pushed   ",
	exists: Prompt.PushExists,
	skipped: Prompt.PushSkipped,
};


export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("[Experimental] Restore artifacts to a registry from an OCI image layout, which can be either a directory or a tar archive.")
		.usage("[flags] --input <path> <registry>/<repository>[:<ref1>[,<ref2>...]]")
		.argument("[args...]");
	addRemoteFlags(cmd);
	addDistributionSpecFlag(cmd);
	addCommonFlags(cmd);
	cmd.option("--input <path>", "path to the OCI layout, either a tar archive (*.tar) or a directory");
	// Early oras documentation spelled it `--from`; kept as a hidden alias.
	cmd.addOption(new Option("--from <path>", "alias of --input").hideHelp());
	cmd.option("--exclude-referrers", "restore artifacts excluding their referrers");
	cmd.option("--dry-run", "simulate the restore process without actually uploading any artifacts");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
	cmd.action((args: string[], flags: RestoreFlags) => runRestore(args, flags, io));
}

export async function runRestore(args: string[], flags: RestoreFlags, io: CliIO): Promise<void> {
	checkArgs(io, "restore", args, 1, 1);
	if (flags.input !== undefined && flags.from !== undefined) throw new OrasError("INVALID_ARGUMENT", "--input, --from cannot be used at the same time");
	if (flags.input === undefined && flags.from !== undefined) flags = { ...flags, input: flags.from };
	if (flags.input === undefined) throw new OrasError("INVALID_ARGUMENT", `required flag(s) "input" not set`);
	if (flags.input === "") throw new OrasError("INVALID_ARGUMENT", "the input path cannot be empty");
	const started = performance.now();
	const { repository, tags } = parseArtifactReferences(args[0] as string);
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	const ref = parseReference(repository);
	const dst = await openWritableTarget({ kind: "registry", raw: repository, ref, name: repository, reference: "" }, flags, io, {
		scopeActions: ["pull", "push"],
		...(referrersState ? { referrersState } : {}),
	});
	const tty = useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: true, quiet: tty });
	const meta = new Printer(io.stdout, { verbose: true });
	let progress: Progress | undefined;
	const o = { signal: io.signal };
	const dryRun = Boolean(flags.dryRun);
	try {
		const source = await openRestoreSource(resolvePath(io.cwd, flags.input), flags.input);
		if (source.tarSize !== undefined) meta.println(`Loaded backup archive: ${flags.input} (${formatSize(source.tarSize)})`);
		if (tty && !dryRun) progress = startProgress(io);
		const cache = new ManifestCache(source.layout);
		const result = await restore(source.layout, dst.target, {
			...o,
			manifestCache: cache,
			concurrency: flags.concurrency,
			tags,
			excludeReferrers: Boolean(flags.excludeReferrers),
			dryRun,
			sourceName: flags.input,
			destinationName: repository,
			...copyStatusHooks(printer, progress, cache, RESTORE_PROMPTS, o),
			onTagsFound: (found) => printTagsFound(meta, `Found ${found.length} tag(s) in the backup`, found),
			onTagRestored: (tag, n) => meta.println(dryRun ? `Dry run: would push tag ${printable(tag)} with ${n} referrer(s)` : `Pushed tag ${printable(tag)} with ${n} referrer(s)`),
		});
		progress?.stop();
		progress = undefined;
		if (dryRun) meta.println(`Dry run complete: ${result.tags.length} tag(s) would be restored to ${JSON.stringify(repository)} (no data pushed)`);
		else meta.println(`Successfully restored ${result.tags.length} tag(s) to ${JSON.stringify(repository)} in ${formatDuration(performance.now() - started)}`);
	} catch (err) {
		throw hintForProgram(err, io);
	} finally {
		progress?.stop(true);
		dst.close();
	}
}
