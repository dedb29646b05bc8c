#!/usr/bin/env node
// Runs the compiled tests with Node's built-in runner.
// Usage: node scripts/run-tests.js [unit|integration] [filter-substring]
// Without a filter, on Node 22 and later, the runner also collects coverage (Node's
// --experimental-test-coverage) and scripts/test-reporter.js prints one `coverage: lines …` line
// for src/ before the closing counts. Node 20 is left out: its coverage maps the compiled files
// back through their source maps and fails on ours ("Could not report code coverage. TypeError:
// Cannot read properties of undefined (reading 'line')", https://github.com/nodejs/node/issues/52775).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
const reporter = join(dirname(fileURLToPath(import.meta.url)), "test-reporter.js");
const coverage = !filter && Number(process.versions.node.split(".")[0]) >= 22 ? ["--experimental-test-coverage"] : [];
const res = spawnSync(process.execPath, ["--test", "--test-concurrency=2", ...coverage, `--test-reporter=${reporter}`, ...files], { stdio: "inherit" });
process.exit(res.status ?? 1);
