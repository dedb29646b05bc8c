import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { run } from "../../../src/cli/main.js";
import { describeConnectionError } from "../../../src/cli/options/remote.js";
import { OrasError } from "../../../src/errors.js";

const home = await mkdtemp(join(tmpdir(), "oras-ts-login-unit-"));
after(() => rm(home, { recursive: true, force: true }));

/** Runs the CLI with a fake terminal on stdin; `input` is typed after the command starts. */
async function withTTY(argv: string[], input: string[]): Promise<{ code: number; stdout: string; stderr: string; raw: boolean[] }> {
	const stdin = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[] });
	const rawModes: boolean[] = [];
	(stdin as unknown as { setRawMode: (b: boolean) => void }).setRawMode = (b: boolean) => {
		rawModes.push(b);
	};
	const out = new PassThrough();
	const err = new PassThrough();
	let stdout = "";
	let stderr = "";
	out.on("data", (b: Buffer) => {
		stdout += b.toString();
	});
	err.on("data", (b: Buffer) => {
		stderr += b.toString();
	});
	for (const chunk of input) stdin.write(chunk);
	const code = await run(argv, { stdin, stdout: out, stderr: err, env: { HOME: home, DOCKER_CONFIG: join(home, "docker") }, cwd: home });
	return { code, stdout, stderr, raw: rawModes };
}

describe("login prompts", () => {
	it("echoes the username, hides the password in raw mode (backspace edits), then tries the registry", async () => {
		// 127.0.0.1:1 refuses connections: the prompt flow runs, the ping fails fast.
		const r = await withTTY(["login", "127.0.0.1:1"], ["alice\n", "secreX\x7ft\r"]);
		assert.equal(r.code, 1);
		assert.equal(r.stdout, "Username: Password: \n");
		assert.deepEqual(r.raw, [true, false], "raw mode on for the password only, then restored");
		assert.match(r.stderr, /^Error: failed to validate the credentials for 127\.0\.0\.1:1: /);
		assert.doesNotMatch(r.stderr + r.stdout, /secre/);
	});
	it("asks for a token when the username is empty, and requires an answer", async () => {
		const token = await withTTY(["login", "127.0.0.1:1"], ["\n", "\r"]);
		assert.equal(token.stdout, "Username: Token: \n");
		assert.equal(token.stderr, "Error: token required\n");
		const pw = await withTTY(["login", "-u", "bob", "127.0.0.1:1"], ["\r"]);
		assert.equal(pw.stdout, "Password: \n");
		assert.equal(pw.stderr, "Error: password required\n");
	});
	it("aborts on Ctrl-C at a hidden prompt", async () => {
		const r = await withTTY(["login", "-u", "bob", "127.0.0.1:1"], ["abc\x03"]);
		assert.equal(r.code, 1);
		assert.equal(r.stderr, "Error: operation aborted\n");
		assert.deepEqual(r.raw, [true, false]);
	});
	it("rejects exclusive flags and wrong argument counts like oras", async () => {
		const both = await withTTY(["login", "-u", "a", "--identity-token", "t", "h.example"], []);
		assert.equal(both.stderr, "Error: --username, --identity-token cannot be used at the same time\n");
		const none = await withTTY(["login"], []);
		assert.match(none.stderr, /^Error: "oras-ts login" requires exactly 1 argument but got 0\n/);
		const logout = await withTTY(["logout", "a", "b"], []);
		assert.match(logout.stderr, /^Error: "oras-ts logout" requires exactly 1 argument but got 2\n/);
	});
});

describe("describeConnectionError", () => {
	it("turns OpenSSL noise into a short tls message and hints at the flag that helps", () => {
		const raw = new OrasError(
			"TLS_ERROR",
			'GET "https://r:1/v2/": 80BCADD6E37F0000:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 42',
		);
		const e = describeConnectionError(raw, "failed", {}) as OrasError;
		assert.equal(e.message, 'failed: GET "https://r:1/v2/": tls: sslv3 alert bad certificate (alert 42)');
		assert.match(e.hint ?? "", /--cert-file and --key-file/);
		const untrusted = describeConnectionError(new OrasError("TLS_ERROR", "self-signed certificate in certificate chain"), "p", {}) as OrasError;
		assert.match(untrusted.hint ?? "", /--ca-file .*--insecure/);
		const forbidden = describeConnectionError(new OrasError("FORBIDDEN", "denied: requested access to the resource is denied"), "p", {}) as OrasError;
		assert.match(forbidden.hint ?? "", /forbidden scope/);
		assert.equal(describeConnectionError("plain", "p", {}), "plain");
	});
});
