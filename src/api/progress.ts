/**
 * Progress of the high-level operations: a callback (`onProgress`) and/or an `EventEmitter`
 * (`progress`, event `"progress"`; `events.on(emitter, "progress", { signal })` iterates it).
 * Each node of the graph (manifest, config, layer) starts, reports bytes, and ends once.
 */
import type { EventEmitter } from "node:events";
import type { CopyGraphOptions } from "../graph/copy.js";
import type { Descriptor } from "../oci/descriptor.js";

export type ProgressEventType =
	/** A transfer starts. */
	| "start"
	/** Bytes of the node moved so far (`bytes` of `total`). */
	| "bytes"
	/** The node is stored at the destination. */
	| "done"
	/** The destination already had it (with everything below it). */
	| "exists"
	/** Mounted from another repository of the same registry, no bytes moved. */
	| "mounted"
	/** Left out (a pull's untitled layer). */
	| "skipped";

export interface ProgressEvent {
	readonly type: ProgressEventType;
	readonly descriptor: Descriptor;
	/** Bytes moved so far (`total` once done or existing, 0 at start). */
	readonly bytes: number;
	/** `descriptor.size`. */
	readonly total: number;
}

export interface ProgressOptions {
	/** Called for every progress event, synchronously: keep it cheap. */
	readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
	/** Receives every progress event as `emitter.emit("progress", event)`. */
	readonly progress?: EventEmitter | undefined;
}

/** The function that delivers events to the caller's callback and emitter (undefined when nobody listens). */
export function progressSink(opts: ProgressOptions): ((type: ProgressEventType, descriptor: Descriptor, bytes?: number) => void) | undefined {
	const { onProgress, progress } = opts;
	if (!onProgress && !progress) return undefined;
	return (type, descriptor, bytes) => {
		const total = descriptor.size;
		const event: ProgressEvent = { type, descriptor, bytes: bytes ?? (type === "start" || type === "skipped" ? 0 : total), total };
		onProgress?.(event);
		progress?.emit("progress", event);
	};
}

/**
 * The copy engine's own hooks (`CopyGraphOptions` of `oras-ts/graph`), for callers that need
 * more than progress events (the CLI's status lines and bars). They run after the events.
 */
export interface CopyHooks {
	readonly preCopy?: NonNullable<CopyGraphOptions["preCopy"]>;
	readonly postCopy?: NonNullable<CopyGraphOptions["postCopy"]>;
	readonly onCopySkipped?: NonNullable<CopyGraphOptions["onCopySkipped"]>;
	readonly onMounted?: NonNullable<CopyGraphOptions["onMounted"]>;
	readonly onProgress?: NonNullable<CopyGraphOptions["onProgress"]>;
}

/** Copy-engine hooks reporting to `opts` (progress events), then calling `hooks`. */
export function copyProgressHooks(
	opts: ProgressOptions,
	hooks: CopyHooks = {},
): Omit<CopyHooks, "onMounted"> & { readonly onMounted?: (desc: Descriptor, fromRepository?: string) => Promise<void> | void } {
	const emit = progressSink(opts);
	if (!emit) return hooks as Omit<CopyHooks, "onMounted">;
	return {
		preCopy: (d) => {
			emit("start", d);
			return hooks.preCopy?.(d);
		},
		postCopy: (d) => {
			emit("done", d);
			return hooks.postCopy?.(d);
		},
		onCopySkipped: (d) => {
			emit("exists", d);
			return hooks.onCopySkipped?.(d);
		},
		onMounted: (d, from) => {
			emit("mounted", d);
			return hooks.onMounted?.(d, from ?? "");
		},
		onProgress: (d, bytes) => {
			emit("bytes", d, bytes);
			hooks.onProgress?.(d, bytes);
		},
	};
}
