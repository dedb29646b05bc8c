import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, open, rm, truncate, writeFile } from "node:fs/promises";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { FileRangeReader } from "../../../src/content/internal/file-stream.js";
import { BUFFERS_PER_RESPONSE, BufferPool, sendRange, SMALL_BUFFER_BYTES } from "../../../src/server/send-range.js";

const MiB = 1024 * 1024;

/** A loopback server whose only route sends `[start, end]` of `file` with `sendRange`, reporting each outcome. */
async function serveFile(file: string, pool: BufferPool, onDone: (err: unknown) => void): Promise<{ url: string; server: Server }> {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const [start, end] = (req.url ?? "").slice(1).split("-").map(Number) as [number, number];
		void (async () => {
			const fh = await open(file, "r");
			const reader = new FileRangeReader(fh, start, end, file);
			res.setHeader("Content-Length", end - start + 1);
			try {
				await sendRange(reader, res, pool);
				onDone(undefined);
			} catch (err) {
				onDone(err);
			} finally {
				await reader.close();
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function fetchAll(url: string, opts: { pauseEveryMs?: number } = {}): Promise<{ status: number; bytes: Buffer; complete: boolean }> {
	return new Promise((resolve, reject) => {
		get(url, (res) => {
			const chunks: Buffer[] = [];
			res.on("data", (c: Buffer) => {
				chunks.push(c);
				if (opts.pauseEveryMs !== undefined) {
					// a slow reader: the server's writes queue behind a full socket
					res.pause();
					setTimeout(() => res.resume(), opts.pauseEveryMs);
				}
			});
			res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), complete: res.complete }));
			res.on("error", () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), complete: false }));
		}).on("error", reject);
	});
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Runs `body` against a `serveFile` server, then closes it. */
async function withServer(file: string, pool: BufferPool, body: (url: string, outcomes: unknown[]) => Promise<void>): Promise<void> {
	const outcomes: unknown[] = [];
	const { url, server } = await serveFile(file, pool, (e) => outcomes.push(e));
	try {
		await body(url, outcomes);
	} finally {
		server.close();
	}
}

/** Watches the most buffers `pool` ever had lent out at once. */
function mostLent(pool: BufferPool): () => number {
	let most = 0;
	const take = pool.take.bind(pool);
	pool.take = () => {
		const b = take();
		most = Math.max(most, pool.lent);
		return b;
	};
	return () => most;
}

