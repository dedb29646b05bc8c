import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { formatJSON } from "../display/json.js";
import { renderGoTemplate } from "../display/template.js";

export interface FormatFlags {
	readonly format?: string;
	readonly template?: string;
}

export type OutputFormat = { readonly kind: "text" } | { readonly kind: "json" } | { readonly kind: "go-template"; readonly template: string };

export function addFormatFlags(cmd: Command, types: readonly string[] = ["text", "json", "go-template"]): Command {
	cmd.option("--format <format>", `[Experimental] format output using a custom template: ${types.map((t) => `'${t}'`).join(", ")}`);
	cmd.option("--template <template>", "[Experimental] template used to format output");
	return cmd;
}

/**
 * Validates `--format`/`--template` as oras does; `types[0]` is the default. Only
 * `go-template=<template>` carries a parameter; an empty value or `=` is an invalid type.
 */
export function parseFormatType(flags: FormatFlags, types: readonly string[] = ["text", "json", "go-template"]): { type: string; template?: string } {
	const defaultType = types[0] as string;
	const raw = flags.format ?? defaultType;
	let type = raw;
	let template = flags.template ?? "";
	if (template !== "") {
		if (type !== "go-template") throw new OrasError("INVALID_ARGUMENT", "--template must be used with --format go-template");
	} else if (types.includes("go-template") && raw.startsWith("go-template=")) {
		type = "go-template";
		template = raw.slice("go-template=".length);
	}
	if (type === defaultType) return { type };
	if (type === "go-template" && template === "") {
		throw new OrasError("INVALID_ARGUMENT", `"go-template" format specified but no template given`, { hint: "use `--format go-template=TEMPLATE` to specify the template" });
	}
	if (!types.includes(type)) {
		// oras lists the other types first and the default last.
		throw new OrasError("INVALID_ARGUMENT", `invalid format type: ${JSON.stringify(type)}`, { hint: `supported types: ${[...types.slice(1), defaultType].join(", ")}` });
	}
	return type === "go-template" ? { type, template } : { type };
}

export function parseFormat(flags: FormatFlags, types: readonly string[] = ["text", "json", "go-template"]): OutputFormat {
	const { type, template } = parseFormatType(flags, types);
	if (type === "json") return { kind: "json" };
	if (type === "go-template") return { kind: "go-template", template: template as string };
	return { kind: "text" };
}

/** Renders a metadata model in the chosen machine format (text output is the command's own). */
export function renderModel(format: OutputFormat, model: unknown): string {
	if (format.kind === "json") return formatJSON(model);
	if (format.kind === "go-template") return renderGoTemplate(format.template, model);
	return "";
}
