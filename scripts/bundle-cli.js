#!/usr/bin/env node
// Bundles the CLI (src/cli.ts with commander) into dist/cli/ as two ES modules: oras-ts.js, the entry
// (src/cli.ts and the `oras-ts version` fast path, a few KiB), and main.js, src/cli/main.ts with every
// command and everything they use in one file, which the entry imports for any other invocation.
// One file instead of code-split chunks: Node's ESM loader resolves, reads and links each module
// separately (~0.6 ms CPU a chunk; `oras-ts pull` read 28 of them), while V8 only pre-parses the
// functions a command never calls, and the lazily imported modules inside main.js are still evaluated
// only when imported (esbuild's lazy module wrappers). bin/oras-ts.js and bin/oras.js run it when it is
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

// An ES module bundle hoists every `import … from "node:…"` to the top of main.js, so any command
// (and `--help`) would load http, crypto, net… although the module that imports them is evaluated
// only when a command needs it (esbuild's lazy module wrappers). In src/ files, such an import becomes
// `const … = process.getBuiltinModule("node:…")` where the import stood: loaded with its module.
const NAMED_IMPORT = /^import \{([^}]*)\} from "(node:[^"]+)";$/gm;
const NAMESPACE_IMPORT = /^import \* as ([A-Za-z_$][\w$]*) from "(node:[^"]+)";$/gm;
function lazyBuiltins(source) {
	return source
		.replace(NAMESPACE_IMPORT, (_, name, mod) => `const ${name} = process.getBuiltinModule(${JSON.stringify(mod)});`)
		.replace(NAMED_IMPORT, (_, list, mod) => {
			const names = list
				.split(",")
				.map((x) => x.trim())
				.filter((x) => x !== "" && !x.startsWith("type "))
				.map((x) => x.replace(/^([\w$]+) as ([\w$]+)$/, "$1: $2"));
			return names.length === 0 ? "" : `const { ${names.join(", ")} } = process.getBuiltinModule(${JSON.stringify(mod)});`;
		});
}
const srcRewrites = {
	name: "src-rewrites",
	setup(b) {
		b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
			if (!args.path.startsWith(join(root, "src"))) return undefined;
			let source = await readFile(args.path, "utf8");
			for (const r of REWRITES.filter((x) => x.file.test(args.path))) {
				if (!source.includes(r.from)) throw new Error(`${args.path} no longer contains ${r.from}: update scripts/bundle-cli.js`);
				const rel = relative(outdir, r.to).split("\\").join("/");
				source = source.replace(r.from, JSON.stringify(rel.startsWith(".") ? rel : `./${rel}`));
			}
			return { contents: lazyBuiltins(source), loader: "ts" };
		});
	},
};

// commander requires node:child_process at load for executable subcommands, which oras-ts does not
// use: it is required on first use instead, so start-up does not load child_process (and dgram, net).
const CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
	name: "lazy-child-process",
	setup(b) {
		b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
			const source = await readFile(args.path, "utf8");
			if (!source.includes(CHILD_PROCESS)) throw new Error(`${args.path} no longer contains ${CHILD_PROCESS}: update scripts/bundle-cli.js`);
			return { contents: source.replace(CHILD_PROCESS, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: "js" };
		});
	},
};
// src/cli.ts imports ./cli/main.js: in the entry it stays an import of the separate main.js.
const mainExternal = {
	name: "main-external",
	setup(b) {
		b.onResolve({ filter: /^\.\/cli\/main\.js$/ }, () => ({ path: "./main.js", external: true }));
	},
};
const common = {
	absWorkingDir: root,
	outdir,
	bundle: true,
	platform: "node",
	format: "esm",
	target: "node20",
	// commander is CommonJS and calls require() for Node's built-in modules.
	banner: { js: 'import { createRequire as __orasCreateRequire } from "node:module";\nconst require = __orasCreateRequire(import.meta.url);' },
	legalComments: "eof",
	charset: "utf8",
	logLevel: "warning",
};

await rm(outdir, { recursive: true, force: true });
await esbuild.build({ ...common, entryPoints: { main: "src/cli/main.ts" }, plugins: [srcRewrites, lazyChildProcess] });
// The entry keeps its lazy `version` import as a small chunk of its own (splitting).
await esbuild.build({ ...common, entryPoints: { "oras-ts": "src/cli.ts" }, splitting: true, chunkNames: "chunk-[hash]", plugins: [mainExternal] });
