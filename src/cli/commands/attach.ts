import type { Command } from "commander";
import { FileStore } from "../../content/file/index.js";
import { OrasError } from "../../errors.js";
import { attach } from "../../graph/attach.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { descriptorModel } from "../display/json.js";
import { Printer, Prompt } from "../display/printer.js";
import { uploadStatusHooks } from "../display/status.js";
import { type Progress, startProgress } from "../display/progress.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, parseConcurrency, usageLine, useTTY } from "../options/common.js";
import { addDistributionSpecFlag, type DistributionSpecFlags, ensureReference, parseDistributionSpec } from "../options/distribution.js";
import { addFormatFlags, type FormatFlags, parseFormat, renderModel } from "../options/format.js";
import { addFiles } from "../../api/push.js";
import {
	addPackerFlags,
	CONFIG_KEY,
	exportManifest,
	loadConfigFile,
	MANIFEST_KEY,
	type PackerFlags,
	parseAnnotations,
	parseFileRef,
	pushFileSpecs,
	reproducibleOptions,
	validateFilePaths,
} from "../options/packer.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { addTargetFlags, openWritableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface AttachFlags extends CommonFlags, TargetFlags, PackerFlags, FormatFlags, PlatformFlags, DistributionSpecFlags {
	readonly artifactType?: string;
	readonly config?: string;
	readonly concurrency: number;
}


export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Attach files to an existing artifact")
		.usage("[flags] --artifact-type=<type> <name>{:<tag>|@<digest>} {<file>[:<layer_media_type>]|--annotation <key>=<value>} [...]")
		.argument("[args...]");
	addTargetFlags(cmd);
	addPackerFlags(cmd);
	addFormatFlags(cmd);
	addPlatformFlag(cmd);
	addDistributionSpecFlag(cmd);
	addCommonFlags(cmd, { verboseDefault: true });
	cmd.option("--artifact-type <type>", "artifact type");
	cmd.option("--config <path>", "path of image config file");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
	cmd.action((args: string[], flags: AttachFlags) => runAttach(args, flags, io));
}

export async function runAttach(args: string[], flags: AttachFlags, io: CliIO): Promise<void> {
	checkArgs(io, "attach", args, 1, Number.POSITIVE_INFINITY);
	if (flags.artifactType === undefined) throw new OrasError("INVALID_ARGUMENT", 'required flag(s) "artifact-type" not set');
	if (flags.config !== undefined && flags.platform !== undefined) throw new OrasError("INVALID_ARGUMENT", "--config, --platform cannot be used at the same time");
	const format = parseFormat(flags);
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	const target = parseTargetArg(args[0] as string, flags);
	const fileRefs = args.slice(1).map((a) => parseFileRef(a, ""));
	try {
		ensureReference(target, `${programName(io)} attach`, usageLine(io, "attach"));
	} catch (err) {
		if (fileRefs.length === 0 && OrasError.is(err)) {
			throw new OrasError(err.code, err.message, { cause: err, hint: `Are you missing an artifact reference to attach to? ${err.hint ?? ""}`.trim() });
		}
		throw err;
	}
	validateFilePaths(fileRefs, flags);
	const platform = parsePlatformFlag(flags);
	const annotations = await parseAnnotations(flags, io);
	const repro = reproducibleOptions(io);
	if (fileRefs.length === 0 && Object.keys(annotations[MANIFEST_KEY] ?? {}).length === 0) {
		throw new OrasError("INVALID_ARGUMENT", "neither file nor annotation provided in the command", {
			hint: `Usage: ${usageLine(io, "attach")}\nTo attach to an existing artifact, please provide files via argument or annotations via flag "--annotation". Run "${programName(io)} attach -h" for more options and examples`,
		});
	}

	const tty = format.kind === "text" && useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format.kind !== "text" || tty });
	const store = new FileStore({ workingDir: io.cwd, ...repro.store, syncSmallFiles: true });
	let progress: Progress | undefined;
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"], ...(referrersState ? { referrersState } : {}) });
	try {
		const layers = await addFiles(store, pushFileSpecs(fileRefs, annotations), io.cwd, undefined, { signal: io.signal, onFileStart: (name) => printer.printVerbose(Prompt.Preparing, name) });
		let config: Descriptor | undefined;
		if (flags.config !== undefined) config = await loadConfigFile(store, flags.config, annotations, io);
		if (tty) progress = startProgress(io);
		const result = await attach(opened.target, target.reference, store, {
			artifactType: flags.artifactType,
			layers,
			...(config ? { config } : {}),
			...(annotations[CONFIG_KEY] ? { configAnnotations: annotations[CONFIG_KEY] } : {}),
			...(annotations[MANIFEST_KEY] ? { annotations: annotations[MANIFEST_KEY] } : {}),
			platform,
			...repro.pack,
			concurrency: flags.concurrency,
			signal: io.signal,
			...uploadStatusHooks(printer, () => progress),
		});
		progress?.stop();
		progress = undefined;
		if (format.kind === "text") {
			const subjectRef = target.raw.endsWith(result.subject.digest) ? target.raw : `${target.name}@${result.subject.digest}`;
			printer.println("Attached to", `[${target.kind}] ${subjectRef}`);
			printer.println("Digest:", result.root.digest);
		} else {
			io.stdout.write(renderModel(format, descriptorModel(target.name, result.root)));
		}
		await exportManifest(flags, io, result.manifestBytes);
	} catch (err) {
		// The subject is missing: oras names the reference it tried to resolve.
		if (OrasError.is(err) && err.code === "NOT_FOUND" && (err.message === `${target.raw}: not found` || err.message === `${target.reference}: not found`)) {
			throw new OrasError("NOT_FOUND", `failed to resolve ${target.reference}: ${err.message}`, { cause: err });
		}
		throw err;
	} finally {
		progress?.stop(true);
		opened.close();
		await store.close();
	}
}
