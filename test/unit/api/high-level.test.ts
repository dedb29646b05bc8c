/**
 * The high-level API on OCI image layouts (no network): push files, pull them back, copy with
 * referrers, resolve/tag/fetchManifest/referrers/discover, progress events, AbortSignal, errors.
 */
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
	copy,
	discover,
	fetchManifest,
	MemoryStore,
	NotFoundError,
	openOciLayout,
	OrasError,
	type ProgressEvent,
	pull,
	push,
	pushArtifact,
	referrers,
	resolve,
	tag,
} from "../../../src/index.js";
import { parseTargetReference } from "../../../src/api/target.js";
import { parsePushFile } from "../../../src/api/push.js";

describe("the high-level API on OCI layouts", () => {
	let dir: string;
	let layout: string;
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-api-"));
		layout = `oci-layout:${join(dir, "layout")}`;
		await mkdir(join(dir, "src", "docs"), { recursive: true });
		await writeFile(join(dir, "src", "app.txt"), "the app\n");
		await writeFile(join(dir, "src", "README.md"), "# readme\n");
		await writeFile(join(dir, "src", "docs", "a.txt"), "doc a\n");
	});
	after(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it("parses references: registry refs, oci-layout: and oci-layout:// prefixes, { layout: true }", () => {
		const r = parseTargetReference("localhost:5000/app:v1");
		assert.equal(r.kind, "registry");
		assert.equal(r.name, "localhost:5000/app");
		assert.equal(r.reference, "v1");
		const l = parseTargetReference("oci-layout:./out/layout:v1");
		assert.deepEqual([l.kind, l.name, l.reference], ["oci-layout", "./out/layout", "v1"]);
		const u = parseTargetReference("oci-layout:///abs/dir@sha256:" + "a".repeat(64));
		assert.deepEqual([u.kind, u.name, u.reference], ["oci-layout", "/abs/dir", "sha256:" + "a".repeat(64)]);
		const f = parseTargetReference("some/dir:tag", true);
		assert.deepEqual([f.kind, f.name, f.reference], ["oci-layout", "some/dir", "tag"]);
		assert.throws(() => parseTargetReference("Not A Ref"), (e: unknown) => e instanceof OrasError && e.code === "INVALID_REFERENCE");
		assert.deepEqual(parsePushFile("README.md:text/markdown"), { path: "README.md", mediaType: "text/markdown" });
		assert.deepEqual(parsePushFile("a:b:"), { path: "a:b" });
		assert.deepEqual(parsePushFile("C:\\x\\y.txt"), { path: "C:\\x\\y.txt" });
	});

	it("pushes files with types and annotations, reports progress, and pulls them back", async () => {
		const events: ProgressEvent[] = [];
		const emitter = new EventEmitter();
		const emitted: ProgressEvent[] = [];
		emitter.on("progress", (e: ProgressEvent) => emitted.push(e));
		const pushed = await push(`${layout}:v1`, ["app.txt", "README.md:text/markdown", { path: "docs", name: "documentation" }], {
			cwd: join(dir, "src"),
			artifactType: "application/vnd.example.app",
			annotations: { "org.example.note": "hi" },
			tags: ["latest"],
			onProgress: (e) => events.push(e),
			progress: emitter,
		});
		assert.match(pushed.digest, /^sha256:[0-9a-f]{64}$/);
		assert.equal(pushed.mediaType, "application/vnd.oci.image.manifest.v1+json");
		assert.equal(pushed.artifactType, "application/vnd.example.app");
		assert.equal(pushed.reference, `${layout}@${pushed.digest}`);
		assert.deepEqual(pushed.tags, ["v1", "latest"]);
		assert.equal(pushed.layers.length, 3);
		assert.equal(pushed.layers[1]?.mediaType, "text/markdown");
		assert.equal(pushed.layers[2]?.mediaType, "application/vnd.oci.image.layer.v1.tar+gzip");
		const manifest = JSON.parse(Buffer.from(pushed.manifest).toString("utf8")) as { annotations: Record<string, string> };
		assert.equal(manifest.annotations["org.example.note"], "hi");
		// Every node started and finished once; the callback and the emitter saw the same events.
		assert.deepEqual(emitted, events);
		const done = events.filter((e) => e.type === "done").map((e) => e.descriptor.digest);
		assert.ok(done.includes(pushed.digest), "the manifest is reported done");
		assert.equal(new Set(done).size, done.length);
		assert.ok(events.every((e) => e.total === e.descriptor.size && e.bytes <= e.total));

		const out = join(dir, "out");
		const pulled = await pull(`${layout}:latest`, { output: out });
		assert.equal(pulled.digest, pushed.digest);
		assert.deepEqual(pulled.files.map((f) => f.name).sort(), ["README.md", "app.txt", "documentation"]);
		const app = pulled.files.find((f) => f.name === "app.txt");
		assert.equal(app?.path, join(out, "app.txt"));
		assert.equal(app?.size, 8);
		assert.equal(await readFile(join(out, "app.txt"), "utf8"), "the app\n");
		assert.equal(await readFile(join(out, "documentation", "a.txt"), "utf8"), "doc a\n");
		assert.equal(pulled.skippedLayers, false);
	});

	it("resolves, tags, fetches manifests, and finds referrers; copies an artifact with its referrers", async () => {
		const root = await resolve(`${layout}:v1`);
		assert.equal((await tag(`${layout}:v1`, ["v2", "v3"])).digest, root.digest);
		assert.equal((await resolve(`${layout}:v3`)).digest, root.digest);
		const m = await fetchManifest(`${layout}@${root.digest}`);
		assert.equal(m.descriptor.digest, root.digest);
		assert.equal((m.manifest as { artifactType?: string }).artifactType, "application/vnd.example.app");

		// A signature attached to v1 (push with a subject), and a referrer of the signature pushed with the core API.
		const store = await openOciLayout(join(dir, "layout"));
		const sigPushed = await push(layout, ["app.txt"], { cwd: join(dir, "src"), artifactType: "application/vnd.example.sig", subject: "v1" });
		assert.deepEqual(sigPushed.tags, []);
		const sig = { root: sigPushed.descriptor };
		const countersig = await pushArtifact(new MemoryStore(), { artifactType: "application/vnd.example.countersig", subject: sig.root }, store, undefined);
		const direct = await referrers(`${layout}:v1`);
		assert.deepEqual(
			direct.map((d) => d.digest),
			[sig.root.digest],
		);
		assert.equal(direct[0]?.artifactType, "application/vnd.example.sig");
		assert.deepEqual(await referrers(`${layout}:v1`, { artifactType: "application/vnd.other" }), []);
		const tree = await discover(`${layout}:v1`);
		assert.equal(tree.referrers[0]?.descriptor.digest, sig.root.digest);
		assert.equal(tree.referrers[0]?.referrers[0]?.descriptor.digest, countersig.root.digest);

		const mirror = `oci-layout:${join(dir, "mirror")}`;
		const copied = await copy(`${layout}:v1`, `${mirror}:v1`, { referrers: true, tags: ["stable"] });
		assert.equal(copied.digest, root.digest);
		assert.equal(copied.reference, `${mirror}@${root.digest}`);
		assert.equal((await resolve(`${mirror}:stable`)).digest, root.digest);
		const copiedTree = await discover(`${mirror}:v1`);
		assert.equal(copiedTree.referrers[0]?.referrers[0]?.descriptor.digest, countersig.root.digest);

		// Without referrers: only the artifact.
		const plain = `oci-layout:${join(dir, "plain")}`;
		await copy(`${layout}:v1`, `${plain}:v1`);
		assert.deepEqual(await referrers(`${plain}:v1`), []);
		// The `layout` option on one side only.
		await copy(`${layout}:v1`, `${join(dir, "plain2")}:v1`, { to: { layout: true } });
		assert.equal((await resolve(`${join(dir, "plain2")}:v1`, { layout: true })).digest, root.digest);
	});

	it("fails with typed errors: a missing tag is a NotFoundError, a missing reference is INVALID_REFERENCE", async () => {
		await assert.rejects(resolve(`${layout}:nope`), (e: unknown) => e instanceof NotFoundError && e instanceof OrasError && e.code === "NOT_FOUND");
		await assert.rejects(pull(layout, { output: join(dir, "x") }), (e: unknown) => e instanceof OrasError && e.code === "INVALID_REFERENCE");
		await assert.rejects(push(`${layout}:v9`, ["missing.txt"], { cwd: join(dir, "src") }), (e: unknown) => e instanceof OrasError);
	});

	it("stops when its AbortSignal fires: nothing is tagged", async () => {
		const ac = new AbortController();
		ac.abort();
		await assert.rejects(push(`${layout}:aborted`, ["app.txt"], { cwd: join(dir, "src"), signal: ac.signal }), (e: unknown) => {
			return (e instanceof OrasError && e.code === "ABORTED") || (e as Error).name === "AbortError";
		});
		await assert.rejects(resolve(`${layout}:aborted`), (e: unknown) => e instanceof NotFoundError);
	});
});
