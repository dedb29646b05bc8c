/**
 * The one in-process lock: per key (a repository, an upload session, or one fixed key for a single
 * lock), callers run one at a time, in arrival order; a caller that fails does not block the next.
 */
export class KeyedMutex {
	private readonly tails = new Map<string, Promise<void>>();

	async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
		const prev = this.tails.get(key) ?? Promise.resolve();
		let release!: () => void;
		const mine = new Promise<void>((r) => {
			release = r;
		});
		const tail = prev.then(() => mine);
		this.tails.set(key, tail);
		await prev;
		try {
			return await fn();
		} finally {
			release();
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}

	/** True when some caller holds or waits for `key`. */
	busy(key: string): boolean {
		return this.tails.has(key);
	}
}

/** A single lock: `KeyedMutex` with one key. */
export class Mutex {
	private readonly keyed = new KeyedMutex();

	run<T>(fn: () => Promise<T>): Promise<T> {
		return this.keyed.run("", fn);
	}
}
