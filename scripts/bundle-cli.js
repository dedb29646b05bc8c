#!/usr/bin/env node
// Bundles the CLI (src/cli.ts with commander) into dist/cli/: one ES module entry, oras-ts.js, and
// chunks that the lazily loaded commands import (esbuild code splitting), so `oras-ts pull` reads a
// handful of files instead of ~100 compiled modules. bin/oras-ts.js and bin/oras.js run it when it is
// at least as new as the tsc build (dist/.tsbuildinfo), else dist/src/cli.js. The library entry points
// stay the tsc output (dist/src); only the executable is bundled. Run by `npm run build` and by
// scripts/build-package.js (npm's prepare). Usage: node scripts/bundle-cli.js [--outdir DIR]
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--outdir");
const outdir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, "dist", "cli");

let esbuild;
try {
	esbuild = await import("esbuild");
} catch {
	// Without the devDependency the bins run dist/src/cli.js: slower to start, the same program.
	console.error("bundle-cli: esbuild is not installed; the bins will run dist/src/cli.js (unbundled)");
	process.exit(0);
}

// Files that src/ finds next to itself through import.meta.url. In the bundle, import.meta.url is the
// chunk in dist/cli/, so each reference is pointed at the tsc output in dist/src (shipped anyway).
// node-tar's lazy createRequire("tar") and the package.json lookup work from dist/cli/ as they are.
const srcDir = join(root, "dist", "src");
const REWRITES = [{ file: /[\\/]src[\\/]server[\\/]auth\.ts$/, from: '"./bcrypt-worker.js"', to: join(srcDir, "server", "bcrypt-worker.js") }];
const rewriteSiblings = {
	name: "rewrite-sibling-urls",
	setup(b) {
		for (const r of REWRITES) {
			b.onLoad({ filter: r.file }, async (args) => {
				const source = await readFile(args.path, "utf8");
				if (!source.includes(r.from)) throw new Error(`${args.path} no longer contains ${r.from}: update scripts/bundle-cli.js`);
				const rel = relative(outdir, r.to).split("\\").join("/");
				return { contents: source.replace(r.from, JSON.stringify(rel.startsWith(".") ? rel : `./${rel}`)), loader: "ts" };
			});
		}
	},
};

await rm(outdir, { recursive: true, force: true });
await esbuild.build({
	absWorkingDir: root,
	entryPoints: { "oras-ts": "src/cli.ts" },
	outdir,
	bundle: true,
	splitting: true,
	chunkNames: "chunk-[hash]",
	platform: "node",
	format: "esm",
	target: "node20",
	// commander is CommonJS and calls require() for Node's built-in modules.
	banner: { js: 'import { createRequire as __orasCreateRequire } from "node:module";\nconst require = __orasCreateRequire(import.meta.url);' },
	legalComments: "eof",
	charset: "utf8",
	logLevel: "warning",
	plugins: [rewriteSiblings],
});
