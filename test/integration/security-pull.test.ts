/**
 * Security: `oras-ts pull` from a hostile registry never creates, changes or truncates
 * anything outside `-o`, whatever the artifact holds and whatever order its layers arrive
 * in. Each case runs the real CLI into `<case>/out` next to a victim file and directory,
 * and compares a snapshot of the whole test tree (minus `out`) before and after.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readFile, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodedOf, parseDigest } from "../../src/oci/digest.js";
import { oras, tempDir, type TempDir } from "./fixtures/cli.js";
import type { RawTarEntry } from "./fixtures/hostile.js";
import { assertUnchanged, type Hold, type HostilePullRegistry, makeVictims, type PullLayer, snapshot, startHostilePullRegistry } from "./fixtures/hostile-pull.js";

/** Exit 1 and exactly one `Error:` line (plus an optional hint), no stack trace. */
function assertOneErrorLine(r: { code: number; stderr: string }, pattern: RegExp): void {
	assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
	const lines = r.stderr.trimEnd().split("\n");
	assert.match(lines[0] ?? "", /^Error: /, r.stderr);
	assert.equal(lines.filter((l) => /^Error/.test(l)).length, 1, r.stderr);
	assert.match(lines[0] ?? "", pattern);
	assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

const dir = (name: string): RawTarEntry => ({ name, type: "5" });
const file = (name: string, data = "x"): RawTarEntry => ({ name, type: "0", data: Buffer.from(data) });
const sym = (name: string, linkname: string): RawTarEntry => ({ name, type: "2", linkname });
const hard = (name: string, linkname: string): RawTarEntry => ({ name, type: "1", linkname });

/** The item 1: `d/a/b/up -> ../..` is legal; the hard link `d/esc` copies it to where `../..` is outside. */
const HARDLINK_COPIES_SYMLINK: readonly RawTarEntry[] = [dir("d/"), dir("d/a/"), dir("d/a/b/"), sym("d/a/b/up", "../.."), hard("d/esc", "d/a/b/up")];

/** A 1 MiB+ blob (resumable ingest) and a directory layer that plants its partial file as a link to the victim. */
function plantedPartial(ingestTitle: string): { big: Buffer; plant: PullLayer } {
	const big = randomBytes(1024 * 1024 + 17);
	const hex = encodedOf(parseDigest(`sha256:${createHash("sha256").update(big).digest("hex")}`));
	const p = ingestTitle;
	return {
		big,
		plant: {
			dir: p,
			// From <out>/.oras-ts-ingest the copied link `../../victim.txt` names <case>/victim.txt.
			entries: [dir(`${p}/`), dir(`${p}/a/`), dir(`${p}/a/b/`), sym(`${p}/a/b/v`, "../../victim.txt"), hard(`${p}/sha256-${hex}.partial`, `${p}/a/b/v`)],
		},
	};
}

describe("security: pull never writes outside -o", () => {
	let reg: HostilePullRegistry;
	let work: TempDir;
	let n = 0;

	/** Publishes the layers, pulls them into a fresh `<case>/out`, checks that nothing outside changed. */
	async function attack(layers: readonly PullLayer[], opts: { hold?: Hold; concurrency?: number; flags?: string[] } = {}) {
		const repo = `attack${++n}`;
		reg.publish(repo, layers, opts.hold);
		const caseDir = await work.caseDir();
		const victims = await makeVictims(caseDir);
		const out = join(caseDir, "out");
		await mkdir(out);
		const beforeSnap = await snapshot(work.path, [out]);
		const r = await oras(["pull", "--plain-http", `${reg.host}/${repo}:v1`, "-o", "out", "--concurrency", String(opts.concurrency ?? 1), ...(opts.flags ?? [])], {
			cwd: caseDir,
		});
		await assertUnchanged(work.path, beforeSnap, [out]);
		assert.deepEqual(await readFile(victims.file), victims.bytes, "victim bytes unchanged");
		return { ...r, out, caseDir };
	}

	before(async () => {
		reg = await startHostilePullRegistry();
		work = await tempDir("oras-ts-security-pull-");
	});
	after(async () => {
		await reg?.close();
		await work?.cleanup();
	});

	it("item 1: a hard link that copies a symlink is refused, so a later titled file cannot go through it", async () => {
		const r = await attack([{ dir: "d", entries: HARDLINK_COPIES_SYMLINK }, { title: "d/esc/evil.bin", data: Buffer.from("evil") }]);
		assertOneErrorLine(r, /hard link to the symbolic link "d\/a\/b\/up": path traversal disallowed/);
		// the directory layer was refused as a whole: nothing of it is in the output either
		assert.deepEqual(await readdir(r.out), []);
	});

	it("item 1, titled file first: its path was checked before the directory layer landed (body held back)", async () => {
		const r = await attack([{ title: "d/esc/evil.bin", data: Buffer.from("evil") }, { dir: "d", entries: HARDLINK_COPIES_SYMLINK }], {
			hold: { layer: 0, until: 1, ms: 300 },
			concurrency: 3,
		});
		assertOneErrorLine(r, /hard link to the symbolic link|path traversal/);
	});

	it("item 1 with --allow-path-traversal: the archive is still refused (a hard link never yields a symlink)", async () => {
		const r = await attack([{ dir: "d", entries: HARDLINK_COPIES_SYMLINK }, { title: "d/esc/evil.bin", data: Buffer.from("evil") }], { flags: ["--allow-path-traversal"] });
		assertOneErrorLine(r, /hard link to the symbolic link/);
	});

	for (const title of [".oras-ts-ingest", "x/../.oras-ts-ingest", "./.oras-ts-ingest/", ".ORAS-TS-INGEST"]) {
		it(`item 2: a directory layer titled ${JSON.stringify(title)} cannot plant a partial file (--concurrency 1)`, async () => {
			const { big, plant } = plantedPartial(title.replace(/\/$/, ""));
			const r = await attack([plant, { title: "big.bin", data: big }]);
			assertOneErrorLine(r, /\.oras-ts-ingest is reserved for partial downloads/);
			assert.deepEqual(await readdir(r.out), []);
		});
	}

	it("item 3: a registry that holds back the big blob until the plant landed cannot truncate the victim", async () => {
		const { big, plant } = plantedPartial(".oras-ts-ingest");
		const r = await attack([{ title: "big.bin", data: big }, plant], { hold: { layer: 0, until: 1, ms: 500 }, concurrency: 3 });
		assertOneErrorLine(r, /reserved for partial downloads/);
		assert.equal((await stat(join(r.caseDir, "victim.txt"))).size, 2 * 1024 * 1024 + 3);
	});

	it("a layer titled into the ingest directory is refused, with and without --allow-path-traversal", async () => {
		for (const flags of [[], ["--allow-path-traversal"]]) {
			const r = await attack([{ title: ".oras-ts-ingest/sha256-0.partial", data: Buffer.from("x") }], { flags });
			assertOneErrorLine(r, /"\.oras-ts-ingest\/sha256-0\.partial": \.oras-ts-ingest is reserved/);
			assert.deepEqual(await readdir(r.out), []);
		}
	});

	it("titled files and a second directory layer through symlinks a directory layer made stay inside (any order)", async () => {
		const layers: PullLayer[] = [
			{ dir: "d", entries: [dir("d/"), dir("d/a/"), dir("d/a/b/"), sym("d/a/b/up", "../.."), sym("d/s", "a")] },
			{ title: "d/a/b/up/x.txt", data: Buffer.from("through up\n") },
			{ title: "d/s/y.txt", data: Buffer.from("through s\n") },
			{ dir: "d/a/b/up/e", entries: [dir("d/a/b/up/e/"), file("d/a/b/up/e/f.txt", "in e\n"), sym("d/a/b/up/e/back", "f.txt")] },
		];
		// In manifest order, one at a time.
		const r = await attack(layers);
		assert.equal(r.code, 0, r.stderr);
		// Wherever each landed, it is inside out; the view through the links is what was sent.
		assert.equal(await readFile(join(r.out, "d/x.txt"), "utf8"), "through up\n");
		assert.equal(await readFile(join(r.out, "d/a/y.txt"), "utf8"), "through s\n");
		assert.equal(await readFile(join(r.out, "d/e/back"), "utf8"), "in e\n");
		// The titled file first, its body held back until the directory layer landed: its path was
		// checked against an empty output, and is checked again right before it is written.
		const r2 = await attack([layers[1] as PullLayer, layers[0] as PullLayer], { hold: { layer: 0, until: 1, ms: 300 }, concurrency: 3 });
		assert.equal(r2.code, 0, r2.stderr);
		assert.equal(await readFile(join(r2.out, "d/x.txt"), "utf8"), "through up\n");
	});

	it("a symlink to a sibling that a later layer replaces still leads inside", async () => {
		const r = await attack([
			{ dir: "d", entries: [dir("d/"), dir("d/s/"), file("d/s/old.txt"), sym("d/l", "s")] },
			{ dir: "d/s", entries: [dir("d/s/"), file("d/s/new.txt", "new\n"), dir("d/s/in/"), sym("d/s/in/up", "..")] },
			{ title: "d/l/in/up/g.txt", data: Buffer.from("g\n") },
		]);
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual((await readdir(join(r.out, "d/s"))).sort(), ["g.txt", "in", "new.txt"]);
		assert.equal(await readFile(join(r.out, "d/l/new.txt"), "utf8"), "new\n");
	});

	it("regression: legitimate symlinks and hard links inside a directory layer extract as before", async () => {
		const r = await attack(
			[
				{
					dir: "tree",
					entries: [
						dir("tree/"),
						file("tree/f.txt", "hello\n"),
						dir("tree/sub/"),
						sym("tree/sub/link", "../f.txt"),
						sym("tree/sub/up", ".."),
						hard("tree/hard", "tree/f.txt"),
						hard("tree/sub/hard2", "tree/f.txt"),
						sym("tree/dangling", "missing"),
					],
				},
			],
			{ concurrency: 3 },
		);
		assert.equal(r.code, 0, r.stderr);
		const t = join(r.out, "tree");
		assert.equal(await readlink(join(t, "sub/link")), "../f.txt");
		assert.equal(await readFile(join(t, "sub/link"), "utf8"), "hello\n");
		assert.equal(await readlink(join(t, "sub/up")), "..");
		assert.equal(await readlink(join(t, "dangling")), "missing");
		const f = await lstat(join(t, "f.txt"));
		assert.equal(f.nlink, 3);
		assert.equal((await lstat(join(t, "hard"))).ino, f.ino);
		assert.equal((await lstat(join(t, "sub/hard2"))).ino, f.ino);
		assert.deepEqual((await readdir(r.out)).sort(), ["tree"], "no temp or ingest directory left");
	});

	it("a resumable (1 MiB+) layer next to directory layers still lands in place and leaves no ingest directory", async () => {
		const big = randomBytes(1024 * 1024 + 5);
		const r = await attack([{ dir: "d", entries: [dir("d/"), dir("d/a/"), sym("d/a/up", "..")] }, { title: "d/a/up/big.bin", data: big }], {
			hold: { layer: 1, until: 0, ms: 200 },
			concurrency: 3,
		});
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(await readFile(join(r.out, "d/big.bin")), big);
		assert.deepEqual((await readdir(r.out)).sort(), ["d"]);
	});
});
