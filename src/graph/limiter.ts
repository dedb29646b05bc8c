import { unwatchAbort, watchAbort } from "../content/internal/abort.js";
import { OrasError } from "../errors.js";

interface Waiter {
	readonly grant: () => void;
	/** Set when its signal aborted: the waiter was rejected and is skipped when a slot frees. */
	aborted: boolean;
}

/**
 * A FIFO counting semaphore. `acquire` resolves to a release function (idempotent).
 * Waiters watch their signal through `watchAbort`, so hundreds of queued transfers add one
 * listener to the copy's signal, not one each (and no MaxListenersExceededWarning). An aborted
 * waiter is rejected at once and the others keep their places.
 */
export class Limiter {
	private active = 0;
	private readonly waiters: Waiter[] = [];
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
			const onAbort = () => {
				waiter.aborted = true;
				reject(signal?.reason);
			};
			const waiter: Waiter = {
				grant: () => {
					if (signal !== undefined) unwatchAbort(signal, onAbort);
					resolve(this.releaser());
				},
				aborted: false,
			};
			if (signal !== undefined) watchAbort(signal, onAbort);
			this.waiters.push(waiter);
		});
	}

	private releaser(): () => void {
		let done = false;
		return () => {
			if (done) return;
			done = true;
			let next = this.waiters.shift();
			while (next?.aborted) next = this.waiters.shift();
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
