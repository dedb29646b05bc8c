/**
 * Attach (`oras attach`): resolve the subject (optionally one platform of an index), pack a
 * v1.1 manifest with `subject`, push it untagged with the files it names. A remote
 * repository keeps its referrers index up to date on that push (`src/registry/referrers.ts`);
 * layouts and memory stores answer referrers from their predecessor graph.
 */
import type { ReadOnlyStorage, Target } from "../content/storage.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { parseManifest, successorsOf } from "../oci/manifest.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import type { CopyGraphOptions } from "./copy.js";
import { packManifest, type PackManifestOptions } from "./pack.js";
import { type PushArtifactResult, pushPacked } from "./push.js";
import { resolveReference } from "./resolve.js";

export interface AttachOptions extends CopyGraphOptions {
	/** Required artifact type of the new manifest. */
	readonly artifactType: string;
	/** Layer descriptors, available in `source` (none → one empty-JSON layer). */
	readonly layers?: readonly Descriptor[];
	/** A config blob in `source` (default: the empty `{}` config). */
	readonly config?: Descriptor;
	readonly configAnnotations?: Readonly<Record<string, string>>;
	readonly annotations?: Readonly<Record<string, string>>;
	/** Attach to this platform's manifest when the subject is an index. */
	readonly platform?: Platform | undefined;
	readonly now?: () => Date;
}

export interface AttachResult extends PushArtifactResult {
	/** The subject as it appears in the manifest. */
	readonly subject: Descriptor;
}

/**
 * Attaches an artifact to `subject` (a tag, a digest, or a descriptor already resolved)
 * at `target`. Files come from `source` (e.g. a FileStore). Returns the new manifest.
 */
export async function attach(target: Target, subject: string | Descriptor, source: ReadOnlyStorage, opts: AttachOptions): Promise<AttachResult> {
	const o = { signal: opts.signal };
	const subjectDesc = typeof subject === "string" ? await resolveReference(target, subject, { ...o, platform: opts.platform }) : subject;
	const pack: PackManifestOptions = {
		version: "v1.1",
		artifactType: opts.artifactType,
		subject: subjectDesc,
		...(opts.layers ? { layers: opts.layers } : {}),
		...(opts.config ? { config: opts.config } : {}),
		...(opts.configAnnotations ? { configAnnotations: opts.configAnnotations } : {}),
		...(opts.annotations ? { annotations: opts.annotations } : {}),
		...(opts.now ? { now: opts.now } : {}),
	};
	const packed = packManifest(pack);
	const rootDigest = packed.desc.digest;
	const result = await pushPacked(source, packed, target, undefined, {
		...opts,
		// The subject is already at the target: do not walk into it from the new root.
		findSuccessors: async (fetcher, desc, fo) => {
			if (desc.digest === rootDigest) return [...packed.manifest.layers, packed.manifest.config];
			if (opts.findSuccessors) return opts.findSuccessors(fetcher, desc, fo);
			if (!isManifestMediaType(desc.mediaType)) return [];
			return successorsOf(parseManifest(await fetcher.fetchBytes(desc, fo), desc.mediaType));
		},
	});
	return { ...result, subject: subjectDesc };
}
