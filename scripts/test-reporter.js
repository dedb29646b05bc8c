// The test runner's reporter for `npm test`: Node's spec reporter, plus one summary line of the
// coverage of src/ (the compiled library and CLI under dist/src/; tests and benchmarks are not
// counted) when the runner collects coverage (--experimental-test-coverage). The per-file coverage
// table is left out, and the summary line comes before the runner's closing counts (`ℹ tests N`,
// `ℹ pass N`, `ℹ fail N`, …), which stay the last lines of the output. With
// ORAS_TS_TEST_REPORT=coverage-only it prints the summary line and the failed tests only
// (scripts/run-tests.js: the coverage pass before a full run).
import { relative, sep } from "node:path";
import { Readable } from "node:stream";
import { spec } from "node:test/reporters";

const CLOSING = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \S+$/;
const SRC = `${sep}dist${sep}src${sep}`;

/** `coverage: lines X %, branches Y %, functions Z %` over the files under dist/src/. */
export function coverageLine(files) {
	const sum = { lines: [0, 0], branches: [0, 0], functions: [0, 0] };
	for (const f of files) {
		if (!f.path.includes(SRC)) continue;
		sum.lines[0] += f.coveredLineCount;
		sum.lines[1] += f.totalLineCount;
		sum.branches[0] += f.coveredBranchCount;
		sum.branches[1] += f.totalBranchCount;
		sum.functions[0] += f.coveredFunctionCount;
		sum.functions[1] += f.totalFunctionCount;
	}
	const pct = ([covered, total]) => (total === 0 ? "n/a" : ((100 * covered) / total).toFixed(1));
	return `coverage: lines ${pct(sum.lines)} %, branches ${pct(sum.branches)} %, functions ${pct(sum.functions)} %`;
}

export default async function* reporter(source) {
	if (process.env.ORAS_TS_TEST_REPORT === "coverage-only") {
		yield* coverageOnly(source);
		return;
	}
	const closing = [];
	let coverage;
	async function* events() {
		for await (const event of source) {
			if (event.type === "test:coverage") {
				coverage = event.data.summary;
				continue;
			}
			if (event.type === "test:diagnostic" && event.data.nesting === 0 && CLOSING.test(event.data.message)) {
				closing.push(event);
				continue;
			}
			yield event;
		}
		if (coverage) yield { type: "test:diagnostic", data: { nesting: 0, message: coverageLine(coverage.files) } };
		yield* closing;
	}
	yield* Readable.from(events()).pipe(new spec());
}

async function* coverageOnly(source) {
	const failures = [];
	let coverage;
	for await (const event of source) {
		if (event.type === "test:coverage") coverage = event.data.summary;
		else if (event.type === "test:fail" && event.data.details?.type !== "suite") failures.push(`${relative(process.cwd(), event.data.file ?? "")}: ${event.data.name}: ${String(event.data.details?.error?.message ?? "failed").split("\n")[0]}`);
	}
	for (const f of failures) yield `✖ unit test failed in the coverage run: ${f}\n`;
	yield `ℹ ${coverage ? coverageLine(coverage.files) : "coverage: not reported"} (unit tests)\n`;
}
