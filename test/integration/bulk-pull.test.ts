/**
 * Large blob pulls through the bulk reader (src/registry/transport/bulk.ts) against real
 * registries: plain HTTP with the `--debug` trace, TLS with a client certificate (CA file and
 * --insecure), and a redirect to another origin (a fake CDN) after Basic auth, where the
 * credential must not follow. `bulkStats` proves the bulk path carried the bytes.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { createServer as createTlsServer } from "node:tls";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { lendChunks } from "../../src/content/storage.js";
import { pull, push } from "../../src/index.js";
import type { Digest } from "../../src/oci/digest.js";
import { createNodeTransport, createRepository } from "../../src/registry/index.js";
import { HeaderMap } from "../../src/registry/transport/headers.js";
import { bulkStats, DEFAULT_BULK_MIN_BYTES } from "../../src/registry/transport/bulk.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";
import { makeTls, type TlsMaterial } from "./fixtures/tls.js";
import { tinyServer } from "../unit/registry/helpers.js";

const sha = (b: Uint8Array) => `sha256:${createHash("sha256").update(b).digest("hex")}` as Digest;

describe("pulling large blobs through the bulk reader", () => {
	let dir: string;
	let data: Buffer;
	let plain: RunningRegistry;
	let tls: TlsMaterial;
	let mtls: RunningRegistry;
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-bulk-"));
		data = randomBytes(DEFAULT_BULK_MIN_BYTES + 4097);
		await writeFile(join(dir, "big.bin"), data);
		tls = await makeTls();
		plain = await startRegistry();
		mtls = await startRegistry({ httpConfig: tls.httpConfig({ clientAuth: true }), scheme: "https" });
	});
	after(async () => {
		await plain?.stop();
		await mtls?.stop();
		await tls?.cleanup();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it("over plain HTTP, with the same --debug trace of the blob GET", async () => {
		const ref = `${plain.host}/bulk/plain:v1`;
		await push(ref, [{ path: "big.bin" }], { plainHttp: true, cwd: dir, credentials: false });
		const lines: string[] = [];
		const logger = { debug: (m: string) => lines.push(m), warn: () => {} };
		const before = { ...bulkStats };
		const out = join(dir, "out-plain");
		await pull(ref, { plainHttp: true, output: out, credentials: false, debug: true, logger });
		assert.equal(sha(await readFile(join(out, "big.bin"))), sha(data));
		assert.equal(bulkStats.lent - before.lent, 1);
		assert.equal(bulkStats.fallbacks, before.fallbacks);
		const trace = lines.join("\n");
		const blobGet = new RegExp(`--> Request #\\d+\\n> Request URL: "http://${plain.host}/v2/bulk/plain/blobs/${sha(data)}"\\n> Request method: "GET"`);
		assert.match(trace, blobGet);
		assert.match(trace, new RegExp(`< Response Status: "200 OK"\\n< Response headers:\\n(.*\\n)*?   "Content-Length": "${data.length}"`));
	});

	it("over TLS with a client certificate, trusting the CA file or --insecure", async () => {
		const ref = `${mtls.host}/bulk/tls:v1`;
		const certs = { certFile: tls.clientCert, keyFile: tls.clientKey };
		await push(ref, [{ path: "big.bin" }], { ...certs, caFile: tls.caCert, cwd: dir, credentials: false });
		for (const [name, opts] of [
			["ca", { ...certs, caFile: tls.caCert }],
			["insecure", { ...certs, insecure: true }],
		] as const) {
			const before = bulkStats.lent;
			const out = join(dir, `out-${name}`);
			await pull(ref, { ...opts, output: out, credentials: false });
			assert.equal(sha(await readFile(join(out, "big.bin"))), sha(data));
			assert.equal(bulkStats.lent - before, 1, name);
		}
		// Without the CA the bulk connection fails verification like node:https does.
		const repo = createRepository(`${mtls.host}/bulk/tls`, { ...certs, retry: false });
		await assert.rejects(repo.blobs().fetch({ mediaType: "application/octet-stream", digest: sha(data), size: data.length }), (e: unknown) => (e as { code?: string }).code === "TLS_ERROR");
	});

	it("over TLS, lends whole records that arrived before a pause without waiting for more", { timeout: 20_000 }, async (t) => {
		const body = randomBytes(1024 * 1024);
		const first = 5 * 16 * 1024;
		let sendRest: () => void = () => {};
		const srv = createTlsServer({ key: await readFile(tls.serverKey), cert: await readFile(tls.serverCert) }, (sock) => {
			sock.on("error", () => {});
			sock.once("data", () => {
				sock.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
				for (let i = 0; i < first; i += 16 * 1024) sock.write(body.subarray(i, i + 16 * 1024));
				sendRest = () => sock.end(body.subarray(first));
			});
		});
		await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
		t.after(() => srv.close());
		const port = (srv.address() as AddressInfo).port;
		const transport = createNodeTransport({ caFile: tls.caCert, bulkMinBytes: 0 });
		t.after(() => transport.close());
		const res = await transport({ method: "GET", url: new URL(`https://127.0.0.1:${port}/blob`), headers: new HeaderMap(), expectedBodyBytes: body.length });
		const h = createHash("sha256");
		let got = 0;
		let before = -1;
		const lent = lendChunks(res.body, (c) => {
			h.update(c);
			got += c.byteLength;
			if (got >= first && before < 0) {
				before = got;
				sendRest();
			}
		});
		assert.ok(lent);
		await lent;
		assert.equal(before, first);
		assert.equal(`sha256:${h.digest("hex")}`, sha(body));
	});

	it("follows a redirect to another origin without the credential", async (t) => {
		const digest = sha(data);
		const cdn = await tinyServer((_req, res) => {
			res.setHeader("content-type", "application/octet-stream");
			res.setHeader("content-length", String(data.length));
			res.end(data);
		});
		t.after(() => cdn.close());
		const auth = `Basic ${Buffer.from("alice:secret").toString("base64")}`;
		const front = await tinyServer((req, res) => {
			if (req.headers.authorization !== auth) {
				res.statusCode = 401;
				res.setHeader("www-authenticate", 'Basic realm="test"');
				res.setHeader("content-type", "application/json");
				res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
				return;
			}
			res.statusCode = 307;
			// Another origin: localhost instead of 127.0.0.1.
			res.setHeader("location", `http://localhost:${cdn.host.split(":")[1]}/blob?sig=x`);
			res.end();
		});
		t.after(() => front.close());
		const repo = createRepository(`${front.host}/bulk/redirect`, { plainHttp: true, credential: { username: "alice", password: "secret" } });
		const before = { ...bulkStats };
		const body = await repo.blobs().fetch({ mediaType: "application/octet-stream", digest, size: data.length });
		const h = createHash("sha256");
		const lent = lendChunks(body, (c) => h.update(c));
		assert.ok(lent);
		await lent;
		assert.equal(`sha256:${h.digest("hex")}`, digest);
		// 401, 307 and the CDN's 200 all came through the bulk reader; only the last body was lent.
		assert.equal(bulkStats.responses - before.responses, 3);
		assert.equal(bulkStats.lent - before.lent, 1);
		assert.equal(front.requests.at(-1)?.headers.authorization, auth);
		assert.equal(cdn.requests.length, 1);
		assert.equal(cdn.requests[0]?.headers.authorization, undefined);
		assert.equal(cdn.requests[0]?.headers.host, cdn.host.replace("127.0.0.1", "localhost"));
	});
});
