/**
 * Issue 11, items 11–12: credential files and token replies are never quoted in errors, and names
 * coming from a registry never reach the terminal as raw control characters.
 */
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { packManifest } from "../../src/graph/pack.js";
import { type Descriptor, descriptorFromBytes } from "../../src/oci/descriptor.js";
import { createRepository } from "../../src/registry/index.js";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import { startLyingRegistry } from "./fixtures/hostile.js";
import { rawControlAt, startChallengeServer } from "./fixtures/hostile-output.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

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

/** Layer titles a hostile artifact may carry: colours, carriage returns, fake status lines, bidi and C1 controls. */
const HOSTILE_TITLES = [
	"red\u001b[31mALERT\u001b[0m.txt",
	"cr\rDownloaded  0123456789ab fake-cr.bin",
	"nl\nDownloaded  0123456789ab fake-nl.bin",
	"tab\there.txt",
	"bidi\u202etxt.exe",
	"c1\u009b31m.txt",
	"back\\slash\u0007bell.txt",
];

describe("names from a registry are printed with control characters escaped", () => {
	let reg: RunningRegistry;
	let n = 0;

	/** Pushes a manifest whose layers carry `titles` straight through the library; returns the reference. */
	async function pushTitled(titles: readonly string[]): Promise<{ ref: string; layers: Array<{ bytes: Buffer; desc: Descriptor }> }> {
		const path = `hostile/titles-${++n}`;
		const layers = titles.map((t, i) => {
			const bytes = Buffer.from(`layer ${i} of ${path}\n`);
			return { bytes, desc: descriptorFromBytes("text/plain", bytes, { annotations: { "org.opencontainers.image.title": t } }) };
		});
		const repo = createRepository(`${reg.host}/${path}`, { plainHttp: true });
		try {
			const packed = packManifest({ version: "v1.1", artifactType: "application/x.hostile", layers: layers.map((l) => l.desc) });
			for (const b of packed.blobsToPush) await repo.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
			for (const l of layers) await repo.push(l.desc, Readable.from([l.bytes]));
			await repo.pushReference(packed.desc, Readable.from([Buffer.from(packed.manifestBytes)]), "v1");
		} finally {
			repo.client.close();
		}
		return { ref: `${reg.host}/${path}:v1`, layers };
	}

	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg?.stop();
	});

	it("pull: status lines escape titles, no fake lines; files keep their real names; JSON stays exact", async () => {
		const { ref, layers } = await pushTitled(HOSTILE_TITLES);
		const dir = await work.caseDir();
		const r = await oras(["pull", "--plain-http", ref, "-o", "out"], { cwd: dir });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(rawControlAt(r.stdout + r.stderr), undefined, `raw control character in output: ${rawControlAt(r.stdout + r.stderr)}`);
		const downloaded = r.stdout.split("\n").filter((l) => l.startsWith("Downloaded"));
		// one line per layer plus the manifest's line
		assert.equal(downloaded.length, layers.length + 1, r.stdout);
		assert.ok(r.stdout.includes("red\\x1b[31mALERT\\x1b[0m.txt"), r.stdout);
		assert.ok(r.stdout.includes("nl\\nDownloaded  0123456789ab fake-nl.bin"), r.stdout);
		assert.ok(r.stdout.includes("cr\\rDownloaded"), r.stdout);
		assert.ok(r.stdout.includes("bidi\\u202etxt.exe"), r.stdout);
		assert.ok(r.stdout.includes("c1\\x9b31m.txt"), r.stdout);
		assert.ok(r.stdout.includes("back\\\\slash\\x07bell.txt"), r.stdout);
		// the files themselves carry the names the artifact gave them
		assert.deepEqual((await readdir(join(dir, "out"))).sort(), [...HOSTILE_TITLES].sort());
		for (const l of layers) assert.deepEqual(await readFile(join(dir, "out", l.desc.annotations?.["org.opencontainers.image.title"] as string)), l.bytes);

		const again = await oras(["pull", "--plain-http", ref, "-o", "out2", "--format", "json"], { cwd: dir });
		assert.equal(again.code, 0, again.stderr);
		// JSON output is JSON.stringify's: C0 controls escaped, the rest byte for byte as the artifact has it
		assert.doesNotMatch(again.stdout, /[\u0000-\u0009\u000b-\u001f]/);
		const model = JSON.parse(again.stdout) as { files: Array<{ annotations: Record<string, string> }> };
		assert.deepEqual(model.files.map((f) => f.annotations["org.opencontainers.image.title"]).sort(), [...HOSTILE_TITLES].sort());
	});

	it("pull: a NUL in a title is one Error line, exit 1, nothing written", async () => {
		const { ref } = await pushTitled(["fine.txt", "nul\u0000\u001b[31m.txt", "also-fine.txt"]);
		const dir = await work.caseDir();
		for (const debug of [false, true]) {
			const r = await oras(["pull", "--plain-http", ...(debug ? ["--debug"] : []), ref, "-o", "out", "--concurrency", "1"], { cwd: dir });
			assert.equal(r.code, 1);
			assert.equal(rawControlAt(r.stdout + r.stderr), undefined, `raw control character in output: ${rawControlAt(r.stdout + r.stderr)}`);
			const errors = r.stderr.split("\n").filter((l) => l.startsWith("Error"));
			assert.equal(errors.length, 1, r.stderr);
			assert.match(errors[0] as string, /^Error: sha256:[0-9a-f]{64}: the file name \(org\.opencontainers\.image\.title\) of sha256:[0-9a-f]{64} contains a NUL character$/);
			if (!debug) assert.equal(r.stderr, `${errors[0]}\n`);
			assert.deepEqual(await readdir(join(dir, "out")).catch(() => []), [], "nothing written");
		}
	});
});

