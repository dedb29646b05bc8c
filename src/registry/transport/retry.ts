/**
 * Retry middleware (as oras-go's https://pkg.go.dev/oras.land/oras-go/v2/registry/remote/retry): network timeouts/resets and status 408, 429, 5xx;
 * at most 5 retries; 250 ms·2^n ±10 % clamped to [200 ms, 3 s]; on 429 a positive integer
 * `Retry-After` replaces the back-off. Only requests whose body can be replayed are retried.
 * Beyond oras-go: a refused connection is retried a couple of times, an integer `Retry-After`
 * on 503 is honoured too, and the whole sequence is bounded in time (`maxElapsedMs`).
 */
import { setTimeout as delay } from "node:timers/promises";
import { OrasError } from "../../errors.js";
import { canReplay, discardBody, type HttpResponse, type Middleware } from "./types.js";

export interface RetryOptions {
	/** Default 5. */
	readonly maxRetries?: number;
	/** Default 250 ms. */
	readonly baseDelayMs?: number;
	/** Default 2. */
	readonly factor?: number;
	/** Relative jitter, default 0.1 (±10 %). */
	readonly jitter?: number;
	/** Default 200 ms. */
	readonly minDelayMs?: number;
	/** Default 3000 ms. */
	readonly maxDelayMs?: number;
	/** Injectable for tests; must honour the signal. */
	readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/** Injectable for tests; returns [0, 1). */
	readonly random?: () => number;
	/** Called before each retry (logging). */
	readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
	/** Give up once this much time has passed since the first attempt (default 120 s). */
	readonly maxElapsedMs?: number;
	/** Retries of a refused connection (registry restarting), default 2; counted within `maxRetries`. */
	readonly maxConnectionRefusedRetries?: number;
	/** Statuses whose integer `Retry-After` replaces the back-off (default 429 and 503). */
	readonly retryAfterStatuses?: readonly number[];
}

const RETRYABLE_NET_CODES = new Set(["ETIMEDOUT", "ECONNRESET", "EPIPE", "ECONNABORTED", "ESOCKETTIMEDOUT", "UND_ERR_SOCKET", "EAI_AGAIN"]);

export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 429 || status >= 500;
}

/** Timeouts and connection resets, found anywhere in the cause chain. Aborts are never retried. */
export function isRetryableError(err: unknown): boolean {
	let cur: unknown = err;
	for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
		if (OrasError.is(cur) && cur.code === "ABORTED") return false;
		if ((cur as Error).name === "AbortError") return false;
		const code = (cur as { code?: unknown }).code;
		if (typeof code === "string" && RETRYABLE_NET_CODES.has(code)) return true;
		cur = (cur as { cause?: unknown }).cause;
	}
	return false;
}

/** A refused connection, found anywhere in the cause chain. */
export function isConnectionRefused(err: unknown): boolean {
	let cur: unknown = err;
	for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
		if ((cur as { code?: unknown }).code === "ECONNREFUSED") return true;
		cur = (cur as { cause?: unknown }).cause;
	}
	return false;
}

/** The back-off before retry number `attempt` (0-based), without Retry-After. */
export function backoffDelay(attempt: number, opts: RetryOptions = {}, random: () => number = Math.random): number {
	const base = (opts.baseDelayMs ?? 250) * (opts.factor ?? 2) ** attempt;
	const jitter = opts.jitter ?? 0.1;
	const d = base * (1 + jitter * (2 * random() - 1));
	return clamp(d, opts);
}

function clamp(ms: number, opts: RetryOptions): number {
	return Math.round(Math.min(opts.maxDelayMs ?? 3000, Math.max(opts.minDelayMs ?? 200, ms)));
}

/** `Retry-After` as whole positive seconds (HTTP dates are ignored, as oras does). */
export function retryAfterMs(res: Pick<HttpResponse, "status" | "headers">, statuses: readonly number[] = [429]): number | undefined {
	if (!statuses.includes(res.status)) return undefined;
	const v = res.headers.get("retry-after")?.trim();
	if (v === undefined || !/^[0-9]+$/.test(v)) return undefined;
	const s = Number(v);
	return s > 0 ? s * 1000 : undefined;
}

export function retryMiddleware(opts: RetryOptions = {}): Middleware {
	const maxRetries = opts.maxRetries ?? 5;
	const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : {}));
	const random = opts.random ?? Math.random;
	const maxElapsed = opts.maxElapsedMs ?? 120_000;
	const maxRefused = opts.maxConnectionRefusedRetries ?? 2;
	const afterStatuses = opts.retryAfterStatuses ?? [429, 503];
	return (next) => async (req) => {
		const replay = canReplay(req);
		const began = Date.now();
		let refused = 0;
		for (let attempt = 0; ; attempt++) {
			let res: HttpResponse | undefined;
			let failure: unknown;
			try {
				res = await next(req);
			} catch (err) {
				failure = err;
			}
			const last = attempt >= maxRetries || !replay;
			if (res !== undefined) {
				if (last || !isRetryableStatus(res.status)) return res;
			} else if (last || !(isRetryableError(failure) || (isConnectionRefused(failure) && refused++ < maxRefused))) {
				throw failure;
			}
			const after = res ? retryAfterMs(res, afterStatuses) : undefined;
			const ms = after !== undefined ? clamp(after, opts) : backoffDelay(attempt, opts, random);
			if (Date.now() - began + ms > maxElapsed) {
				if (res) return res;
				throw failure;
			}
			const reason = res ? `status ${res.status}` : String((failure as Error)?.message ?? failure);
			if (res) discardBody(res);
			opts.onRetry?.({ attempt: attempt + 1, delayMs: ms, reason });
			try {
				await sleep(ms, req.signal);
			} catch (err) {
				throw new OrasError("ABORTED", "operation aborted", { cause: err });
			}
		}
	};
}
