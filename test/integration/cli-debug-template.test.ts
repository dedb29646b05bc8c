/**
 * The real executable against distribution 2.8 with htpasswd: `--debug` traces in oras's layout
 * without the password or the Basic credential, and `--format go-template=…` over push's model.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { type TempDir, tempDir } from "./fixtures/cli.js";
import { type Htpasswd, makeHtpasswd } from "./fixtures/htpasswd.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const BIN = resolve(import.meta.dirname, "../../../bin/oras-ts.js");
const USER = "trace-user";
const PASS = "trace-Secret-77";

function run(args: string[], cwd: string, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((done) => {
		const child = execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd }, timeout: 30_000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
			done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
		});
		child.stdin?.end(stdin ?? "");
	});
}

describe("--debug traces and --format go-template through the executable", () => {
	let htp: Htpasswd;
	let reg: RunningRegistry;
	let work: TempDir;
	let host: string;
	before(async () => {
		htp = await makeHtpasswd([{ username: USER, password: PASS }]);
		reg = await startRegistry({ extraConfig: htp.registryConfig });
		work = await tempDir("oras-ts-cli-debug-");
		host = `localhost:${reg.port}`;
	});
	after(async () => {
		await reg?.stop();
		await htp?.cleanup();
		await work?.cleanup();
	});

	it("prints oras's request/response blocks with secrets as ***** and no password or token anywhere", async () => {
		const dir = await work.caseDir();
		await writeFile(join(dir, "a.txt"), "trace me\n");
		const push = await run(["push", "-d", "-u", USER, "--password-stdin", `${host}/trace/app:v1`, "a.txt"], dir, PASS);
		assert.equal(push.code, 0, push.stderr);
		const err = push.stderr;
		// each entry opens with oras's log prefix and ends with two empty lines
		assert.match(err, /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)\]\[DEBUG\]: --> Request #0\n/m);
		assert.match(err, /\n\n\n\[[^\]]+\]\[DEBUG\]: <-- Response #0\n/);
		assert.match(err, new RegExp(`^> Request URL: "http://localhost:${reg.port}/v2/[^"]*"$`, "m"));
		assert.match(err, /^> Request method: "(GET|HEAD|POST|PUT)"$/m);
		assert.match(err, /^> Request headers:\n {3}"/m);
		assert.match(err, /^ {3}"User-Agent": "oras-ts\/[^"]+"$/m);
		assert.match(err, /^< Response Status: "401 Unauthorized"$/m);
		assert.match(err, /^< Response Status: "201 Created"$/m);
		assert.match(err, /^< Response headers:\n {3}"/m);
		assert.match(err, /^ {3}"Www-Authenticate": "Basic realm=\\"[^"\\]+\\""$/m);
		assert.match(err, /^ {3}"Authorization": "\*\*\*\*\*"$/m);
		assert.match(err, /^< Response body:\n {3}No response body to print$/m);
		// Request numbers pair up: every request block has its response block.
		const reqIds = [...err.matchAll(/\]\[DEBUG\]: --> Request #(\d+)$/gm)].map((m) => m[1]);
		const resIds = [...err.matchAll(/\]\[DEBUG\]: <-- Response #(\d+)$/gm)].map((m) => m[1]);
		assert.deepEqual(resIds.slice().sort(), reqIds.slice().sort());
		assert.ok(reqIds.length >= 4);
		const basic = Buffer.from(`${USER}:${PASS}`).toString("base64");
		for (const out of [push.stdout, push.stderr]) {
			assert.ok(!out.includes(PASS), "no password");
			assert.ok(!out.includes(basic), "no Basic credential");
		}

		const pull = await run(["pull", "-d", "-u", USER, "--password-stdin", `${host}/trace/app:v1`, "-o", "out"], dir, PASS);
		assert.equal(pull.code, 0, pull.stderr);
		assert.match(pull.stderr, /^< Response Status: "200 OK"$/m);
		assert.match(pull.stderr, /^< Response body:\n\{"schemaVersion":2,/m, "the manifest JSON is printed");
		assert.match(pull.stderr, /^ {3}Response body of content type "application\/octet-stream" is not printed$/m, "the blob is not");
		assert.ok(!pull.stderr.includes(PASS) && !pull.stderr.includes(basic));
	});

	it("renders --format go-template over push's model as oras does (float64 numbers, Go maps, sprig)", async () => {
		const dir = await work.caseDir();
		await writeFile(join(dir, "hi.txt"), "hello world\n");
		const ref = `${host}/trace/tpl:v1`;
		const common = ["push", "-u", USER, "--password-stdin", "-a", "org.opencontainers.image.created=2024-01-01T00:00:00Z", ref, "hi.txt"];
		const json = await run([...common, "--format", "json"], dir, PASS);
		assert.equal(json.code, 0, json.stderr);
		const model = JSON.parse(json.stdout) as { digest: string; size: number; reference: string };
		const tpl = [
			"{{.digest}}|{{.size}}|{{len .referenceAsTags}}|{{.annotations}}",
			'{{range $i, $t := .referenceAsTags}}{{$i}}={{$t}}{{end}}|{{if eq .mediaType "application/vnd.oci.image.manifest.v1+json"}}oci{{else}}other{{end}}',
			'{{.digest | trimPrefix "sha256:" | trunc 12 | upper}}|{{printf "%.1f %d" .size (len .digest)}}|{{toJson .annotations}}|{{default "none" .missing}}',
		].join("\n");
		const r = await run([...common, "--format", `go-template=${tpl}`], dir, PASS);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(
			r.stdout,
			[
				`${model.digest}|${model.size}|1|map[org.opencontainers.image.created:2024-01-01T00:00:00Z]`,
				`0=${ref}|oci`,
				`${model.digest.slice(7, 19).toUpperCase()}|${model.size}.0 71|{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"}|none`,
			].join("\n"),
		);
		const bad = await run([...common, "--format", "go-template={{nosuchfunc .digest}}"], dir, PASS);
		assert.notEqual(bad.code, 0);
		assert.equal(bad.stderr.trim().split("\n").at(-1), 'Error: template: format output:1: function "nosuchfunc" not defined');
	});
});
