/**
 * A blob file renamed over, or truncated, while it is being sent (`OciLayoutStore.openRange` +
 * `sendRange`, and the whole `createRegistryServer` GET): the client gets the exact original bytes
 * (the open file handle keeps the old file) or a cut response (fewer bytes than Content-Length,
 * all of them the original's), never bytes of another file under the old digest and never more
 * than Content-Length; every pooled buffer comes back. The client is a raw socket that reads the
 * head and the first megabyte, stops reading while the file is changed, then reads to the end.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, rename, rm, truncate, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { OciLayoutStore } from "../../../src/content/index.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { createRepository } from "../../../src/registry/index.js";
import { createRegistryServer } from "../../../src/server/index.js";
import { BufferPool, sendRange } from "../../../src/server/send-range.js";

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

interface Got {
	contentLength: number;
	status: number;
	body: Buffer;
}

/**
 * GETs `path` with `Connection: close` over a raw socket: reads the head and `firstBytes` of the
 * body, pauses, runs `meanwhile`, then reads until the server closes (bounded by `ms`). Bytes after
 * the head are all kept, so a server sending more than Content-Length would show. After `meanwhile`
 * the client reads slowly (a pause after each chunk), so the server's writes stay queued.
 */
function getAround(port: number, path: string, firstBytes: number, meanwhile: () => Promise<void>, ms = 15_000): Promise<Got> {
	return new Promise((resolve, reject) => {
		const sock = connect({ host: "127.0.0.1", port });
		const chunks: Buffer[] = [];
		let got = 0;
		let paused = false;
		const timer = setTimeout(() => {
			sock.destroy();
			reject(new Error(`no end within ${ms} ms`));
		}, ms);
		sock.on("error", () => undefined);
		sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
		sock.on("data", (d: Buffer) => {
			chunks.push(d);
			got += d.length;
			if (paused && !sock.isPaused()) {
				sock.pause();
				setTimeout(() => sock.resume(), 1);
			}
			if (!paused && got >= firstBytes) {
				paused = true;
				sock.pause();
				void meanwhile().then(
					() => sock.resume(),
					(e: unknown) => {
						clearTimeout(timer);
						sock.destroy();
						reject(e as Error);
					},
				);
			}
		});
		sock.on("close", () => {
			clearTimeout(timer);
			const all = Buffer.concat(chunks);
			const end = all.indexOf("\r\n\r\n");
			if (end < 0) return reject(new Error("no response head"));
			const head = all.subarray(0, end).toString("latin1");
			const cl = /\r\ncontent-length: *(\d+)/i.exec(head);
			resolve({ status: Number(head.split(" ")[1]), contentLength: cl ? Number(cl[1]) : -1, body: all.subarray(end + 4) });
		});
	});
}

/** The original bytes, or a cut prefix of them; never more than Content-Length. */
function assertOriginalOrCut(got: Got, original: Buffer, want: "whole" | "cut"): void {
	assert.equal(got.status, 200);
	assert.equal(got.contentLength, original.length);
	assert.ok(got.body.length <= got.contentLength, `${got.body.length} bytes after a Content-Length of ${got.contentLength}`);
	if (want === "whole") {
		assert.equal(got.body.length, original.length);
		assert.equal(sha(got.body), sha(original), "exactly the original bytes");
	} else {
		assert.ok(got.body.length < original.length, "a cut response");
		assert.equal(sha(got.body), sha(original.subarray(0, got.body.length)), "only bytes of the original");
	}
}

/** Changes the blob file while the client waits: renamed over by other bytes, or truncated in place. */
async function change(file: string, how: "rename" | "truncate", size: number, dir: string): Promise<void> {
	if (how === "rename") {
		const other = join(dir, `other-${how}`);
		await writeFile(other, randomBytes(size));
		await rename(other, file);
	} else await truncate(file, 12 * MiB);
	await sleep(50);
}

