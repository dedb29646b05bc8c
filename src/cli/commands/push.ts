import { relative } from "node:path";
import { type Command, Option } from "commander";
import { push } from "../../api/push.js";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isManifestMediaType, MediaType } from "../../oci/mediatypes.js";
import { splitTagList } from "../../oci/reference.js";
import { choosePushSpec, type PackVersion } from "../../graph/pack.js";
import { descriptorModel } from "../display/json.js";
import { Printer, Prompt } from "../display/printer.js";
import { uploadStatusHooks } from "../display/status.js";
import { pendingDescriptor, type Progress, startProgress } from "../display/progress.js";
import type { CliIO } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, parseConcurrency, useTTY } from "../options/common.js";
import { addFormatFlags, type FormatFlags, parseFormat, renderModel } from "../options/format.js";
import {
	addPackerFlags,
	CONFIG_KEY,
	exportManifest,
	MANIFEST_KEY,
	type PackerFlags,
	parseAnnotations,
	reproducibleOptions,
	parseFileRef,
	pushFileSpecs,
	validateFilePaths,
} from "../options/packer.js";
import { parseChunkSize } from "../options/chunk-size.js";
import { addTargetFlags, displayReference, parseTargetArg, type TargetFlags, targetOptions } from "../options/remote.js";

interface PushFlags extends CommonFlags, TargetFlags, PackerFlags, FormatFlags {
	readonly config?: string;
	readonly manifestConfig?: string;
	readonly artifactType?: string;
	readonly artifactPlatform?: string;
	readonly imageSpec?: string;
	readonly concurrency: number;
	readonly chunkSize?: number;
}



export function define(cmd: Command, io: CliIO): void {
	cmd.description("Push files to a registry or an OCI image layout").usage("[flags] <name>[:<tag>[,<tag>][...]] <file>[:<type>] [...]").argument("[args...]");
	addTargetFlags(cmd);
	addPackerFlags(cmd);
	addFormatFlags(cmd);
	addCommonFlags(cmd, { verboseDefault: true });
	cmd.option("--config <path[:type]>", "path of image config file");
	// oras 0.x's name for --config, still used by older docs.
	cmd.addOption(new Option("--manifest-config <path[:type]>", "alias of --config").hideHelp());
	cmd.option("--artifact-type <type>", "artifact type");
	cmd.option("--artifact-platform <platform>", "[Experimental] set the artifact platform in the format of <os>[/<arch>][/<variant>][:<os_version>]");
	cmd.option("--image-spec <spec>", "[Preview] specify manifest type for building artifact. Options: v1.1, v1.0");
	cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
	cmd.option("--chunk-size <bytes>", "[oras-ts] upload blobs in resumable PATCH chunks of this size (e.g. 16MiB); default: one PUT per blob", parseChunkSize);
	cmd.action((args: string[], flags: PushFlags) => runPush(args, flags, io));
}

