/**
 * The package's public surface: every type that appears in an exported signature can be named by
 * a consumer (it is exported from the entry point, or from one of the package's subpaths), and each
 * subpath in package.json `exports` has its declarations. The check walks the emitted declarations
 * (dist/src/**.d.ts, what consumers compile against) with the TypeScript compiler API.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import ts from "typescript";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const DIST = join(REPO, "dist", "src");

interface PackageJson {
	exports: Record<string, string | { types: string; default: string }>;
}

/** Entry points from package.json `exports`: subpath → declaration file. */
function entryPoints(): Map<string, string> {
	const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as PackageJson;
	const out = new Map<string, string>();
	for (const [sub, target] of Object.entries(pkg.exports)) {
		if (typeof target === "string") continue;
		out.set(sub, join(REPO, target.types));
	}
	return out;
}

interface Missing {
	readonly name: string;
	readonly file: string;
	readonly usedBy: string;
}

/** Walks the declarations of every exported symbol and reports referenced package types no entry point exports. */
function unexportedReferences(
	entries: ReadonlyMap<string, string>,
	only?: string,
): { missing: Missing[]; exportedBy: Map<string, Set<ts.Symbol>>; checked: number } {
	const program = ts.createProgram([...entries.values()], {
		module: ts.ModuleKind.NodeNext,
		moduleResolution: ts.ModuleResolutionKind.NodeNext,
		target: ts.ScriptTarget.ES2023,
		strict: true,
		noEmit: true,
		skipLibCheck: true,
		types: ["node"],
	});
	const checker = program.getTypeChecker();
	const resolveAlias = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
	const ours = (s: ts.Symbol): boolean => (s.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(DIST));

	const exportedBy = new Map<string, Set<ts.Symbol>>();
	const exported = new Set<ts.Symbol>();
	for (const [sub, file] of entries) {
		const sf = program.getSourceFile(file);
		assert.ok(sf, `${sub}: ${file} exists (did the build run?)`);
		const mod = checker.getSymbolAtLocation(sf);
		assert.ok(mod, `${sub} is a module`);
		const set = new Set(checker.getExportsOfModule(mod).map(resolveAlias));
		exportedBy.set(sub, set);
		if (only === undefined || only === sub) for (const s of set) exported.add(s);
	}

	const missing = new Map<ts.Symbol, Missing>();
	const visited = new Set<ts.Symbol>();
	const queue = [...exported];
	const refer = (target: ts.Symbol | undefined, usedBy: string) => {
		if (!target) return;
		const s = resolveAlias(target);
		if (!ours(s) || s.flags & ts.SymbolFlags.TypeParameter) return;
		if (!exported.has(s) && !missing.has(s)) {
			const decl = s.declarations?.[0];
			missing.set(s, { name: s.getName(), file: decl ? decl.getSourceFile().fileName.slice(DIST.length + 1) : "?", usedBy });
		}
		if (!visited.has(s)) queue.push(s);
	};
	for (let i = 0; i < queue.length && i < 100_000; i++) {
		const sym = queue[i] as ts.Symbol;
		if (visited.has(sym)) continue;
		visited.add(sym);
		for (const decl of sym.declarations ?? []) {
			if (!decl.getSourceFile().fileName.startsWith(DIST)) continue;
			const usedBy = sym.getName();
			const visit = (node: ts.Node): void => {
				// Private members have no types in declarations, but skip them explicitly anyway.
				if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return;
				if (ts.isTypeReferenceNode(node)) {
					refer(checker.getSymbolAtLocation(ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName), usedBy);
				} else if (ts.isExpressionWithTypeArguments(node)) {
					refer(checker.getSymbolAtLocation(node.expression), usedBy);
				} else if (ts.isTypeQueryNode(node)) {
					refer(checker.getSymbolAtLocation(ts.isQualifiedName(node.exprName) ? node.exprName.right : node.exprName), usedBy);
				} else if (ts.isImportTypeNode(node)) {
					const t = checker.getTypeFromTypeNode(node);
					refer(t.aliasSymbol ?? t.getSymbol(), usedBy);
				}
				ts.forEachChild(node, visit);
			};
			visit(decl);
		}
	}
	return { missing: [...missing.values()], exportedBy, checked: visited.size };
}

describe("the public surface", () => {
	const entries = entryPoints();
	const { missing, exportedBy, checked } = unexportedReferences(entries);
	const rootOnly = unexportedReferences(entries, ".");

	it("has the subpath entry points oras-ts, /registry, /content, /graph, /oci and /server", () => {
		assert.deepEqual([...entries.keys()].sort(), [".", "./content", "./graph", "./oci", "./registry", "./server"]);
		assert.ok(checked > 300, `walked ${checked} exported declarations`);
	});

	it("exports every type that appears in an exported signature", () => {
		assert.deepEqual(
			missing.map((m) => `${m.name} (${m.file}, used by ${m.usedBy})`),
			[],
		);
	});

	it("exports from oras-ts itself every type its own exports use (no reaching into subpaths for a parameter type)", () => {
		assert.deepEqual(
			rootOnly.missing.map((m) => `${m.name} (${m.file}, used by ${m.usedBy})`),
			[],
		);
	});

	it("exports from the entry point the names the issue and README promise", () => {
		const root = new Set([...(exportedBy.get(".") ?? [])].map((s) => s.getName()));
		for (const name of [
			"push",
			"pull",
			"copy",
			"login",
			"logout",
			"resolve",
			"tag",
			"fetchManifest",
			"referrers",
			"discover",
			"walkReferrers",
			"PushResult",
			"PullResult",
			"CopyResult",
			"ProgressEvent",
			"OrasError",
			"NotFoundError",
			"UnauthorizedError",
			"Logger",
			"ProxyConfig",
			"Middleware",
			"Transport",
			"RemoteOptions",
			"Credential",
			"CredentialStore",
			"Target",
			"Descriptor",
		]) {
			assert.ok(root.has(name), `oras-ts exports ${name}`);
		}
		assert.ok(!root.has("createRegistryServer"), "the server is only in oras-ts/server");
		const server = new Set([...(exportedBy.get("./server") ?? [])].map((s) => s.getName()));
		assert.ok(server.has("createRegistryServer"));
	});
});