describe("sendRange: the blob file renamed over or truncated while it is sent", () => {
	let dir: string;
	let store: OciLayoutStore;
	let data: Buffer;
	let desc: ReturnType<typeof descriptorFromBytes>;
	let server: Server;
	let port: number;
	const pool = new BufferPool(MiB, 16);
	const outcomes: unknown[] = [];
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-send-replace-"));
		store = await OciLayoutStore.open(join(dir, "layout"));
		data = randomBytes(24 * MiB + 5);
		desc = descriptorFromBytes(MediaType.OctetStream, data);
		await store.push(desc, Readable.from([data]));
		server = createHttpServer((_req, res) => {
			void (async () => {
				const reader = await store.openRange(desc, 0, data.length - 1);
				res.setHeader("Content-Length", data.length);
				try {
					await sendRange(reader, res, pool);
					outcomes.push(undefined);
				} catch (err) {
					outcomes.push(err);
				} finally {
					await reader.close();
				}
			})();
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		port = (server.address() as AddressInfo).port;
	});
	after(async () => {
		server.closeAllConnections();
		await new Promise((r) => server.close(r));
		await rm(dir, { recursive: true, force: true });
	});

	const blobFile = () => join(dir, "layout", "blobs", "sha256", desc.digest.slice("sha256:".length));

	it("renamed over: the client gets exactly the original bytes (the open handle keeps the old file)", async () => {
		outcomes.length = 0;
		const got = await getAround(port, "/", MiB, () => change(blobFile(), "rename", data.length, dir));
		assertOriginalOrCut(got, data, "whole");
		for (let i = 0; i < 100 && (outcomes.length === 0 || pool.lent > 0); i++) await sleep(20);
		assert.deepEqual(outcomes, [undefined]);
		assert.equal(pool.lent, 0, "every buffer given back");
	});

	it("truncated: the response is cut (UNEXPECTED_EOF on the server), no byte past the file's end is made up", async () => {
		// Put the original back under its name (the previous test renamed other bytes over it).
		await writeFile(blobFile(), data);
		outcomes.length = 0;
		const got = await getAround(port, "/", MiB, () => change(blobFile(), "truncate", data.length, dir));
		assertOriginalOrCut(got, data, "cut");
		for (let i = 0; i < 100 && (outcomes.length === 0 || pool.lent > 0); i++) await sleep(20);
		assert.equal(outcomes.length, 1);
		assert.match(String((outcomes[0] as Error).message), /file ended .* before the expected/);
		assert.equal(pool.lent, 0, "every buffer given back or dropped");
	});
});

describe("registry server: a blob file renamed over or truncated while a GET sends it", () => {
	let base: string;
	before(async () => {
		base = await mkdtemp(join(tmpdir(), "oras-ts-serve-replace-"));
	});
	after(async () => {
		await rm(base, { recursive: true, force: true });
	});

	for (const how of ["rename", "truncate"] as const) {
		it(`${how}: the original bytes or a cut response, never more than Content-Length`, { timeout: 30_000 }, async () => {
			const root = join(base, how);
			const server = createRegistryServer({ root, addr: "127.0.0.1:0", logger: () => undefined });
			const { url } = await server.listen();
			try {
				const data = randomBytes(24 * MiB + 7);
				const desc = descriptorFromBytes(MediaType.ImageLayer, data);
				const repo = createRepository(`${new URL(url).host}/team/app`, { plainHttp: true, retry: false });
				try {
					await repo.push(desc, Readable.from([data]));
				} finally {
					repo.client.close();
				}
				const hex = desc.digest.slice("sha256:".length);
				const file = await findFile(root, hex);
				const got = await getAround(Number(new URL(url).port), `/v2/team/app/blobs/${desc.digest}`, MiB, () => change(file, how, data.length, base));
				assertOriginalOrCut(got, data, how === "rename" ? "whole" : "cut");
			} finally {
				await server.close();
			}
		});
	}
});

/** The path of the file named `name` under `root` (a bounded walk). */
async function findFile(root: string, name: string): Promise<string> {
	const todo = [root];
	for (let i = 0; i < 1000 && todo.length > 0; i++) {
		const d = todo.pop() as string;
		for (const e of await readdir(d, { withFileTypes: true })) {
			if (e.isDirectory()) todo.push(join(d, e.name));
			else if (e.name === name) return join(d, e.name);
		}
	}
	throw new Error(`${name} not under ${root}`);
}
