/** The extract size limit of directory layers (src/content/file/unpack.ts) against a gzip bomb. */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { extractTarGzip } from "../../../src/content/file/index.js";
import { defaultExtractLimit, EXTRACT_SIZE_BASE, EXTRACT_SIZE_RATIO } from "../../../src/content/file/unpack.js";
import { hasCode } from "../../../src/errors.js";
import { parseDigest } from "../../../src/oci/digest.js";
import { gzipBomb } from "../../integration/fixtures/hostile-round2.js";

const base = await mkdtemp(join(tmpdir(), "oras-ts-extract-limit-"));
after(() => rm(base, { recursive: true, force: true }));

describe("extract size limit", () => {
	it("a 64 MiB bomb (about 64 KiB gzipped) under a 1 MiB limit fails with SIZE_EXCEEDS_LIMIT having written at most the limit", async () => {
		const bomb = await gzipBomb("bomb", 64 * 1024 * 1024);
		assert.ok(bomb.gz.length < 256 * 1024, `${bomb.gz.length} bytes gzipped`);
		const gz = join(base, "bomb.tar.gz");
		await writeFile(gz, bomb.gz);
		const dest = join(base, "dest");
		await mkdir(dest, { mode: 0o777 });
		await assert.rejects(
			extractTarGzip(gz, dest, "bomb", parseDigest(bomb.tarDigest), { maxSize: 1024 * 1024 }),
			(err: unknown) => hasCode(err, "SIZE_EXCEEDS_LIMIT") && /expands to more than 1048576 bytes \(extract size limit\)/.test((err as Error).message),
		);
		const written = await stat(join(dest, "zeros")).then((st) => st.size, () => 0);
		assert.ok(written <= 1024 * 1024, `${written} bytes written`);
		// the same archive extracts with the bound off (0) or above its size
		for (const [i, maxSize] of [0, 65 * 1024 * 1024].entries()) {
			const ok = join(base, `ok-${i}`);
			await mkdir(ok, { mode: 0o777 });
			await extractTarGzip(gz, ok, "bomb", parseDigest(bomb.tarDigest), { maxSize });
			assert.deepEqual(await readdir(ok), ["zeros"]);
			await rm(ok, { recursive: true });
		}
	});

	it("the default is 1 GiB + 100 × the compressed size: generous for real archives, below a gzip bomb's 1000:1", () => {
		assert.equal(EXTRACT_SIZE_BASE, 1024 ** 3);
		assert.equal(EXTRACT_SIZE_RATIO, 100);
		assert.equal(defaultExtractLimit(0), 1024 ** 3);
		// 10 MiB gzipped expands to at most 2 GiB (a 10:1 archive of 100 MiB is far below it; a 1000:1 bomb of 10 GiB above)
		assert.equal(defaultExtractLimit(10 * 1024 * 1024), 1024 ** 3 + 1000 * 1024 * 1024);
	});
});
