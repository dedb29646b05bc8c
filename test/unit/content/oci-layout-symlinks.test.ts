/**
 * A layout directory's files are read only when they are regular files inside it
 * (src/content/oci-layout/source.ts): symlinked blobs, a symlinked `blobs/<alg>` leading out,
 * a symlinked `index.json`, and FIFOs are refused with one clear error, without hanging.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, it } from "node:test";
import { OciLayoutStore, ReadOnlyOciLayout } from "../../../src/content/oci-layout/index.js";
import { hasCode } from "../../../src/errors.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";

const base = await mkdtemp(join(tmpdir(), "oras-ts-layout-symlinks-"));
after(() => rm(base, { recursive: true, force: true }));
let n = 0;

async function read(s: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of s) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

/** A layout with one blob; returns its directory, the blob's descriptor and a secret file outside it. */
async function layoutWithBlob(): Promise<{ dir: string; desc: ReturnType<typeof descriptorFromBytes>; blob: string; secret: string; secretBytes: Buffer }> {
	const caseDir = join(base, `case-${n++}`);
	await mkdir(caseDir);
	const secretBytes = Buffer.from("top secret key material 0123456789\n");
	const secret = join(caseDir, "secret");
	await writeFile(secret, secretBytes);
	const dir = join(caseDir, "layout");
	const data = Buffer.alloc(secretBytes.length, 0x61);
	const desc = descriptorFromBytes("application/octet-stream", data);
	const store = await OciLayoutStore.open(dir);
	await store.push(desc, Readable.from([data]));
	return { dir, desc, blob: join(dir, "blobs", "sha256", desc.digest.slice(7)), secret, secretBytes };
}

const refused = (re: RegExp) => (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && re.test((err as Error).message);

describe("layout directory reads stay inside the layout", () => {
	it("a blob that is a symlink (to a file outside) is refused by fetch, exists, resolve, fetchRange and openRange", async () => {
		const { dir, desc, blob, secret } = await layoutWithBlob();
		await rm(blob);
		await symlink(secret, blob);
		const ro = await ReadOnlyOciLayout.fromDirectory(dir);
		await assert.rejects(ro.fetch(desc), refused(/is a symbolic link/));
		await assert.rejects(ro.exists(desc), refused(/is a symbolic link/));
		await assert.rejects(ro.resolve(desc.digest), refused(/is a symbolic link/));
		const store = await OciLayoutStore.open(dir, { create: false });
		await assert.rejects(store.fetchRange(desc, 0, 3), refused(/is a symbolic link/));
		await assert.rejects(store.openRange(desc, 0, 3), refused(/is a symbolic link/));
	});

	it("blobs/sha256 linking outside the layout is refused; a symlink staying inside it, and a symlinked root, are not", async () => {
		const { dir, desc, blob, secretBytes } = await layoutWithBlob();
		const outside = join(dir, "..", "stolen");
		await rename(join(dir, "blobs", "sha256"), outside);
		await writeFile(join(outside, desc.digest.slice(7)), secretBytes);
		await symlink(outside, join(dir, "blobs", "sha256"));
		const ro = await ReadOnlyOciLayout.fromDirectory(dir);
		await assert.rejects(ro.fetch(desc), refused(/blobs\/sha256 is a symbolic link leading outside the OCI layout/));
		// moved inside the layout and linked there: allowed
		await rm(join(dir, "blobs", "sha256"));
		await rename(outside, join(dir, "blobs", "real-sha256"));
		await writeFile(blob.replace("/sha256/", "/real-sha256/"), Buffer.alloc(secretBytes.length, 0x61));
		await symlink("real-sha256", join(dir, "blobs", "sha256"));
		const linkedRoot = join(dir, "..", "linked-root");
		await symlink(dir, linkedRoot);
		for (const d of [dir, linkedRoot]) {
			const ok = await ReadOnlyOciLayout.fromDirectory(d);
			assert.deepEqual(await read(await ok.fetch(desc)), Buffer.alloc(secretBytes.length, 0x61));
		}
	});

	it("index.json that is a symlink to a file outside is refused; a FIFO blob is refused without blocking", async () => {
		const { dir, desc, blob, secret } = await layoutWithBlob();
		await writeFile(secret, await readFile(join(dir, "index.json")));
		await rm(join(dir, "index.json"));
		await symlink(secret, join(dir, "index.json"));
		await assert.rejects(ReadOnlyOciLayout.fromDirectory(dir), refused(/index\.json is a symbolic link/));
		await rm(join(dir, "index.json"));
		await rename(secret, join(dir, "index.json"));
		await rm(blob);
		execFileSync("mkfifo", [blob]);
		const ro = await ReadOnlyOciLayout.fromDirectory(dir);
		await assert.rejects(ro.fetch(desc), refused(/is not a regular file/));
		await assert.rejects(ro.exists(desc), refused(/is not a regular file/));
	});
});
