#!/usr/bin/env node
/**
 * Keeps the module → unit-test checklist in test/README.md honest.
 *
 *   node scripts/check-test-map.js          check (exit 1 and a list of problems when any)
 *   node scripts/check-test-map.js --list   print, per src module, the unit test files that reach it
 *
 * A "logic module" is a file under src/ with anything besides imports, re-exports, interfaces and
 * type aliases (pure type and barrel files are left out). A unit test file (test/unit/**\/*.test.ts)
 * "reaches" a module when it imports a runtime name that module defines: directly, or through
 * index.ts barrels (`export { x } from`, `export * from`), followed name by name; `import type`
 * does not count. The checklist is the table under "## Module checklist" in test/README.md, one row
 * per logic module, in one of three forms:
 *   | src/x/y.ts | test/unit/a/b.test.ts, … |          each named test reaches the module
 *   | src/x/y.ts | via test/unit/a/b.test.ts: why |    exercised only through another module (a base
 *                                                        class, an internal helper); the file must exist
 *   | src/x/y.ts | none: why (integration tests …) |   no unit test yet
 * The check fails when a logic module has no row, a row names a module or a test file (unit or
 * integration) that is gone, a directly named test does not reach its module, or a `none` row's
 * module is reached by some unit test after all (so the row should name it). Adding a test that merely imports an
 * already-listed module never fails it. Reads sources only (no build needed).
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const rel = (p) => relative(root, p).split("\\").join("/");

function walk(dir, out = []) {
	for (const name of readdirSync(dir).sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(p);
	}
	return out;
}

const parsed = new Map();
function parse(file) {
	let sf = parsed.get(file);
	if (!sf) {
		sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
		parsed.set(file, sf);
	}
	return sf;
}

const hasModifier = (node, kind) => (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).some((m) => m.kind === kind) : false);

/** Relative module specifier → absolute .ts path (or undefined for packages and node: builtins). */
function resolveSpec(from, spec) {
	if (!spec.startsWith(".")) return undefined;
	const p = resolve(dirname(from), spec.replace(/\.js$/, ".ts"));
	return existsSync(p) ? p : undefined;
}

/** True when the file holds only imports, re-exports, interfaces, type aliases and `declare`s. */
function isLogicFree(file) {
	for (const st of parse(file).statements) {
		if (ts.isImportDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) continue;
		if (ts.isExportDeclaration(st)) continue; // export … from, export { … } of imported names, export {}
		if (hasModifier(st, ts.SyntaxKind.DeclareKeyword)) continue;
		return false;
	}
	return true;
}

/**
 * The module(s) defining exported name `name` of `file`, following re-exports. Local exports
 * (`export function x`, `export const x`, `export { x }` of a local or imported binding, `export default`)
 * resolve to `file` itself, or to the module an imported binding came from.
 */
function definers(file, name, depth = 0) {
	if (depth > 20) return [];
	const sf = parse(file);
	const out = [];
	const importedFrom = new Map(); // local binding → [module, exported name]
	for (const st of sf.statements) {
		if (!ts.isImportDeclaration(st) || st.importClause?.isTypeOnly) continue;
		const target = resolveSpec(file, st.moduleSpecifier.text);
		const nb = st.importClause?.namedBindings;
		if (!target || !nb || !ts.isNamedImports(nb)) continue;
		for (const el of nb.elements) if (!el.isTypeOnly) importedFrom.set(el.name.text, [target, (el.propertyName ?? el.name).text]);
	}
	for (const st of sf.statements) {
		if (ts.isExportDeclaration(st)) {
			if (st.isTypeOnly) continue;
			const target = st.moduleSpecifier ? resolveSpec(file, st.moduleSpecifier.text) : undefined;
			if (!st.exportClause) {
				if (target) out.push(...definers(target, name, depth + 1)); // export * from
				continue;
			}
			if (!ts.isNamedExports(st.exportClause)) continue;
			for (const el of st.exportClause.elements) {
				if (el.isTypeOnly || el.name.text !== name) continue;
				const local = (el.propertyName ?? el.name).text;
				if (target) out.push(...definers(target, local, depth + 1));
				else if (importedFrom.has(local)) {
					const [m, n] = importedFrom.get(local);
					out.push(...definers(m, n, depth + 1));
				} else out.push(file);
			}
			continue;
		}
		if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) continue;
		if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) continue;
		if (hasModifier(st, ts.SyntaxKind.DefaultKeyword)) {
			if (name === "default") out.push(file);
			continue;
		}
		if (ts.isVariableStatement(st)) {
			for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) out.push(file);
		} else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name?.text === name) out.push(file);
	}
	return out;
}

