#!/usr/bin/env node
// Per-file coverage of src/ by the unit tests, lowest line coverage first.
// Usage (after `npm run build`, on Node 22 or later):
//   node scripts/coverage-table.js [--json FILE] [--all] [--lines SUBSTRING]
// Runs dist/test/unit/**/*.test.js with --experimental-test-coverage (as scripts/run-tests.js
// does for `unit`) and prints one row per compiled file under dist/src/ (lines, branches,
// functions, percentages over the compiled .js), then the same summary line as `npm test`.
// Files at 100 % lines are left out unless --all. --json FILE also writes the rows as JSON.
// --lines SUBSTRING lists the uncovered lines (of the compiled .js) of the files whose path has it.
// The same file is the runner's reporter: loaded by `--test-reporter`, its default export
// turns the runner's coverage event into one JSON line on stdout.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SRC = `${sep}dist${sep}src${sep}`;

export default async function* reporter(source) {
	const failures = [];
	for await (const event of source) {
		if (event.type === "test:fail" && event.data.details?.type !== "suite") failures.push(`${event.data.file ?? ""}: ${event.data.name}`);
		if (event.type === "test:coverage") {
			const rows = event.data.summary.files
				.filter((f) => f.path.includes(SRC))
				.map((f) => ({
					file: f.path.slice(f.path.indexOf(SRC) + SRC.length).replace(/\.js$/, ".ts").split(sep).join("/"),
					lines: [f.coveredLineCount, f.totalLineCount],
					branches: [f.coveredBranchCount, f.totalBranchCount],
					functions: [f.coveredFunctionCount, f.totalFunctionCount],
					uncovered: (f.lines ?? []).filter((l) => l.count === 0).map((l) => l.line),
				}));
			yield `${JSON.stringify({ rows, failures })}\n`;
		}
	}
}

function collect(dir, out) {
	for (const name of readdirSync(dir).sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) collect(p, out);
		else if (name.endsWith(".test.js")) out.push(p);
	}
	return out;
}

/** [3,4,5,9] → "3-5, 9" */
function ranges(lines) {
	const out = [];
	for (let i = 0; i < lines.length; i++) {
		let j = i;
		while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
		out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
		i = j;
	}
	return out.join(", ");
}

function main() {
	const args = process.argv.slice(2);
	const jsonAt = args.indexOf("--json");
	const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
	if (Number(process.versions.node.split(".")[0]) < 22) {
		console.error(`coverage-table: Node 22 or later is needed (this is ${process.version}); see scripts/test-node-lts.sh for Node 24`);
		process.exit(2);
	}
	const files = collect(join("dist", "test", "unit"), []);
	const self = fileURLToPath(import.meta.url);
	const res = spawnSync(process.execPath, ["--test", "--test-concurrency=2", "--experimental-test-coverage", `--test-reporter=${pathToFileURL(self).href}`, ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
	const line = (res.stdout ?? "").split("\n").find((l) => l.startsWith("{"));
	if (!line) {
		console.error(`coverage-table: no coverage reported (exit ${res.status})\n${res.stderr ?? ""}`);
		process.exit(1);
	}
	const { rows, failures } = JSON.parse(line);
	const pct = ([c, t]) => (t === 0 ? 100 : (100 * c) / t);
	const fmt = (p) => `${pct(p).toFixed(1).padStart(5)} %`;
	rows.sort((a, b) => pct(a.lines) - pct(b.lines) || a.file.localeCompare(b.file));
	const shown = args.includes("--all") ? rows : rows.filter((r) => r.lines[0] < r.lines[1]);
	const width = Math.max(4, ...shown.map((r) => r.file.length));
	console.log(`${"file".padEnd(width)}  lines     branches  functions  uncovered lines`);
	for (const r of shown) console.log(`${r.file.padEnd(width)}  ${fmt(r.lines)}   ${fmt(r.branches)}   ${fmt(r.functions)}    ${r.lines[1] - r.lines[0]}`);
	const sum = (k) => rows.reduce((acc, r) => [acc[0] + r[k][0], acc[1] + r[k][1]], [0, 0]);
	console.log(`coverage: lines ${pct(sum("lines")).toFixed(1)} %, branches ${pct(sum("branches")).toFixed(1)} %, functions ${pct(sum("functions")).toFixed(1)} % (${rows.length} files under src/)`);
	const linesAt = args.indexOf("--lines");
	if (linesAt >= 0) {
		const want = args[linesAt + 1] ?? "";
		for (const r of rows.filter((x) => x.file.includes(want))) console.log(`${r.file} (dist/src/${r.file.replace(/\.ts$/, ".js")}): uncovered lines ${ranges(r.uncovered) || "none"}`);
	}
	for (const f of failures) console.log(`✖ unit test failed: ${relative(process.cwd(), f)}`);
	if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(rows.map(({ uncovered: _u, ...r }) => r), null, 1)}\n`);
	process.exit(failures.length > 0 || res.status !== 0 ? 1 : 0);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) main();
