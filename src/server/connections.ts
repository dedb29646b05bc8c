/**
 * Connection-level bounds of the registry server: a cap on open connections per client address
 * (`maxConnectionsPerClient`; the overall cap is Node's `server.maxConnections`), and the request
 * watch: an idle timeout (`requestIdleTimeoutMs`) and a minimum transfer rate for request bodies
 * (`minRequestBytesPerSecond`), which the idle timeout alone does not give: a client that sends
 * one byte every 59 s is never idle for 60 s.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server, Socket } from "node:net";
import { clientKey } from "./protocol.js";

/** Default of `maxConnections`: open connections, all clients together. */
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** Default of `maxConnectionsPerClient`: open connections of one client address (an IPv6 /64). */
export const DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 64;
/** Default of `minRequestBytesPerSecond`: 1 KiB/s, averaged over each window. */
export const DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1024;
/** Default of `requestRateWindowMs`: the grace period before the first check, and the length of each window. */
export const DEFAULT_REQUEST_RATE_WINDOW_MS = 30_000;

/** `clientKey` of each connection, found once: its requests (keep-alive) and the connection cap share it. */
const clientKeys = new WeakMap<Socket, string>();

/** The per-client key (`clientKey`) of a connection's remote address. */
export function clientOfSocket(socket: Socket): string {
	let key = clientKeys.get(socket);
	if (key === undefined) {
		key = clientKey(socket.remoteAddress);
		clientKeys.set(socket, key);
	}
	return key;
}

/**
 * Caps open connections: `max` in all (Node drops a connection over `server.maxConnections` at
 * once) and `perClient` per client address, counted from accept to close. A connection over the
 * per-client cap is destroyed before a byte is read from it.
 */
export function limitConnections(server: Server, max: number, perClient: number): void {
	server.maxConnections = max;
	const open = new Map<string, number>();
	server.on("connection", (socket: Socket) => {
		const key = clientOfSocket(socket);
		const n = open.get(key) ?? 0;
		if (n >= perClient) {
			socket.destroy();
			return;
		}
		open.set(key, n + 1);
		socket.once("close", () => {
			const left = (open.get(key) ?? 1) - 1;
			if (left <= 0) open.delete(key);
			else open.set(key, left);
		});
	});
}

/** Default of `pipelinedTooDeep`: requests of one connection being answered at once. */
export const DEFAULT_MAX_PIPELINED_REQUESTS = 32;

/** Requests of each connection taken and not yet answered (their response not closed). */
const inFlight = new WeakMap<Socket, number>();

/**
 * Counts `req` among its connection's requests in flight (taken, response not closed) and tells
 * whether there are more than `max`: the caller then answers it at once and closes the connection
 * after it. Node's HTTP server stops reading a connection only when the replies already queued on
 * it pass the socket's high-water mark; a handler that answers after disk work (a PATCH chunk, a
 * manifest read) has queued nothing yet when the next pipelined request arrives, so a client
 * writing pipelined requests without reading a reply was parsed as fast as it sent: every
 * request, its body and its response kept in memory (20 000 PATCH chunks of 1 KiB: 150 MiB of
 * heap). Answers made at once are queued at once, so Node's own limit then holds.
 */
export function pipelinedTooDeep(req: IncomingMessage, res: ServerResponse, max = DEFAULT_MAX_PIPELINED_REQUESTS): boolean {
	const socket = req.socket;
	const n = (inFlight.get(socket) ?? 0) + 1;
	inFlight.set(socket, n);
	res.once("close", () => {
		inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
	});
	return n > max;
}

export interface RequestWatchLimits {
	/**
	 * No byte moved either way for this long while the server waits for the client (a request body
	 * still arriving, or a response being sent): the request is cut; 0 turns it off. Sampled every
	 * quarter of it, so a cut comes between one and one and a quarter of it after the last byte.
	 */
	readonly idleMs: number;
	/** Below this many bytes per second over one window, while the server waits for the body, the request is cut; 0 turns the check off. */
	readonly minBytesPerSecond: number;
	/** Grace before the first rate check and the length of each window. */
	readonly windowMs: number;
}

/** Why `watchRequest` ended a request. */
export type RequestCut = "idle" | "slow";

/** The idle timeout is sampled this many times per period. */
const IDLE_SAMPLES = 4;

/**
 * One watch per request, on one timer, deciding in one place whether the client is still moving:
 *
 * - idle: no byte read or written on the socket for `idleMs` while the body is incomplete or the
 *   response is being sent (time the server spends working on the request does not count);
 * - slow: after the first window (the grace period), and at the end of every window after it, the
 *   bytes read in that window must reach `minBytesPerSecond × window`. A window the server spent
 *   not reading (received data still buffered in `req`) does not count against the client.
 *
 * Either calls `onCut` once (which closes the connection; the handler then discards a partial
 * chunk). The watch ends when the response is closed and the body complete, or the socket closes.
 */
export function watchRequest(req: IncomingMessage, res: ServerResponse, limits: RequestWatchLimits, onCut: (why: RequestCut) => void): void {
	const socket = req.socket;
	const idleMs = Math.max(0, limits.idleMs);
	const rateOn = limits.minBytesPerSecond > 0 && limits.windowMs > 0 && !req.complete;
	if (idleMs === 0 && !rateOn) return;
	const sampleMs = Math.max(1, Math.floor(idleMs / IDLE_SAMPLES));
	const needed = (limits.minBytesPerSecond * limits.windowMs) / 1000;
	let read = socket.bytesRead;
	let written = socket.bytesWritten;
	let lastMoved = performance.now();
	/** End of the current rate window (the first one is the grace period), and the bytes read when it began. */
	let windowEnd = rateOn ? lastMoved + limits.windowMs : Number.POSITIVE_INFINITY;
	let windowRead: number | undefined;
	let resClosed = false;
	let timer: NodeJS.Timeout | undefined;

	const arm = (now: number): void => {
		let next = windowEnd;
		// idle: a sample every quarter, and one at the deadline
		if (idleMs > 0) next = Math.min(next, now + sampleMs, lastMoved + idleMs > now ? lastMoved + idleMs : Number.POSITIVE_INFINITY);
		timer = setTimeout(tick, next - now);
		timer.unref();
	};
	function tick(): void {
		timer = undefined;
		if (socket.destroyed) return;
		const now = performance.now();
		// a timer may fire a fraction of a millisecond before the clock reads its deadline
		const due = now + 1;
		if (socket.bytesRead !== read || socket.bytesWritten !== written) {
			read = socket.bytesRead;
			written = socket.bytesWritten;
			lastMoved = now;
		}
		if (due >= windowEnd) {
			if (req.complete) windowEnd = Number.POSITIVE_INFINITY;
			else if (windowRead !== undefined && read - windowRead < needed && req.readableLength === 0) return onCut("slow");
			else {
				windowRead = read;
				windowEnd = now + limits.windowMs;
			}
		}
		const waitingOnClient = !req.complete || (res.headersSent && !res.writableFinished);
		if (idleMs > 0 && waitingOnClient && due - lastMoved >= idleMs) return onCut("idle");
		if (resClosed && req.complete) return;
		if (idleMs > 0 || windowEnd !== Number.POSITIVE_INFINITY) arm(now);
	}
	res.once("close", () => {
		resClosed = true;
		if (timer && (req.complete || socket.destroyed)) {
			clearTimeout(timer);
			timer = undefined;
		}
	});
	arm(lastMoved);
}
