/**
 * The server's upload handlers (POST …/blobs/uploads/, GET/HEAD/PATCH/PUT/DELETE …/uploads/<uuid>)
 * and the base and catalog endpoints, against a real RegistryStorage with a fake exchange.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { RegistryHttpError } from "../../../src/server/errors.js";
import { base, catalog } from "../../../src/server/handlers/base.js";
import { startUpload, upload } from "../../../src/server/handlers/uploads.js";
import { RegistryStorage } from "../../../src/server/registry-storage.js";
import { call } from "./exchange.js";

const sha256 = (b: Uint8Array | string) => `sha256:${createHash("sha256").update(b).digest("hex")}`;
const httpCode = (status: number, code: string) => (e: unknown) => e instanceof RegistryHttpError && e.status === status && e.code === code;

const BLOB = Buffer.from("upload me, please");
const DIGEST = sha256(BLOB);

let root: string;
let n = 0;
before(async () => {
	root = await mkdtemp(join(tmpdir(), "oras-upload-handlers-"));
});
after(async () => {
	await rm(root, { recursive: true, force: true });
});

async function withStorage(fn: (s: RegistryStorage) => Promise<void>): Promise<void> {
	const storage = new RegistryStorage({ root: join(root, `r${n++}`) });
	await storage.init();
	try {
		await fn(storage);
	} finally {
		await storage.close();
	}
}

/** Whether repository `name` holds BLOB. */
async function hasBlob(storage: RegistryStorage, name: string): Promise<boolean> {
	const store = await storage.repos.get(name);
	return store !== undefined && (await store.exists(descriptorFromBytes(MediaType.OctetStream, BLOB)));
}

describe("upload handlers", () => {
	it("POST opens a session; PATCH appends; GET reports; PUT commits the blob into the repository", () =>
		withStorage(async (storage) => {
			const start = await call(startUpload, storage, "POST", "app", "");
			assert.equal(start.status, 202);
			const uuid = String(start.headers["docker-upload-uuid"]);
			assert.equal(start.headers.location, `/v2/app/blobs/uploads/${uuid}`);
			assert.equal(start.headers.range, "0-0");
			assert.equal(storage.uploadCount, 1);

			const first = await call(upload, storage, "PATCH", "app", uuid, { body: BLOB.subarray(0, 6), headers: { "Content-Range": "0-5" } });
			assert.equal(first.status, 202);
			assert.equal(first.headers.range, "0-5");
			const rest = await call(upload, storage, "PATCH", "app", uuid, { body: BLOB.subarray(6) });
			assert.equal(rest.headers.range, `0-${BLOB.length - 1}`);
			const status = await call(upload, storage, "GET", "app", uuid);
			assert.equal(status.status, 204);
			assert.equal(status.headers.range, `0-${BLOB.length - 1}`);
			assert.equal(status.headers["docker-upload-uuid"], uuid);

			const put = await call(upload, storage, "PUT", "app", uuid, { query: `?digest=${DIGEST}` });
			assert.equal(put.status, 201);
			assert.equal(put.headers.location, `/v2/app/blobs/${DIGEST}`);
			assert.equal(put.headers["docker-content-digest"], DIGEST);
			assert.ok(await hasBlob(storage, "app"));
			assert.equal(storage.uploadCount, 0);
			await assert.rejects(call(upload, storage, "GET", "app", uuid), httpCode(404, "BLOB_UPLOAD_UNKNOWN"));
		}));

	it("POST ?digest= stores a monolithic upload at once; a wrong digest leaves no session and no blob", () =>
		withStorage(async (storage) => {
			const ok = await call(startUpload, storage, "POST", "mono", "", { query: `?digest=${DIGEST}`, body: BLOB });
			assert.equal(ok.status, 201);
			assert.equal(ok.headers["docker-content-digest"], DIGEST);
			assert.ok(await hasBlob(storage, "mono"));
			await assert.rejects(call(startUpload, storage, "POST", "bad", "", { query: `?digest=${sha256("other")}`, body: BLOB }), httpCode(400, "DIGEST_INVALID"));
			assert.equal(storage.uploadCount, 0);
			assert.equal(await storage.repos.exists("bad"), false);
			await assert.rejects(call(startUpload, storage, "POST", "bad", "", { query: "?digest=sha256:nothex", body: BLOB }), httpCode(400, "DIGEST_INVALID"));
		}));

	it("POST ?mount=&from= links a blob another repository has, and otherwise opens a session", () =>
		withStorage(async (storage) => {
			await call(startUpload, storage, "POST", "src", "", { query: `?digest=${DIGEST}`, body: BLOB });
			const mounted = await call(startUpload, storage, "POST", "dst", "", { query: `?mount=${DIGEST}&from=src` });
			assert.equal(mounted.status, 201);
			assert.equal(mounted.headers.location, `/v2/dst/blobs/${DIGEST}`);
			assert.ok(await hasBlob(storage, "dst"));
			const fallback = await call(startUpload, storage, "POST", "dst2", "", { query: `?mount=${DIGEST}&from=nowhere` });
			assert.equal(fallback.status, 202, "an unmountable blob gets an ordinary session");
			const badFrom = await call(startUpload, storage, "POST", "dst3", "", { query: `?mount=${DIGEST}&from=..%2Fsrc` });
			assert.equal(badFrom.status, 202, "an invalid repository name is never mounted from");
			await assert.rejects(call(startUpload, storage, "POST", "dst", "", { query: "?mount=nope" }), httpCode(400, "DIGEST_INVALID"));
		}));

	it("refuses chunks out of order or with a bad Content-Range with 416 and the real Range", () =>
		withStorage(async (storage) => {
			const uuid = String((await call(startUpload, storage, "POST", "app", "")).headers["docker-upload-uuid"]);
			await call(upload, storage, "PATCH", "app", uuid, { body: BLOB.subarray(0, 4) });
			const check = async (headers: Record<string, string>, body: Buffer) => {
				await assert.rejects(call(upload, storage, "PATCH", "app", uuid, { body, headers }), (err: unknown) => {
					assert.ok(httpCode(416, "BLOB_UPLOAD_INVALID")(err), String(err));
					assert.equal((err as RegistryHttpError).headers?.Range, "0-3");
					return true;
				});
			};
			await check({ "Content-Range": "10-12" }, BLOB.subarray(4, 7));
			await check({ "Content-Range": "banana" }, BLOB.subarray(4, 7));
			await check({ "Content-Range": "4-9" }, BLOB.subarray(4, 7));
			assert.equal((await call(upload, storage, "HEAD", "app", uuid)).headers.range, "0-3", "nothing was appended");
		}));

	it("DELETE cancels a session; other methods are not allowed", () =>
		withStorage(async (storage) => {
			const uuid = String((await call(startUpload, storage, "POST", "app", "")).headers["docker-upload-uuid"]);
			assert.equal((await call(upload, storage, "DELETE", "app", uuid)).status, 204);
			assert.equal(storage.uploadCount, 0);
			await assert.rejects(call(upload, storage, "GET", "app", uuid), httpCode(404, "BLOB_UPLOAD_UNKNOWN"));
			await assert.rejects(call(upload, storage, "POST", "app", uuid), httpCode(405, "UNSUPPORTED"));
			await assert.rejects(call(startUpload, storage, "GET", "app", ""), httpCode(405, "UNSUPPORTED"));
		}));
});

