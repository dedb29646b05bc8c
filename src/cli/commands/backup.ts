import { resolve as resolvePath } from "node:path";
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { backup } from "../../graph/backup.js";
import { ManifestCache } from "../../graph/cache.js";
import { isValidTag, parseReference, repositoryPath } from "../../oci/reference.js";
import { Printer, Prompt } from "../display/printer.js";
import { formatDuration, formatSize } from "../display/humanize.js";
import { type Progress, startProgress } from "../display/progress.js";
import type { CliIO } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, hintForProgram, parseConcurrency, useTTY } from "../options/common.js";
import { addDistributionSpecFlag, type DistributionSpecFlags, parseDistributionSpec } from "../options/distribution.js";
import { addRemoteFlags, openReadableTarget, type RemoteFlags } from "../options/remote.js";
import { copyStatusHooks, type CopyPrompts } from "./cp.js";
import { printable } from "../display/escape.js";

interface BackupFlags extends CommonFlags, RemoteFlags, DistributionSpecFlags {
	readonly output?: string;
	readonly includeReferrers?: boolean;
	readonly concurrency: number;
}


export const BACKUP_PROMPTS: CopyPrompts = {
	copying: "Pulling  ",
	copied: "Pulled   ",
	exists: Prompt.PushExists,
	skipped: Prompt.PushSkipped,
};


export function define(cmd: Command, io: CliIO): void {
	cmd
		.description(
			'[Experimental] Back up artifacts from a registry into an OCI image layout, saved either as a directory or a tar archive.\nThe output format is determined by the file extension of the specified output path: if it ends with ".tar", the output will be a tar archive; otherwise, it will be a directory.',
		)
		.usage("[flags] --output <path> <registry>/<repository>[:<ref1>[,<ref2>...]]")
		.argument("[args...]");
	addRemoteFlags(cmd);
	addDistributionSpecFlag(cmd);
	addCommonFlags(cmd);
	cmd.option("-o, --output <path>", "path to the target output, either a tar archive (*.tar) or a directory");
	cmd.option("--include-referrers", "back up the artifact with its referrers (e.g., attestations, SBOMs)");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
	cmd.action((args: string[], flags: BackupFlags) => runBackup(args, flags, io));
}

/**
 * `<registry>/<repo>[:t1[,t2...]]` → the repository and its tags (none = all); digests are
 * refused and each tag is validated, as oras's `parseArtifactReferences`.
 */
export function parseArtifactReferences(raw: string): { repository: string; tags: string[] } {
	if (raw === "") throw new OrasError("INVALID_REFERENCE", "artifact reference cannot be empty");
	if (raw.includes("@")) throw new OrasError("INVALID_REFERENCE", `digest references are not supported: ${JSON.stringify(raw)}`);
	const [main, ...extra] = raw.split(",");
	let ref;
	try {
		ref = parseReference(main as string);
	} catch (err) {
		throw new OrasError("INVALID_REFERENCE", `invalid reference ${JSON.stringify(main)}: ${(err as Error).message}`, { cause: err });
	}
	const repository = repositoryPath(ref);
	if (ref.reference === "" && extra.length === 0) return { repository, tags: [] };
	const tags = [ref.reference, ...extra];
	for (const t of tags) {
		if (t === "") throw new OrasError("INVALID_REFERENCE", `empty tag in reference ${JSON.stringify(raw)}`);
		if (!isValidTag(t)) throw new OrasError("INVALID_REFERENCE", `invalid tag ${JSON.stringify(t)} in reference ${JSON.stringify(raw)}: invalid reference: invalid tag`);
	}
	return { repository, tags };
}

/** oras's tag list lines: up to 5 on one line, else one per line. */
export function printTagsFound(printer: Printer, header: string, tags: readonly string[]): void {
	if (tags.length <= 5) {
		printer.println(`${header}: ${tags.map(printable).join(", ")}`);
		return;
	}
	printer.println(`${header}:`);
	for (const t of tags) printer.println(printable(t));
}

export async function runBackup(args: string[], flags: BackupFlags, io: CliIO): Promise<void> {
	checkArgs(io, "backup", args, 1, 1);
	if (flags.output === undefined) throw new OrasError("INVALID_ARGUMENT", `required flag(s) "output" not set`);
	if (flags.output === "") throw new OrasError("INVALID_ARGUMENT", "the output path cannot be empty");
	const started = performance.now();
	const { repository, tags } = parseArtifactReferences(args[0] as string);
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	const output = resolvePath(io.cwd, flags.output);
	const ref = parseReference(repository);
	const src = await openReadableTarget({ kind: "registry", raw: repository, ref, name: repository, reference: "" }, flags, io, {
		scopeActions: ["pull"],
		...(referrersState ? { referrersState } : {}),
	});
	const tty = useTTY(flags, io);
	// oras always prints untitled nodes in backup/restore.
	const printer = new Printer(io.stdout, { verbose: true, quiet: tty });
	const meta = new Printer(io.stdout, { verbose: true });
	let progress: Progress | undefined = tty ? startProgress(io) : undefined;
	const o = { signal: io.signal };
	try {
		const cache = new ManifestCache(src.target);
		const result = await backup(src.target, output, {
			manifestCache: cache,
			...o,
			concurrency: flags.concurrency,
			tags,
			includeReferrers: Boolean(flags.includeReferrers),
			sourceName: repository,
			outputName: flags.output,
			...copyStatusHooks(printer, progress, cache, BACKUP_PROMPTS, o),
			onTagsFound: (found) => printTagsFound(meta, `Found ${found.length} tag(s) in ${repository}`, found),
			onTagBackedUp: (tag, n) => meta.println(`Pulled tag ${printable(tag)} with ${n} referrer(s)`),
			onExporting: () => {
				progress?.stop();
				progress = undefined;
				meta.println(`Exporting to ${flags.output}`);
			},
			onExported: (_p, size) => meta.println(`Exported to ${flags.output} (${formatSize(size)})`),
		});
		progress?.stop();
		progress = undefined;
		meta.println(`Successfully backed up ${result.tags.length} tag(s) from ${JSON.stringify(repository)} to ${JSON.stringify(flags.output)} in ${formatDuration(performance.now() - started)}.`);
	} catch (err) {
		throw hintForProgram(err, io);
	} finally {
		progress?.stop(true);
		src.close();
	}
}
