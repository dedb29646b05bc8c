/**
 * The lent-chunk contract of request bodies (see test/unit/registry/transport-body-reuse.test.ts)
 * over TLS: the node transport asks for the next chunk only after the TLS socket took the last one,
 * so a source that scribbles over its one buffer when asked for more still delivers the exact bytes
 * to a server that reads slowly.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createNodeTransport } from "../../src/registry/index.js";
import { scribblingBody, slowHashingListener } from "../unit/registry/helpers.js";
import { makeTls, type TlsMaterial } from "./fixtures/tls.js";

describe("node transport over TLS: a request-body chunk is lent until the socket has it", () => {
	let tls: TlsMaterial;
	let srv: Server;
	let origin: string;
	const received: string[] = [];
	before(async () => {
		tls = await makeTls();
		srv = createServer({ cert: readFileSync(tls.serverCert), key: readFileSync(tls.serverKey) }, slowHashingListener(150, received));
		await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
		origin = `https://localhost:${(srv.address() as AddressInfo).port}`;
	});
	after(async () => {
		srv.closeAllConnections();
		await new Promise((r) => srv.close(r));
		await tls.cleanup();
	});

	it("delivers the exact bytes of small and large lent chunks, with and without Content-Length", async (t) => {
		const node = createNodeTransport({ caFile: tls.caCert, resolve: [`localhost:${new URL(origin).port}:127.0.0.1`] });
		t.after(() => node.close());
		for (const [size, count, withLength] of [
			[4096, 1024, true],
			[3000, 500, false],
			[256 * 1024, 12, true],
		] as const) {
			received.length = 0;
			const src = scribblingBody(size, count);
			const res = await node({
				method: "PUT",
				url: new URL(`${origin}/blob`),
				headers: new Headers(),
				body: src.body,
				...(withLength ? { contentLength: size * count } : {}),
				replayable: false,
			});
			res.body.resume();
			assert.equal(res.status, 201);
			assert.deepEqual(received, [src.digest()], `${count} chunks of ${size}`);
		}
	});
});
