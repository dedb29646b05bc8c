import type { Command } from "commander";
import type { CliIO } from "../io.js";

export interface CommandModule {
	/** Adds flags, arguments and the action to `cmd` (already named). */
	define(cmd: Command, io: CliIO): void;
}

export interface CommandEntry {
	readonly name: string;
	readonly aliases?: readonly string[];
	readonly summary: string;
	/** Subcommand names and aliases, for groups (so `oras blob -o - fetch` finds `fetch`). */
	readonly subcommands?: readonly string[];
	readonly load: () => Promise<CommandModule>;
}

/** Loaded lazily: `version` and `--help` never import HTTP, auth or tar code. */
export const COMMANDS: readonly CommandEntry[] = [
	{ name: "attach", summary: "Attach files to an existing artifact", load: () => import("./attach.js") },
	{ name: "backup", summary: "[Experimental] Back up artifacts from a registry into an OCI image layout", load: () => import("./backup.js") },
	{
		name: "blob",
		summary: "Blob operations",
		subcommands: ["delete", "remove", "rm", "fetch", "get", "push"],
		load: () => import("./blob.js"),
	},
	{ name: "cp", aliases: ["copy"], summary: "Copy artifacts from one target to another", load: () => import("./cp.js") },
	{ name: "discover", summary: "[Preview] Discover referrers of a manifest in a registry or an OCI image layout", load: () => import("./discover.js") },
	{ name: "login", summary: "Log in to a remote registry", load: () => import("./login.js") },
	{ name: "logout", summary: "Log out from a remote registry", load: () => import("./logout.js") },
	{
		name: "manifest",
		summary: "Manifest operations",
		subcommands: ["delete", "remove", "rm", "fetch", "get", "show", "fetch-config", "get-config", "push", "index"],
		load: () => import("./manifest.js"),
	},
	{ name: "pull", summary: "Pull files from a registry or an OCI image layout", load: () => import("./pull.js") },
	{ name: "push", summary: "Push files to a registry or an OCI image layout", load: () => import("./push.js") },
	{
		name: "repo",
		aliases: ["repository"],
		summary: "Repository operations",
		subcommands: ["ls", "list", "tags", "show-tags"],
		load: () => import("./repo.js"),
	},
	{ name: "restore", summary: "[Experimental] Restore artifacts to a registry from an OCI image layout", load: () => import("./restore.js") },
	{ name: "resolve", aliases: ["digest"], summary: "[Preview] Resolves digest of the target artifact", load: () => import("./resolve.js") },
	{ name: "tag", summary: "Tag a manifest in a registry or an OCI image layout", load: () => import("./tag.js") },
	{ name: "serve", summary: "Serve an OCI registry (with the referrers API) from a local directory", load: () => import("./serve.js") },
	{ name: "version", summary: "Show version information", load: () => import("./version.js") },
];

export function findEntry(name: string | undefined): CommandEntry | undefined {
	if (name === undefined) return undefined;
	return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
