/**
 * Installable from anywhere: `npm pack` of a clean copy of the checkout (no dist/, no tarball) and
 * `npm install git+file://…` give a working package — both bins run, a strict TypeScript consumer
 * (module NodeNext, skipLibCheck off) type-checks against the shipped declarations, and an ESM script
 * uses the library. Only the npm registry (through npm's cache, `--prefer-offline`) is reached.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { type TempDir, tempDir } from "./fixtures/cli.js";
import { requireTool } from "./fixtures/registry.js";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
/** Top-level entries of the checkout that a clean clone does not have. */
const NOT_IN_CLONE = new Set(["node_modules", "dist", ".node-lts", ".git", "tmp"]);
const STEP_TIMEOUT_MS = 120_000;

/** The environment for a nested npm: no lifecycle variables of an outer `npm test`. */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!k.toLowerCase().startsWith("npm_")) env[k] = v;
	return { ...env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", ...extra };
}

async function npm(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
	return run("npm", [...args], { cwd, env: npmEnv(), timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
}

async function node(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
	return run(process.execPath, [...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd }, timeout: STEP_TIMEOUT_MS });
}

const CONSUMER_TS = `import { Readable } from "node:stream";
import { type Descriptor, descriptorFromBytes, fetchBytes, hasCode, MemoryStore, openOciLayout, OrasError, pushArtifact } from "oras-ts";
import { type Logger, type Middleware, NotFoundError, type ProgressEvent, type ProxyConfig, pull, type PullResult, push, type PushResult, type Transport } from "oras-ts";
import { type Logger as RegistryLogger, Repository } from "oras-ts/registry";
import { FileStore } from "oras-ts/content";
import { copyGraph } from "oras-ts/graph";
import { parseReference } from "oras-ts/oci";
import { createRegistryServer } from "oras-ts/server";
export type SameLogger = RegistryLogger extends Logger ? true : false;

export async function pushHello(layoutDir: string): Promise<{ digest: string; text: string }> {
	const src = new MemoryStore();
	const data = Buffer.from("hello from a consumer\\n");
	const layer: Descriptor = descriptorFromBytes("text/plain", data, { annotations: { "org.opencontainers.image.title": "hello.txt" } });
	await src.push(layer, Readable.from([data]));
	const dst = await openOciLayout(layoutDir);
	const res = await pushArtifact(src, { artifactType: "application/vnd.example.consumer", layers: [layer] }, dst, "v1");
	const got: Buffer = await fetchBytes(dst, layer);
	const err: unknown = new OrasError("NOT_FOUND", "x");
	if (!hasCode(err, "NOT_FOUND")) throw new Error("hasCode");
	return { digest: res.root.digest, text: got.toString("utf8") };
}

// The high-level API and the subpaths, as a strict consumer names them.
export async function highLevel(layoutDir: string, out: string): Promise<PullResult> {
	const pushed: PushResult = await push(\`oci-layout:\${layoutDir}:v2\`, ["main.ts:text/plain"], { artifactType: "application/vnd.example.consumer" });
	const pulled = await pull(\`oci-layout:\${layoutDir}@\${pushed.digest}\`, { output: out });
	if (!(new OrasError("NOT_FOUND", "x") instanceof NotFoundError)) throw new Error("NotFoundError");
	return pulled;
}
export const subpaths: [typeof Repository, typeof FileStore, typeof copyGraph, typeof parseReference, typeof createRegistryServer] = [Repository, FileStore, copyGraph, parseReference, createRegistryServer];
export type Used = [Logger, ProxyConfig, Middleware, Transport, ProgressEvent];
`;

const CONSUMER_MJS = `import { descriptorFromBytes, fetchBytes, MemoryStore, openOciLayout, pushArtifact } from "oras-ts";
const src = new MemoryStore();
const data = Buffer.from("hello from a consumer\\n");
const layer = descriptorFromBytes("text/plain", data, { annotations: { "org.opencontainers.image.title": "hello.txt" } });
await src.push(layer, [data]);
const dst = await openOciLayout(process.argv[2]);
const res = await pushArtifact(src, { artifactType: "application/vnd.example.consumer", layers: [layer] }, dst, "v1");
const got = await fetchBytes(dst, layer);
// The high-level API, and every subpath loads from the installed package.
const { push, pull } = await import("oras-ts");
const pushed = await push(\`oci-layout:\${process.argv[2]}:v2\`, ["use.mjs"], { artifactType: "application/vnd.example.consumer" });
const pulled = await pull(\`oci-layout:\${process.argv[2]}:v2\`, { output: "pulled" });
const subpaths = {};
for (const sub of ["registry", "content", "graph", "oci", "server"]) subpaths[sub] = Object.keys(await import(\`oras-ts/\${sub}\`)).length;
console.log(JSON.stringify({ digest: res.root.digest, text: got.toString("utf8"), pushed: pushed.digest, pulled: pulled.files.map((f) => f.name), subpaths }));
`;

/** A strict consumer project: tsc --noEmit with NodeNext, skipLibCheck off, and no `types` entries of its own. */
const CONSUMER_TSCONFIG = {
	compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, noEmit: true, types: [] },
	include: ["main.ts"],
};

