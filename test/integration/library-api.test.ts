import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { createRepository, FileStore, hasCode, OciLayoutStore, pushArtifact } from "../../src/index.js";
import { copy, pull } from "../../src/graph/index.js";
import { run } from "../../src/cli/main.js";
import { tempDir } from "./fixtures/cli.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

describe("the library API as the README shows it", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	before(async () => {
		reg = await startRegistry();
		work = await tempDir();
		await mkdir(join(work.path, "build"));
		await writeFile(join(work.path, "build", "app.tar.gz"), "pretend this is an archive");
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("pushes files, pulls them, and copies through an OCI layout to another repository", async () => {
		const files = new FileStore(join(work.path, "build"));
		const layer = await files.add("app.tar.gz", "application/vnd.example.app+gzip");
		const repo = createRepository(`${reg.host}/app`, { plainHttp: true });
		const { root } = await pushArtifact(files, { artifactType: "application/vnd.example.app", layers: [layer] }, repo, "v1");
		await files.close();
		assert.equal((await repo.resolve("v1")).digest, root.digest);

		const out = new FileStore(join(work.path, "out"));
		const result = await pull(repo, "v1", out, { concurrency: 3 });
		await out.close();
		assert.deepEqual(
			result.files.map((f) => f.name),
			["app.tar.gz"],
		);
		assert.equal(await readFile(join(work.path, "out", "app.tar.gz"), "utf8"), "pretend this is an archive");

		const layout = await OciLayoutStore.open(join(work.path, "mirror"));
		await copy(repo, "v1", layout, "v1");
		const mirror = createRepository(`${reg.host}/mirror/app`, { plainHttp: true });
		const copied = await copy(layout, "v1", mirror, "v1");
		assert.equal(copied.digest, root.digest);
		assert.equal((await mirror.resolve("v1")).digest, root.digest);
		await assert.rejects(mirror.resolve("nope"), (e: unknown) => hasCode(e, "NOT_FOUND"));
		repo.client.close();
		mirror.client.close();
	});

	it("draws progress on a terminal and keeps stdout for the summary", async () => {
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		const out = new PassThrough();
		const err = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
		let stdout = "";
		let stderr = "";
		out.on("data", (b: Buffer) => (stdout += b.toString()));
		err.on("data", (b: Buffer) => (stderr += b.toString()));
		const code = await run(["push", "--plain-http", `${reg.host}/tty:v1`, "hi.txt"], {
			stdout: out,
			stderr: err,
			stdin: new PassThrough(),
			env: { HOME: work.path },
			cwd: work.path,
		});
		assert.equal(code, 0, stderr);
		// Colours as oras draws them; the row's text without its escape sequences.
		const plain = (s: string): string => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, "");
		assert.match(plain(stderr), /✓ Uploaded {2}hi\.txt/);
		assert.match(stderr, /└─ sha256:a948904f2f0f/);
		assert.doesNotMatch(stdout, /Uploading/);
		assert.match(stdout, /^Pushed \[registry\] .*tty:v1$/m);

		// A large file is hashed while it uploads; the bar then ends as one "Uploaded" line.
		await writeFile(join(work.path, "nine.bin"), Buffer.alloc(9 * 1024 * 1024, 1));
		stderr = "";
		stdout = "";
		const big = await run(["push", "--plain-http", `${reg.host}/tty:big`, "nine.bin"], {
			stdout: out,
			stderr: err,
			stdin: new PassThrough(),
			env: { HOME: work.path },
			cwd: work.path,
		});
		assert.equal(big.valueOf(), 0, stderr);
		assert.match(plain(stderr), /✓ Uploaded {2}nine\.bin/);
		assert.doesNotMatch(plain(stderr), /staging:/, "no stand-in row for the staged upload");
	});
});
