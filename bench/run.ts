/**
 * `npm run bench`: oras-ts side by side with the native clients — skopeo, a minimal Go client
 * built here from bench/go (when `go` is installed) and the Go `oras` (when one is on PATH) — and
 * the physical floors (curl + a Node SHA-256 hasher for pulls, one curl monolithic PUT for pushes)
 * against a real distribution 2.8 on 127.0.0.1, all in one run. BENCH_SERVE=1 runs the client cases
 * a second time against `oras-ts serve`; the serve-get and serve-put cases compare one blob GET
 * and one blob PUT (curl) against both registries. Several runs per case (BENCH_RUNS, default 3), medians reported, peak RSS from GNU
 * time. BENCH_QUICK=1 uses small sizes; BENCH_CASES=push-1g,pull-1g,... picks cases. Writes
 * bench/results/latest.json. Never part of `npm test`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomFillSync } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { cpus, homedir, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { requireTool, type RunningRegistry, startRegistry } from "../test/integration/fixtures/registry.js";
import { type ChildServe, spawnChildServe } from "../test/integration/fixtures/serve.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const CLI = join(ROOT, "bin", "oras-ts.js");
const CP_SCRIPT = join(HERE, "cp.js");
const NODE_PULL_SCRIPT = join(HERE, "node-pull.js");
const NODE_PUSH_SCRIPT = join(HERE, "node-push.js");
const RESULTS = join(ROOT, "bench", "results", "latest.json");
const GO_SOURCE = join(ROOT, "bench", "go");

const QUICK = process.env.BENCH_QUICK === "1";
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? "3") || 3);
const ONLY = (process.env.BENCH_CASES ?? "").split(",").filter((s) => s !== "");
const SERVE_PASS = process.env.BENCH_SERVE === "1";
const MiB = 1024 * 1024;
const BIG = QUICK ? 64 * MiB : 1024 * MiB;
const SMALL_COUNT = QUICK ? 100 : 500;
const SMALL_SIZE = 4096;
const MULTI_COUNT = 10;
const MULTI_SIZE = QUICK ? 8 * MiB : 100 * MiB;
const STARTUP_RUNS = Math.max(15, RUNS);
/** Any single command taking longer than this fails the benchmark (bounded in time). */
const COMMAND_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * `native`: a client in Go (skopeo, the Go `oras`, the bench/go client) — the "× native" column
 * compares with the fastest of them. `reference`: a point of comparison that is not a floor
 * (e.g. a bare Node pull loop).
 */
type Tool = "oras-ts" | "native" | "floor" | "reference";

interface Sample {
	readonly ms: number;
	readonly rssKiB: number;
	/** User + system CPU of the timed command and the children it waited for (GNU time, 10 ms steps). */
	readonly cpuMs: number;
}

interface ToolResult {
	readonly tool: Tool;
	readonly label: string;
	readonly samples: Sample[];
	/** Why this row was not run (e.g. the tool is not installed), instead of leaving it out. */
	readonly skipped?: string;
	medianMs: number;
	medianCpuMs: number;
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
	/** Set when the row cannot run here: the reason, with the install command. */
	readonly skip?: string;
	/** Peak RSS and CPU of this process (a server) instead of the timed command's: /proc VmHWM (reset before each run) and stat. */
	readonly rssOfPid?: number;
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

/** Runs the scripts in parallel in one shell; fails when any of them fails. */
function shParallel(scripts: readonly string[]): Command {
	return sh(`${scripts.map((p) => `(${p}) &`).join("\n")}\nfail=0; for j in $(jobs -p); do wait $j || fail=1; done; exit $fail`);
}

/** Runs `cmd` under GNU time; returns wall milliseconds, CPU milliseconds and peak RSS (KiB). Throws on failure. */
async function timed(cmd: Command, rssFile: string): Promise<Sample> {
	const argv = ["-f", "%U %S %M", "-o", rssFile, ...cmd.argv];
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
	// The last line is ours (a failing command's own output comes before it).
	const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(readFileSync(rssFile, "utf8").trim());
	return { ms, rssKiB: Number(m?.[3] ?? "0"), cpuMs: Math.round((Number(m?.[1] ?? "0") + Number(m?.[2] ?? "0")) * 1000) };
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
		`case "$loc" in *\\?*) sep='&';; *) sep='?';; esac; ` +
		`curl -sf -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream' -T ${quote(file)} "$loc\${sep}digest=sha256:${hex}"`
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
		go: version(["sh", "-c", "go version 2>/dev/null || echo none"]),
		oras: findGoOras() ?? "none on PATH",
		kernel: release(),
	};
}

