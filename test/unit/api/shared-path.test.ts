/**
 * What the CLI needs from the high-level API (it runs push, cp, pull, resolve, tag, manifest fetch
 * and discover through it): targets opened once and passed in (left open), `cwd`, parsed
 * references, the engine's own hooks next to progress events, `onFileStart`/`onPrepared`,
 * `artifactPlatform`, `onCopied`/`onTagged`, the pull config file, `tag`'s `onResolved`. On OCI layouts.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { copy, discover, fetchManifest, type OpenedTarget, openTarget, type ProgressEvent, pull, push, resolve, tag } from "../../../src/index.js";
import type { Target } from "../../../src/content/storage.js";
import { parseTargetReference } from "../../../src/api/target.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

describe("the high-level API as the CLI uses it", () => {
	let dir: string;
	before(async () => {
		dir = await mkdtemp(join(tmpdir(), "oras-ts-api-shared-"));
		await mkdir(join(dir, "src"), { recursive: true });
		await writeFile(join(dir, "src", "a.txt"), "a\n");
		await writeFile(join(dir, "src", "b.txt"), "b\n");
		await writeFile(join(dir, "src", "config.json"), "{}");
	});
	after(() => rm(dir, { recursive: true, force: true }));

	it("push: relative layout and files resolve against cwd; onFileStart in order, onPrepared, engine hooks after events, onTagged", async () => {
		const seen: string[] = [];
		const events: string[] = [];
		const result = await push(parseTargetReference("lay:v1", true), ["a.txt", { path: "b.txt", name: "bee", annotations: { k: "v" } }], {
			cwd: join(dir, "src"),
			tags: ["t2"],
			configAnnotations: { c: "1" },
			onFileStart: (name) => seen.push(`file ${name}`),
			onPrepared: ({ layers, config }) => seen.push(`prepared ${layers.length} ${config === undefined}`),
			onProgress: (e: ProgressEvent) => events.push(`event ${e.type}`),
			hooks: {
				preCopy: () => {
					events.push("hook pre");
				},
				postCopy: () => {
					events.push("hook post");
				},
			},
			onTagged: (t) => seen.push(`tagged ${t}`),
		});
		assert.deepEqual(seen, ["file a.txt", "file bee", "prepared 2 true", "tagged t2"]);
		assert.deepEqual(result.tags, ["v1", "t2"]);
		assert.equal(result.layers[1]?.annotations?.k, "v");
		assert.equal(events[0], "event start");
		assert.equal(events[1], "hook pre");
		assert.ok(events.includes("hook post") && events.indexOf("event done") === events.indexOf("hook post") - 1, events.join());
		const { manifest } = await fetchManifest(`oci-layout:${join(dir, "src", "lay")}:v1`);
		const m = manifest as { config: { annotations?: Record<string, string> } };
		assert.deepEqual(m.config.annotations, { c: "1" });
	});

	it("push: duplicate names are refused before anything is pushed; artifactPlatform makes an image config", async () => {
		await assert.rejects(
			push(`oci-layout:${join(dir, "dup")}:v1`, ["a.txt", { path: "b.txt", name: "a.txt" }], { cwd: join(dir, "src") }),
			(e: unknown) => (e as { code?: string }).code === "DUPLICATE_NAME",
		);
		const r = await push(`oci-layout:${join(dir, "plat")}:v1`, [], { artifactPlatform: "linux/arm64", artifactType: "application/vnd.example" });
		const { manifest } = await fetchManifest(r.reference);
		const config = (manifest as { config: { mediaType: string; digest: string } }).config;
		assert.equal(config.mediaType, MediaType.ImageConfig);
		await assert.rejects(push(`oci-layout:${join(dir, "plat")}:v2`, [], { artifactPlatform: "linux", config: "x.json" }), /--config, --artifact-platform cannot be used at the same time/);
	});

	it("an opened target is used as is and left open; the other calls take it too", async () => {
		const parsed = parseTargetReference(`${join(dir, "src", "lay")}:v1`, true);
		const opened: OpenedTarget<Target> = await openTarget(parsed, {}, "write");
		let closed = 0;
		const mine = { ...opened, close: () => void closed++ };
		const desc = await resolve(mine);
		const tree = await discover(mine);
		assert.equal(tree.descriptor.digest, desc.digest);
		const resolved: string[] = [];
		const tagged: string[] = [];
		await tag(mine, ["x", "y"], { concurrency: 1, onResolved: (d) => resolved.push(d.digest), onTagged: (t) => tagged.push(t) });
		assert.deepEqual(resolved, [desc.digest]);
		assert.deepEqual(tagged, ["x", "y"]);
		assert.equal((await fetchManifest(mine)).descriptor.digest, desc.digest);
		assert.equal(closed, 0);
		await tag(mine, [], { onResolved: (d) => resolved.push(d.digest) });
		assert.equal(resolved.length, 2);
	});

	it("copy: onCopied comes before the tags, hooks get the source's manifest cache; pull: hooks, config file, cwd", async () => {
		const order: string[] = [];
		let cacheSeen = false;
		const r = await copy(`oci-layout:${join(dir, "src", "lay")}:v1`, `oci-layout:${join(dir, "copy")}:v1`, {
			tags: ["c1"],
			hooks: (cache) => {
				cacheSeen = typeof cache.fetchBytes === "function";
				return { postCopy: (d) => void order.push(`copied ${d.mediaType === MediaType.ImageManifest ? "manifest" : "blob"}`) };
			},
			onCopied: () => void order.push("onCopied"),
			onTagged: (t) => order.push(`tagged ${t}`),
		});
		assert.ok(cacheSeen);
		assert.deepEqual(order.slice(-3), ["copied manifest", "onCopied", "tagged c1"]);
		const downloaded: string[] = [];
		const pulled = await pull(parseTargetReference("copy:c1", true), {
			cwd: dir,
			output: "out",
			config: `cfg.json:${MediaType.Empty}`,
			hooks: { onDownloaded: (d) => downloaded.push(d.digest) },
		});
		assert.equal(pulled.digest, r.digest);
		assert.deepEqual(pulled.files.map((f) => f.name).sort(), ["a.txt", "bee", "cfg.json"]);
		assert.equal(await readFile(join(dir, "out", "a.txt"), "utf8"), "a\n");
		assert.equal(await readFile(join(dir, "out", "cfg.json"), "utf8"), "{}");
		assert.ok(downloaded.includes(r.digest));
	});
});