describe("discover and repo tags: hostile artifact types, annotations and tags", () => {
	const subjectBytes = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}');
	const subject = descriptorFromBytes("application/vnd.oci.image.manifest.v1+json", subjectBytes);
	const referrer = {
		mediaType: "application/vnd.oci.image.manifest.v1+json",
		digest: `sha256:${"ab".repeat(32)}`,
		size: 123,
		artifactType: "application/x\u001b[31m\nDownloaded fake",
		annotations: { "k\u001b]0;pwned\u0007": "v\r\nline", plain: "c1\u009bx" },
	};
	const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [referrer] }));
	let liar: Awaited<ReturnType<typeof startLyingRegistry>>;
	before(async () => {
		const M = "application/vnd.oci.image.manifest.v1+json";
		liar = await startLyingRegistry({
			"/v2/repo/manifests/v1": { type: M, body: subjectBytes, digest: subject.digest },
			[`/v2/repo/manifests/${subject.digest}`]: { type: M, body: subjectBytes, digest: subject.digest },
			[`/v2/repo/referrers/${subject.digest}`]: { type: "application/vnd.oci.image.index.v1+json", body: index },
			[`/v2/repo/referrers/${referrer.digest}`]: {
				type: "application/vnd.oci.image.index.v1+json",
				body: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [] })),
			},
			"/v2/repo/tags/list": { type: "application/json", body: Buffer.from(JSON.stringify({ tags: ["v1", "evil\u001b[2J\rfake\nv2"] })) },
		});
	});
	after(async () => {
		await liar.close();
	});

	for (const format of ["tree", "table"]) {
		it(`discover --format ${format}`, async () => {
			const dir = await work.caseDir();
			const r = await oras(["discover", "--plain-http", "--format", format, `${liar.host}/repo:v1`], { cwd: dir });
			assert.equal(r.code, 0, r.stderr);
			assert.equal(rawControlAt(r.stdout + r.stderr), undefined, `raw control character in output: ${rawControlAt(r.stdout + r.stderr)}`);
			assert.ok(r.stdout.includes("application/x\\x1b[31m\\nDownloaded fake"), r.stdout);
			assert.ok(!r.stdout.split("\n").some((l) => l.startsWith("Downloaded")), r.stdout);
			if (format === "tree") {
				assert.ok(r.stdout.includes('"k\\x1b]0;pwned\\x07": "v\\r\\nline"'), r.stdout);
				assert.ok(r.stdout.includes('plain: "c1\\x9bx"'), r.stdout);
			}
		});
	}

	it("discover --format json stays exact", async () => {
		const dir = await work.caseDir();
		const r = await oras(["discover", "--plain-http", "--format", "json", `${liar.host}/repo:v1`], { cwd: dir });
		assert.equal(r.code, 0, r.stderr);
		const model = JSON.parse(r.stdout) as { referrers: Array<{ artifactType: string; annotations: Record<string, string> }> };
		assert.equal(model.referrers[0]?.artifactType, referrer.artifactType);
		assert.deepEqual(model.referrers[0]?.annotations, referrer.annotations);
	});

	it("repo tags: a hostile tag list is printed escaped (text) and exact (json)", async () => {
		const dir = await work.caseDir();
		const r = await oras(["repo", "tags", "--plain-http", `${liar.host}/repo`], { cwd: dir });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(rawControlAt(r.stdout + r.stderr), undefined);
		assert.equal(r.stdout, "v1\nevil\\x1b[2J\\rfake\\nv2\n");
		const j = await oras(["repo", "tags", "--plain-http", "--format", "json", `${liar.host}/repo`], { cwd: dir });
		assert.equal(j.code, 0, j.stderr);
		assert.deepEqual((JSON.parse(j.stdout) as { tags: string[] }).tags, ["v1", "evil\u001b[2J\rfake\nv2"]);
	});
});

describe("registry headers in warnings and --debug traces", () => {
	it("C1 controls (latin1 bytes 0x80–0x9f) in header values are escaped", async () => {
		const server = createServer((req, res) => {
			req.resume();
			res.setHeader("Warning", '299 - "deprecated\u009b31m red"');
			res.setHeader("X-Evil", "\u009b2J\u0085line");
			res.writeHead(200, { "Content-Type": "application/json" });
			res.end(req.url?.startsWith("/v2/repo/tags/list") ? '{"tags":["v1"]}' : "{}");
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		const addr = server.address();
		const host = `127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
		try {
			const dir = await work.caseDir();
			const r = await oras(["repo", "tags", "--plain-http", "--debug", `${host}/repo`], { cwd: dir });
			assert.equal(r.code, 0, r.stderr);
			assert.equal(r.stdout, "v1\n");
			assert.equal(rawControlAt(r.stdout + r.stderr), undefined, `raw control character in output: ${rawControlAt(r.stderr)}`);
			assert.ok(r.stderr.includes(`Warning: ${host}: deprecated\\x9b31m red`), r.stderr);
			// --debug traces quote header values as Go does (strconv.Quote: C1 controls as \u00XX).
			assert.ok(r.stderr.includes("\\u009b2J\\u0085line"), r.stderr);
		} finally {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});
