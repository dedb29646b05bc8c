/**
 * `npm run bench`: oras-ts side by side with skopeo and the physical floors (curl + a Node
 * SHA-256 hasher for pulls, one curl monolithic PUT for pushes) against a real distribution 2.8
 * on 127.0.0.1, all in one run. Several runs per case (BENCH_RUNS, default 3), medians reported,
 * peak RSS from GNU time. BENCH_QUICK=1 uses small sizes; BENCH_CASES=push-1g,pull-1g,... picks
 * cases. Writes bench/results/latest.json. Never part of `npm test`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { cpus, homedir, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireTool, type RunningRegistry, startRegistry } from "../test/integration/fixtures/registry.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const CLI = join(ROOT, "bin", "oras-ts.js");
const CP_SCRIPT = join(HERE, "cp.js");
const NODE_PULL_SCRIPT = join(HERE, "node-pull.js");
const NODE_PUSH_SCRIPT = join(HERE, "node-push.js");
const RESULTS = join(ROOT, "bench", "results", "latest.json");

const QUICK = process.env.BENCH_QUICK === "1";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? "3") || 3);
const ONLY = (process.env.BENCH_CASES ?? "").split(",").filter((s) => s !== "");
const MiB = 1024 * 1024;
const BIG = QUICK ? 64 * MiB : 1024 * MiB;
const SMALL_COUNT = QUICK ? 100 : 500;
const SMALL_SIZE = 4096;
const MULTI_COUNT = 10;
const MULTI_SIZE = QUICK ? 8 * MiB : 100 * MiB;
const STARTUP_RUNS = Math.max(10, RUNS);
/** Any single command taking longer than this fails the benchmark (bounded in time). */
const COMMAND_TIMEOUT_MS = 10 * 60 * 1000;

/** `reference`: not a floor, a point of comparison (e.g. a bare Node pull loop). */
type Tool = "oras-ts" | "skopeo" | "floor" | "reference";

interface Sample {
	readonly ms: number;
	readonly rssKiB: number;
}

interface ToolResult {
	readonly tool: Tool;
	readonly label: string;
	readonly samples: Sample[];
	medianMs: number;
	peakRssKiB: number;
}

interface CaseResult {
	readonly id: string;
	readonly title: string;
	readonly bytes: number;
	readonly note?: string;
	readonly tools: ToolResult[];
}

interface Command {
	readonly argv: readonly string[];
	readonly cwd?: string;
	readonly env?: NodeJS.ProcessEnv;
}

interface Contender {
	readonly tool: Tool;
	readonly label: string;
	/** Untimed setup for run `i`; returns the command to time and an untimed cleanup. */
	prepare(i: number): Promise<{ cmd: Command; cleanup?: () => Promise<void> }>;
}

