import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createRemoteClient } from "../../../src/registry/client.js";
import { discardBody } from "../../../src/registry/transport/types.js";

describe("bearer tokens are renewed when their announced lifetime ends", () => {
	let port = 0;
	let issued = 0;
	const server = createServer((req, res) => {
		if (req.url?.startsWith("/token")) {
			issued++;
			res.writeHead(200, { "content-type": "application/json" });
			res.end(JSON.stringify({ token: `tok-${issued}`, expires_in: 1 }));
			return;
		}
		if (req.headers.authorization === `Bearer tok-${issued}` && issued > 0) {
			res.writeHead(200);
			res.end("ok");
			return;
		}
		res.writeHead(401, { "www-authenticate": `Bearer realm="http://127.0.0.1:${port}/token",service="test",scope="repository:r:pull"` });
		res.end();
	});
	before(async () => {
		await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
		const a = server.address();
		port = typeof a === "object" && a ? a.port : 0;
	});
	after(() => {
		server.closeAllConnections();
		server.close();
	});

	it("reuses a live token and fetches a new one after expires_in", async () => {
		const client = createRemoteClient(`127.0.0.1:${port}`, { plainHttp: true, retry: false });
		const get = async () => {
			const res = await client.transport({ method: "GET", url: new URL(`http://127.0.0.1:${port}/v2/r/tags/list`), headers: new Headers(), scopes: ["repository:r:pull"] });
			discardBody(res);
			return res.status;
		};
		assert.equal(await get(), 200);
		assert.equal(await get(), 200);
		assert.equal(issued, 1, "one token for requests within its lifetime");
		await sleep(600);
		assert.equal(await get(), 200);
		assert.equal(issued, 2, "a new token once the old one's lifetime (less the margin) is over");
		client.close();
	});
});