async function measure(c: { id: string; title: string; bytes: number; note?: string }, contenders: readonly Contender[], runs: number, scratch: string): Promise<CaseResult> {
	const tools: ToolResult[] = contenders.map((k) => ({ tool: k.tool, label: k.label, samples: [], medianMs: 0, medianCpuMs: 0, peakRssKiB: 0, ...(k.skip ? { skipped: k.skip } : {}) }));
	const rssFile = join(scratch, "rss.txt");
	// Interleave the contenders run by run so background noise spreads over all of them.
	for (let i = 0; i < runs; i++) {
		for (const [j, k] of contenders.entries()) {
			if (k.skip !== undefined) continue;
			const { cmd, cleanup } = await k.prepare(i);
			// Untimed: write back what earlier runs left dirty in the page cache, so that this
			// run does not pay for another's 1 GiB of writeback.
			await run(["sync"]);
			if (k.rssOfPid !== undefined) resetPeakRss(k.rssOfPid);
			const cpuBefore = k.rssOfPid !== undefined ? cpuMsOf(k.rssOfPid) : 0;
			try {
				let s = await timed(cmd, rssFile);
				if (k.rssOfPid !== undefined) s = { ms: s.ms, rssKiB: peakRssKiB(k.rssOfPid), cpuMs: cpuMsOf(k.rssOfPid) - cpuBefore };
				tools[j]?.samples.push(s);
				process.stderr.write(`  ${c.id} ${k.label} run ${i + 1}/${runs}: ${(s.ms / 1000).toFixed(3)} s, CPU ${(s.cpuMs / 1000).toFixed(2)} s, ${(s.rssKiB / 1024).toFixed(0)} MiB\n`);
			} finally {
				await cleanup?.();
			}
		}
	}
	for (const t of tools) {
		if (t.samples.length === 0) continue;
		t.medianMs = median(t.samples.map((s) => s.ms));
		t.medianCpuMs = median(t.samples.map((s) => s.cpuMs));
		t.peakRssKiB = Math.max(...t.samples.map((s) => s.rssKiB));
	}
	return { ...c, tools };
}

/** The fastest native client's median in a case (skopeo, the Go client, oras), if any ran. */
function bestNative(c: CaseResult): ToolResult | undefined {
	const ran = c.tools.filter((t) => t.tool === "native" && t.samples.length > 0);
	return ran.length === 0 ? undefined : ran.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
}

