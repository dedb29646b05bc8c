/** Help pages in cobra's layout: paths and aliases, usage lines, command lists, pflag's flag table, the program name. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FlagDef } from "../../../src/cli/help/flags.js";
import { flagUsages, HELP_PATHS, isGroup, renderHelp, renderHelpCommandPage, renderUsage, resolveHelpPath, withProgramName } from "../../../src/cli/help/render.js";
import { HELP_TEXT } from "../../../src/cli/help/text.js";

describe("help paths", () => {
	it("lists every page sorted, and knows groups from leaves", () => {
		assert.deepEqual([...HELP_PATHS], [...HELP_PATHS].sort());
		for (const p of ["pull", "cp", "repo", "repo tags", "manifest index create"]) assert.ok(HELP_PATHS.includes(p), p);
		assert.equal(isGroup(""), true);
		assert.equal(isGroup("repo"), true);
		assert.equal(isGroup("manifest index"), true);
		assert.equal(isGroup("pull"), false);
		assert.equal(isGroup("repo tags"), false);
	});

	it("resolves words to a path through aliases, stopping at the first unknown word", () => {
		assert.deepEqual(resolveHelpPath(["copy"]), { path: "cp", used: 1 });
		assert.deepEqual(resolveHelpPath(["repository", "ls"]), { path: "repo ls", used: 2 });
		assert.deepEqual(resolveHelpPath(["manifest", "get"]), { path: "manifest fetch", used: 2 });
		assert.deepEqual(resolveHelpPath(["blob", "rm", "extra"]), { path: "blob delete", used: 2 });
		assert.deepEqual(resolveHelpPath(["nope", "pull"]), { path: "", used: 0 });
		assert.deepEqual(resolveHelpPath([]), { path: "", used: 0 });
	});
});

describe("withProgramName", () => {
	it("renames `oras` where it stands for the program, and nothing else", () => {
		assert.equal(withProgramName("  oras pull x\n\"oras login\" 'oras tag' `oras cp`", "oras-ts"), "  oras-ts pull x\n\"oras-ts login\" 'oras-ts tag' `oras-ts cp`");
		assert.equal(withProgramName("see oras.land or orasx y, the oras", "oras-ts"), "see oras.land or orasx y, the oras");
		assert.equal(withProgramName("oras pull", "oras"), "oras pull");
	});
});

describe("flagUsages (pflag's table)", () => {
	it("sorts by name, aligns usage one column past the longest flag, and names value types as pflag does", () => {
		const flags: FlagDef[] = [
			{ name: "zeta", type: "bool", usage: "a switch" },
			{ name: "alpha", short: "a", type: "stringArray", usage: "repeatable" },
			{ name: "count", type: "int64", usage: "how many", def: "3" },
			{ name: "list", type: "stringSlice", usage: "comma list", def: "[]" },
			{ name: "file", type: "string", usage: "read `path` from here", def: "x.json" },
		];
		const out = flagUsages(flags).split("\n");
		assert.deepEqual(out, [
			"  -a, --alpha stringArray   repeatable",
			"      --count int           how many (default 3)",
			'      --file path           read path from here (default "x.json")',
			"      --list strings        comma list",
			"      --zeta                a switch",
			"",
		]);
	});

	it("leaves out zero defaults per type (a custom type's too) and quotes string defaults only", () => {
		const zero: FlagDef[] = [
			{ name: "b", type: "bool", usage: "u", def: "false" },
			{ name: "d", type: "duration", usage: "u", def: "0s" },
			{ name: "i", type: "int", usage: "u", def: "0" },
			{ name: "s", type: "string", usage: "u", def: "" },
			{ name: "c", type: "string", usage: "u", def: "<nil>", custom: true },
		];
		assert.ok(!flagUsages(zero).includes("(default"), flagUsages(zero));
		assert.match(flagUsages([{ name: "c", type: "string", usage: "u", def: "unknown", custom: true }]), /u \(default "unknown"\)/, "as oras prints --distribution-spec");
		assert.match(flagUsages([{ name: "t", type: "duration", usage: "u", def: "30s" }]), /--t duration +u \(default 30s\)/);
		assert.match(flagUsages([{ name: "b", type: "bool", usage: "u", def: "true" }]), /u \(default true\)/);
	});

	it("indents the continuation lines of a multi-line usage under the usage column", () => {
		const out = flagUsages([{ name: "x", type: "bool", usage: "first\nsecond" }]);
		assert.equal(out, "      --x   first\n            second\n");
	});
});

describe("renderHelp / renderUsage", () => {
	it("renders a leaf page: description, usage with its parent, flags with help, no command list", () => {
		const page = renderHelp("repo tags", "oras-ts");
		assert.ok(page.startsWith(`${(HELP_TEXT["repo tags"]?.long ?? "").trimEnd().split("\n")[0]}`));
		assert.match(page, /\nUsage:\n {2}oras-ts repo tags \[flags\] /);
		assert.match(page, /\nFlags:\n/);
		assert.match(page, / {2}-h, --help +help for tags\n/);
		assert.ok(!page.includes("Available Commands:"));
		assert.ok(!/(^|\s)oras /.test(page), "every `oras ` is the invoked name");
	});

	it("renders a group: [command] usage, aliases, its subcommands, and the --help hint", () => {
		const page = renderUsage("repo", "oras");
		assert.match(page, /^Usage:\n {2}oras repo \[command\]\n\nAliases:\n {2}repo, repository\n\nAvailable Commands:\n {2}ls +\S/);
		assert.match(page, /\n {2}tags +\S/);
		assert.match(page, /\nUse "oras repo \[command\] --help" for more information about a command\.\n$/);
	});

	it("lists the root's commands with cobra's help command, sorted", () => {
		const page = renderUsage("", "oras");
		const commands = page.split("Available Commands:\n")[1]?.split("\n\n")[0]?.split("\n").map((l) => l.trim().split(/\s+/)[0]) ?? [];
		assert.ok(commands.includes("help"));
		assert.ok(commands.includes("pull"));
		assert.deepEqual(commands, [...commands].sort());
		assert.match(page, / {2}help +Help about any command/);
		assert.match(page, /-h, --help +help for oras\n/);
	});

	it("renders the page of the help command itself", () => {
		assert.equal(
			renderHelpCommandPage("oras-ts"),
			"Help provides help for any command in the application.\nSimply type oras-ts help [path to command] for full details.\n\nUsage:\n  oras-ts help [command] [flags]\n\nFlags:\n  -h, --help   help for help\n",
		);
	});
});
