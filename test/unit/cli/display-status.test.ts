/** The CLI's status lines: Printer, CommittedSet, uploadStatusHooks, and oras's JSON descriptor model. */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { descriptorModel, formatJSON } from "../../../src/cli/display/json.js";
import { CommittedSet, Printer, Prompt } from "../../../src/cli/display/printer.js";
import type { Progress } from "../../../src/cli/display/progress.js";
import { uploadStatusHooks } from "../../../src/cli/display/status.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";

const TITLE = "org.opencontainers.image.title";

/** A stream that keeps what is written, synchronously. */
function sink(): { out: Writable; lines: () => string[] } {
	const chunks: string[] = [];
	const out = new Writable({
		write(chunk: Buffer, _enc, cb) {
			chunks.push(chunk.toString("utf8"));
			cb();
		},
	});
	return { out, lines: () => chunks.join("").split("\n").filter((l) => l !== "") };
}

const layer = (text: string, title?: string): Descriptor => descriptorFromBytes(MediaType.ImageLayer, Buffer.from(text), title === undefined ? {} : { annotations: { [TITLE]: title } });
const short = (d: Descriptor) => d.digest.slice(7, 19);

describe("Printer", () => {
	it("prints titled descriptors always and untitled ones only when verbose", () => {
		const a = layer("a", "a.txt");
		const cfg = descriptorFromBytes(MediaType.Empty, Buffer.from("{}"));
		const plain = sink();
		const p = new Printer(plain.out, { verbose: false });
		p.printStatus(a, Prompt.Uploading);
		p.printStatus(cfg, Prompt.Uploading);
		assert.deepEqual(plain.lines(), [`Uploading ${short(a)} a.txt`]);
		const verbose = sink();
		const v = new Printer(verbose.out, { verbose: true });
		v.printStatus(cfg, Prompt.Uploaded);
		assert.deepEqual(verbose.lines(), [`Uploaded  ${short(cfg)} ${MediaType.Empty}`]);
	});

	it("prints nothing but println when quiet (JSON output)", () => {
		const s = sink();
		const p = new Printer(s.out, { verbose: true, quiet: true });
		p.printStatus(layer("a", "a.txt"), Prompt.Uploading);
		p.status("Pushed", "x");
		p.printVerbose("verbose");
		p.println("kept", "line");
		assert.deepEqual(s.lines(), ["kept line"]);
		const loud = sink();
		const q = new Printer(loud.out, { verbose: false });
		q.status("Pushed", "x");
		q.printVerbose("hidden");
		assert.deepEqual(loud.lines(), ["Pushed x"]);
	});

	it("escapes control characters in titles", () => {
		const s = sink();
		new Printer(s.out, { verbose: false }).printStatus(layer("e", "evil\n\u001b[2Jname"), Prompt.Uploaded);
		const [line, ...rest] = s.lines();
		assert.deepEqual(rest, []);
		assert.ok(line?.startsWith(`Uploaded  ${short(layer("e"))} evil\\n`), line);
		assert.ok(!line?.includes("\u001b"), "no raw escape reaches the terminal");
	});

	it("pads prompts to oras's column widths", () => {
		assert.equal(Prompt.Uploaded.length, Prompt.Uploading.length);
		assert.equal(Prompt.PushExists.length, Prompt.Uploading.length);
		assert.equal(Prompt.Downloaded.length, Prompt.Downloading.length);
		assert.equal(Prompt.Pulled.length, Prompt.Downloading.length);
		assert.equal(Prompt.Copied.length, Prompt.Copying.length);
	});
});

describe("CommittedSet", () => {
	it("reports content committed under another title as deduplicated", () => {
		const set = new CommittedSet();
		const a = layer("same", "a.txt");
		const b = layer("same", "b.txt");
		const c = layer("other", "c.txt");
		assert.equal(set.needsReport(a), true);
		set.add(a);
		assert.equal(set.isDeduplicated(a), false);
		assert.equal(set.needsReport(a), false);
		assert.equal(set.isDeduplicated(b), true);
		assert.equal(set.needsReport(b), true);
		assert.equal(set.isDeduplicated(c), false);
		assert.equal(set.needsReport(c), true);
	});
});

