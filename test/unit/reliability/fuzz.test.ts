/**
 * Fuzzing with fast-check: parsers and validators fed random and mutated input must either
 * succeed or fail with the project's OrasError (expected codes), never crash. Several
 * thousand cases per run in total, bounded to a few seconds.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { extractTarGzip } from "../../../src/content/file/unpack.js";
import { readTar, StreamBlockSource } from "../../../src/content/internal/tar-reader.js";
import { OrasError, type OrasErrorCode } from "../../../src/errors.js";
import { digestOf, parseDigest } from "../../../src/oci/digest.js";
import { encodeManifest } from "../../../src/oci/json.js";
import { parseManifest } from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { parseReference } from "../../../src/oci/reference.js";
import { parseChallenge } from "../../../src/registry/auth/challenge.js";
import { parseContentRange } from "../../../src/registry/transport/resume.js";
import { nextOffsetOf } from "../../../src/registry/upload.js";
import { type RawTarEntry, rawTar } from "../../integration/fixtures/hostile.js";
import { onlyThrows } from "../only-throws.js";

async function onlyRejects(codes: readonly OrasErrorCode[] | "any", fn: () => Promise<unknown>): Promise<void> {
	try {
		await fn();
	} catch (err) {
		assert.ok(OrasError.is(err), `rejected with a non-OrasError: ${(err as Error)?.stack ?? String(err)}`);
		if (codes !== "any") assert.ok(codes.includes(err.code), `unexpected code ${err.code}: ${err.message}`);
	}
}

/** Mutates a string: replace, insert or delete characters at random positions. */
function mutated(base: fc.Arbitrary<string>, alphabet: string): fc.Arbitrary<string> {
	const op = fc.tuple(fc.constantFrom("replace", "insert", "delete"), fc.nat(), fc.constantFrom(...alphabet));
	return fc.tuple(base, fc.array(op, { minLength: 1, maxLength: 4 })).map(([s, ops]) => {
		let out = s;
		for (const [kind, at, ch] of ops) {
			const i = out.length === 0 ? 0 : at % (out.length + 1);
			if (kind === "insert") out = out.slice(0, i) + ch + out.slice(i);
			else if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
			else out = out.slice(0, i) + ch + out.slice(i + 1);
		}
		return out;
	});
}

const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });
const validDigest = fc.oneof(hex(64).map((h) => `sha256:${h}`), hex(128).map((h) => `sha512:${h}`));
const validRef = fc
	.tuple(
		fc.constantFrom("localhost:5000", "ghcr.io", "registry.example.com", "[::1]:5000", "docker.io"),
		fc.constantFrom("a", "library/alpine", "org/team/app", "x_y.z-w"),
		fc.oneof(fc.constantFrom(":v1", ":latest", ":1.0.0-rc_1", ""), validDigest.map((d) => `@${d}`)),
	)
	.map(([r, p, t]) => `${r}/${p}${t}`);

