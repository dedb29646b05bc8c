import type { Command } from "commander";
import { copy } from "../../api/copy.js";
import type { OpOptions } from "../../content/storage.js";
import { OrasError } from "../../errors.js";
import type { ManifestCache } from "../../graph/cache.js";
import type { CopyGraphOptions } from "../../graph/copy.js";
import { CopyError } from "../../graph/copy-error.js";
import { type Descriptor, titleOf } from "../../oci/descriptor.js";
import { isDigest } from "../../oci/digest.js";
import { parseManifest, successorsOf } from "../../oci/manifest.js";
import { isManifestMediaType } from "../../oci/mediatypes.js";
import { Printer, Prompt } from "../display/printer.js";
import { type Progress, startProgress } from "../display/progress.js";
import { type CliIO, programName } from "../io.js";
import { addBinaryTargetFlags, type BinaryTargetFlags, sameCredentials, sideFlags, sideReferrersState } from "../options/binary-target.js";
import { addCommonFlags, checkArgs, type CommonFlags, parseConcurrency, usageLine, useTTY } from "../options/common.js";
import { ensureReference } from "../options/distribution.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { displayReference, type ParsedTarget, parseTargetArg, targetOptions } from "../options/remote.js";

interface CopyFlags extends CommonFlags, PlatformFlags, BinaryTargetFlags {
	readonly recursive?: boolean;
	readonly concurrency: number;
}



export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Copy artifacts from one target to another. When copying an image index, all of its manifests will be copied")
		.usage("[flags] <from>{:<tag>|@<digest>} <to>[:<tag>[,<tag>][...]]")
		.argument("[args...]");
	addBinaryTargetFlags(cmd);
	addPlatformFlag(cmd);
	addCommonFlags(cmd, { verboseDefault: true });
	cmd.option("-r, --recursive", "[Preview] recursively copy the artifact and its referrer artifacts");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
	cmd.action((args: string[], flags: CopyFlags) => runCopy(args, flags, io));
}

/** Prompts of one command's copy status lines. */
export interface CopyPrompts {
	readonly copying: string;
	readonly copied: string;
	readonly exists: string;
	readonly skipped: string;
	readonly mounted?: string;
}

export const COPY_PROMPTS: CopyPrompts = {
	copying: Prompt.Copying,
	copied: Prompt.Copied,
	exists: Prompt.CopyExists,
	skipped: Prompt.CopySkipped,
	mounted: Prompt.Mounted,
};

/**
 * Status hooks as oras's text copy handlers: `<copying>` before a node, `<exists>` for a node
 * the destination has, `<mounted>`, and after a node its successors committed under another
 * name as `<skipped>`, then `<copied>`. On a terminal, progress bars instead.
 */
export function copyStatusHooks(
	printer: Printer,
	progress: Progress | undefined,
	cache: ManifestCache,
	prompts: CopyPrompts,
	opts: OpOptions = {},
): Pick<CopyGraphOptions, "preCopy" | "postCopy" | "onCopySkipped" | "onMounted" | "onProgress"> {
	const committed = new Map<string, string | undefined>();
	const commit = (d: Descriptor) => committed.set(d.digest, titleOf(d));
	return {
		preCopy: (d) => {
			progress?.start(d, prompts.copying);
			printer.printStatus(d, prompts.copying);
		},
		postCopy: async (d) => {
			commit(d);
			progress?.done(d, prompts.copied);
			if ((!printer.quiet || progress) && isManifestMediaType(d.mediaType)) {
				const successors = successorsOf(parseManifest(await cache.fetchBytes(d, opts), d.mediaType));
				for (const s of successors) {
					// committed under another name = deduplicated
					if (committed.has(s.digest) && committed.get(s.digest) !== titleOf(s)) {
						progress?.report(s, prompts.skipped);
						printer.printStatus(s, prompts.skipped);
					}
				}
			}
			printer.printStatus(d, prompts.copied);
		},
		onCopySkipped: (d) => {
			commit(d);
			progress?.done(d, prompts.exists);
			printer.printStatus(d, prompts.exists);
		},
		onMounted: (d) => {
			commit(d);
			progress?.done(d, prompts.mounted ?? prompts.copied);
			printer.printStatus(d, prompts.mounted ?? prompts.copied);
		},
		...(progress ? { onProgress: progress.onProgress } : {}),
	};
}

/** A copy failure as oras prints it: `Error from <side> <kind> for "<ref>": <message>` (see cli/errors.ts). */
class SideError extends OrasError {
	readonly origin: CopyError["side"];
	readonly prefix: string;
	constructor(err: CopyError, target: Pick<ParsedTarget, "kind" | "raw">) {
		super(err.code, err.message, { cause: err, ...(err.hint !== undefined ? { hint: err.hint } : {}) });
		this.origin = err.side;
		this.prefix = `Error from ${err.side} ${target.kind} for ${JSON.stringify(target.raw)}`;
	}
}

export async function runCopy(args: string[], flags: CopyFlags, io: CliIO): Promise<void> {
	checkArgs(io, "cp", args, 2, 2);
	const [toRaw, ...extraTags] = (args[1] as string).split(",");
	for (const t of extraTags) if (t === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: empty tag in ${JSON.stringify(args[1])}`);
	const fromFlags = sideFlags(flags, "from");
	const toFlags = sideFlags(flags, "to");
	const from = parseTargetArg(args[0] as string, fromFlags);
	const to = parseTargetArg(toRaw as string, toFlags);
	const fromState = sideReferrersState(flags, "from");
	const toState = sideReferrersState(flags, "to");
	const platform = parsePlatformFlag(flags);
	ensureReference(from, `${programName(io)} cp`, usageLine(io, "cp"));

	const fromOptions = await targetOptions(from, fromFlags, io);
	const toOptions = await targetOptions(to, toFlags, io);
	const tty = useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: tty });
	let progress: Progress | undefined = tty ? startProgress(io) : undefined;
	try {
		const result = await copy(from, to, {
			signal: io.signal,
			from: { ...fromOptions, ...(fromState ? { referrersState: fromState } : {}) },
			to: { ...toOptions, ...(toState ? { referrersState: toState } : {}) },
			concurrency: flags.concurrency,
			mount: sameCredentials(flags),
			...(platform ? { platform } : {}),
			...(flags.recursive ? { referrers: true } : {}),
			hooks: (cache) => copyStatusHooks(printer, progress, cache, COPY_PROMPTS, { signal: io.signal }),
			onCopied: (root) => {
				progress?.stop();
				progress = undefined;
				let fromDisplay = displayReference(from);
				if (isDigest(from.reference) && from.reference !== root.digest) fromDisplay = `[${from.kind}] ${from.name}@${root.digest}`;
				printer.println("Copied", fromDisplay, "=>", displayReference(to));
			},
			tags: extraTags,
			onTagged: (t) => printer.println("Tagged", t),
		});
		printer.println("Digest:", result.digest);
	} catch (err) {
		// Failures name the side they come from: `Error from source registry for "<ref>": …`.
		if (err instanceof CopyError) throw new SideError(err, err.side === "source" ? from : to);
		throw err;
	} finally {
		progress?.stop(true);
	}
}
