/**
 * `node dist/bench/node-push.js <host:port> <repository> <concurrency> <file>...`: the least a
 * Node program can do to push blobs the way oras does — per file a `HEAD` (does the blob exist?),
 * a `POST` for an upload session and one monolithic `PUT ?digest=`, `concurrency` files at a time
 * over keep-alive connections. No manifest, retries or progress: a reference row for the
 * many-small-files push, showing what the registry itself allows.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, type IncomingMessage, request } from "node:http";

const [host, repo, concArg, ...files] = process.argv.slice(2);
if (host === undefined || repo === undefined || concArg === undefined || files.length === 0) {
	process.stderr.write("usage: node-push.js <host:port> <repository> <concurrency> <file>...\n");
	process.exit(2);
}
const concurrency = Number(concArg);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const base = `http://${host}`;

function send(method: string, path: string, body?: Buffer): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = body ? { "content-type": "application/octet-stream", "content-length": String(body.length) } : {};
		const req = request(new URL(path, base), { method, agent, headers }, (res) => {
			res.resume();
			res.on("end", () => resolve(res));
		});
		req.on("error", reject);
		req.end(body);
	});
}

let next = 0;
async function worker(): Promise<void> {
	while (next < files.length) {
		const data = readFileSync(files[next++] as string);
		const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
		if ((await send("HEAD", `/v2/${repo}/blobs/${digest}`)).statusCode === 200) continue;
		const post = await send("POST", `/v2/${repo}/blobs/uploads/`);
		if (post.statusCode !== 202 || post.headers.location === undefined) throw new Error(`POST: status ${post.statusCode}`);
		const put = new URL(post.headers.location, base);
		put.searchParams.set("digest", digest);
		const res = await send("PUT", `${put.pathname}${put.search}`, data);
		if (res.statusCode !== 201) throw new Error(`PUT: status ${res.statusCode}`);
	}
}
await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
