import { resolve as resolvePath } from "node:path";
import type { Command } from "commander";
import { OrasError } from "../../errors.js";
import { createRegistryServer, type LogLevel, minorGarbageCollector } from "../../server/index.js";
import type { CliIO } from "../io.js";
import { checkArgs } from "../options/common.js";
import { parseDuration } from "../options/duration.js";

interface ServeFlags {
	readonly addr: string;
	readonly root: string;
	readonly readOnly?: boolean;
	readonly htpasswd?: string;
	readonly tlsCert?: string;
	readonly tlsKey?: string;
	readonly logLevel: string;
	readonly debug?: boolean;
	readonly uploadTtl: string;
	readonly maxUploads: string;
	readonly maxUploadsPerClient: string;
	readonly requestIdleTimeout: string;
	readonly minRequestRate: string;
	readonly requestRateWindow: string;
	readonly maxConnections: string;
	readonly maxConnectionsPerClient: string;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"];

export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Serve an OCI distribution-spec v1.1 registry (with the referrers API) from a local directory")
		.argument("[args...]")
		.option("--addr <host:port>", "address to listen on", "127.0.0.1:5000")
		.option("--root <dir>", "storage directory: one OCI image layout per repository", "./oras-ts-registry")
		.option("--read-only", "refuse every write")
		.option("--htpasswd <file>", "require Basic credentials from an htpasswd file (bcrypt entries)")
		.option("--tls-cert <file>", "serve https with this PEM certificate (with --tls-key)")
		.option("--tls-key <file>", "PEM private key for --tls-cert")
		.option("--upload-ttl <duration>", "delete an upload session (and its data) that received nothing for this long, e.g. 30m, 1h, 2h30m", "1h")
		.option("--max-uploads <n>", "upload sessions open at once, all clients together (429 beyond)", "1024")
		.option("--max-uploads-per-client <n>", "upload sessions one client (remote address) may hold at once (429 beyond)", "64")
		.option("--request-idle-timeout <duration>", "close a connection whose request body or response moves no byte for this long (0s: never)", "60s")
		.option("--min-request-rate <bytes/s>", "close a connection whose request body arrives slower than this, averaged over each --request-rate-window after the first (0: never)", "1024")
		.option("--request-rate-window <duration>", "grace period and averaging window of --min-request-rate", "30s")
		.option("--max-connections <n>", "open connections, all clients together (closed at once beyond)", "1024")
		.option("--max-connections-per-client <n>", "open connections of one client (remote address; an IPv6 /64) (closed at once beyond)", "64")
		.option("--log-level <level>", `one of ${LEVELS.join(", ")}`, "info")
		.option("-d, --debug", "log at debug level")
		.action((args: string[], flags: ServeFlags) => runServe(args, flags, io));
}

export async function runServe(args: string[], flags: ServeFlags, io: CliIO): Promise<void> {
	checkArgs(io, "serve", args, 0, 0);
	if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new OrasError("INVALID_ARGUMENT", "--tls-cert must be used in conjunction with --tls-key");
	const level = flags.debug ? "debug" : flags.logLevel;
	if (!LEVELS.includes(level)) throw new OrasError("INVALID_ARGUMENT", `invalid --log-level ${JSON.stringify(level)}: use one of ${LEVELS.join(", ")}`);
	const server = createRegistryServer({
		root: resolvePath(io.cwd, flags.root),
		addr: flags.addr,
		logLevel: level as LogLevel,
		logger: (lvl, message) => io.stderr.write(`${lvl} ${message}\n`),
		uploadTtlMs: parseDuration("--upload-ttl", flags.uploadTtl),
		maxUploads: parseCount("--max-uploads", flags.maxUploads),
		maxUploadsPerClient: parseCount("--max-uploads-per-client", flags.maxUploadsPerClient),
		...(flags.readOnly ? {} : collectGarbage()),
		requestIdleTimeoutMs: parseDuration("--request-idle-timeout", flags.requestIdleTimeout, { allowZero: true }),
		minRequestBytesPerSecond: parseCount("--min-request-rate", flags.minRequestRate, 0),
		requestRateWindowMs: parseDuration("--request-rate-window", flags.requestRateWindow),
		maxConnections: parseCount("--max-connections", flags.maxConnections),
		maxConnectionsPerClient: parseCount("--max-connections-per-client", flags.maxConnectionsPerClient),
		...(flags.readOnly ? { readOnly: true } : {}),
		...(flags.htpasswd ? { htpasswd: resolvePath(io.cwd, flags.htpasswd) } : {}),
		...(flags.tlsCert && flags.tlsKey ? { tls: { cert: resolvePath(io.cwd, flags.tlsCert), key: resolvePath(io.cwd, flags.tlsKey) } } : {}),
	});
	const addr = await server.listen();
	io.stdout.write(`Serving ${resolvePath(io.cwd, flags.root)} at ${addr.url}\n`);
	// Runs until interrupted (SIGINT/SIGTERM in the executable, an abort in tests).
	await new Promise<void>((resolve) => {
		if (!io.signal) return;
		if (io.signal.aborted) resolve();
		io.signal.addEventListener("abort", () => resolve(), { once: true });
	});
	await server.close();
}

function parseCount(flag: string, value: string, min = 1): number {
	const n = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
	if (!(n >= min)) throw new OrasError("INVALID_ARGUMENT", `invalid ${flag} ${JSON.stringify(value)}: expected ${min > 0 ? "a positive" : "a non-negative"} integer`);
	return n;
}

/** A minor GC every 2 MiB of uploads: a 1 GiB PUT peaked at ~82 → ~62 MiB, CPU within noise (server/gc.ts). */
function collectGarbage(): { collectGarbage?: () => void } {
	const gc = minorGarbageCollector();
	return gc ? { collectGarbage: gc } : {};
}
