/**
 * Fuzzing the tar reader + extractor and the file store with links: hard and symbolic links
 * in any order, names with `..`, `.`, empty components, absolute paths, links to links,
 * several directory layers and titled files pushed concurrently. Whatever happens (success
 * or an error), nothing outside the destination is created or changed, every symlink under
 * the destination resolves inside it, and no symlink has a second hard link. Bounded runs,
 * a few seconds in total.
 */
import assert from "node:assert/strict";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { FileStore } from "../../../src/content/file/index.js";
import { extractTarGzip } from "../../../src/content/file/unpack.js";
import { OrasError } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { digestOf } from "../../../src/oci/digest.js";
import { type RawTarEntry, rawTar } from "../../integration/fixtures/hostile.js";

const TITLE = "org.opencontainers.image.title";

let root = "";
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-ts-fuzz-links-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

/** `<box>/out` is the destination; the victims beside it must never change. */
async function box(): Promise<{ box: string; out: string }> {
	const b = join(root, `box-${n++}`);
	await mkdir(join(b, "out"), { recursive: true, mode: 0o777 });
	await mkdir(join(b, "victim-dir"));
	await writeFile(join(b, "victim-dir", "keep"), "keep");
	await writeFile(join(b, "victim.txt"), "VICTIM");
	return { box: b, out: join(b, "out") };
}

const inside = (base: string, p: string) => p === base || p.startsWith(`${base}${sep}`);

/**
 * The invariants, checked over the whole box: only the expected top-level entries, the victims
 * unchanged, every symlink under `out` resolving (when it resolves) inside `out`, and no
 * symlink with a second hard link. The walk is bounded.
 */
async function assertContained(b: { box: string; out: string }, extra: readonly string[] = []): Promise<void> {
	assert.deepEqual((await readdir(b.box)).sort(), ["out", "victim-dir", "victim.txt", ...extra].sort());
	assert.equal(await readFile(join(b.box, "victim.txt"), "utf8"), "VICTIM");
	assert.deepEqual(await readdir(join(b.box, "victim-dir")), ["keep"]);
	assert.equal(await readFile(join(b.box, "victim-dir", "keep"), "utf8"), "keep");
	const realOut = await realpath(b.out);
	let seen = 0;
	const walk = async (dir: string): Promise<void> => {
		for (const name of await readdir(dir)) {
			assert.ok(++seen < 5000, "walk bounded");
			const p = join(dir, name);
			const st = await lstat(p);
			if (st.isSymbolicLink()) {
				assert.equal(st.nlink, 1, `${p} (-> ${await readlink(p)}) is a symlink with another hard link`);
				const real = await realpath(p).catch(() => undefined);
				if (real !== undefined) assert.ok(inside(realOut, real), `${relative(b.box, p)} -> ${await readlink(p)} resolves outside: ${real}`);
			} else if (st.isDirectory()) {
				await walk(p);
			}
		}
	};
	await walk(b.out);
}

async function onlyOrasErrors(fn: () => Promise<unknown>): Promise<void> {
	try {
		await fn();
	} catch (err) {
		assert.ok(OrasError.is(err), `rejected with a non-OrasError: ${(err as Error)?.stack ?? String(err)}`);
	}
}

