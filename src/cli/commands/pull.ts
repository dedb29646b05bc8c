import { resolve as resolvePath, sep } from "node:path";
import { type Command, Option } from "commander";
import { pull } from "../../api/pull.js";
import { hasCode, OrasError } from "../../errors.js";
import { descriptorModel } from "../display/json.js";
import { Printer, Prompt } from "../display/printer.js";
import { type Progress, startProgress, trackBytes } from "../display/progress.js";
import { isManifestMediaType } from "../../oci/mediatypes.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, parseConcurrency, useTTY } from "../options/common.js";
import { parseByteSize } from "../options/chunk-size.js";
import { addFormatFlags, type FormatFlags, parseFormat, renderModel } from "../options/format.js";
import { parseFileRef } from "../options/packer.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { addTargetFlags, displayReference, orasCache, parseTargetArg, type TargetFlags, targetOptions } from "../options/remote.js";

interface PullFlags extends CommonFlags, TargetFlags, FormatFlags, PlatformFlags {
	readonly output: string;
	readonly keepOldFiles?: boolean;
	readonly allowPathTraversal?: boolean;
	readonly includeSubject?: boolean;
	readonly config?: string;
	readonly concurrency: number;
	readonly allowAll?: boolean;
	readonly maxExtractSize?: number;
}

const TRAVERSAL_HINT =
	"Pulling files outside of working directory is insecure and blocked by default. If you trust the content producer, use --allow-path-traversal to bypass this check.";

export function define(cmd: Command, io: CliIO): void {
	cmd.description("Pull files from a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(cmd);
	addPlatformFlag(cmd);
	addFormatFlags(cmd);
	addCommonFlags(cmd, { verboseDefault: true });
	cmd.option("-o, --output <path>", "output directory", ".");
	cmd.option("-k, --keep-old-files", "do not replace existing files when pulling, treat them as errors");
	cmd.option("-T, --allow-path-traversal", "allow storing files out of the output directory");
	cmd.option("--include-subject", "[Preview] recursively pull the subject of artifacts");
	cmd.option("--config <path[:type]>", "output manifest config file");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
	cmd.option(
		"--max-extract-size <bytes>",
		"[oras-ts] bytes one directory layer may expand to (e.g. 50GiB; 0: no limit); default 1GiB + 100 × its compressed size",
		(raw: string) => parseByteSize("--max-extract-size", raw, 0),
	);
	// oras 0.x's `-a/--allow-all` (all titled layers are pulled now): accepted, so old scripts keep working.
	cmd.addOption(new Option("-a, --allow-all", "[Deprecated] no effect: every titled layer is pulled").hideHelp());
	cmd.action((args: string[], flags: PullFlags) => runPull(args, flags, io));
}

export async function runPull(args: string[], flags: PullFlags, io: CliIO): Promise<void> {
	if (flags.allowAll) io.stderr.write("Flag --allow-all has been deprecated, and has no effect: every layer with a file name is pulled.\n");
	checkArgs(io, "pull", args, 1, 1);
	const format = parseFormat(flags);
	const target = parseTargetArg(args[0] as string, flags);
	if (target.reference === "") {
		throw new OrasError("INVALID_REFERENCE", `invalid reference: no tag or digest specified in ${JSON.stringify(target.raw)}`, {
			hint: `Please specify a tag or digest, e.g. ${target.raw}:latest`,
		});
	}
	const platform = parsePlatformFlag(flags);
	const config = flags.config !== undefined ? parseFileRef(flags.config, "") : undefined;
	const outputDir = resolvePath(io.cwd, flags.output);
	const tty = format.kind === "text" && useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format.kind !== "text" || tty });
	const options = await targetOptions(target, flags, io);
	let progress: Progress | undefined = tty ? startProgress(io) : undefined;
	try {
		const result = await pull(target, {
			...options,
			...orasCache(io),
			output: outputDir,
			allowPathTraversal: Boolean(flags.allowPathTraversal),
			keepOldFiles: Boolean(flags.keepOldFiles),
			// the CLI takes the synchronous small-file path (many small files: no thread-pool hand-off per file)
			syncSmallFiles: true,
			...(flags.maxExtractSize !== undefined ? { maxExtractSize: flags.maxExtractSize } : {}),
			concurrency: flags.concurrency,
			...(flags.includeSubject ? { includeSubject: true } : {}),
			...(config ? { config: { path: config.path, mediaType: config.mediaType } } : {}),
			...(platform ? { platform } : {}),
			hooks: {
				onDownloading: (d) => {
					// A manifest is announced when it is read for its children; as in oras, its row starts when it is stored.
					if (!isManifestMediaType(d.mediaType)) progress?.start(d, Prompt.Downloading);
					printer.printStatus(d, Prompt.Downloading);
				},
				onProcessing: (d) => printer.printStatus(d, Prompt.Processing),
				onDownloaded: (d) => {
					progress?.done(d, Prompt.Pulled);
					printer.printStatus(d, Prompt.Downloaded);
				},
				onSkipped: (d) => {
					progress?.report(d, Prompt.PullSkipped);
					printer.printStatus(d, Prompt.PullSkipped);
				},
				onRestored: (d) => {
					progress?.report(d, Prompt.Restored);
					printer.printStatus(d, Prompt.Restored);
				},
				...(progress ? { onProgress: trackBytes(progress, Prompt.Downloading) } : {}),
			},
		});
		progress?.stop();
		progress = undefined;
		const path = target.name;
		if (format.kind === "text") {
			if (result.skippedLayers) {
				printer.println(`Skipped pulling layers without file name in "org.opencontainers.image.title"`);
				printer.println(`Use '${programName(io)} copy ${target.raw} --to-oci-layout <layout-dir>' to pull all layers.`);
			} else {
				printer.println("Pulled", displayReference(target));
				printer.println("Digest:", result.digest);
			}
		} else {
			const model = {
				reference: `${path}@${result.digest}`,
				files:
					result.files.length === 0
						? null
						: result.files.map((f) => ({
								path: f.descriptor.annotations?.["io.deis.oras.content.unpack"] === "true" ? f.path + sep : f.path,
								...descriptorModel(path, f.descriptor),
							})),
			};
			io.stdout.write(renderModel(format, model));
		}
	} catch (err) {
		if (target.kind === "registry" && OrasError.is(err) && err.code === "NOT_FOUND" && err.message === `${target.raw}: not found`) {
			// oras-go's copy names the step that failed to find the root (oras prints it as is).
			throw new OrasError("NOT_FOUND", `failed to perform "FetchReference" on source: ${err.message}`, { cause: err });
		}
		if (hasCode(err, "PATH_TRAVERSAL") && OrasError.is(err) && !err.hint) {
			throw new OrasError("PATH_TRAVERSAL", err.message, { cause: err, hint: TRAVERSAL_HINT });
		}
		throw err;
	} finally {
		progress?.stop(true);
	}
}
