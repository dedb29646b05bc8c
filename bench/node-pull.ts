/**
 * The least a Node program can do to pull, for the reference rows of the pull cases:
 *
 * - `node dist/bench/node-pull.js <url> <sha256-hex> <out-file>`: one blob — one `http.get`,
 *   every chunk into a SHA-256 hasher and a 4 MiB-buffered write stream, the digest checked at
 *   the end.
 * - `node dist/bench/node-pull.js --manifest [--temp] <host:port> <repository> <tag> <out-dir> [concurrency]`:
 *   an artifact of many small files, the way the Go reference client (bench/go) does it — the
 *   manifest, then per titled layer one `GET` over keep-alive connections (3 at a time), the
 *   body hashed and checked, and the file written in place with one synchronous write; with
 *   `--temp`, written to a temp file in the same directory and renamed into place (what oras-ts
 *   must do so a failed pull never leaves a half-written file).
 *
 * No retries, no resume, no path checks: these rows show how much of the gap to the native
 * clients is Node's own HTTP + hash + write cost.
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { Agent, get, type IncomingMessage } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

function fail(msg: string, code: number): never {
	process.stderr.write(`${msg}\n`);
	process.exit(code);
}

async function pullOne(url: string, hex: string, out: string): Promise<void> {
	const hash = createHash("sha256");
	await new Promise<void>((resolve, reject) => {
		get(url, (res) => {
			if (res.statusCode !== 200) {
				reject(new Error(`GET ${url}: status ${res.statusCode}`));
				return;
			}
			const hashing = new Transform({
				transform(chunk: Buffer, _enc, done) {
					hash.update(chunk);
					done(null, chunk);
				},
			});
			pipeline(res, hashing, createWriteStream(out, { highWaterMark: 4 * 1024 * 1024 })).then(resolve, reject);
		}).on("error", reject);
	});
	if (hash.digest("hex") !== hex) fail("digest mismatch", 3);
}

interface Layer {
	digest: string;
	size: number;
	annotations?: Record<string, string>;
}

/** GETs `path` over `agent`; resolves with the status and the whole body. */
function getAll(agent: Agent, base: string, path: string, accept?: string): Promise<{ status: number; body: Buffer }> {
	return new Promise((resolve, reject) => {
		get(`${base}${path}`, { agent, headers: accept ? { accept } : {} }, (res: IncomingMessage) => {
			const chunks: Buffer[] = [];
			res.on("data", (c: Buffer) => chunks.push(c));
			res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
			res.on("error", reject);
		}).on("error", reject);
	});
}

async function pullMany(host: string, repo: string, tag: string, dir: string, concurrency: number, temp: boolean): Promise<void> {
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const base = `http://${host}`;
	const m = await getAll(agent, base, `/v2/${repo}/manifests/${tag}`, "application/vnd.oci.image.manifest.v1+json");
	if (m.status !== 200) fail(`manifest: status ${m.status}`, 1);
	const layers = ((JSON.parse(m.body.toString("utf8")) as { layers?: Layer[] }).layers ?? []).filter((l) => l.annotations?.["org.opencontainers.image.title"]);
	mkdirSync(dir, { recursive: true });
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < layers.length) {
			const l = layers[next++] as Layer;
			const res = await getAll(agent, base, `/v2/${repo}/blobs/${l.digest}`);
			if (res.status !== 200) throw new Error(`GET ${l.digest}: status ${res.status}`);
			if (res.body.length !== l.size || `sha256:${createHash("sha256").update(res.body).digest("hex")}` !== l.digest) throw new Error(`${l.digest}: size or digest mismatch`);
			const path = join(dir, l.annotations?.["org.opencontainers.image.title"] as string);
			if (temp) {
				const tmp = `${path}.${process.pid}-${next}.tmp`;
				writeFileSync(tmp, res.body, { flag: "wx" });
				renameSync(tmp, path);
			} else writeFileSync(path, res.body);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	agent.destroy();
}

const args = process.argv.slice(2);
if (args[0] === "--manifest") {
	const temp = args[1] === "--temp";
	const [host, repo, tag, dir, conc] = args.slice(temp ? 2 : 1);
	if (host === undefined || repo === undefined || tag === undefined || dir === undefined) fail("usage: node-pull.js --manifest [--temp] <host:port> <repository> <tag> <out-dir> [concurrency]", 2);
	await pullMany(host, repo, tag, dir, Number(conc ?? 3), temp).catch((err: unknown) => fail(String(err), 1));
} else {
	const [url, hex, out] = args;
	if (url === undefined || hex === undefined || out === undefined) fail("usage: node-pull.js <url> <sha256-hex> <out-file>", 2);
	await pullOne(url, hex, out);
}