// Names from a small alphabet, so links often meet the entries they name.
// Mostly plain names: one bad entry ends the extraction, and links need valid entries to meet.
const component = fc.oneof({ weight: 8, arbitrary: fc.constantFrom("t", "a", "b", "f") }, { weight: 1, arbitrary: fc.constantFrom("..", ".", "", ".oras-ts-ingest") });
const relName = fc.array(component, { minLength: 1, maxLength: 4 }).map((c) => c.join("/"));
const entryName = fc.oneof(
	{ weight: 4, arbitrary: relName.map((p) => `t/${p}`) },
	{ weight: 1, arbitrary: relName },
	{ weight: 1, arbitrary: fc.constantFrom("/abs/t/a", "/t/a", "t", "t/", "../victim.txt", "t/../../victim.txt") },
);
const symTarget = fc.oneof(
	{ weight: 4, arbitrary: fc.tuple(fc.nat(3), fc.array(fc.constantFrom("a", "b", "f", "t", "."), { maxLength: 2 })).map(([ups, names]) => [...Array<string>(ups).fill(".."), ...names].join("/") || ".") },
	{ weight: 1, arbitrary: fc.constantFrom("../victim.txt", "../../victim.txt", "../../../victim-dir", "/etc/passwd", "a/../../..", "") },
);
const hardTarget = fc.oneof({ weight: 4, arbitrary: relName.map((p) => `t/${p}`) }, { weight: 1, arbitrary: fc.constantFrom("../victim.txt", "t/../../victim.txt", "/etc/hostname", "t") });
const tarEntry: fc.Arbitrary<RawTarEntry> = fc.oneof(
	fc.record({ name: entryName, type: fc.constant("0" as const), data: fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a)) }),
	fc.record({ name: entryName, type: fc.constant("5" as const) }),
	fc.record({ name: entryName, type: fc.constant("2" as const), linkname: symTarget }),
	fc.record({ name: entryName, type: fc.constant("1" as const), linkname: hardTarget }),
);

/**
 * An archive whose hard links mostly name other entries of the same archive (earlier or
 * later, files, directories or symlinks), so link-to-link cases come up often.
 */
const archive: fc.Arbitrary<RawTarEntry[]> = fc
	.array(fc.tuple(tarEntry, fc.option(fc.nat(), { freq: 3 })), { minLength: 1, maxLength: 10 })
	.map((pairs) => pairs.map(([e, ref]) => (e.type === "1" && ref !== null ? { ...e, linkname: pairs[ref % pairs.length]?.[0].name ?? "" } : e)));

describe("fuzz: tar extraction with links", () => {
	it("random archives of files, directories, symlinks and hard links in any order stay inside the destination", async () => {
		await fc.assert(
			fc.asyncProperty(archive, async (entries) => {
				const b = await box();
				const dest = join(b.out, "t");
				await mkdir(dest, { mode: 0o777 });
				const gz = join(b.box, "layer.tgz");
				await writeFile(gz, gzipSync(rawTar(entries)));
				await onlyOrasErrors(() => extractTarGzip(gz, dest, "t", undefined));
				await assertContained(b, ["layer.tgz"]);
				await rm(b.box, { recursive: true, force: true });
			}),
			{ numRuns: 400 },
		);
	});

	it("known escapes stay refused (regressions)", async () => {
		const cases: RawTarEntry[][] = [
			// the hard link copying a symlink
			[{ name: "t/a/b/up", type: "2", linkname: "../.." }, { name: "t/esc", type: "1", linkname: "t/a/b/up" }],
			// a symlink to a symlink that climbs, hard-linked higher up
			[{ name: "t/a/up", type: "2", linkname: ".." }, { name: "t/a/b/l", type: "2", linkname: "../up" }, { name: "t/h", type: "1", linkname: "t/a/b/l" }],
			// a directory replaced by a symlink after entries were written below it
			[{ name: "t/a/", type: "5" }, { name: "t/a/f", type: "0", data: Buffer.from("x") }, { name: "t/a", type: "2", linkname: "../.." }],
		];
		for (const entries of cases) {
			const b = await box();
			const dest = join(b.out, "t");
			await mkdir(dest, { mode: 0o777 });
			const gz = join(b.box, "layer.tgz");
			await writeFile(gz, gzipSync(rawTar(entries)));
			await assert.rejects(extractTarGzip(gz, dest, "t", undefined), (err: unknown) => OrasError.is(err));
			await assertContained(b, ["layer.tgz"]);
		}
	});
});

