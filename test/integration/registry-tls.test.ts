import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { OrasError } from "../../src/errors.js";
import { Registry } from "../../src/registry/index.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

describe("registry over TLS", () => {
	let reg: RunningRegistry;
	let dir: string;
	let certPath: string;
	before(async () => {
		const openssl = requireTool("openssl", "openssl");
		dir = await mkdtemp(join(tmpdir(), "oras-ts-tls-"));
		const keyPath = join(dir, "key.pem");
		certPath = join(dir, "cert.pem");
		const r = spawnSync(
			openssl,
			["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", "/CN=registry.test", "-addext", "subjectAltName=DNS:registry.test,IP:127.0.0.1"],
			{ encoding: "utf8" },
		);
		assert.equal(r.status, 0, r.stderr);
		reg = await startRegistry({ httpConfig: ["  tls:", `    certificate: ${certPath}`, `    key: ${keyPath}`].join("\n"), scheme: "https" });
	});
	after(async () => {
		await reg?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it("uses https for 127.0.0.1 and rejects an unknown CA with TLS_ERROR", async () => {
		const r = new Registry(reg.host, { retry: false });
		assert.equal(r.client.scheme, "https");
		await assert.rejects(r.ping(), (e: unknown) => OrasError.is(e) && e.code === "TLS_ERROR");
		r.close();
	});
	it("trusts the registry with --ca-file, or skips checks with --insecure", async () => {
		const withCa = new Registry(reg.host, { retry: false, caFile: certPath });
		await withCa.ping();
		withCa.close();
		const insecure = new Registry(reg.host, { retry: false, insecure: true });
		await insecure.ping();
		insecure.close();
	});
	it("dials a --resolve override with the right server name", async () => {
		const r = new Registry(`registry.test:${reg.port}`, { retry: false, caFile: certPath, resolve: [`registry.test:${reg.port}:127.0.0.1`] });
		await r.ping();
		r.close();
	});
	it("says so when plain http is spoken to a TLS port", async () => {
		const r = new Registry(reg.host, { retry: false, plainHttp: true });
		await assert.rejects(r.ping(), (e: unknown) => OrasError.is(e) && e.code === "REGISTRY_ERROR" && /400/.test(e.message));
		r.close();
	});
});
