/// <reference types="node" preserve="true" />
/**
 * oras-ts: OCI Registry As Storage for Node.js.
 *
 * One storage abstraction (`Target`), implemented by a remote repository, an OCI image
 * layout, a file store and a memory store; one copy engine moves graphs between any two.
 */
export { hasCode, OrasError, type OrasErrorCode } from "./errors.js";

// Spec code
export { Annotation, isIndexMediaType, isManifestMediaType, MANIFEST_MEDIA_TYPES, MediaType } from "./oci/mediatypes.js";
export { type Digest, type DigestAlgorithm, Digester, digestOf, isDigest, parseDigest, referrersTagOf, shortDigest } from "./oci/digest.js";
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
} from "./oci/descriptor.js";
export {
	type ImageIndex,
	type ImageManifest,
	MAX_MANIFEST_BYTES,
	type ParsedManifest,
	parseManifest,
	referrerDescriptorOf,
	type ReferrerInfo,
	referrerInfoOf,
	successorsOf,
} from "./oci/manifest.js";
export { checkJSONDepth, encodeDescriptor, encodeIndex, encodeManifest, jsonDepth, MAX_JSON_DEPTH, parseJSON } from "./oci/json.js";
export { formatReference, parseLayoutReference, parseReference, type Reference } from "./oci/reference.js";
export { formatPlatform, matchPlatform, parseHostPlatform, parsePlatform } from "./oci/platform.js";

// Stores
export type {
	Deleter,
	Fetcher,
	OpOptions,
	PredecessorFinder,
	Pusher,
	ReadOnlyStorage,
	ReadOnlyTarget,
	Resolver,
	Storage,
	Tagger,
	TagLister,
	Target,
} from "./content/storage.js";
export { fetchBytes, readAllVerified, verifier } from "./content/verify.js";
export { MemoryStore } from "./content/memory.js";
export { FileStore, type FileStoreOptions, type WrittenFile } from "./content/file/index.js";
export { OciLayoutStore, openOciLayout, ReadOnlyOciLayout, writeOciLayoutTar } from "./content/oci-layout/index.js";

// Remote
export { type BlobStorage, createRepository, type ManifestStorage, Registry, type RegistryOptions, Repository, type RepositoryOptions } from "./registry/index.js";
export { type ListLimits, MAX_LIST_BYTES, MAX_LIST_PAGES, MAX_REFERRERS } from "./registry/list.js";
export { DEFAULT_METADATA_IDLE_TIMEOUT_MS, DEFAULT_METADATA_TIMEOUT_MS } from "./registry/transport/body.js";
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_HEADER_TIMEOUT_MS } from "./registry/transport/node.js";
export { RegistryResponseError } from "./registry/errors.js";
// Reliability: retry, resume and chunked-upload policies (RepositoryOptions.retry / .resume / .upload)
export type { RetryOptions } from "./registry/transport/retry.js";
export type { ResumeOptions } from "./registry/transport/resume.js";
export type { UploadOptions } from "./registry/upload.js";
export {
	canFetchFrom,
	canPushFrom,
	canStage,
	countBytes,
	type OpenAt,
	type RangeFetcher,
	type RangedBody,
	type ResumablePusher,
	type StageOpener,
	type Stager,
} from "./content/ingest.js";
export type { Credential, CredentialFunc, CredentialStore } from "./registry/auth/credential.js";
export { createCredentialStore, credentialFuncFromStore, staticCredential } from "./registry/auth/credentials.js";

// Operations
export { Copier, copy, copyGraph, type CopyGraphOptions, type CopyOptions, SKIP_NODE } from "./graph/copy.js";
export { CopyError, type CopySide, type CopyStep } from "./graph/copy-error.js";
export { type PackManifestOptions, packIndex, packManifest, parseSourceDateEpoch } from "./graph/pack.js";
export {
	type FileToPush,
	pushArtifact,
	type PushArtifactOptions,
	type PushArtifactResult,
	pushFiles,
	type PushFilesOptions,
	STAGE_MIN_BYTES,
	type StagedFile,
	type StagingOptions,
	stagingDigestHook,
} from "./graph/push.js";
export { pull, type PullOptions, type PullResult } from "./graph/pull.js";
export { tagN } from "./graph/tag.js";
export { selectPlatformManifest } from "./graph/platform.js";
export { MAX_REFERRER_DEPTH, MAX_REFERRER_NODES, type ReferrerNode, type ReferrerWalkLimits, walkReferrers, type WalkReferrersOptions } from "./graph/referrers.js";
export {
	copyWithReferrers,
	countReferrers,
	type ExtendedCopyGraphOptions,
	extendedCopy,
	extendedCopyGraph,
	type FindPredecessors,
	findReferrers,
	findReferrersRecursive,
	findRoots,
} from "./graph/extended-copy.js";
export { backup, type BackupOptions, type BackupResult, isTarOutput, resolveTags } from "./graph/backup.js";
export { openRestoreSource, restore, type RestoreOptions, type RestoreResult, type RestoreSource } from "./graph/restore.js";
export {
	type BuiltIndex,
	createIndex,
	type CreateIndexOptions,
	hasIndexChanges,
	indexEntry,
	pushIndex,
	type PushIndexOptions,
	updateIndex,
	type UpdateIndexOptions,
} from "./graph/index-ops.js";

// Built-in registry
export { createRegistryServer, type RegistryServer, type RegistryServerOptions } from "./server/index.js";
