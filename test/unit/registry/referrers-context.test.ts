import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import { OrasError } from "../../../src/errors.js";
import { type Descriptor, descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { type Digest, referrersTagOf } from "../../../src/oci/digest.js";
import { encodeManifest } from "../../../src/oci/json.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { createRepository } from "../../../src/registry/index.js";
import {
	decodeReferrersIndex,
	listReferrers,
	pingReferrers,
	REFERRERS_PING_DIGEST,
	type ReferrersContext,
	type ReferrersState,
	updateReferrersIndex,
} from "../../../src/registry/referrers.js";
import { HeaderMap } from "../../../src/registry/transport/headers.js";
import type { HttpRequest, HttpResponse } from "../../../src/registry/transport/types.js";
import { tinyServer } from "./helpers.js";

const SUBJECT = descriptorFromBytes(MediaType.ImageManifest, Buffer.from('{"subject":true}'));

function referrer(n: number): Descriptor {
	return { ...descriptorFromBytes(MediaType.ImageManifest, Buffer.from(`referrer ${n}`)), artifactType: "application/x.sig" };
}

function reply(status: number, body = "", headers: Record<string, string> = {}): HttpResponse {
	return { status, statusText: "", headers: new HeaderMap(headers), body: Readable.from([Buffer.from(body)]) } as unknown as HttpResponse;
}

/** A fake repository: the context over a map of tagged manifests and a scripted referrers endpoint. */
function fakeContext(api: (req: HttpRequest) => HttpResponse, initial: ReferrersState = "unknown") {
	const tags = new Map<string, { desc: Descriptor; bytes: Uint8Array }>();
	const calls = { api: 0, pushes: [] as string[], deletes: [] as string[], pingsStarted: 0 };
	let state: ReferrersState = initial;
	let pinging: Promise<boolean> | undefined;
	const queues = new Map<string, Promise<void>>();
	const ctx: ReferrersContext = {
		repository: "reg.test/app",
		transport: async (req) => {
			calls.api++;
			await new Promise((r) => setTimeout(r, 5));
			return api(req);
		},
		referrersRequest: (digest: Digest, artifactType?: string) => {
			const url = new URL(`http://reg.test/v2/app/referrers/${digest}`);
			if (artifactType) url.searchParams.set("artifactType", artifactType);
			return { method: "GET", url, headers: new HeaderMap({ accept: MediaType.ImageIndex }), scopes: [] };
		},
		maxMetadataBytes: 1 << 20,
		listLimits: undefined,
		skipGC: false,
		state: () => state,
		setState: (s) => {
			if (state === "unknown") state = s;
		},
		pingOnce: async (ping) => {
			if (pinging) return pinging;
			calls.pingsStarted++;
			pinging = ping();
			try {
				return await pinging;
			} finally {
				pinging = undefined;
			}
		},
		serialize: async (tag, update) => {
			const next = (queues.get(tag) ?? Promise.resolve()).catch(() => undefined).then(update);
			queues.set(tag, next);
			await next;
		},
		fetchReference: async (reference) => {
			const found = tags.get(reference);
			if (!found) throw new OrasError("NOT_FOUND", `${reference}: not found`);
			// Let concurrent updates interleave here if they were not serialized.
			await new Promise((r) => setTimeout(r, 5));
			return { desc: found.desc, body: Readable.from([Buffer.from(found.bytes)]) };
		},
		pushIndex: async (desc, bytes, tag) => {
			calls.pushes.push(tag);
			tags.set(tag, { desc, bytes });
		},
		deleteManifest: async (desc) => {
			calls.deletes.push(desc.digest);
		},
	};
	return { ctx, tags, calls, state: () => state };
}

describe("referrers context", () => {
	it("settles an unknown capability from the API answer and falls back to the tag schema", async () => {
		const f = fakeContext(() => reply(404, '{"errors":[{"code":"UNSUPPORTED"}]}', { "content-type": "application/json" }));
		await updateReferrersIndex(f.ctx, SUBJECT, { referrer: referrer(1), operation: "add" });
		const found = await listReferrers(f.ctx, SUBJECT);
		assert.equal(f.state(), "unsupported");
		assert.deepEqual(
			found.map((d) => d.digest),
			[referrer(1).digest],
		);
		// Known now: the API is not asked again.
		const before = f.calls.api;
		await listReferrers(f.ctx, SUBJECT);
		assert.equal(f.calls.api, before);
	});

	it("pings once for concurrent callers and keeps the answer", async () => {
		const f = fakeContext((req) => {
			assert.ok(req.url.pathname.endsWith(`/referrers/${REFERRERS_PING_DIGEST}`));
			return reply(200, '{"schemaVersion":2,"manifests":[]}', { "content-type": MediaType.ImageIndex });
		});
		const answers = await Promise.all([pingReferrers(f.ctx), pingReferrers(f.ctx), pingReferrers(f.ctx)]);
		assert.deepEqual(answers, [true, true, true]);
		assert.equal(f.calls.api, 1);
		assert.equal(f.calls.pingsStarted, 1);
		assert.equal(f.state(), "supported");
		assert.equal(await pingReferrers(f.ctx), true);
		assert.equal(f.calls.api, 1);
	});

	it("merges concurrent index updates of one subject through serialize, and deletes superseded indexes", async () => {
		const f = fakeContext(() => reply(500), "unsupported");
		await Promise.all([1, 2, 3, 4].map((n) => updateReferrersIndex(f.ctx, SUBJECT, { referrer: referrer(n), operation: "add" })));
		const tag = referrersTagOf(SUBJECT.digest as Digest);
		const index = f.tags.get(tag);
		assert.ok(index);
		const { entries } = decodeReferrersIndex(index.bytes);
		assert.deepEqual(new Set(entries.map((e) => e?.digest)), new Set([1, 2, 3, 4].map((n) => referrer(n).digest)));
		assert.equal(f.calls.pushes.length, 4);
		assert.equal(f.calls.deletes.length, 3, "each superseded index is deleted");
		// Removing them all deletes the last index without pushing an empty one.
		for (const n of [1, 2, 3, 4]) await updateReferrersIndex(f.ctx, SUBJECT, { referrer: referrer(n), operation: "remove" });
		assert.equal(f.calls.pushes.length, 7);
		assert.equal(f.calls.deletes.length, 7);
	});
});

describe("Repository referrers state", () => {
	const servers: { close(): Promise<void> }[] = [];
	after(async () => {
		for (const s of servers) await s.close();
	});

	it("is kept per repository: one ping for concurrent callers, and a sibling asks again", async () => {
		let pings = 0;
		const srv = await tinyServer((req, res) => {
			if (req.url?.includes("/referrers/")) {
				pings++;
				setTimeout(() => {
					res.writeHead(200, { "content-type": MediaType.ImageIndex });
					res.end('{"schemaVersion":2,"manifests":[]}');
				}, 10);
				return;
			}
			res.writeHead(404).end();
		});
		servers.push(srv);
		const repo = createRepository(`${srv.host}/app`, { plainHttp: true, retry: false });
		assert.equal(repo.referrersState, "unknown");
		assert.deepEqual(await Promise.all([repo.pingReferrers(), repo.pingReferrers()]), [true, true]);
		assert.equal(pings, 1);
		assert.equal(repo.referrersState, "supported");
		await repo.pingReferrers();
		assert.equal(pings, 1);
		const other = repo.sibling("other");
		assert.equal(other.referrersState, "unknown");
		assert.equal(await other.pingReferrers(), true);
		assert.equal(pings, 2);
		repo.client.close();
	});

	it("routes by media type to its blob and manifest halves", async () => {
		const srv = await tinyServer((req, res) => {
			res.writeHead(req.url?.includes("/manifests/") ? 200 : 404).end();
		});
		servers.push(srv);
		const repo = createRepository(`${srv.host}/app`, { plainHttp: true, retry: false });
		const manifestBytes = Buffer.from(encodeManifest({ schemaVersion: 2, mediaType: MediaType.ImageManifest, config: SUBJECT, layers: [] }));
		const manifest = descriptorFromBytes(MediaType.ImageManifest, manifestBytes);
		const blob = descriptorFromBytes(MediaType.ImageLayer, Buffer.from("layer"));
		assert.equal(await repo.exists(manifest), true);
		assert.equal(await repo.exists(blob), false);
		assert.equal(await repo.manifests().exists(manifest), true);
		assert.equal(await repo.blobs().exists(manifest), false, "the blob half asks the blob endpoint whatever the type");
		const paths = srv.requests.map((r) => `${r.method} ${r.url}`);
		assert.deepEqual(paths, [
			`HEAD /v2/app/manifests/${manifest.digest}`,
			`HEAD /v2/app/blobs/${blob.digest}`,
			`HEAD /v2/app/manifests/${manifest.digest}`,
			`HEAD /v2/app/blobs/${manifest.digest}`,
		]);
		repo.client.close();
	});
});
