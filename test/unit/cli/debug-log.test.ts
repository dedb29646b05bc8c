/** The `--debug` log entry format (oras's internal/trace TextFormatter) and its timestamps. */
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { rfc3339Nano, stderrLogger } from "../../../src/cli/options/remote.js";
import type { CliIO } from "../../../src/cli/io.js";

describe("--debug log entries", () => {
	it("formats time as Go's RFC3339Nano: fraction without trailing zeros, Z or the local offset", () => {
		process.env.TZ = "UTC";
		assert.equal(rfc3339Nano(new Date(Date.UTC(2026, 10, 30, 9, 5, 7, 120))), "2026-11-30T09:05:07.12Z");
		assert.equal(rfc3339Nano(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 0))), "2026-01-02T03:04:05Z");
		assert.equal(rfc3339Nano(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 7))), "2026-01-02T03:04:05.007Z");
		process.env.TZ = "Asia/Kolkata";
		assert.equal(rfc3339Nano(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 500))), "2026-01-02T08:34:05.5+05:30");
		process.env.TZ = "America/New_York";
		assert.equal(rfc3339Nano(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 0))), "2026-01-01T22:04:05-05:00");
		process.env.TZ = "UTC";
	});

	it("writes `[time][DEBUG]: message` and two empty lines, escapes control characters, and nothing without --debug", () => {
		const make = (): { io: CliIO; text: () => string } => {
			const err = new PassThrough();
			let text = "";
			err.on("data", (b: Buffer) => (text += b.toString()));
			const io = { stdout: new PassThrough(), stderr: err, stdin: new PassThrough(), env: {}, cwd: "/" } as unknown as CliIO;
			return { io, text: () => text };
		};
		const on = make();
		const at = new Date(Date.UTC(2026, 10, 30, 9, 5, 7, 0));
		process.env.TZ = "UTC";
		stderrLogger(on.io, true, () => at).debug("--> Request #0\n> Request URL: \"x\u001b[31m\"");
		assert.equal(on.text(), '[2026-11-30T09:05:07Z][DEBUG]: --> Request #0\n> Request URL: "x\\x1b[31m"\n\n\n');
		const off = make();
		stderrLogger(off.io, false).debug("secret-free but hidden");
		assert.equal(off.text(), "");
	});
});
