/**
 * Where a named file may be written: the path-traversal guard of the file store. The checks
 * are synchronous: a few `realpath` calls take microseconds on a local disk, far less than
 * a hand-off to libuv's thread pool, and a pull runs them once per file — and again right
 * before each open and rename (`checkWritePath`), so a symlink that appeared in between
 * (e.g. from a directory layer) is seen.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { OrasError } from "../../errors.js";
import { isNotFound } from "../internal/fsutil.js";
import { INGEST_DIR_NAME } from "../ingest.js";

/** True when `rel` (a result of path.relative) leaves its base. */
export function escapes(rel: string): boolean {
	return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** Resolves symlinks of the deepest existing ancestor; the missing tail is appended as is. */
export function realpathLenient(p: string): string {
	const rest: string[] = [];
	let cur = p;
	for (let i = 0; i < 4096; i++) {
		try {
			const real = realpathSync.native(cur);
			// realpath's answer is absolute and normal already: join only matters for a missing tail.
			return rest.length === 0 ? real : join(real, ...rest);
		} catch (err) {
			if (!isNotFound(err)) throw err;
			const parent = dirname(cur);
			if (parent === cur) return p;
			rest.unshift(basename(cur));
			cur = parent;
		}
	}
	return p;
}

export function traversal(name: string): OrasError {
	return new OrasError("PATH_TRAVERSAL", `${name}: path traversal disallowed`);
}

/** True when `rel` (relative to the working directory) is or lies in the reserved ingest directory. */
function inIngestDir(rel: string): boolean {
	const end = rel.indexOf(sep);
	const first = end < 0 ? rel : rel.slice(0, end);
	// Compared case-insensitively: on a case-insensitive file system `.ORAS-TS-INGEST` is the same directory.
	return first.length === INGEST_DIR_NAME.length && first.toLowerCase() === INGEST_DIR_NAME;
}

function reserved(name: string): OrasError {
	return new OrasError("INVALID_ARGUMENT", `${JSON.stringify(name)}: ${INGEST_DIR_NAME} is reserved for partial downloads and cannot be written to`);
}

/**
 * Checks, against the file system as it is now, that `target` (an absolute path below
 * `workingDir`) stays inside the working directory after resolving the symlinks of its
 * deepest existing ancestor, and is not in the reserved ingest directory. The final
 * component itself is not followed: it is replaced (rename) or created exclusively.
 */
export function checkWritePath(workingDir: string, target: string, name: string): void {
	checkWritePathIn(resolve(workingDir), target, name);
}

/** `checkWritePath` for a working directory that is absolute and normal already (`path.resolve`'s result). */
export function checkWritePathIn(base: string, target: string, name: string): void {
	const parent = dirname(target);
	const leaf = basename(target);
	// A file directly in the working directory (the common case): the path relative to it is the file
	// name itself, wherever the working directory resolves to (the last component is never followed),
	// so nothing is resolved. Deeper, the parent's symlinks are resolved and compared with the working
	// directory's.
	let rel: string;
	if (parent === base && leaf !== "" && leaf !== "." && leaf !== "..") rel = leaf;
	else {
		const realBase = realpathLenient(base);
		rel = relative(realBase, join(parent === base ? realBase : realpathLenient(parent), leaf));
	}
	if (rel === "" || escapes(rel)) throw traversal(name);
	if (inIngestDir(rel)) throw reserved(name);
}

/**
 * The absolute path a name is written to. Relative names resolve against the working
 * directory, absolute names stay absolute. Unless traversal is allowed the path must stay
 * inside the working directory, lexically and after resolving symlinks of its deepest
 * existing ancestor. The ingest directory (`.oras-ts-ingest`) is never a destination.
 */
export function resolveWritePath(workingDir: string, name: string, allowPathTraversal: boolean): string {
	return resolveWritePathIn(resolve(workingDir), name, allowPathTraversal);
}

/** One path component that `path.resolve(base, name)` appends as it is. */
function isPlainName(name: string): boolean {
	return name !== "" && name !== "." && name !== ".." && !name.includes(sep) && !name.includes("/") && (sep === "/" || !name.includes(":"));
}

/** `resolveWritePath` for a working directory that is absolute and normal already (`path.resolve`'s result). */
export function resolveWritePathIn(base: string, name: string, allowPathTraversal: boolean): string {
	if (isPlainName(name)) {
		// A plain file name (most titles): the target is the name in the working directory, which is
		// what resolve and relative give, without their string work.
		if (inIngestDir(name)) throw reserved(name);
		const target = base.endsWith(sep) ? `${base}${name}` : `${base}${sep}${name}`;
		if (!allowPathTraversal) checkWritePathIn(base, target, name);
		return target;
	}
	const target = isAbsolute(name) ? resolve(name) : resolve(base, name);
	if (target === base || target === dirname(target)) {
		throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(name)}: invalid file name`);
	}
	const rel = relative(base, target);
	if (!escapes(rel) && inIngestDir(rel)) throw reserved(name);
	if (allowPathTraversal) return target;
	if (escapes(rel)) throw traversal(name);
	checkWritePathIn(base, target, name);
	return target;
}
