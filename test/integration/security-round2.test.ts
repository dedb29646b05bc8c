/**
 * Second red-team round (issue 11): a trickling upload client and a connection flood against
 * `oras-ts serve`, a hostile OCI layout whose blobs are symlinks to local secrets, and a gzip
 * bomb in a directory layer. Each case asserts that nothing outside the boundary changed and that
 * time stayed bounded.
 */
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { oras, tempDir } from "./fixtures/cli.js";
import { raw, snapshot, spawnCliServe } from "./fixtures/hostile-serve.js";
import { openConnection, sendGet, trickle } from "./fixtures/hostile-round2.js";
import { startServe } from "./fixtures/serve.js";

const work = await tempDir("oras-ts-security-round2-");
after(() => work.cleanup());

describe("serve: a trickling request body (slowloris)", () => {
	it("a body below the minimum rate is cut off after the grace window and its chunk discarded; a fast one is not", { timeout: 30_000 }, async () => {
		const root = join(await work.caseDir(), "root");
		// idle timeout far away: only the rate bound can end the trickle
		const srv = await startServe({ root, minRequestBytesPerSecond: 1000, requestRateWindowMs: 300, requestIdleTimeoutMs: 60_000 });
		try {
			const post = await raw(`${srv.url}/v2/slow/blobs/uploads/`, { method: "POST" });
			assert.equal(post.status, 202);
			const loc = String(post.headers.location);
			const before = await snapshot(root);
			const conn = await openConnection(srv.port);
			const started = performance.now();
			// one byte every 20 ms: 50 bytes/s, never idle for even 0.1 s
			const t = trickle(conn, "PATCH", loc, 100_000, 20);
			const end = await conn.closed(5_000);
			const took = performance.now() - started;
			t.stop();
			assert.ok(end.closed, "the trickling connection was closed");
			assert.ok(took >= 500 && took < 3_000, `closed after ${Math.round(took)} ms (grace 300 ms + one 300 ms window)`);
			assert.ok(t.sent() > 10, `${t.sent()} bytes trickled`);
			// the partial chunk was discarded: the session is as it was, and can go on
			const st = await raw(`${srv.url}${loc}`);
			assert.equal(st.status, 204);
			assert.equal(st.headers.range, "0-0");
			assert.deepEqual(await snapshot(root), before);
			// a client sending 256 KiB at ~100 KiB/s (well above the minimum) is not cut off
			const fast = await openConnection(srv.port);
			const size = 256 * 1024;
			fast.socket.write(`PATCH ${loc} HTTP/1.1\r\nHost: registry.test\r\nContent-Type: application/octet-stream\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`);
			for (let i = 0; i < 32; i++) {
				fast.socket.write(Buffer.alloc(size / 32, 7));
				await sleep(80);
			}
			const fastEnd = await fast.closed(10_000);
			assert.match(fastEnd.data, /^HTTP\/1\.1 202 /);
			assert.equal((await raw(`${srv.url}${loc}`)).headers.range, `0-${size - 1}`);
		} finally {
			await srv.stop();
		}
	});
});

describe("serve: connection caps", () => {
	it("a client over its connection cap, or anyone over the total cap, is closed before a byte is read; others are served", { timeout: 30_000 }, async () => {
		const srv = await startServe({ maxConnectionsPerClient: 3, maxConnections: 5 });
		const open: Awaited<ReturnType<typeof openConnection>>[] = [];
		try {
			for (let i = 0; i < 3; i++) open.push(await openConnection(srv.port, "127.0.0.1"));
			await sleep(50);
			const over = await openConnection(srv.port, "127.0.0.1");
			sendGet(over, "/v2/");
			const overEnd = await over.closed(3_000);
			assert.ok(overEnd.closed, "the 4th connection of one client was closed");
			assert.equal(overEnd.data, "", "and got no answer");
			// another client is served
			const other = await raw(`${srv.url}/v2/`, { localAddress: "127.0.0.2" });
			assert.equal(other.status, 200);
			// the total cap: 3 + 2 open, a sixth from a third address is closed
			for (let i = 0; i < 2; i++) open.push(await openConnection(srv.port, "127.0.0.2"));
			await sleep(50);
			const sixth = await openConnection(srv.port, "127.0.0.3");
			sendGet(sixth, "/v2/");
			const sixthEnd = await sixth.closed(3_000);
			assert.ok(sixthEnd.closed);
			assert.equal(sixthEnd.data, "");
			// a held connection is still served, and closing one frees a place
			sendGet(open[0]!, "/v2/");
			assert.match((await open[0]!.closed(3_000)).data, /^HTTP\/1\.1 200 /);
			await sleep(50);
			assert.equal((await raw(`${srv.url}/v2/`, { localAddress: "127.0.0.1" })).status, 200);
		} finally {
			for (const c of open) c.socket.destroy();
			await srv.stop();
		}
	});

	it("the serve flags set the bounds of the real executable; bad values are one Error line", { timeout: 30_000 }, async () => {
		const dir = await work.caseDir();
		const root = join(dir, "root");
		await mkdir(root);
		const child = await spawnCliServe(root, ["--max-connections-per-client", "2", "--min-request-rate", "1000", "--request-rate-window", "300ms"]);
		const open: Awaited<ReturnType<typeof openConnection>>[] = [];
		try {
			const port = Number(new URL(child.url).port);
			for (let i = 0; i < 2; i++) open.push(await openConnection(port));
			await sleep(50);
			const over = await openConnection(port);
			sendGet(over, "/v2/");
			assert.equal((await over.closed(3_000)).data, "");
			for (const c of open) c.socket.destroy();
			await sleep(100);
			const post = await raw(`${child.url}/v2/cli/blobs/uploads/`, { method: "POST" });
			assert.equal(post.status, 202);
			const conn = await openConnection(port);
			const started = performance.now();
			const t = trickle(conn, "PATCH", String(post.headers.location), 10_000, 20);
			assert.ok((await conn.closed(5_000)).closed);
			t.stop();
			assert.ok(performance.now() - started < 3_000);
		} finally {
			for (const c of open) c.socket.destroy();
			await child.stop();
		}
		for (const args of [
			["--max-connections", "0"],
			["--max-connections-per-client", "x"],
			["--min-request-rate", "-1"],
			["--request-rate-window", "fast"],
		]) {
			const r = await oras(["serve", "--root", root, "--addr", "127.0.0.1:0", ...args], { cwd: dir });
			assert.notEqual(r.code, 0);
			assert.match(r.stderr, new RegExp(`^Error: invalid ${args[0]} `));
			assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
		}
	});
});
