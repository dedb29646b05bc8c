/** The flags a help page shows are exactly the flags the command accepts (deprecated ones hidden). */
import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";
import { describe, it } from "node:test";
import { Command } from "commander";
import { COMMANDS } from "../../../src/cli/commands/index.js";
import { EXTRA_FLAGS, EXTRA_TEXT } from "../../../src/cli/help/extras.js";
import { FLAGS } from "../../../src/cli/help/flags.js";
import { flagUsages, resolveHelpPath, withProgramName } from "../../../src/cli/help/render.js";
import type { CliIO } from "../../../src/cli/io.js";

const io: CliIO = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]), env: {}, cwd: "/" };

/** Leaf commands and their visible long flag names, as commander defines them. */
async function definedFlags(): Promise<Map<string, { names: string[]; shorts: Map<string, string> }>> {
	const out = new Map<string, { names: string[]; shorts: Map<string, string> }>();
	const walk = (cmd: Command, path: string): void => {
		if (cmd.commands.length > 0) {
			for (const c of cmd.commands) walk(c, `${path} ${c.name()}`);
			return;
		}
		const visible = cmd.options.filter((o) => !o.hidden && o.long !== "--verbose" && (!o.negate || o.long === "--no-tty"));
		const shorts = new Map(visible.filter((o) => o.short).map((o) => [(o.long as string).slice(2), (o.short as string).slice(1)]));
		out.set(path, { names: visible.map((o) => (o.long as string).slice(2)).sort(), shorts });
	};
	for (const e of COMMANDS) {
		const cmd = new Command(e.name);
		(await e.load()).define(cmd, io);
		if (e.name === "manifest") {
			const idx = cmd.commands.find((c) => c.name() === "index") as Command;
			(cmd.commands as Command[]).splice(cmd.commands.indexOf(idx), 1);
			const sub = new Command("index");
			(await import("../../../src/cli/commands/manifest-index.js")).define(sub, io);
			walk(sub, "manifest index");
		}
		walk(cmd, e.name);
	}
	return out;
}

describe("help flag tables", () => {
	it("list exactly the flags each command accepts", async () => {
		const defined = await definedFlags();
		for (const [path, { names, shorts }] of defined) {
			const shown = [...(EXTRA_TEXT[path] ? [] : (FLAGS[path] ?? [])), ...(EXTRA_FLAGS[path] ?? [])];
			// `version -d` is accepted (and ignored) for scripts that pass --debug everywhere; oras's page has no flags.
			const accepted = path === "version" ? names.filter((n) => n !== "debug") : names;
			assert.deepEqual([...shown.map((f) => f.name)].sort(), accepted, path);
			for (const f of shown) assert.equal(f.short, shorts.get(f.name), `${path} --${f.name} shorthand`);
		}
		assert.ok(defined.size >= 24, `only ${defined.size} leaf commands`);
	});

	it("align as pflag does: usage one column past the longest flag, defaults as Go prints them", () => {
		const text = flagUsages([
			{ name: "output", short: "o", type: "string", def: "tree", usage: "format" },
			{ name: "concurrency", type: "int", def: "3", usage: "concurrency level" },
			{ name: "plain-http", type: "bool", usage: "allow http" },
			{ name: "resolve", type: "stringArray", usage: "rules in `host:port`" },
			{ name: "media-type", type: "stringSlice", usage: "types" },
			{ name: "size", type: "int64", def: "-1", usage: "size" },
		]);
		assert.equal(
			text,
			[
				"      --concurrency int      concurrency level (default 3)",
				"      --media-type strings   types",
				"  -o, --output string        format (default \"tree\")",
				"      --plain-http           allow http",
				"      --resolve host:port    rules in host:port",
				"      --size int             size (default -1)",
				"",
			].join("\n"),
		);
	});

	it("resolve command paths through aliases", () => {
		assert.deepEqual(resolveHelpPath(["manifest", "get"]), { path: "manifest fetch", used: 2 });
		assert.deepEqual(resolveHelpPath(["repository", "list", "x"]), { path: "repo ls", used: 2 });
		assert.deepEqual(resolveHelpPath(["copy"]), { path: "cp", used: 1 });
		assert.deepEqual(resolveHelpPath(["nope"]), { path: "", used: 0 });
	});

	it("substitute the program name only where it names the program", () => {
		assert.equal(withProgramName("  oras push x\nShow the oras version information\n  export ORAS_CACHE=~/.oras/cache", "oras-ts"), "  oras-ts push x\nShow the oras-ts version information\n  export ORAS_CACHE=~/.oras/cache");
	});
});
