import { readFile } from "node:fs/promises";
import { type FetchedManifest, fetchManifest, resolve } from "../../api/manifest.js";
import { resolve as resolvePath } from "node:path";
import { type Command, Option } from "commander";
import { writeFileAtomic } from "../../content/internal/fsutil.js";
import { canDelete } from "../../content/storage.js";
import { fetchBytes, readAllLimited } from "../../content/verify.js";
import { OrasError } from "../../errors.js";
import { tagN } from "../../graph/tag.js";
import { tagRoot } from "../../graph/copy.js";
import { type Descriptor, descriptorFromBytes } from "../../oci/descriptor.js";
import { checkJSONDepth, goString, goValue, indentJSON } from "../../oci/json.js";
import { declaredMediaType, MAX_MANIFEST_BYTES, parseManifest } from "../../oci/manifest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { splitTagList } from "../../oci/reference.js";
import { descriptorModel } from "../display/json.js";
import { Printer, Prompt } from "../display/printer.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, collect, type CommonFlags, parseConcurrency, usageLine } from "../options/common.js";
import {
	addConfirmationFlag,
	addDescriptorFlags,
	addDistributionSpecFlag,
	askForConfirmation,
	type ConfirmationFlags,
	type DescriptorFlags,
	type DistributionSpecFlags,
	ensureReference,
	parseDistributionSpec,
	printDescriptor,
	printJSON,
} from "../options/distribution.js";
import { addFormatFlags, type FormatFlags, parseFormat, renderModel } from "../options/format.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { addTargetFlags, displayReference, openReadableTarget, openWritableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface FetchFlags extends CommonFlags, TargetFlags, DescriptorFlags, PlatformFlags, FormatFlags {
	readonly mediaType?: string[];
	readonly output?: string;
}
interface FetchConfigFlags extends CommonFlags, TargetFlags, DescriptorFlags, PlatformFlags {
	readonly output?: string;
}
interface PushFlags extends CommonFlags, TargetFlags, DescriptorFlags, DistributionSpecFlags {
	readonly mediaType?: string;
	readonly concurrency: number;
}
interface DeleteFlags extends CommonFlags, TargetFlags, DescriptorFlags, ConfirmationFlags, DistributionSpecFlags {}


/** The module that defines `manifest index create|update` (owned separately, loaded only when used). */
const INDEX_MODULE = "./manifest-index.js";

export function define(cmd: Command, io: CliIO): void {
	cmd.description("Manifest operations").usage("[command]");

	const del = cmd.command("delete").aliases(["remove", "rm"]).summary("Delete a manifest from remote registry").description("Delete a manifest from remote registry");
	del.usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(del);
	addDescriptorFlags(del);
	addConfirmationFlag(del);
	addDistributionSpecFlag(del);
	addCommonFlags(del, { tty: false });
	del.action((args: string[], flags: DeleteFlags) => runManifestDelete(args, flags, io));

	const fetch = cmd.command("fetch").aliases(["get", "show"]).summary("Fetch manifest of the target artifact").description("Fetch manifest of the target artifact");
	fetch.usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(fetch);
	addDescriptorFlags(fetch);
	addPlatformFlag(fetch);
	addFormatFlags(fetch);
	addCommonFlags(fetch, { tty: false });
	fetch.option("--media-type <types>", "accepted media types", (v: string, prev: string[] | undefined) => collect(v, prev).flatMap((x) => x.split(",")));
	fetch.option("-o, --output <path>", "file `path` to write the fetched manifest to, use - for stdout");
	fetch.action((args: string[], flags: FetchFlags) => runManifestFetch(args, flags, io));

	const fc = cmd.command("fetch-config").alias("get-config").summary("Fetch the config of a manifest from a registry or an OCI image layout");
	fc.description("Fetch the config of a manifest from a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(fc);
	addDescriptorFlags(fc);
	addPlatformFlag(fc);
	addCommonFlags(fc, { tty: false });
	fc.option("-o, --output <path>", "file `path` to write the fetched config to, use - for stdout");
	fc.action((args: string[], flags: FetchConfigFlags) => runManifestFetchConfig(args, flags, io));

	const push = cmd.command("push").summary("Push a manifest to a registry or an OCI image layout").description("Push a manifest to a registry or an OCI image layout");
	push.usage("[flags] <name>[:<tag>[,<tag>][...]|@<digest>] <file>").argument("[args...]");
	addTargetFlags(push);
	addDescriptorFlags(push);
	addDistributionSpecFlag(push);
	addCommonFlags(push, { verboseDefault: true, tty: false });
	push.option("--media-type <type>", "media type of manifest");
	push.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
	push.action((args: string[], flags: PushFlags) => runManifestPush(args, flags, io));

	// `manifest index create|update` live in ./manifest-index.ts (exporting `define(cmd, io)`),
	// imported only when `manifest index` runs.
	const index = cmd.command("index").summary("[Experimental] Index operations").description("[Experimental] Index operations");
	index.helpOption(false).allowUnknownOption().allowExcessArguments().argument("[args...]");
	index.addOption(new Option("-h, --help").hideHelp());
	index.action(async (_args: string[], _flags: unknown, self: Command) => {
		let mod: { define(cmd: Command, io: CliIO): void };
		try {
			mod = (await import(INDEX_MODULE)) as typeof mod;
		} catch (err) {
			throw new OrasError("UNSUPPORTED", "manifest index commands are not available in this build", { cause: err });
		}
		const sub = (self.parent as Command).createCommand(`${programName(io)} manifest index`);
		sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} });
		mod.define(sub, io);
		const raw = self.parent?.args ?? [];
		const at = raw.indexOf("index");
		await sub.parseAsync(at >= 0 ? raw.slice(at + 1) : self.args, { from: "user" });
	});
}

