/** Registry (a registry host): name check, ping, the paginated catalog, and repositories sharing its client. Loopback only. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode, OrasError } from "../../../src/errors.js";
import { Registry } from "../../../src/registry/index.js";
import { tinyServer } from "./helpers.js";

const NO_RETRY = { plainHttp: true, retry: false } as const;

describe("Registry", () => {
	it("refuses an invalid registry name", () => {
		assert.throws(() => new Registry("Not A Host!"), (err: unknown) => hasCode(err, "INVALID_REFERENCE") && /invalid registry "Not A Host!"/.test((err as Error).message));
	});

	it("pings GET /v2/: 200 is fine, 404 is not a registry, 401 hints at the credentials", async () => {
		let status = 200;
		const srv = await tinyServer((_req, res) => {
			res.statusCode = status;
			res.setHeader("content-type", "application/json");
			res.end(status === 200 ? "{}" : '{"errors":[{"code":"UNAUTHORIZED","message":"nope"}]}');
		});
		const reg = new Registry(srv.host, NO_RETRY);
		try {
			assert.equal(String(reg), srv.host);
			await reg.ping();
			assert.equal(srv.requests.at(-1)?.url, "/v2/");
			status = 404;
			await assert.rejects(reg.ping(), (err: unknown) => hasCode(err, "NOT_FOUND") && (err as Error).message === `${srv.host}: not a registry (GET /v2/ returned 404)`);
			status = 401;
			await assert.rejects(reg.ping(), (err: unknown) => OrasError.is(err) && err.hint === `check the credentials for ${srv.host}`);
			status = 500;
			await assert.rejects(reg.ping(), (err: unknown) => OrasError.is(err) && err.hint === undefined);
		} finally {
			reg.close();
			await srv.close();
		}
	});

	it("lists the catalog page by page through Link headers, with n and last", async () => {
		const names = ["a", "b", "c", "d", "e"];
		const srv = await tinyServer((req, res) => {
			const url = new URL(req.url ?? "/", "http://x");
			const n = Number(url.searchParams.get("n") ?? names.length);
			const last = url.searchParams.get("last");
			const from = last === null ? 0 : names.indexOf(last) + 1;
			const page = names.slice(from, from + n);
			if (from + n < names.length) res.setHeader("link", `</v2/_catalog?n=${n}&last=${page.at(-1)}>; rel="next"`);
			res.setHeader("content-type", "application/json");
			res.end(JSON.stringify({ repositories: page }));
		});
		const reg = new Registry(srv.host, { ...NO_RETRY, catalogPageSize: 2 });
		try {
			const all: string[] = [];
			for await (const r of reg.repositories()) all.push(r);
			assert.deepEqual(all, names);
			assert.deepEqual(
				srv.requests.map((r) => r.url),
				["/v2/_catalog?n=2", "/v2/_catalog?n=2&last=b", "/v2/_catalog?n=2&last=d"],
			);
			const after: string[] = [];
			for await (const r of reg.repositories({ last: "c" })) after.push(r);
			assert.deepEqual(after, ["d", "e"]);
		} finally {
			reg.close();
			await srv.close();
		}
	});

	it("hints at catalog access when listing is refused", async () => {
		const srv = await tinyServer((_req, res) => {
			res.statusCode = 403;
			res.setHeader("content-type", "application/json");
			res.end('{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}');
		});
		const reg = new Registry(srv.host, NO_RETRY);
		try {
			await assert.rejects(
				(async () => {
					for await (const _ of reg.repositories()) assert.fail("no repository expected");
				})(),
				(err: unknown) => OrasError.is(err) && err.hint === `listing repositories needs catalog access on ${srv.host}`,
			);
		} finally {
			reg.close();
			await srv.close();
		}
	});

	it("makes repositories that share its client (connections and token cache)", async () => {
		const srv = await tinyServer((_req, res) => {
			res.setHeader("content-type", "application/json");
			res.end(JSON.stringify({ name: "team/app", tags: ["v1", "v2"] }));
		});
		const reg = new Registry(srv.host, NO_RETRY);
		try {
			const repo = reg.repository("team/app");
			assert.equal(repo.client, reg.client);
			assert.equal(reg.repository("other").client, reg.client);
			const tags: string[] = [];
			for await (const t of repo.tags()) tags.push(t);
			assert.deepEqual(tags, ["v1", "v2"]);
			assert.equal(srv.requests[0]?.url.startsWith("/v2/team/app/tags/list"), true);
		} finally {
			reg.close();
			await srv.close();
		}
	});
});
