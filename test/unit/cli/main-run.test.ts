/** run(): the CLI's front door (help pages, unknown commands and flags in cobra/pflag words, argv normalisation). No network. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeArgv, run } from "../../../src/cli/main.js";
import { fakeIO } from "./fake-io.js";

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	const io = fakeIO({ programName: "oras", env: { HOME: "/nonexistent-home" }, cwd: "/" });
	const code = await run(argv, io);
	return { code, stdout: io.out(), stderr: io.err() };
}

describe("run: help", () => {
	it("prints the root page for no arguments, -h and `help`", async () => {
		for (const argv of [[], ["-h"], ["--help"], ["help"]]) {
			const r = await cli(...argv);
			assert.equal(r.code, 0, argv.join(" "));
			assert.match(r.stdout, /^Usage:\n {2}oras \[command\]$/m, argv.join(" "));
			assert.match(r.stdout, /^Available Commands:$/m);
			assert.equal(r.stderr, "");
		}
	});

	it("prints a command's page for `help <cmd>`, `<cmd> -h` and aliases", async () => {
		const a = await cli("help", "pull");
		const b = await cli("pull", "-h");
		const c = await cli("help", "copy");
		assert.equal(a.stdout, b.stdout);
		assert.match(a.stdout, /^Usage:\n {2}oras pull \[flags\] /m);
		assert.match(c.stdout, /^Usage:\n {2}oras cp /m);
		assert.match((await cli("manifest", "index", "create", "--help")).stdout, /^Usage:\n {2}oras manifest index create /m);
	});

	it("prints a group's page for the bare group, and refuses a flag on it", async () => {
		const g = await cli("repo");
		assert.equal(g.code, 0);
		assert.match(g.stdout, /^Usage:\n {2}oras repo \[command\]$/m);
		const bad = await cli("repo", "--nope");
		assert.equal(bad.code, 1);
		assert.equal(bad.stderr, "Error: unknown flag: --nope\n");
	});

	it("prints the help command's own page and reports unknown topics with the root usage", async () => {
		const page = await cli("help", "help");
		assert.match(page.stdout, /^Help provides help for any command in the application\./);
		assert.equal((await cli("help", "-h")).stdout, page.stdout);
		const unknown = await cli("help", "nope");
		assert.equal(unknown.code, 0);
		assert.match(unknown.stderr, /^Unknown help topic \[`nope`\]\nUsage:/);
	});
});

describe("run: errors before any command runs", () => {
	it("names an unknown command, with suggestions", async () => {
		const r = await cli("pul", "x");
		assert.equal(r.code, 1);
		assert.equal(r.stderr, `Error: unknown command "pul" for "oras"\n\nDid you mean this?\n\tpull\n\tpush\n\nRun 'oras --help' for usage.\n`);
		const none = await cli("zzzzzz");
		assert.equal(none.stderr, `Error: unknown command "zzzzzz" for "oras"\nRun 'oras --help' for usage.\n`);
	});

	it("words unknown and incomplete flags as pflag does", async () => {
		assert.equal((await cli("--bogus")).stderr, "Error: unknown flag: --bogus\n");
		assert.equal((await cli("pull", "--bogus", "r")).stderr, "Error: unknown flag: --bogus\n");
		assert.equal((await cli("pull", "-Z", "r")).stderr, "Error: unknown shorthand flag: 'Z' in -Z\n");
		assert.equal((await cli("pull", "r", "--output")).stderr, "Error: flag needs an argument: --output\n");
		assert.equal((await cli("pull", "r", "-o")).stderr, "Error: flag needs an argument: 'o' in -o\n");
		assert.equal((await cli("pull", "--plain-http=yes", "r")).stderr, 'Error: invalid argument "yes" for "--plain-http" flag: strconv.ParseBool: parsing "yes": invalid syntax\n');
	});

	it("notes the deprecated --verbose", async () => {
		const r = await cli("pull", "-v");
		assert.match(r.stderr, /^Flag --verbose has been deprecated, and will be removed in a future release\.$/m);
		assert.equal(r.code, 1, "and still checks the arguments");
	});
});

describe("normalizeArgv", () => {
	it("turns --flag=true|false into --flag / --no-flag", () => {
		assert.deepEqual(normalizeArgv(["pull", "--plain-http=true", "--insecure=FALSE", "--output=x"]), ["pull", "--plain-http", "--no-insecure", "--output=x"]);
	});

	it("moves a group's subcommand right after the group, nested groups included", () => {
		assert.deepEqual(normalizeArgv(["blob", "-o", "-", "fetch", "ref"]), ["blob", "fetch", "-o", "-", "ref"]);
		assert.deepEqual(normalizeArgv(["manifest", "--plain-http", "index", "-a", "k=v", "create", "r"]), ["manifest", "index", "create", "--plain-http", "-a", "k=v", "r"]);
		assert.deepEqual(normalizeArgv(["blob", "help", "fetch"]), ["blob", "help", "fetch"], "`help` inside a group stays where it is");
		assert.deepEqual(normalizeArgv(["pull", "fetch"]), ["pull", "fetch"], "a plain command's arguments are left alone");
	});
});
