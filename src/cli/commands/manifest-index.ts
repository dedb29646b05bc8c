/** `manifest index create` (alias `pack`) and `manifest index update`, loaded by `manifest.ts` on demand. */
import { writeFile } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { tagN } from "../../graph/tag.js";
import { type BuiltIndex, createIndex, hasIndexChanges, type IndexEvents, pushIndex, updateIndex } from "../../graph/index-ops.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isDigest, shortDigest } from "../../oci/digest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { Printer } from "../display/printer.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, collect, type CommonFlags, usageLine } from "../options/common.js";
import { ensureReference, printJSON } from "../options/distribution.js";
import { parseAnnotations } from "../options/packer.js";
import { addTargetFlags, displayReference, openWritableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface IndexFlags extends CommonFlags, TargetFlags {
	readonly pretty?: boolean;
	readonly artifactType?: string;
	readonly output?: string;
}
interface CreateFlags extends IndexFlags {
	readonly annotation?: string[];
}
interface UpdateFlags extends IndexFlags {
	readonly add?: string[];
	readonly merge?: string[];
	readonly remove?: string[];
	readonly tag?: string[];
}


const Prompt = {
	Fetching: "Fetching ",
	Fetched: "Fetched  ",
	Added: "Added    ",
	Merged: "Merged   ",
	Removed: "Removed  ",
	Packed: "Packed   ",
	Pushed: "Pushed   ",
	Updated: "Updated  ",
} as const;

export function define(cmd: Command, io: CliIO): void {
	cmd.description("[Experimental] Index operations").usage("[command]");

	const create = cmd
		.command("create")
		.aliases(["pack"])
		.summary("[Experimental] Create and push an index from provided manifests")
		.description("[Experimental] Create and push an index from provided manifests. All manifests should be in the same repository")
		.usage("[flags] <target>[:<tag[,<tag>][...]] <sources>[{<tag>|<digest>}...]")
		.argument("[args...]");
	addTargetFlags(create);
	addCommonFlags(create);
	create.option("--pretty", "prettify JSON objects printed to stdout");
	create.option("-a, --annotation <key=value>", "manifest annotations (repeatable)", collect);
	create.option("--artifact-type <type>", "artifact type for overall index");
	create.option("-o, --output <path>", "file path to write the created index to, use - for stdout");
	create.action((args: string[], flags: CreateFlags) => runIndexCreate(args, flags, io));

	const update = cmd
		.command("update")
		.summary("[Experimental] Update and push an image index")
		.description("[Experimental] Update and push an image index. All manifests should be in the same repository")
		.usage("<index>{:<tag>|@<digest>} [{--add|--merge|--remove} <manifest>{<tag>|<digest>}] [...]")
		.argument("[args...]");
	addTargetFlags(update);
	addCommonFlags(update);
	update.option("--pretty", "prettify JSON objects printed to stdout");
	update.option("--artifact-type <type>", "new artifact type for overall index");
	update.option("--add <ref>", "manifests to add to the index (repeatable)", collect);
	update.option("--merge <ref>", "indexes to be merged into the index (repeatable)", collect);
	update.option("--remove <digest>", "manifests to remove from the index, must be digests (repeatable)", collect);
	update.option("--tag <tag>", "extra tags for the updated index (repeatable)", collect);
	update.option("-o, --output <path>", "file path to write the created index to, use - for stdout");
	update.action((args: string[], flags: UpdateFlags) => runIndexUpdate(args, flags, io));
}

/** Status lines for fetches (`Fetched   <digest> <ref>`, or just the ref when it is a digest). */
function fetchEvents(printer: Printer): IndexEvents {
	const withRef = (prompt: string, ref: string, desc: Descriptor) => (isDigest(ref) ? printer.status(prompt, ref) : printer.status(prompt, desc.digest, ref));
	return {
		onFetching: (ref) => printer.status(Prompt.Fetching, ref),
		onFetched: (ref, desc) => withRef(Prompt.Fetched, ref, desc),
		onAdded: (ref, desc) => withRef(Prompt.Added, ref, desc),
		onMerged: (ref, desc) => withRef(Prompt.Merged, ref, desc),
		onRemoved: (digest) => printer.status(Prompt.Removed, digest),
	};
}

/** `-o <file>` writes the bytes; `-o -` prints them (indented with `--pretty`). */
async function writeOutput(io: CliIO, output: string, built: BuiltIndex, pretty: boolean | undefined): Promise<void> {
	if (output === "-") printJSON(io, built.bytes, pretty);
	else await writeFile(resolvePath(io.cwd, output), built.bytes);
}

export async function runIndexCreate(args: string[], flags: CreateFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest index create", args, 1, Number.POSITIVE_INFINITY);
	const [rawRef, ...extraTags] = (args[0] as string).split(",");
	for (const t of extraTags) if (t === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: empty tag in ${JSON.stringify(args[0])}`);
	const target = parseTargetArg(rawRef as string, flags);
	const annotations = (await parseAnnotations({ ...(flags.annotation ? { annotation: flags.annotation } : {}) }, io)).$manifest;
	const output = flags.output ?? "";
	const printer = new Printer(io.stdout, { verbose: true, quiet: output === "-" });
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"] });
	const o = { signal: io.signal };
	try {
		const built = await createIndex(opened.target, args.slice(1), {
			...o,
			...(flags.artifactType ? { artifactType: flags.artifactType } : {}),
			...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
			...fetchEvents(printer),
		});
		printer.status(Prompt.Packed, shortDigest(built.desc.digest), MediaType.ImageIndex);
		if (output !== "") await writeOutput(io, output, built, output === "-" ? flags.pretty : false);
		else {
			await pushIndex(opened.target, built, target.reference, { ...o });
			printer.status(Prompt.Pushed, displayReference(target));
			if (extraTags.length > 0) await tagN(opened.target, built.desc, Buffer.from(built.bytes), extraTags, { ...o, onTagged: (t) => printer.status("Tagged", t) });
		}
		printer.status("Digest:", built.desc.digest);
	} finally {
		opened.close();
	}
}

export async function runIndexUpdate(args: string[], flags: UpdateFlags, io: CliIO): Promise<void> {
	checkArgs(io, "manifest index update", args, 1, 1);
	if (flags.tag && flags.tag.length > 0 && flags.output !== undefined) throw new OrasError("INVALID_ARGUMENT", "--tag, --output cannot be used at the same time");
	for (const d of flags.remove ?? []) if (!isDigest(d)) throw new OrasError("INVALID_ARGUMENT", `remove: ${d} is not a digest`);
	const changes = {
		...(flags.add ? { add: flags.add } : {}),
		...(flags.merge ? { merge: flags.merge } : {}),
		...(flags.remove ? { remove: flags.remove } : {}),
		...(flags.artifactType !== undefined ? { artifactType: flags.artifactType } : {}),
	};
	if (!hasIndexChanges(changes)) {
		io.stdout.write("Nothing to update as no change is requested\n");
		return;
	}
	const target = parseTargetArg(args[0] as string, flags);
	const output = flags.output ?? "";
	const printer = new Printer(io.stdout, { verbose: true, quiet: output === "-" });
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"] });
	const o = { signal: io.signal };
	try {
		ensureReference(target, `${programName(io)} manifest index update`, usageLine(io, "manifest index update"));
		const built = await updateIndex(opened.target, target.reference, { ...o, ...changes, ...fetchEvents(printer) });
		printer.status(Prompt.Updated, built.desc.digest);
		if (output !== "") await writeOutput(io, output, built, output === "-" ? flags.pretty : false);
		else {
			await pushIndex(opened.target, built, target.reference, { ...o });
			printer.status(Prompt.Pushed, isDigest(target.reference) ? `[${target.kind}] ${target.name}` : displayReference(target));
			const extra = flags.tag ?? [];
			if (extra.length > 0) await tagN(opened.target, built.desc, Buffer.from(built.bytes), extra, { ...o, onTagged: (t) => printer.status("Tagged", t) });
		}
		printer.status("Digest:", built.desc.digest);
	} finally {
		opened.close();
	}
}
