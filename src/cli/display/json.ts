import type { Descriptor } from "../../oci/descriptor.js";

/** Sorts map keys bytewise, as Go does when it encodes a map. */
function sortedMap(m: Readonly<Record<string, string>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const k of Object.keys(m).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) out[k] = m[k] as string;
	return out;
}

/** oras's JSON descriptor model: reference, then the descriptor fields it keeps (never urls/data/platform). */
export function descriptorModel(path: string, desc: Descriptor): Record<string, unknown> {
	const o: Record<string, unknown> = {
		reference: `${path}@${desc.digest}`,
		mediaType: desc.mediaType,
		digest: desc.digest,
		size: desc.size,
	};
	if (desc.annotations && Object.keys(desc.annotations).length > 0) o.annotations = sortedMap(desc.annotations);
	if (desc.artifactType) o.artifactType = desc.artifactType;
	return o;
}

/** Go's json.Encoder with two-space indent: HTML characters escaped, trailing newline. */
export function formatJSON(value: unknown): string {
	return `${JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
