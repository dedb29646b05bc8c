import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { DigestFinder, LineTap, MAX_MATCHED_LINE } from "../../../action/src/output.js";

const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;

function find(text: string): string | undefined {
	const f = new DigestFinder();
	for (const line of text.split("\n")) f.line(line);
	return f.result();
}

describe("action output reading", () => {
	it("finds the last Digest: line, the top-level JSON digest, or a lone bare digest", () => {
		assert.equal(find(`Uploaded x\nDigest: ${D1}\nDigest: ${D2}\n`), D2);
		assert.equal(find(`{\n  "reference": "r@${D1}",\n  "digest": "${D1}",\n  "layers": [\n    {\n      "digest": "${D2}"\n    }\n  ]\n}`), D1);
		assert.equal(find(`${D2}\n`), D2);
		assert.equal(find(`${D1}\n${D2}\n`), undefined, "two bare lines are a listing, not a result");
		assert.equal(find("Digest: sha256:short\n"), undefined);
		assert.equal(find("    \"digest\": \"" + D1 + "\"\n"), undefined, "nested JSON digests are not the result");
	});

	it("forwards every byte and keeps at most MAX_MATCHED_LINE characters of a line however long it is", async () => {
		const sink = new PassThrough();
		const received: Buffer[] = [];
		sink.on("data", (b: Buffer) => received.push(b));
		const lines: string[] = [];
		const tap = new LineTap(sink, (l) => lines.push(l));
		const chunk = Buffer.alloc(64 * 1024, "x");
		let sent = 0;
		for (let i = 0; i < 64; i++) {
			tap.write(chunk);
			sent += chunk.length;
		}
		tap.write(`\nDigest: ${D1}\npartial tail`);
		await new Promise<void>((done) => tap.end(done));
		assert.equal(Buffer.concat(received).length, sent + `\nDigest: ${D1}\npartial tail`.length);
		assert.deepEqual(
			lines.map((l) => l.length),
			[MAX_MATCHED_LINE, `Digest: ${D1}`.length, "partial tail".length],
		);
		const f = new DigestFinder();
		for (const l of lines) f.line(l);
		assert.equal(f.result(), D1);
	});
});
