/**
 * Flag groups of the graph commands: DistributionSpec (`--distribution-spec`),
 * Descriptor/Pretty (`--descriptor`, `--pretty`), Confirmation (`-f/--force` + prompt),
 * and oras's empty-reference error.
 */
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { encodeDescriptor, prettyJSON } from "../../oci/json.js";
import type { ReferrersState } from "../../registry/repository.js";
import type { CliIO } from "../io.js";
import type { ParsedTarget } from "./remote.js";

export const DISTRIBUTION_SPEC_TAG = "v1.1-referrers-tag";
export const DISTRIBUTION_SPEC_API = "v1.1-referrers-api";

export interface DistributionSpecFlags {
	readonly distributionSpec?: string;
}

export function addDistributionSpecFlag(cmd: Command, description = ""): Command {
	return cmd.option(
		"--distribution-spec <spec>",
		`[Preview] set OCI distribution spec version and API option for ${description}target. Options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`,
	);
}

/** The referrers state `--distribution-spec` presets (undefined = auto-detect). */
export function parseDistributionSpec(value: string | undefined): Exclude<ReferrersState, "unknown"> | undefined {
	if (value === undefined) return undefined;
	if (value === DISTRIBUTION_SPEC_TAG) return "unsupported";
	if (value === DISTRIBUTION_SPEC_API) return "supported";
	throw new OrasError("INVALID_ARGUMENT", `unknown distribution specification flag: ${value}`, {
		hint: `Available options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`,
	});
}

export interface DescriptorFlags {
	readonly descriptor?: boolean;
	readonly pretty?: boolean;
}

export function addDescriptorFlags(cmd: Command, pretty = true): Command {
	cmd.option("--descriptor", "print descriptor instead of content");
	if (pretty) cmd.option("--pretty", "prettify JSON objects printed to stdout");
	return cmd;
}

/** Writes JSON bytes as oras does: raw, or indented with a trailing newline under `--pretty`. */
export function printJSON(io: CliIO, json: string | Uint8Array, pretty: boolean | undefined): void {
	if (pretty) {
		io.stdout.write(prettyJSON(typeof json === "string" ? json : Buffer.from(json).toString("utf8")));
	} else {
		io.stdout.write(typeof json === "string" ? json : Buffer.from(json));
	}
}

/** `--descriptor` output: compact Go JSON of the descriptor (no newline unless `--pretty`). */
export function printDescriptor(io: CliIO, desc: Descriptor, pretty: boolean | undefined): void {
	printJSON(io, encodeDescriptor(desc), pretty);
}

export interface ConfirmationFlags {
	readonly force?: boolean;
}

export function addConfirmationFlag(cmd: Command): Command {
	return cmd.option("-f, --force", "ignore nonexistent references, never prompt");
}

/** Reads one line of stdin (without its line ending). */
async function readLine(io: CliIO): Promise<string> {
	let text = "";
	const stdin = io.stdin;
	for await (const chunk of stdin) {
		text += Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk);
		const nl = text.indexOf("\n");
		if (nl >= 0) {
			text = text.slice(0, nl);
			break;
		}
	}
	return text.replace(/\r$/, "");
}

/**
 * oras's confirmation: with `--force` yes; else prints `<prompt> [y/N] ` on stdout and reads a
 * line; `y`/`yes` (any case) confirms, anything else prints `Operation cancelled.`.
 */
export async function askForConfirmation(io: CliIO, flags: ConfirmationFlags, prompt: string): Promise<boolean> {
	if (flags.force) return true;
	io.stdout.write(`${prompt} [y/N] `);
	const answer = (await readLine(io)).toLowerCase();
	if (answer === "y" || answer === "yes") return true;
	io.stdout.write("Operation cancelled.\n");
	return false;
}

/** oras's error for a reference without a tag or digest where one is needed. */
export function ensureReference(t: ParsedTarget, cmdPath: string, use: string, allowTag = true): void {
	if (t.reference !== "") return;
	const form = allowTag ? `"<name>:<tag>" or "<name>@<digest>"` : `"<name>@<digest>"`;
	throw new OrasError("INVALID_REFERENCE", `"${t.raw}": ${allowTag ? "no tag or digest specified" : "no digest specified"}`, {
		hint: `Usage: ${use}\nPlease specify a reference in the form of ${form}. Run "${cmdPath} -h" for more options and examples`,
	});
}
