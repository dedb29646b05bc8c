/**
 * The JSON depth limit (MAX_JSON_DEPTH): the byte scan agrees with the real nesting of any
 * JSON value, ignores brackets inside strings and escapes, and every parser of outside JSON
 * (manifests, lists, error bodies, token replies, pretty printing) refuses deeper input with
 * an OrasError before building objects, whatever the input.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { OrasError } from "../../../src/errors.js";
import { checkJSONDepth, jsonDepth, MAX_JSON_DEPTH, parseJSON, prettyJSON } from "../../../src/oci/json.js";
import { declaredMediaType, parseManifest } from "../../../src/oci/manifest.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { parseErrorBody } from "../../../src/registry/errors.js";
import { parseListBody } from "../../../src/registry/list.js";
import { onlyThrows } from "../only-throws.js";

/** Nesting of a parsed value: arrays and objects count one level each. */
function depthOf(v: unknown): number {
	if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
	if (v !== null && typeof v === "object") return 1 + Math.max(0, ...Object.values(v).map(depthOf));
	return 0;
}

/** A valid image manifest whose extra field `x` nests `levels` arrays (or objects). */
function deepManifest(levels: number, objects = false): Buffer {
	const [open, inner, close] = objects ? ['{"k":', "1", "}"] : ["[", "", "]"];
	const head = `{"schemaVersion":2,"mediaType":"${MediaType.ImageManifest}","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[],"x":`;
	return Buffer.from(`${head}${open.repeat(levels)}${levels > 0 ? inner : "0"}${close.repeat(levels)}}`);
}

const URL_ = new URL("http://127.0.0.1/v2/r/tags/list");

