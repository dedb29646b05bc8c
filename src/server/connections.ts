/**
 * Connection-level bounds of the registry server: a cap on open connections per client address
 * (`maxConnectionsPerClient`; the overall cap is Node's `server.maxConnections`), and a minimum
 * transfer rate for request bodies (`minRequestBytesPerSecond`), which the idle timeout alone
 * does not give: a client that sends one byte every 59 s is never idle for 60 s.
 */
import type { IncomingMessage } from "node:http";
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

/**
 * Caps open connections: `max` in all (Node drops a connection over `server.maxConnections` at
 * once) and `perClient` per client address, counted from accept to close. A connection over the
 * per-client cap is destroyed before a byte is read from it.
 */
export function limitConnections(server: Server, max: number, perClient: number): void {
	server.maxConnections = max;
	const open = new Map<string, number>();
	server.on("connection", (socket: Socket) => {
		const key = clientKey(socket.remoteAddress);
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

export interface RequestRate {
	/** Below this many bytes per second over one window, while the server waits for the body, the connection is closed; 0 turns the check off. */
	readonly minBytesPerSecond: number;
	/** Grace before the first check and the length of each window. */
	readonly windowMs: number;
}

/**
 * Watches the body of `req` while it arrives: after the first window (the grace period), and at the
 * end of every window after it, the bytes read from the socket in that window must reach
 * `minBytesPerSecond × window`. A window the server spent not reading (received data still
 * buffered in `req`) does not count against the client. Too slow: `onSlow` (which closes the
 * connection; the handler then discards the partial chunk, as after the idle timeout).
 * The watch stops when the body is complete or the request closes.
 */
export function watchRequestRate(req: IncomingMessage, rate: RequestRate, onSlow: () => void): void {
	if (rate.minBytesPerSecond <= 0 || rate.windowMs <= 0 || req.complete) return;
	const socket = req.socket;
	const needed = (rate.minBytesPerSecond * rate.windowMs) / 1000;
	let last = socket.bytesRead;
	let timer: NodeJS.Timeout | undefined;
	const stop = (): void => {
		if (timer) clearInterval(timer);
		timer = undefined;
	};
	const grace = setTimeout(() => {
		last = socket.bytesRead;
		timer = setInterval(() => {
			const now = socket.bytesRead;
			const moved = now - last;
			last = now;
			if (req.complete) return stop();
			if (moved < needed && req.readableLength === 0) {
				stop();
				onSlow();
			}
		}, rate.windowMs);
		timer.unref();
	}, rate.windowMs);
	grace.unref();
	const done = (): void => {
		clearTimeout(grace);
		stop();
	};
	req.once("end", done);
	req.once("close", done);
}
