/**
 * Library-level referrers against real registries: distribution 2.8 (no API → tag schema,
 * index upkeep with and without GC, concurrent attaches merged) and the built-in registry
 * (API detected by ping/listing, no tag-schema side effects).
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { MemoryStore } from "../../src/content/memory.js";
import { hasCode } from "../../src/errors.js";
import { attach } from "../../src/graph/attach.js";
import { packManifest } from "../../src/graph/pack.js";
import { referrers } from "../../src/graph/referrers.js";
import type { Descriptor } from "../../src/oci/descriptor.js";
import { referrersTagOf } from "../../src/oci/digest.js";
import { createRepository, type Repository, type RepositoryOptions } from "../../src/registry/index.js";
import { createRegistryServer, type RegistryServer } from "../../src/server/index.js";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const CREATED = { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" };

async function pushSubject(repo: Repository, tag: string): Promise<Descriptor> {
	const p = packManifest({ artifactType: "application/vnd.example.base", annotations: { ...CREATED, tag } });
	for (const b of p.blobsToPush) await repo.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
	await repo.pushReference(p.desc, Readable.from([Buffer.from(p.manifestBytes)]), tag);
	return { mediaType: p.desc.mediaType, digest: p.desc.digest, size: p.desc.size };
}

describe("referrers against distribution 2.8 (tag schema)", () => {
	let reg: RunningRegistry;
	let n = 0;
	const open = (opts: RepositoryOptions = {}) => createRepository(`${reg.host}/ref-${n}`, { plainHttp: true, ...opts });
	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg?.stop();
	});

	it("detects the missing API, keeps the index up to date and deletes superseded indexes (library default)", async () => {
		n++;
		const repo = open();
		const subject = await pushSubject(repo, "v1");
		assert.equal(repo.referrersState, "unknown");
		const empty = new MemoryStore();
		const a = await attach(repo, "v1", empty, { artifactType: "application/vnd.example.a", annotations: CREATED });
		assert.equal(repo.referrersState, "unsupported");
		const first = await repo.resolve(referrersTagOf(subject.digest));
		const b = await attach(repo, subject, empty, { artifactType: "application/vnd.example.b", annotations: CREATED });
		const second = await repo.resolve(referrersTagOf(subject.digest));
		assert.notEqual(first.digest, second.digest);
		await assert.rejects(repo.resolve(first.digest), (e: unknown) => hasCode(e, "NOT_FOUND"));

		// A fresh client asks the API, gets 404, falls back and remembers.
		const fresh = open();
		const listed = await referrers(fresh, subject);
		assert.equal(fresh.referrersState, "unsupported");
		assert.deepEqual(listed.map((r) => r.digest).sort(), [a.root.digest, b.root.digest].sort());
		assert.deepEqual(
			(await fresh.referrers(subject, { artifactType: "application/vnd.example.b" })).map((r) => r.digest),
			[b.root.digest],
		);
		assert.equal(await open().pingReferrers(), false);

		// Deleting referrers shrinks the index; the last one removes it (GC on).
		const deleter = open();
		await deleter.delete(a.root);
		assert.deepEqual(
			(await referrers(open(), subject)).map((r) => r.digest),
			[b.root.digest],
		);
		await deleter.delete(b.root);
		await assert.rejects(open().resolve(referrersTagOf(subject.digest)), (e: unknown) => hasCode(e, "NOT_FOUND"));
		assert.deepEqual(await referrers(open(), subject), []);
	});

	it("with skipReferrersGC keeps old indexes and writes an empty index for the last removal", async () => {
		n++;
		const repo = open({ skipReferrersGC: true });
		const subject = await pushSubject(repo, "v1");
		const a = await attach(repo, subject, new MemoryStore(), { artifactType: "application/vnd.example.a", annotations: CREATED });
		const first = await repo.resolve(referrersTagOf(subject.digest));
		await repo.delete(a.root);
		const emptyIdx = await repo.resolve(referrersTagOf(subject.digest));
		assert.equal(emptyIdx.digest, "sha256:dff9de10919148711140d349bf03f1a99eb06f94b03e51715ccebfa7cdc518e2");
		assert.equal((await repo.resolve(first.digest)).digest, first.digest);
	});

	it("merges concurrent attaches to one subject inside a process", async () => {
		n++;
		const repo = open();
		const subject = await pushSubject(repo, "v1");
		const results = await Promise.all(
			[1, 2, 3, 4, 5].map((i) => attach(repo, subject, new MemoryStore(), { artifactType: `application/vnd.example.t${i}`, annotations: CREATED })),
		);
		const listed = await referrers(open(), subject);
		assert.deepEqual(listed.map((r) => r.digest).sort(), results.map((r) => r.root.digest).sort());
	});

	it("--distribution-spec v1.1-referrers-api preset: listing fails as unsupported and no index is written", async () => {
		n++;
		const repo = open({ referrersState: "supported" });
		const subject = await pushSubject(repo, "v1");
		await attach(repo, subject, new MemoryStore(), { artifactType: "application/vnd.example.a", annotations: CREATED });
		await assert.rejects(open().resolve(referrersTagOf(subject.digest)), (e: unknown) => hasCode(e, "NOT_FOUND"));
		await assert.rejects(repo.referrers(subject), (e: unknown) => hasCode(e, "UNSUPPORTED"));
	});
});

describe("referrers against the built-in registry (referrers API)", () => {
	let server: RegistryServer;
	let root: string;
	let host = "";
	before(async () => {
		root = await mkdtemp(join(tmpdir(), "oras-ts-referrers-serve-"));
		server = createRegistryServer({ root, addr: "127.0.0.1:0", logLevel: "silent" });
		host = `127.0.0.1:${(await server.listen()).port}`;
	});
	after(async () => {
		await server?.close();
		await rm(root, { recursive: true, force: true });
	});

	it("pings and lists through the API; no tag-schema index is written", async () => {
		const repo = createRepository(`${host}/api`, { plainHttp: true });
		const subject = await pushSubject(repo, "v1");
		assert.equal(await createRepository(`${host}/api`, { plainHttp: true }).pingReferrers(), true);
		const a = await attach(repo, subject, new MemoryStore(), { artifactType: "application/vnd.example.a", annotations: CREATED });
		const b = await attach(repo, subject, new MemoryStore(), { artifactType: "application/vnd.example.b", annotations: CREATED });
		await assert.rejects(repo.resolve(referrersTagOf(subject.digest)), (e: unknown) => hasCode(e, "NOT_FOUND"));
		const fresh = createRepository(`${host}/api`, { plainHttp: true });
		const listed = await referrers(fresh, subject);
		assert.equal(fresh.referrersState, "supported");
		assert.deepEqual(listed.map((r) => r.digest).sort(), [a.root.digest, b.root.digest].sort());
		assert.equal(listed.find((r) => r.digest === a.root.digest)?.artifactType, "application/vnd.example.a");
		assert.deepEqual(
			(await fresh.referrers(subject, { artifactType: "application/vnd.example.b" })).map((r) => r.digest),
			[b.root.digest],
		);
		await repo.delete(a.root);
		assert.deepEqual(
			(await referrers(fresh, subject)).map((r) => r.digest),
			[b.root.digest],
		);
	});
});
