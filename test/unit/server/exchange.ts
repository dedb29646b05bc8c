/** Calls a server resource handler with a fake exchange (no sockets): a request of headers + body, a response that records what was sent. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable, Writable } from "node:stream";
import type { ResourceHandler } from "../../../src/server/handlers/http.js";
import type { RegistryStorage } from "../../../src/server/registry-storage.js";

export interface Reply {
	status: number;
	headers: Record<string, string | number>;
	body: Buffer;
}

/** Runs a handler with a fake request (headers + body) and a response that records what was sent. */
export async function call(
	handler: ResourceHandler,
	storage: RegistryStorage,
	method: string,
	name: string,
	ref: string,
	opts: { body?: string | Buffer; headers?: Record<string, string>; query?: string } = {},
): Promise<Reply> {
	const body = opts.body === undefined ? [] : [Buffer.from(opts.body)];
	const req = Object.assign(Readable.from(body), { method, headers: { ...(opts.body !== undefined ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}), ...lower(opts.headers ?? {}) } });
	const reply: Reply = { status: 0, headers: {}, body: Buffer.alloc(0) };
	const chunks: Buffer[] = [];
	const res = new Writable({
		write(chunk: Buffer, _enc, done) {
			chunks.push(chunk);
			done();
		},
	});
	const done = new Promise<void>((resolve) => res.once("finish", () => resolve()));
	Object.assign(res, {
		statusCode: 200,
		setHeader: (k: string, v: string | number) => {
			reply.headers[k.toLowerCase()] = v;
		},
	});
	const url = new URL(`http://registry.invalid/v2/${name}/x${opts.query ?? ""}`);
	await handler(storage, {
		req: req as unknown as IncomingMessage,
		res: res as unknown as ServerResponse,
		url,
		method,
		head: method === "HEAD",
		client: "test",
		name,
		ref,
	});
	await done;
	reply.status = (res as unknown as { statusCode: number }).statusCode;
	reply.body = Buffer.concat(chunks);
	return reply;
}

function lower(h: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
