/**
 * One connection context per registry host: the transport stack (custom headers →
 * warnings → auth → redirects → retry → user agent → debug log → node:http adapter)
 * plus the scheme and host to contact. Registry and Repository objects share it, so
 * they share keep-alive sockets and the token cache.
 */
import { registryHost } from "../oci/reference.js";
import type { ListLimits } from "./list.js";
import { AuthClient, type AuthClientOptions } from "./auth/client.js";
import {
	customHeadersMiddleware,
	defaultHeadersMiddleware,
	loggingMiddleware,
	redirectMiddleware,
	warningMiddleware,
} from "./transport/middleware.js";
import { createNodeTransport } from "./transport/node.js";
import { defaultUserAgent, headerEntries, schemeFor, type TransportOptions } from "./transport/options.js";
import { retryMiddleware } from "./transport/retry.js";
import { compose, type Middleware, SILENT_LOGGER, type Transport } from "./transport/types.js";

export interface RemoteOptions extends TransportOptions, AuthClientOptions {
	/** Share token caches between clients (e.g. source and destination on the same host). */
	readonly authClient?: AuthClient;
	/** Cancels every operation made through this client (combined with per-call signals). */
	readonly signal?: AbortSignal | undefined;
	/** Bounds on paginated listings: tags, catalog, referrers (see `ListLimits`). */
	readonly listLimits?: ListLimits;
}

export interface RemoteClient {
	/** The registry as named by the user (`docker.io`, `localhost:5000`). */
	readonly registry: string;
	/** The host actually contacted (`registry-1.docker.io` for `docker.io`). */
	readonly host: string;
	readonly scheme: "http" | "https";
	/** `scheme://host` */
	readonly origin: string;
	readonly transport: Transport;
	readonly auth: AuthClient;
	readonly signal: AbortSignal | undefined;
	/** Closes idle sockets of the transport this client created (not an injected one). */
	close(): void;
}

export function createRemoteClient(registry: string, opts: RemoteOptions = {}): RemoteClient {
	const host = registryHost(registry);
	const scheme = schemeFor(registry, opts.plainHttp);
	const origin = new URL(`${scheme}://${host}`).origin;
	const logger = opts.logger ?? SILENT_LOGGER;
	let close = () => {};
	let base: Transport;
	if (opts.transport) {
		base = opts.transport;
	} else {
		const nodeOpts: Parameters<typeof createNodeTransport>[0] = {};
		const o = nodeOpts as Record<string, unknown>;
		for (const k of ["insecure", "ca", "caFile", "cert", "certFile", "key", "keyFile", "resolve", "maxSockets", "connectTimeoutMs", "headerTimeoutMs", "metadataIdleTimeoutMs", "metadataTimeoutMs", "proxy", "bulkMinBytes", "lite"] as const) {
			if (opts[k] !== undefined) o[k] = opts[k];
		}
		const nt = createNodeTransport(nodeOpts);
		base = nt;
		close = () => nt.close();
	}
	const custom = headerEntries(opts.headers);
	const auth = opts.authClient ?? new AuthClient(authOptions(opts));
	const stack: Middleware[] = [
		customHeadersMiddleware(custom, (u) => u.origin === origin),
		warningMiddleware(logger),
		auth.middleware,
		redirectMiddleware({ extraSensitive: custom.map(([k]) => k) }),
	];
	if (opts.retry !== false) {
		const r = opts.retry ?? {};
		stack.push(
			retryMiddleware({
				...r,
				onRetry: (info) => {
					r.onRetry?.(info);
					if (opts.debug) logger.debug(`retry ${info.attempt} in ${info.delayMs} ms: ${info.reason}`);
				},
			}),
		);
	}
	stack.push(defaultHeadersMiddleware([["user-agent", opts.userAgent ?? defaultUserAgent()]]));
	if (opts.debug) stack.push(loggingMiddleware(logger));
	return {
		registry,
		host,
		scheme,
		origin,
		transport: compose(base, ...stack),
		auth,
		signal: opts.signal,
		close,
	};
}

function authOptions(opts: AuthClientOptions): AuthClientOptions {
	const a: { -readonly [K in keyof AuthClientOptions]: AuthClientOptions[K] } = {};
	if (opts.credential !== undefined) a.credential = opts.credential;
	if (opts.clientId !== undefined) a.clientId = opts.clientId;
	return a;
}

/** Combined pairs, so the thousands of requests of one operation share one `AbortSignal.any`. */
const combinedPairs = new WeakMap<AbortSignal, WeakMap<AbortSignal, AbortSignal>>();

/** Combines the client's signal with a per-call one. */
export function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
	// Once per request: the usual pair (the client's signal and the call's, often the same one, as the
	// CLI gives its one signal to both) is answered without building a list.
	if (signals.length === 2) {
		const [x, y] = signals;
		if (x === undefined || x === y) return y;
		if (y === undefined) return x;
		return combinedPair(x, y);
	}
	const s = [...new Set(signals.filter((x): x is AbortSignal => x !== undefined))];
	if (s.length === 0) return undefined;
	if (s.length === 1) return s[0];
	if (s.length > 2) return AbortSignal.any(s);
	return combinedPair(s[0] as AbortSignal, s[1] as AbortSignal);
}

/** The one `AbortSignal.any([a, b])` of two distinct signals. */
function combinedPair(a: AbortSignal, b: AbortSignal): AbortSignal {
	let byB = combinedPairs.get(a);
	if (byB === undefined) {
		byB = new WeakMap();
		combinedPairs.set(a, byB);
	}
	let c = byB.get(b);
	if (c === undefined) {
		c = AbortSignal.any([a, b]);
		byB.set(b, c);
	}
	return c;
}