function rethrowAs(prefix: string, err: unknown): never {
	if (OrasError.is(err)) throw new OrasError(err.code, `${prefix}: ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
	throw err;
}

/** The fetched manifest's JSON object (nesting checked, parsed once); null when it is not a JSON object. */
function fetchedContent(content: Uint8Array): unknown {
	checkJSONDepth(content, "manifest", "INVALID_MANIFEST");
	try {
		const v: unknown = JSON.parse(Buffer.from(content).toString("utf8"));
		return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
	} catch {
		return null;
	}
}

/** oras's JSON model of a fetched manifest: descriptor fields + `content` (keys sorted, numbers as float64). */
export function fetchedModelJSON(path: string, desc: Descriptor, content: Uint8Array): string {
	const fields = Object.entries(descriptorModel(path, desc)).map(([k, v]) => `${goString(k)}:${goValue(v)}`);
	// descriptorModel keeps Go's field order; goValue would sort the top level, so join by hand. Built by goValue: valid JSON.
	return indentJSON(`{${fields.join(",")},"content":${goValue(fetchedContent(content))}}`);
}

export async function runManifestFetch(args: string[], flags: FetchFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest fetch", args, 1, 1);
	const format = parseFormat(flags);
	if (flags.output === "-" && format.kind !== "text") throw new OrasError("INVALID_ARGUMENT", `\`--output -\` cannot be used with \`--format ${flags.format}\` at the same time`);
	if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--descriptor` cannot be used with `--output -` at the same time");
	if (flags.format !== undefined && flags.pretty) throw new OrasError("INVALID_ARGUMENT", "--format, --pretty cannot be used at the same time");
	if (flags.format !== undefined && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "--format, --descriptor cannot be used at the same time");
	const target = parseTargetArg(args[0] as string, flags);
	const platform = parsePlatformFlag(flags);
	if (target.kind === "oci-layout" && flags.mediaType) throw new OrasError("INVALID_ARGUMENT", "`--media-type` cannot be used with `--oci-layout` at the same time");
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"], ...(flags.mediaType ? { manifestMediaTypes: flags.mediaType } : {}) }, true);
	const o = { signal: io.signal, platform };
	try {
		ensureReference(target, `${programName(io)} manifest fetch`, usageLine(io, "manifest fetch"));
		if (flags.descriptor && !flags.output) {
			let desc: Descriptor;
			try {
				desc = await resolve(opened, o);
			} catch (err) {
				rethrowAs(`failed to find ${JSON.stringify(target.raw)}`, err);
			}
			printDescriptor(io, desc, flags.pretty);
			return;
		}
		let fetched: FetchedManifest;
		try {
			fetched = await fetchManifest(opened, o);
		} catch (err) {
			rethrowAs(`failed to fetch the content of ${JSON.stringify(target.raw)}`, err);
		}
		const { descriptor: desc, bytes } = fetched;
		const toFile = flags.output !== undefined && flags.output !== "" && flags.output !== "-";
		if (toFile) await writeFileAtomic(resolvePath(io.cwd, flags.output as string), bytes, { mode: 0o666 });
		else if (format.kind === "text") printJSON(io, bytes, flags.pretty);
		if (format.kind === "json") io.stdout.write(fetchedModelJSON(target.name, desc, bytes));
		else if (format.kind === "go-template") {
			// The same values as the JSON model (templates see maps with sorted keys and numbers as float64 either way).
			io.stdout.write(renderModel(format, { ...descriptorModel(target.name, desc), content: fetchedContent(bytes) }));
		} else if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
	} finally {
		opened.close();
	}
}

export async function runManifestFetchConfig(args: string[], flags: FetchConfigFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest fetch-config", args, 1, 1);
	if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--output -` cannot be used with `--descriptor` at the same time");
	const target = parseTargetArg(args[0] as string, flags);
	const platform = parsePlatformFlag(flags);
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"] }, true);
	const o = { signal: io.signal };
	try {
		ensureReference(target, `${programName(io)} manifest fetch-config`, usageLine(io, "manifest fetch-config"));
		const { descriptor: desc, bytes } = await fetchManifest(opened, { ...o, platform });
		if (desc.mediaType !== MediaType.ImageManifest && desc.mediaType !== MediaType.DockerManifest) {
			throw new OrasError("UNSUPPORTED", `"${desc.digest}" is not an image manifest and does not have a config`);
		}
		const p = parseManifest(bytes, desc.mediaType);
		if (p.kind !== "manifest") throw new OrasError("INVALID_MANIFEST", `"${desc.digest}" is not an image manifest and does not have a config`);
		const config = p.manifest.config;
		if (!flags.descriptor || flags.output) {
			const content = await fetchBytes(opened.target, config, { ...o, limit: MAX_MANIFEST_BYTES });
			if (!flags.output || flags.output === "-") printJSON(io, content, flags.pretty);
			else await writeFileAtomic(resolvePath(io.cwd, flags.output), content, { mode: 0o666 });
		}
		if (flags.descriptor) printDescriptor(io, config, flags.pretty);
	} finally {
		opened.close();
	}
}

