/**
 * Hostile registries: lies a real registry will not tell, served by a tiny in-process
 * server. Each must end in one clear `Error: …` line (exit 1) and leave no final or temp
 * file in the output folder. Also the benign misbehaviour of a server that ignores
 * `Range` on a resumed download (the pull falls back to a full re-download).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { digestOf } from "../../src/oci/digest.js";
import { oras, tempDir } from "./fixtures/cli.js";

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

interface Liar {
	readonly host: string;
	readonly seen: string[];
	route(path: string, h: Handler): void;
	close(): Promise<void>;
}

async function startLiar(): Promise<Liar> {
	const routes = new Map<string, Handler>();
	const hits = new Map<string, number>();
	const seen: string[] = [];
	const server: Server = createServer((req, res) => {
		const path = (req.url ?? "").split("?")[0] ?? "";
		seen.push(`${req.method} ${path}${req.headers.range ? ` range=${req.headers.range}` : ""}`);
		if (path === "/v2/" && !routes.has(path)) {
			res.writeHead(200).end();
			return;
		}
		const h = routes.get(path);
		if (!h) {
			res.writeHead(404, { "content-type": "application/json" }).end('{"errors":[{"code":"NOT_FOUND","message":"not found"}]}');
			return;
		}
		const n = (hits.get(path) ?? 0) + 1;
		hits.set(path, n);
		h(req, res, n);
	});
	await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
	const addr = server.address();
	const port = typeof addr === "object" && addr ? addr.port : 0;
	return {
		host: `127.0.0.1:${port}`,
		seen,
		route: (p, h) => routes.set(p, h),
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const EMPTY = { mediaType: "application/vnd.oci.empty.v1+json", digest: digestOf("{}"), size: 2, data: "e30=" };

function manifestWith(layers: object[]): { raw: string; digest: string } {
	const raw = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: "application/x.test", config: EMPTY, layers });
	return { raw, digest: digestOf(raw) };
}

function serveManifest(liar: Liar, repo: string, m: { raw: string; digest: string }, type = OCI_MANIFEST): void {
	const h: Handler = (req, res) => {
		res.writeHead(200, { "content-type": type, "content-length": String(Buffer.byteLength(m.raw)), "docker-content-digest": m.digest });
		res.end(req.method === "HEAD" ? undefined : m.raw);
	};
	liar.route(`/v2/${repo}/manifests/v1`, h);
	liar.route(`/v2/${repo}/manifests/${m.digest}`, h);
}

function assertCleanError(r: { code: number; stderr: string }, pattern: RegExp): void {
	assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
	const lines = r.stderr.trimEnd().split("\n");
	assert.match(lines[0] ?? "", /^Error( response from registry)?: /);
	assert.match(r.stderr, pattern);
	assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("reliability: hostile registries are refused with one clear line", () => {
	let liar: Liar;
	let work: { path: string; cleanup: () => Promise<void> };
	let n = 0;
	const pullFrom = async (repo: string) => {
		const out = `out-${++n}`;
		const r = await oras(["pull", "--plain-http", `${liar.host}/${repo}:v1`, "-o", out], { cwd: work.path });
		return { ...r, out: join(work.path, out) };
	};
	const finalFiles = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((f) => f !== ".oras-ts-ingest");

	before(async () => {
		liar = await startLiar();
		work = await tempDir("oras-ts-hostile-");
	});
	after(async () => {
		await liar?.close();
		await work?.cleanup();
	});

	it("a manifest whose Content-Length claims a terabyte", async () => {
		liar.route("/v2/huge/manifests/v1", (_req, res) => {
			res.writeHead(200, { "content-type": OCI_MANIFEST, "content-length": String(10 ** 12) });
			res.write("{");
			setTimeout(() => res.destroy(), 50);
		});
		const r = await pullFrom("huge");
		assertCleanError(r, /exceeds the limit of 4194304 bytes/);
	});

	it("a manifest over 4 MiB sent without a length", async () => {
		liar.route("/v2/big/manifests/v1", (_req, res) => {
			res.writeHead(200, { "content-type": OCI_MANIFEST });
			const chunk = Buffer.alloc(1024 * 1024, 0x20);
			for (let i = 0; i < 5; i++) res.write(chunk);
			res.end();
		});
		const r = await pullFrom("big");
		assertCleanError(r, /exceeds the limit/);
	});

	it("malformed JSON with a matching digest", async () => {
		const raw = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[';
		serveManifest(liar, "badjson", { raw, digest: digestOf(raw) });
		const r = await pullFrom("badjson");
		assertCleanError(r, /invalid|JSON|manifest/i);
		assert.deepEqual(await finalFiles(r.out), []);
	});

	it("a layer with an unknown digest algorithm", async () => {
		const m = manifestWith([{ mediaType: "application/octet-stream", digest: `md5:${"0".repeat(32)}`, size: 3, annotations: { "org.opencontainers.image.title": "a.txt" } }]);
		serveManifest(liar, "md5", m);
		const r = await pullFrom("md5");
		assertCleanError(r, /unsupported digest algorithm/);
		assert.deepEqual(await finalFiles(r.out), []);
	});

	it("a manifest served with the wrong media type", async () => {
		const m = manifestWith([]);
		serveManifest(liar, "mediatype", m, "text/html");
		const r = await pullFrom("mediatype");
		assertCleanError(r, /media type|text\/html/i);
	});

	it("a blob whose Content-Length lies about its size", async () => {
		const blob = Buffer.from("abc");
		const d = digestOf(blob);
		serveManifest(liar, "lenlie", manifestWith([{ mediaType: "application/octet-stream", digest: d, size: 3, annotations: { "org.opencontainers.image.title": "a.txt" } }]));
		liar.route(`/v2/lenlie/blobs/${d}`, (_req, res) => {
			res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(2 ** 40) });
			res.write(blob);
			setTimeout(() => res.destroy(), 20);
		});
		const r = await pullFrom("lenlie");
		assertCleanError(r, /Content-Length 1099511627776 differs from the expected size 3/);
		assert.deepEqual(await finalFiles(r.out), []);
	});

	it("a blob whose bytes do not match its digest", async () => {
		const d = digestOf("abc");
		serveManifest(liar, "badbytes", manifestWith([{ mediaType: "application/octet-stream", digest: d, size: 3, annotations: { "org.opencontainers.image.title": "a.txt" } }]));
		liar.route(`/v2/badbytes/blobs/${d}`, (_req, res) => {
			res.writeHead(200, { "content-type": "application/octet-stream", "content-length": "3" }).end("abd");
		});
		const r = await pullFrom("badbytes");
		assertCleanError(r, /mismatched digest/);
		assert.deepEqual(await readdir(r.out).catch(() => []), []);
	});

	it("an endless redirect chain", async () => {
		const d = digestOf("abc");
		serveManifest(liar, "loop", manifestWith([{ mediaType: "application/octet-stream", digest: d, size: 3, annotations: { "org.opencontainers.image.title": "a.txt" } }]));
		liar.route(`/v2/loop/blobs/${d}`, (_req, res, hit) => {
			res.writeHead(302, { location: `/v2/loop/blobs/${d}?hop=${hit}` }).end();
		});
		const r = await pullFrom("loop");
		assertCleanError(r, /stopped after 10 redirects/);
		assert.deepEqual(await finalFiles(r.out), []);
	});

	it("a token endpoint that returns junk", async () => {
		const token = await startLiar();
		try {
			token.route("/token", (_req, res) => {
				res.writeHead(200, { "content-type": "application/json" }).end("<html>definitely not a token</html>");
			});
			liar.route("/v2/auth/manifests/v1", (_req, res) => {
				res.writeHead(401, { "www-authenticate": `Bearer realm="http://${token.host}/token",service="liar"`, "content-type": "application/json" });
				res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
			});
			const r = await pullFrom("auth");
			assertCleanError(r, /token/i);
			assert.doesNotMatch(r.stderr, /definitely not a token/);
		} finally {
			await token.close();
		}
	});

	it("a resumed download answered with the wrong Content-Range", async () => {
		const blob = Buffer.alloc(256 * 1024, 7);
		const d = digestOf(blob);
		serveManifest(liar, "badrange", manifestWith([{ mediaType: "application/octet-stream", digest: d, size: blob.length, annotations: { "org.opencontainers.image.title": "a.bin" } }]));
		liar.route(`/v2/badrange/blobs/${d}`, (req, res, hit) => {
			if (hit === 1) {
				res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(blob.length) });
				res.write(blob.subarray(0, 100 * 1024));
				setTimeout(() => res.destroy(), 20);
				return;
			}
			res.writeHead(206, { "content-type": "application/octet-stream", "content-range": `bytes 0-${blob.length - 1}/${blob.length}`, "content-length": String(blob.length) });
			res.end(req.method === "HEAD" ? undefined : blob);
		});
		const r = await pullFrom("badrange");
		assertCleanError(r, /unexpected Content-Range/);
		assert.deepEqual(await finalFiles(r.out), []);
	});

	it("a server that ignores Range on resume: the pull starts over and completes", async () => {
		const blob = Buffer.alloc(512 * 1024);
		for (let i = 0; i < blob.length; i++) blob[i] = (i * 31) & 0xff;
		const d = digestOf(blob);
		serveManifest(liar, "norange", manifestWith([{ mediaType: "application/octet-stream", digest: d, size: blob.length, annotations: { "org.opencontainers.image.title": "a.bin" } }]));
		liar.route(`/v2/norange/blobs/${d}`, (_req, res, hit) => {
			res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(blob.length) });
			if (hit === 1) {
				res.write(blob.subarray(0, 200 * 1024));
				setTimeout(() => res.destroy(), 20);
				return;
			}
			res.end(blob);
		});
		const r = await pullFrom("norange");
		assert.equal(r.code, 0, r.stderr);
		assert.ok(liar.seen.some((s) => s.includes("/v2/norange/blobs/") && s.includes("range=bytes=")), liar.seen.join("\n"));
		const { readFile } = await import("node:fs/promises");
		const got = await readFile(join(r.out, "a.bin"));
		assert.equal(createHash("sha256").update(got).digest("hex"), d.slice(7));
		assert.deepEqual(await readdir(r.out), ["a.bin"]);
	});
});
