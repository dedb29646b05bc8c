import { Readable } from "node:stream";
import { type Command, Option } from "commander";
import { relative } from "node:path";
import { FileStore } from "../../content/file/index.js";
import { OrasError } from "../../errors.js";
import { type Descriptor, descriptorFromBytes } from "../../oci/descriptor.js";
import { encodePlatform } from "../../oci/json.js";
import { isManifestMediaType, MediaType } from "../../oci/mediatypes.js";
import { parseHostPlatform } from "../../oci/platform.js";
import { splitTagList } from "../../oci/reference.js";
import { choosePushSpec, type PackVersion } from "../../graph/pack.js";
import { pushArtifact, stagingDigestHook } from "../../graph/push.js";
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
	loadConfigFile,
	loadFiles,
	MANIFEST_KEY,
	type PackerFlags,
	parseAnnotations,
	reproducibleOptions,
	parseFileRef,
	validateFilePaths,
} from "../options/packer.js";
import { parseChunkSize } from "../options/chunk-size.js";
import { addTargetFlags, displayReference, openWritableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

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
	const spec = choosePushSpec({
		imageSpec,
		hasConfig: flags.config !== undefined,
		hasArtifactPlatform: flags.artifactPlatform !== undefined,
		artifactType: flags.artifactType,
	});

	const tty = format.kind === "text" && useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format.kind !== "text" || tty });
	const store = new FileStore({ workingDir: io.cwd, ...repro.store, syncSmallFiles: true });
	let progress: Progress | undefined;
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"], ...(flags.chunkSize ? { upload: { chunkSize: flags.chunkSize } } : {}) });
	try {
		// The config: a file, the platform, or (packed later) the empty `{}`.
		let config: Descriptor | undefined;
		if (flags.config !== undefined) {
			config = await loadConfigFile(store, flags.config, annotations, io);
		} else if (flags.artifactPlatform !== undefined) {
			const platform = parseHostPlatform(flags.artifactPlatform);
			const bytes = Buffer.from(encodePlatform(platform));
			const desc = descriptorFromBytes(MediaType.ImageConfig, bytes);
			await store.push(desc, Readable.from([bytes]));
			config = { ...desc, ...(annotations[CONFIG_KEY] ? { annotations: annotations[CONFIG_KEY] } : {}) };
		}

		// Large files pushed to a registry are hashed while they upload (one read; see stagingDigestHook).
		if (tty) progress = startProgress(io);
		const shown = new Map<string, Descriptor>();
		const digestWith = stagingDigestHook(opened.target, {
			signal: io.signal,
			// The bytes go up now (digest still unknown): shown under the file's path.
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
		});
		const layers = await loadFiles(store, fileRefs, annotations, io, (name) => printer.printVerbose(Prompt.Preparing, name), digestWith, flags.concurrency);
		if (layers.length === 0) printer.status("Uploading empty artifact");

		const { root, manifestBytes } = await pushArtifact(
			store,
			{
				version: spec.version,
				...(spec.artifactType ? { artifactType: spec.artifactType } : {}),
				layers,
				...(config ? { config } : {}),
				...(annotations[CONFIG_KEY] ? { configAnnotations: annotations[CONFIG_KEY] } : {}),
				...(annotations[MANIFEST_KEY] ? { annotations: annotations[MANIFEST_KEY] } : {}),
				...repro.pack,
			},
			opened.target,
			target.reference || undefined,
			{
				concurrency: flags.concurrency,
				signal: io.signal,
				extraTags,
				...uploadStatusHooks(printer, () => progress, (d) => (isManifestMediaType(d.mediaType) ? [...(config ? [config] : []), ...layers] : undefined)),
				onTagged: (t) => printer.status("Tagged", t),
			},
		);
		progress?.stop();
		progress = undefined;
		if (format.kind === "text") {
			printer.println("Pushed", displayReference(target));
			printer.println("ArtifactType:", root.artifactType ?? "");
			printer.println("Digest:", root.digest);
		} else {
			const path = target.kind === "registry" ? target.path : target.path;
			const tags = [...(target.reference && !target.reference.includes(":") ? [target.reference] : []), ...extraTags];
			const model = { ...descriptorModel(path, root), referenceAsTags: tags.length > 0 ? tags.map((t) => `${path}:${t}`).sort() : null };
			io.stdout.write(renderModel(format, model));
		}
		await exportManifest(flags, io, manifestBytes);
	} finally {
		progress?.stop(true);
		opened.close();
		await store.close();
	}
}
