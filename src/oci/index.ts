/** `oras-ts/oci`: pure OCI spec code (no I/O): media types, digests, descriptors, manifests, references, platforms. */
export { Annotation, isIndexMediaType, isManifestMediaType, isValidMediaType, MANIFEST_MEDIA_TYPES, MediaType } from "./mediatypes.js";
export { type Digest, type DigestAlgorithm, Digester, digestOf, isDigest, parseDigest, referrersTagOf, shortDigest } from "./digest.js";
export {
	contentKey,
	type Descriptor,
	descriptorFromBytes,
	EMPTY_JSON_DESCRIPTOR,
	type Platform,
	parseDescriptor,
	plainDescriptor,
	sameContent,
	titleOf,
} from "./descriptor.js";
export {
	type ArtifactManifest,
	type ImageIndex,
	type ImageManifest,
	MAX_MANIFEST_BYTES,
	type ParsedManifest,
	parseManifest,
	referrerDescriptorOf,
	type ReferrerInfo,
	referrerInfoOf,
	subjectOf,
	successorsOf,
} from "./manifest.js";
export { checkJSONDepth, encodeDescriptor, encodeIndex, encodeManifest, jsonDepth, MAX_JSON_DEPTH, parseJSON } from "./json.js";
export {
	formatLayoutReference,
	formatReference,
	type LayoutReference,
	parseLayoutReference,
	parseReference,
	type Reference,
	repositoryPath,
} from "./reference.js";
export { Budget, type BudgetLimits } from "./budget.js";
export { formatPlatform, matchPlatform, parseHostPlatform, parsePlatform } from "./platform.js";
