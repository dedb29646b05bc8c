import type { Fetcher, OpOptions } from "../content/storage.js";
import { fetchBytes } from "../content/verify.js";
import type { Descriptor } from "../oci/descriptor.js";
import { isManifestMediaType } from "../oci/mediatypes.js";
import { MAX_MANIFEST_BYTES, parseManifest, successorsOf } from "../oci/manifest.js";

/** The nodes a descriptor points to; blobs have none. Reads at most `limit` bytes of a manifest. */
export async function successors(fetcher: Fetcher, desc: Descriptor, opts?: OpOptions & { limit?: number }): Promise<Descriptor[]> {
	if (!isManifestMediaType(desc.mediaType)) return [];
	const raw = await fetchBytes(fetcher, desc, { ...opts, limit: opts?.limit ?? MAX_MANIFEST_BYTES });
	return successorsOf(parseManifest(raw, desc.mediaType));
}
