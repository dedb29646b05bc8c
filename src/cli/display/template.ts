/**
 * `--format go-template=…`: Go's text/template with the sprig functions oras registers, over
 * the JSON model seen as generic data (numbers are float64, as in oras). The engine lives in
 * ./template/: lexer and parser (parse.ts), evaluator (exec.ts), functions (funcs.ts, printf.ts)
 * and Go-style value printing (values.ts).
 */
import { OrasError } from "../../errors.js";
import { execute, type ExecLimits } from "./template/exec.js";
import { FUNCS } from "./template/funcs.js";
import { parseTemplate } from "./template/parse.js";
import { fromJSON, TemplateError } from "./template/values.js";

export { MAX_TEMPLATE_OUTPUT, MAX_TEMPLATE_STEPS } from "./template/exec.js";

/** Renders `template` over `model`; a bad template or a failing function is one `OrasError` line in Go's words. */
export function renderGoTemplate(template: string, model: unknown, limits: ExecLimits = {}): string {
	try {
		const parsed = parseTemplate(template, (name) => FUNCS.has(name));
		return execute(parsed, fromJSON(model), limits);
	} catch (err) {
		if (err instanceof TemplateError) throw new OrasError("INVALID_ARGUMENT", err.message);
		throw err;
	}
}
