#!/usr/bin/env node
// The published build, run by npm's `prepare` (npm ci/install in a checkout, npm pack, npm install <git url>):
// compiles src/ alone into a fresh dist/src with declarations and without source maps (the sources are not
// shipped, so maps would point nowhere), then bundles the CLI into dist/cli (scripts/bundle-cli.js). `npm run build`
// later rebuilds dist/ with maps for development.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let tsc;
try {
	tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
} catch {
	console.error("error: typescript is not installed; run `npm install` (with devDependencies) before building oras-ts");
	process.exit(1);
}
rmSync(join(root, "dist", "src"), { recursive: true, force: true });
// The development build's incremental state no longer matches dist/src: drop it so `npm run build` re-emits.
rmSync(join(root, "dist", ".tsbuildinfo"), { force: true });
const res = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
if (res.status !== 0) process.exit(res.status ?? 1);
// The bins run this bundle of the CLI (faster start-up); the library entry points stay the tsc output above.
const bundle = spawnSync(process.execPath, [join(root, "scripts", "bundle-cli.js")], { stdio: "inherit", cwd: root });
process.exit(bundle.status ?? 1);
