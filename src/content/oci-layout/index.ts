import { open, stat } from "node:fs/promises";
import { OrasError } from "../../errors.js";
import { isNotFound } from "../internal/fsutil.js";
import { ReadOnlyOciLayout } from "./readonly.js";
import { OciLayoutStore, type OciLayoutStoreOptions } from "./store.js";

export { BLOBS_DIR, blobPath, INDEX_FILE, INGEST_DIR, LAYOUT_FILE, LAYOUT_FILE_CONTENT, LAYOUT_VERSION } from "./core.js";
export { ReadOnlyOciLayout } from "./readonly.js";
export { OciLayoutStore, type OciLayoutStoreOptions } from "./store.js";
export { type WriteLayoutTarOptions, writeOciLayoutTar } from "./tar.js";

export interface OpenOciLayoutOptions extends OciLayoutStoreOptions {
	/** Open without creating or writing anything; required for tar archives. */
	readonly readOnly?: boolean;
}

/** True when the file looks like a tar archive: `.tar` name or `ustar` magic at offset 257. */
export async function isTarFile(path: string): Promise<boolean> {
	if (path.toLowerCase().endsWith(".tar")) return true;
	const fh = await open(path, "r");
	try {
		const buf = Buffer.alloc(5);
		const { bytesRead } = await fh.read(buf, 0, 5, 257);
		return bytesRead === 5 && buf.toString("latin1") === "ustar";
	} finally {
		await fh.close();
	}
}

/**
 * Opens an OCI layout: a regular file is an uncompressed tar archive (read only);
 * a directory is opened read only or as a writable store (created when missing).
 */
export async function openOciLayout(path: string, opts: OpenOciLayoutOptions & { readOnly: true }): Promise<ReadOnlyOciLayout>;
export async function openOciLayout(path: string, opts?: OpenOciLayoutOptions & { readOnly?: false }): Promise<OciLayoutStore>;
export async function openOciLayout(path: string, opts?: OpenOciLayoutOptions): Promise<OciLayoutStore | ReadOnlyOciLayout>;
export async function openOciLayout(path: string, opts: OpenOciLayoutOptions = {}): Promise<OciLayoutStore | ReadOnlyOciLayout> {
	let isFile = false;
	try {
		const st = await stat(path);
		isFile = st.isFile();
		if (!isFile && !st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${path}: not a directory or tar file`);
	} catch (err) {
		if (!isNotFound(err)) throw err;
		if (opts.readOnly) throw new OrasError("NOT_FOUND", `${path}: OCI layout not found`, { cause: err });
	}
	if (isFile) {
		if (!opts.readOnly) throw new OrasError("UNSUPPORTED", `${path}: an OCI layout tar archive can only be read`);
		if (!(await isTarFile(path))) throw new OrasError("INVALID_ARGUMENT", `${path}: not a tar archive`);
		return ReadOnlyOciLayout.fromTar(path);
	}
	if (opts.readOnly) return ReadOnlyOciLayout.fromDirectory(path);
	return OciLayoutStore.open(path, opts);
}
