/** The `oras-ts` executable. */
import { run } from "./cli/main.js";
import { processIO } from "./cli/io.js";

const ac = new AbortController();
let interrupted = false;
process.on("SIGINT", () => {
	if (interrupted) process.exit(130);
	interrupted = true;
	ac.abort(new Error("interrupted"));
});
const code = await run(process.argv.slice(2), processIO(ac.signal));
process.exitCode = interrupted ? 130 : code;
