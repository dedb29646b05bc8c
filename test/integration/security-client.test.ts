/**
 * What a hostile registry can make the client do is bounded (issue 11, items 4–6): a registry
 * that never answers, trickles a manifest, sends `Link: next` pages forever, invents a referrer
 * for every digest, or serves JSON nested 1.9 million levels deep costs a bounded number of
 * requests, seconds and megabytes, and ends in one `Error:` line naming the bound. Also: a
 * redirect never carries credentials to another origin, and `serve` refuses deep manifests.
 * Runs against `fixtures/hostile-registry.ts` on 127.0.0.1, with tiny timeouts set by flags,
 * environment or library options so every case takes seconds.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { OrasError } from "../../src/errors.js";
import type { Digest } from "../../src/oci/digest.js";
import { findRoots } from "../../src/graph/extended-copy.js";
import { walkReferrers } from "../../src/graph/referrers.js";
import { createRepository, Registry } from "../../src/registry/index.js";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";
import {
	deepManifest,
	endlessReferrerPages,
	endlessTagPages,
	type HostileRegistry,
	inventedReferrers,
	rootManifest,
	serveManifest,
	stall,
	startHostileRegistry,
	trickle,
	withPing,
} from "./fixtures/hostile-registry.js";
import { requireTool } from "./fixtures/registry.js";
import { startServe } from "./fixtures/serve.js";

const BIN = resolve(import.meta.dirname, "../../../bin/oras-ts.js");

/** The `Error:` lines of a run's stderr (exactly one expected), with no stack trace. */
function oneError(stderr: string): string {
	const lines = stderr.split("\n").filter((l) => l.startsWith("Error:"));
	assert.equal(lines.length, 1, `expected one Error line, got:\n${stderr}`);
	assert.doesNotMatch(stderr, /\n\s+at .+\(.+:\d+:\d+\)/, `stack trace in:\n${stderr}`);
	return lines[0] as string;
}

/** Runs the CLI as a child under GNU time: exit code, stderr, peak RSS (MiB) and wall time. */
function runChild(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stderr: string; rssMiB: number; ms: number }> {
	const time = requireTool("/usr/bin/time", "time");
	const t0 = performance.now();
	return new Promise((done, fail) => {
		const child = spawn(time, ["-f", "RSS_KB=%M", process.execPath, BIN, ...args], {
			cwd,
			env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env },
			stdio: ["ignore", "ignore", "pipe"],
		});
		const chunks: Buffer[] = [];
		child.stderr.on("data", (b: Buffer) => chunks.push(b));
		const killer = setTimeout(() => child.kill("SIGKILL"), 90_000);
		child.on("error", fail);
		child.on("close", (code) => {
			clearTimeout(killer);
			const all = Buffer.concat(chunks).toString("utf8");
			const m = /RSS_KB=(\d+)/.exec(all);
			const stderr = all.replace(/^Command exited with non-zero status \d+\n/m, "").replace(/RSS_KB=\d+\n?/, "");
			done({ code: code ?? -1, stderr, rssMiB: m ? Number(m[1]) / 1024 : Number.NaN, ms: performance.now() - t0 });
		});
	});
}

async function elapsed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const t0 = performance.now();
	const value = await fn();
	return { value, ms: performance.now() - t0 };
}

async function rejectsWith(p: Promise<unknown>, code: string, re: RegExp): Promise<void> {
	await assert.rejects(p, (e: unknown) => {
		assert.ok(OrasError.is(e), `not an OrasError: ${String(e)}`);
		assert.equal(e.code, code, e.message);
		assert.match(e.message, re);
		return true;
	});
}

