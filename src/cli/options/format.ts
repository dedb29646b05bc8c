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

export function parseFormat(flags: FormatFlags, types: readonly string[] = ["text", "json", "go-template"]): OutputFormat {
	const raw = flags.format ?? "";
	let kind = raw;
	let template = flags.template;
	const eq = raw.indexOf("=");
	if (eq >= 0) {
		kind = raw.slice(0, eq);
		template = raw.slice(eq + 1);
	}
	if (kind === "" || kind === "text") {
		if (flags.template !== undefined) throw new OrasError("INVALID_ARGUMENT", "--template must be used with --format go-template");
		return { kind: "text" };
	}
	if (!types.includes(kind)) {
		throw new OrasError("INVALID_ARGUMENT", `invalid format type: ${JSON.stringify(kind)}`, { hint: `Available format types: ${types.join(", ")}` });
	}
	if (kind === "json") {
		if (flags.template !== undefined) throw new OrasError("INVALID_ARGUMENT", "--template must be used with --format go-template");
		return { kind: "json" };
	}
	if (template === undefined || template === "") throw new OrasError("INVALID_ARGUMENT", "--format go-template requires a template", { hint: 'e.g. --format go-template="{{.digest}}"' });
	return { kind: "go-template", template };
}

/** Renders a metadata model in the chosen machine format (text output is the command's own). */
export function renderModel(format: OutputFormat, model: unknown): string {
	if (format.kind === "json") return formatJSON(model);
	if (format.kind === "go-template") return renderGoTemplate(format.template, model);
	return "";
}
