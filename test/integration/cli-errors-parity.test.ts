/**
 * Error lines as oras 1.3 prints them (prefix, message, hint and exit code), one case per
 * kind of failure, against a real registry (docker-registry) where a registry is involved.
 */
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeHtpasswd, type Htpasswd } from "./fixtures/htpasswd.js";
import { oras, tempDir, type TempDir } from "./fixtures/cli.js";
import { freePort, type RunningRegistry, startRegistry } from "./fixtures/registry.js";

/** stderr must be exactly `lines` (each a string or a pattern), then nothing; exit code 1. */
function assertError(r: { code: number; stderr: string }, ...lines: Array<string | RegExp>): void {
	assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
	const got = r.stderr.replace(/\n$/, "").split("\n");
	assert.equal(got.length, lines.length, `line count of:\n${r.stderr}`);
	lines.forEach((want, i) => {
		if (typeof want === "string") assert.equal(got[i], want);
		else assert.match(got[i] as string, want);
	});
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("errors in oras's words", () => {
	let reg: RunningRegistry;
	let authReg: RunningRegistry;
	let htp: Htpasswd;
	let work: TempDir;
	let cwd: string;
	let closedPort: number;
	const cli = (...argv: string[]) => oras(argv, { cwd, programName: "oras" });

	before(async () => {
		htp = await makeHtpasswd([{ username: "user", password: "pass" }]);
		reg = await startRegistry();
		authReg = await startRegistry({ extraConfig: htp.registryConfig });
		work = await tempDir("oras-ts-errors-");
		cwd = await work.caseDir();
		await writeFile(join(cwd, "a.txt"), "same\n");
		await writeFile(join(cwd, "b.txt"), "same\n");
		await writeFile(join(cwd, "empty.tar"), "");
		await mkdir(join(cwd, "not-a-layout"));
		await writeFile(join(cwd, "not-a-layout", "invalid-file.txt"), "x");
		closedPort = await freePort();
		const pushed = await cli("push", "--plain-http", `${reg.host}/r:v1`, "a.txt");
		assert.equal(pushed.code, 0, pushed.stderr);
	});
	after(async () => {
		await reg?.stop();
		await authReg?.stop();
		await htp?.cleanup();
		await work?.cleanup();
	});

	it("a tag the registry does not have: registry prefix", async () => {
		assertError(await cli("pull", "--plain-http", `${reg.host}/r:nope`), `Error response from registry: failed to perform "FetchReference" on source: ${reg.host}/r:nope: not found`);
		assertError(await cli("manifest", "fetch", "--plain-http", `${reg.host}/r:nope`), `Error response from registry: failed to fetch the content of "${reg.host}/r:nope": ${reg.host}/r:nope: not found`);
		assertError(await cli("resolve", "--plain-http", `${reg.host}/r:nope`), `Error response from registry: failed to resolve digest: ${reg.host}/r:nope: not found`);
		assertError(await cli("attach", "--plain-http", "--artifact-type", "a/b", `${reg.host}/r:nope`, "a.txt"), `Error response from registry: failed to resolve nope: ${reg.host}/r:nope: not found`);
		assertError(await cli("tag", "--plain-http", `${reg.host}/r:nope`, "x"), new RegExp(`^Error response from registry: .*${esc(`${reg.host}/r:nope`)}: not found$`));
	});

	it("a repository the registry does not have: the registry's own error", async () => {
		assertError(await cli("repo", "tags", "--plain-http", `${reg.host}/nope`), "Error response from registry: name unknown: repository name not known to registry");
	});

	it("an OCI layout's missing tag keeps the plain prefix", async () => {
		const layout = join(cwd, "layout");
		assert.equal((await cli("push", "--oci-layout", `${layout}:v1`, "a.txt")).code, 0);
		assertError(await cli("pull", "--oci-layout", `${layout}:nope`), /^Error: .*nope.*not found/);
	});

	it("401 with wrong credentials: registry prefix and the registry's words first", async () => {
		const r = await cli("pull", "--plain-http", "-u", "user", "-p", "wrong", `${authReg.host}/r:v1`);
		assert.equal(r.code, 1);
		assert.equal(r.stderr.split("\n")[0], "Error response from registry: unauthorized: authentication required");
	});

	it("no credential: the credential-file hint naming the file", async () => {
		assertError(
			await cli("pull", "--plain-http", `${authReg.host}/r:v1`),
			"Error: basic credential not found",
			`Please check whether the registry credential stored in the authentication file at ${JSON.stringify(join(cwd, ".docker", "config.json"))} is correct`,
			/./,
		);
		const cfg = join(cwd, "empty-config.json");
		await writeFile(cfg, "{}");
		const r = await cli("repo", "ls", "--plain-http", "--registry-config", "empty-config.json", authReg.host);
		assert.equal(r.code, 1);
		const [first, second] = r.stderr.split("\n");
		assert.equal(first, `Error: could not list repositories for ${JSON.stringify(authReg.host)}: basic credential not found`);
		assert.equal(second, `Please check whether the registry credential stored in the authentication file at ${JSON.stringify(cfg)} is correct`);
	});

	it("connection refused in Go's words", async () => {
		assertError(
			await cli("pull", "--plain-http", `127.0.0.1:${closedPort}/r:v1`),
			`Error: Get "http://127.0.0.1:${closedPort}/v2/r/manifests/v1": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
		);
	});

	it("cp names the side that failed", async () => {
		assertError(
			await cli("cp", "--from-plain-http", "--to-plain-http", `${reg.host}/r:nope`, `${reg.host}/s:v1`),
			`Error from source registry for "${reg.host}/r:nope": ${reg.host}/r:nope: not found`,
		);
		assertError(
			await cli("cp", "--from-plain-http", "--to-plain-http", `${reg.host}/r:v1`, `127.0.0.1:${closedPort}/s:v1`),
			new RegExp(`^Error from destination registry for "127\\.0\\.0\\.1:${closedPort}/s:v1": Head "http://.*": dial tcp 127\\.0\\.0\\.1:${closedPort}: connect: connection refused$`),
		);
		const r = await cli("cp", "--from-plain-http", "--to-plain-http", `${reg.host}/r:v1`, `${authReg.host}/s:v1`);
		assert.equal(r.code, 1);
		assert.deepEqual(r.stderr.split("\n").slice(0, 2), [
			`Error from destination registry for "${authReg.host}/s:v1": basic credential not found`,
			`Please check whether the registry credential stored in the authentication file at ${JSON.stringify(join(cwd, ".docker", "config.json"))} is correct`,
		]);
	});

	it("restore: no tags found, invalid OCI Image Layout", async () => {
		assertError(
			await cli("restore", "--plain-http", "--input", "not-a-layout", `${reg.host}/x`),
			'Error: no tags found in OCI layout "not-a-layout"',
			'If you want to list available tags in "not-a-layout", use "oras repo tags --oci-layout"',
		);
		assertError(await cli("restore", "--plain-http", "--input", "empty.tar", `${reg.host}/x`), /^Error: failed to prepare OCI store from tar archive "empty\.tar": invalid OCI Image Layout: /);
		assertError(await cli("restore", "--plain-http", "--input", "a.txt", `${reg.host}/x`), 'Error: input path "a.txt" is not a tar archive');
		assertError(await cli("restore", "--plain-http", "--input", "nowhere", `${reg.host}/x`), 'Error: failed to access input path "nowhere": no such file or directory');
		// Invoked as oras-ts, the hint names oras-ts.
		const ts = await oras(["restore", "--plain-http", "--input", "not-a-layout", `${reg.host}/x`], { cwd });
		assert.match(ts.stderr, /use "oras-ts repo tags --oci-layout"\n$/);
	});

	it("invalid media type for a bad artifact type", async () => {
		for (const cmd of [
			["push", "--plain-http", "--artifact-type", "bad", `${reg.host}/r:v2`, "a.txt"],
			["attach", "--plain-http", "--artifact-type", "bad", `${reg.host}/r:v1`, "a.txt"],
			["manifest", "index", "create", "--oci-layout", join(cwd, "idx"), "--artifact-type", "bad"],
		]) {
			const r = await cli(...cmd);
			assert.equal(r.code, 1, cmd.join(" "));
			assert.equal(r.stderr.split("\n")[0], "Error: bad: invalid media type", cmd.join(" "));
		}
	});

	it("invalid format type, with the accepted values; empty and `=` values fail", async () => {
		for (const value of ["yaml", "", "="]) {
			assertError(await cli("push", "--plain-http", "--format", value, `${reg.host}/r:v3`, "a.txt"), `Error: invalid format type: ${JSON.stringify(value)}`, "supported types: json, go-template, text");
		}
		assertError(await cli("push", "--plain-http", "--format=", `${reg.host}/r:v3`, "a.txt"), 'Error: invalid format type: ""', "supported types: json, go-template, text");
		assertError(await cli("discover", "--plain-http", "--output", "yaml", `${reg.host}/r:v1`), 'Error: invalid format type: "yaml"', "supported types: table, json, go-template, tree");
		assertError(await cli("repo", "tags", "--plain-http", "--format", "go-template", `${reg.host}/r`), 'Error: "go-template" format specified but no template given', "use `--format go-template=TEMPLATE` to specify the template");
	});

	it("an invalid reference: oras's form hint", async () => {
		assertError(await cli("push", "/oras", "a.txt"), 'Error: "/oras": invalid reference: invalid registry ""', "Please make sure the provided reference is in the form of <registry>/<repo>[:tag|@digest]");
	});

	it("usage errors name the program as invoked", async () => {
		assertError(await cli("pull"), 'Error: "oras pull" requires exactly 1 argument but got 0', "Usage: oras pull [flags] <name>{:<tag>|@<digest>}", 'Please specify exactly 1 argument as the artifact reference you want to pull. Run "oras pull -h" for more options and examples');
		assertError(
			await cli("cp", "a"),
			'Error: "oras cp" requires exactly 2 argument but got 1',
			"Usage: oras cp [flags] <from>{:<tag>|@<digest>} <to>[:<tag>[,<tag>][...]]",
			'Please specify exactly 2 argument as the source and destination for copying. Run "oras cp -h" for more options and examples',
		);
		assertError(
			await cli("manifest", "index", "update"),
			'Error: "oras manifest index update" requires exactly 1 argument but got 0',
			"Usage: oras manifest index update <index>{:<tag>|@<digest>} [{--add|--merge|--remove} <manifest>{<tag>|<digest>}] [...]",
			'Please specify exactly 1 argument as the target index to update. Run "oras manifest index update -h" for more options and examples',
		);
		const ts = await oras(["pull"], { cwd });
		assert.match(ts.stderr, /^Error: "oras-ts pull" requires/);
		assert.match(ts.stderr, /Run "oras-ts pull -h"/);
	});

	it("unknown commands and flags as cobra says them", async () => {
		assertError(await cli("psh"), 'Error: unknown command "psh" for "oras"', "", "Did you mean this?", "\tpush", "", "Run 'oras --help' for usage.");
		assertError(await cli("nonsense"), 'Error: unknown command "nonsense" for "oras"', "Run 'oras --help' for usage.");
		assertError(await cli("push", "--foo", `${reg.host}/r:v1`), "Error: unknown flag: --foo");
		assertError(await cli("push", "-X", `${reg.host}/r:v1`), "Error: unknown shorthand flag: 'X' in -X");
		assertError(await cli("--foo"), "Error: unknown flag: --foo");
		assertError(await cli("blob", "--foo"), "Error: unknown flag: --foo");
		assertError(await cli("pull", `${reg.host}/r:v1`, "--output"), "Error: flag needs an argument: --output");
		assertError(await cli("pull", `${reg.host}/r:v1`, "-o"), "Error: flag needs an argument: 'o' in -o");
		assertError(await cli("pull", "--plain-http=yes", `${reg.host}/r:v1`), 'Error: invalid argument "yes" for "--plain-http" flag: strconv.ParseBool: parsing "yes": invalid syntax');
	});

	it("--concurrency 0 is accepted (oras-go's default)", async () => {
		const r = await cli("push", "--plain-http", "--concurrency", "0", `${reg.host}/r:c0`, "a.txt");
		assert.equal(r.code, 0, r.stderr);
	});

	it("push reports Exists for a file whose content equals an earlier one's", async () => {
		const r = await cli("push", "--plain-http", `${reg.host}/r:dup`, "a.txt", "b.txt");
		assert.equal(r.code, 0, r.stderr);
		const lines = r.stdout.split("\n");
		const exists = lines.findIndex((l) => /^Exists {4}[0-9a-f]{12} b\.txt$/.test(l));
		const manifest = lines.findIndex((l) => /^Uploaded {2}[0-9a-f]{12} application\/vnd\.oci\.image\.manifest\.v1\+json$/.test(l));
		assert.ok(exists >= 0, r.stdout);
		assert.ok(exists < manifest, "Exists comes before the manifest's Uploaded line");
	});
});