describe("security: a hostile registry cannot make the client work forever", () => {
	let work: TempDir;
	const running: HostileRegistry[] = [];
	const start = async (h: Parameters<typeof startHostileRegistry>[0]) => {
		const r = await startHostileRegistry(h);
		running.push(r);
		return r;
	};
	before(async () => {
		work = await tempDir("oras-ts-sec-client-");
	});
	after(async () => {
		await Promise.all(running.map((r) => r.stop()));
		await work.cleanup();
	});

	describe("timeouts (item 4)", () => {
		it("a registry that accepts and never answers: the header timeout fails the request (retried a bounded number of times)", async () => {
			const reg = await start(withPing(stall));
			const cwd = await work.caseDir();
			const { value: r, ms } = await elapsed(() => oras(["manifest", "fetch", "--plain-http", `${reg.host}/repo:v1`], { cwd, env: { ORAS_TS_HEADER_TIMEOUT: "200ms" } }));
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /no response within 200 ms \(header timeout\)/);
			assert.ok(ms < 30_000, `took ${ms} ms`);
			const manifests = reg.seen.filter((s) => s.url.includes("/manifests/")).length;
			assert.ok(manifests >= 1 && manifests <= 6, `${manifests} manifest requests (1 + at most 5 retries)`);
		});

		it("library: headerTimeoutMs with retries off fails within about that time", async () => {
			const reg = await start(withPing(stall));
			const repo = createRepository(`${reg.host}/repo`, { plainHttp: true, headerTimeoutMs: 150, retry: false });
			try {
				const { ms } = await elapsed(() => rejectsWith(repo.resolve("v1"), "NETWORK_ERROR", /header timeout/));
				assert.ok(ms < 2000, `took ${ms} ms`);
			} finally {
				repo.client.close();
			}
		});

		it("a manifest trickled at one byte per 100 ms fails at the metadata timeout (pull, by digest)", async () => {
			const m = rootManifest();
			const reg = await start(
				withPing((req, res) => {
					if (req.method === "HEAD") return serveManifest(m)(req, res);
					if ((req.url ?? "").includes("/manifests/")) {
						trickle(res, { "Content-Type": "application/vnd.oci.image.manifest.v1+json", "Docker-Content-Digest": m.digest }, m.bytes, { everyMs: 100 });
						return;
					}
					res.writeHead(404).end();
				}),
			);
			const cwd = await work.caseDir();
			const { value: r, ms } = await elapsed(() => oras(["pull", "--plain-http", "--metadata-timeout", "1s", "-o", "out", `${reg.host}/repo:v1`], { cwd }));
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /not received within 1000 ms \(metadata timeout\)/);
			assert.ok(ms < 10_000, `took ${ms} ms`);
			assert.ok(reg.count() < 10, `${reg.count()} requests`);
		});

		it("a manifest that stops half-way fails at the metadata idle timeout (manifest fetch, by tag)", async () => {
			const m = rootManifest();
			const reg = await start(
				withPing((_req, res) => {
					trickle(res, { "Content-Type": "application/vnd.oci.image.manifest.v1+json" }, m.bytes, { everyMs: 1, bytes: 20, stallAfter: 40 });
				}),
			);
			const cwd = await work.caseDir();
			const { value: r, ms } = await elapsed(() => oras(["manifest", "fetch", "--plain-http", "--metadata-idle-timeout", "300ms", `${reg.host}/repo:v1`], { cwd }));
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /no data received for 300 ms \(metadata idle timeout\)/);
			assert.equal(r.stdout, "");
			assert.ok(ms < 10_000, `took ${ms} ms`);
		});

		it("a trickled token reply fails at the metadata timeout too (library option)", async () => {
			let port = 0;
			const reg = await start((req, res) => {
				if ((req.url ?? "").startsWith("/token")) {
					trickle(res, { "Content-Type": "application/json" }, Buffer.from('{"token":"abcdefghijklmnopqrstuvwxyz"}'), { everyMs: 100 });
					return;
				}
				res.writeHead(401, { "WWW-Authenticate": `Bearer realm="http://127.0.0.1:${port}/token",service="hostile"`, "Content-Length": "0" }).end();
			});
			port = reg.port;
			const repo = createRepository(`${reg.host}/repo`, { plainHttp: true, metadataTimeoutMs: 500 });
			try {
				const { ms } = await elapsed(() => rejectsWith(repo.resolve("v1"), "NETWORK_ERROR", /token reply: not received within 500 ms/));
				assert.ok(ms < 5000, `took ${ms} ms`);
			} finally {
				repo.client.close();
			}
		});

		it("a registry that stops reading an upload fails the push at the header timeout", async () => {
			let port = 0;
			const reg = await start((req, res) => {
				if (req.method === "HEAD") {
					res.writeHead(404, { "Content-Length": "0" }).end();
					return;
				}
				if (req.method === "POST") {
					res.writeHead(202, { Location: `http://127.0.0.1:${port}/v2/repo/blobs/uploads/u1`, "Content-Length": "0" }).end();
					return;
				}
				req.pause(); // takes the PUT and never reads its body
			});
			port = reg.port;
			const data = Buffer.alloc(32 * 1024 * 1024, 7);
			const desc = { mediaType: "application/octet-stream", digest: `sha256:${createHash("sha256").update(data).digest("hex")}` as Digest, size: data.length };
			const repo = createRepository(`${reg.host}/repo`, { plainHttp: true, headerTimeoutMs: 300 });
			try {
				const { ms } = await elapsed(() => rejectsWith(repo.push(desc, Readable.from([data])), "NETWORK_ERROR", /the registry stopped reading the request body within 300 ms \(header timeout\)/));
				assert.ok(ms < 5000, `took ${ms} ms`);
			} finally {
				repo.client.close();
			}
		});

		it("bad timeout values are refused with one Error line", async () => {
			const cwd = await work.caseDir();
			const r = await oras(["manifest", "fetch", "--plain-http", "--header-timeout", "soon", "127.0.0.1:1/repo:v1"], { cwd });
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /invalid duration "soon" for --header-timeout/);
		});
	});

	describe("paginated listings and referrer walks (item 5)", () => {
		it("repo tags: 4 MiB pages with Link: next forever stop at the list size limit, in bounded memory", async (t) => {
			const reg = await start(withPing(endlessTagPages(4 * 1024 * 1024 - 4096)));
			const cwd = await work.caseDir();
			const r = await runChild(["repo", "tags", "--plain-http", `${reg.host}/repo`], cwd);
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /tags of .*: the registry sent more than 67108864 bytes in \d+ pages \(list size limit\)/);
			t.diagnostic(`peak RSS ${r.rssMiB.toFixed(0)} MiB, ${r.ms.toFixed(0)} ms, ${reg.count()} requests`);
			assert.ok(r.rssMiB < 300, `peak RSS ${r.rssMiB} MiB`);
			assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
			assert.ok(reg.count() <= 18, `${reg.count()} requests`);
		});

		it("repo ls: endless catalog pages stop at the page limit (library listLimits)", async () => {
			const reg = await start(withPing(endlessTagPages(64)));
			const registry = new Registry(reg.host, { plainHttp: true, listLimits: { maxPages: 40 } });
			let names = 0;
			try {
				await rejectsWith(
					(async () => {
						for await (const _ of registry.repositories()) names++;
					})(),
					"SIZE_EXCEEDS_LIMIT",
					/repositories of .*: the registry sent more than 40 pages \(page limit\)/,
				);
			} finally {
				registry.close();
			}
			assert.ok(names > 0, "entries of the pages before the bound were streamed");
			assert.equal(reg.seen.filter((s) => s.url.includes("_catalog")).length, 40);
		});

		it("discover: referrers pages of ~3.5 MiB with Link: next forever stop at the referrer limit, in bounded memory", async (t) => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, endlessReferrerPages(15_000))));
			const cwd = await work.caseDir();
			const r = await runChild(["discover", "--plain-http", "--format", "json", `${reg.host}/repo@${m.digest}`], cwd);
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /referrers of sha256:[0-9a-f]{64}: more than 10000 referrers \(referrer limit\)/);
			t.diagnostic(`peak RSS ${r.rssMiB.toFixed(0)} MiB, ${r.ms.toFixed(0)} ms, ${reg.count()} requests`);
			assert.ok(r.rssMiB < 300, `peak RSS ${r.rssMiB} MiB`);
			assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
			assert.ok(reg.count() <= 5, `${reg.count()} requests`);
		});

		it("library: referrers pages stop at maxPages and at maxBytes", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, endlessReferrerPages(2))));
			const byPages = createRepository(`${reg.host}/repo`, { plainHttp: true, listLimits: { maxPages: 25 } });
			const byBytes = createRepository(`${reg.host}/repo`, { plainHttp: true, listLimits: { maxBytes: 10_000 } });
			try {
				const desc = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: m.digest, size: m.size };
				await rejectsWith(byPages.referrers(desc), "SIZE_EXCEEDS_LIMIT", /more than 25 pages \(page limit\)/);
				await rejectsWith(byBytes.referrers(desc), "SIZE_EXCEEDS_LIMIT", /more than 10000 bytes in \d+ pages \(list size limit\)/);
			} finally {
				byPages.client.close();
				byBytes.client.close();
			}
		});

		it("discover: a referrer invented for every digest stops at the depth limit (64 levels)", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, inventedReferrers({ perDigest: 1 }))));
			const cwd = await work.caseDir();
			const { value: r, ms } = await elapsed(() => oras(["discover", "--plain-http", `${reg.host}/repo@${m.digest}`], { cwd }));
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /nested deeper than 64 levels \(referrer depth limit\)/);
			assert.equal(r.stdout, "");
			assert.ok(ms < 30_000, `took ${ms} ms`);
			const referrerRequests = reg.seen.filter((s) => s.url.includes("/referrers/")).length;
			assert.ok(referrerRequests <= 66, `${referrerRequests} referrers requests`);
		});

		it("discover --depth 3 on the same registry shows three levels and succeeds", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, inventedReferrers({ perDigest: 1 }))));
			const cwd = await work.caseDir();
			const r = await oras(["discover", "--plain-http", "--depth", "3", "--format", "json", `${reg.host}/repo@${m.digest}`], { cwd });
			assert.equal(r.code, 0, r.stderr);
			const tree = JSON.parse(r.stdout) as { referrers: { referrers: { referrers: { referrers: unknown[] }[] }[] }[] };
			assert.equal(tree.referrers[0]?.referrers[0]?.referrers[0]?.referrers.length, 0);
		});

		it("discover: 100 invented referrers per digest stop at the node limit (10,000) after a bounded number of requests", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, inventedReferrers({ perDigest: 100 }))));
			const cwd = await work.caseDir();
			// An explicit --depth does not lift the node limit.
			const { value: r, ms } = await elapsed(() => oras(["discover", "--plain-http", "--depth", "5", `${reg.host}/repo@${m.digest}`], { cwd }));
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /more than 10000 referrers in all \(referrer limit\)/);
			assert.ok(ms < 30_000, `took ${ms} ms`);
			assert.ok(reg.count() <= 110, `${reg.count()} requests`);
		});

		it("the tag-schema fallback (sha256-<hex> indexes) is bounded the same way", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, inventedReferrers({ perDigest: 1, tagSchema: true }))));
			const cwd = await work.caseDir();
			const r = await oras(["discover", "--plain-http", `${reg.host}/repo@${m.digest}`], { cwd });
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /nested deeper than 64 levels \(referrer depth limit\)/);
			assert.ok(reg.count() <= 140, `${reg.count()} requests`);
		});

		it("copy -r / backup (findRoots) and walkReferrers take the same limits as library options", async () => {
			const m = rootManifest();
			const reg = await start(withPing(serveManifest(m, inventedReferrers({ perDigest: 1 }))));
			const repo = createRepository(`${reg.host}/repo`, { plainHttp: true });
			try {
				await rejectsWith(findRoots(repo, { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: m.digest, size: m.size }), "SIZE_EXCEEDS_LIMIT", /deeper than 64 levels/);
				const before = reg.count();
				await rejectsWith(
					walkReferrers(repo, { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: m.digest, size: m.size }, { maxDepth: 5 }),
					"SIZE_EXCEEDS_LIMIT",
					/deeper than 5 levels/,
				);
				assert.ok(reg.count() - before <= 6, `${reg.count() - before} requests`);
				await rejectsWith(
					walkReferrers(repo, { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: m.digest, size: m.size }, { maxNodes: 7 }),
					"SIZE_EXCEEDS_LIMIT",
					/more than 7 referrers in all/,
				);
			} finally {
				repo.client.close();
			}
			const cwd = await work.caseDir();
			const r = await oras(["cp", "-r", "--from-plain-http", `${reg.host}/repo:v1`, "--to-oci-layout", "dst:v1"], { cwd });
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /deeper than 64 levels \(referrer depth limit\)/);
		});
	});

	describe("JSON nested 1.9 million levels (item 6)", () => {
		it("pull refuses it before parsing, in bounded memory", async (t) => {
			const m = deepManifest(1_900_000);
			assert.ok(m.size > 3.5 * 1024 * 1024 && m.size < 4 * 1024 * 1024);
			const reg = await start(withPing(serveManifest(m)));
			const cwd = await work.caseDir();
			const r = await runChild(["pull", "--plain-http", "-o", "out", `${reg.host}/repo:v1`], cwd);
			assert.notEqual(r.code, 0);
			assert.match(oneError(r.stderr), /JSON nested deeper than 1000 levels/);
			t.diagnostic(`peak RSS ${r.rssMiB.toFixed(0)} MiB, ${r.ms.toFixed(0)} ms`);
			assert.ok(r.rssMiB < 200, `peak RSS ${r.rssMiB} MiB`);
		});

		it("serve refuses four such PUTs with 400 MANIFEST_INVALID, stores nothing and stays small", async () => {
			const serve = await startServe();
			try {
				const m = deepManifest(1_900_000);
				const rssBefore = process.memoryUsage().rss;
				for (let i = 0; i < 4; i++) {
					const res = await fetch(`${serve.url}/v2/deep/manifests/t${i}`, { method: "PUT", body: m.bytes, headers: { "Content-Type": "application/vnd.oci.image.manifest.v1+json" } });
					assert.equal(res.status, 400);
					const body = (await res.json()) as { errors: { code: string; message: string }[] };
					assert.equal(body.errors[0]?.code, "MANIFEST_INVALID");
					assert.match(body.errors[0]?.message ?? "", /deeper than 1000 levels/);
				}
				const grew = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
				assert.ok(grew < 100, `RSS grew ${grew} MiB`);
				for (let i = 0; i < 4; i++) {
					const get = await fetch(`${serve.url}/v2/deep/manifests/t${i}`);
					assert.equal(get.status, 404);
					await get.arrayBuffer();
				}
				const byDigest = await fetch(`${serve.url}/v2/deep/manifests/${m.digest}`);
				assert.equal(byDigest.status, 404);
				await byDigest.arrayBuffer();
			} finally {
				await serve.stop();
			}
		});
	});
});

