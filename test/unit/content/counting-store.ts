/** A MemoryStore double that counts its reads and can lie (other bytes) or fail: the remote side of cache tests. */
import { Readable } from "node:stream";
import { MemoryStore, type OpOptions } from "../../../src/content/index.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";

export class CountingStore extends MemoryStore {
	fetches = 0;
	existsCalls = 0;
	resolves = 0;
	/** Bytes served instead of the stored ones. */
	lie: Buffer | undefined;
	/** Thrown by fetch. */
	fail: Error | undefined;

	override async fetch(desc: Descriptor, opts?: OpOptions): Promise<Readable> {
		this.fetches++;
		if (this.fail) throw this.fail;
		if (this.lie) return Readable.from([this.lie]);
		return super.fetch(desc, opts);
	}

	override async exists(desc: Descriptor, opts?: OpOptions): Promise<boolean> {
		this.existsCalls++;
		return super.exists(desc, opts);
	}

	override async resolve(reference: string, opts?: OpOptions): Promise<Descriptor> {
		this.resolves++;
		return super.resolve(reference, opts);
	}

	/** Stores bytes under their descriptor (not counted). */
	async add(mediaType: string, bytes: Uint8Array): Promise<Descriptor> {
		const d = descriptorFromBytes(mediaType, bytes);
		await super.push(d, Readable.from([Buffer.from(bytes)]));
		return d;
	}
}
