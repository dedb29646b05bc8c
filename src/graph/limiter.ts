import { OrasError } from "../errors.js";

/** A FIFO counting semaphore. `acquire` resolves to a release function (idempotent). */
export class Limiter {
	private active = 0;
	private readonly waiters: Array<{ grant: () => void; fail: (e: unknown) => void }> = [];
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
			const waiter = {
				grant: () => {
					signal?.removeEventListener("abort", onAbort);
					resolve(this.releaser());
				},
				fail: reject,
			};
			const onAbort = () => {
				const i = this.waiters.indexOf(waiter);
				if (i >= 0) this.waiters.splice(i, 1);
				reject(signal?.reason);
			};
			signal?.addEventListener("abort", onAbort, { once: true });
			this.waiters.push(waiter);
		});
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
