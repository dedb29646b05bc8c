/**
 * Every ```ts example in the README's "Library by example" section runs: the blocks are type-checked
 * together as a strict consumer would (module NodeNext, importing "oras-ts" through package.json
 * `exports`), then transpiled and run in order with node, in one working directory, against
 * `oras-ts serve` (htpasswd user `me`) on loopback — `localhost:5000` is rewritten to its port.
 * The docker config is a temp directory (DOCKER_CONFIG), so `login` never touches ~/.docker.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import ts from "typescript";
import { writeHtpasswd } from "./fixtures/hostile-serve.js";
import { type RunningServe, startServe } from "./fixtures/serve.js";

const run = promisify(execFile);
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PASSWORD = "readme secret";
const STEP_TIMEOUT_MS = 60_000;

/** The ```ts blocks of the README's "Library by example" section, in order. */
export function libraryExamples(readme: string): string[] {
	const start = readme.indexOf("\n## Library by example");
	assert.ok(start >= 0, "README has a Library by example section");
	const next = readme.indexOf("\n## ", start + 1);
	const section = readme.slice(start, next < 0 ? undefined : next);
	return [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

describe("the README's library examples", { timeout: 4 * STEP_TIMEOUT_MS }, () => {
	let dir: string;
	let srv: RunningServe;
	let examples: string[];
	before(async () => {
		examples = libraryExamples(await readFile(join(REPO, "README.md"), "utf8"));
		dir = await mkdtemp(join(tmpdir(), "oras-ts-readme-"));
		await writeHtpasswd(join(dir, "htpasswd"), { me: PASSWORD }, 4);
		// On `localhost`, as the examples say: a registry named localhost is spoken to over plain HTTP.
		srv = await startServe({ htpasswd: join(dir, "htpasswd"), root: join(dir, "root"), addr: "localhost:0" });
		const project = join(dir, "project");
		await mkdir(join(project, "node_modules", "@types"), { recursive: true });
		// The package as a consumer sees it: node_modules/oras-ts is this checkout (dist/ built).
		await symlink(REPO, join(project, "node_modules", "oras-ts"), "dir");
		await symlink(join(REPO, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"), "dir");
		await writeFile(join(project, "package.json"), JSON.stringify({ name: "readme-examples", private: true, type: "module" }));
		await writeFile(join(project, "hello.txt"), "hello from the README\n");
		await writeFile(join(project, "README.md"), "# hello\n");
		await writeFile(join(project, "sig.json"), '{"signed":"yes"}\n');
	});
	after(async () => {
		await srv?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it("has at least five examples, the first ones on the high-level API", () => {
		assert.ok(examples.length >= 5, `${examples.length} examples`);
		assert.match(examples[0] ?? "", /import \{[^}]*\bpush\b[^}]*\} from "oras-ts"/);
		assert.match(examples[1] ?? "", /\bpull\(/);
		assert.match(examples.join("\n"), /\bcopy\(/);
	});

	it("type-check as a strict consumer and run in order against a loopback registry", async () => {
		const project = join(dir, "project");
		const files = examples.map((code, i) => {
			const file = join(project, `example-${i + 1}.mts`);
			return { file, code: code.replaceAll("localhost:5000", `localhost:${srv.port}`) };
		});
		for (const f of files) await writeFile(f.file, f.code);

		const program = ts.createProgram(
			files.map((f) => f.file),
			{
				target: ts.ScriptTarget.ES2022,
				module: ts.ModuleKind.NodeNext,
				moduleResolution: ts.ModuleResolutionKind.NodeNext,
				strict: true,
				exactOptionalPropertyTypes: true,
				noUncheckedIndexedAccess: true,
				skipLibCheck: false,
				noEmit: true,
				types: ["node"],
				typeRoots: [join(project, "node_modules", "@types")],
			},
		);
		const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || files.some((f) => f.file === d.file?.fileName) || !d.file.fileName.includes("node_modules/@types"));
		assert.deepEqual(
			diagnostics.map((d) => `${d.file ? `${d.file.fileName.slice(project.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
			[],
		);

		const env = { PATH: process.env.PATH, HOME: project, DOCKER_CONFIG: join(dir, "docker"), REGISTRY_PASSWORD: PASSWORD };
		const outputs: string[] = [];
		for (const f of files) {
			const js = ts.transpileModule(f.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
			const mjs = f.file.replace(/\.mts$/, ".mjs");
			await writeFile(mjs, js);
			const res = await run(process.execPath, [mjs], { cwd: project, env, timeout: STEP_TIMEOUT_MS }).catch((err: { stdout?: string; stderr?: string }) =>
				assert.fail(`${mjs} failed:\n${err.stderr ?? String(err)}\n${err.stdout ?? ""}\n${f.code}`),
			);
			outputs.push(res.stdout);
		}

		// What the examples print and leave behind.
		const [login, pulled, copied, errors, core] = outputs;
		assert.match(login ?? "", new RegExp(`^sha256:[0-9a-f]{64} localhost:${srv.port}/hello@sha256:[0-9a-f]{64} \\[ 'v1', 'latest' \\]$`, "m"));
		assert.match(pulled ?? "", /hello\.txt 22 sha256:/);
		assert.equal(await readFile(join(project, "out", "hello.txt"), "utf8"), "hello from the README\n");
		assert.match(copied ?? "", /^sha256:[0-9a-f]{64} 1 1$/m);
		assert.match(errors ?? "", /^no such tag$/m);
		assert.match(errors ?? "", /^application\/vnd\.oci\.image\.manifest\.v1\+json application\/vnd\.example\.hello$/m);
		assert.match(core ?? "", /^sha256:[0-9a-f]{64} \[ 'hello\.txt' \]$/m);
		assert.equal(await readFile(join(project, "core-out", "hello.txt"), "utf8"), "hello from the README\n");
		// logout removed the stored credential.
		const cfg = JSON.parse(await readFile(join(dir, "docker", "config.json"), "utf8")) as { auths: Record<string, unknown> };
		assert.deepEqual(Object.keys(cfg.auths), []);
	});
});
