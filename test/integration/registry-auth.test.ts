import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { readAllVerified } from "../../src/content/verify.js";
import { OrasError } from "../../src/errors.js";
import { descriptorFromBytes } from "../../src/oci/descriptor.js";
import { MediaType } from "../../src/oci/mediatypes.js";
import { createNodeTransport, createRepository, Registry, type Transport } from "../../src/registry/index.js";
import { type RunningRegistry, requireTool, startRegistry } from "./fixtures/registry.js";

describe("remote repository with htpasswd (Basic) auth", () => {
	let reg: RunningRegistry;
	let dir: string;
	before(async () => {
		const htpasswd = requireTool("htpasswd", "apache2-utils");
		dir = await mkdtemp(join(tmpdir(), "oras-ts-htpasswd-"));
		const file = join(dir, "htpasswd");
		const r = spawnSync(htpasswd, ["-Bbc", file, "alice", "s3cret-pw"], { encoding: "utf8" });
		assert.equal(r.status, 0, r.stderr);
		reg = await startRegistry({ extraConfig: ["auth:", "  htpasswd:", "    realm: test-realm", `    path: ${file}`].join("\n") });
	});
	after(async () => {
		await reg?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it("pushes and pulls with the right credentials, caching the Basic header", async () => {
		const base = createNodeTransport();
		const log: string[] = [];
		const counting: Transport = async (req) => {
			const res = await base(req);
			log.push(`${req.method} ${res.status} ${req.headers.has("authorization") ? "auth" : "bare"}`);
			return res;
		};
		const hosts: string[] = [];
		const repo = createRepository(`${reg.host}/auth/basic`, {
			plainHttp: true,
			retry: false,
			transport: counting,
			credential: async (host) => {
				hosts.push(host);
				return { username: "alice", password: "s3cret-pw" };
			},
		});
		const data = Buffer.from("secret layer");
		const desc = descriptorFromBytes(MediaType.ImageLayer, data);
		await repo.push(desc, Readable.from([data]));
		assert.equal(await repo.exists(desc), true);
		assert.deepEqual(await readAllVerified(await repo.fetch(desc), desc), data);
		// first request bare → 401 → retried with Basic; everything after goes with the cached header
		assert.deepEqual(log.slice(0, 2), ["POST 401 bare", "POST 202 auth"]);
		assert.ok(log.slice(1).every((l) => l.endsWith(" auth")), log.join(" | "));
		assert.deepEqual(hosts, [reg.host]);
		await new Registry(reg.host, { plainHttp: true, retry: false, credential: { username: "alice", password: "s3cret-pw" } }).ping();
		base.close();
	});

	it("fails with UNAUTHORIZED and no secret in the message on a wrong password", async () => {
		const repo = createRepository(`${reg.host}/auth/basic`, { plainHttp: true, retry: false, credential: { username: "alice", password: "wrong-pw" } });
		const desc = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("x"));
		await assert.rejects(repo.exists(desc), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "UNAUTHORIZED");
			assert.equal(e.message.includes("\n"), false);
			assert.equal(e.message.includes("wrong-pw"), false);
			assert.match(e.message, /unauthorized/);
			return true;
		});
		repo.client.close();
	});

	it("fails with UNAUTHORIZED when no credential is known", async () => {
		const registry = new Registry(reg.host, { plainHttp: true, retry: false });
		await assert.rejects(registry.ping(), (e: unknown) => {
			assert.ok(OrasError.is(e));
			assert.equal(e.code, "UNAUTHORIZED");
			assert.match(e.message, /basic credential not found$/);
			return true;
		});
		registry.close();
	});
});
