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
	{ name: "pull", summary: "Pull files from a registry or an OCI image layout", load: () => import("./pull.js") },
	{ name: "push", summary: "Push files to a registry or an OCI image layout", load: () => import("./push.js") },
	{ name: "version", summary: "Show version information", load: () => import("./version.js") },
];

export function findEntry(name: string | undefined): CommandEntry | undefined {
	if (name === undefined) return undefined;
	return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