type Layer = { kind: "dir"; title: string; entries: RawTarEntry[] } | { kind: "file"; title: string; data: Buffer };

const titleArb = fc.oneof(
	{ weight: 4, arbitrary: fc.array(fc.constantFrom("d", "a", "b", "up", "s", "e", "x.bin"), { minLength: 1, maxLength: 4 }).map((c) => c.join("/")) },
	{ weight: 1, arbitrary: fc.constantFrom(".oras-ts-ingest", ".oras-ts-ingest/x", "../victim.txt", "d/../../victim.txt", "d/up/../../x", "./d") },
);

/** A directory layer under `title`: entries built relative to it, links included. */
const dirLayer: fc.Arbitrary<Layer> = titleArb.chain((title) =>
	fc
		.array(
			fc.oneof(
				fc.record({ rel: relName, type: fc.constant("0" as const), data: fc.constant(Buffer.from("x")) }),
				fc.record({ rel: relName, type: fc.constant("5" as const) }),
				fc.record({ rel: relName, type: fc.constant("2" as const), linkname: symTarget }),
				fc.record({ rel: relName, type: fc.constant("1" as const), linkname: relName }),
			),
			{ maxLength: 6 },
		)
		.map((es) => ({
			kind: "dir" as const,
			title,
			entries: [
				{ name: `${title}/`, type: "5" as const },
				...es.map((e): RawTarEntry => {
					const name = `${title}/${e.rel}`;
					if (e.type === "0") return { name, type: "0", data: e.data };
					if (e.type === "5") return { name, type: "5" };
					if (e.type === "2") return { name, type: "2", linkname: e.linkname };
					return { name, type: "1", linkname: `${title}/${e.linkname}` };
				}),
			],
		})),
);
const fileLayer: fc.Arbitrary<Layer> = fc.record({
	kind: fc.constant("file" as const),
	title: titleArb,
	data: fc.oneof({ weight: 6, arbitrary: fc.constant(Buffer.from("evil")) }, { weight: 1, arbitrary: fc.constant(Buffer.alloc(1024 * 1024 + 1, 9)) }),
});

function descOf(l: Layer): { desc: Descriptor; bytes: Buffer } {
	if (l.kind === "file") return { desc: descriptorFromBytes("application/octet-stream", l.data, { annotations: { [TITLE]: l.title } }), bytes: l.data };
	const tar = rawTar(l.entries);
	const gz = gzipSync(tar);
	return {
		desc: descriptorFromBytes("application/vnd.oci.image.layer.v1.tar+gzip", gz, {
			annotations: { [TITLE]: l.title, "io.deis.oras.content.digest": digestOf(tar), "io.deis.oras.content.unpack": "true" },
		}),
		bytes: gz,
	};
}

describe("fuzz: the file store with several layers, concurrently", () => {
	it("directory layers with links and titled files (some resumable) in any order never reach outside", async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.oneof(dirLayer, fileLayer), { minLength: 1, maxLength: 5 }), fc.nat(3), async (layers, delayEvery) => {
				const b = await box();
				const store = new FileStore({ workingDir: b.out, tempDir: b.out });
				try {
					// Pushed concurrently, some held back a little, as a registry with --concurrency > 1 would deliver them.
					await Promise.allSettled(
						layers.map(async (l, i) => {
							const { desc, bytes } = descOf(l);
							if (delayEvery > 0 && i % (delayEvery + 1) === 0) await new Promise((r) => setTimeout(r, 2));
							if (l.kind === "file" && bytes.length >= 1024 * 1024) {
								await store.pushFrom(desc, async () => ({ body: Readable.from([bytes]), offset: 0 }));
							} else {
								await store.push(desc, Readable.from([bytes]));
							}
						}),
					);
				} finally {
					await store.close();
				}
				await assertContained(b);
				await rm(b.box, { recursive: true, force: true });
			}),
			{ numRuns: 150 },
		);
	});
});
