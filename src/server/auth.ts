/**
 * Basic-auth verification for `serve --htpasswd` that a hostile client cannot turn into a denial
 * of service: bcrypt runs in a small pool of worker threads (bcryptjs), never on the event loop;
 * verified credentials are remembered for a while so a legitimate client pays one hash, not one per
 * request; and wrong credentials are throttled per client (remote address): after `maxFailures`
 * within `failureWindowMs` a client is answered 429 with `Retry-After` and nothing is hashed.
 * Every table here is bounded.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { HtpasswdFile } from "./htpasswd.js";

export interface AuthLimits {
	/** Wrong credentials a client may send within `failureWindowMs` before it is throttled; default 10. */
	readonly maxFailures: number;
	/** Length of the failure window (and of the throttle), ms; default 60 s. */
	readonly failureWindowMs: number;
	/** Clients the throttle tracks at once (oldest forgotten first); default 10,000. */
	readonly maxTrackedClients: number;
	/** bcrypt comparisons queued or running at once, all clients together (429 beyond); default 32. */
	readonly maxPendingHashes: number;
	/** bcrypt comparisons one client may have queued or running at once (429 beyond); default 2. */
	readonly maxHashesPerClient: number;
	/** How long a verified (or refused) credential is remembered, ms; default 5 min. */
	readonly cacheTtlMs: number;
	/** Credentials remembered, each of the two caches; default 1,000. */
	readonly cacheSize: number;
	/** bcrypt worker threads; default 2 (1 on a single core). */
	readonly workers: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
	maxFailures: 10,
	failureWindowMs: 60_000,
	maxTrackedClients: 10_000,
	maxPendingHashes: 32,
	maxHashesPerClient: 2,
	cacheTtlMs: 5 * 60_000,
	cacheSize: 1000,
	workers: Math.max(1, Math.min(2, availableParallelism() - 1)),
};

export type AuthResult = { readonly kind: "ok" } | { readonly kind: "denied" } | { readonly kind: "throttled"; readonly retryAfterSeconds: number };

/** A set whose entries expire after `ttlMs`; at most `max` entries (the oldest goes first). */
export class ExpiringSet {
	private readonly entries = new Map<string, number>();
	constructor(
		private readonly ttlMs: number,
		private readonly max: number,
	) {}

	has(key: string, now = Date.now()): boolean {
		const until = this.entries.get(key);
		if (until === undefined) return false;
		if (until > now) return true;
		this.entries.delete(key);
		return false;
	}

	add(key: string, now = Date.now()): void {
		this.entries.delete(key);
		while (this.entries.size >= this.max && this.entries.size > 0) this.entries.delete(this.entries.keys().next().value!);
		if (this.max > 0) this.entries.set(key, now + this.ttlMs);
	}

	get size(): number {
		return this.entries.size;
	}
}

interface ClientRecord {
	windowStart: number;
	failures: number;
	inflight: number;
}

/** Failed attempts per client within a sliding-start window; bounded table. */
export class FailureThrottle {
	private readonly clients = new Map<string, ClientRecord>();
	constructor(private readonly limits: Pick<AuthLimits, "maxFailures" | "failureWindowMs" | "maxTrackedClients">) {}

	/** Seconds the client must wait, or undefined when it may try (counting attempts still being verified). */
	blocked(client: string, now = Date.now()): number | undefined {
		const r = this.current(client, now);
		if (!r || r.failures + r.inflight < this.limits.maxFailures) return undefined;
		return Math.max(1, Math.ceil((r.windowStart + this.limits.failureWindowMs - now) / 1000));
	}

	/** Attempts of `client` still being verified. */
	inflight(client: string, now = Date.now()): number {
		return this.current(client, now)?.inflight ?? 0;
	}

	/** Marks an attempt in flight; call `settle` with its outcome. */
	begin(client: string, now = Date.now()): void {
		this.record(client, now).inflight++;
	}

	settle(client: string, ok: boolean, now = Date.now()): void {
		const r = this.record(client, now);
		if (r.inflight > 0) r.inflight--;
		if (!ok) r.failures++;
	}

	/** A failure that needed no hash (unknown user). */
	fail(client: string, now = Date.now()): void {
		this.record(client, now).failures++;
	}

	get size(): number {
		return this.clients.size;
	}

	private current(client: string, now: number): ClientRecord | undefined {
		const r = this.clients.get(client);
		if (r && now - r.windowStart >= this.limits.failureWindowMs) {
			// a new window: forget the failures, keep what is still being verified
			this.clients.delete(client);
			if (r.inflight === 0) return undefined;
			const fresh = { windowStart: now, failures: 0, inflight: r.inflight };
			this.clients.set(client, fresh);
			return fresh;
		}
		return r;
	}

	private record(client: string, now: number): ClientRecord {
		const r = this.current(client, now);
		if (r) return r;
		// Room for one more: drop expired records (oldest first), then the oldest idle ones.
		for (const [k, old] of this.clients) {
			if (this.clients.size < this.limits.maxTrackedClients && now - old.windowStart < this.limits.failureWindowMs) break;
			if (old.inflight === 0) this.clients.delete(k);
		}
		const fresh = { windowStart: now, failures: 0, inflight: 0 };
		this.clients.set(client, fresh);
		return fresh;
	}
}

