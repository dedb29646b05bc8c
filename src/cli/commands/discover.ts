import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { discover } from "../../api/manifest.js";
import type { ReferrerNode } from "../../graph/referrers.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { encodeDescriptor, prettyJSON } from "../../oci/json.js";
import { descriptorModel } from "../display/json.js";
import { TreeNode, yamlPair } from "../display/tree.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, usageLine, useTTY } from "../options/common.js";
import { addDistributionSpecFlag, type DistributionSpecFlags, ensureReference, parseDistributionSpec } from "../options/distribution.js";
import { type OutputFormat, parseFormatType, renderModel } from "../options/format.js";
import { addPlatformFlag, type PlatformFlags, parsePlatformFlag } from "../options/platform.js";
import { addTargetFlags, openReadableTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";
import { printable, printableJSON } from "../display/escape.js";

interface DiscoverFlags extends CommonFlags, TargetFlags, PlatformFlags, DistributionSpecFlags {
	readonly format?: string;
	readonly template?: string;
	readonly output?: string;
	readonly artifactType?: string;
	readonly depth?: string;
}

const TYPES = ["tree", "table", "json", "go-template"];

const COLOR = { type: "\x1b[93m", digest: "\x1b[32m", annotations: "\x1b[90m", reset: "\x1b[0m" };

export function define(cmd: Command, io: CliIO): void {
	cmd.description("[Preview] Discover referrers of a manifest in a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
	addTargetFlags(cmd);
	addPlatformFlag(cmd);
	addDistributionSpecFlag(cmd);
	addCommonFlags(cmd, { verboseDefault: true });
	cmd.option("--format <format>", "[Experimental] format output using a custom template: 'tree', 'table', 'json', 'go-template'");
	cmd.option("--template <template>", "[Experimental] template used to format output");
	cmd.option("-o, --output <format>", "[Deprecated] format in which to display referrers (table, json, or tree).");
	cmd.option("--artifact-type <type>", "artifact type");
	cmd.option("--depth <n>", "[Experimental] level of referrers to display, if unused shows referrers of all levels");
	cmd.action((args: string[], flags: DiscoverFlags) => runDiscover(args, flags, io));
}

export async function runDiscover(args: string[], flags: DiscoverFlags, io: CliIO): Promise<void> {
	checkArgs(io, "discover", args, 1, 1);
	if (flags.format !== undefined && flags.output !== undefined) throw new OrasError("INVALID_ARGUMENT", "--format, --output cannot be used at the same time");
	let depth = 0;
	if (flags.depth !== undefined) {
		depth = /^-?\d+$/.test(flags.depth) ? Number(flags.depth) : Number.NaN;
		if (Number.isNaN(depth)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${flags.depth}" for "--depth" flag: strconv.ParseInt: parsing "${flags.depth}": invalid syntax`);
		if (depth < 1) throw new OrasError("INVALID_ARGUMENT", "depth value should be at least 1");
	}
	const parsed = parseFormatType({ ...(flags.format !== undefined || flags.output !== undefined ? { format: flags.format ?? flags.output } : {}), ...(flags.template !== undefined ? { template: flags.template } : {}) }, TYPES);
	const kind = parsed.type;
	if (flags.output !== undefined) {
		if (kind !== "tree" && kind !== "json" && kind !== "table") throw new OrasError("INVALID_ARGUMENT", "output type can only be tree, table or json");
		io.stderr.write(`[DEPRECATED] --output is deprecated, try \`--format ${kind}\` instead\n`);
	}
	if (kind === "table") {
		depth = 1;
		io.stderr.write('Format "table" is deprecated and will be removed in a future release.\n');
	}
	const format: OutputFormat | undefined = kind === "json" ? { kind: "json" } : kind === "go-template" ? { kind: "go-template", template: parsed.template as string } : undefined;
	const referrersState = parseDistributionSpec(flags.distributionSpec);
	const target = parseTargetArg(args[0] as string, flags);
	const platform = parsePlatformFlag(flags);
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"], ...(referrersState ? { referrersState } : {}) });
	try {
		ensureReference(target, `${programName(io)} discover`, usageLine(io, "discover"));
		const tree = await discover(opened, { signal: io.signal, platform, depth, ...(flags.artifactType ? { artifactType: flags.artifactType } : {}) });
		const root = tree.descriptor;
		const verbose = flags.verbose !== false;
		if (kind === "tree") {
			io.stdout.write(renderTree(target.name, tree, verbose, useTTY(flags, io)));
		} else if (kind === "table") {
			io.stdout.write(renderTable(target.raw, root, tree.referrers.map((n) => n.descriptor), verbose));
		} else if (format) {
			io.stdout.write(renderModel(format, discoverModel(target.name, tree)));
		}
	} finally {
		opened.close();
	}
}

function discoverModel(path: string, node: ReferrerNode): Record<string, unknown> {
	return { ...descriptorModel(path, node.descriptor), referrers: node.referrers.map((r) => discoverModel(path, r)) };
}

export function renderTree(path: string, tree: ReferrerNode, verbose: boolean, color: boolean): string {
	const paint = (c: string, s: string) => (color ? `${c}${s}${COLOR.reset}` : s);
	const root = new TreeNode(paint(COLOR.digest, `${path}@${tree.descriptor.digest}`));
	const add = (parent: TreeNode, node: ReferrerNode) => {
		for (const child of node.referrers) {
			const r = child.descriptor;
			const n = parent.addPath(paint(COLOR.type, r.artifactType ? printable(r.artifactType) : "<unknown>"), paint(COLOR.digest, r.digest));
			if (verbose && r.annotations && Object.keys(r.annotations).length > 0) {
				const a = n.add(paint(COLOR.annotations, "[annotations]"));
				for (const [k, v] of Object.entries(r.annotations)) a.addPath(yamlPair(k, v));
			}
			add(n, child);
		}
	};
	add(root, tree);
	return root.render();
}

function renderTable(raw: string, root: Descriptor, referrers: readonly Descriptor[], verbose: boolean): string {
	const n = referrers.length;
	let out = `Discovered ${n} ${n === 1 ? "artifact" : "artifacts"} referencing ${raw}\nDigest: ${root.digest}\n`;
	if (n === 0) return out;
	out += "\n";
	const title = "Artifact Type";
	const types = referrers.map((r) => printable(r.artifactType ?? ""));
	const width = Math.max(title.length, ...types.map((t) => t.length));
	const row = (k: string, v: string) => `${k} ${" ".repeat(width - k.length + 1)} ${v}\n`;
	out += row(title, "Digest");
	for (const [i, r] of referrers.entries()) {
		out += row(types[i] ?? "", r.digest);
		if (verbose) out += printableJSON(prettyJSON(encodeDescriptor(r)));
	}
	return out;
}