describe("base and catalog", () => {
	it("answers /v2/ with {} to GET and HEAD only", () =>
		withStorage(async (storage) => {
			const get = await call(base, storage, "GET", "", "");
			assert.equal(get.status, 200);
			assert.equal(get.body.toString(), "{}");
			assert.equal(get.headers["content-type"], "application/json");
			const head = await call(base, storage, "HEAD", "", "");
			assert.equal(head.status, 200);
			assert.equal(head.body.length, 0);
			await assert.rejects(call(base, storage, "POST", "", ""), httpCode(405, "UNSUPPORTED"));
		}));

	it("lists repositories sorted, page by page with a Link to the next page", () =>
		withStorage(async (storage) => {
			for (const name of ["b", "a/x", "c"]) {
				const s = await storage.repos.create(name);
				await s.push(descriptorFromBytes(MediaType.OctetStream, BLOB), Readable.from([BLOB]));
			}
			const all = await call(catalog, storage, "GET", "", "");
			assert.deepEqual(JSON.parse(all.body.toString()), { repositories: ["a/x", "b", "c"] });
			assert.equal(all.headers.link, undefined);
			const page = await call(catalog, storage, "GET", "", "", { query: "?n=2" });
			assert.deepEqual(JSON.parse(page.body.toString()).repositories, ["a/x", "b"]);
			assert.match(String(page.headers.link), /^<\/v2\/_catalog\?n=2&last=b>; rel="next"$/);
			const next = await call(catalog, storage, "GET", "", "", { query: "?n=2&last=b" });
			assert.deepEqual(JSON.parse(next.body.toString()).repositories, ["c"]);
			await assert.rejects(call(catalog, storage, "GET", "", "", { query: "?n=-1" }), httpCode(400, "UNSUPPORTED"));
			await assert.rejects(call(catalog, storage, "DELETE", "", ""), httpCode(405, "UNSUPPORTED"));
		}));
});