function fmtTable(cases: readonly CaseResult[]): string {
	const rows: string[][] = [["case", "tool", "median", "MB/s", "× native", "× floor", "CPU", "peak RSS"]];
	for (const c of cases) {
		const nat = bestNative(c);
		const fl = c.tools.find((t) => t.tool === "floor");
		for (const t of c.tools) {
			if (t.skipped !== undefined) {
				rows.push([c.title, t.label, "not run", "", "", "", "", ""]);
				continue;
			}
			const secs = t.medianMs / 1000;
			rows.push([
				c.title,
				t.label,
				secs < 1 ? `${t.medianMs.toFixed(0)} ms` : `${secs.toFixed(2)} s`,
				c.bytes > 0 ? (c.bytes / 1e6 / secs).toFixed(0) : "",
				nat && t !== nat ? (t.medianMs / nat.medianMs).toFixed(2) : "",
				fl && t !== fl ? (t.medianMs / fl.medianMs).toFixed(2) : "",
				t.medianCpuMs < 1000 ? `${t.medianCpuMs.toFixed(0)} ms` : `${(t.medianCpuMs / 1000).toFixed(2)} s`,
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

/** Linux: resets the peak RSS (VmHWM) of `pid` to its current RSS (`/proc/<pid>/clear_refs`, 5). */
function resetPeakRss(pid: number): void {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, "5");
	} catch {
		// not permitted: the peak then covers the process's whole life
	}
}

/** Linux: a `/proc/<pid>/status` figure in KiB (`VmHWM`, `VmRSS`); 0 when unknown. */
function statusKiB(pid: number, field: "VmHWM" | "VmRSS"): number {
	try {
		return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "0");
	} catch {
		return 0;
	}
}

/** Linux: the CPU (user + system, ms) `pid` has used so far, from `/proc/<pid>/stat` (clock ticks of 10 ms); 0 when unknown. */
function cpuMsOf(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
		// Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
		const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
		return (Number(f[11]) + Number(f[12])) * 10;
	} catch {
		return 0;
	}
}

/** Linux: the peak RSS (VmHWM, KiB) of `pid`; 0 when unknown. */
const peakRssKiB = (pid: number): number => statusKiB(pid, "VmHWM");
/** Linux: the current RSS (VmRSS, KiB) of `pid`; 0 when unknown. */
const rssKiB = (pid: number): number => statusKiB(pid, "VmRSS");

/** The pid of the process whose command line contains `needle` (the registry, found by its config path). */
function findPid(needle: string): number | undefined {
	for (const d of readdirSync("/proc")) {
		if (!/^\d+$/.test(d)) continue;
		try {
			if (readFileSync(`/proc/${d}/cmdline`, "utf8").includes(needle)) return Number(d);
		} catch {
			// gone
		}
	}
	return undefined;
}

/**
 * Builds the Go reference client (bench/go, standard library only) with Debian's golang-go; offline:
 * no module downloads, the build cache in the temp dir. Returns the binary, or why there is none.
 */
async function buildGoClient(scratch: string): Promise<{ bin?: string; skip?: string }> {
	const go = spawnSync("sh", ["-c", "command -v go"], { encoding: "utf8" }).stdout.trim();
	if (go === "") return { skip: "go is not installed: run 'bash scripts/setup.sh --bench' (Debian's golang-go, Go 1.19+) for the Go reference rows" };
	const bin = join(scratch, "goref");
	const env = { ...process.env, GOFLAGS: "-mod=mod", GOPROXY: "off", GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOCACHE: join(tmpdir(), "oras-ts-bench-gocache") };
	const child = spawnSync(go, ["build", "-o", bin, "."], { cwd: GO_SOURCE, env, encoding: "utf8", timeout: COMMAND_TIMEOUT_MS });
	if (child.status !== 0) return { skip: `go build in bench/go failed: ${`${child.stderr}${child.error?.message ?? ""}`.trim().split("\n")[0] ?? ""}` };
	return { bin };
}

/** The Go `oras` CLI on PATH, if there is one (`oras` may also be this package's own bin: then not). */
function findGoOras(): string | undefined {
	const r = spawnSync("oras", ["version"], { encoding: "utf8", timeout: 10_000 });
	return r.status === 0 && /Go version/i.test(r.stdout) ? (r.stdout.split("\n")[0]?.trim() ?? "oras") : undefined;
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
	const loadBefore = loadavg();
	const scratch = await mkdtemp(join(tmpdir(), "oras-ts-bench-"));
	const registries: RunningRegistry[] = [];
	const serves: ChildServe[] = [];
	const cleanupAll = async () => {
		await Promise.allSettled([...registries.map((r) => r.stop()), ...serves.map((s) => s.stop())]);
		await rm(scratch, { recursive: true, force: true });
	};
	const onSignal = () => {
		void cleanupAll().finally(() => process.exit(130));
	};
	process.once("SIGINT", onSignal);
	process.once("SIGTERM", onSignal);
	try {
		const want = (id: string) => ONLY.length === 0 || ONLY.includes(id);
		const log = (s: string) => process.stderr.write(`${s}\n`);
		const regA = await startRegistry();
		registries.push(regA);
		const A = regA.host;
		// `oras-ts serve` as a second registry: for the serve pass (BENCH_SERVE=1) and the serve-get case.
		let S: string | undefined;
		let servePid: number | undefined;
		if (SERVE_PASS || want("serve-get")) {
			const sv = await spawnChildServe(
				[CLI, "serve", "--root", join(scratch, "serve-root"), "--addr", "127.0.0.1:0", "--log-level", "warn"],
				/Serving \S+ at http:\/\/(\S+)/,
				"oras-ts serve",
			);
			serves.push(sv);
			S = sv.url;
			servePid = sv.child.pid;
		}
		const goRef = await buildGoClient(scratch);
		if (goRef.skip) log(`bench: Go client rows not run: ${goRef.skip}`);
		const goOras = findGoOras();
		let seq = 0;
		const fresh = (prefix: string) => `bench/${prefix}-${++seq}`;
		const oras = (...args: string[]): string[] => ["node", CLI, ...args];
		const outDir = async () => mkdtemp(join(scratch, "out-"));
		const rmDir = (d: string) => () => rm(d, { recursive: true, force: true });
		const cases: CaseResult[] = [];
		const needBig = ["push-1g", "pull-1g", "cp-1g", "cp-1g-mount", "serve-get", "serve-put"].some(want);
		const needSmall = want("push-small") || want("pull-small");
		const needMulti = want("push-multi") || want("pull-multi");
		const needTiny = want("startup-pull") || want("startup-push");

		// ---- inputs ------------------------------------------------------------------------
		const bigDir = join(scratch, "big");
		const smallDir = join(scratch, "small");
		const multiDir = join(scratch, "multi");
		const tinyDir = join(scratch, "tiny");
		for (const d of [bigDir, smallDir, multiDir, tinyDir]) await mkdir(d);
		const smallNames = Array.from({ length: SMALL_COUNT }, (_, i) => `f${String(i).padStart(3, "0")}`);
		const multiNames = Array.from({ length: MULTI_COUNT }, (_, i) => `l${String(i).padStart(2, "0")}.bin`);
		log(`bench: generating inputs in ${scratch}`);
		let bigHex = "";
		if (needBig) {
			await writeRandomFile(join(bigDir, "big.bin"), BIG);
			bigHex = await sha256File(join(bigDir, "big.bin"));
		}
		if (needSmall) for (const n of smallNames) await writeRandomFile(join(smallDir, n), SMALL_SIZE);
		if (needTiny) await writeRandomFile(join(tinyDir, "tiny.bin"), SMALL_SIZE);
		const multiHex: string[] = [];
		if (needMulti) {
			for (const n of multiNames) {
				await writeRandomFile(join(multiDir, n), MULTI_SIZE);
				multiHex.push(await sha256File(join(multiDir, n)));
			}
		}
		// OCI layouts for skopeo, made by oras-ts, and the artifacts the pulls read (on each registry used).
		const layout = (name: string) => join(scratch, `layout-${name}`);
		const prepareSet = async (name: string, dir: string, files: string[]) => {
			await run(oras("push", "--no-tty", "--oci-layout", `${layout(name)}:v1`, ...files), dir);
			await run(oras("push", "--no-tty", "--plain-http", `${A}/bench/${name}:v1`, ...files), dir);
			if (S !== undefined && (SERVE_PASS || name === "big")) await run(oras("push", "--no-tty", "--plain-http", `${S}/bench/${name}:v1`, ...files), dir);
		};
		if (needBig) await prepareSet("big", bigDir, ["big.bin"]);
		if (needSmall) await prepareSet("small", smallDir, smallNames);
		if (needMulti) await prepareSet("multi", multiDir, multiNames);
		if (needTiny) await prepareSet("tiny", tinyDir, ["tiny.bin"]);

		// ---- contenders, for a registry `H` ------------------------------------------------
		const skopeoPush = (H: string, name: string, prefix: string): Contender => ({
			tool: "native",
			label: "skopeo",
			prepare: async () => {
				clearSkopeoCache();
				return { cmd: { argv: ["skopeo", "copy", "-q", "--dest-tls-verify=false", `oci:${layout(name)}:v1`, `docker://${H}/${fresh(prefix)}:v1`] } };
			},
		});
		const skopeoPull = (H: string, name: string): Contender => ({
			tool: "native",
			label: "skopeo",
			prepare: async () => {
				const d = await outDir();
				return {
					cmd: { argv: ["skopeo", "copy", "-q", "--src-tls-verify=false", `docker://${H}/bench/${name}:v1`, `oci:${join(d, "layout")}:v1`] },
					cleanup: rmDir(d),
				};
			},
		});
		const orasPush = (H: string, dir: string, files: string[], prefix: string): Contender => ({
			tool: "oras-ts",
			label: "oras-ts",
			prepare: async () => ({ cmd: { argv: oras("push", "--no-tty", "--plain-http", `${H}/${fresh(prefix)}:v1`, ...files), cwd: dir } }),
		});
		const orasPull = (H: string, name: string): Contender => ({
			tool: "oras-ts",
			label: "oras-ts",
			prepare: async () => {
				const d = await outDir();
				return { cmd: { argv: oras("pull", "--no-tty", "--plain-http", `${H}/bench/${name}:v1`, "-o", d) }, cleanup: rmDir(d) };
			},
		});
		// The Go reference client (bench/go) and the Go oras: the native clients oras-ts is held to.
		const goSkip = goRef.skip !== undefined ? { skip: goRef.skip } : {};
		const nativePush = (H: string, dir: string, files: string[], prefix: string): Contender[] => [
			{
				tool: "native",
				label: "go client",
				...goSkip,
				prepare: async () => ({ cmd: { argv: [goRef.bin ?? "goref", "push", H, fresh(`${prefix}-go`), "v1", ...files], cwd: dir } }),
			},
			...(goOras === undefined
				? []
				: [
						{
							tool: "native",
							label: "oras",
							prepare: async () => ({ cmd: { argv: ["oras", "push", "--plain-http", `${H}/${fresh(`${prefix}-oras`)}:v1`, ...files], cwd: dir } }),
						} satisfies Contender,
					]),
		];
		const nativePull = (H: string, name: string): Contender[] => [
			{
				tool: "native",
				label: "go client",
				...goSkip,
				prepare: async () => {
					const d = await outDir();
					return { cmd: { argv: [goRef.bin ?? "goref", "pull", H, `bench/${name}`, "v1", d] }, cleanup: rmDir(d) };
				},
			},
			...(goOras === undefined
				? []
				: [
						{
							tool: "native",
							label: "oras",
							prepare: async () => {
								const d = await outDir();
								return { cmd: { argv: ["oras", "pull", "--plain-http", `${H}/bench/${name}:v1`, "-o", d] }, cleanup: rmDir(d) };
							},
						} satisfies Contender,
					]),
		];

		// ---- client cases: on distribution, and on `oras-ts serve` with BENCH_SERVE=1 -----------
		const bigTitle = QUICK ? `${BIG / MiB} MiB file` : "1 GiB file";
		const smallTitle = `${SMALL_COUNT} × 4 KiB files`;
		const multiTitle = `${MULTI_COUNT} × ${MULTI_SIZE / MiB} MiB layers`;
		const targets = [{ host: A, id: "", title: "", onDistribution: true }];
		if (SERVE_PASS && S !== undefined) targets.push({ host: S, id: "@serve", title: " → serve", onDistribution: false });
		for (const T of targets) {
			const H = T.host;
			// skopeo runs against distribution only (the serve pass stays short); the bare Node loops
			// run on both, so the Node floor is also measured against a registry that answers fast.
			const skopeo = (k: Contender): Contender[] => (T.onDistribution ? [k] : []);
			const nodeRef = (k: Contender): Contender[] => [k];
			if (want("push-1g")) {
				cases.push(
					await measure(
						{ id: `push-1g${T.id}`, title: `push ${bigTitle}${T.title}`, bytes: BIG },
						[
							orasPush(H, bigDir, ["big.bin"], "pbig-oras"),
							...nativePush(H, bigDir, ["big.bin"], "pbig"),
							...skopeo(skopeoPush(H, "big", "pbig-skopeo")),
							{
								tool: "floor",
								label: "curl PUT",
								prepare: async () => ({ cmd: sh(curlPushScript(H, fresh("pbig-floor"), join(bigDir, "big.bin"), bigHex)) }),
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
						{
							id: `pull-1g${T.id}`,
							title: `pull ${bigTitle}${T.title}`,
							bytes: BIG,
							...(T.onDistribution ? { note: "reference: a bare Node http.get → sha256 → file loop, no retries or temp file (bench/node-pull.ts)" } : {}),
						},
						[
							orasPull(H, "big"),
							...nativePull(H, "big"),
							...skopeo(skopeoPull(H, "big")),
							{
								tool: "floor",
								label: "curl|sha256",
								prepare: async () => ({ cmd: sh(`curl -sf http://${H}/v2/bench/big/blobs/sha256:${bigHex} | ${HASH_STDIN}`, { EXPECT: bigHex }) }),
							},
							...nodeRef({
								tool: "reference",
								label: "node get+hash+write",
								prepare: async () => {
									const d = await outDir();
									return { cmd: { argv: [process.execPath, NODE_PULL_SCRIPT, `http://${H}/v2/bench/big/blobs/sha256:${bigHex}`, bigHex, join(d, "big.bin")] }, cleanup: rmDir(d) };
								},
							}),
						],
						RUNS,
						scratch,
					),
				);
			}
			if (want("push-small")) {
				cases.push(
					await measure(
						{
							id: `push-small${T.id}`,
							title: `push ${smallTitle}${T.title}`,
							bytes: SMALL_COUNT * SMALL_SIZE,
							...(T.onDistribution ? { note: "reference: a bare Node HEAD + POST + PUT per blob, 5 at a time, no manifest (bench/node-push.ts)" } : {}),
						},
						[
							orasPush(H, smallDir, smallNames, "psmall-oras"),
							...nativePush(H, smallDir, smallNames, "psmall"),
							...skopeo(skopeoPush(H, "small", "psmall-skopeo")),
							...nodeRef({
								tool: "reference",
								label: "node HEAD+POST+PUT",
								prepare: async () => ({ cmd: { argv: [process.execPath, NODE_PUSH_SCRIPT, H, fresh("psmall-node"), "5", ...smallNames], cwd: smallDir } }),
							}),
						],
						RUNS,
						scratch,
					),
				);
			}
			if (want("pull-small")) {
				cases.push(
					await measure(
						{
							id: `pull-small${T.id}`,
							title: `pull ${smallTitle}${T.title}`,
							bytes: SMALL_COUNT * SMALL_SIZE,
							...(T.onDistribution ? { note: "references: a bare Node manifest GET, then GET → sha256 → file per blob, 3 at a time, written in place or via a temp file renamed into place (bench/node-pull.ts --manifest [--temp])" } : {}),
						},
						[
							orasPull(H, "small"),
							...nativePull(H, "small"),
							...skopeo(skopeoPull(H, "small")),
							...nodeRef({
								tool: "reference",
								label: "node GET+hash+write",
								prepare: async () => {
									const d = await outDir();
									return { cmd: { argv: [process.execPath, NODE_PULL_SCRIPT, "--manifest", H, "bench/small", "v1", d, "3"] }, cleanup: rmDir(d) };
								},
							}),
							...nodeRef({
								tool: "reference",
								label: "node … + temp+rename",
								prepare: async () => {
									const d = await outDir();
									return { cmd: { argv: [process.execPath, NODE_PULL_SCRIPT, "--manifest", "--temp", H, "bench/small", "v1", d, "3"] }, cleanup: rmDir(d) };
								},
							}),
						],
						RUNS,
						scratch,
					),
				);
			}
			if (want("push-multi")) {
				cases.push(
					await measure(
						{ id: `push-multi${T.id}`, title: `push ${multiTitle}${T.title}`, bytes: MULTI_COUNT * MULTI_SIZE, note: "floor: 10 curl PUTs in parallel" },
						[
							orasPush(H, multiDir, multiNames, "pmulti-oras"),
							...nativePush(H, multiDir, multiNames, "pmulti"),
							...skopeo(skopeoPush(H, "multi", "pmulti-skopeo")),
							{
								tool: "floor",
								label: "curl PUT ×10",
								prepare: async () => {
									const repo = fresh("pmulti-floor");
									return { cmd: shParallel(multiNames.map((n, k) => curlPushScript(H, repo, join(multiDir, n), multiHex[k] ?? ""))) };
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
						{ id: `pull-multi${T.id}`, title: `pull ${multiTitle}${T.title}`, bytes: MULTI_COUNT * MULTI_SIZE, note: "floor: 10 curl|sha256 in parallel" },
						[
							orasPull(H, "multi"),
							...nativePull(H, "multi"),
							...skopeo(skopeoPull(H, "multi")),
							{
								tool: "floor",
								label: "curl|sha256 ×10",
								prepare: async () => {
									return { cmd: shParallel(multiHex.map((hex) => `curl -sf http://${H}/v2/bench/multi/blobs/sha256:${hex} | EXPECT=${hex} ${HASH_STDIN}`)) };
								},
							},
						],
						RUNS,
						scratch,
					),
				);
			}
		}

		// ---- serve vs distribution: the same curl command against each, the servers' CPU and RSS ----
		const serverCase = (id: string, verb: string, note: string, serve: { host: string; pid: number | undefined }, prepare: (host: string) => Contender["prepare"]) => {
			const distPid = findPid(regA.configPath);
			return measure(
				{ id, title: `serve: ${verb} ${QUICK ? `${BIG / MiB} MiB` : "1 GiB"} blob (curl)`, bytes: BIG, note },
				[
					{ tool: "oras-ts", label: "oras-ts serve", ...(serve.pid !== undefined ? { rssOfPid: serve.pid } : {}), prepare: prepare(serve.host) },
					{ tool: "native", label: "distribution 2.8", ...(distPid !== undefined ? { rssOfPid: distPid } : {}), prepare: prepare(A) },
				],
				RUNS,
				scratch,
			);
		};
		// ---- serve vs distribution: one blob GET, the same client ----------------------------
		if (want("serve-get") && S !== undefined) {
			const blobUrl = (H: string) => `http://${H}/v2/bench/big/blobs/sha256:${bigHex}`;
			// The serve process that took the 1 GiB upload keeps what the upload grew its heap to (Node
			// returns little to the OS), and VmHWM cannot be reset below the current RSS: the GETs go to
			// a fresh serve process on the same root, so the row shows the GET's own peak. Reported too.
			const uploaded = servePid !== undefined ? rssKiB(servePid) : 0;
			const sv = await spawnChildServe(
				[CLI, "serve", "--read-only", "--root", join(scratch, "serve-root"), "--addr", "127.0.0.1:0", "--log-level", "warn"],
				/Serving \S+ at http:\/\/(\S+)/,
				"oras-ts serve (read-only, for serve-get)",
			);
			serves.push(sv);
			const SG = sv.url;
			const getPid = sv.child.pid;
			if (uploaded > 0) log(`bench: serve-get: the serve process that received the uploads holds ${Math.round(uploaded / 1024)} MiB RSS; the GETs go to a fresh one`);
			// Untimed: one GET from each, so both read the blob from the page cache.
			for (const H of [A, SG]) await run(["curl", "-sf", "-o", "/dev/null", blobUrl(H)]);
			cases.push(
				await serverCase(
					"serve-get",
					"GET",
					"curl -o /dev/null from each registry; CPU and peak RSS are the server's (/proc stat and VmHWM, reset before each run; a fresh read-only serve on the same root)",
					{ host: SG, pid: getPid },
					(H) => async () => ({ cmd: { argv: ["curl", "-sf", "-o", "/dev/null", blobUrl(H)] } }),
				),
			);
		}

		// ---- serve vs distribution: one monolithic blob PUT, the same client, interleaved -------
		// (the serve pass runs after the distribution pass, so its push rows meet a different disk state)
		if (want("serve-put")) {
			// A fresh serve on its own root: the one the serve pass used keeps what earlier uploads grew
			// its heap to (VmHWM cannot be reset below the current RSS), so its peak would not be this PUT's.
			const sv = await spawnChildServe(
				[CLI, "serve", "--root", join(scratch, "serve-put-root"), "--addr", "127.0.0.1:0", "--log-level", "warn"],
				/Serving \S+ at http:\/\/(\S+)/,
				"oras-ts serve (for serve-put)",
			);
			serves.push(sv);
			cases.push(
				await serverCase(
					"serve-put",
					"PUT",
					"one curl POST + monolithic PUT ?digest= to each registry, interleaved; CPU and peak RSS are the server's (/proc stat and VmHWM, reset before each run; a fresh serve on its own root)",
					{ host: sv.url, pid: sv.child.pid },
					(H) => async () => ({ cmd: sh(curlPushScript(H, fresh(H === A ? "sput-dist" : "sput-serve"), join(bigDir, "big.bin"), bigHex)) }),
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
							tool: "native",
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
							tool: "native",
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
		const nodeFloor: Contender = { tool: "floor", label: "node -e 0", prepare: async () => ({ cmd: { argv: ["node", "-e", "0"] } }) };
		if (want("startup")) {
			cases.push(
				await measure(
					{ id: "startup", title: "start-up", bytes: 0, note: "floor: node -e 0" },
					[
						{ tool: "oras-ts", label: "oras-ts version", prepare: async () => ({ cmd: { argv: oras("version") } }) },
						{ tool: "oras-ts", label: "oras-ts pull --help", prepare: async () => ({ cmd: { argv: oras("pull", "--help") } }) },
						{ tool: "oras-ts", label: "oras-ts push --help", prepare: async () => ({ cmd: { argv: oras("push", "--help") } }) },
						{ tool: "native", label: "skopeo --version", prepare: async () => ({ cmd: { argv: ["skopeo", "--version"] } }) },
						...(goOras === undefined ? [] : [{ tool: "native", label: "oras version", prepare: async () => ({ cmd: { argv: ["oras", "version"] } }) } satisfies Contender]),
						nodeFloor,
					],
					STARTUP_RUNS,
					scratch,
				),
			);
		}
		if (want("startup-pull")) {
			cases.push(
				await measure(
					{ id: "startup-pull", title: "pull 1 × 4 KiB file", bytes: 0, note: "start-up and one round of requests; floor: node -e 0" },
					[orasPull(A, "tiny"), ...nativePull(A, "tiny"), nodeFloor],
					STARTUP_RUNS,
					scratch,
				),
			);
		}
		if (want("startup-push")) {
			cases.push(
				await measure(
					{ id: "startup-push", title: "push 1 × 4 KiB file", bytes: 0, note: "start-up and one round of requests; floor: node -e 0" },
					[orasPush(A, tinyDir, ["tiny.bin"], "ptiny-oras"), ...nativePush(A, tinyDir, ["tiny.bin"], "ptiny"), nodeFloor],
					STARTUP_RUNS,
					scratch,
				),
			);
		}

		const loadAfter = loadavg();
		const table = fmtTable(cases);
		const m = machine();
		const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
		const notes: string[] = [];
		for (const c of cases) if (c.note) notes.push(`${c.id}: ${c.note}`);
		for (const c of cases.filter((x) => x.id.startsWith("startup"))) {
			const floor = c.tools.find((t) => t.tool === "floor");
			const over = c.tools.filter((t) => t.tool === "oras-ts" && t.samples.length > 0);
			if (floor && over.length > 0) notes.push(`${c.id}: over node -e 0: ${over.map((t) => `${t.label} +${(t.medianMs - floor.medianMs).toFixed(0)} ms`).join(", ")}`);
		}
		const skipped = new Set<string>();
		for (const c of cases) for (const t of c.tools) if (t.skipped !== undefined) skipped.add(`${t.label}: not run — ${t.skipped}`);
		notes.push(...skipped);
		if (goOras === undefined) notes.push("oras: no Go oras binary on PATH, so no oras rows (put one on PATH to add them)");
		process.stdout.write(`\n${table}\n\n`);
		process.stdout.write(
			`machine: ${m.cpu as string}, ${m.cores as number} cores, ${m.memoryGiB as number} GiB, Linux ${m.kernel as string}, Node ${m.node as string}, ${m.go as string}; ` +
				`${RUNS} runs per case (median, start-up ${STARTUP_RUNS})${QUICK ? ", BENCH_QUICK" : ""}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadAfter)}\n`,
		);
		for (const n of notes) process.stdout.write(`${n}\n`);
		mkdirSync(dirname(RESULTS), { recursive: true });
		const json = {
			date: new Date().toISOString(),
			quick: QUICK,
			runs: RUNS,
			servePass: SERVE_PASS,
			durationSeconds: Math.round((Date.now() - t0) / 1000),
			loadAverage: { before: loadBefore, after: loadAfter },
			machine: m,
			notes,
			cases: cases.map((c) => ({
				...c,
				tools: c.tools.map((t) => ({
					tool: t.tool,
					label: t.label,
					...(t.skipped !== undefined
						? { skipped: t.skipped }
						: {
								medianSeconds: Math.round(t.medianMs) / 1000,
								mbPerSecond: c.bytes > 0 ? Math.round(c.bytes / 1e6 / (t.medianMs / 1000)) : undefined,
								cpuSeconds: Math.round(t.medianCpuMs) / 1000,
								peakRssMiB: Math.round(t.peakRssKiB / 1024),
								runsSeconds: t.samples.map((s) => Math.round(s.ms) / 1000),
							}),
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