const median = (xs: readonly number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function sh(script: string, env?: NodeJS.ProcessEnv): Command {
	return env ? { argv: ["sh", "-c", script], env } : { argv: ["sh", "-c", script] };
}

/** Runs `cmd` under GNU time; returns wall milliseconds and peak RSS (KiB). Throws on failure. */
async function timed(cmd: Command, rssFile: string): Promise<Sample> {
	const argv = ["-f", "%M", "-o", rssFile, ...cmd.argv];
	const start = process.hrtime.bigint();
	const child = spawn("/usr/bin/time", argv, {
		cwd: cmd.cwd ?? ROOT,
		env: { ...process.env, ...cmd.env },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let out = "";
	const keep = (b: Buffer) => {
		out = (out + b.toString()).slice(-4000);
	};
	child.stdout.on("data", keep);
	child.stderr.on("data", keep);
	const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_MS);
	const code = await new Promise<number>((res, rej) => {
		child.on("error", rej);
		child.on("close", (c, sig) => res(c ?? (sig ? 128 : 1)));
	});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	clearTimeout(timer);
	if (code !== 0) throw new Error(`command failed (exit ${code}): ${cmd.argv.join(" ").slice(0, 300)}\n${out}`);
	const rss = Number(/(\d+)\s*$/.exec(readFileSync(rssFile, "utf8").trim())?.[1] ?? "0");
	return { ms, rssKiB: rss };
}

/** Untimed setup command. Async, never spawnSync: the registry's log pipes must keep draining. */
async function run(argv: readonly string[], cwd = ROOT): Promise<string> {
	const child = spawn(argv[0] as string, argv.slice(1), { cwd, stdio: ["ignore", "pipe", "pipe"] });
	let out = "";
	let err = "";
	child.stdout.on("data", (b: Buffer) => {
		out = (out + b.toString()).slice(-64 * 1024);
	});
	child.stderr.on("data", (b: Buffer) => {
		err = (err + b.toString()).slice(-8000);
	});
	const timer = setTimeout(() => child.kill("SIGKILL"), COMMAND_TIMEOUT_MS);
	const code = await new Promise<number>((res, rej) => {
		child.on("error", rej);
		child.on("close", (c) => res(c ?? 1));
	});
	clearTimeout(timer);
	if (code !== 0) throw new Error(`setup command failed: ${argv.join(" ").slice(0, 300)}\n${out.slice(-4000)}${err}`);
	return out;
}

async function writeRandomFile(path: string, size: number): Promise<void> {
	const fh = await open(path, "w");
	try {
		const buf = Buffer.allocUnsafe(Math.min(size, 8 * MiB));
		let left = size;
		while (left > 0) {
			const n = Math.min(left, buf.length);
			randomFillSync(buf, 0, n);
			await fh.write(buf, 0, n);
			left -= n;
		}
	} finally {
		await fh.close();
	}
}

async function sha256File(path: string): Promise<string> {
	const h = createHash("sha256");
	for await (const chunk of createReadStream(path, { highWaterMark: MiB })) h.update(chunk as Buffer);
	return h.digest("hex");
}

/**
 * skopeo (containers/image) remembers where it saw each blob in a BoltDB "blob info cache" and
 * mounts instead of uploading when it knows a location on the destination registry. As root it
 * lives in /var/lib/containers/cache, otherwise under $XDG_DATA_HOME or ~/.local/share.
 */
function skopeoCacheFiles(): string[] {
	const name = "blob-info-cache-v1.boltdb";
	const xdg = process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share");
	return [join("/var/lib/containers/cache", name), join(xdg, "containers", "cache", name)];
}

function clearSkopeoCache(): void {
	for (const f of skopeoCacheFiles()) rmSync(f, { force: true });
}

/** Node one-liner hashing stdin with OpenSSL SHA-256 and checking it against $EXPECT (the pull floor's hasher). */
const HASH_STDIN = `node -e "const h=require('crypto').createHash('sha256');process.stdin.on('data',c=>h.update(c)).on('end',()=>{if(h.digest('hex')!==process.env.EXPECT)process.exit(3)})"`;

function quote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** curl floor for a push: POST for a Location, then one monolithic PUT of the file with `digest=`. */
function curlPushScript(host: string, repo: string, file: string, hex: string): string {
	return (
		`loc=$(curl -sf -o /dev/null -D - -X POST http://${host}/v2/${repo}/blobs/uploads/ | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p'); ` +
		`case "$loc" in http*) ;; *) loc="http://${host}$loc";; esac; ` +
		`curl -sf -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream' -T ${quote(file)} "$loc&digest=sha256:${hex}"`
	);
}

function machine(): Record<string, unknown> {
	const cpu = cpus();
	const version = (argv: string[]) => {
		const r = spawnSync(argv[0] as string, argv.slice(1), { encoding: "utf8" });
		return `${r.stdout}${r.stderr}`.split("\n")[0]?.trim() ?? "";
	};
	return {
		cpu: cpu[0]?.model ?? "unknown",
		cores: cpu.length,
		memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		skopeo: version(["skopeo", "--version"]),
		curl: version(["curl", "--version"]),
		registry: version(["docker-registry", "--version"]),
	};
}

async function measure(c: { id: string; title: string; bytes: number; note?: string }, contenders: readonly Contender[], runs: number, scratch: string): Promise<CaseResult> {
	const tools: ToolResult[] = contenders.map((k) => ({ tool: k.tool, label: k.label, samples: [], medianMs: 0, peakRssKiB: 0 }));
	const rssFile = join(scratch, "rss.txt");
	// Interleave the contenders run by run so background noise spreads over all of them.
	for (let i = 0; i < runs; i++) {
		for (const [j, k] of contenders.entries()) {
			const { cmd, cleanup } = await k.prepare(i);
			// Untimed: write back what earlier runs left dirty in the page cache, so that this
			// run does not pay for another's 1 GiB of writeback.
			await run(["sync"]);
			try {
				const s = await timed(cmd, rssFile);
				tools[j]?.samples.push(s);
				process.stderr.write(`  ${c.id} ${k.label} run ${i + 1}/${runs}: ${(s.ms / 1000).toFixed(3)} s, ${(s.rssKiB / 1024).toFixed(0)} MiB\n`);
			} finally {
				await cleanup?.();
			}
		}
	}
	for (const t of tools) {
		t.medianMs = median(t.samples.map((s) => s.ms));
		t.peakRssKiB = Math.max(...t.samples.map((s) => s.rssKiB));
	}
	return { ...c, tools };
}

function fmtTable(cases: readonly CaseResult[]): string {
	const rows: string[][] = [["case", "tool", "median", "MB/s", "× skopeo", "× floor", "peak RSS"]];
	for (const c of cases) {
		const sk = c.tools.find((t) => t.tool === "skopeo");
		const fl = c.tools.find((t) => t.tool === "floor");
		for (const t of c.tools) {
			const secs = t.medianMs / 1000;
			rows.push([
				c.title,
				t.label,
				secs < 1 ? `${t.medianMs.toFixed(0)} ms` : `${secs.toFixed(2)} s`,
				c.bytes > 0 ? (c.bytes / 1e6 / secs).toFixed(0) : "",
				sk && t !== sk ? (t.medianMs / sk.medianMs).toFixed(2) : "",
				fl && t !== fl ? (t.medianMs / fl.medianMs).toFixed(2) : "",
				`${(t.peakRssKiB / 1024).toFixed(0)} MiB`,
			]);
		}
	}
	// Markdown-safe: a `|` inside a cell (curl|sha256) is escaped so the table pastes into the README as is.
	for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = (r[i] ?? "").replace(/\|/g, "\\|");
	const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
	const line = (r: string[]) => `| ${r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
	const sep = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
	return [line(rows[0] ?? []), sep, ...rows.slice(1).map(line)].join("\n");
}

async function hasCpCommand(): Promise<boolean> {
	try {
		const mod = (await import(join(ROOT, "dist", "src", "cli", "commands", "index.js"))) as { findEntry?: (n: string) => unknown };
		return mod.findEntry?.("cp") !== undefined;
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	requireTool("skopeo", "skopeo");
	requireTool("curl", "curl");
	if (!existsSync("/usr/bin/time")) throw new Error("GNU time is not installed: run 'apt-get install -y time'");
	const t0 = Date.now();
	const scratch = await mkdtemp(join(tmpdir(), "oras-ts-bench-"));
	const registries: RunningRegistry[] = [];
	const cleanupAll = async () => {
		await Promise.allSettled(registries.map((r) => r.stop()));
		await rm(scratch, { recursive: true, force: true });
	};
	const onSignal = () => {
		void cleanupAll().finally(() => process.exit(130));
	};
	process.once("SIGINT", onSignal);
	process.once("SIGTERM", onSignal);
	try {
		const want = (id: string) => ONLY.length === 0 || ONLY.includes(id);
		const regA = await startRegistry();
		registries.push(regA);
		const A = regA.host;
		let seq = 0;
		const fresh = (prefix: string) => `bench/${prefix}-${++seq}`;
		const oras = (...args: string[]): string[] => ["node", CLI, ...args];
		const outDir = async () => mkdtemp(join(scratch, "out-"));
		const rmDir = (d: string) => () => rm(d, { recursive: true, force: true });
		const cases: CaseResult[] = [];
		const log = (s: string) => process.stderr.write(`${s}\n`);
		const needBig = ["push-1g", "pull-1g", "cp-1g", "cp-1g-mount"].some(want);

		// ---- inputs ------------------------------------------------------------------------
		const bigDir = join(scratch, "big");
		const smallDir = join(scratch, "small");
		const multiDir = join(scratch, "multi");
		await mkdir(bigDir);
		await mkdir(smallDir);
		await mkdir(multiDir);
		const smallNames = Array.from({ length: SMALL_COUNT }, (_, i) => `f${String(i).padStart(3, "0")}`);
		const multiNames = Array.from({ length: MULTI_COUNT }, (_, i) => `l${String(i).padStart(2, "0")}.bin`);
		log(`bench: generating inputs in ${scratch}`);
		let bigHex = "";
		if (needBig) {
			await writeRandomFile(join(bigDir, "big.bin"), BIG);
			bigHex = await sha256File(join(bigDir, "big.bin"));
		}
		if (want("push-small") || want("pull-small")) for (const n of smallNames) await writeRandomFile(join(smallDir, n), SMALL_SIZE);
		const multiHex: string[] = [];
		if (want("push-multi") || want("pull-multi")) {
			for (const n of multiNames) {
				await writeRandomFile(join(multiDir, n), MULTI_SIZE);
				multiHex.push(await sha256File(join(multiDir, n)));
			}
		}
		// OCI layouts for skopeo, made by oras-ts, and the artifacts the pulls read.
		const layout = (name: string) => join(scratch, `layout-${name}`);
		const prepareSet = async (name: string, dir: string, files: string[]) => {
			await run(oras("push", "--no-tty", "--oci-layout", `${layout(name)}:v1`, ...files), dir);
			await run(oras("push", "--no-tty", "--plain-http", `${A}/bench/${name}:v1`, ...files), dir);
		};
		if (needBig) await prepareSet("big", bigDir, ["big.bin"]);
		if (want("push-small") || want("pull-small")) await prepareSet("small", smallDir, smallNames);
		if (want("push-multi") || want("pull-multi")) await prepareSet("multi", multiDir, multiNames);

		const skopeoPush = (name: string, prefix: string): Contender => ({
			tool: "skopeo",
			label: "skopeo",
			prepare: async () => {
				clearSkopeoCache();
				return { cmd: { argv: ["skopeo", "copy", "-q", "--dest-tls-verify=false", `oci:${layout(name)}:v1`, `docker://${A}/${fresh(prefix)}:v1`] } };
			},
		});
		const skopeoPull = (name: string): Contender => ({
			tool: "skopeo",
			label: "skopeo",
			prepare: async () => {
				const d = await outDir();
				return {
					cmd: { argv: ["skopeo", "copy", "-q", "--src-tls-verify=false", `docker://${A}/bench/${name}:v1`, `oci:${join(d, "layout")}:v1`] },
					cleanup: rmDir(d),
				};
			},
		});
		const orasPush = (dir: string, files: string[], prefix: string): Contender => ({
			tool: "oras-ts",
			label: "oras-ts",
			prepare: async () => ({ cmd: { argv: oras("push", "--no-tty", "--plain-http", `${A}/${fresh(prefix)}:v1`, ...files), cwd: dir } }),
		});
		const orasPull = (name: string): Contender => ({
			tool: "oras-ts",
			label: "oras-ts",
			prepare: async () => {
				const d = await outDir();
				return { cmd: { argv: oras("pull", "--no-tty", "--plain-http", `${A}/bench/${name}:v1`, "-o", d) }, cleanup: rmDir(d) };
			},
		});

		// ---- 1 GiB single file -----------------------------------------------------------
		const bigTitle = QUICK ? `${BIG / MiB} MiB file` : "1 GiB file";
		if (want("push-1g")) {
			cases.push(
				await measure(
					{ id: "push-1g", title: `push ${bigTitle}`, bytes: BIG },
					[
						orasPush(bigDir, ["big.bin"], "pbig-oras"),
						skopeoPush("big", "pbig-skopeo"),
						{
							tool: "floor",
							label: "curl PUT",
							prepare: async () => ({ cmd: sh(curlPushScript(A, fresh("pbig-floor"), join(bigDir, "big.bin"), bigHex)) }),
						},
					],
					RUNS,
					scratch,
				),
			);
		}
		if (want("pull-1g")) {
			cases.push(
				await measure(
					{ id: "pull-1g", title: `pull ${bigTitle}`, bytes: BIG, note: "reference: a bare Node http.get → sha256 → file loop, no retries or temp file (bench/node-pull.ts)" },
					[
						orasPull("big"),
						skopeoPull("big"),
						{
							tool: "floor",
							label: "curl|sha256",
							prepare: async () => ({ cmd: sh(`curl -sf http://${A}/v2/bench/big/blobs/sha256:${bigHex} | ${HASH_STDIN}`, { EXPECT: bigHex }) }),
						},
						{
							tool: "reference",
							label: "node get+hash+write",
							prepare: async () => {
								const d = await outDir();
								return { cmd: { argv: [process.execPath, NODE_PULL_SCRIPT, `http://${A}/v2/bench/big/blobs/sha256:${bigHex}`, bigHex, join(d, "big.bin")] }, cleanup: rmDir(d) };
							},
						},
					],
					RUNS,
					scratch,
				),
			);
		}

		// ---- 500 × 4 KiB ------------------------------------------------------------------
		const smallTitle = `${SMALL_COUNT} × 4 KiB files`;
		if (want("push-small")) {
			cases.push(
				await measure(
					{
						id: "push-small",
						title: `push ${smallTitle}`,
						bytes: SMALL_COUNT * SMALL_SIZE,
						note: "reference: a bare Node HEAD + POST + PUT per blob, 5 at a time, no manifest (bench/node-push.ts)",
					},
					[
						orasPush(smallDir, smallNames, "psmall-oras"),
						skopeoPush("small", "psmall-skopeo"),
						{
							tool: "reference",
							label: "node HEAD+POST+PUT",
							prepare: async () => ({ cmd: { argv: [process.execPath, NODE_PUSH_SCRIPT, A, fresh("psmall-node"), "5", ...smallNames], cwd: smallDir } }),
						},
					],
					RUNS,
					scratch,
				),
			);
		}
		if (want("pull-small")) {
			cases.push(
				await measure(
					{ id: "pull-small", title: `pull ${smallTitle}`, bytes: SMALL_COUNT * SMALL_SIZE },
					[orasPull("small"), skopeoPull("small")],
					RUNS,
					scratch,
				),
			);
		}

		// ---- 10 × 100 MiB -----------------------------------------------------------------
		const multiTitle = `${MULTI_COUNT} × ${MULTI_SIZE / MiB} MiB layers`;
		if (want("push-multi")) {
			cases.push(
				await measure(
					{ id: "push-multi", title: `push ${multiTitle}`, bytes: MULTI_COUNT * MULTI_SIZE, note: "floor: 10 curl PUTs in parallel" },
					[
						orasPush(multiDir, multiNames, "pmulti-oras"),
						skopeoPush("multi", "pmulti-skopeo"),
						{
							tool: "floor",
							label: "curl PUT ×10",
							prepare: async () => {
								const repo = fresh("pmulti-floor");
								const parts = multiNames.map((n, k) => `(${curlPushScript(A, repo, join(multiDir, n), multiHex[k] ?? "")}) &`);
								return { cmd: sh(`${parts.join("\n")}\nfail=0; for j in $(jobs -p); do wait $j || fail=1; done; exit $fail`) };
							},
						},
					],
					RUNS,
					scratch,
				),
			);
		}
		if (want("pull-multi")) {
			cases.push(
				await measure(
					{ id: "pull-multi", title: `pull ${multiTitle}`, bytes: MULTI_COUNT * MULTI_SIZE, note: "floor: 10 curl|sha256 in parallel" },
					[
						orasPull("multi"),
						skopeoPull("multi"),
						{
							tool: "floor",
							label: "curl|sha256 ×10",
							prepare: async () => {
								const parts = multiHex.map((hex) => `(curl -sf http://${A}/v2/bench/multi/blobs/sha256:${hex} | EXPECT=${hex} ${HASH_STDIN}) &`);
								return { cmd: sh(`${parts.join("\n")}\nfail=0; for j in $(jobs -p); do wait $j || fail=1; done; exit $fail`) };
							},
						},
					],
					RUNS,
					scratch,
				),
			);
		}

		// ---- cp registry → registry ---------------------------------------------------------
		const cliCp = await hasCpCommand();
		const cpNote = cliCp ? "oras-ts cp" : "library copy() via dist/bench/cp.js (the CLI has no cp command yet)";
		const orasCp = (dstHost: string, prefix: string): Contender => ({
			tool: "oras-ts",
			label: cliCp ? "oras-ts cp" : "oras-ts copy()",
			prepare: async () => {
				const src = `${A}/bench/big:v1`;
				const dst = `${dstHost}/${fresh(prefix)}:v1`;
				return { cmd: { argv: cliCp ? oras("cp", "--no-tty", "--from-plain-http", "--to-plain-http", src, dst) : ["node", CP_SCRIPT, src, dst] } };
			},
		});
		if (want("cp-1g")) {
			const regB = await startRegistry();
			registries.push(regB);
			const B = regB.host;
			cases.push(
				await measure(
					{ id: "cp-1g", title: `cp ${bigTitle} (2 registries)`, bytes: BIG, note: `${cpNote}; floor: curl GET | curl PUT (chunked, no hashing)` },
					[
						orasCp(B, "cp-oras"),
						{
							tool: "skopeo",
							label: "skopeo",
							prepare: async () => {
								clearSkopeoCache();
								return {
									cmd: {
										argv: ["skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false", `docker://${A}/bench/big:v1`, `docker://${B}/${fresh("cp-skopeo")}:v1`],
									},
								};
							},
						},
						{
							tool: "floor",
							label: "curl GET|PUT",
							prepare: async () => {
								const repo = fresh("cp-floor");
								const put = curlPushScript(B, repo, "-", bigHex);
								return { cmd: sh(`curl -sf http://${A}/v2/bench/big/blobs/sha256:${bigHex} | { ${put}; }`) };
							},
						},
					],
					RUNS,
					scratch,
				),
			);
			await regB.stop();
			registries.pop();
		}
		if (want("cp-1g-mount")) {
			// skopeo mounts only blobs its cache has seen on the destination registry: one untimed copy
			// teaches it where the source blob is (as a user's repeated copies would).
			clearSkopeoCache();
			await run(["skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false", `docker://${A}/bench/big:v1`, `docker://${A}/${fresh("cpm-warm")}:v1`]);
			cases.push(
				await measure(
					{
						id: "cp-1g-mount",
						title: `cp ${bigTitle} (same registry, mount)`,
						bytes: 0,
						note: `${cpNote}; skopeo with a warm blob-info cache; floor: one curl POST ?mount=`,
					},
					[
						orasCp(A, "cpm-oras"),
						{
							tool: "skopeo",
							label: "skopeo",
							prepare: async () => ({
								cmd: {
									argv: ["skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false", `docker://${A}/bench/big:v1`, `docker://${A}/${fresh("cpm-skopeo")}:v1`],
								},
							}),
						},
						{
							tool: "floor",
							label: "curl POST mount",
							prepare: async () => ({
								cmd: sh(`test "$(curl -s -o /dev/null -w '%{http_code}' -X POST 'http://${A}/v2/${fresh("cpm-floor")}/blobs/uploads/?mount=sha256:${bigHex}&from=bench/big')" = 201`),
							}),
						},
					],
					RUNS,
					scratch,
				),
			);
		}

		// ---- start-up -------------------------------------------------------------------------
		if (want("startup")) {
			cases.push(
				await measure(
					{ id: "startup", title: "start-up (version)", bytes: 0, note: "floor: node -e 0" },
					[
						{ tool: "oras-ts", label: "oras-ts version", prepare: async () => ({ cmd: { argv: oras("version") } }) },
						{ tool: "skopeo", label: "skopeo --version", prepare: async () => ({ cmd: { argv: ["skopeo", "--version"] } }) },
						{ tool: "floor", label: "node -e 0", prepare: async () => ({ cmd: { argv: ["node", "-e", "0"] } }) },
					],
					STARTUP_RUNS,
					scratch,
				),
			);
		}

		const table = fmtTable(cases);
		const m = machine();
		process.stdout.write(`\n${table}\n\n`);
		process.stdout.write(`machine: ${m.cpu as string}, ${m.cores as number} cores, ${m.memoryGiB as number} GiB, Node ${m.node as string}; ${RUNS} runs per case (median)${QUICK ? ", BENCH_QUICK" : ""}\n`);
		for (const c of cases) if (c.note) process.stdout.write(`${c.id}: ${c.note}\n`);
		mkdirSync(dirname(RESULTS), { recursive: true });
		const json = {
			date: new Date().toISOString(),
			quick: QUICK,
			runs: RUNS,
			durationSeconds: Math.round((Date.now() - t0) / 1000),
			machine: m,
			cases: cases.map((c) => ({
				...c,
				tools: c.tools.map((t) => ({
					tool: t.tool,
					label: t.label,
					medianSeconds: Math.round(t.medianMs) / 1000,
					mbPerSecond: c.bytes > 0 ? Math.round(c.bytes / 1e6 / (t.medianMs / 1000)) : undefined,
					peakRssMiB: Math.round(t.peakRssKiB / 1024),
					runsSeconds: t.samples.map((s) => Math.round(s.ms) / 1000),
				})),
			})),
			table,
		};
		await writeFile(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
		process.stdout.write(`wrote ${RESULTS} (${json.durationSeconds} s)\n`);
	} finally {
		await cleanupAll();
		process.off("SIGINT", onSignal);
		process.off("SIGTERM", onSignal);
	}
}

await main();
