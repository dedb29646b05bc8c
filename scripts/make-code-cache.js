// Makes dist/cli/main.cjs.cache, V8's code cache of the bundled CLI, with the Node that runs it:
// `node scripts/make-code-cache.js <path of main.cjs>` writes `<path>.cache`. Run by
// scripts/bundle-cli.js after bundling, and by test/integration/cli-code-cache.test.ts for the Node
// the tests run on (a cache made by another Node version is rejected). main.cjs is compiled and run
// (help pages, then a push and a pull of one file to and from an OCI layout in a temp dir, so the
// functions they call are compiled too), then V8's cache of it is written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";

const [filename] = process.argv.slice(2);
if (filename === undefined) throw new Error("usage: node scripts/make-code-cache.js <path of main.cjs>");
// Checksummed, as the loader in scripts/bundle-cli.js reads it.
setFlagsFromString("--verify-snapshot-checksum");
const script = new vm.Script(readFileSync(filename, "latin1"), { filename });
const mod = { exports: {} };
script.runInThisContext().call(mod.exports, mod.exports, createRequire(filename), mod, filename, dirname(filename));
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const dir = mkdtempSync(join(tmpdir(), "oras-ts-bundle-"));
const io = { stdout: sink(), stderr: sink(), stdin: process.stdin, env: { HOME: dir }, cwd: dir };
writeFileSync(join(dir, "a.txt"), "a");
const layout = `${join(dir, "layout")}:v1`;
for (const argv of [["--help"], ["pull", "--help"], ["push", "--help"], ["cp", "--help"], ["push", "--oci-layout", layout, "a.txt"], ["pull", "--oci-layout", layout, "-o", "out"]]) {
	await mod.exports.run(argv, io);
}
writeFileSync(`${filename}.cache`, script.createCachedData());
rmSync(dir, { recursive: true, force: true });
