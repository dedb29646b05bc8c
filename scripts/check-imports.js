#!/usr/bin/env node
/**
 * Checks the runtime imports of src/: no import cycle, and the layering
 * oci ← content ← registry, graph ← api ← cli, and server beside api (a room imports only
 * rooms to its left; registry and graph do not import each other at runtime). `import type` and
 * `export type` lines are erased by the compiler and are not counted.
 *
 * Usage: node scripts/check-imports.js   (exit 1 and a list of problems when any)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

/** Rooms a room may import at runtime (besides itself). Top-level files (errors.ts, index.ts) are listed by name. */
const ALLOWED = {
	"errors.ts": [],
	oci: ["errors.ts"],
	content: ["errors.ts", "oci"],
	registry: ["errors.ts", "oci", "content"],
	graph: ["errors.ts", "oci", "content"],
	/** The high-level API over the core (push, pull, copy, login on string references). */
	api: ["errors.ts", "oci", "content", "registry", "graph"],
	server: ["errors.ts", "oci", "content", "registry", "graph"],
	cli: ["errors.ts", "oci", "content", "registry", "graph", "api", "server"],
	"index.ts": ["errors.ts", "oci", "content", "registry", "graph", "api", "server"],
};

function files(dir, out = []) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) files(p, out);
		else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(p);
	}
	return out;
}

/** Relative runtime imports of a file (static `import … from`, `export … from`, `import("…")`), as absolute .ts paths. */
function runtimeImports(file) {
	const text = readFileSync(file, "utf8");
	const out = [];
	const re = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/gms;
	for (const m of text.matchAll(re)) {
		const spec = m[4] ?? m[5];
		if (m[2]) continue; // import type / export type
		// `import { type A, type B } from` is erased too when every name is a type.
		const names = m[3];
		if (names && /^\{[^}]*\}$/s.test(names.trim())) {
			const parts = names.trim().slice(1, -1).split(",").map((s) => s.trim()).filter(Boolean);
			if (parts.length > 0 && parts.every((p) => p.startsWith("type "))) continue;
		}
		// `import("…")` inside a type position (e.g. `import("node:stream").Readable`) is not a module import here.
		if (m[5] && /:\s*import\(/.test(text.slice(Math.max(0, m.index - 2), m.index + 8))) continue;
		out.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
	}
	return out;
}

/** `oci`, `registry`, … or a top-level file's name (`errors.ts`). */
const roomOf = (file) => relative(src, file).split("/")[0];

const graph = new Map();
for (const f of files(src)) graph.set(f, runtimeImports(f).filter((d) => d.startsWith(src)));

const problems = [];

for (const [f, deps] of graph) {
	const from = roomOf(f);
	const allowed = ALLOWED[from];
	if (!allowed) continue;
	for (const d of deps) {
		const to = roomOf(d);
		if (to !== from && !allowed.includes(to)) problems.push(`layering: ${relative(root, f)} imports ${relative(root, d)} (${from} → ${to})`);
	}
}

// Cycles: iterative DFS with colours; every back edge names one cycle.
const WHITE = 0;
const GREY = 1;
const BLACK = 2;
const colour = new Map([...graph.keys()].map((k) => [k, WHITE]));
const seenCycles = new Set();
for (const start of graph.keys()) {
	if (colour.get(start) !== WHITE) continue;
	const stack = [{ node: start, i: 0 }];
	const path = [start];
	colour.set(start, GREY);
	while (stack.length > 0) {
		const top = stack[stack.length - 1];
		const deps = graph.get(top.node) ?? [];
		if (top.i >= deps.length) {
			colour.set(top.node, BLACK);
			stack.pop();
			path.pop();
			continue;
		}
		const next = deps[top.i++];
		if (!graph.has(next)) continue;
		const c = colour.get(next);
		if (c === GREY) {
			const cycle = path.slice(path.indexOf(next)).map((p) => relative(root, p));
			const key = [...cycle].sort().join(" ");
			if (!seenCycles.has(key)) {
				seenCycles.add(key);
				problems.push(`cycle: ${[...cycle, relative(root, next)].join(" → ")}`);
			}
		} else if (c === WHITE) {
			colour.set(next, GREY);
			stack.push({ node: next, i: 0 });
			path.push(next);
		}
	}
}

if (problems.length > 0) {
	for (const p of problems) console.error(p);
	console.error(`${problems.length} problem(s) in the runtime imports of src/`);
	process.exit(1);
}
console.log(`runtime imports of ${graph.size} files in src/: no cycle; layering oci ← content ← registry, graph ← api, server ← cli holds`);
