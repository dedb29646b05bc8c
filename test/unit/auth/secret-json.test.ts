import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { OrasError } from "../../../src/errors.js";
import { DockerConfig } from "../../../src/registry/auth/docker-config.js";
import { HelperCredentialStore } from "../../../src/registry/auth/helper.js";
import { jsonSyntaxErrorLocation, parseSecretJSON } from "../../../src/registry/auth/secret-json.js";

const SECRET = "s3cr3t-T0KEN-value";

let root: string;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-ts-secret-json-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

describe("jsonSyntaxErrorLocation", () => {
	it("is undefined exactly when JSON.parse accepts the text (random JSON-ish text)", () => {
		const alphabet = fc.constantFrom(..."{}[],:\"\\ \n\t0123456789-+.eEtrufalsn\u0001xu".split(""));
		const jsonish = fc.oneof(
			fc.array(alphabet, { maxLength: 40 }).map((a) => a.join("")),
			fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
			fc.tuple(fc.jsonValue().map((v) => JSON.stringify(v)), fc.nat(), alphabet).map(([s, at, c]) => {
				const k = at % (s.length + 1);
				return s.slice(0, k) + c + s.slice(k);
			}),
		);
		fc.assert(
			fc.property(jsonish, (s) => {
				let valid = true;
				try {
					JSON.parse(s);
				} catch {
					valid = false;
				}
				assert.equal(jsonSyntaxErrorLocation(s) === undefined, valid, JSON.stringify(s));
			}),
			{ numRuns: 3000 },
		);
	});

	it("agrees with V8's error position where V8 reports one", () => {
		const cases = ['{"a":1}}', '{"a\n":1}', "{a:1}", '{"a" 1}', "[1 2]", "   ", '{"a":"\\q"}', "01"];
		let compared = 0;
		for (const s of cases) {
			try {
				JSON.parse(s);
				assert.fail(`valid: ${s}`);
			} catch (err) {
				const m = /at position (\d+)/.exec((err as Error).message);
				const at = jsonSyntaxErrorLocation(s);
				assert.ok(at, s);
				if (m) {
					assert.equal(at.offset, Number(m[1]), s);
					compared++;
				}
			}
		}
		assert.ok(compared >= 3, "V8 reports positions for some of these");
	});

	it("counts lines and columns from 1", () => {
		assert.deepEqual(jsonSyntaxErrorLocation('{\n  "auths": {\n    "x": {"auth": "abc" oops}\n  }\n}'), {
			line: 3,
			column: 25,
			offset: 39,
			problem: "expected ',' or '}'",
		});
		assert.equal(jsonSyntaxErrorLocation('{"a":')?.problem, "unexpected end of input");
		assert.equal(jsonSyntaxErrorLocation("[1]x")?.problem, "unexpected data after the JSON value");
	});

	it("takes deep nesting without recursion", () => {
		const s = "[".repeat(200_000) + "]".repeat(199_999) + "x";
		assert.equal(jsonSyntaxErrorLocation(s)?.offset, 399_999);
	});
});

describe("parseSecretJSON", () => {
	it("never quotes the input and drops V8's error", () => {
		for (const text of [`{"auth": ${SECRET}}`, `{"auth": "${SECRET}"`, `${SECRET}`, `{"a":"${SECRET}\u0001"}`]) {
			let caught: unknown;
			try {
				parseSecretJSON(text, (what) => new OrasError("INVALID_ARGUMENT", `bad: ${what}`));
			} catch (err) {
				caught = err;
			}
			assert.ok(OrasError.is(caught));
			assert.match(caught.message, /^bad: invalid JSON at line 1, column \d+ \(/);
			assert.doesNotMatch(caught.message, /s3cr3t|T0KEN/);
			assert.equal(caught.cause, undefined);
		}
	});
});

describe("credential files never echo their content", () => {
	it("config.json: names the file, line and column", async () => {
		const p = join(root, "config.json");
		await writeFile(p, `{\n\t"auths": {\n\t\t"r.example": { "auth": ${SECRET} }\n\t}\n}\n`);
		await assert.rejects(DockerConfig.load(p), (err: Error) => {
			assert.equal(err.message, `invalid config format: failed to parse config file ${p}: invalid JSON at line 3, column 26 (expected a value)`);
			assert.equal(err.cause, undefined);
			assert.ok(!String(err.stack).includes(SECRET));
			return true;
		});
	});

	it("credential helper output", async () => {
		const bin = join(root, "bin");
		await import("node:fs/promises").then((fs) => fs.mkdir(bin, { recursive: true }));
		const helper = join(bin, "docker-credential-junk");
		await writeFile(helper, `#!/bin/sh\necho '{"Username":"u","Secret":${SECRET}}'\n`);
		await chmod(helper, 0o755);
		const store = new HelperCredentialStore("junk", { env: { PATH: `${bin}:${process.env.PATH ?? ""}` } });
		await assert.rejects(store.get("r.example"), (err: Error) => {
			assert.match(err.message, /^docker-credential-junk get: output is not valid JSON: invalid JSON at line 1, column 26 /);
			assert.ok(!err.message.includes(SECRET));
			assert.equal(err.cause, undefined);
			return true;
		});
	});
});
