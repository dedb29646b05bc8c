/**
 * The storage abstraction every store and the remote repository implement
 * (oras-go's content.Storage / oras.Target). The copy engine needs only these.
 */
import type { Readable } from "node:stream";
import type { Descriptor } from "../oci/descriptor.js";
import type { Digest } from "../oci/digest.js";

export interface OpOptions {
	readonly signal?: AbortSignal | undefined;
}

export interface Fetcher {
	/** A stream of exactly the descriptor's bytes. Callers verify with `verifier(desc)` unless the store already did. */
	fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable>;
}

export interface Pusher {
	/** Stores content. The store verifies size and digest before the content becomes visible. */
	push(desc: Descriptor, body: AsyncIterable<Uint8Array>, opts?: OpOptions): Promise<void>;
}

export interface ReadOnlyStorage extends Fetcher {
	exists(desc: Descriptor, opts?: OpOptions): Promise<boolean>;
}

export interface Storage extends ReadOnlyStorage, Pusher {}

export interface Resolver {
	/** Resolves a tag or digest to a descriptor. */
	resolve(reference: string, opts?: OpOptions): Promise<Descriptor>;
}

export interface Tagger {
	tag(desc: Descriptor, reference: string, opts?: OpOptions): Promise<void>;
}

export interface ReadOnlyTarget extends ReadOnlyStorage, Resolver {}

export interface Target extends Storage, Resolver, Tagger {}

export interface Deleter {
	delete(desc: Descriptor, opts?: OpOptions): Promise<void>;
}

export interface PredecessorFinder {
	/** Nodes directly pointing at `desc` (manifests listing it, referrers with it as subject). */
	predecessors(desc: Descriptor, opts?: OpOptions): Promise<Descriptor[]>;
}

export interface TagLister {
	/** Tags in the store's order; `last` continues after that tag. */
	tags(opts?: OpOptions & { last?: string }): AsyncIterable<string>;
}

/** Fetches a manifest by tag or digest in one request (registries). */
export interface ReferenceFetcher {
	fetchReference(reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }>;
}

/** Pushes a manifest and tags it in one request (registries: PUT /manifests/<tag>). */
export interface ReferencePusher {
	pushReference(desc: Descriptor, body: AsyncIterable<Uint8Array>, reference: string, opts?: OpOptions): Promise<void>;
}

/** Cross-repository blob mount (registries). */
export interface Mounter {
	mount(desc: Descriptor, fromRepository: string, getContent?: () => Promise<Readable>, opts?: OpOptions): Promise<void>;
}

const hasMethod = (t: object, name: string): boolean => typeof (t as Record<string, unknown>)[name] === "function";

export const canResolve = (t: object): t is Resolver => hasMethod(t, "resolve");
export const canTag = (t: object): t is Tagger => hasMethod(t, "tag");
export const canDelete = (t: object): t is Deleter => hasMethod(t, "delete");
export const canFindPredecessors = (t: object): t is PredecessorFinder => hasMethod(t, "predecessors");
export const canListTags = (t: object): t is TagLister => hasMethod(t, "tags");
export const canFetchReference = (t: object): t is ReferenceFetcher => hasMethod(t, "fetchReference");
export const canPushReference = (t: object): t is ReferencePusher => hasMethod(t, "pushReference");
export const canMount = (t: object): t is Mounter => hasMethod(t, "mount");

// Resumable and staged transfers: optional capabilities the copy engine and the push path use.

/** A body starting at byte `offset` of the blob (0 when the source ignored the requested offset). */
export interface RangedBody {
	readonly body: Readable;
	readonly offset: number;
}

export type OpenAt = (offset: number) => Promise<RangedBody>;

/**
 * Lent chunks: a body (a registry's large blob body, see src/registry/transport/bulk.ts) may hand
 * its bytes to a synchronous sink from one reused buffer, which keeps a large download's memory
 * flat. The contract: `sink(chunk)` is called with each chunk in order, and the chunk is valid only
 * during that call (the buffer is read into again right after), so the sink finishes with it
 * synchronously (hash it, `writeSync` it) and never keeps it (no stream, no queued async write). A
 * sink that throws stops the transfer with its error. The promise settles when the body is done.
 * Only consumers written for that (the resumable file ingest) ask; every other reader reads the
 * body as usual. A body lends at most once, and only before it is read.
 *
 * This is the download direction (the socket drives, the sink keeps up). The upload direction is
 * `ChunkLender` in src/content/internal/file-chunks.ts: a file body lends views of two reused
 * buffers to a consumer that drives (the transport asks for the next chunk once the socket took
 * the last one).
 */
export const LEND_CHUNKS: unique symbol = Symbol("oras-ts.lendChunks");

export type ChunkSink = (chunk: Uint8Array) => void;

interface SinkLender {
	[LEND_CHUNKS](sink: ChunkSink): Promise<void> | undefined;
}

/** Lends the body's chunks to `sink` (see `LEND_CHUNKS`); undefined when the body does not (or no longer can). */
export function lendChunks(body: object, sink: ChunkSink): Promise<void> | undefined {
	const f = (body as Partial<SinkLender>)[LEND_CHUNKS];
	return typeof f === "function" ? f.call(body, sink) : undefined;
}

/** Sources that can start a blob at an offset (registries with `Range`, files). */
export interface RangeFetcher {
	fetchFrom(desc: Descriptor, offset: number, opts?: OpOptions): Promise<RangedBody>;
}

/** Destinations that take a re-openable source and resume or restart a failed transfer themselves. */
export interface ResumablePusher {
	pushFrom(desc: Descriptor, open: OpenAt, opts?: OpOptions): Promise<void>;
}

export const canFetchFrom = (t: object): t is RangeFetcher => hasMethod(t, "fetchFrom");
export const canPushFrom = (t: object): t is ResumablePusher => hasMethod(t, "pushFrom");

/**
 * Bytes from `offset` of content being staged (a file reopened there when an upload is resumed or
 * restarted). A chunk may be a view of a buffer the source reuses (`reusedFileChunks`): a stager
 * uses each chunk (hashes it, sends it and waits for the socket) before asking for the next one,
 * and copies what it keeps.
 */
export type StageOpener = (offset: number) => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;

/**
 * Destinations that take bytes before their digest is known, hashing them as they upload,
 * and commit them on the next push of that digest (a registry's upload session): one read
 * of a large file instead of one to digest it and one to upload it.
 */
export interface Stager {
	/** False when this destination cannot stage now (e.g. chunked uploads were asked for). */
	readonly stagingEnabled: boolean;
	stageBlob(open: StageOpener, size: number, opts?: OpOptions): Promise<{ digest: Digest; size: number }>;
}

export const canStage = (t: object): t is Stager => typeof (t as Partial<Stager>).stageBlob === "function" && (t as Partial<Stager>).stagingEnabled === true;
