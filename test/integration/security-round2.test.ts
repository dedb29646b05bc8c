/**
 * Second red-team round (issue 11): a trickling upload client and a connection flood against
 * `oras-ts serve`, a hostile OCI layout whose blobs are symlinks to local secrets, and a gzip
 * bomb in a directory layer. Each case asserts that nothing outside the boundary changed and that
 * time stayed bounded.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { oras, tempDir } from "./fixtures/cli.js";
import { raw, snapshot, spawnCliServe } from "./fixtures/hostile-serve.js";
import { gzipBomb, openConnection, sendGet, startRecordingProxy, trickle } from "./fixtures/hostile-round2.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { pushBlob, putManifest, sha256, startServe } from "./fixtures/serve.js";

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
			// the partial chunk was discarded (right after the cut): the session is as it was, and can go on
			let st = await raw(`${srv.url}${loc}`);
			for (let i = 0; i < 50 && st.headers.range !== "0-0"; i++) {
				await sleep(20);
				st = await raw(`${srv.url}${loc}`);
			}
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

/** Whether any file under `dir` contains `needle` (at most 10,000 files). */
async function anyFileContains(dir: string, needle: Buffer): Promise<boolean> {
	const queue = [dir];
	let files = 0;
	while (queue.length > 0 && files < 10_000) {
		const d = queue.shift()!;
		for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
			const p = join(d, e.name);
			if (e.isDirectory()) queue.push(p);
			else if (e.isFile() && files++ < 10_000 && (await readFile(p)).includes(needle)) return true;
		}
	}
	return false;
}

