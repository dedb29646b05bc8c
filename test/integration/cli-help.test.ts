/**
 * Help pages as oras 1.3 prints them (cobra's templates, pflag's flag table), compared
 * byte for byte with golden files in fixtures/help/<program>/<command>.txt, under both
 * names the program answers to. `UPDATE_HELP_GOLDEN=1` rewrites the files.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { HELP_PATHS } from "../../src/cli/help/render.js";
import { oras, tempDir, type TempDir } from "./fixtures/cli.js";

const GOLDEN = resolve(import.meta.dirname, "../../../test/integration/fixtures/help");
const UPDATE = process.env.UPDATE_HELP_GOLDEN === "1";

function goldenFile(prog: string, path: string): string {
	return resolve(GOLDEN, prog, `${path === "" ? "root" : path.replace(/ /g, "_")}.txt`);
}

function golden(prog: string, path: string, actual: string): string {
	const file = goldenFile(prog, path);
	if (UPDATE) {
		mkdirSync(resolve(GOLDEN, prog), { recursive: true });
		writeFileSync(file, actual);
	}
	return readFileSync(file, "utf8");
}

let dir: TempDir;
before(async () => {
	dir = await tempDir("oras-ts-help-");
});
after(() => dir.cleanup());

const ALL = ["", ...HELP_PATHS.filter((p) => p !== "")];
const EXPECTED_PATHS = [
	"attach",
	"backup",
	"blob",
	"blob delete",
	"blob fetch",
	"blob push",
	"cp",
	"discover",
	"login",
	"logout",
	"manifest",
	"manifest delete",
	"manifest fetch",
	"manifest fetch-config",
	"manifest index",
	"manifest index create",
	"manifest index update",
	"manifest push",
	"pull",
	"push",
	"repo",
	"repo ls",
	"repo tags",
	"resolve",
	"restore",
	"serve",
	"tag",
	"version",
];

describe("help pages", () => {
	it("covers every command and subcommand", () => {
		assert.deepEqual(
			HELP_PATHS.filter((p) => p !== ""),
			EXPECTED_PATHS,
		);
	});

	for (const prog of ["oras", "oras-ts"]) {
		for (const path of ALL) {
			const words = path === "" ? [] : path.split(" ");
			it(`${prog} ${path} --help matches the golden page`, async () => {
				const cwd = await dir.caseDir();
				const r = await oras([...words, "--help"], { cwd, programName: prog });
				assert.equal(r.code, 0);
				assert.equal(r.stderr, "");
				assert.equal(r.stdout, golden(prog, path, r.stdout));
				// `-h` and `help <command>` show the same page.
				const short = await oras([...words, "-h"], { cwd, programName: prog });
				assert.equal(short.stdout, r.stdout);
				const viaHelp = await oras(["help", ...words], { cwd, programName: prog });
				assert.equal(viaHelp.code, 0);
				assert.equal(viaHelp.stdout, r.stdout);
			});
		}
	}

	it("pages follow oras's layout: description, Usage, Aliases, Flags sorted with Go types and defaults", () => {
		const page = readFileSync(goldenFile("oras", "manifest fetch"), "utf8");
		const sections = ["Fetch manifest of the target artifact\n\nExample - ", "\n\nUsage:\n  oras manifest fetch [flags] <name>{:<tag>|@<digest>}\n\nAliases:\n  fetch, get, show\n\nFlags:\n"];
		let at = 0;
		for (const s of sections) {
			const i = page.indexOf(s, at);
			assert.ok(i >= at, `missing in order: ${JSON.stringify(s)}`);
			at = i + s.length;
		}
		const flagLines = page.slice(at, page.indexOf("\n\n", at)).split("\n").filter((l) => /^ {2}(-[a-zA-Z], | {4})--/.test(l));
		const names = flagLines.map((l) => /--([a-z-]+)/.exec(l)?.[1] ?? "");
		assert.deepEqual(names, [...names].sort());
		assert.match(page, /\n {2}-o, --output path {2,}file path to write the fetched manifest to, use - for stdout\n/);
		assert.match(page, /\n {6}--media-type strings {2,}accepted media types\n/);
		assert.match(page, /\n {6}--format string {2,}\[Experimental\] format output using a custom template:\n {20,}'json': {9}Print in prettified JSON format\n/);
		assert.match(page, /'text': {9}Print in text format \(default "text"\)\n/);
		assert.match(page, /\n {2}-h, --help {2,}help for fetch\n/);
		// Deprecated flags are hidden, as cobra hides them.
		assert.doesNotMatch(page, /--verbose/);
		// The usage column starts 3 spaces after the longest flag.
		const cols = flagLines.map((l) => l.search(/ {2}\S[^-]*$/));
		const longest = Math.max(...flagLines.map((l) => (/^(.*?\S) {2,}\S/.exec(l)?.[1] ?? "").length));
		for (const l of flagLines) assert.equal(l.charAt(longest + 3) !== " " && l.charAt(longest + 2) === " ", true, `${l} (${cols.join()})`);
	});

	it("marks preview and experimental commands as oras does", () => {
		const discover = readFileSync(goldenFile("oras", "discover"), "utf8");
		assert.match(discover, /^\[Preview\] Discover referrers of a manifest in a registry or an OCI image layout\n\n\*\* This command is in preview and under development\. \*\*\n/);
		const root = readFileSync(goldenFile("oras", ""), "utf8");
		assert.match(root, /\n {2}backup {6}\[Experimental\] Back up artifacts from a registry into an OCI image layout\n/);
		assert.match(root, /\n {2}resolve {5}\[Preview\] Resolves digest of the target artifact\n/);
		assert.match(root, /\nFlags:\n {2}-h, --help {3}help for oras\n\nUse "oras \[command\] --help" for more information about a command\.\n$/);
	});

	it("names the program as invoked in usage lines and examples", () => {
		const ts = readFileSync(goldenFile("oras-ts", "push"), "utf8");
		assert.match(ts, /\n {2}oras-ts push localhost:5000\/hello:v1 hi\.txt\n/);
		assert.match(ts, /\nUsage:\n {2}oras-ts push \[flags\]/);
		assert.doesNotMatch(ts, /(^|\s)oras /m);
		const go = readFileSync(goldenFile("oras", "push"), "utf8");
		assert.doesNotMatch(go, /oras-ts push/);
	});

	it("bare program prints the root page on stdout and exits 0", async () => {
		const cwd = await dir.caseDir();
		const r = await oras([], { cwd, programName: "oras" });
		assert.equal(r.code, 0);
		assert.equal(r.stderr, "");
		assert.equal(r.stdout, readFileSync(goldenFile("oras", ""), "utf8"));
	});

	it("a group's `help` word, an unknown subcommand or no subcommand shows the group's page (cobra)", async () => {
		const cwd = await dir.caseDir();
		const page = readFileSync(goldenFile("oras", "blob"), "utf8");
		for (const argv of [["blob"], ["blob", "help", "fetch"], ["blob", "nope"]]) {
			const r = await oras(argv, { cwd, programName: "oras" });
			assert.equal(r.code, 0, argv.join(" "));
			assert.equal(r.stdout, page, argv.join(" "));
		}
		const idx = await oras(["manifest", "index"], { cwd, programName: "oras" });
		assert.equal(idx.stdout, readFileSync(goldenFile("oras", "manifest index"), "utf8"));
	});

	it("aliases find the same page", async () => {
		const cwd = await dir.caseDir();
		const page = readFileSync(goldenFile("oras", "manifest fetch"), "utf8");
		for (const argv of [["manifest", "get", "--help"], ["manifest", "show", "-h"], ["help", "manifest", "get"]]) {
			const r = await oras(argv, { cwd, programName: "oras" });
			assert.equal(r.stdout, page, argv.join(" "));
		}
		const cp = await oras(["copy", "--help"], { cwd, programName: "oras" });
		assert.equal(cp.stdout, readFileSync(goldenFile("oras", "cp"), "utf8"));
	});

	it("`help help` and `help --help` show cobra's page for the help command", async () => {
		const cwd = await dir.caseDir();
		for (const argv of [["help", "help"], ["help", "--help"]]) {
			const r = await oras(argv, { cwd, programName: "oras" });
			assert.equal(r.code, 0);
			assert.equal(
				r.stdout,
				"Help provides help for any command in the application.\nSimply type oras help [path to command] for full details.\n\nUsage:\n  oras help [command] [flags]\n\nFlags:\n  -h, --help   help for help\n",
			);
		}
	});

	it("the executable names itself after how it was invoked (a symlink called oras)", async () => {
		const bin = resolve(import.meta.dirname, "../../../bin/oras-ts.js");
		const link = resolve(await dir.caseDir(), "oras");
		symlinkSync(bin, link);
		const viaLink = spawnSync(process.execPath, [link, "pull"], { encoding: "utf8", timeout: 20_000 });
		assert.equal(viaLink.status, 1);
		assert.match(viaLink.stderr, /^Error: "oras pull" requires exactly 1 argument but got 0\nUsage: oras pull \[flags\]/);
		assert.match(viaLink.stderr, /Run "oras pull -h" for more options and examples\n$/);
		const page = spawnSync(process.execPath, [link, "tag", "--help"], { encoding: "utf8", timeout: 20_000 });
		assert.equal(page.stdout, readFileSync(goldenFile("oras", "tag"), "utf8"));
		const direct = spawnSync(process.execPath, [bin, "tag", "--help"], { encoding: "utf8", timeout: 20_000 });
		assert.equal(direct.stdout, readFileSync(goldenFile("oras-ts", "tag"), "utf8"));
	});

	it("`help <unknown>` says so on stderr, with the root usage", async () => {
		const cwd = await dir.caseDir();
		const r = await oras(["help", "nope"], { cwd, programName: "oras" });
		assert.equal(r.code, 0);
		assert.equal(r.stdout, "");
		assert.match(r.stderr, /^Unknown help topic \[`nope`\]\nUsage:\n {2}oras \[command\]\n/);
	});
});
