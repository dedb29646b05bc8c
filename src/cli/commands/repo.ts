import { type Command, Option } from "commander";
import { canListTags, type ReadOnlyTarget } from "../../content/storage.js";
import { OrasError } from "../../errors.js";
import { isDigest, isDigestTag } from "../../oci/digest.js";
import { parseReference, registryHost } from "../../oci/reference.js";
import { Registry } from "../../registry/registry.js";
import type { CliIO } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags } from "../options/common.js";
import { addFormatFlags, type FormatFlags, parseFormat, renderModel } from "../options/format.js";
import { addRemoteFlags, addTargetFlags, openReadableTarget, parseTargetArg, type RemoteFlags, remoteOptions, type TargetFlags } from "../options/remote.js";
import { printable } from "../display/escape.js";
import { LineBatcher } from "../display/printer.js";

interface LsFlags extends CommonFlags, RemoteFlags, FormatFlags {
	readonly last?: string;
}

interface TagsFlags extends CommonFlags, TargetFlags, FormatFlags {
	readonly last?: string;
	readonly excludeDigestTags?: boolean;
}


export function define(cmd: Command, io: CliIO): void {
	cmd.description("Repository operations").usage("[command]");
	const ls = cmd.command("ls").alias("list").summary("List the repositories under the registry").description("List the repositories under the registry");
	ls.usage("[flags] <registry>").argument("[args...]");
	addRemoteFlags(ls);
	addFormatFlags(ls);
	addCommonFlags(ls, { tty: false });
	ls.option("--last <last>", "start after the repository specified by `last`");
	ls.exitOverride();
	ls.action((args: string[], flags: LsFlags) => runRepoLs(args, flags, io));

	const tags = cmd.command("tags").alias("show-tags").summary("Show tags of the target repository").description("Show tags of the target repository");
	tags.usage("[flags] <name>").argument("[args...]");
	addTargetFlags(tags);
	addFormatFlags(tags);
	addCommonFlags(tags, { tty: false });
	tags.option("--last <last>", "start after the tag specified by `last`");
	tags.addOption(new Option("--exclude-digest-tags", "[Preview] exclude all digest-like tags such as 'sha256-aaaa...'"));
	tags.exitOverride();
	tags.action((args: string[], flags: TagsFlags) => runRepoTags(args, flags, io));
}

/** `registry[/namespace]` → host and namespace prefix (`ns/`), refusing tags and digests. */
export function parseRemoteRepository(raw: string): { registry: string; namespace: string } {
	const trimmed = raw.endsWith("/") ? raw.slice(0, -1) : raw;
	if (!trimmed.includes("/")) return { registry: trimmed, namespace: "" };
	let ref: ReturnType<typeof parseReference>;
	try {
		ref = parseReference(trimmed);
	} catch (err) {
		throw new OrasError("INVALID_REFERENCE", `could not parse repository path: ${(err as Error).message}`, { cause: err });
	}
	if (ref.reference !== "") throw new OrasError("INVALID_REFERENCE", "could not parse repository path: tags or digests should not be provided");
	return { registry: ref.registry, namespace: `${ref.repository}/` };
}

export async function runRepoLs(args: string[], flags: LsFlags, io: CliIO): Promise<void> {
	checkArgs(io, "repo ls", args, 1, 1);
	const format = parseFormat(flags);
	const { registry, namespace } = parseRemoteRepository(args[0] as string);
	const reg = new Registry(registry, await remoteOptions(flags, io, registry));
	const listed: string[] = [];
	const lines = new LineBatcher(io.stdout);
	try {
		for await (const repo of reg.repositories({ ...(flags.last ? { last: flags.last } : {}), signal: io.signal })) {
			if (namespace !== "" && !repo.startsWith(namespace)) continue;
			if (format.kind === "text") lines.line(printable(namespace !== "" ? repo.slice(namespace.length) : repo));
			else listed.push(repo);
		}
	} catch (err) {
		const host = registryHost(registry);
		const what = namespace !== "" ? `could not list repositories for "${host}" with prefix "${namespace}"` : `could not list repositories for "${host}"`;
		if (OrasError.is(err)) throw new OrasError(err.code, `${what}: ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
		throw err;
	} finally {
		lines.flush();
		reg.close();
	}
	if (format.kind !== "text") io.stdout.write(renderModel(format, { registry, repositories: listed }));
}

export async function runRepoTags(args: string[], flags: TagsFlags, io: CliIO): Promise<void> {
	checkArgs(io, "repo tags", args, 1, 1);
	const format = parseFormat(flags);
	const target = parseTargetArg(args[0] as string, flags);
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"] });
	const o = { signal: io.signal };
	const listed: string[] = [];
	const lines = new LineBatcher(io.stdout);
	try {
		const finder: ReadOnlyTarget = opened.target;
		if (!canListTags(finder)) throw new OrasError("UNSUPPORTED", "the target cannot list tags");
		// `--oci-layout-path dir reg/repo`: only tags `reg/repo:<t>`, shown without the prefix.
		let prefix = "";
		if (target.kind === "oci-layout" && target.reference !== "") {
			try {
				const ref = parseReference(target.reference);
				if (ref.reference === "") prefix = `${ref.registry}/${ref.repository}:`;
			} catch {
				// not a repository path: a tag or digest
			}
		}
		let targetDigest = "";
		if (prefix === "" && target.reference !== "") {
			targetDigest = isDigest(target.reference) ? target.reference : (await finder.resolve(target.reference, o)).digest;
			io.stderr.write(`Warning: [Experimental] querying tags associated to ${targetDigest}, it may take a while...\n`);
		}
		for await (let tag of finder.tags({ ...o, ...(flags.last ? { last: flags.last } : {}) })) {
			if (prefix !== "") {
				if (!tag.startsWith(prefix)) continue;
				tag = tag.slice(prefix.length);
			}
			if (flags.excludeDigestTags && isDigestTag(tag)) continue;
			if (targetDigest !== "" && tag !== target.reference) {
				const d = await finder.resolve(tag, o);
				if (d.digest !== targetDigest) continue;
			}
			if (format.kind === "text") lines.line(printable(tag));
			else listed.push(tag);
		}
	} finally {
		lines.flush();
		opened.close();
	}
	if (format.kind !== "text") io.stdout.write(renderModel(format, { tags: listed }));
}
