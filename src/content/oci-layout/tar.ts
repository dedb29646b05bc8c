/** Writes a layout directory out as a plain uncompressed tar (for `backup x.tar`). */
import { rename, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { normalizeAbort } from "../../errors.js";
import { randomSuffix, unlinkQuiet, withWriteStream } from "../internal/fsutil.js";
import { HashingStream } from "../internal/hashing.js";
import { tarTree } from "../internal/tar-writer.js";
import { BLOBS_DIR, INDEX_FILE, LAYOUT_FILE } from "./core.js";

export interface WriteLayoutTarOptions {
	readonly signal?: AbortSignal | undefined;
}

/**
 * Archives `oci-layout`, `index.json` and `blobs/` of a layout directory with root-relative
 * names (directories end with `/`); `ingest/` and anything else is left out. The archive
 * is written to a temp file next to `tarPath` and renamed into place. Returns its size.
 */
export async function writeOciLayoutTar(layoutDir: string, tarPath: string, opts: WriteLayoutTarOptions = {}): Promise<{ size: number }> {
	await stat(join(layoutDir, LAYOUT_FILE));
	await stat(join(layoutDir, INDEX_FILE));
	const tmp = join(dirname(tarPath), `.${basename(tarPath)}.${randomSuffix()}.tmp`);
	const counter = new HashingStream();
	const top = new Set([LAYOUT_FILE, INDEX_FILE, BLOBS_DIR]);
	const signal = opts.signal;
	try {
		const tree = tarTree(layoutDir, {
			prefix: "",
			dirSlash: true,
			include: (rel) => top.has(rel.split("/")[0] as string),
			signal,
		});
		await withWriteStream(tmp, { flags: "wx", mode: 0o644 }, (ws) => pipeline(tree, counter, ws, signal ? { signal } : {}));
		await rename(tmp, tarPath);
	} catch (err) {
		await unlinkQuiet(tmp);
		throw normalizeAbort(err);
	}
	return { size: counter.size };
}