describe("security: redirects never carry credentials to another origin", () => {
	let work: TempDir;
	let other: Server;
	let otherPort = 0;
	const otherSeen: IncomingMessage["headers"][] = [];
	const blob = Buffer.from("the blob behind the redirect\n");
	const blobDigest = `sha256:${createHash("sha256").update(blob).digest("hex")}`;
	before(async () => {
		work = await tempDir("oras-ts-sec-redirect-");
		other = createServer((req, res) => {
			otherSeen.push(req.headers);
			res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(blob.length) });
			res.end(req.method === "HEAD" ? undefined : blob);
		});
		await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
		const a = other.address();
		otherPort = typeof a === "object" && a ? a.port : 0;
	});
	after(async () => {
		other.closeAllConnections();
		await new Promise<void>((r) => other.close(() => r()));
		await work.cleanup();
	});

	/** A registry demanding `scheme` auth that redirects blob GETs to the other server (another port = another origin). */
	async function redirectingRegistry(scheme: "Basic" | "Bearer") {
		let port = 0;
		const reg = await startHostileRegistry((req, res) => {
			const url = req.url ?? "";
			if (url.startsWith("/token")) {
				const body = JSON.stringify({ token: "bearer-secret-token" });
				res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) });
				res.end(body);
				return;
			}
			const auth = req.headers.authorization ?? "";
			const ok = scheme === "Basic" ? auth === `Basic ${Buffer.from("alice:s3cret").toString("base64")}` : auth === "Bearer bearer-secret-token";
			if (!ok) {
				const challenge = scheme === "Basic" ? 'Basic realm="hostile"' : `Bearer realm="http://127.0.0.1:${port}/token",service="hostile"`;
				res.writeHead(401, { "WWW-Authenticate": challenge, "Content-Length": "0" }).end();
				return;
			}
			if (url.includes(`/blobs/${blobDigest}`)) {
				if (req.method === "HEAD") {
					res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(blob.length), "Docker-Content-Digest": blobDigest }).end();
					return;
				}
				res.writeHead(307, { Location: `http://127.0.0.1:${otherPort}/storage/blob?sig=1`, "Content-Length": "0" }).end();
				return;
			}
			if (url === "/v2/") {
				res.writeHead(200, { "Content-Length": "0" }).end();
				return;
			}
			res.writeHead(404, { "Content-Length": "0" }).end();
		});
		port = reg.port;
		return reg;
	}

	for (const scheme of ["Basic", "Bearer"] as const) {
		it(`${scheme}: the registry gets the credentials, the redirect target (another port) never does`, async () => {
			const reg = await redirectingRegistry(scheme);
			try {
				otherSeen.length = 0;
				const cwd = await work.caseDir();
				const r = await oras(["blob", "fetch", "--plain-http", "-u", "alice", "-p", "s3cret", "-H", "X-Custom: private", "-o", "got.bin", `${reg.host}/repo@${blobDigest}`], { cwd });
				assert.equal(r.code, 0, r.stderr);
				assert.ok(
					reg.seen.some((s) => (s.headers.authorization ?? "").startsWith(`${scheme} `)),
					"the registry itself received the credentials",
				);
				assert.ok(otherSeen.length >= 1, "the redirect was followed");
				for (const h of otherSeen) {
					assert.equal(h.authorization, undefined, "Authorization leaked to another origin");
					assert.equal(h.cookie, undefined);
					assert.equal(h["x-custom"], undefined, "a -H header leaked to another origin");
				}
				assert.doesNotMatch(r.stderr + r.stdout, /s3cret|bearer-secret-token/);
			} finally {
				await reg.stop();
			}
		});
	}
});
