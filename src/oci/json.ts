/**
 * JSON encoding with Go's encoding/json rules, because digests depend on the exact bytes:
 * compact, struct fields in declaration order, map keys sorted bytewise, empty optional
 * fields omitted, `<`, `>`, `&`, U+2028 and U+2029 escaped, lone surrogates become U+FFFD.
 */
import type { Descriptor, Platform } from "./descriptor.js";
import type { ImageIndex, ImageManifest } from "./manifest.js";

export function goString(s: string): string {
	return JSON.stringify(s.toWellFormed()).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function compareBytewise(a: string, b: string): number {
	const ba = Buffer.from(a, "utf8");
	const bb = Buffer.from(b, "utf8");
	return Buffer.compare(ba, bb);
}

export function goStringMap(m: Readonly<Record<string, string>>): string {
	const keys = Object.keys(m).sort(compareBytewise);
	return `{${keys.map((k) => `${goString(k)}:${goString(m[k] as string)}`).join(",")}}`;
}

/** Encodes any JSON value the way Go encodes a generic `map[string]any` (keys sorted, numbers as float64). */
export function goValue(v: unknown): string {
	if (v === null || v === undefined) return "null";
	if (typeof v === "string") return goString(v);
	if (typeof v === "boolean") return v ? "true" : "false";
	if (typeof v === "number") return goFloat(v);
	if (Array.isArray(v)) return `[${v.map(goValue).join(",")}]`;
	if (typeof v === "object") {
		const o = v as Record<string, unknown>;
		const keys = Object.keys(o).sort(compareBytewise);
		return `{${keys.map((k) => `${goString(k)}:${goValue(o[k])}`).join(",")}}`;
	}
	return "null";
}

/** Go's float64 formatting in encoding/json ('f' below 1e21, exponent form with at least two digits above). */
function goFloat(n: number): string {
	if (!Number.isFinite(n)) return "null";
	const abs = Math.abs(n);
	if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
		// Go: strconv 'e' format, then "e-07" style exponents are cleaned to "e-7".
		let s = n.toExponential();
		s = s.replace(/e([+-])(\d)$/, "e$10$2");
		return s.replace(/e-0(\d)$/, "e-$1");
	}
	return String(n);
}

function fields(parts: Array<[string, string | undefined]>): string {
	return `{${parts
		.filter((p): p is [string, string] => p[1] !== undefined)
		.map(([k, v]) => `${goString(k)}:${v}`)
		.join(",")}}`;
}

function nonEmptyMap(m: Readonly<Record<string, string>> | undefined): string | undefined {
	return m && Object.keys(m).length > 0 ? goStringMap(m) : undefined;
}

export function encodePlatform(p: Platform): string {
	const features = p["os.features"];
	return fields([
		["architecture", goString(p.architecture)],
		["os", goString(p.os)],
		["os.version", p["os.version"] ? goString(p["os.version"]) : undefined],
		["os.features", features && features.length > 0 ? `[${features.map(goString).join(",")}]` : undefined],
		["variant", p.variant ? goString(p.variant) : undefined],
	]);
}

export function encodeDescriptor(d: Descriptor): string {
	return fields([
		["mediaType", goString(d.mediaType)],
		["digest", goString(d.digest)],
		["size", String(d.size)],
		["urls", d.urls && d.urls.length > 0 ? `[${d.urls.map(goString).join(",")}]` : undefined],
		["annotations", nonEmptyMap(d.annotations)],
		["data", d.data ? goString(d.data) : undefined],
		["platform", d.platform ? encodePlatform(d.platform) : undefined],
		["artifactType", d.artifactType ? goString(d.artifactType) : undefined],
	]);
}

export function encodeManifest(m: ImageManifest): string {
	return fields([
		["schemaVersion", String(m.schemaVersion)],
		["mediaType", m.mediaType ? goString(m.mediaType) : undefined],
		["artifactType", m.artifactType ? goString(m.artifactType) : undefined],
		["config", encodeDescriptor(m.config)],
		["layers", `[${m.layers.map(encodeDescriptor).join(",")}]`],
		["subject", m.subject ? encodeDescriptor(m.subject) : undefined],
		["annotations", nonEmptyMap(m.annotations)],
	]);
}

export function encodeIndex(i: ImageIndex): string {
	return fields([
		["schemaVersion", String(i.schemaVersion)],
		["mediaType", i.mediaType ? goString(i.mediaType) : undefined],
		["artifactType", i.artifactType ? goString(i.artifactType) : undefined],
		["manifests", `[${i.manifests.map(encodeDescriptor).join(",")}]`],
		["subject", i.subject ? encodeDescriptor(i.subject) : undefined],
		["annotations", nonEmptyMap(i.annotations)],
	]);
}

/** Go's json.MarshalIndent(v, "", "  ") of compact Go JSON, plus the trailing newline oras prints. */
export function prettyJSON(compact: string): string {
	return `${JSON.stringify(JSON.parse(compact), null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