/** Every exported runtime name of a module (for namespace imports). */
function exportedNames(file, depth = 0) {
	if (depth > 20) return [];
	const names = new Set();
	for (const st of parse(file).statements) {
		if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
			if (!st.exportClause && st.moduleSpecifier) {
				const target = resolveSpec(file, st.moduleSpecifier.text);
				if (target) for (const n of exportedNames(target, depth + 1)) names.add(n);
			} else if (st.exportClause && ts.isNamedExports(st.exportClause)) for (const el of st.exportClause.elements) if (!el.isTypeOnly) names.add(el.name.text);
		} else if (hasModifier(st, ts.SyntaxKind.ExportKeyword) && !ts.isInterfaceDeclaration(st) && !ts.isTypeAliasDeclaration(st)) {
			if (hasModifier(st, ts.SyntaxKind.DefaultKeyword)) names.add("default");
			else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
			else if (st.name) names.add(st.name.text);
		}
	}
	return [...names];
}

/** src modules a test file reaches through its runtime imports (static and `await import("…")`). */
function reached(testFile) {
	const out = new Set();
	const use = (target, names) => {
		for (const n of names) for (const d of definers(target, n)) out.add(d);
	};
	const visit = (node) => {
		if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
			const target = resolveSpec(testFile, node.moduleSpecifier.text);
			if (target && target.startsWith(join(root, "src"))) {
				const clause = node.importClause;
				if (!clause) out.add(target); // side-effect import
				else {
					if (clause.name) use(target, ["default"]);
					const nb = clause.namedBindings;
					if (nb && ts.isNamespaceImport(nb)) use(target, exportedNames(target));
					else if (nb) use(target, nb.elements.filter((el) => !el.isTypeOnly).map((el) => (el.propertyName ?? el.name).text));
				}
			}
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
			const target = resolveSpec(testFile, node.arguments[0].text);
			if (target && target.startsWith(join(root, "src"))) use(target, exportedNames(target));
		}
		ts.forEachChild(node, visit);
	};
	visit(parse(testFile));
	return out;
}

const modules = walk(join(root, "src")).filter((f) => !isLogicFree(f));
const tests = walk(join(root, "test", "unit")).filter((f) => f.endsWith(".test.ts"));
const reachedBy = new Map(modules.map((m) => [m, []]));
for (const t of tests) for (const m of reached(t)) reachedBy.get(m)?.push(t);

if (process.argv.includes("--list")) {
	for (const m of modules) console.log(`${rel(m)}: ${reachedBy.get(m).map(rel).join(", ") || "NONE"}`);
	process.exit(0);
}

const readme = join(root, "test", "README.md");
const text = existsSync(readme) ? readFileSync(readme, "utf8") : "";
const section = text.split(/^## Module checklist\s*$/m)[1]?.split(/^## /m)[0] ?? "";
const rows = new Map();
const problems = [];
for (const line of section.split("\n")) {
	const m = /^\|\s*`?(src\/[^|`\s]+\.ts)`?\s*\|(.*)\|\s*$/.exec(line);
	if (!m) continue;
	if (rows.has(m[1])) problems.push(`test/README.md: ${m[1]} has two rows`);
	rows.set(m[1], m[2].trim());
}
if (rows.size === 0) problems.push('test/README.md: no "## Module checklist" table found');
const known = new Set(modules.map(rel));
for (const [mod, cell] of rows) {
	const abs = join(root, mod);
	if (!existsSync(abs)) {
		problems.push(`test/README.md: ${mod} no longer exists (remove or rename its row)`);
		continue;
	}
	if (!known.has(mod)) problems.push(`test/README.md: ${mod} is a pure type/re-export file (remove its row)`);
	const by = (reachedBy.get(abs) ?? []).map(rel);
	for (const [t] of cell.matchAll(/test\/integration\/[^\s,`|):*]+\.test\.ts/g)) if (!existsSync(join(root, t))) problems.push(`test/README.md: ${mod}: ${t} does not exist`);
	if (/^none\b/i.test(cell)) {
		if (by.length > 0) problems.push(`test/README.md: ${mod} says "none" but ${by.join(", ")} reach it (name them)`);
		continue;
	}
	const indirect = /^via\b/i.test(cell);
	const named = [...cell.matchAll(/test\/unit\/[^\s,`|):*]+\.test\.ts/g)].map((x) => x[0]);
	if (named.length === 0) problems.push(`test/README.md: ${mod} names no test/unit/…test.ts file (or say "none: why")`);
	for (const t of named) {
		if (!existsSync(join(root, t))) problems.push(`test/README.md: ${mod}: ${t} does not exist`);
		else if (!indirect && !by.includes(t)) problems.push(`test/README.md: ${mod}: ${t} does not import it (directly or through an index.ts); if it tests it through another module, write "via ${t}: why"`);
	}
}
for (const m of modules) {
	if (rows.has(rel(m))) continue;
	const by = reachedBy.get(m).map(rel);
	problems.push(`test/README.md: no row for ${rel(m)}${by.length ? ` (reached by ${by.join(", ")})` : " (and no unit test reaches it)"}`);
}
if (problems.length > 0) {
	for (const p of problems) console.error(p);
	console.error(`${problems.length} problem(s); \`node scripts/check-test-map.js --list\` shows which unit tests reach each module`);
	process.exit(1);
}
const count = (re) => [...rows.values()].filter((c) => re.test(c)).length;
console.log(`test map ok: ${rows.size} logic modules; ${count(/^via\b/i)} tested through another module, ${count(/^none\b/i)} with no unit test`);
