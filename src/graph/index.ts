/**
 * `oras-ts/graph`: the oras-go-shaped copy engine and the operations built on it, working on
 * any `Target` (remote repository, OCI layout, file store, memory store).
 */
export { ManifestCache } from "./cache.js";
export { Copier, copy, copyGraph, type CopyGraphOptions, type CopyOptions, DEFAULT_CONCURRENCY, SKIP_NODE, type SkipNode } from "./copy.js";
export { CopyError, type CopySide, type CopyStep } from "./copy-error.js";
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
} from "./extended-copy.js";
export {
	choosePushSpec,
	type PackedBlob,
	type PackedIndex,
	type PackedManifest,
	type PackIndexOptions,
	packIndex,
	type PackManifestOptions,
	packManifest,
	type PackVersion,
	parseSourceDateEpoch,
	type PushSpec,
	type PushSpecInput,
} from "./pack.js";
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
} from "./push.js";
export { pull, type PullEvents, type PullOptions, type PullResult } from "./pull.js";
export { attach, type AttachOptions, type AttachResult } from "./attach.js";
export { tagN } from "./tag.js";
export { selectPlatformManifest } from "./platform.js";
export { fetchManifestReference, resolveReference, type ResolveOptions } from "./resolve.js";
export {
	canListReferrers,
	MAX_REFERRER_DEPTH,
	MAX_REFERRER_NODES,
	type ReferrerLister,
	type ReferrerNode,
	referrers,
	type ReferrersOptions,
	type ReferrersSource,
	type ReferrerWalkLimits,
	walkReferrers,
	type WalkReferrersOptions,
} from "./referrers.js";
export { backup, type BackupOptions, type BackupResult, isTarOutput, resolveTags } from "./backup.js";
export { openRestoreSource, restore, type RestoreOptions, type RestoreResult, type RestoreSource } from "./restore.js";
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
} from "./index-ops.js";
export { UnionStore } from "./union.js";