describe("uploadStatusHooks", () => {
	function recorder(): Progress & { calls: string[] } {
		const calls: string[] = [];
		return {
			calls,
			start: (d, prompt) => void calls.push(`start ${prompt.trim()} ${short(d)}`),
			onProgress: (d, bytes) => void calls.push(`progress ${short(d)} ${bytes}`),
			done: (d, prompt) => void calls.push(`done ${prompt.trim()} ${short(d)}`),
			report: (d, prompt) => void calls.push(`report ${prompt.trim()} ${short(d)} ${d.annotations?.[TITLE] ?? ""}`),
		} as Progress & { calls: string[] };
	}

	it("prints Uploading/Uploaded/Exists lines and asks for no byte counts without progress bars", () => {
		const s = sink();
		const hooks = uploadStatusHooks(new Printer(s.out, { verbose: false }), () => undefined);
		assert.equal("onProgress" in hooks, false);
		const a = layer("a", "a.txt");
		const b = layer("b", "b.txt");
		hooks.preCopy(a);
		hooks.postCopy(a);
		hooks.onCopySkipped(b);
		assert.deepEqual(s.lines(), [`Uploading ${short(a)} a.txt`, `Uploaded  ${short(a)} a.txt`, `Exists    ${short(b)} b.txt`]);
	});

	it("reports a deduplicated layer as Exists before its manifest is uploaded", () => {
		const s = sink();
		const a = layer("same", "a.txt");
		const b = layer("same", "b.txt");
		const manifest = { ...descriptorFromBytes(MediaType.ImageManifest, Buffer.from("{}")), annotations: { [TITLE]: "m" } };
		const hooks = uploadStatusHooks(new Printer(s.out, { verbose: false }), () => undefined, (d) => (d.digest === manifest.digest ? [a, b] : undefined));
		hooks.postCopy(a);
		hooks.postCopy(manifest);
		assert.deepEqual(s.lines(), [`Uploaded  ${short(a)} a.txt`, `Exists    ${short(b)} b.txt`, `Uploaded  ${short(manifest)} m`]);
	});

	it("drives the progress bars and forwards byte counts when bars are shown", () => {
		const s = sink();
		const bars = recorder();
		const hooks = uploadStatusHooks(new Printer(s.out, { verbose: false }), () => bars);
		const a = layer("a", "a.txt");
		hooks.preCopy(a);
		assert.ok("onProgress" in hooks);
		(hooks as { onProgress: (d: Descriptor, n: number) => void }).onProgress(a, 1);
		hooks.postCopy(a);
		hooks.onCopySkipped(a);
		assert.deepEqual(bars.calls, [`start Uploading ${short(a)}`, `progress ${short(a)} 1`, `done Uploaded ${short(a)}`, `done Exists ${short(a)}`]);
	});

	it("shows a deduplicated layer as a Skipped row on a terminal, as oras 1.3 does", () => {
		const s = sink();
		const bars = recorder();
		const a = layer("same", "a.txt");
		const b = layer("same", "b.txt");
		const manifest = descriptorFromBytes(MediaType.ImageManifest, Buffer.from("{}"));
		const hooks = uploadStatusHooks(new Printer(s.out, { verbose: false }), () => bars, (d) => (d.digest === manifest.digest ? [a, b] : undefined));
		hooks.preCopy(a);
		hooks.postCopy(a);
		hooks.preCopy(manifest);
		hooks.postCopy(manifest);
		assert.deepEqual(bars.calls, [
			`start Uploading ${short(a)}`,
			`done Uploaded ${short(a)}`,
			`start Uploading ${short(manifest)}`,
			`report Skipped ${short(b)} b.txt`,
			`done Uploaded ${short(manifest)}`,
		]);
	});
});

describe("descriptorModel / formatJSON", () => {
	it("keeps reference, mediaType, digest, size, sorted annotations and artifactType only", () => {
		const d: Descriptor = {
			...descriptorFromBytes(MediaType.ImageManifest, Buffer.from("{}")),
			annotations: { b: "2", a: "1", Z: "0" },
			artifactType: "application/vnd.test",
			urls: ["http://example.invalid/x"],
			data: "e30=",
			platform: { os: "linux", architecture: "amd64" },
		};
		const m = descriptorModel("localhost:5000/repo", d);
		assert.deepEqual(Object.keys(m), ["reference", "mediaType", "digest", "size", "annotations", "artifactType"]);
		assert.equal(m.reference, `localhost:5000/repo@${d.digest}`);
		assert.deepEqual(Object.keys(m.annotations as object), ["Z", "a", "b"]);
		const bare = descriptorModel("r", { ...d, annotations: {}, artifactType: "" });
		assert.deepEqual(Object.keys(bare), ["reference", "mediaType", "digest", "size"]);
	});

	it("indents by two spaces, escapes HTML characters as Go does and ends with a newline", () => {
		const out = formatJSON({ a: "<b>&\u2028", n: 1 });
		assert.equal(out, '{\n  "a": "\\u003cb\\u003e\\u0026\\u2028",\n  "n": 1\n}\n');
		assert.deepEqual(JSON.parse(out), { a: "<b>&\u2028", n: 1 });
	});
});
