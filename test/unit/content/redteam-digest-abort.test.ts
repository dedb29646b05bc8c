/** An abort while a pushed file is digested is ABORTED, whatever reason the signal carries (the CLI's is an Error). */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { digestFile } from "../../../src/content/file/pack.js";
import { FileStore } from "../../../src/content/file/store.js";
import { OrasError } from "../../../src/errors.js";

describe("redteam: digesting a file under an aborted signal", () => {
	it("fails with ABORTED, not the signal's reason", async (t) => {
		const dir = await mkdtemp(join(tmpdir(), "oras-ts-digest-abort-"));
		t.after(() => rm(dir, { recursive: true, force: true }));
		await writeFile(join(dir, "big.bin"), Buffer.alloc(2 * 1024 * 1024, 7));
		const ac = new AbortController();
		ac.abort(new Error("interrupted"));
		const aborted = (e: unknown) => OrasError.is(e) && e.code === "ABORTED";
		await assert.rejects(digestFile(join(dir, "big.bin"), ac.signal), aborted);
		const store = new FileStore(dir);
		t.after(() => store.close());
		await assert.rejects(store.add("big.bin", "", "", { signal: ac.signal }), aborted);
	});
});
