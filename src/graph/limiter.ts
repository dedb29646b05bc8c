import { OrasError } from "../errors.js";

interface Waiter {
	readonly grant: () => void;
	readonly fail: (e: unknown) => void;
	readonly signal: AbortSignal | undefined;
}

/**
 * A FIFO counting semaphore. `acquire` resolves to a release function (idempotent).
 * Waiters with the same signal share one abort listener, so hundreds of queued transfers
 * add one listener to the copy's signal, not one each (and no MaxListenersExceededWarning).
 */
export class Limiter {
	private active = 0;
	private readonly waiters: Waiter[] = [];
	/** Per signal: how many queued waiters use it, and its one abort listener. */
	private readonly listening = new Map<AbortSignal, { count: number; onAbort: () => void }>();
	readonly limit: number;

	constructor(limit: number) {
		if (!Number.isSafeInteger(limit) || limit < 1) throw new OrasError("INVALID_ARGUMENT", `concurrency must be a positive integer, got ${limit}`);
		this.limit = limit;
	}

	async acquire(signal?: AbortSignal): Promise<() => void> {
		signal?.throwIfAborted();
		if (this.active < this.limit) {
			this.active++;
			return this.releaser();
		}
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				grant: () => {
					this.unlisten(signal);
					resolve(this.releaser());
				},
				fail: reject,
				signal,
			};
			this.listen(signal);
			this.waiters.push(waiter);
		});
	}

	private listen(signal: AbortSignal | undefined): void {
		if (signal === undefined) return;
		const known = this.listening.get(signal);
		if (known !== undefined) {
			known.count++;
			return;
		}
		const onAbort = () => this.abortWaiters(signal);
		this.listening.set(signal, { count: 1, onAbort });
		signal.addEventListener("abort", onAbort, { once: true });
	}

	private unlisten(signal: AbortSignal | undefined): void {
		if (signal === undefined) return;
		const known = this.listening.get(signal);
		if (known === undefined || --known.count > 0) return;
		this.listening.delete(signal);
		signal.removeEventListener("abort", known.onAbort);
	}

	/** Rejects (in queue order) every waiter of an aborted signal; the others keep their places. */
	private abortWaiters(signal: AbortSignal): void {
		this.listening.delete(signal);
		const failed: Waiter[] = [];
		const kept: Waiter[] = [];
		for (const w of this.waiters) (w.signal === signal ? failed : kept).push(w);
		this.waiters.splice(0, this.waiters.length, ...kept);
		for (const w of failed) w.fail(signal.reason);
	}

	private releaser(): () => void {
		let done = false;
		return () => {
			if (done) return;
			done = true;
			const next = this.waiters.shift();
			if (next) next.grant();
			else this.active--;
		};
	}

	/** Runs `fn` holding one slot. */
	async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		const release = await this.acquire(signal);
		try {
			return await fn();
		} finally {
			release();
		}
	}
}
