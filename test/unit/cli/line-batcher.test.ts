import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { LineBatcher } from "../../../src/cli/display/printer.js";

function sink(): { out: Writable; writes: string[] } {
	const writes: string[] = [];
	const out = new Writable({
		write(chunk: Buffer, _enc, cb) {
			writes.push(chunk.toString());
			cb();
		},
	});
	return { out, writes };
}

describe("LineBatcher", () => {
	it("writes many lines in batches of at most about 64 KiB, in order, nothing lost", () => {
		const { out, writes } = sink();
		const lines = new LineBatcher(out);
		for (let i = 0; i < 100_000; i++) lines.line(`tag-${i}`);
		lines.flush();
		const all = writes.join("");
		assert.equal(all, `${Array.from({ length: 100_000 }, (_, i) => `tag-${i}`).join("\n")}\n`);
		assert.ok(writes.length < 100, `${writes.length} writes`);
		for (const w of writes) assert.ok(w.length < 64 * 1024 + 64, `a write of ${w.length} bytes`);
	});

	it("flush writes what is pending, and nothing when nothing is", () => {
		const { out, writes } = sink();
		const lines = new LineBatcher(out);
		lines.flush();
		assert.deepEqual(writes, []);
		lines.line("a");
		lines.flush();
		lines.flush();
		assert.deepEqual(writes, ["a\n"]);
	});
});
