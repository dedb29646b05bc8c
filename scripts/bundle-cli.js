#!/usr/bin/env node
// Bundles the CLI (src/cli.ts with commander) into dist/cli/:
// - oras-ts.js: the entry (src/cli.ts and the `oras-ts version` fast path, a few KiB);
// - main.cjs: src/cli/main.ts with every command and everything they use in one CommonJS function (ASCII), which the
//   entry compiles with vm.Script and V8's code cache (main.cjs.cache, made here after rendering help
//   pages and a push and a pull to and from an OCI layout). Node 20 has no code cache for ES modules: compiling the ~800 KiB took ~16-20 ms of
//   every run, and the ~30 code-split chunks of an ES module bundle cost ~0.6 ms each in the loader.
//   The modules inside main.cjs are evaluated (and built-ins required) only when a command imports
//   them (esbuild's lazy module wrappers). A cache V8 rejects (another Node version or V8 flags) is
//   ignored: main.cjs is then compiled as usual. ORAS_TS_DEBUG_CODE_CACHE=1 prints `code cache:
//   accepted|rejected|absent` to stderr (test/integration/cli-code-cache.test.ts).
// bin/oras-ts.js and bin/oras.js run it when it is at least as new as the tsc build (dist/.tsbuildinfo),
// else dist/src/cli.js. The library entry points stay the tsc output (dist/src); only the executable is
// bundled. Run by `npm run build` and by scripts/build-package.js (npm's prepare).
// Usage: node scripts/bundle-cli.js [--outdir DIR]
import { spawnSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
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

// manifest.ts imports manifest-index.js through a constant (loaded only when used): spelled out here so
// that it is bundled too (from dist/cli/ the relative name would find nothing).
const INDEX_IMPORT = { file: /[\\/]src[\\/]cli[\\/]commands[\\/]manifest\.ts$/, from: "await import(INDEX_MODULE)", to: 'await import("./manifest-index.js")' };
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
			if (INDEX_IMPORT.file.test(args.path)) {
				if (!source.includes(INDEX_IMPORT.from)) throw new Error(`${args.path} no longer contains ${INDEX_IMPORT.from}: update scripts/bundle-cli.js`);
				source = source.replace(INDEX_IMPORT.from, INDEX_IMPORT.to);
			}
			return { contents: source, loader: "ts" };
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
// main.cjs is esbuild's output written inside this function (strict, as the ES modules it is made of),
// so the loader compiles the file's text as it is read: no concatenated copy of ~850 KB to flatten.
// It is ASCII (esbuild's charset "ascii" escapes the rest), read as latin1: a one-byte V8 string, not
// the two-byte string (twice the heap) that a single "…" in the source makes of a UTF-8 read.
const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {"use strict";';
const WRAP_TAIL = "\n})";
// The entry's `import("./cli/main.js")`: compiles main.cjs with its code cache and exports `run`.
const LOADER = `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
const filename = fileURLToPath(new URL("./main.cjs", import.meta.url));
let cachedData;
try {
	cachedData = readFileSync(filename + ".cache");
} catch {
	cachedData = undefined;
}
// V8 checks a code cache's version, source and flags, but in release builds not its bytes: a damaged
// cache of the right length crashed the process (a fatal error in V8's deserializer). With this flag
// on while the cache is made and while it is read, V8 checksums it and rejects a damaged one. Off
// again after: it is part of the flags a cache is checked against, and nothing else needs it.
const v8 = process.getBuiltinModule("node:v8");
v8.setFlagsFromString("--verify-snapshot-checksum");
const script = new vm.Script(readFileSync(filename, "latin1"), {
	filename,
	cachedData,
});
v8.setFlagsFromString("--no-verify-snapshot-checksum");
if (process.env.ORAS_TS_DEBUG_CODE_CACHE === "1") {
	process.stderr.write(\`code cache: \${cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "accepted"}\\n\`);
}
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
export const { run, normalizeArgv } = module.exports;
`;
const mainLoader = {
	name: "main-loader",
	setup(b) {
		b.onResolve({ filter: /^\.\/cli\/main\.js$/ }, () => ({ path: "main-loader", namespace: "oras-main-loader" }));
		b.onLoad({ filter: /.*/, namespace: "oras-main-loader" }, () => ({ contents: LOADER, loader: "js", resolveDir: outdir }));
	},
};
const common = {
	absWorkingDir: root,
	outdir,
	bundle: true,
	platform: "node",
	target: "node20",
	legalComments: "eof",
	charset: "utf8",
	logLevel: "warning",
};

await rm(outdir, { recursive: true, force: true });
await esbuild.build({
	...common,
	format: "cjs",
	entryPoints: { main: "src/cli/main.ts" },
	outExtension: { ".js": ".cjs" },
	// import.meta.url (tar's createRequire, the package.json lookup, the bcrypt worker) is main.cjs's URL.
	banner: { js: 'const __orasMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
	define: { "import.meta.url": "__orasMetaUrl" },
	plugins: [srcRewrites, lazyChildProcess],
	charset: "ascii",
});
{
	const main = join(outdir, "main.cjs");
	// esbuild escapes strings and templates; what it leaves (comments, regular expression literals) is
	// escaped here: `\uXXXX` (UTF-16 units) means the same there, and in identifiers.
	const text = (await readFile(main, "utf8")).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
	await writeFile(main, WRAP_HEAD + text + WRAP_TAIL);
}
// vm.Script runs main.cjs without a dynamic import() callback: every import() must have been bundled.
const dynamicImport = /(?<![\w$.])import\(/.exec(await readFile(join(outdir, "main.cjs"), "utf8"));
if (dynamicImport) throw new Error("bundle-cli: main.cjs calls import(), which vm.Script cannot run: bundle the module or use process.getBuiltinModule");
// The entry keeps its lazy `version` import as a small chunk of its own (splitting).
await esbuild.build({ ...common, format: "esm", entryPoints: { "oras-ts": "src/cli.ts" }, splitting: true, chunkNames: "chunk-[hash]", plugins: [mainLoader] });

// The code cache (scripts/make-code-cache.js), made by the Node that builds (npm's prepare runs on the user's).
const made = spawnSync(process.execPath, [join(root, "scripts", "make-code-cache.js"), join(outdir, "main.cjs")], { stdio: ["ignore", "inherit", "inherit"], cwd: root });
if (made.status !== 0) throw new Error("bundle-cli: making main.cjs.cache failed");
