/**
 * The bundled CLI (scripts/bundle-cli.js → dist/cli/oras-ts.js and main.cjs, which bin/oras-ts.js runs when it is fresh):
 * built into a scratch directory under dist/, it prints every help page byte for byte as the
 * golden files, reports the package version, and `serve --htpasswd` finds its bcrypt worker (the
 * one file src/ loads through import.meta.url that the bundle must point back at dist/src).
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { HELP_PATHS } from "../../src/cli/help/render.js";
import { tempDir, type TempDir } from "./fixtures/cli.js";
import { spawnChildServe } from "./fixtures/serve.js";

const REPO = resolve(import.meta.dirname, "../../..");
const GOLDEN = join(REPO, "test", "integration", "fixtures", "help", "oras-ts");
const run = promisify(execFile);

describe("the bundled CLI", { timeout: 180_000 }, () => {
	let out: string;
	let entry: string;
	let work: TempDir;

	before(async () => {
		out = await mkdtemp(join(REPO, "dist", "bundle-test-"));
		entry = join(out, "oras-ts.js");
		await run(process.execPath, [join(REPO, "scripts", "bundle-cli.js"), "--outdir", out], { cwd: REPO, timeout: 60_000 });
		work = await tempDir("oras-ts-bundle-");
	});
	after(async () => {
		await rm(out, { recursive: true, force: true });
		await work?.cleanup();
	});

	it("is a small entry plus one main.cjs with its V8 code cache, not one file per module", () => {
		const files = readdirSync(out);
		for (const f of ["oras-ts.js", "main.cjs", "main.cjs.cache"]) assert.ok(files.includes(f), `${f} in ${files.join(" ")}`);
		// The entry (and its `version` and loader chunks) stay small; every command is in main.cjs.
		assert.ok(files.length >= 3 && files.length < 7, `${files.length} files`);
		assert.ok(statSync(join(out, "oras-ts.js")).size < 16_384);
		assert.ok(statSync(join(out, "main.cjs.cache")).size > 10_000);
	});

	it("runs `manifest index create` (the module manifest.ts loads through a constant is bundled too)", async () => {
		const r = spawnSync(process.execPath, [entry, "manifest", "index", "create", "--oci-layout", `${join(work.path, "index-layout")}:v1`], {
			encoding: "utf8",
			timeout: 20_000,
		});
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^Digest: sha256:[0-9a-f]{64}$/m);
	});

	it("prints every help page as the golden files and the package version", async () => {
		for (const path of ["", ...HELP_PATHS.filter((p) => p !== "")]) {
			const argv = [...(path === "" ? [] : path.split(" ")), "--help"];
			const r = spawnSync(process.execPath, [entry, ...argv], { encoding: "utf8", timeout: 20_000 });
			const golden = readFileSync(join(GOLDEN, `${path === "" ? "root" : path.replace(/ /g, "_")}.txt`), "utf8");
			assert.equal(r.stdout, golden, `oras-ts ${argv.join(" ")}`);
		}
		const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string };
		const v = spawnSync(process.execPath, [entry, "version"], { encoding: "utf8", timeout: 20_000 });
		assert.equal(v.status, 0);
		assert.match(v.stdout, new RegExp(`^Version:\\s+${pkg.version.replace(/\./g, "\\.")}$`, "m"));
	});

	it("serve --htpasswd checks passwords in its bcrypt worker", async () => {
		const htpasswd = join(work.path, "htpasswd");
		await writeFile(htpasswd, `alice:${bcrypt.hashSync("s3cret", 4)}\n`);
		const sv = await spawnChildServe(
			[entry, "serve", "--root", join(work.path, "root"), "--addr", "127.0.0.1:0", "--htpasswd", htpasswd],
			/Serving \S+ at (http:\/\/\S+)/,
			"bundled serve",
		);
		try {
			const get = async (password: string) => {
				const res = await fetch(`${sv.url}/v2/`, { headers: { authorization: `Basic ${Buffer.from(`alice:${password}`).toString("base64")}` } });
				await res.body?.cancel();
				return res.status;
			};
			assert.equal(await get("s3cret"), 200);
			assert.equal(await get("wrong"), 401);
		} finally {
			await sv.stop();
		}
	});
});
