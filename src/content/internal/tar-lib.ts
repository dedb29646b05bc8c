/**
 * node-tar, loaded on first use (synchronously, through its CommonJS build): most commands
 * never read or write a tar archive, and loading it costs ~30 ms of every start-up.
 */
import { createRequire } from "node:module";

type TarLib = typeof import("tar");

let lib: TarLib | undefined;

export function tarLib(): TarLib {
	lib ??= createRequire(import.meta.url)("tar") as TarLib;
	return lib;
}
