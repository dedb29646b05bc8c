/** RepositoryStores: one OciLayoutStore per repository, bounded cache, catalog, mount, other writers. */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { OciLayoutStore } from "../../../src/content/oci-layout/index.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { RegistryHttpError } from "../../../src/server/errors.js";
import { RepositoryStores } from "../../../src/server/repositories.js";

let base: string;
let n = 0;
before(async () => {
	base = await mkdtemp(join(tmpdir(), "oras-repos-"));
});
after(async () => {
	await rm(base, { recursive: true, force: true });
});
const freshRoot = async () => {
	const r = join(base, `r${n++}`);
	await mkdir(r);
	return r;
};

const BLOB = Buffer.from("blob\n");
const BLOB_DESC = descriptorFromBytes(MediaType.OctetStream, BLOB);

describe("RepositoryStores", () => {
	it("reads never create a repository; writes create a layout the CLI can open", async () => {
		const root = await freshRoot();
		const repos = new RepositoryStores(root);
		try {
			assert.equal(await repos.get("a/b"), undefined);
			await assert.rejects(repos.require("a/b"), (e) => e instanceof RegistryHttpError && e.status === 404 && e.code === "NAME_UNKNOWN");
			assert.deepEqual(await readdir(root), []);
			const store = await repos.create("a/b");
			await store.push(BLOB_DESC, Readable.from([BLOB]));
			assert.deepEqual((await readdir(join(root, "a", "b"))).sort(), ["blobs", "index.json", "ingest", "oci-layout"]);
			const cli = await OciLayoutStore.open(join(root, "a", "b"));
			assert.equal(await cli.exists(BLOB_DESC), true);
			assert.equal(await repos.get("a/b"), store, "the store is cached");
		} finally {
			await repos.close();
		}
	});

	it("keeps at most maxOpenRepositories stores open; an evicted one reopens with its state", async () => {
		const root = await freshRoot();
		const repos = new RepositoryStores(root, { maxOpenRepositories: 2 });
		try {
			const first = await repos.create("one");
			await first.push(BLOB_DESC, Readable.from([BLOB]));
			await first.tag({ ...BLOB_DESC }, "t");
			for (const name of ["two", "three", "four"]) await repos.create(name);
			assert.equal(repos.openCount, 2);
			const again = await repos.get("one");
			assert.notEqual(again, first);
			assert.equal((await again!.resolve("t")).digest, BLOB_DESC.digest);
			assert.equal(repos.openCount, 2);
		} finally {
			await repos.close();
		}
	});

	it("sees what another process wrote (re-reading a store only when index.json changed), and forgets a repository whose directory went away", async () => {
		const root = await freshRoot();
		const repos = new RepositoryStores(root);
		try {
			const store = await repos.create("app");
			await store.push(BLOB_DESC, Readable.from([BLOB]));
			let refreshes = 0;
			const refresh = store.refresh.bind(store);
			store.refresh = () => {
				refreshes++;
				return refresh();
			};
			await repos.require("app");
			const caughtUp = refreshes;
			for (let i = 0; i < 3; i++) assert.equal(await repos.require("app"), store);
			assert.equal(refreshes, caughtUp, "nothing changed: not re-read");
			const other = await OciLayoutStore.open(join(root, "app"));
			await other.tag(BLOB_DESC, "from-cli");
			const seen = await repos.require("app");
			assert.equal((await seen.resolve("from-cli")).digest, BLOB_DESC.digest);
			assert.equal(refreshes, caughtUp + 1);
			await rm(join(root, "app"), { recursive: true });
			assert.equal(await repos.get("app"), undefined);
		} finally {
			await repos.close();
		}
	});

	it("read-only: an existing layout is served without a byte written", async () => {
		const root = await freshRoot();
		const cli = await OciLayoutStore.open(join(root, "ro"));
		await cli.push(BLOB_DESC, Readable.from([BLOB]));
		await cli.tag(BLOB_DESC, "v1");
		const before = await readFile(join(root, "ro", "index.json"), "utf8");
		const listing = (await readdir(join(root, "ro"))).sort();
		const repos = new RepositoryStores(root, { readOnly: true });
		try {
			const store = await repos.require("ro");
			assert.equal((await store.resolve("v1")).digest, BLOB_DESC.digest);
			await assert.rejects(repos.create("new"), (e) => e instanceof RegistryHttpError && e.status === 405);
			assert.equal(await readFile(join(root, "ro", "index.json"), "utf8"), before);
			assert.deepEqual((await readdir(join(root, "ro"))).sort(), listing);
			await assert.rejects(stat(join(root, "new")));
			// a layout without index.json is no repository to a read-only server (and gets none)
			await mkdir(join(root, "half"));
			await writeFile(join(root, "half", "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
			assert.equal(await repos.get("half"), undefined);
			assert.deepEqual(await readdir(join(root, "half")), ["oci-layout"]);
		} finally {
			await repos.close();
		}
	});

	it("mount links a blob of another repository; false when it lacks it", async () => {
		const root = await freshRoot();
		const repos = new RepositoryStores(root);
		try {
			const src = await repos.create("src");
			await src.push(BLOB_DESC, Readable.from([BLOB]));
			assert.equal(await repos.mount("dst", "src", BLOB_DESC.digest), true);
			assert.equal(await (await repos.require("dst")).blobSize(BLOB_DESC.digest), BLOB.length);
			const missing = descriptorFromBytes(MediaType.OctetStream, Buffer.from("missing"));
			assert.equal(await repos.mount("dst2", "src", missing.digest), false);
			assert.equal(await repos.mount("dst2", "nowhere", BLOB_DESC.digest), false);
			assert.equal(await repos.exists("dst2"), false, "a failed mount creates no repository");
		} finally {
			await repos.close();
		}
	});

	it("the catalog lists layouts at any depth, sorted, skipping invalid and reserved names", async () => {
		const root = await freshRoot();
		const repos = new RepositoryStores(root);
		try {
			for (const name of ["b", "a/x", "a/x/y", "z-z"]) await repos.create(name);
			await mkdir(join(root, "UPPER"));
			await writeFile(join(root, "UPPER", "oci-layout"), '{"imageLayoutVersion":"1.0.0"}');
			await mkdir(join(root, "_uploads"));
			await mkdir(join(root, "empty"));
			assert.deepEqual(await repos.list(), ["a/x", "a/x/y", "b", "z-z"]);
		} finally {
			await repos.close();
		}
	});
});
