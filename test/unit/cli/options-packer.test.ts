/** push/attach's Packer flags: file arguments, annotations, path validation, manifest export, reproducible dates, file loading. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Command } from "commander";
import {
	addPackerFlags,
	CONFIG_KEY,
	exportManifest,
	type FileRef,
	loadConfigFile,
	pushFileSpecs,
	MANIFEST_KEY,
	parseAnnotations,
	parseFileRef,
	reproducibleOptions,
	validateFilePaths,
} from "../../../src/cli/options/packer.js";
import type { FileStore } from "../../../src/content/index.js";
import { addFiles } from "../../../src/api/push.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { fakeIO } from "./fake-io.js";

let dir: string;
before(async () => {
	dir = await mkdtemp(join(tmpdir(), "oras-packer-"));
});
after(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** A stand-in for FileStore.add: records each call and returns a descriptor titled with the name. */
function recordingStore(delayMs = 0): { store: FileStore; calls: Array<{ name: string; mediaType: string; path: string; hooked: boolean }>; peak: () => number } {
	const calls: Array<{ name: string; mediaType: string; path: string; hooked: boolean }> = [];
	let inflight = 0;
	let peak = 0;
	const store = {
		async add(name: string, mediaType: string, path: string, opts?: { digestWith?: unknown }): Promise<Descriptor> {
			calls.push({ name, mediaType, path, hooked: opts?.digestWith !== undefined });
			inflight++;
			peak = Math.max(peak, inflight);
			if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
			inflight--;
			return descriptorFromBytes(mediaType, Buffer.from(name), { annotations: { "org.opencontainers.image.title": name } });
		},
	} as unknown as FileStore;
	return { store, calls, peak: () => peak };
}

describe("file arguments", () => {
	it("splits path[:mediaType] at the last colon", () => {
		assert.deepEqual(parseFileRef("hi.txt", "d"), { raw: "hi.txt", path: "hi.txt", mediaType: "d" });
		assert.deepEqual(parseFileRef("hi.txt:text/plain", "d"), { raw: "hi.txt:text/plain", path: "hi.txt", mediaType: "text/plain" });
		assert.deepEqual(parseFileRef("a:b:", "d"), { raw: "a:b:", path: "a:b", mediaType: "d" });
		assert.deepEqual(parseFileRef("C:\\x.txt", "d"), { raw: "C:\\x.txt", path: "C:\\x.txt", mediaType: "d" }, "a Windows drive is not a media type");
		assert.throws(() => parseFileRef(":text/plain", "d"), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /found empty file path in ":text\/plain"/.test((err as Error).message));
	});

	it("refuses absolute paths unless path validation is disabled", () => {
		const refs: FileRef[] = [parseFileRef("rel.txt", "d"), parseFileRef("/etc/passwd", "d")];
		assert.throws(() => validateFilePaths(refs, {}), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /absolute file path detected.*--disable-path-validation.*: \/etc\/passwd$/.test((err as Error).message));
		validateFilePaths(refs, { disablePathValidation: true });
		validateFilePaths([refs[0] as FileRef], {});
	});

	it("registers the packer flags", () => {
		const cmd = addPackerFlags(new Command("push")).exitOverride();
		cmd.parse(["-a", "k=v", "--annotation", "x=y", "--export-manifest", "m.json", "--disable-path-validation"], { from: "user" });
		assert.deepEqual(cmd.opts(), { annotation: ["k=v", "x=y"], exportManifest: "m.json", disablePathValidation: true });
	});
});

describe("annotations", () => {
	it("puts --annotation key=value pairs on the manifest; the value may hold '='", async () => {
		assert.deepEqual(await parseAnnotations({}, fakeIO()), {});
		assert.deepEqual(await parseAnnotations({ annotation: ["a=1", "b=x=y", "c="] }, fakeIO()), { [MANIFEST_KEY]: { a: "1", b: "x=y", c: "" } });
	});

	it("rejects malformed and duplicate keys with oras's words", async () => {
		await assert.rejects(parseAnnotations({ annotation: ["novalue"] }, fakeIO()), (err: unknown) => OrasError.is(err) && err.message === "annotation value doesn't match the required format" && /--annotation "key=value"/.test(err.hint ?? ""));
		await assert.rejects(parseAnnotations({ annotation: ["a=1", "a=2"] }, fakeIO()), (err: unknown) => (err as Error).message === "duplicate annotation key: a, ");
		await assert.rejects(parseAnnotations({ annotation: ["a=1"], annotationFile: "f.json" }, fakeIO()), /cannot be both specified/);
	});

	it("reads an annotation file relative to the working directory", async () => {
		await writeFile(join(dir, "ann.json"), JSON.stringify({ $manifest: { k: "v" }, "hi.txt": { "org.opencontainers.image.title": "renamed.txt" } }));
		assert.deepEqual(await parseAnnotations({ annotationFile: "ann.json" }, fakeIO({ cwd: dir })), { $manifest: { k: "v" }, "hi.txt": { "org.opencontainers.image.title": "renamed.txt" } });
	});

	it("rejects a missing or malformed annotation file", async () => {
		const io = fakeIO({ cwd: dir });
		await assert.rejects(parseAnnotations({ annotationFile: "missing.json" }, io), (err: unknown) => (err as Error).message === "open missing.json: no such file or directory");
		for (const [name, text] of [
			["notjson.json", "{"],
			["array.json", "[]"],
			["flat.json", '{"k":"v"}'],
			["number.json", '{"$manifest":{"k":1}}'],
		] as const) {
			await writeFile(join(dir, name), text);
			await assert.rejects(parseAnnotations({ annotationFile: name }, io), (err: unknown) => OrasError.is(err) && err.message === `invalid annotation json file: failed to load annotations from ${name}` && /manifest_annotations/.test(err.hint ?? ""), name);
		}
	});
});