describe("fuzz: parsers", () => {
	it("reference parser: mutated references only fail with INVALID_REFERENCE", () => {
		fc.assert(
			fc.property(mutated(validRef, "/:@.-_aZ9[]% \u0000é"), (s) => {
				onlyThrows(["INVALID_REFERENCE"], () => parseReference(s));
			}),
			{ numRuns: 3000 },
		);
	});

	it("digest parser: mutated digests only fail with INVALID_DIGEST or UNSUPPORTED_DIGEST", () => {
		fc.assert(
			fc.property(mutated(validDigest, ":0aF-+._=z\n"), (s) => {
				onlyThrows(["INVALID_DIGEST", "UNSUPPORTED_DIGEST"], () => {
					const d = parseDigest(s);
					assert.match(d, /^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/);
				});
			}),
			{ numRuns: 3000 },
		);
	});

	it("WWW-Authenticate: any header parses without throwing; generated challenges round-trip", () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 120 }), mutated(fc.constant('Bearer realm="https://a/token",service="a",scope="repository:x:pull"'), '",= \\\t')), (h) => {
				const c = parseChallenge(h);
				assert.ok(["basic", "bearer", "unknown"].includes(c.scheme));
				for (const [k, v] of Object.entries(c.params)) {
					assert.equal(typeof v, "string");
					assert.equal(k, k.toLowerCase());
				}
			}),
			{ numRuns: 3000 },
		);
		const value = fc.string({ maxLength: 30 });
		fc.assert(
			fc.property(value, value, (realm, service) => {
				const q = (s: string) => `"${s.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
				const c = parseChallenge(`Bearer realm=${q(realm)}, service=${q(service)}`);
				assert.equal(c.scheme, "bearer");
				assert.equal(c.params.realm, realm);
				assert.equal(c.params.service, service);
			}),
			{ numRuns: 500 },
		);
	});

	it("Content-Range and upload Range parsers never throw and accept only consistent ranges", () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]) => `bytes ${a}-${b}/${c}`)), (s) => {
				const r = parseContentRange(s);
				if (r) {
					assert.ok(r.first <= r.last);
					if (r.total !== undefined) assert.ok(r.last < r.total);
				}
				const n = nextOffsetOf(s);
				if (n !== undefined) assert.ok(Number.isSafeInteger(n) && n >= 1);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe("fuzz: manifest and index validation", () => {
	const types = [MediaType.ImageManifest, MediaType.ImageIndex, MediaType.DockerManifest, MediaType.DockerManifestList, MediaType.ArtifactManifest];
	const desc = fc.record(
		{
			mediaType: fc.oneof(fc.constantFrom(MediaType.ImageLayer, MediaType.ImageManifest, "", "a/b"), fc.jsonValue({ maxDepth: 1 })),
			digest: fc.oneof(validDigest, fc.string({ maxLength: 20 }), fc.constant("sha1:0123"), fc.jsonValue({ maxDepth: 1 })),
			size: fc.oneof(fc.nat(), fc.integer(), fc.double(), fc.constant(2 ** 60), fc.jsonValue({ maxDepth: 1 })),
			annotations: fc.oneof(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }), fc.jsonValue({ maxDepth: 2 })),
			platform: fc.oneof(fc.record({ os: fc.string({ maxLength: 5 }), architecture: fc.string({ maxLength: 5 }) }), fc.jsonValue({ maxDepth: 2 })),
		},
		{ requiredKeys: [] },
	);
	const doc = fc.record(
		{
			schemaVersion: fc.oneof(fc.constant(2), fc.jsonValue({ maxDepth: 1 })),
			mediaType: fc.oneof(fc.constantFrom(...types), fc.string({ maxLength: 10 })),
			config: desc,
			layers: fc.oneof(fc.array(desc, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
			manifests: fc.oneof(fc.array(desc, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
			blobs: fc.array(desc, { maxLength: 2 }),
			subject: desc,
			artifactType: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
		},
		{ requiredKeys: [] },
	);

	it("structurally random manifests and indexes only yield INVALID_MANIFEST / INVALID_MEDIA_TYPE", () => {
		fc.assert(
			fc.property(doc, fc.constantFrom(...types), (d, mt) => {
				onlyThrows(["INVALID_MANIFEST", "INVALID_MEDIA_TYPE"], () => parseManifest(new TextEncoder().encode(JSON.stringify(d)), mt));
			}),
			{ numRuns: 2000 },
		);
	});

	it("byte-mutated valid manifests only yield INVALID_MANIFEST / INVALID_MEDIA_TYPE", () => {
		const valid = encodeManifest({
			schemaVersion: 2,
			mediaType: MediaType.ImageManifest,
			config: { mediaType: MediaType.Empty, digest: digestOf("{}"), size: 2 },
			layers: [{ mediaType: MediaType.ImageLayer, digest: digestOf("x"), size: 1, annotations: { "org.opencontainers.image.title": "x" } }],
		});
		const bytes = Buffer.from(valid);
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.constantFrom(...types), (flips, mt) => {
				const b = Buffer.from(bytes);
				for (const [at, v] of flips) b[at] = v;
				onlyThrows(["INVALID_MANIFEST", "INVALID_MEDIA_TYPE"], () => parseManifest(b, mt));
			}),
			{ numRuns: 2000 },
		);
	});
});

describe("fuzz: tar archives", () => {
	let root = "";
	before(async () => {
		root = await mkdtemp(join(tmpdir(), "oras-ts-fuzz-tar-"));
	});
	after(async () => {
		await rm(root, { recursive: true, force: true });
	});

	it("the tar reader turns random and mutated bytes into entries or an OrasError", async () => {
		const seed = rawTar([
			{ name: "d/", type: "5" },
			{ name: "d/a.txt", type: "0", data: Buffer.from("hello") },
			{ name: "d/l", type: "2", linkname: "a.txt" },
		]);
		const input = fc.oneof(
			fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
			fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
				const b = Buffer.from(seed);
				for (const [at, v] of flips) b[at] = v;
				return b;
			}),
			fc.nat(seed.length).map((n) => seed.subarray(0, n)),
		);
		await fc.assert(
			fc.asyncProperty(input, async (buf) => {
				await onlyRejects("any", async () => {
					for await (const e of readTar(new StreamBlockSource(Readable.from([buf])))) {
						for await (const _ of e.body) {
							// read bodies too
						}
					}
				});
			}),
			{ numRuns: 1500 },
		);
	});

	it("regression (found by fuzzing): a base-256 size field is an OrasError, not a crash", async () => {
		const b = rawTar([{ name: "a", type: "0", data: Buffer.from("x") }]);
		b[124] = 0x80;
		await assert.rejects(
			async () => {
				for await (const _ of readTar(new StreamBlockSource(Readable.from([b])))) {
					// nothing
				}
			},
			(err: unknown) => OrasError.is(err) && err.code === "INVALID_ARGUMENT" && /invalid tar archive/.test(err.message),
		);
	});

	it("unpacking hostile archives never writes outside the destination", async () => {
		const canary = join(root, "canary");
		const name = fc.oneof(
			fc.constantFrom("t/a", "t/b/c", "t/../x", "../x", "t/../../x", "/abs", `${canary}/p`, "t/./a", "t//a", "t/", "other/a", "t/b/", "t/l/x"),
			fc.array(fc.constantFrom("t", "..", ".", "a", "b", "l", ""), { minLength: 1, maxLength: 4 }).map((p) => p.join("/")),
		);
		const link = fc.constantFrom("a", "../a", "../../a", "/etc/passwd", canary, `${canary}/q`, "b/c", "t/a", "..", ".");
		const entry: fc.Arbitrary<RawTarEntry> = fc.oneof(
			fc.record({ name, type: fc.constant("0" as const), data: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)) }),
			fc.record({ name, type: fc.constant("5" as const) }),
			fc.record({ name, type: fc.constantFrom("1" as const, "2" as const), linkname: link }),
			fc.record({ name, type: fc.constant("3" as const) }),
		);
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), async (entries) => {
				const box = join(root, `box-${n++}`);
				const dest = join(box, "dest");
				await mkdir(dest, { recursive: true, mode: 0o777 });
				const gz = join(box, "layer.tar.gz");
				await writeFile(gz, gzipSync(rawTar(entries)));
				await onlyRejects("any", () => extractTarGzip(gz, dest, "t", undefined));
				// Nothing escaped: the box holds only dest and the archive, the canary never appears.
				assert.deepEqual((await readdir(box)).sort(), ["dest", "layer.tar.gz"]);
				await assert.rejects(readdir(canary), /ENOENT/);
				await rm(box, { recursive: true, force: true });
			}),
			{ numRuns: 300 },
		);
	});
});
