/**
 * Platform strings (`--platform os[/arch][/variant][:os_version]`) and platform matching
 * (oras-go's `platform.Match`). Pure: the host architecture is a parameter; only
 * `hostArchitecture()` looks at the running process.
 */
import { OrasError } from "../errors.js";
import { type Descriptor, decodePlatform, type Platform } from "./descriptor.js";
import { decodeJSONObject, MAX_MANIFEST_BYTES } from "./manifest.js";

/** Node's `process.arch` names mapped to Go's GOARCH names. */
const GO_ARCH: Readonly<Record<string, string>> = {
	x64: "amd64",
	ia32: "386",
	arm: "arm",
	arm64: "arm64",
	mipsel: "mipsle",
	mips: "mips",
	loong64: "loong64",
	riscv64: "riscv64",
	s390x: "s390x",
	ppc64: "ppc64le",
};

/** Go's GOARCH for a Node `process.arch` value (unknown values pass through unchanged). */
export function goArchitecture(nodeArch: string, littleEndian = true): string {
	if (nodeArch === "ppc64") return littleEndian ? "ppc64le" : "ppc64";
	return GO_ARCH[nodeArch] ?? nodeArch;
}

/** The running process's architecture in Go's naming (what `oras` uses when `--platform` has no arch). */
export function hostArchitecture(): string {
	return goArchitecture(process.arch, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1);
}

/**
 * Parses `os[/arch[/variant]][:os_version]` like the oras CLI: the part after the first `:`
 * is os.version; more than three `/` parts, an empty os or an empty arch is INVALID_ARGUMENT.
 * A missing arch is `defaultArch` (Go naming, e.g. from `hostArchitecture()`); an empty
 * variant or os.version is left out.
 */
export function parsePlatform(input: string, defaultArch: string): Platform {
	const colon = input.indexOf(":");
	const spec = colon < 0 ? input : input.slice(0, colon);
	const osVersion = colon < 0 ? "" : input.slice(colon + 1);
	const parts = spec.split("/");
	if (parts.length > 3) {
		throw new OrasError("INVALID_ARGUMENT", `failed to parse platform ${JSON.stringify(input)}: expecting os[/arch][/variant][:os_version]`);
	}
	const os = parts[0] as string;
	const architecture = parts.length >= 2 ? (parts[1] as string) : defaultArch;
	const variant = parts[2] ?? "";
	if (os === "") throw new OrasError("INVALID_ARGUMENT", `invalid platform ${JSON.stringify(input)}: OS cannot be empty`);
	if (architecture === "") throw new OrasError("INVALID_ARGUMENT", `invalid platform ${JSON.stringify(input)}: Architecture cannot be empty`);
	const p: { -readonly [K in keyof Platform]: Platform[K] } = { architecture, os };
	if (osVersion !== "") p["os.version"] = osVersion;
	if (variant !== "") p.variant = variant;
	return p;
}

/** `parsePlatform` with the host architecture as default (the thin impure wrapper). */
export function parseHostPlatform(input: string): Platform {
	return parsePlatform(input, hostArchitecture());
}

/** `os/arch[/variant][:os_version]`, the form oras prints in messages. */
export function formatPlatform(p: Platform): string {
	let s = `${p.os}/${p.architecture}`;
	if (p.variant) s += `/${p.variant}`;
	if (p["os.version"]) s += `:${p["os.version"]}`;
	return s;
}

/**
 * Whether `actual` satisfies `requested` (oras-go `platform.Match`): os and architecture
 * equal; variant and os.version compared only when requested; requested os.features a
 * subset of the actual ones.
 */
export function matchPlatform(requested: Platform, actual: Platform | undefined): boolean {
	if (actual === undefined) return false;
	if (actual.os !== requested.os || actual.architecture !== requested.architecture) return false;
	if (requested.variant && actual.variant !== requested.variant) return false;
	if (requested["os.version"] && actual["os.version"] !== requested["os.version"]) return false;
	const wanted = requested["os.features"] ?? [];
	if (wanted.length > 0) {
		const have = new Set(actual["os.features"] ?? []);
		for (const f of wanted) if (!have.has(f)) return false;
	}
	return true;
}

/** The first index entry whose `platform` matches (oras-go's selection order), if any. */
export function selectPlatformEntry(manifests: readonly Descriptor[], requested: Platform): Descriptor | undefined {
	return manifests.find((d) => matchPlatform(requested, d.platform));
}

/**
 * Reads the platform fields (`architecture`, `os`, `os.version`, `os.features`, `variant`)
 * of an image config, as oras-go decodes a config into a Platform. Returns undefined when
 * os or architecture is missing or empty (no platform to record). Configs over 4 MiB are
 * SIZE_EXCEEDS_LIMIT; malformed JSON or wrongly typed fields are INVALID_MANIFEST.
 */
export function platformFromConfig(raw: Uint8Array): Platform | undefined {
	if (raw.byteLength > MAX_MANIFEST_BYTES) {
		throw new OrasError("SIZE_EXCEEDS_LIMIT", `config size ${raw.byteLength} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
	}
	const v = decodeJSONObject(raw, "config");
	if (typeof v.os !== "string" || v.os === "" || typeof v.architecture !== "string" || v.architecture === "") return undefined;
	return decodePlatform(v, "config");
}
