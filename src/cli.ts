/** The `oras-ts` executable. */
import { processIO } from "./cli/io.js";

// Fast path: a bare `oras-ts version` prints without loading commander or the command table.
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === "version") {
	const { versionLines } = await import("./cli/commands/version.js");
	await new Promise<void>((done) => process.stdout.write(`${versionLines().join("\n")}\n`, () => done()));
	process.exit(0);
}
const { run } = await import("./cli/main.js");
// A command is a short run that makes many small, short-lived objects per request (a pull or push of
// 500 files: ~75 KiB each): V8 would double its young generation three times over the run (2 → 16 MiB).
// Left at its first size, the peak RSS of those runs is ~10 MiB lower for the same CPU time (measured,
// see the performance notes). Set after main.cjs is compiled (its V8 code cache is checked against the
// flags). `serve` too: its requests make short-lived objects the same way (a 1 GiB blob GET peaked at
// 67 → 62 MiB; 500 small pulls from it 70 → 64.5 MiB with slightly less CPU, 5 interleaved runs).
const v8 = process.getBuiltinModule("node:v8");
v8.setFlagsFromString("--semi-space-growth-factor=1");
// A command runs for seconds: most of its code runs a few hundred times (once per blob or request),
// and optimizing it costs more (compiler threads, their memory) than it saves. With 7× V8's default
// budget before a function is optimized (67,584), only the hot loops of big transfers still are:
// a push of 500 × 4 KiB peaked at 65 → 60 MiB with ~10 % less CPU, a pull of them 61 → 57 MiB, and
// the 1 GiB transfers were unchanged in time and 2–4 MiB smaller (interleaved runs, see the
// performance notes). Set after main.cjs is compiled, as above; not for `serve`, a long-lived process.
// Only on V8 11 (Node 20), where it was measured: V8 13 (Node 24) has no such flag (it tiers up by
// invocation counts) and would print an error for it.
if (argv[0] !== "serve" && process.versions.v8.startsWith("11.")) v8.setFlagsFromString("--interrupt-budget=500000");

const ac = new AbortController();
let interrupted = false;
const interrupt = (signal: NodeJS.Signals) => {
	if (interrupted) process.exit(130);
	interrupted = true;
	// `serve` stops cleanly on a signal; any other command was cut short.
	if (process.argv[2] !== "serve") process.exitCode = signal === "SIGINT" ? 130 : 143;
	ac.abort(new Error("interrupted"));
};
process.on("SIGINT", interrupt);
// `oras-ts ... | head`: a closed pipe ends the output quietly, as Go programs do.
for (const stream of [process.stdout, process.stderr]) {
	stream.on("error", (err: NodeJS.ErrnoException) => {
		if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
		throw err;
	});
}
process.on("SIGTERM", interrupt);
const code = await run(process.argv.slice(2), processIO(ac.signal));
if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
