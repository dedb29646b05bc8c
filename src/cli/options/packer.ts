/** The Packer flag group of push and attach: annotations, annotation file, manifest export, path validation. */
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, resolve as resolvePath } from "node:path";
import type { Command } from "commander";
import { parsePushFile, type PushFileSpec } from "../../api/push.js";
import type { FileStore } from "../../content/file/index.js";
import { OrasError } from "../../errors.js";
import { parseSourceDateEpoch } from "../../graph/pack.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { Annotation, MediaType } from "../../oci/mediatypes.js";
import type { CliIO } from "../io.js";
import { collect } from "./common.js";

export const MANIFEST_KEY = "$manifest";
export const CONFIG_KEY = "$config";

export interface PackerFlags {
	readonly annotation?: string[];
	readonly annotationFile?: string;
	readonly exportManifest?: string;
	readonly disablePathValidation?: boolean;
}

/**
 * Reproducible pushes: with `SOURCE_DATE_EPOCH` set, the `created` annotation is that instant
 * (`pack.now`) and directory archives carry it as every entry's mtime (`store`). Unset: the clock
 * and the files' mtimes. A malformed value is an error.
 */
export function reproducibleOptions(io: CliIO): { readonly store: { readonly sourceDateEpoch?: Date }; readonly pack: { readonly now?: () => Date } } {
	const epoch = parseSourceDateEpoch(io.env.SOURCE_DATE_EPOCH);
	return epoch ? { store: { sourceDateEpoch: epoch }, pack: { now: () => epoch } } : { store: {}, pack: {} };
}

export function addPackerFlags(cmd: Command): Command {
	cmd.option("-a, --annotation <key=value>", "manifest annotations (repeatable)", collect);
	cmd.option("--annotation-file <path>", "path of the annotation file");
	cmd.option("--export-manifest <path>", "path of the pushed manifest");
	cmd.option("--disable-path-validation", "skip path validation");
	return cmd;
}

/** A file argument `path[:mediaType]`, split at the last `:` (`a:b:` is the file `a:b`). */
export interface FileRef {
	readonly raw: string;
	readonly path: string;
	readonly mediaType: string;
}

export function parseFileRef(raw: string, defaultMediaType: string): FileRef {
	const { path, mediaType } = parsePushFile(raw);
	return { raw, path, mediaType: mediaType || defaultMediaType };
}

/** Annotations by target: `$manifest`, `$config`, or a file argument. */
export type AnnotationMap = Record<string, Record<string, string>>;

export async function parseAnnotations(flags: PackerFlags, io: CliIO): Promise<AnnotationMap> {
	const list = flags.annotation ?? [];
	if (flags.annotationFile && list.length > 0) {
		throw new OrasError("INVALID_ARGUMENT", "`--annotation` and `--annotation-file` cannot be both specified");
	}
	if (flags.annotationFile) {
		const invalid = () =>
			new OrasError("INVALID_ARGUMENT", `invalid annotation json file: failed to load annotations from ${flags.annotationFile}`, {
				hint: "Annotation file doesn't match the required format. Please refer to the document at https://oras.land/docs/how_to_guides/manifest_annotations",
			});
		let parsed: unknown;
		try {
			parsed = JSON.parse(await readFile(resolvePath(io.cwd, flags.annotationFile), "utf8"));
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === "ENOENT") {
				throw new OrasError("INVALID_ARGUMENT", `open ${flags.annotationFile}: no such file or directory`, { cause: err });
			}
			throw invalid();
		}
		if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid();
		const out: AnnotationMap = {};
		for (const [k, v] of Object.entries(parsed)) {
			if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid();
			const inner: Record<string, string> = {};
			for (const [ik, iv] of Object.entries(v)) {
				if (typeof iv !== "string") throw invalid();
				inner[ik] = iv;
			}
			out[k] = inner;
		}
		return out;
	}
	const manifest: Record<string, string> = {};
	for (const a of list) {
		const i = a.indexOf("=");
		if (i < 0) {
			throw new OrasError("INVALID_ARGUMENT", "annotation value doesn't match the required format", {
				hint: 'Please use the correct format in the flag: --annotation "key=value"',
			});
		}
		const key = a.slice(0, i);
		if (Object.hasOwn(manifest, key)) throw new OrasError("INVALID_ARGUMENT", `duplicate annotation key: ${key}, `);
		manifest[key] = a.slice(i + 1);
	}
	return list.length > 0 ? { [MANIFEST_KEY]: manifest } : {};
}

export function validateFilePaths(refs: readonly FileRef[], flags: PackerFlags): void {
	if (flags.disablePathValidation) return;
	const abs = refs.filter((r) => isAbsolute(r.path)).map((r) => r.path);
	if (abs.length > 0) {
		throw new OrasError(
			"INVALID_ARGUMENT",
			`absolute file path detected. If it's intentional, use --disable-path-validation flag to skip this check: ${abs.join(", ")}`,
		);
	}
}

export async function exportManifest(flags: PackerFlags, io: CliIO, bytes: Uint8Array): Promise<void> {
	if (!flags.exportManifest) return;
	await writeFile(resolvePath(io.cwd, flags.exportManifest), bytes);
}

/** The file arguments for the library (`push`, `addFiles`): media type as given, title and annotations from the annotation file. */
export function pushFileSpecs(refs: readonly FileRef[], annotations: AnnotationMap): PushFileSpec[] {
	return refs.map((f) => {
		const a = annotations[f.path];
		return { path: f.path, mediaType: f.mediaType, ...(a?.[Annotation.Title] ? { name: a[Annotation.Title] } : {}), ...(a ? { annotations: a } : {}) };
	});
}

/** `--config path[:type]`: the file becomes the config blob, carrying only the `$config` annotations. */
export async function loadConfigFile(store: FileStore, arg: string, annotations: AnnotationMap, io: CliIO): Promise<Descriptor> {
	const c = parseFileRef(arg, MediaType.UnknownConfig);
	const added = await store.add(CONFIG_KEY, c.mediaType || MediaType.UnknownConfig, resolvePath(io.cwd, c.path));
	const configAnnotations = annotations[CONFIG_KEY];
	return { mediaType: added.mediaType, digest: added.digest, size: added.size, ...(configAnnotations ? { annotations: configAnnotations } : {}) };
}