describe("manifest export and reproducible dates", () => {
	it("writes the manifest only when asked", async () => {
		const io = fakeIO({ cwd: dir });
		await exportManifest({}, io, Buffer.from("ignored"));
		await exportManifest({ exportManifest: "out.json" }, io, Buffer.from('{"m":1}'));
		assert.equal(await readFile(join(dir, "out.json"), "utf8"), '{"m":1}');
	});

	it("takes SOURCE_DATE_EPOCH for the created date and the archive mtimes", () => {
		assert.deepEqual(reproducibleOptions(fakeIO()), { store: {}, pack: {} });
		const r = reproducibleOptions(fakeIO({ env: { SOURCE_DATE_EPOCH: "86400" } }));
		assert.equal(r.store.sourceDateEpoch?.toISOString(), "1970-01-02T00:00:00.000Z");
		assert.equal(r.pack.now?.().toISOString(), "1970-01-02T00:00:00.000Z");
		assert.throws(() => reproducibleOptions(fakeIO({ env: { SOURCE_DATE_EPOCH: "yesterday" } })), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
	});
});

describe("loading files", () => {
	it("names layers by their cleaned path or the annotation file's title, in argument order", async () => {
		const { store, calls } = recordingStore();
		const seen: string[] = [];
		const refs = ["./docs/", "a.txt:text/plain", "hi.txt"].map((r) => parseFileRef(r, MediaType.ImageLayer));
		const specs = pushFileSpecs(refs, { "hi.txt": { "org.opencontainers.image.title": "renamed.txt", extra: "1" } });
		const layers = await addFiles(store, specs, dir, undefined, { onFileStart: (n) => void seen.push(n) });
		assert.deepEqual(seen, ["docs", "a.txt", "renamed.txt"]);
		assert.deepEqual(
			calls.map((c) => [c.name, c.mediaType, c.path]),
			[
				["docs", MediaType.ImageLayer, join(dir, "docs")],
				["a.txt", "text/plain", join(dir, "a.txt")],
				["renamed.txt", MediaType.ImageLayer, join(dir, "hi.txt")],
			],
		);
		assert.equal(layers[2]?.annotations?.extra, "1", "the file's annotations are added to its layer");
	});

	it("refuses two files with one name", async () => {
		const { store } = recordingStore();
		const refs = ["a.txt", "./a.txt"].map((r) => parseFileRef(r, MediaType.ImageLayer));
		await assert.rejects(addFiles(store, pushFileSpecs(refs, {}), dir, undefined, {}), (err: unknown) => hasCode(err, "DUPLICATE_NAME"));
	});

	it("runs at most `concurrency` uploads at once when digesting while uploading, keeping layer order", async () => {
		const { store, calls, peak } = recordingStore(5);
		const refs = ["1", "2", "3", "4", "5"].map((r) => parseFileRef(`${r}.txt`, MediaType.ImageLayer));
		const hook = (() => undefined) as unknown as Parameters<typeof addFiles>[3];
		const layers = await addFiles(store, pushFileSpecs(refs, {}), dir, hook, { concurrency: 2 });
		assert.deepEqual(
			layers.map((l) => l.annotations?.["org.opencontainers.image.title"]),
			["1.txt", "2.txt", "3.txt", "4.txt", "5.txt"],
		);
		assert.ok(calls.every((c) => c.hooked));
		assert.equal(peak(), 2, "two at a time, never more");
	});

	it("loads --config with only the $config annotations", async () => {
		const { store, calls } = recordingStore();
		const cfg = await loadConfigFile(store, "cfg.json:application/vnd.test.config", { [CONFIG_KEY]: { c: "1" }, [MANIFEST_KEY]: { m: "2" } }, fakeIO({ cwd: dir }));
		assert.equal(cfg.mediaType, "application/vnd.test.config");
		assert.deepEqual(cfg.annotations, { c: "1" });
		assert.deepEqual(calls[0], { name: CONFIG_KEY, mediaType: "application/vnd.test.config", path: join(dir, "cfg.json"), hooked: false });
		const plain = await loadConfigFile(store, "cfg.json", {}, fakeIO({ cwd: dir }));
		assert.equal(plain.mediaType, MediaType.UnknownConfig);
		assert.equal(plain.annotations, undefined);
	});
});