interface HashJob {
	readonly id: number;
	readonly password: string;
	readonly hash: string;
	readonly resolve: (ok: boolean) => void;
	readonly reject: (err: Error) => void;
}

/** bcrypt compares in `size` worker threads (started on first use, unref'd, ended by `close`). */
export class BcryptPool {
	private readonly idle: Worker[] = [];
	private readonly running = new Map<Worker, HashJob>();
	private readonly queue: HashJob[] = [];
	private workers = 0;
	private nextId = 1;

	constructor(private readonly size: number) {}

	/** Comparisons queued or running. */
	get pending(): number {
		return this.queue.length + this.running.size;
	}

	compare(password: string, hash: string): Promise<boolean> {
		return new Promise<boolean>((resolve, reject) => {
			this.queue.push({ id: this.nextId++, password, hash, resolve, reject });
			this.pump();
		});
	}

	async close(): Promise<void> {
		for (const job of this.queue.splice(0)) job.reject(new Error("the password verifier was closed"));
		const all = [...this.idle.splice(0), ...this.running.keys()];
		await Promise.all(all.map((w) => w.terminate()));
	}

	private pump(): void {
		while (this.queue.length > 0) {
			let w = this.idle.pop();
			if (!w) {
				if (this.workers >= Math.max(1, this.size)) return;
				w = this.spawn();
			}
			const job = this.queue.shift()!;
			this.running.set(w, job);
			w.postMessage({ id: job.id, password: job.password, hash: job.hash });
		}
	}

	private spawn(): Worker {
		// node:worker_threads loads with the first worker (the bundled CLI hoists static imports of built-ins).
		const w = new (process.getBuiltinModule("node:worker_threads").Worker)(new URL("./bcrypt-worker.js", import.meta.url));
		w.unref();
		this.workers++;
		w.on("message", (m: { ok?: unknown }) => {
			const job = this.running.get(w);
			this.running.delete(w);
			this.idle.push(w);
			job?.resolve(m.ok === true);
			this.pump();
		});
		const gone = (err: Error): void => {
			const job = this.running.get(w);
			this.running.delete(w);
			const i = this.idle.indexOf(w);
			if (i >= 0) this.idle.splice(i, 1);
			this.workers--;
			job?.reject(err);
			this.pump();
		};
		let ended = false;
		w.on("error", (err) => {
			ended = true;
			gone(err);
		});
		w.on("exit", (code) => {
			if (!ended) gone(new Error(`bcrypt worker exited with code ${code}`));
		});
		return w;
	}
}

/** Verifies Basic credentials against an htpasswd file within `AuthLimits`. */
export class Authenticator {
	readonly limits: AuthLimits;
	private readonly pool: BcryptPool;
	private readonly verified: ExpiringSet;
	private readonly refused: ExpiringSet;
	private readonly throttle: FailureThrottle;
	/** One hash per distinct credential at a time: concurrent requests with it share the result. */
	private readonly inflight = new Map<string, Promise<boolean>>();
	/** bcrypt comparisons started so far (for tests and debugging). */
	hashes = 0;

	constructor(
		private readonly file: HtpasswdFile,
		limits: Partial<AuthLimits> = {},
	) {
		this.limits = { ...DEFAULT_AUTH_LIMITS, ...limits };
		this.pool = new BcryptPool(this.limits.workers);
		this.verified = new ExpiringSet(this.limits.cacheTtlMs, this.limits.cacheSize);
		this.refused = new ExpiringSet(this.limits.cacheTtlMs, this.limits.cacheSize);
		this.throttle = new FailureThrottle(this.limits);
	}

	async authenticate(client: string, username: string, password: string): Promise<AuthResult> {
		await this.file.refresh();
		const hash = this.file.hashOf(username);
		const key = createHash("sha256").update(username).update("\0").update(password).update("\0").update(hash ?? "").digest("hex");
		if (hash !== undefined && this.verified.has(key)) return { kind: "ok" };
		// the same wrong credential again (a misconfigured client retrying): refused without a hash or a strike
		if (this.refused.has(key)) return { kind: "denied" };
		const wait = this.throttle.blocked(client);
		if (wait !== undefined) return { kind: "throttled", retryAfterSeconds: wait };
		if (hash === undefined) {
			this.throttle.fail(client);
			this.refused.add(key);
			return { kind: "denied" };
		}
		let pending = this.inflight.get(key);
		if (!pending) {
			// One client cannot fill the hash queue ahead of others (a first login waits behind few hashes).
			if (this.throttle.inflight(client) >= this.limits.maxHashesPerClient) {
				this.throttle.fail(client); // a flood of guesses counts against the client's failures
				return { kind: "throttled", retryAfterSeconds: 1 };
			}
			if (this.pool.pending >= this.limits.maxPendingHashes) return { kind: "throttled", retryAfterSeconds: 1 };
			this.hashes++;
			pending = this.pool.compare(password, hash).finally(() => this.inflight.delete(key));
			this.inflight.set(key, pending);
		}
		this.throttle.begin(client);
		let ok = false;
		try {
			ok = await pending;
		} finally {
			this.throttle.settle(client, ok);
		}
		if (ok) this.verified.add(key);
		else this.refused.add(key);
		return ok ? { kind: "ok" } : { kind: "denied" };
	}

	close(): Promise<void> {
		return this.pool.close();
	}
}
