/** An abort while a pushed file is digested, or a lent blob written, is ABORTED whatever reason the signal carries (the CLI's is an Error). */
import assert from "node:assert/strict";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { digestFile } from "../../../src/content/file/pack.js";
import { FileStore } from "../../../src/content/file/store.js";
import { writeLent } from "../../../src/content/ingest.js";
import { LEND_CHUNKS } from "../../../src/content/storage.js";
import { Digester, parseDigest } from "../../../src/oci/digest.js";
import { Readable } from "node:stream";
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

describe("redteam: writing a lent blob under an aborted signal", () => {
	for (const when of ["before", "during"] as const) {
		it(`fails with ABORTED, not the signal's reason (aborted ${when} the transfer)`, async (t) => {
			const dir = await mkdtemp(join(tmpdir(), "oras-ts-lent-abort-"));
			t.after(() => rm(dir, { recursive: true, force: true }));
			const fh = await open(join(dir, "blob"), "w+");
			t.after(() => fh.close());
			// A body that lends one chunk and then waits for more, until it is closed.
			const body = new Readable({ read() {} });
			let closed!: (err: Error) => void;
			const done = new Promise<void>((_resolve, reject) => {
				closed = reject;
			});
			done.catch(() => undefined);
			body.once("close", () => closed(new Error("the body was closed")));
			Object.defineProperty(body, LEND_CHUNKS, {
				value: (sink: (c: Uint8Array) => void) => {
					sink(Buffer.from("abc"));
					return done;
				},
			});
			const ac = new AbortController();
			if (when === "before") ac.abort(new Error("interrupted"));
			else setTimeout(() => ac.abort(new Error("interrupted")), 20);
			const desc = { mediaType: "application/octet-stream", digest: parseDigest(`sha256:${"0".repeat(64)}`), size: 10 };
			await assert.rejects(writeLent(body, fh, 0, desc, new Digester("sha256"), ac.signal), (e: unknown) => OrasError.is(e) && e.code === "ABORTED");
			assert.ok(body.destroyed);
		});
	}
});
