/** tarTree / fileBody: directory archives in lexical order, links kept as links, FIFOs, refusals. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Parser, type ReadEntry } from "tar";
import { fileBody, tarTree } from "../../../src/content/internal/tar-writer.js";
import { hasCode } from "../../../src/errors.js";

interface Listed {
	path: string;
	type: string;
	mtime: number | undefined;
	linkpath?: string;
	body?: string;
}

async function archive(gen: AsyncIterable<Buffer>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of gen) chunks.push(c);
	return Buffer.concat(chunks);
}

/** The entries of a tar in memory, as node-tar reads them. */
function list(tarBytes: Buffer): Promise<Listed[]> {
	return new Promise((resolve, reject) => {
		const out: Listed[] = [];
		const p = new Parser({
			onReadEntry: (e: ReadEntry) => {
				const item: Listed = { path: e.path, type: e.type, mtime: e.mtime?.getTime(), ...(e.linkpath ? { linkpath: e.linkpath } : {}) };
				const chunks: Buffer[] = [];
				e.on("data", (c: Buffer) => chunks.push(c));
				e.on("end", () => {
					if (e.type === "File") item.body = Buffer.concat(chunks).toString();
					out.push(item);
				});
			},
		});
		p.on("error", reject);
		p.on("end", () => resolve(out));
		p.end(tarBytes);
	});
}

let dir: string;
before(async () => {
	dir = await mkdtemp(join(tmpdir(), "oras-tar-tree-"));
	await mkdir(join(dir, "tree", "sub"), { recursive: true });
	await writeFile(join(dir, "tree", "b.txt"), "bee\n");
	await writeFile(join(dir, "tree", "a.txt"), "a".repeat(700));
	await writeFile(join(dir, "tree", "sub", "c.txt"), "sea\n");
	await writeFile(join(dir, "tree", "skip.me"), "left out");
	await symlink("b.txt", join(dir, "tree", "link"));
	execFileSync("mkfifo", [join(dir, "tree", "pipe")]);
});
after(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe("tarTree", () => {
	it("archives in lexical order under a prefix, keeps symlinks and FIFOs, honours include and a fixed mtime", async () => {
		const mtime = new Date("2024-01-01T00:00:00Z");
		const bytes = await archive(tarTree(join(dir, "tree"), { prefix: "root", dirSlash: true, mtime, include: (rel) => rel !== "skip.me" }));
		assert.equal(bytes.length % 512, 0);
		assert.ok(bytes.subarray(bytes.length - 1024).every((b) => b === 0), "ends with two zero blocks");
		const entries = await list(bytes);
		assert.deepEqual(
			entries.map((e) => [e.path, e.type]),
			[
				["root/", "Directory"],
				["root/a.txt", "File"],
				["root/b.txt", "File"],
				["root/link", "SymbolicLink"],
				["root/pipe", "FIFO"],
				["root/sub/", "Directory"],
				["root/sub/c.txt", "File"],
			],
		);
		assert.equal(entries.find((e) => e.path === "root/link")?.linkpath, "b.txt");
		assert.equal(entries.find((e) => e.path === "root/a.txt")?.body, "a".repeat(700));
		assert.ok(entries.every((e) => e.mtime === mtime.getTime()));
	});

	it("leaves out the root entry without a prefix", async () => {
		const entries = await list(await archive(tarTree(join(dir, "tree", "sub"), { prefix: "" })));
		assert.deepEqual(
			entries.map((e) => e.path),
			["c.txt"],
		);
	});

	it("refuses a root that is no directory, a socket inside, and an aborted walk", async () => {
		await assert.rejects(archive(tarTree(join(dir, "tree", "b.txt"), { prefix: "x" })), (err: unknown) => hasCode(err, "INVALID_ARGUMENT"));
		const sockDir = join(dir, "withsock");
		await mkdir(sockDir);
		const srv = createServer();
		await new Promise<void>((resolve) => srv.listen(join(sockDir, "s.sock"), resolve));
		try {
			await assert.rejects(archive(tarTree(sockDir, { prefix: "x" })), (err: unknown) => hasCode(err, "UNSUPPORTED") && /sockets not supported/.test((err as Error).message));
		} finally {
			await new Promise<void>((resolve) => srv.close(() => resolve()));
		}
		const ac = new AbortController();
		ac.abort();
		await assert.rejects(archive(tarTree(join(dir, "tree"), { prefix: "x", signal: ac.signal })), (err: unknown) => hasCode(err, "ABORTED"));
	});
});

describe("fileBody", () => {
	it("streams exactly the given size, and fails when the file is shorter", async () => {
		const path = join(dir, "tree", "b.txt");
		assert.equal((await archive(fileBody(path, 4))).toString(), "bee\n");
		assert.equal((await archive(fileBody(path, 2))).toString(), "be");
		await assert.rejects(archive(fileBody(path, 10)), (err: unknown) => hasCode(err, "UNEXPECTED_EOF") && /file shrank while it was being archived/.test((err as Error).message));
	});
});
