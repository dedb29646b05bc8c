/**
 * The flags each command shows on its help page, grouped as oras's option groups are
 * (Remote, Target, Format, …), with oras's types, defaults and words.
 */

/** Go flag value types as pflag names them. */
export type FlagType = "bool" | "string" | "int" | "int64" | "duration" | "stringArray" | "stringSlice";

export interface FlagDef {
	readonly name: string;
	readonly short?: string;
	readonly type: FlagType;
	/** The usage text; a `back-quoted` word names the value, as in pflag. */
	readonly usage: string;
	/** The default as Go prints it (`flag.DefValue`); omitted for the type's zero value. */
	readonly def?: string;
	/** A value type that is not pflag's own (pflag prints a non-zero default quoted only for "string"). */
	readonly custom?: boolean;
}

interface RemoteOpts {
	readonly prefix?: string;
	readonly description?: string;
	readonly distributionSpec?: boolean;
	readonly stdin?: boolean;
}

function remote(o: RemoteOpts = {}): FlagDef[] {
	const p = o.prefix ? `${o.prefix}-` : "";
	const d = o.description ? `${o.description} ` : "";
	const top = p === "";
	const out: FlagDef[] = [];
	if (o.distributionSpec) {
		out.push({
			name: `${p}distribution-spec`,
			type: "string",
			custom: true,
			def: "unknown",
			usage: `[Preview] set OCI distribution spec version and API option for ${d}target. Options: v1.1-referrers-tag, v1.1-referrers-api`,
		});
	}
	out.push(
		{ name: `${p}username`, ...(top ? { short: "u" } : {}), type: "string", usage: `${d}registry username` },
		{ name: `${p}password`, ...(top ? { short: "p" } : {}), type: "string", usage: `${d}registry password or identity token` },
		{ name: `${p}identity-token`, type: "string", usage: `${d}registry identity token` },
		{ name: `${p}insecure`, type: "bool", usage: `allow connections to ${d}SSL registry without certs` },
		{ name: `${p}plain-http`, type: "bool", usage: `allow insecure connections to ${d}registry without SSL check` },
		{ name: `${p}ca-file`, type: "string", usage: `server certificate authority file for the remote ${d}registry` },
		{ name: `${p}cert-file`, type: "string", usage: `client certificate file for the remote ${d}registry` },
		{ name: `${p}key-file`, type: "string", usage: `client private key file for the remote ${d}registry` },
		{ name: `${p}resolve`, type: "stringArray", usage: `customized DNS for ${d}registry, formatted in \`host:port:address[:address_port]\`` },
		{ name: `${p}registry-config`, type: "stringArray", usage: `\`path\` of the authentication file for ${d}registry` },
		{ name: `${p}header`, ...(top ? { short: "H" } : {}), type: "stringArray", usage: `add custom headers to ${d}requests` },
	);
	if (o.stdin) {
		out.push(
			{ name: "password-stdin", type: "bool", usage: "read password from stdin" },
			{ name: "identity-token-stdin", type: "bool", usage: "read identity token from stdin" },
		);
	}
	return out;
}

function target(o: RemoteOpts = {}): FlagDef[] {
	const p = o.prefix ? `${o.prefix}-` : "";
	const d = o.description ? `${o.description} ` : "";
	return [
		...remote({ ...o, stdin: !o.prefix }),
		{ name: `${p}oci-layout`, type: "bool", usage: `set ${d}target as an OCI image layout` },
		{ name: `${p}oci-layout-path`, type: "string", usage: `[Experimental] set the path for the ${d}OCI image layout target` },
	];
}

const COMMON: FlagDef[] = [{ name: "debug", short: "d", type: "bool", usage: "output debug logs (implies --no-tty)" }];
const TERMINAL: FlagDef[] = [{ name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }];
const PRETTY: FlagDef[] = [{ name: "pretty", type: "bool", usage: "prettify JSON objects printed to stdout" }];
const DESCRIPTOR: FlagDef[] = [{ name: "descriptor", type: "bool", usage: "output the descriptor" }];
const CONFIRMATION: FlagDef[] = [{ name: "force", short: "f", type: "bool", usage: "ignore nonexistent references, never prompt" }];
const ANNOTATION: FlagDef[] = [{ name: "annotation", short: "a", type: "stringArray", usage: "manifest annotations" }];
const PACKER: FlagDef[] = [
	...ANNOTATION,
	{ name: "export-manifest", type: "string", usage: "`path` of the pushed manifest" },
	{ name: "annotation-file", type: "string", usage: "path of the annotation file" },
	{ name: "disable-path-validation", type: "bool", usage: "skip path validation" },
];

