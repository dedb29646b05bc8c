/// <reference types="node" preserve="true" />
/**
 * oras-ts: OCI Registry As Storage for Node.js.
 *
 * The high-level API first: `push`, `pull`, `copy`, `login`/`logout`, `resolve`, `tag`,
 * `fetchManifest`, `referrers`, `discover`, taking references as strings (a registry
 * `host/repo:tag` or an OCI layout `oci-layout:<path>:tag`). Below it the oras-go-shaped core:
 * one storage abstraction (`Target`), implemented by a remote repository, an OCI image layout,
 * a file store and a memory store; one copy engine moves graphs between any two. More of the
 * core in `oras-ts/graph`, `oras-ts/registry`, `oras-ts/content`, `oras-ts/oci`; the built-in
 * registry in `oras-ts/server` (not loaded by this entry point).
 */

// High-level API
export {
	checkLogin,
	copy,
	type CopyHooks,
	type CopyOptions,
	type CopyResult,
	type CredentialsSource,
	discover,
	type DiscoverOptions,
	type FetchedManifest,
	fetchManifest,
	LAYOUT_PREFIX,
	login,
	type LoginOptions,
	logout,
	type LogoutOptions,
	type OpenedTarget,
	openTarget,
	type ParsedReference,
	parseTargetReference,
	type ProgressEvent,
	type ProgressEventType,
	type ProgressOptions,
	pull,
	type PulledFile,
	type PullHooks,
	type PullOptions,
	type PullResult,
	push,
	type PushFile,
	type PushFileSpec,
	type PushOptions,
	type PushResult,
	referrers,
	type ReferrersOptions,
	type RemoteTargetOptions,
	resolve,
	type ResolveOptions,
	tag,
	type TagOptions,
	type TargetInput,
} from "./api/index.js";

// Errors
export {
	AbortedError,
	ForbiddenError,
	hasCode,
	IntegrityError,
	NetworkError,
	NotFoundError,
	OrasError,
	type OrasErrorCode,
	type OrasErrorOptions,
	UnauthorizedError,
} from "./errors.js";

// Spec code (the same as oras-ts/oci)
export * from "./oci/index.js";

// Stores (the same as oras-ts/content)
export * from "./content/index.js";

// Remote (more in oras-ts/registry)
export {
	AuthClient,
	type AuthClientOptions,
	type BlobStorage,
	createRepository,
	type HeadersInit,
	HeaderMap,
	type HttpHeaders,
	type HttpRequest,
	type HttpResponse,
	type Logger,
	type ManifestStorage,
	type Middleware,
	type ProxyConfig,
	type ProxyFunc,
	type ReferrersOptions as RepositoryReferrersOptions,
	type ReferrersState,
	Registry,
	type RegistryErrorEntry,
	type RegistryOptions,
	type RemoteClient,
	type RemoteOptions,
	Repository,
	type RepositoryOptions,
	type ResolveRule,
	type Transport,
	type TransportOptions,
} from "./registry/index.js";
export { type ListLimits, MAX_LIST_BYTES, MAX_LIST_PAGES, MAX_REFERRERS } from "./registry/list.js";
export { DEFAULT_METADATA_IDLE_TIMEOUT_MS, DEFAULT_METADATA_TIMEOUT_MS } from "./registry/transport/body.js";
export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_HEADER_TIMEOUT_MS } from "./registry/transport/node.js";
export { RegistryResponseError } from "./registry/errors.js";
// Reliability: retry, resume and chunked-upload policies (RepositoryOptions.retry / .resume / .upload)
export type { RetryOptions } from "./registry/transport/retry.js";
export type { ResumeOptions } from "./registry/transport/resume.js";
export type { UploadOptions } from "./registry/upload.js";
export type { Credential, CredentialFunc, CredentialStore } from "./registry/auth/credential.js";
export {
	type ConfiguredCredentialStore,
	createCredentialStore,
	credentialFuncFromStore,
	type CredentialStoreOptions,
	staticCredential,
} from "./registry/auth/credentials.js";

// Operations on targets (more in oras-ts/graph, which also has the target-level `copy` and `pull`)
export { Copier, copyGraph, type CopyGraphOptions, SKIP_NODE, type SkipNode } from "./graph/copy.js";
export { CopyError, type CopySide, type CopyStep } from "./graph/copy-error.js";
export { ManifestCache } from "./graph/cache.js";
export type { PullEvents } from "./graph/pull.js";
export { type PackedBlob, type PackedIndex, type PackedManifest, type PackIndexOptions, type PackManifestOptions, packIndex, packManifest, type PackVersion, parseSourceDateEpoch } from "./graph/pack.js";
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
export { tagN } from "./graph/tag.js";
export { selectPlatformManifest } from "./graph/platform.js";
export {
	MAX_REFERRER_DEPTH,
	MAX_REFERRER_NODES,
	type ReferrerNode,
	type ReferrersOptions as ReferrerFilterOptions,
	type ReferrerWalkLimits,
	walkReferrers,
	type WalkReferrersOptions,
} from "./graph/referrers.js";
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
	type IndexEvents,
	indexEntry,
	pushIndex,
	type PushIndexOptions,
	updateIndex,
	type UpdateIndexOptions,
} from "./graph/index-ops.js";
