/**
 * The GitHub Action, run exactly as the runner runs it: `node action/dist/index.mjs` (the committed
 * bundle, no node_modules needed) with `INPUT_*` variables, a `GITHUB_OUTPUT` file and no stdin,
 * against distribution 2.8 with htpasswd (Basic auth) on 127.0.0.1. Also: the committed bundle is
 * what `npm run build:action` makes from the current sources.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { type Htpasswd, makeHtpasswd } from "./fixtures/htpasswd.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const BUNDLE = join(REPO, "action", "dist", "index.mjs");
const USER = "ci-bot";
const PASS = "action-Secret-%-73";

interface ActionRun {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly outputs: Record<string, string>;
}

/** Parses a GITHUB_OUTPUT file (`name<<DELIM` heredocs and `name=value` lines). */
function parseOutputs(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	const lines = text.split("\n");
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] as string;
		const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
		if (heredoc) {
			const end = lines.indexOf(heredoc[2] as string, i + 1);
			assert.ok(end > i, `unterminated heredoc for ${heredoc[1]}`);
			out[heredoc[1] as string] = lines.slice(i + 1, end).join("\n");
			i = end;
		} else if (line.includes("=")) {
			out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
		}
	}
	return out;
}

describe("the GitHub Action (action.yml → action/dist/index.mjs)", () => {
	let htp: Htpasswd;
	let reg: RunningRegistry;
	let work: TempDir;
	let host: string;
	/** The bundle inside a copy of what a runner checks out of the action's repository: no node_modules anywhere above it. */
	let checkoutBundle: string;

	before(async () => {
		htp = await makeHtpasswd([{ username: USER, password: PASS }]);
		reg = await startRegistry({ extraConfig: htp.registryConfig });
		work = await tempDir("oras-ts-action-");
		// `localhost` is plain HTTP by oras's rule, so no extra flags are needed.
		host = `localhost:${reg.port}`;
		const checkout = join(work.path, "action-checkout");
		await mkdir(join(checkout, "action", "dist"), { recursive: true });
		for (const f of ["package.json", "action.yml", "action/dist/index.mjs"]) await copyFile(join(REPO, f), join(checkout, f));
		checkoutBundle = join(checkout, "action", "dist", "index.mjs");
	});
	after(async () => {
		await reg?.stop();
		await htp?.cleanup();
		await work?.cleanup();
	});

	/** Runs the bundle as the runner does, in a fresh workspace with its own HOME, DOCKER_CONFIG and RUNNER_TEMP. */
	async function runAction(inputs: Record<string, string>, setup?: (ws: string) => Promise<void>): Promise<ActionRun & { ws: string; dockerConfig: string; runnerTemp: string }> {
		const root = await work.caseDir();
		const ws = join(root, "workspace");
		const dockerConfig = join(root, "docker");
		const runnerTemp = join(root, "runner-temp");
		for (const d of [ws, dockerConfig, runnerTemp]) await mkdir(d, { recursive: true });
		const outputFile = join(root, "github_output");
		await writeFile(outputFile, "");
		await setup?.(ws);
		const env: NodeJS.ProcessEnv = {
			PATH: process.env.PATH,
			HOME: root,
			DOCKER_CONFIG: dockerConfig,
			RUNNER_TEMP: runnerTemp,
			GITHUB_WORKSPACE: ws,
			GITHUB_OUTPUT: outputFile,
			GITHUB_ACTIONS: "true",
		};
		// The runner's naming: INPUT_ + upper case, spaces to underscores, dashes kept.
		for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
		const res = await new Promise<ActionRun>((done) => {
			const child = execFile(process.execPath, [checkoutBundle], { cwd: ws, env, timeout: 60_000 }, (err, stdout, stderr) => {
				const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
				void readFile(outputFile, "utf8").then((text) => done({ code, stdout, stderr, outputs: parseOutputs(text) }));
			});
			child.stdin?.end();
		});
		return { ...res, ws, dockerConfig, runnerTemp };
	}

	/** The password (and the base64 auth holding it) appears only in the runner's `::add-mask::` commands. */
	function assertNoSecret(r: ActionRun): void {
		const secrets = [PASS, Buffer.from(`${USER}:${PASS}`).toString("base64")];
		const masks = r.stdout.split("\n").filter((l) => l.startsWith("::add-mask::"));
		assert.deepEqual(masks, secrets.map((s) => `::add-mask::${s.replace(/%/g, "%25")}`));
		const rest = r.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::")).join("\n");
		for (const s of secrets) {
			assert.ok(!rest.includes(s), "no secret on stdout");
			assert.ok(!r.stderr.includes(s), "no secret on stderr");
		}
	}

	async function descriptorDigest(ref: string, cwd: string): Promise<string> {
		const r = await oras(["manifest", "fetch", "--descriptor", "-u", USER, "-p", PASS, ref], { cwd });
		assert.equal(r.code, 0, r.stderr);
		return (JSON.parse(r.stdout) as { digest: string }).digest;
	}

	it("logs in, pushes a quoted file name and a directory, and sets the digest output; no secret printed, no login left behind", async () => {
		const ref = `${host}/action/demo:v1`;
		const r = await runAction(
			{ registry: host, username: USER, password: PASS, args: `push ${ref} \\\n  "my file.txt:text/plain" docs`, "working-directory": "sub" },
			async (ws) => {
				await mkdir(join(ws, "sub", "docs"), { recursive: true });
				await writeFile(join(ws, "sub", "my file.txt"), "pushed by the action\n");
				await writeFile(join(ws, "sub", "docs", "readme.md"), "# docs\n");
				// An earlier login the step must see but not change.
				await writeFile(join(ws, "..", "docker", "config.json"), JSON.stringify({ auths: { "other.example": { auth: "b3RoZXI6eA==" } } }));
			},
		);
		assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
		assert.match(r.stdout, /^Login Succeeded$/m);
		assert.match(r.stdout, /^Uploaded {2}[0-9a-f]{12} docs$/m, "a directory: node-tar is in the bundle");
		assert.match(r.stdout, /^Uploaded {2}[0-9a-f]{12} my file\.txt$/m);
		const digest = r.outputs.digest;
		assert.match(digest ?? "", /^sha256:[0-9a-f]{64}$/);
		assert.equal(digest, await descriptorDigest(ref, r.ws));
		assertNoSecret(r);
		// The runner's docker config is untouched; the step's own config directory is gone; HOME has no ~/.docker.
		assert.deepEqual(JSON.parse(await readFile(join(r.dockerConfig, "config.json"), "utf8")), { auths: { "other.example": { auth: "b3RoZXI6eA==" } } });
		assert.deepEqual(await readdir(r.runnerTemp), []);
		await assert.rejects(stat(join(r.ws, "..", ".docker")));

		// The pushed content is what was given.
		const pull = await oras(["pull", "-u", USER, "-p", PASS, ref, "-o", "out"], { cwd: r.ws });
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(r.ws, "out", "my file.txt"), "utf8"), "pushed by the action\n");
		assert.equal(await readFile(join(r.ws, "out", "docs", "readme.md"), "utf8"), "# docs\n");
	});

	it("takes the digest from --format json output too", async () => {
		const ref = `${host}/action/demo:json`;
		const r = await runAction({ registry: host, username: USER, password: PASS, args: `push --format json ${ref} a.txt` }, (ws) => writeFile(join(ws, "a.txt"), "json\n"));
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.outputs.digest, await descriptorDigest(ref, r.ws));
		assertNoSecret(r);
	});

	it("a wrong password fails the step with an ::error:: line, prints no secret and sets no output", async () => {
		const r = await runAction({ registry: host, username: USER, password: `${PASS}-wrong`, args: `push ${host}/action/demo:bad a.txt` }, (ws) => writeFile(join(ws, "a.txt"), "x\n"));
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, /^Error/m);
		assert.match(r.stdout, /^::error::.*unauthorized/m);
		assert.deepEqual(r.outputs, {});
		for (const s of [`${PASS}-wrong`]) assert.ok(!r.stderr.includes(s) && !r.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::")).join("\n").includes(s));
		assert.deepEqual(await readdir(r.runnerTemp), []);
	});

	it("refuses bad inputs with an ::error:: line: unterminated quote, empty args, a login without a registry", async () => {
		const cases: [Record<string, string>, RegExp][] = [
			[{ args: `push ${host}/a:b 'open` }, /^::error::args: unterminated single quote$/m],
			[{ args: "  " }, /^::error::the args input is empty/m],
			[{ username: USER, password: PASS, args: "version" }, /^::error::logging in needs all of registry, username and password$/m],
		];
		for (const [inputs, want] of cases) {
			const r = await runAction(inputs);
			assert.equal(r.code, 1, JSON.stringify(inputs));
			assert.match(r.stdout, want);
		}
	});

	it("action.yml runs the committed bundle on node24 and declares the inputs and outputs the bundle reads and writes", async () => {
		const yml = await readFile(join(REPO, "action.yml"), "utf8");
		assert.match(yml, /^runs:\n {2}using: node24\n {2}main: action\/dist\/index\.mjs\n/m);
		const section = (name: string) => (new RegExp(`^${name}:\\n((?: {2}.*\\n)+)`, "m").exec(yml)?.[1] ?? "").match(/^ {2}[a-z-]+(?=:)/gm)?.map((k) => k.trim());
		assert.deepEqual(section("inputs"), ["args", "registry", "username", "password", "working-directory"]);
		assert.deepEqual(section("outputs"), ["digest"]);
	});

	it("the committed bundle is what npm run build:action makes from the current sources", async () => {
		const out = join(work.path, "rebuilt-index.mjs");
		await promisify(execFile)(process.execPath, [join(REPO, "scripts", "build-action.js"), "--outfile", out], { cwd: REPO, timeout: 60_000 });
		const [committed, rebuilt] = await Promise.all([readFile(BUNDLE, "utf8"), readFile(out, "utf8")]);
		assert.ok(committed === rebuilt, "action/dist/index.mjs is stale: run `npm run build:action` and commit it");
	});
});
