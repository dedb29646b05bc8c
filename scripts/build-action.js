#!/usr/bin/env node
// Bundles the GitHub Action (action/src/main.ts with the CLI, commander and node-tar) into one
// ES module, action/dist/index.mjs, committed so the runner needs no `npm install`.
// Usage: node scripts/build-action.js [--outfile PATH]   (the test rebuilds into a temp file and compares)
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--outfile");
const outfile = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : join(root, "action", "dist", "index.mjs");

// src/content/internal/tar-lib.ts loads node-tar lazily through createRequire, which a bundler cannot
// see; in the bundle it becomes a plain require("tar") so node-tar is bundled (and still loads lazily).
const LAZY_TAR = 'createRequire(import.meta.url)("tar")';
const bundleTar = {
	name: "bundle-lazy-tar",
	setup(b) {
		b.onLoad({ filter: /[\\/]src[\\/]content[\\/]internal[\\/]tar-lib\.ts$/ }, async (args) => {
			const source = await readFile(args.path, "utf8");
			if (!source.includes(LAZY_TAR)) throw new Error(`${args.path} no longer contains ${LAZY_TAR}: update scripts/build-action.js`);
			return { contents: source.replace(LAZY_TAR, 'require("tar")'), loader: "ts" };
		});
	},
};

await build({
	absWorkingDir: root,
	entryPoints: ["action/src/main.ts"],
	outfile,
	bundle: true,
	platform: "node",
	format: "esm",
	target: "node20",
	// The CommonJS dependencies (commander, node-tar) call require() for Node's built-in modules.
	banner: { js: 'import { createRequire as __orasCreateRequire } from "node:module";\nconst require = __orasCreateRequire(import.meta.url);' },
	legalComments: "eof",
	charset: "utf8",
	logLevel: "warning",
	plugins: [bundleTar],
});
