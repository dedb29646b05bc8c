/**
 * Selecting the manifest for a platform (oras-go's `platform.SelectManifest`, used by
 * `--platform` on pull, cp, resolve, manifest fetch, attach, discover).
 */
import type { Fetcher, OpOptions } from "../content/storage.js";
import { fetchBytes } from "../content/verify.js";
import { OrasError } from "../errors.js";
import type { Descriptor, Platform } from "../oci/descriptor.js";
import { parseManifest } from "../oci/manifest.js";
import { MediaType } from "../oci/mediatypes.js";
import { formatPlatform, matchPlatform, platformFromConfig, selectPlatformEntry } from "../oci/platform.js";

/**
 * Maps `root` to the manifest for `platform`:
 * - an OCI index or Docker manifest list → its first entry whose `platform` matches;
 * - an OCI or Docker image manifest → `root` itself if its config (OCI image config or Docker
 *   container config) describes a matching platform.
 * No match is NOT_FOUND; other media types (and manifests with other config types) are
 * UNSUPPORTED. Manifests and configs are read verified and capped at 4 MiB.
 */
export async function selectPlatformManifest(fetcher: Fetcher, root: Descriptor, platform: Platform, opts?: OpOptions): Promise<Descriptor> {
	const want = formatPlatform(platform);
	switch (root.mediaType) {
		case MediaType.ImageIndex:
		case MediaType.DockerManifestList: {
			const parsed = parseManifest(await fetchBytes(fetcher, root, opts), root.mediaType);
			if (parsed.kind !== "index") throw new OrasError("INVALID_MANIFEST", `${root.digest}: not an index`);
			const found = selectPlatformEntry(parsed.index.manifests, platform);
			if (found === undefined) {
				throw new OrasError("NOT_FOUND", `${root.digest}: not found: no matching manifest was found in the manifest list for platform ${want}`);
			}
			return found;
		}
		case MediaType.ImageManifest:
		case MediaType.DockerManifest: {
			const parsed = parseManifest(await fetchBytes(fetcher, root, opts), root.mediaType);
			if (parsed.kind !== "manifest") throw new OrasError("INVALID_MANIFEST", `${root.digest}: not a manifest`);
			const config = parsed.manifest.config;
			if (config.mediaType !== MediaType.ImageConfig && config.mediaType !== MediaType.DockerConfig) {
				throw new OrasError(
					"UNSUPPORTED",
					`${root.digest}: config media type ${JSON.stringify(config.mediaType)} carries no platform: expected ${MediaType.ImageConfig} or ${MediaType.DockerConfig}`,
				);
			}
			const actual = platformFromConfig(await fetchBytes(fetcher, config, opts));
			if (!matchPlatform(platform, actual)) {
				throw new OrasError("NOT_FOUND", `${root.digest}: not found: platform in manifest does not match target platform ${want}`);
			}
			return root;
		}
		default:
			throw new OrasError("UNSUPPORTED", `${root.digest}: ${root.mediaType}: unsupported: cannot select a platform`);
	}
}