function platform(description = "request platform"): FlagDef[] {
	return [{ name: "platform", type: "string", usage: `${description} in the form of \`os[/arch][/variant][:os_version]\`` }];
}

function concurrency(def: number): FlagDef {
	return { name: "concurrency", type: "int", def: String(def), usage: "concurrency level" };
}

interface FormatType {
	readonly name: string;
	readonly usage: string;
}
const JSON_T: FormatType = { name: "json", usage: "Print in JSON format" };
const GO_TEMPLATE: FormatType = { name: "go-template", usage: "Print output using the given Go template" };
const TEXT: FormatType = { name: "text", usage: "Print in text format" };

/** `--format` / `--template`: the accepted types listed as Go's tabwriter aligns them (padding 2), the default last. */
function format(defaultType: FormatType, ...others: FormatType[]): FlagDef[] {
	const types = [...others, defaultType];
	const width = Math.max(...types.map((t) => `'${t.name}':`.length)) + 2;
	const lines = types.map((t) => `\n${`'${t.name}':`.padEnd(width)}${t.usage}`);
	return [
		{ name: "format", type: "string", def: defaultType.name, usage: `[Experimental] format output using a custom template:${lines.join("")}` },
		{ name: "template", type: "string", usage: "[Experimental] template string used to format output" },
	];
}
const FORMAT_DEFAULT = (): FlagDef[] => format(TEXT, JSON_T, GO_TEMPLATE);

