/**
 * Issue 11, items 11–12: credential files and token replies are never quoted in errors, and names
 * coming from a registry never reach the terminal as raw control characters.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { rawControlAt, startChallengeServer } from "./fixtures/hostile-output.js";

const SECRET = "ghp_S3CRETt0kenV4lue";

let work: TempDir;
before(async () => {
	work = await tempDir("oras-ts-security-output-");
});
after(async () => {
	await work.cleanup();
});

function assertNoSecret(r: { stdout: string; stderr: string }): void {
	for (const part of ["S3CRET", "t0kenV4lue", SECRET]) {
		assert.ok(!r.stdout.includes(part), `stdout quotes the secret:\n${r.stdout}`);
		assert.ok(!r.stderr.includes(part), `stderr quotes the secret:\n${r.stderr}`);
	}
}

describe("credential files: parse errors say where, never what", () => {
	const broken = `{\n\t"auths": {\n\t\t"r.example": {\n\t\t\t"auth": ${SECRET}\n\t\t}\n\t}\n}\n`;
	let liar: Awaited<ReturnType<typeof startChallengeServer>>;
	before(async () => {
		liar = await startChallengeServer('{"token":"x"}');
	});
	after(async () => {
		await liar.close();
	});

	for (const debug of [false, true]) {
		it(`DOCKER_CONFIG/config.json${debug ? " with --debug" : ""}`, async () => {
			const dir = await work.caseDir();
			await mkdir(join(dir, "docker"));
			const cfg = join(dir, "docker", "config.json");
			await writeFile(cfg, broken);
			const r = await oras(["pull", "--plain-http", ...(debug ? ["--debug"] : []), `${liar.host}/repo:v1`, "-o", "out"], {
				cwd: dir,
				env: { DOCKER_CONFIG: join(dir, "docker") },
			});
			assert.notEqual(r.code, 0);
			assertNoSecret(r);
			assert.ok(r.stderr.includes(`failed to parse config file ${cfg}: invalid JSON at line 4, column 12 (expected a value)`), r.stderr);
		});
	}

	it("--registry-config, for logout and for pull with --debug", async () => {
		const dir = await work.caseDir();
		const text = `{"auths":{"${liar.host}":{"identitytoken":"${SECRET}"}},}`;
		await writeFile(join(dir, "auth.json"), text);
		const where = `${join(dir, "auth.json")}: invalid JSON at line 1, column ${text.length} (expected a property name)`;
		const logout = await oras(["logout", "--registry-config", "auth.json", liar.host], { cwd: dir });
		assert.notEqual(logout.code, 0);
		assertNoSecret(logout);
		assert.ok(logout.stderr.includes(where), logout.stderr);
		const pull = await oras(["pull", "--plain-http", "--debug", "--registry-config", "auth.json", `${liar.host}/repo:v1`], { cwd: dir });
		assert.notEqual(pull.code, 0);
		assertNoSecret(pull);
		assert.ok(pull.stderr.includes(where), pull.stderr);
	});

	it("~/.docker/config.json", async () => {
		const dir = await work.caseDir();
		await mkdir(join(dir, ".docker"));
		await writeFile(join(dir, ".docker", "config.json"), `{"auths": {"x": {"auth": "${SECRET}`);
		const r = await oras(["repo", "tags", "--plain-http", "-d", `${liar.host}/repo`], { cwd: dir });
		assert.notEqual(r.code, 0);
		assertNoSecret(r);
		assert.ok(r.stderr.includes(`${join(dir, ".docker", "config.json")}: invalid JSON at line 1, column ${27 + SECRET.length} (unexpected end of input)`), r.stderr);
	});
});

describe("token replies: junk is never echoed", () => {
	for (const reply of [`{"token": ${SECRET}}`, `{"token": "${SECRET}"`, `${SECRET}\u001b[31m`]) {
		it(`reply ${JSON.stringify(reply.slice(0, 12))}…, with --debug`, async () => {
			const liar = await startChallengeServer(reply);
			try {
				const dir = await work.caseDir();
				const r = await oras(["pull", "--plain-http", "--debug", `${liar.host}/repo:v1`, "-o", "out"], { cwd: dir });
				assert.notEqual(r.code, 0);
				assertNoSecret(r);
				assert.match(r.stderr, /invalid token reply: invalid JSON at line 1, column \d+ \(/);
				assert.equal(rawControlAt(r.stdout + r.stderr), undefined);
				assert.ok(liar.requests.some((l) => l.startsWith("GET /token")), "the token was asked for");
			} finally {
				await liar.close();
			}
		});
	}
});
