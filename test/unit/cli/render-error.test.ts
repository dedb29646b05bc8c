/** renderError: how the CLI prints any error (oras's prefixes, Go's network wording, hints, --debug stacks). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderError, UsageError } from "../../../src/cli/errors.js";
import { OrasError } from "../../../src/errors.js";
import { CopyError } from "../../../src/graph/index.js";

const lines = (err: unknown, ctx = {}) => renderError(err, false, ctx).lines;

describe("renderError", () => {
	it("prints usage errors and library errors as `Error: <one line>` plus hint lines, exit code 1", () => {
		const r = renderError(new UsageError("bad\n  flag", "see --help"), false);
		assert.deepEqual(r, { lines: ["Error: bad flag", "see --help"], exitCode: 1 });
		assert.deepEqual(lines(new OrasError("INVALID_ARGUMENT", "nope", { hint: "line 1\nline 2" })), ["Error: nope", "line 1\nline 2"]);
	});

	it("prefixes what a registry replied with oras's words", () => {
		for (const code of ["REGISTRY_ERROR", "UNAUTHORIZED", "FORBIDDEN"] as const) {
			assert.deepEqual(lines(new OrasError(code, "denied")), ["Error response from registry: denied"]);
		}
		const reply = { method: "GET", url: "http://h/v2/r/manifests/v1", status: 404, errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }] };
		assert.deepEqual(lines(new OrasError("NOT_FOUND", "h/r:v1: not found", { cause: reply })), ["Error response from registry: h/r:v1: not found"]);
		assert.deepEqual(lines(new OrasError("NOT_FOUND", "local: not found")), ["Error: local: not found"], "a NOT_FOUND with no registry reply is ours");
	});

	it("prints a listing's 'repository not found' as the registry's own error response", () => {
		const withErrors = { method: "GET", url: "http://h/v2/r/tags/list", status: 404, errors: [{ code: "NAME_UNKNOWN", message: "repository name not known to registry" }] };
		assert.deepEqual(lines(new OrasError("NOT_FOUND", "h/r: repository not found", { cause: withErrors })), ["Error response from registry: name unknown: repository name not known to registry"]);
		const bare = { ...withErrors, errors: [] };
		assert.deepEqual(lines(new OrasError("NOT_FOUND", "h/r: repository not found", { cause: bare })), ['Error response from registry: GET "http://h/v2/r/tags/list": response status code 404: Not Found']);
	});

	it("trims the request off 'basic credential not found' and names the credential file", () => {
		const err = new OrasError("UNAUTHORIZED", 'GET "https://h/v2/": basic credential not found', { hint: "extra" });
		assert.deepEqual(lines(err, { credentialFile: () => "/home/u/.docker/config.json" }), [
			"Error: basic credential not found",
			'Please check whether the registry credential stored in the authentication file at "/home/u/.docker/config.json" is correct',
			"extra",
		]);
		assert.equal(lines(new OrasError("UNAUTHORIZED", "basic credential not found"))[1], "Please check whether the registry credential stored in the authentication file is correct");
	});

	it("words failed connections as Go's net package does", () => {
		assert.deepEqual(lines(new OrasError("NETWORK_ERROR", 'GET "http://127.0.0.1:1/v2/": connect ECONNREFUSED 127.0.0.1:1')), ['Error: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused']);
		assert.deepEqual(lines(new OrasError("NETWORK_ERROR", 'HEAD "http://[::1]:1/v2/": connect ECONNREFUSED ::1:1')), ['Error: Head "http://[::1]:1/v2/": dial tcp [::1]:1: connect: connection refused']);
		assert.deepEqual(lines(new OrasError("NETWORK_ERROR", 'PUT "http://nohost.invalid/v2/": getaddrinfo ENOTFOUND nohost.invalid')), ['Error: Put "http://nohost.invalid/v2/": dial tcp: lookup nohost.invalid: no such host']);
		assert.deepEqual(lines(new Error('POST "u": connect ETIMEDOUT 10.0.0.1:443')), ['Error: Post "u": dial tcp 10.0.0.1:443: i/o timeout']);
	});

	it("names the path of file system errors, and prints anything else as a string", () => {
		const enoent = Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: "ENOENT", path: "/tmp/x" });
		assert.deepEqual(lines(enoent), ["Error: /tmp/x: no such file or directory"]);
		assert.deepEqual(lines(Object.assign(new Error("EACCES"), { code: "EACCES", path: "/root/y" })), ["Error: /root/y: permission denied"]);
		assert.deepEqual(lines(Object.assign(new Error("EISDIR"), { code: "EISDIR", path: "/d" })), ["Error: /d: is a directory"]);
		assert.deepEqual(lines(Object.assign(new Error("raw text"), { code: "ENOENT" })), ["Error: raw text"]);
		assert.deepEqual(lines("just a string"), ["Error: just a string"]);
	});

	it("reads an unattributed copy failure as its cause", () => {
		const cause = new OrasError("FORBIDDEN", "push denied");
		assert.deepEqual(lines(new CopyError("destination", "push", undefined, cause)), ["Error response from registry: push denied"]);
	});

	it("prints the side of an attributed copy failure with its prefix", () => {
		const err = Object.assign(new OrasError("NOT_FOUND", "v9: not found"), { origin: "source", prefix: 'Error from source registry for "h/r:v9"' });
		assert.deepEqual(lines(err), ['Error from source registry for "h/r:v9": v9: not found']);
	});

	it("adds the stack and up to eight causes with --debug", () => {
		const root = new Error("root cause");
		const err = new OrasError("COPY_FAILED", "copy failed", { cause: root });
		const out = renderError(err, true).lines;
		assert.equal(out[0], "Error: copy failed");
		assert.match(out[1] ?? "", /copy failed\n\s+at /);
		assert.match(out[2] ?? "", /^caused by: Error: root cause/);
		let deep: Error = new Error("c0");
		for (let i = 1; i < 20; i++) deep = new Error(`c${i}`, { cause: deep });
		assert.equal(renderError(deep, true).lines.filter((l) => l.startsWith("caused by: ")).length, 8);
	});
});
