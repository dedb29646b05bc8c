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
process.getBuiltinModule("node:v8").setFlagsFromString("--semi-space-growth-factor=1");

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
