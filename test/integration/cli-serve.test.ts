import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { run } from "../../src/cli/main.js";
import { oras, tempDir } from "./fixtures/cli.js";

describe("oras-ts serve, used by the oras-ts CLI", () => {
	let work: { path: string; cleanup: () => Promise<void> };
	before(async () => {
		work = await tempDir();
		await writeFile(join(work.path, "hi.txt"), "hello world\n");
		await writeFile(join(work.path, "sbom.json"), '{"sbom":true}');
	});
	after(async () => {
		await work?.cleanup();
	});

	it("serves push, pull, attach and discover (referrers API) in-process and stops on abort", async () => {
		const ac = new AbortController();
		const out = new PassThrough();
		let stdout = "";
		out.on("data", (b: Buffer) => (stdout += b.toString()));
		const err = new PassThrough();
		let log = "";
		err.on("data", (b: Buffer) => (log += b.toString()));
		const serving = run(["serve", "--addr", "127.0.0.1:0", "--root", "store"], {
			stdout: out,
			stderr: err,
			stdin: new PassThrough(),
			env: {},
			cwd: work.path,
			signal: ac.signal,
		});
		let url = "";
		for (let i = 0; i < 100 && url === ""; i++) {
			url = /at (http:\/\/\S+)/.exec(stdout)?.[1] ?? "";
			if (url === "") await new Promise((r) => setTimeout(r, 20));
		}
		assert.ok(url, `server announced its address: ${stdout}`);
		const host = new URL(url).host;
		const cli = (...argv: string[]) => oras(argv, { cwd: work.path });
		const push = await cli("push", "--plain-http", `${host}/demo:v1`, "hi.txt");
		assert.equal(push.code, 0, push.stderr);
		const attach = await cli("attach", "--plain-http", "--artifact-type", "application/spdx+json", `${host}/demo:v1`, "sbom.json");
		assert.equal(attach.code, 0, attach.stderr);
		const discover = await cli("discover", "--plain-http", "--format", "json", `${host}/demo:v1`);
		assert.equal(discover.code, 0, discover.stderr);
		assert.equal(JSON.parse(discover.stdout).referrers[0].artifactType, "application/spdx+json");
		assert.match(log, /GET \/v2\/demo\/referrers\/sha256:[0-9a-f]{64}/, "discover used the referrers API");
		assert.doesNotMatch(log, /GET \/v2\/demo\/manifests\/sha256-/, "no tag-schema fallback was needed");
		const pull = await cli("pull", "--plain-http", `${host}/demo:v1`, "-o", "out");
		assert.equal(pull.code, 0, pull.stderr);
		assert.equal(await readFile(join(work.path, "out", "hi.txt"), "utf8"), "hello world\n");
		ac.abort();
		assert.equal(await serving, 0);
	});

	it("runs as an executable and exits 0 on SIGTERM, keeping what was pushed", async () => {
		const bin = join(process.cwd(), "bin", "oras-ts.js");
		const child = spawn(process.execPath, [bin, "serve", "--addr", "127.0.0.1:0", "--root", "store2", "--log-level", "warn"], { cwd: work.path });
		let stdout = "";
		child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
		const exited = new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
		let url = "";
		for (let i = 0; i < 200 && url === ""; i++) {
			url = /at (http:\/\/\S+)/.exec(stdout)?.[1] ?? "";
			if (url === "") await new Promise((r) => setTimeout(r, 25));
		}
		assert.ok(url, "the server printed its address");
		const host = new URL(url).host;
		const push = await oras(["push", "--plain-http", `${host}/demo:v1`, "hi.txt"], { cwd: work.path });
		assert.equal(push.code, 0, push.stderr);
		child.kill("SIGTERM");
		assert.equal(await exited, 0);
		// The storage is an OCI layout per repository: readable offline.
		const offline = await oras(["pull", "--oci-layout", "store2/demo:v1", "-o", "out2"], { cwd: work.path });
		assert.equal(offline.code, 0, offline.stderr);
		assert.equal(await readFile(join(work.path, "out2", "hi.txt"), "utf8"), "hello world\n");
	});
});