/** Installs `spec` into a new consumer project in `dir`, then checks the bins, the types and the library. */
async function checkConsumer(dir: string, spec: string): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
	await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", spec], dir);
	const installed = join(dir, "node_modules", "oras-ts");
	const files = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as { bin: Record<string, string> };
	assert.deepEqual(files.bin, { "oras-ts": "bin/oras-ts.js", oras: "bin/oras.js" });
	await readFile(join(installed, "LICENSE"), "utf8").then((t) => assert.match(t, /Apache License\s+Version 2\.0, January 2004/));

	// Both bins, through the links npm made, push and pull through an OCI layout.
	const bin = (name: string) => join(dir, "node_modules", ".bin", name);
	for (const name of ["oras-ts", "oras"]) {
		const v = await run(bin(name), ["version"], { cwd: dir, timeout: STEP_TIMEOUT_MS });
		assert.match(v.stdout, /^Version:\s+0\.\d+\.\d+/m, `${name} version`);
	}
	await writeFile(join(dir, "hi.txt"), "hi through the installed bin\n");
	await run(bin("oras"), ["push", "--oci-layout", "cli-layout:v1", "hi.txt"], { cwd: dir, timeout: STEP_TIMEOUT_MS, env: { PATH: process.env.PATH, HOME: dir } });
	await run(bin("oras-ts"), ["pull", "--oci-layout", "cli-layout:v1", "-o", "out"], { cwd: dir, timeout: STEP_TIMEOUT_MS, env: { PATH: process.env.PATH, HOME: dir } });
	assert.equal(await readFile(join(dir, "out", "hi.txt"), "utf8"), "hi through the installed bin\n");

	// The declarations type-check for a strict consumer without extra flags.
	await writeFile(join(dir, "main.ts"), CONSUMER_TS);
	await writeFile(join(dir, "tsconfig.json"), JSON.stringify(CONSUMER_TSCONFIG));
	const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
	await node([tsc, "-p", dir], dir).catch((err: { stdout?: string }) => assert.fail(`consumer tsc failed:\n${err.stdout ?? String(err)}`));

	// An ESM script uses the library.
	await writeFile(join(dir, "use.mjs"), CONSUMER_MJS);
	const used = await node(["use.mjs", join(dir, "lib-layout")], dir);
	const out = JSON.parse(used.stdout) as { digest: string; text: string; pushed: string; pulled: string[]; subpaths: Record<string, number> };
	assert.match(out.pushed, /^sha256:[0-9a-f]{64}$/);
	assert.deepEqual(out.pulled, ["use.mjs"]);
	assert.equal(await readFile(join(dir, "pulled", "use.mjs"), "utf8"), CONSUMER_MJS);
	for (const sub of ["registry", "content", "graph", "oci", "server"]) assert.ok((out.subpaths[sub] ?? 0) > 5, `oras-ts/${sub} exports`);
	assert.match(out.digest, /^sha256:[0-9a-f]{64}$/);
	assert.equal(out.text, "hello from a consumer\n");
	const index = JSON.parse(await readFile(join(dir, "lib-layout", "index.json"), "utf8")) as { manifests: { digest: string }[] };
	assert.ok(index.manifests.some((m) => m.digest === out.digest));
}

describe("the npm package", { timeout: 4 * STEP_TIMEOUT_MS }, () => {
	let work: TempDir;
	let clone: string;

	before(async () => {
		requireTool("git", "git");
		work = await tempDir("oras-ts-package-");
		clone = join(work.path, "clone");
		// A clean clone of the working tree: no build output, no node_modules, no tarballs.
		await cp(REPO, clone, {
			recursive: true,
			filter: (src) => {
				const rel = src.slice(REPO.length).replace(/^\/+/, "");
				const top = rel.split("/")[0] ?? "";
				return !NOT_IN_CLONE.has(top) && !rel.endsWith(".tgz");
			},
		});
		const git = (args: string[]) => run("git", ["-c", "user.name=oras-ts test", "-c", "user.email=test@example.invalid", ...args], { cwd: clone });
		await git(["init", "-q", "-b", "main"]);
		await git(["add", "-A"]);
		await git(["commit", "-q", "-m", "snapshot"]);
	});
	after(async () => {
		await work?.cleanup();
	});

	it("npm pack of a clean clone builds in prepare and ships bins, LICENSE, JavaScript and declarations (no source maps, no tests)", async () => {
		// The clone shares the checkout's devDependencies (typescript) instead of installing them again.
		await symlink(join(REPO, "node_modules"), join(clone, "node_modules"), "dir");
		const packed = await npm(["pack", "--json", "--pack-destination", work.path], clone);
		const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
		assert.ok(info);
		const paths = info.files.map((f) => f.path).sort();
		for (const p of [
			"LICENSE",
			"README.md",
			"package.json",
			"bin/oras-ts.js",
			"bin/oras.js",
			"dist/src/cli.js",
			"dist/cli/oras-ts.js",
			"dist/cli/main.cjs",
			"dist/cli/main.cjs.cache",
			"dist/src/index.js",
			"dist/src/index.d.ts",
			...["registry", "content", "graph", "oci", "server"].flatMap((sub) => [`dist/src/${sub}/index.js`, `dist/src/${sub}/index.d.ts`]),
		]) {
			assert.ok(paths.includes(p), `${p} is in the tarball`);
		}
		assert.deepEqual(
			paths.filter((p) => p.endsWith(".map") || p.startsWith("src/") || p.startsWith("dist/test") || p.startsWith("dist/bench") || p.startsWith("test/")),
			[],
		);
		assert.ok(paths.filter((p) => p.endsWith(".js") && p.startsWith("dist/src/")).length > 50);
		// Every compiled module has its declarations, and the entry point references Node's types.
		for (const js of paths.filter((p) => p.startsWith("dist/src/") && p.endsWith(".js"))) {
			assert.ok(paths.includes(js.replace(/\.js$/, ".d.ts")), `${js} has declarations`);
		}
		await checkConsumer(join(work.path, "from-tarball"), join(work.path, info.filename));
	});

	it("npm install git+file://… runs prepare with devDependencies and installs a working package", async () => {
		await checkConsumer(join(work.path, "from-git"), `git+file://${clone}#main`);
	});
});
