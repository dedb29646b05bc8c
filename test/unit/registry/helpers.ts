import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TinyServer {
	readonly host: string;
	readonly origin: string;
	readonly requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
	/** TCP connections accepted so far (keep-alive checks). */
	connections(): number;
	close(): Promise<void>;
}

/** A tiny in-process HTTP server on 127.0.0.1 for lies a real registry will not tell. */
export async function tinyServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => unknown): Promise<TinyServer> {
	const requests: TinyServer["requests"] = [];
	const srv: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (c: Buffer) => chunks.push(c));
		req.on("end", () => {
			const body = Buffer.concat(chunks).toString("utf8");
			requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
			Promise.resolve(handler(req, res, body)).catch((err: unknown) => {
				res.statusCode = 500;
				res.end(String(err));
			});
		});
	});
	let connections = 0;
	srv.on("connection", () => connections++);
	srv.keepAliveTimeout = 5000;
	await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
	const port = (srv.address() as AddressInfo).port;
	return {
		host: `127.0.0.1:${port}`,
		origin: `http://127.0.0.1:${port}`,
		requests,
		connections: () => connections,
		close: () =>
			new Promise<void>((resolve) => {
				srv.closeAllConnections();
				srv.close(() => resolve());
			}),
	};
}

export const noSleep = async (): Promise<void> => {};

/** `count` chunks of `size` bytes, all views of one buffer that is overwritten when the next chunk is asked for. */
export function scribblingBody(size: number, count: number): { body: () => AsyncIterable<Uint8Array>; digest: () => string; asked: () => number } {
	const fill = (buf: Buffer, i: number) => {
		for (let j = 0; j < buf.length; j++) buf[j] = (i * 31 + j * 7) & 0xff;
	};
	let asked = 0;
	return {
		digest: () => {
			const expected = createHash("sha256");
			const probe = Buffer.alloc(size);
			for (let i = 0; i < count; i++) {
				fill(probe, i);
				expected.update(probe);
			}
			return expected.digest("hex");
		},
		asked: () => asked,
		body: () => {
			const buf = Buffer.alloc(size);
			let i = 0;
			return {
				[Symbol.asyncIterator]: () => ({
					async next(): Promise<IteratorResult<Uint8Array>> {
						asked++;
						buf.fill(0xee); // the previous chunk is ours again: scribble over it
						if (i >= count) return { done: true, value: undefined };
						fill(buf, i++);
						return { done: false, value: buf };
					},
				}),
			};
		},
	};
}

/** A request listener that leaves each body unread for `pauseMs` (the client's writes back up), then hashes it into `received` (hex) and answers 201. */
export function slowHashingListener(pauseMs: number, received: string[]): (req: IncomingMessage, res: ServerResponse) => void {
	return (req, res) => {
		const h = createHash("sha256");
		req.pause();
		setTimeout(() => {
			req.on("data", (c: Buffer) => h.update(c));
			req.on("end", () => {
				received.push(h.digest("hex"));
				res.statusCode = 201;
				res.end();
			});
			req.resume();
		}, pauseMs);
	};
}