/** oras's flags for each command path (help flag added by the renderer; deprecated flags are hidden and absent). */
export const FLAGS: Readonly<Record<string, readonly FlagDef[]>> = {
	attach: [
		...COMMON,
		...PACKER,
		...target({ distributionSpec: true }),
		...FORMAT_DEFAULT(),
		...platform("attach to an arch-specific subject"),
		...TERMINAL,
		{ name: "artifact-type", type: "string", usage: "artifact type" },
		{ name: "config", type: "string", usage: "`path` of image config file" },
		concurrency(5),
	],
	backup: [
		...COMMON,
		...remote({ distributionSpec: true, stdin: true }),
		...TERMINAL,
		{ name: "output", short: "o", type: "string", usage: "path to the target output, either a tar archive (*.tar) or a directory" },
		{ name: "include-referrers", type: "bool", usage: "back up the artifact with its referrers (e.g., attestations, SBOMs)" },
		concurrency(3),
	],
	cp: [
		...COMMON,
		...platform(),
		...target({ prefix: "from", description: "source", distributionSpec: true }),
		...target({ prefix: "to", description: "destination", distributionSpec: true }),
		{ name: "resolve", type: "stringArray", usage: "base DNS rules formatted in `host:port:address[:address_port]` for --from-resolve and --to-resolve" },
		...TERMINAL,
		{ name: "recursive", short: "r", type: "bool", usage: "[Preview] recursively copy the artifact and its referrer artifacts" },
		concurrency(3),
	],
	discover: [
		...COMMON,
		...platform(),
		...target({ distributionSpec: true }),
		...format(
			{ name: "tree", usage: "Get referrers and print in tree format" },
			{ name: "table", usage: "[Deprecated] Get referrers and output in table format" },
			{ name: "json", usage: "Get referrers and output in JSON format" },
			{ name: "go-template", usage: "Print referrers using the given Go template" },
		),
		{ name: "no-tty", type: "bool", usage: "[Preview] disable colors" },
		{ name: "artifact-type", type: "string", usage: "artifact type" },
		{ name: "output", short: "o", type: "string", def: "tree", usage: "[Deprecated] format in which to display referrers (table, json, or tree)." },
		{ name: "depth", type: "int", usage: "[Experimental] level of referrers to display, if unused shows referrers of all levels" },
	],
	login: [...COMMON, ...remote({ stdin: true })],
	logout: [
		{ name: "debug", short: "d", type: "bool", usage: "debug mode" },
		{ name: "registry-config", type: "stringArray", usage: "auth config path" },
	],
	pull: [
		...COMMON,
		...platform(),
		...target(),
		...FORMAT_DEFAULT(),
		...TERMINAL,
		{ name: "keep-old-files", short: "k", type: "bool", usage: "do not replace existing files when pulling, treat them as errors" },
		{ name: "allow-path-traversal", short: "T", type: "bool", usage: "allow storing files out of the output directory" },
		{ name: "include-subject", type: "bool", usage: "recursively pull the subject of artifacts" },
		{ name: "output", short: "o", type: "string", def: ".", usage: "output directory" },
		{ name: "config", type: "string", usage: "output manifest config file" },
		concurrency(3),
	],
	push: [
		...COMMON,
		...PACKER,
		{ name: "artifact-platform", type: "string", usage: "[Experimental] set artifact platform in the form of `os[/arch][/variant][:os_version]`" },
		{
			name: "image-spec",
			type: "string",
			custom: true,
			usage: "[Preview] specify manifest type for building artifact. Options: v1.1, v1.0 (default v1.1, overridden to v1.0 if --config is used without --artifact-type)",
		},
		...target(),
		...FORMAT_DEFAULT(),
		...TERMINAL,
		{ name: "config", type: "string", usage: "`path` of image config file" },
		{ name: "artifact-type", type: "string", usage: "artifact type" },
		concurrency(5),
	],
	resolve: [
		...COMMON,
		...platform(),
		...target(),
		{ name: "full-reference", short: "l", type: "bool", usage: "print the full artifact reference with digest" },
	],
	restore: [
		...COMMON,
		...remote({ distributionSpec: true, stdin: true }),
		...TERMINAL,
		{ name: "input", type: "string", usage: "path to the OCI layout, either a tar archive (*.tar) or a directory" },
		{ name: "exclude-referrers", type: "bool", usage: "restore artifacts excluding their referrers" },
		{ name: "dry-run", type: "bool", usage: "simulate the restore process without actually uploading any artifacts" },
		concurrency(5),
	],
	tag: [...COMMON, ...target(), concurrency(5)],
	version: [],
	"blob delete": [...COMMON, ...CONFIRMATION, ...DESCRIPTOR, ...PRETTY, ...target()],
	"blob fetch": [
		...COMMON,
		...DESCRIPTOR,
		...PRETTY,
		...target(),
		...TERMINAL,
		{ name: "output", short: "o", type: "string", usage: "output file `path`, use - for stdout" },
	],
	"blob push": [
		...COMMON,
		...DESCRIPTOR,
		...PRETTY,
		...target(),
		...TERMINAL,
		{ name: "size", type: "int64", def: "-1", usage: "provide the blob size" },
		{ name: "media-type", type: "string", def: "application/vnd.oci.image.layer.v1.tar", usage: "specify the returned media type in the descriptor if --descriptor is used" },
	],
	"manifest delete": [...COMMON, ...CONFIRMATION, ...DESCRIPTOR, ...PRETTY, ...target({ distributionSpec: true })],
	"manifest fetch": [
		...COMMON,
		...DESCRIPTOR,
		...platform(),
		...PRETTY,
		...target(),
		...format(TEXT, { name: "json", usage: "Print in prettified JSON format" }, { name: "go-template", usage: "Print using the given Go template" }),
		{ name: "media-type", type: "stringSlice", usage: "accepted media types" },
		{ name: "output", short: "o", type: "string", usage: "file `path` to write the fetched manifest to, use - for stdout" },
	],
	"manifest fetch-config": [
		...COMMON,
		...DESCRIPTOR,
		...platform(),
		...PRETTY,
		...target(),
		{ name: "output", short: "o", type: "string", usage: "file `path` to write the fetched config to, use - for stdout" },
	],
	"manifest push": [
		...COMMON,
		...DESCRIPTOR,
		...PRETTY,
		...target({ distributionSpec: true }),
		{ name: "media-type", type: "string", usage: "media type of manifest" },
		concurrency(5),
	],
	"manifest index create": [
		...COMMON,
		...target(),
		...PRETTY,
		...ANNOTATION,
		{ name: "artifact-type", type: "string", usage: "artifact type for overall index" },
		{ name: "output", short: "o", type: "string", usage: "file `path` to write the created index to, use - for stdout" },
	],
	"manifest index update": [
		...COMMON,
		...target(),
		...PRETTY,
		{ name: "artifact-type", type: "string", usage: "new artifact type for overall index" },
		{ name: "add", type: "stringArray", usage: "manifests to add to the index" },
		{ name: "merge", type: "stringArray", usage: "indexes to be merged into the index" },
		{ name: "remove", type: "stringArray", usage: "manifests to remove from the index, must be digests" },
		{ name: "tag", type: "stringArray", usage: "extra tags for the updated index" },
		{ name: "output", short: "o", type: "string", usage: "file `path` to write the created index to, use - for stdout" },
	],
	"repo ls": [...remote({ stdin: true }), ...COMMON, ...FORMAT_DEFAULT(), { name: "last", type: "string", usage: "start after the repository specified by `last`" }],
	"repo tags": [
		...COMMON,
		...target(),
		...FORMAT_DEFAULT(),
		{ name: "last", type: "string", usage: "start after the tag specified by `last`" },
		{ name: "exclude-digest-tags", type: "bool", usage: "[Preview] exclude all digest-like tags such as 'sha256-aaaa...'" },
	],
};
