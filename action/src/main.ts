/**
 * The GitHub Action (action.yml): runs one oras command line in-process with the bundled oras-ts,
 * after an optional login, and sets the `digest` output. Bundled by esbuild into
 * action/dist/index.mjs (`npm run build:action`), so the runner needs no `npm install`.
 *
 * Inputs arrive as the runner passes them: `INPUT_<NAME>` environment variables (upper case, spaces
 * as `_`, dashes kept). Outputs go to the `GITHUB_OUTPUT` file. The password is masked
 * (`::add-mask::`) before anything else is printed, is given to `login` on its stdin, and is stored
 * only in a temporary docker config directory that exists for this step alone (the runner's
 * ~/.docker/config.json is copied in, so earlier logins still work, and is never written).
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable, type Writable } from "node:stream";
import type { CliIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import { splitArgs } from "./args.js";
import { DigestFinder, LineTap } from "./output.js";

function input(name: string): string {
	return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** Workflow-command data escaping (`%`, CR, LF), as the runner expects. */
function escapeData(s: string): string {
	return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function command(name: string, message: string): void {
	process.stdout.write(`::${name}::${escapeData(message)}\n`);
}

/** Appends `name=value` to the GITHUB_OUTPUT file in the runner's heredoc form. */
function setOutput(name: string, value: string): void {
	const file = process.env.GITHUB_OUTPUT;
	if (!file) {
		command("warning", `GITHUB_OUTPUT is not set: output ${name} is not recorded`);
		return;
	}
	const delimiter = `ghadelimiter_${randomUUID()}`;
	appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`, "utf8");
}

async function finished(w: Writable): Promise<void> {
	await new Promise<void>((done, fail) => w.end((err?: Error | null) => (err ? fail(err) : done())));
}

async function main(): Promise<number> {
	const registry = input("registry");
	const username = input("username");
	const password = input("password");
	// Mask first: every line of it, and the base64 form docker config files hold.
	if (password !== "") {
		for (const piece of password.split(/\r?\n/)) if (piece.trim() !== "") command("add-mask", piece);
		if (username !== "") command("add-mask", Buffer.from(`${username}:${password}`).toString("base64"));
	}
	let argv: string[];
	try {
		argv = splitArgs(process.env.INPUT_ARGS ?? "");
	} catch (err) {
		command("error", (err as Error).message);
		return 1;
	}
	if (argv.length === 0) {
		command("error", "the args input is empty: give the oras command line, e.g. `push ghcr.io/org/repo:v1 file.txt`");
		return 1;
	}
	if ((username !== "" || password !== "") && (registry === "" || username === "" || password === "")) {
		command("error", "logging in needs all of registry, username and password");
		return 1;
	}

	const ac = new AbortController();
	for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => ac.abort(new Error("cancelled")));
	const cwd = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), input("working-directory") || ".");
	const env: Record<string, string | undefined> = { ...process.env };
	let configDir: string | undefined;
	const io = (stdout: Writable, stderr: Writable, stdin: Readable): CliIO => ({ stdout, stderr, stdin, env, cwd, signal: ac.signal });
	const finder = new DigestFinder();
	let firstError: string | undefined;
	const out = new LineTap(process.stdout, (l) => finder.line(l));
	const err = new LineTap(process.stderr, (l) => {
		// `Error: …`, or oras's `Error response from registry: …`
		if (firstError === undefined && /^Error\b/.test(l)) firstError = l.replace(/^Error: /, "");
	});
	try {
		let code = 0;
		if (password !== "") {
			configDir = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), "oras-ts-action-"));
			try {
				copyFileSync(join(process.env.DOCKER_CONFIG || join(homedir(), ".docker"), "config.json"), join(configDir, "config.json"));
			} catch {
				// no docker config yet
			}
			env.DOCKER_CONFIG = configDir;
			code = await run(["login", "-u", username, "--password-stdin", registry], io(process.stdout, err, Readable.from([Buffer.from(password)])));
		}
		if (code === 0) code = await run(argv, io(out, err, Readable.from([])));
		await Promise.all([finished(out), finished(err)]);
		const digest = finder.result();
		if (code === 0 && digest !== undefined) setOutput("digest", digest);
		if (code !== 0 && firstError !== undefined) command("error", firstError);
		return code;
	} finally {
		if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
	}
}

process.exitCode = await main();
