/**
 * What each entry point loads: importing the client (`oras-ts`, `oras-ts/registry`, …) must not
 * load the built-in registry (`src/server/`) or the CLI (`src/cli/`, commander). The module graph is
 * read from the compiled JavaScript (every static `import`/`export … from`, and `import("…")` with
 * a literal specifier), then one entry is imported for real in a child process with a resolve hook
 * recording every module Node loads.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, it } from "node:test";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const DIST = join(REPO, "dist", "src");

const SPECIFIER_RE = /(?:^|[\s;}])(?:import|export)\s*(?:[^"'`;]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Relative modules reachable from `entry` (paths relative to dist/src) and bare packages imported on the way. */
function moduleGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
	const modules = new Set<string>();
	const packages = new Set<string>();
	const queue = [join(DIST, entry)];
	for (let i = 0; i < queue.length && i < 10_000; i++) {
		const file = queue[i] as string;
		const rel = relative(DIST, file);
		if (modules.has(rel)) continue;
		modules.add(rel);
		const text = readFileSync(file, "utf8");
		for (const m of text.matchAll(SPECIFIER_RE)) {
			const spec = m[1] ?? m[2];
			if (spec === undefined) continue;
			if (spec.startsWith(".")) {
				const target = resolve(dirname(file), spec);
				assert.ok(existsSync(target), `${rel} imports ${spec}, which exists`);
				queue.push(target);
			} else if (!spec.startsWith("node:")) {
				packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : (spec.split("/")[0] as string));
			}
		}
	}
	return { modules, packages };
}

const ENTRIES = {
	"oras-ts": "index.js",
	"oras-ts/registry": "registry/index.js",
	"oras-ts/content": "content/index.js",
	"oras-ts/graph": "graph/index.js",
	"oras-ts/oci": "oci/index.js",
} as const;

describe("the entry points' module graphs", () => {
	for (const [name, entry] of Object.entries(ENTRIES)) {
		it(`${name} loads neither the server nor the CLI`, () => {
			const { modules, packages } = moduleGraph(entry);
			assert.ok(modules.size > 1 || name === "oras-ts/oci", `${name}: ${modules.size} modules`);
			assert.deepEqual(
				[...modules].filter((m) => m.startsWith("server/") || m.startsWith("cli/") || m === "cli.js"),
				[],
			);
			assert.ok(!packages.has("commander"), `${name} does not load commander`);
			assert.ok(!packages.has("bcryptjs"), `${name} does not load bcryptjs (the server's htpasswd)`);
		});
	}

	it("oras-ts/oci is pure spec code: it loads nothing from content, registry, graph or the API", () => {
		const { modules, packages } = moduleGraph("oci/index.js");
		assert.deepEqual(
			[...modules].filter((m) => !m.startsWith("oci/") && m !== "errors.js"),
			[],
		);
		assert.deepEqual([...packages], []);
	});

	it("the static graph is what Node loads: importing oras-ts in a child process loads no server or CLI module", async () => {
		// A resolve hook (module.register) posts every file URL Node resolves back to the main thread.
		const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
	const r = await next(specifier, context);
	if (r.url.startsWith("file:")) port.postMessage(r.url);
	return r;
}`;
		const main = `
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on("message", (u) => seen.push(u));
register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] });
const lib = await import(${JSON.stringify(pathToFileURL(join(DIST, "index.js")).href)});
if (typeof lib.push !== "function") throw new Error("no push");
await new Promise((r) => setTimeout(r, 100));
port1.close();
console.log(JSON.stringify(seen));`;
		const { stdout } = await run(process.execPath, ["--input-type=module", "-e", main], { cwd: REPO, timeout: 30_000 });
		const loaded = (JSON.parse(stdout) as string[]).map((u) => relative(DIST, fileURLToPath(u)));
		const ours = loaded.filter((p) => !p.startsWith(".."));
		assert.ok(ours.includes("index.js") && ours.includes("api/push.js"), `loaded ${ours.length} modules of the package`);
		assert.deepEqual(
			ours.filter((m) => m.startsWith("server/") || m.startsWith("cli/")),
			[],
		);
		assert.deepEqual(
			loaded.filter((p) => /node_modules\/(commander|bcryptjs)\//.test(p)),
			[],
		);
		// Everything Node loaded was in the static graph (the static analysis misses nothing).
		const statics = moduleGraph("index.js").modules;
		assert.deepEqual(
			ours.filter((m) => !statics.has(m)),
			[],
		);
	});
});
