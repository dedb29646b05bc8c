/**
 * `ORAS_CACHE`: reads of a remote target go through an OCI image layout used as a cache.
 * A hit is served from disk; a miss is fetched once, verified and stored in the cache
 * (the layout store checks size and digest before committing), then served from it.
 * Tags are always resolved at the remote; only content addressed by digest is cached.
 */
import type { Readable } from "node:stream";
import type { Descriptor } from "../oci/descriptor.js";
import type { OciLayoutStore } from "./oci-layout/index.js";
import { canFetchReference, type OpOptions, type ReadOnlyTarget, type ReferenceFetcher } from "./storage.js";

export interface ReadCacheStats {
	hits: number;
	misses: number;
}

/** Wraps `remote` so content reads go through `cache`; every other capability is forwarded. */
export function withReadCache<T extends ReadOnlyTarget>(remote: T, cache: OciLayoutStore, stats: ReadCacheStats = { hits: 0, misses: 0 }): T {
	const inflight = new Map<string, Promise<void>>();

	const fill = (desc: Descriptor, body: () => Promise<Readable>, opts?: OpOptions): Promise<void> => {
		let p = inflight.get(desc.digest);
		if (!p) {
			p = (async () => {
				await cache.push(desc, await body(), opts);
			})();
			inflight.set(desc.digest, p);
			const done = () => inflight.delete(desc.digest);
			p.then(done, done);
		}
		return p;
	};

	const fetch = async (desc: Descriptor, opts?: OpOptions): Promise<Readable> => {
		if (await cache.exists(desc, opts)) {
			stats.hits++;
			return cache.fetch(desc, opts);
		}
		stats.misses++;
		await fill(desc, () => remote.fetch(desc, opts), opts);
		return cache.fetch(desc, opts);
	};

	const fetchReference = async (reference: string, opts?: OpOptions): Promise<{ desc: Descriptor; body: Readable }> => {
		const { desc, body } = await (remote as unknown as ReferenceFetcher).fetchReference(reference, opts);
		if (await cache.exists(desc, opts)) {
			body.destroy();
			stats.hits++;
		} else {
			stats.misses++;
			await fill(desc, async () => body, opts);
		}
		return { desc, body: await cache.fetch(desc, opts) };
	};

	/** A blob digest already in the cache needs no round trip (content addressed, verified when stored). */
	const resolveBlob = (target: T) => async (digest: string, opts?: OpOptions): Promise<Descriptor> => {
		try {
			const desc = await cache.resolve(digest, opts);
			stats.hits++;
			return desc;
		} catch {
			return (target as unknown as { resolveBlob(d: string, o?: OpOptions): Promise<Descriptor> }).resolveBlob(digest, opts);
		}
	};

	return new Proxy(remote, {
		get(target, prop, receiver) {
			if (prop === "fetch") return fetch;
			if (prop === "fetchReference") return canFetchReference(target) ? fetchReference : undefined;
			if (prop === "resolveBlob" && typeof Reflect.get(target, prop) === "function") return resolveBlob(target);
			// Ranged and resumable reads would go around the cache.
			if (prop === "fetchFrom") return undefined;
			const value = Reflect.get(target, prop, receiver) as unknown;
			return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}
