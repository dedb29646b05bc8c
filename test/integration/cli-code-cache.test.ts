/**
 * The V8 code cache of the bundled CLI (dist/cli/main.cjs.cache, made by scripts/bundle-cli.js,
 * read by its loader with vm.Script): `ORAS_TS_DEBUG_CODE_CACHE=1` makes the loader print
 * `code cache: accepted|rejected|absent` to stderr. Made by the running Node (scripts/make-code-cache.js)
 * and read with the flags the CLI
 * sets at run time (`--semi-space-growth-factor=1`, after main.cjs is compiled), the cache is
 * accepted; a damaged one (bytes flipped at the same length, cut short, emptied; in copies of
 * dist/cli) is rejected, and the CLI prints the same output. Before the loader had V8 checksum the
 * cache, flipped bytes crashed the process in V8's deserializer. Runs after `npm run build`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

const REPO = resolve(import.meta.dirname, "../../..");
const BUILT = join(REPO, "dist", "cli");

/** Ways to damage a cache file. */
const DAMAGE: Record<string, (b: Buffer) => Buffer> = {
	"64 bytes flipped in the middle": (b) => {
		const c = Buffer.from(b);
		for (let i = c.length >> 1; i < (c.length >> 1) + 64; i++) c[i] = (c[i] as number) ^ 0xff;
		return c;
	},
	"one byte in 97 changed": (b) => {
		const c = Buffer.from(b);
		for (let i = 100; i < c.length; i += 97) c[i] = (c[i] as number) ^ 0x5a;
		return c;
	},
	"cut to half": (b) => b.subarray(0, b.length >> 1),
	empty: () => Buffer.alloc(0),
};

function cli(dir: string, args: string[], debug = true): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
	const env = { ...process.env };
	delete env.NODE_OPTIONS;
	if (debug) env.ORAS_TS_DEBUG_CODE_CACHE = "1";
	else delete env.ORAS_TS_DEBUG_CODE_CACHE;
	const r = spawnSync(process.execPath, [join(dir, "oras-ts.js"), ...args], { encoding: "utf8", env, timeout: 60_000 });
	return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

describe("the bundled CLI's V8 code cache", { timeout: 120_000 }, () => {
	let work: string;
	const copies = new Map<string, string>();
	before(async () => {
		assert.ok(existsSync(join(BUILT, "main.cjs.cache")), "dist/cli/main.cjs.cache exists (run `npm run build`)");
		// Under dist/ like dist/cli, so what the bundle finds relative to itself (package.json above) is found.
		work = await mkdtemp(join(REPO, "dist", "code-cache-test-"));
		// The cache of the Node running the tests (CI runs them on a second Node line too, whose V8
		// rejects the cache the build's Node made), made as the build makes it.
		const intact = join(work, "intact");
		cpSync(BUILT, intact, { recursive: true });
		const made = spawnSync(process.execPath, [join(REPO, "scripts", "make-code-cache.js"), join(intact, "main.cjs")], { encoding: "utf8", timeout: 60_000 });
		assert.equal(made.status, 0, made.stderr);
		copies.set("intact", intact);
		const cache = readFileSync(join(intact, "main.cjs.cache"));
		for (const [name, damage] of Object.entries(DAMAGE)) {
			const dir = join(work, name.replace(/\W+/g, "-"));
			cpSync(BUILT, dir, { recursive: true });
			writeFileSync(join(dir, "main.cjs.cache"), damage(cache));
			copies.set(name, dir);
		}
	});
	after(async () => {
		if (work) await rm(work, { recursive: true, force: true });
	});

	it("is accepted on this Node with the flags the CLI sets at run time", () => {
		for (const args of [["push", "--help"], ["version", "--help"]]) {
			const r = cli(copies.get("intact") as string, args);
			assert.equal(r.status, 0, r.stderr);
			assert.equal(r.stderr, "code cache: accepted\n", `${args.join(" ")}: ${r.stderr}`);
			assert.match(r.stdout, /Usage:/);
		}
	});

	it("a damaged cache is rejected and the CLI prints the same as with the intact one", () => {
		const intact = copies.get("intact") as string;
		const want = { push: cli(intact, ["push", "--help"]).stdout, version: cli(intact, ["version"]).stdout };
		assert.match(want.version, /^Version: /);
		for (const name of Object.keys(DAMAGE)) {
			const dir = copies.get(name) as string;
			const push = cli(dir, ["push", "--help"]);
			assert.equal(push.signal, null, `${name}: killed by ${push.signal}: ${push.stderr.slice(0, 300)}`);
			assert.equal(push.status, 0, `${name}: ${push.stderr.slice(0, 300)}`);
			assert.equal(push.stderr, "code cache: rejected\n", name);
			assert.equal(push.stdout, want.push, name);
			// `version` alone takes the fast path (main.cjs not loaded): nothing about the cache.
			const version = cli(dir, ["version"]);
			assert.equal(version.status, 0, name);
			assert.equal(version.stderr, "", name);
			assert.equal(version.stdout, want.version, name);
			// Without the debug variable the loader says nothing.
			const quiet = cli(dir, ["push", "--help"], false);
			assert.equal(quiet.status, 0, name);
			assert.equal(quiet.stderr, "", name);
			assert.equal(quiet.stdout, want.push, name);
		}
	});
});
