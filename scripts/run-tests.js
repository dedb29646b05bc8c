#!/usr/bin/env node
// Runs the compiled tests with Node's built-in runner.
// Usage: node scripts/run-tests.js [unit|integration] [filter-substring]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const kind = process.argv[2];
const filter = process.argv[3];
const roots = kind === "unit" ? ["dist/test/unit"] : kind === "integration" ? ["dist/test/integration"] : ["dist/test/unit", "dist/test/integration"];

function collect(dir, out) {
	let entries;
	try {
		entries = readdirSync(dir);
	} catch {
		return out;
	}
	for (const name of entries.sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) {
			if (name !== "fixtures") collect(p, out);
		} else if (name.endsWith(".test.js") && (!filter || p.includes(filter))) out.push(p);
	}
	return out;
}

const files = roots.flatMap((r) => collect(r, []));
if (files.length === 0) {
	console.error(`no test files found under ${roots.join(", ")} (did the build run?)`);
	process.exit(1);
}
const res = spawnSync(process.execPath, ["--test", "--test-concurrency=2", "--test-reporter=spec", ...files], { stdio: "inherit" });
process.exit(res.status ?? 1);
