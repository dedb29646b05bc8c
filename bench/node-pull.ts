/**
 * `node dist/bench/node-pull.js <url> <sha256-hex> <out-file>`: the least a Node program can do
 * to pull a blob — one `http.get`, every chunk into a SHA-256 hasher and a 4 MiB-buffered write
 * stream, the digest checked at the end. No retries, no resume, no temp file: a reference row
 * for the pull case, showing how much of the gap to the curl floor is Node's own HTTP + write cost.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { get } from "node:http";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";

const [url, hex, out] = process.argv.slice(2);
if (url === undefined || hex === undefined || out === undefined) {
	process.stderr.write("usage: node-pull.js <url> <sha256-hex> <out-file>\n");
	process.exit(2);
}
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
if (hash.digest("hex") !== hex) {
	process.stderr.write("digest mismatch\n");
	process.exit(3);
}