export async function runManifestPush(args: string[], flags: PushFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest push", args, 2, 2);
	const fileRef = args[1] as string;
	if (fileRef === "-") {
		if (flags.passwordStdin) throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--password-stdin` read password from input cannot be both used");
		if (flags.identityTokenStdin) {
			throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--identity-token-stdin` read identity token from input cannot be both used");
		}
	}
	const { ref: rawRef, extraTags } = splitTagList(args[0] as string);
	const target = parseTargetArg(rawRef, flags);
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	let content: Buffer;
	try {
		content = fileRef === "-" ? await readAllLimited(io.stdin, MAX_MANIFEST_BYTES, "manifest") : await readFile(resolvePath(io.cwd, fileRef));
	} catch (err) {
		rethrowAs(`failed to read ${fileRef}`, err);
	}
	if (content.length > MAX_MANIFEST_BYTES) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${fileRef}: manifest size ${content.length} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
	let mediaType = flags.mediaType ?? "";
	if (mediaType === "") {
		mediaType = declaredMediaType(content) ?? "";
		if (mediaType === "") {
			throw new OrasError("INVALID_ARGUMENT", `media type is not specified via the flag "--media-type" nor in ${JSON.stringify(fileRef)}`, {
				hint: `Usage: ${usageLine(io, "manifest push")}\nPlease specify a valid media type in the manifest JSON or via the "--media-type" flag`,
			});
		}
	}
	const desc = descriptorFromBytes(mediaType, content);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: Boolean(flags.descriptor) });
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"], ...(referrersState ? { referrersState } : {}) });
	const o = { signal: io.signal };
	try {
		const ref = target.reference || desc.digest;
		let match = false;
		try {
			match = (await opened.target.resolve(ref, o)).digest === desc.digest;
		} catch (err) {
			if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
		}
		if (match) {
			printer.printStatus(desc, Prompt.PushExists);
		} else {
			printer.printStatus(desc, Prompt.Uploading);
			await tagRoot(opened.target, desc, content, ref, o);
			printer.printStatus(desc, Prompt.Uploaded);
		}
		if (flags.descriptor) {
			if (extraTags.length > 0) await tagN(opened.target, desc, content, extraTags, { ...o, concurrency: flags.concurrency });
			printDescriptor(io, desc, flags.pretty);
			return;
		}
		printer.println("Pushed:", displayReference(target));
		if (extraTags.length > 0) {
			await tagN(opened.target, desc, content, extraTags, { ...o, concurrency: flags.concurrency, onTagged: (t) => printer.println("Tagged", t) });
		}
		printer.println("Digest:", desc.digest);
	} finally {
		opened.close();
	}
}

export async function runManifestDelete(args: string[], flags: DeleteFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest delete", args, 1, 1);
	if (flags.descriptor && !flags.force) throw new OrasError("INVALID_ARGUMENT", "must apply --force to confirm the deletion if the descriptor is outputted");
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	const target = parseTargetArg(args[0] as string, flags);
	const actions = referrersState === "supported" ? ["pull", "delete"] : ["pull", "delete", "push"];
	const opened = await openWritableTarget(target, flags, io, { scopeActions: actions, ...(referrersState ? { referrersState } : {}) });
	const o = { signal: io.signal };
	try {
		ensureReference(target, `${programName(io)} manifest delete`, usageLine(io, "manifest delete"));
		if (!canDelete(opened.target)) throw new OrasError("UNSUPPORTED", `${target.raw}: the target does not support deletion`);
		let desc: Descriptor;
		try {
			desc = await opened.target.resolve(target.reference, o);
		} catch (err) {
			if (OrasError.is(err) && err.code === "NOT_FOUND") {
				if (flags.force && !flags.descriptor) {
					io.stdout.write(`Missing ${target.raw}\n`);
					return;
				}
				throw new OrasError("NOT_FOUND", `${target.raw}: the specified manifest does not exist`, { cause: err });
			}
			throw err;
		}
		const ok = await askForConfirmation(io, flags, `Are you sure you want to delete the manifest "${desc.digest}" and all tags associated with it?`);
		if (!ok) return;
		try {
			await opened.target.delete({ mediaType: desc.mediaType, digest: desc.digest, size: desc.size }, o);
		} catch (err) {
			rethrowAs(`failed to delete ${target.raw}`, err);
		}
		if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
		else io.stdout.write(`Deleted ${displayReference(target)}\n`);
	} finally {
		opened.close();
	}
}
