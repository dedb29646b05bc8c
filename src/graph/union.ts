import type { Readable } from "node:stream";
import type { OpOptions, ReadOnlyStorage, ReadOnlyTarget } from "../content/storage.js";
import { OrasError } from "../errors.js";
import type { Descriptor } from "../oci/descriptor.js";

/** Reads from the first store that has the content (e.g. packed manifests in memory over files on disk). */
export class UnionStore implements ReadOnlyTarget {
	readonly stores: readonly ReadOnlyStorage[];
	constructor(...stores: ReadOnlyStorage[]) {
		this.stores = stores;
	}

	async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		for (const s of this.stores) if (await s.exists(desc, opts)) return s.fetch(desc, opts);
		throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
	}

	async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		for (const s of this.stores) if (await s.exists(desc, opts)) return true;
		return false;
	}

	async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		for (const s of this.stores) {
			const r = s as Partial<ReadOnlyTarget>;
			if (typeof r.resolve !== "function") continue;
			try {
				return await r.resolve.call(s, reference, opts);
			} catch (err) {
				if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
			}
		}
		throw new OrasError("NOT_FOUND", `${reference}: not found`);
	}
}
