/** `oras-ts/content`: the storage interfaces and the stores (memory, files, OCI image layout). */
export type {
	Deleter,
	Fetcher,
	Mounter,
	OpOptions,
	PredecessorFinder,
	Pusher,
	ReadOnlyStorage,
	ReadOnlyTarget,
	ReferenceFetcher,
	ReferencePusher,
	Resolver,
	Storage,
	Tagger,
	TagLister,
	Target,
} from "./storage.js";
export { canDelete, canFetchReference, canFindPredecessors, canListTags, canMount, canPushReference, canResolve, canTag } from "./storage.js";
export { fetchBytes, readAllLimited, readAllVerified, verifier, VerifyingStream } from "./verify.js";
export { HashingStream, type HashingStreamOptions } from "./internal/hashing.js";
export {
	canFetchFrom,
	canPushFrom,
	canStage,
	type OpenAt,
	type RangedBody,
	type RangeFetcher,
	type ResumablePusher,
	type StageOpener,
	type Stager,
} from "./storage.js";
export { countBytes } from "./ingest.js";
export { MemoryStore } from "./memory.js";
export { type ReadCacheStats, withReadCache } from "./read-cache.js";
export { type DigestHook, FileStore, type FileStoreOptions, type WrittenFile } from "./file/index.js";
export {
	OciLayoutStore,
	type OciLayoutStoreOptions,
	openOciLayout,
	type OpenOciLayoutOptions,
	ReadOnlyOciLayout,
	type WriteLayoutTarOptions,
	writeOciLayoutTar,
} from "./oci-layout/index.js";
// Named by the layout stores' declarations (their base class and its parts).
export type { LayoutReader } from "./oci-layout/reader.js";
export type { DirSource, LayoutSource } from "./oci-layout/source.js";
export type { FileRangeReader } from "./internal/file-stream.js";
export type { ManifestLinks, PredecessorGraph, RefTable } from "./oci-layout/core.js";