describe("sendRange", () => {
	let dir: string;
	let file: string;
	let data: Buffer;
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-send-range-"));
		file = join(dir, "blob");
		data = randomBytes(9 * MiB + 12345);
		await writeFile(file, data);
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it("sends exactly the range, through reused buffers, and gives every buffer back", async () => {
		const pool = new BufferPool(MiB, 16);
		await withServer(file, pool, async (url, outcomes) => {
				const whole = await fetchAll(`${url}/0-${data.length - 1}`);
				assert.equal(sha(whole.bytes), sha(data));
				// A slow reader makes writes queue: a buffer reused too early would corrupt the bytes.
				const part = await fetchAll(`${url}/5-${4 * MiB + 6}`, { pauseEveryMs: 2 });
				assert.equal(sha(part.bytes), sha(data.subarray(5, 4 * MiB + 7)));
				const one = await fetchAll(`${url}/7-7`);
				assert.deepEqual([...one.bytes], [data[7]]);
				assert.deepEqual(outcomes, [undefined, undefined, undefined]);
				assert.equal(pool.lent, 0);
		});
	});

	it("holds at most BUFFERS_PER_RESPONSE pooled buffers per response, and the pool's maximum in all", async () => {
		const pool = new BufferPool(MiB, 4);
		const most = mostLent(pool);
		await withServer(file, pool, async (url, outcomes) => {
				// Three slow clients at once: the pool (4) is shared; who finds it spent reads through a small buffer.
				const got = await Promise.all([1, 2, 3].map(() => fetchAll(`${url}/0-${data.length - 1}`, { pauseEveryMs: 1 })));
				for (const g of got) assert.equal(sha(g.bytes), sha(data));
				assert.ok(most() <= 4, `at most the pool's 4 buffers lent: ${most()}`);
				assert.ok(most() >= BUFFERS_PER_RESPONSE, `a response uses up to ${BUFFERS_PER_RESPONSE}: ${most()}`);
				assert.deepEqual(outcomes, [undefined, undefined, undefined]);
				assert.equal(pool.lent, 0);
		});
	});

	it("with the pool spent, a response still completes through one small buffer", async () => {
		const pool = new BufferPool(MiB, 0);
		await withServer(file, pool, async (url, outcomes) => {
				const got = await fetchAll(`${url}/0-${3 * SMALL_BUFFER_BYTES + 99}`, { pauseEveryMs: 1 });
				assert.equal(sha(got.bytes), sha(data.subarray(0, 3 * SMALL_BUFFER_BYTES + 100)));
				assert.deepEqual(outcomes, [undefined]);
				assert.equal(pool.lent, 0);
		});
	});

	it("a client that goes away ends the response without an error; queued buffers are dropped, not reused", async () => {
		const pool = new BufferPool(MiB, 16);
		await withServer(file, pool, async (url, outcomes) => {
				await new Promise<void>((resolve, reject) => {
					const req = get(`${url}/0-${data.length - 1}`, (res) => {
						res.once("data", () => {
							// read one chunk, then stop reading and hang up while the server's writes are queued
							res.pause();
							setTimeout(() => {
								req.destroy();
								resolve();
							}, 50);
						});
					});
					req.on("error", () => undefined);
					setTimeout(() => reject(new Error("no data")), 5000).unref();
				});
				for (let i = 0; i < 100 && outcomes.length === 0; i++) await sleep(20);
				assert.deepEqual(outcomes, [undefined]);
				for (let i = 0; i < 50 && pool.lent > 0; i++) await sleep(20);
				assert.equal(pool.lent, 0, "every lent buffer given back or dropped");
		});
	});

	it("hostile: forty clients that stop reading hold at most the pool, and every buffer comes back when they go", { timeout: 30_000 }, async () => {
		const pool = new BufferPool(MiB, 8);
		const most = mostLent(pool);
		const reqs: ReturnType<typeof get>[] = [];
		try {
			await withServer(file, pool, async (url, outcomes) => {
				const firstBytes = Array.from(
					{ length: 40 },
					() =>
						new Promise<void>((resolve) => {
							const req = get(`${url}/0-${data.length - 1}`, { agent: false }, (res) => {
								res.once("data", () => {
									res.pause(); // and never again
									resolve();
								});
							});
							req.on("error", () => resolve());
							reqs.push(req);
						}),
				);
				await Promise.all(firstBytes);
				await sleep(200);
				assert.ok(most() <= 8, `at most the pool's 8 buffers lent: ${most()}`);
				assert.equal(outcomes.length, 0, "every response is still waiting for its reader");
				for (const r of reqs) r.destroy();
				for (let i = 0; i < 100 && (outcomes.length < 40 || pool.lent > 0); i++) await sleep(20);
				assert.deepEqual(outcomes, Array.from({ length: 40 }, () => undefined));
				assert.equal(pool.lent, 0);
			});
		} finally {
			for (const r of reqs) r.destroy();
		}
	});

	it("a file shorter than the range cuts the response and reports UNEXPECTED_EOF", async () => {
		const short = join(dir, "short");
		await writeFile(short, data.subarray(0, 2 * MiB));
		const pool = new BufferPool(MiB, 16);
		await withServer(short, pool, async (url, outcomes) => {
				await truncate(short, MiB + 10);
				const got = await fetchAll(`${url}/0-${2 * MiB - 1}`);
				assert.equal(got.complete, false, "the client sees a cut body, not a complete one");
				assert.ok(got.bytes.length < 2 * MiB);
				assert.equal(outcomes.length, 1);
				assert.match(String((outcomes[0] as Error).message), /file ended .* before the expected/);
				for (let i = 0; i < 50 && pool.lent > 0; i++) await sleep(20);
				assert.equal(pool.lent, 0);
		});
	});
});

describe("BufferPool", () => {
	it("lends at most maxBuffers, reuses what is given back, and forgets what is dropped", () => {
		const pool = new BufferPool(16, 2);
		const a = pool.take();
		const b = pool.take();
		assert.ok(a && b);
		assert.equal(pool.take(), undefined);
		pool.give(a);
		assert.equal(pool.take(), a, "a returned buffer is lent again");
		pool.drop(); // b may still be referred to: never lent again
		const c = pool.take();
		assert.ok(c && c !== b);
		assert.equal(pool.lent, 2);
	});

	it("keeps at most keepIdle returned buffers", () => {
		const pool = new BufferPool(16, 10, 2);
		const lent = Array.from({ length: 5 }, () => pool.take() as Buffer);
		for (const b of lent) pool.give(b);
		assert.equal(pool.lent, 0);
		assert.equal(pool.idle, 2);
	});
});