export async function runPush(args: string[], flags: PushFlags, io: CliIO): Promise<void> {
	checkArgs(io, "push", args, 1, Number.POSITIVE_INFINITY);
	if (flags.manifestConfig !== undefined) {
		if (flags.config !== undefined) throw new OrasError("INVALID_ARGUMENT", "--config, --manifest-config cannot be used at the same time");
		flags = { ...flags, config: flags.manifestConfig };
	}
	const format = parseFormat(flags);
	const { ref: rawRef, extraTags } = splitTagList(args[0] as string);
	const target = parseTargetArg(rawRef, flags);
	for (const t of extraTags) if (t === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: empty tag in ${JSON.stringify(args[0])}`);
	const fileRefs = args.slice(1).map((a) => parseFileRef(a, ""));
	validateFilePaths(fileRefs, flags);
	const annotations = await parseAnnotations(flags, io);
	const repro = reproducibleOptions(io);
	let imageSpec: PackVersion | undefined;
	if (flags.imageSpec !== undefined) {
		if (flags.imageSpec !== "v1.1" && flags.imageSpec !== "v1.0") {
			throw new OrasError("INVALID_ARGUMENT", `unknown image specification flag: ${flags.imageSpec}`, { hint: "Available options: v1.1, v1.0" });
		}
		imageSpec = flags.imageSpec;
	}
	// Flag combinations are refused before credentials are read (the library checks them again).
	choosePushSpec({ imageSpec, hasConfig: flags.config !== undefined, hasArtifactPlatform: flags.artifactPlatform !== undefined, artifactType: flags.artifactType });
	const tty = format.kind === "text" && useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format.kind !== "text" || tty });
	const options = await targetOptions(target, flags, io);
	let progress: Progress | undefined;
	// The manifest's config and layers, once read (a deduplicated layer is reported before the manifest).
	let successors: readonly Descriptor[] = [];
	// Large files pushed to a registry upload while they are hashed: shown under the file's path until their digest is known.
	const shown = new Map<string, Descriptor>();
	try {
		const result = await push(target, pushFileSpecs(fileRefs, annotations), {
			...options,
			...(flags.chunkSize ? { upload: { chunkSize: flags.chunkSize } } : {}),
			...(imageSpec ? { imageSpec } : {}),
			...(flags.artifactType !== undefined ? { artifactType: flags.artifactType } : {}),
			...(flags.artifactPlatform !== undefined ? { artifactPlatform: flags.artifactPlatform } : {}),
			...(flags.config !== undefined ? { config: flags.config } : {}),
			...(annotations[CONFIG_KEY] ? { configAnnotations: annotations[CONFIG_KEY] } : {}),
			...(annotations[MANIFEST_KEY] ? { annotations: annotations[MANIFEST_KEY] } : {}),
			...(repro.store.sourceDateEpoch ? { sourceDateEpoch: repro.store.sourceDateEpoch } : {}),
			syncSmallFiles: true,
			concurrency: flags.concurrency,
			tags: extraTags,
			onFileStart: (name) => {
				// The first file: bars start here, as before (after the config was read).
				if (tty && !progress) progress = startProgress(io);
				printer.printVerbose(Prompt.Preparing, name);
			},
			onStageStart: (f) => {
				const d = pendingDescriptor(relative(io.cwd, f.path) || f.path, f.size, MediaType.ImageLayer);
				shown.set(f.path, d);
				progress?.start(d, Prompt.Uploading);
			},
			onStageProgress: (f, n) => {
				const d = shown.get(f.path);
				if (d) progress?.onProgress(d, n);
			},
			// The digest is known now; the row goes on until the blob is committed with the manifest's layers.
			onStaged: (f, digest) => {
				const d = shown.get(f.path);
				if (d) progress?.resolve(d, { ...d, digest });
			},
			onPrepared: ({ layers, config: c }) => {
				if (tty && !progress) progress = startProgress(io);
				successors = [...(c ? [c] : []), ...layers];
				if (layers.length === 0) printer.status("Uploading empty artifact");
			},
			hooks: uploadStatusHooks(printer, () => progress, (d) => (isManifestMediaType(d.mediaType) ? successors : undefined), tty),
			onTagged: (t) => printer.status("Tagged", t),
		});
		progress?.stop();
		progress = undefined;
		const root = result.descriptor;
		if (format.kind === "text") {
			printer.println("Pushed", displayReference(target));
			printer.println("ArtifactType:", root.artifactType ?? "");
			printer.println("Digest:", root.digest);
		} else {
			const path = target.name;
			const model = { ...descriptorModel(path, root), referenceAsTags: result.tags.length > 0 ? result.tags.map((t) => `${path}:${t}`).sort() : null };
			io.stdout.write(renderModel(format, model));
		}
		await exportManifest(flags, io, result.manifest);
	} finally {
		progress?.stop(true);
	}
}

