#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, scripts/bundle-cli.js) unless a tsc build is newer than it, then dist/src/cli.js.
import { statSync } from "node:fs";

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime("../dist/cli/oras-ts.js");
await import(bundled >= 0 && bundled >= mtime("../dist/.tsbuildinfo") ? "../dist/cli/oras-ts.js" : "../dist/src/cli.js");