describe("a hostile OCI layout directory whose blobs link to local secrets", () => {
	let registry: RunningRegistry;
	after(() => registry?.stop());

	it("cp --from-oci-layout and restore never read a symlinked blob or a symlinked blobs/<alg>: nothing of the secret reaches the registry", { timeout: 60_000 }, async () => {
		registry ??= await startRegistry();
		const dir = await work.caseDir();
		const proxy = await startRecordingProxy(registry.host);
		try {
			const secret = Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY----- ${randomBytes(24).toString("hex")}\n`);
			const secretFile = join(dir, "id_rsa");
			await writeFile(secretFile, secret, { mode: 0o600 });
			// the attacker's manifest declares the secret's size (a guess: key files have few sizes)
			const payload = "p".repeat(secret.length);
			await writeFile(join(dir, "a.bin"), payload);
			const pushed = await oras(["push", "--oci-layout", "layout:v1", "a.bin"], { cwd: dir });
			assert.equal(pushed.code, 0, pushed.stderr);
			const layerHex = sha256(payload).slice("sha256:".length);
			const blobs = join(dir, "layout", "blobs", "sha256");

			// 1. the layer blob is a symlink to the secret
			await rm(join(blobs, layerHex));
			await symlink(secretFile, join(blobs, layerHex));
			for (const argv of [
				["cp", "--from-oci-layout", "--to-plain-http", "layout:v1", `${proxy.host}/victim/one:v1`],
				["restore", "--plain-http", "--input", "layout", `${proxy.host}/victim/two`],
			]) {
				const r = await oras(argv, { cwd: dir });
				assert.notEqual(r.code, 0, `${argv[0]}: ${r.stdout}`);
				assert.match(r.stderr, /^Error\b.*: .*blobs\/sha256\/[0-9a-f]{64} is a symbolic link/, argv[0]);
				assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
			}

			// 2. blobs/sha256 itself links to a directory outside the layout holding the secret under the layer's name
			const outside = join(dir, "elsewhere");
			await rename(blobs, outside);
			await rm(join(outside, layerHex));
			await writeFile(join(outside, layerHex), secret);
			await symlink(outside, blobs);
			const r = await oras(["cp", "--from-oci-layout", "--to-plain-http", "layout:v1", `${proxy.host}/victim/three:v1`], { cwd: dir });
			assert.notEqual(r.code, 0);
			assert.match(r.stderr, /^Error\b.*: .*blobs\/sha256 is a symbolic link leading outside the OCI layout/);
			assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);

			assert.ok(!proxy.sent(secret), "the secret's bytes went to the registry");
			assert.ok(!proxy.sent(secret.subarray(0, 20)), "a part of the secret went to the registry");
			assert.ok(!(await anyFileContains(registry.storageDir, secret.subarray(0, 20))), "the registry stored the secret");
			assert.deepEqual(await readFile(secretFile), secret);
		} finally {
			await proxy.stop();
		}
	});

	it("a layout root that is itself a symlink (the user's own path) still works", { timeout: 60_000 }, async () => {
		registry ??= await startRegistry();
		const dir = await work.caseDir();
		await writeFile(join(dir, "a.bin"), "fine\n");
		assert.equal((await oras(["push", "--oci-layout", "real:v1", "a.bin"], { cwd: dir })).code, 0);
		await symlink(join(dir, "real"), join(dir, "linked"));
		const r = await oras(["cp", "--from-oci-layout", "--to-plain-http", "linked:v1", `${registry.host}/fine/app:v1`], { cwd: dir });
		assert.equal(r.code, 0, r.stderr);
	});
});

describe("pull: a gzip bomb in a directory layer", () => {
	it("expanding past --max-extract-size fails with one Error line; nothing stays under -o, nothing outside it changes", { timeout: 60_000 }, async () => {
		const dir = await work.caseDir();
		const srv = await startServe();
		try {
			// 256 MiB of zeros, about 256 KiB gzipped (a 1000:1 bomb); generated streaming
			const bomb = await gzipBomb("bomb", 256 * 1024 * 1024);
			const layer = await pushBlob(srv.url, "bombs/app", bomb.gz);
			const config = await pushBlob(srv.url, "bombs/app", Buffer.from("{}"));
			const manifest = JSON.stringify({
				schemaVersion: 2,
				mediaType: "application/vnd.oci.image.manifest.v1+json",
				artifactType: "application/x.bomb",
				config: { mediaType: "application/vnd.oci.empty.v1+json", digest: config, size: 2 },
				layers: [
					{
						mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
						digest: layer,
						size: bomb.gz.length,
						annotations: { "org.opencontainers.image.title": "bomb", "io.deis.oras.content.digest": bomb.tarDigest, "io.deis.oras.content.unpack": "true" },
					},
				],
			});
			assert.equal((await putManifest(srv.url, "bombs/app", "v1", "application/vnd.oci.image.manifest.v1+json", manifest)).status, 201);
			await mkdir(join(dir, "out"));
			await writeFile(join(dir, "beside.txt"), "untouched\n");
			const before = await snapshot(dir);
			const started = performance.now();
			const r = await oras(["pull", "--plain-http", "-o", "out", "--max-extract-size", "8MiB", `${srv.host}/bombs/app:v1`], { cwd: dir });
			assert.notEqual(r.code, 0);
			assert.match(r.stderr, /^Error: .*bomb: the directory archive expands to more than 8388608 bytes \(extract size limit\)/);
			assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
			assert.ok(performance.now() - started < 20_000);
			// nothing of the layer stays (the private temp directory is removed), nothing else changed
			assert.deepEqual(await snapshot(dir), before);
			// with the bound lifted above the archive's size the same pull works
			const ok = await oras(["pull", "--plain-http", "-o", "out", "--max-extract-size", "300MiB", `${srv.host}/bombs/app:v1`], { cwd: dir });
			assert.equal(ok.code, 0, ok.stderr);
			assert.deepEqual(await readdir(join(dir, "out", "bomb")), ["zeros"]);
			const bad = await oras(["pull", "--plain-http", "-o", "out", "--max-extract-size", "lots", `${srv.host}/bombs/app:v1`], { cwd: dir });
			assert.match(bad.stderr, /^Error: invalid --max-extract-size "lots"/);
		} finally {
			await srv.stop();
		}
	});
});
