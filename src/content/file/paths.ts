/**
 * Where a named file may be written: the path-traversal guard of the file store. The checks
 * are synchronous: a few `realpath` calls take microseconds on a local disk, far less than
 * a hand-off to libuv's thread pool, and a pull runs them once per file.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { OrasError } from "../../errors.js";
import { isNotFound } from "../internal/fsutil.js";

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
			return join(realpathSync.native(cur), ...rest);
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

/**
 * The absolute path a name is written to. Relative names resolve against the working
 * directory, absolute names stay absolute. Unless traversal is allowed the path must stay
 * inside the working directory, lexically and after resolving symlinks of its deepest
 * existing ancestor.
 */
export function resolveWritePath(workingDir: string, name: string, allowPathTraversal: boolean): string {
	const target = isAbsolute(name) ? resolve(name) : resolve(workingDir, name);
	const base = resolve(workingDir);
	if (target === base || target === dirname(target)) {
		throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(name)}: invalid file name`);
	}
	if (allowPathTraversal) return target;
	if (escapes(relative(base, target))) throw traversal(name);
	const realBase = realpathLenient(base);
	const realParent = realpathLenient(dirname(target));
	const rel = relative(realBase, join(realParent, basename(target)));
	if (rel === "" || escapes(rel)) throw traversal(name);
	return target;
}