describe("JSON depth limit", () => {
	it("the byte scan equals the nesting of any JSON value (text or bytes)", () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 12 }), fc.boolean(), (v, pretty) => {
				const text = JSON.stringify(v, null, pretty ? 2 : undefined) ?? "null";
				assert.equal(jsonDepth(text), depthOf(v));
				assert.equal(jsonDepth(Buffer.from(text)), depthOf(v));
			}),
			{ numRuns: 1500 },
		);
	});

	it("the scan gives what a byte-by-byte count gives on any text, valid JSON or not", () => {
		// The plain loop the scan replaced: it skips strings with indexOf, which must not change a count.
		const reference = (b: Buffer): number => {
			let depth = 0;
			let max = 0;
			let inString = false;
			for (let i = 0; i < b.length; i++) {
				const c = b[i] as number;
				if (inString) {
					if (c === 0x5c) i++;
					else if (c === 0x22) inString = false;
				} else if (c === 0x22) inString = true;
				else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
				else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
			}
			return max;
		};
		const text = fc.array(fc.constantFrom("[", "{", "]", "}", '"', "\\", "\\", "a", ":", ",", "\u00e9"), { maxLength: 60 }).map((a) => a.join(""));
		fc.assert(
			fc.property(text, (t) => {
				const b = Buffer.from(t);
				assert.equal(jsonDepth(b), reference(b), JSON.stringify(t));
				assert.equal(jsonDepth(t), reference(b), JSON.stringify(t));
				assert.equal(jsonDepth(b.subarray(1)), reference(b.subarray(1)), JSON.stringify(t));
			}),
			{ numRuns: 5000 },
		);
	});

	it("a hostile body: megabytes of escaped quotes, backslash runs and brackets inside one string count as one level", () => {
		const inner = '\\"'.repeat(200_000) + "\\\\".repeat(200_000) + "[{".repeat(200_000);
		const text = `["${inner}"]`;
		assert.equal(jsonDepth(text), 1);
		assert.equal(jsonDepth(Buffer.from(text)), 1);
		// The string never closes: what came before it is all that counts.
		assert.equal(jsonDepth(`[[["${inner}`), 3);
		assert.equal(JSON.parse(text).length, 1);
	});

	it("brackets inside strings, escaped quotes and backslashes do not count", () => {
		const tricky = fc.array(fc.constantFrom("[", "{", "]", "}", '"', "\\", "a", "\u00e9", "\u{1F600}"), { maxLength: 40 }).map((a) => a.join(""));
		fc.assert(
			fc.property(fc.array(tricky, { maxLength: 8 }), fc.dictionary(tricky, tricky, { maxKeys: 5 }), (arr, obj) => {
				assert.equal(jsonDepth(JSON.stringify(arr)), 1);
				assert.equal(jsonDepth(JSON.stringify(obj)), 1);
				assert.equal(jsonDepth(JSON.stringify({ a: [obj] })), 3);
			}),
			{ numRuns: 1000 },
		);
	});

	it("manifests are accepted up to the limit and refused past it, with INVALID_MANIFEST", () => {
		fc.assert(
			fc.property(fc.integer({ min: MAX_JSON_DEPTH - 8, max: MAX_JSON_DEPTH + 8 }), fc.boolean(), (levels, objects) => {
				// The manifest object itself is one level.
				const raw = deepManifest(levels - 1, objects);
				const ok = levels <= MAX_JSON_DEPTH;
				try {
					parseManifest(raw, MediaType.ImageManifest);
					assert.ok(ok, `depth ${levels} was accepted`);
				} catch (err) {
					assert.ok(OrasError.is(err) && err.code === "INVALID_MANIFEST", String(err));
					assert.ok(!ok, `depth ${levels} was refused: ${(err as Error).message}`);
					assert.match((err as Error).message, /JSON nested deeper than 1000 levels/);
				}
			}),
			{ numRuns: 100 },
		);
	});

	it("nested objects count like arrays", () => {
		const levels = MAX_JSON_DEPTH + 1;
		const text = `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
		assert.equal(jsonDepth(text), levels);
		assert.throws(() => parseJSON(text, "x"), (e: unknown) => OrasError.is(e) && e.code === "INVALID_ARGUMENT" && /deeper than 1000 levels/.test(e.message));
		assert.doesNotThrow(() => parseJSON(`${'{"a":'.repeat(MAX_JSON_DEPTH)}1${"}".repeat(MAX_JSON_DEPTH)}`, "x"));
	});

	it("a 4 MiB manifest nested 1.9 million levels is refused at once, without building it", () => {
		const levels = 1_900_000;
		const raw = deepManifest(levels);
		const heapBefore = process.memoryUsage().heapUsed;
		const t0 = performance.now();
		assert.throws(() => parseManifest(raw, MediaType.ImageManifest), (e: unknown) => OrasError.is(e) && e.code === "INVALID_MANIFEST");
		assert.throws(() => declaredMediaType(raw), (e: unknown) => OrasError.is(e) && e.code === "INVALID_MANIFEST");
		const ms = performance.now() - t0;
		const grew = process.memoryUsage().heapUsed - heapBefore;
		assert.ok(ms < 1000, `took ${ms} ms`);
		// JSON.parse of it would build 1.9 million arrays (hundreds of MB).
		assert.ok(grew < 32 * 1024 * 1024, `heap grew ${grew} bytes`);
	});

	it("every parser of outside JSON refuses deep input with its own code (list, error body, pretty print)", () => {
		const deep = `{"tags":${"[".repeat(5000)}${"]".repeat(5000)}}`;
		assert.throws(() => parseListBody(Buffer.from(deep), "tags", URL_), (e: unknown) => OrasError.is(e) && e.code === "REGISTRY_ERROR" && /deeper/.test(e.message));
		assert.deepEqual(parseErrorBody(`{"errors":${"[".repeat(5000)}${"]".repeat(5000)}}`), []);
		assert.throws(() => prettyJSON(deep), (e: unknown) => OrasError.is(e) && e.code === "INVALID_ARGUMENT");
		assert.throws(() => checkJSONDepth(deep, "x", "REGISTRY_ERROR", 10), (e: unknown) => OrasError.is(e) && e.code === "REGISTRY_ERROR");
	});

	it("mutated and truncated JSON never crashes the checked parser", () => {
		const piece = fc.constantFrom("[", "{", "]", "}", '"', "\\", ",", ":", "1", "a", '"k":');
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 6 }), fc.array(fc.tuple(fc.nat(), piece, fc.integer({ min: 1, max: 3000 })), { maxLength: 4 }), (v, edits) => {
				let text = JSON.stringify(v) ?? "null";
				for (const [at, p, times] of edits) {
					const i = at % (text.length + 1);
					text = text.slice(0, i) + p.repeat(times) + text.slice(i);
				}
				onlyThrows(["INVALID_ARGUMENT"], () => parseJSON(text, "fuzz"));
				onlyThrows(["INVALID_MANIFEST", "INVALID_MEDIA_TYPE", "INVALID_DIGEST", "UNSUPPORTED_DIGEST", "SIZE_EXCEEDS_LIMIT"], () =>
					parseManifest(Buffer.from(text), MediaType.ImageManifest),
				);
				onlyThrows(["INVALID_ARGUMENT"], () => prettyJSON(text));
				// Whatever was accepted is within the limit.
				try {
					const parsed = parseJSON(text, "fuzz");
					assert.ok(depthOf(parsed) <= MAX_JSON_DEPTH);
				} catch {
					// refused: fine
				}
			}),
			{ numRuns: 400 },
		);
	});
});
