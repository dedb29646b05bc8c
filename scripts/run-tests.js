#!/usr/bin/env node
// Runs the compiled tests with Node's built-in runner.
// Usage: node scripts/run-tests.js [unit|integration] [filter-substring]
//
// Coverage (Node 22 and later, no filter): V8's block coverage slows hot loops about tenfold,
// enough to break the time bounds of the hostile-registry integration tests, so coverage is
// measured on the unit tests only. `unit` alone runs them with coverage; a full run first runs
// the unit tests with coverage and prints only the `coverage: lines …` line for src/ (and any
// failure), then runs everything as usual, so the runner's closing counts (`ℹ tests N`,
// `ℹ pass N`, `ℹ fail N`, …) stay the last lines. Node 20 is left out: its coverage maps the
// compiled files back through their source maps and fails on ours ("Could not report code
// coverage. TypeError: Cannot read properties of undefined (reading 'line')",
// https://github.com/nodejs/node/issues/52775).
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
const node = (args, env = process.env) => spawnSync(process.execPath, ["--test", "--test-concurrency=2", `--test-reporter=${reporter}`, ...args], { stdio: "inherit", env });
const coverage = !filter && kind !== "integration" && Number(process.versions.node.split(".")[0]) >= 22;
let failed = false;
if (coverage && kind === undefined) {
	const unit = files.filter((f) => f.startsWith(join("dist", "test", "unit")));
	const res = node(["--experimental-test-coverage", ...unit], { ...process.env, ORAS_TS_TEST_REPORT: "coverage-only" });
	failed = res.status !== 0;
}
const res = node([...(coverage && kind === "unit" ? ["--experimental-test-coverage"] : []), ...files]);
process.exit(failed ? 1 : (res.status ?? 1));
