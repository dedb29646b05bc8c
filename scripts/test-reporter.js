// The test runner's reporter for `npm test`: Node's spec reporter, plus one summary line of the
// coverage of src/ (the compiled library and CLI under dist/src/; tests and benchmarks are not
// counted) when the runner collects coverage (--experimental-test-coverage). The per-file coverage
// table is left out, and the summary line comes before the runner's closing counts (`ℹ tests N`,
// `ℹ pass N`, `ℹ fail N`, …), which stay the last lines of the output.
import { sep } from "node:path";
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
