/**
 * The high-level API against a registry with htpasswd auth (`oras-ts serve` in-process on
 * 127.0.0.1): login stores the credential in a docker config, every later call picks it up by
 * default (DOCKER_CONFIG), `credentials: false` opts out, a static credential overrides;
 * push/pull/copy (with referrers, mounted within the registry)/discover; logout removes it.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
	copy,
	discover,
	login,
	logout,
	MemoryStore,
	createRepository,
	type ProgressEvent,
	pull,
	push,
	pushArtifact,
	referrers,
	resolve,
	UnauthorizedError,
} from "../../src/index.js";
import { writeHtpasswd } from "./fixtures/hostile-serve.js";
import { type RunningServe, startServe } from "./fixtures/serve.js";

describe("the high-level API against a registry with auth", () => {
	let dir: string;
	let srv: RunningServe;
	let dockerConfig: string;
	const alice = { username: "alice", password: "wonder land" };
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-api-int-"));
		await writeHtpasswd(join(dir, "htpasswd"), { alice: alice.password }, 4);
		srv = await startServe({ htpasswd: join(dir, "htpasswd"), root: join(dir, "root") });
		dockerConfig = join(dir, "docker");
		await mkdir(dockerConfig);
		// The default credential source is the docker config docker and oras use.
		process.env.DOCKER_CONFIG = dockerConfig;
		await writeFile(join(dir, "hello.txt"), "hello\n");
	});
	after(async () => {
		delete process.env.DOCKER_CONFIG;
		await srv?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it("login checks the credential and stores it in the docker config; a wrong one is refused and not stored", async () => {
		await assert.rejects(login(srv.host, { username: "alice", password: "wrong" }, { plainHttp: true }), (e: unknown) => e instanceof UnauthorizedError);
		await assert.rejects(readFile(join(dockerConfig, "config.json"), "utf8"), (e: NodeJS.ErrnoException) => e.code === "ENOENT");
		assert.equal(await login(srv.host, alice, { plainHttp: true }), srv.host);
		const cfg = JSON.parse(await readFile(join(dockerConfig, "config.json"), "utf8")) as { auths: Record<string, { auth: string }> };
		assert.equal(Buffer.from(cfg.auths[srv.host]?.auth ?? "", "base64").toString(), "alice:wonder land");
	});

	it("push, pull, copy with referrers and discover use the stored credential by default", async () => {
		const events: ProgressEvent[] = [];
		const pushed = await push(`${srv.host}/app:v1`, ["hello.txt"], { cwd: dir, plainHttp: true, artifactType: "application/vnd.example", onProgress: (e) => events.push(e) });
		assert.equal(pushed.reference, `${srv.host}/app@${pushed.digest}`);
		assert.ok(events.some((e) => e.type === "bytes" || e.type === "done"));

		const repo = createRepository(`${srv.host}/app`, { plainHttp: true, credential: alice });
		const sig = await pushArtifact(new MemoryStore(), { artifactType: "application/vnd.example.sig", subject: pushed.descriptor }, repo, undefined);
		repo.client.close();

		const out = join(dir, "out");
		const pulled = await pull(`${srv.host}/app:v1`, { output: out, plainHttp: true });
		assert.deepEqual(
			pulled.files.map((f) => [f.name, f.path, f.size]),
			[["hello.txt", join(out, "hello.txt"), 6]],
		);
		assert.equal(await readFile(join(out, "hello.txt"), "utf8"), "hello\n");

		const seen: ProgressEvent[] = [];
		const copied = await copy(`${srv.host}/app:v1`, `${srv.host}/mirror:v1`, { referrers: true, plainHttp: true, onProgress: (e) => seen.push(e) });
		assert.equal(copied.digest, pushed.digest);
		// Same registry, same credentials: the layer was mounted, not uploaded again.
		assert.ok(
			seen.some((e) => e.type === "mounted"),
			JSON.stringify(seen.map((e) => e.type)),
		);
		assert.deepEqual(
			(await referrers(`${srv.host}/mirror:v1`, { plainHttp: true })).map((d) => d.digest),
			[sig.root.digest],
		);
		const tree = await discover(`${srv.host}/mirror@${pushed.digest}`, { plainHttp: true });
		assert.equal(tree.referrers[0]?.descriptor.artifactType, "application/vnd.example.sig");

		// A layout on the other side.
		const layout = `oci-layout:${join(dir, "layout")}`;
		await copy(`${srv.host}/app:v1`, `${layout}:v1`, { plainHttp: true });
		assert.equal((await resolve(`${layout}:v1`)).digest, pushed.digest);
	});

	it("credentials: false opts out of the docker config; a static credential overrides it; logout removes it", async () => {
		await assert.rejects(resolve(`${srv.host}/app:v1`, { plainHttp: true, credentials: false }), (e: unknown) => e instanceof UnauthorizedError);
		const other = join(dir, "other-config.json");
		await assert.rejects(resolve(`${srv.host}/app:v1`, { plainHttp: true, credentials: { configPaths: [other] } }), (e: unknown) => e instanceof UnauthorizedError);
		const r = await resolve(`${srv.host}/app:v1`, { plainHttp: true, credentials: false, credential: alice });
		assert.match(r.digest, /^sha256:/);

		await logout(srv.host);
		const cfg = JSON.parse(await readFile(join(dockerConfig, "config.json"), "utf8")) as { auths: Record<string, unknown> };
		assert.equal(cfg.auths[srv.host], undefined);
		await assert.rejects(resolve(`${srv.host}/app:v1`, { plainHttp: true }), (e: unknown) => e instanceof UnauthorizedError);
	});
});
