import assert from "node:assert/strict";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import type { Descriptor } from "../../src/oci/descriptor.js";
import { descriptorFromBytes } from "../../src/oci/descriptor.js";
import { digestOf } from "../../src/oci/digest.js";
import { packManifest } from "../../src/graph/pack.js";
import { createRepository } from "../../src/registry/index.js";
import { oras, tempDir } from "./fixtures/cli.js";
import { rawTarGz, startLyingRegistry } from "./fixtures/hostile.js";
import { freePort, type RunningRegistry, startRegistry } from "./fixtures/registry.js";

const exists = (p: string) =>
	access(p).then(
		() => true,
		() => false,
	);

/** One line, `Error: ...`, exit code 1, no stack trace. */
function assertCleanError(r: { code: number; stderr: string }, pattern: RegExp): void {
	assert.equal(r.code, 1, `exit code; stderr: ${r.stderr}`);
	const first = r.stderr.split("\n")[0] ?? "";
	assert.match(first, /^Error( response from registry)?: /);
	assert.match(r.stderr, pattern);
	assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
}

describe("bad input: one-line errors, non-zero exit, nothing written outside the output folder", () => {
	let reg: RunningRegistry;
	let work: { path: string; cleanup: () => Promise<void> };
	const cli = (...argv: string[]) => oras(argv, { cwd: join(work.path, "cwd") });

	/** Pushes a manifest over hand-made layers straight through the library. */
	async function pushRaw(repoTag: string, layers: Array<{ bytes: Buffer; desc: Descriptor }>): Promise<void> {
		const [repoPath, tag] = repoTag.split(":") as [string, string];
		const repo = createRepository(`${reg.host}/${repoPath}`, { plainHttp: true });
		try {
			const packed = packManifest({ version: "v1.1", artifactType: "application/x.hostile", layers: layers.map((l) => l.desc) });
			for (const b of packed.blobsToPush) await repo.push(b.desc, Readable.from([Buffer.from(b.bytes)]));
			for (const l of layers) await repo.push(l.desc, Readable.from([l.bytes]));
			await repo.pushReference(packed.desc, Readable.from([Buffer.from(packed.manifestBytes)]), tag);
		} finally {
			repo.client.close();
		}
	}

	before(async () => {
		reg = await startRegistry();
		work = await tempDir();
		await mkdir(join(work.path, "cwd"));
		await writeFile(join(work.path, "cwd", "hi.txt"), "hello world\n");
	});
	after(async () => {
		await reg?.stop();
		await work?.cleanup();
	});

	it("missing file", async () => {
		assertCleanError(await cli("push", "--plain-http", `${reg.host}/bad/a:v1`, "nope.txt"), /nope\.txt: no such file or directory/);
	});

	it("bad references", async () => {
		assertCleanError(await cli("push", "hello:v1", "hi.txt"), /"hello:v1": invalid reference: missing registry or repository/);
		assertCleanError(await cli("pull", `${reg.host}/Bad:v1`), /invalid repository/);
		assertCleanError(await cli("pull", `${reg.host}/bad:v1@sha256:1234`), /invalid/);
		assertCleanError(await cli("pull", "--plain-http", `${reg.host}/bad/a`), /no tag or digest/);
		assertCleanError(await cli("push", "--plain-http", `${reg.host}/bad/a:bad tag`, "hi.txt"), /invalid tag/);
	});

	it("unknown tag", async () => {
		assertCleanError(await cli("pull", "--plain-http", `${reg.host}/bad/a:nosuch`, "-o", "o1"), /nosuch: not found/);
		assert.equal(await exists(join(work.path, "cwd", "o1")), false);
	});

	it("unreachable registry", async () => {
		const port = await freePort();
		assertCleanError(await cli("pull", "--plain-http", `127.0.0.1:${port}/x:v1`), /^Error: Get "http:\/\/127\.0\.0\.1:\d+\/v2\/x\/manifests\/v1": dial tcp 127\.0\.0\.1:\d+: connect: connection refused\n/);
	});

	it("usage errors", async () => {
		assertCleanError(await cli("pull"), /requires exactly 1 argument but got 0/);
		assertCleanError(await cli("push", "--bogus", `${reg.host}/x:v1`), /^Error: unknown flag: --bogus\n$/);
		// oras takes 0 (oras-go's default); only a non-integer is refused, in pflag's words.
		assertCleanError(await cli("push", "--plain-http", "--concurrency", "x", `${reg.host}/x:v1`), /^Error: invalid argument "x" for "--concurrency" flag: strconv.ParseInt: parsing "x": invalid syntax\n$/);
		assertCleanError(await cli("push", `${reg.host}/x:v1`, "/etc/hostname"), /absolute file path detected/);
		assertCleanError(await cli("push", "-a", "novalue", `${reg.host}/x:v1`), /annotation value doesn't match the required format/);
	});

	for (const title of ["../escaped.txt", "/tmp/oras-ts-absolute-escape.txt"]) {
		it(`refuses a layer titled ${title}`, async () => {
			const bytes = Buffer.from("evil");
			await pushRaw(`bad/title:t${title.length}`, [{ bytes, desc: descriptorFromBytes("text/plain", bytes, { annotations: { "org.opencontainers.image.title": title } }) }]);
			const r = await cli("pull", "--plain-http", `${reg.host}/bad/title:t${title.length}`, "-o", "out-title");
			assertCleanError(r, /path traversal disallowed/);
			assert.match(r.stderr, /--allow-path-traversal/);
			const target = title.startsWith("/") ? title : join(work.path, "cwd", title);
			assert.equal(await exists(target), false, `${target} must not be written`);
			assert.equal(await exists(join(dirname(target), "escaped.txt")), false);
		});
	}

	const hostileArchives: Record<string, Parameters<typeof rawTarGz>[0]> = {
		"a .. entry": [
			{ name: "d", type: "5" },
			{ name: "d/../../dotdot.txt", type: "0", data: Buffer.from("x") },
		],
		"an absolute entry": [
			{ name: "d", type: "5" },
			{ name: "/tmp/oras-ts-abs-entry.txt", type: "0", data: Buffer.from("x") },
		],
		"an escaping symlink": [
			{ name: "d", type: "5" },
			{ name: "d/link", type: "2", linkname: "../../.." },
			{ name: "d/link/through-link.txt", type: "0", data: Buffer.from("x") },
		],
		"an escaping hard link": [
			{ name: "d", type: "5" },
			{ name: "d/hard", type: "1", linkname: "../../../etc/hostname" },
		],
	};
	let i = 0;
	for (const [what, entries] of Object.entries(hostileArchives)) {
		const tag = `h${++i}`;
		it(`refuses a directory layer with ${what}`, async () => {
			const { gz, tar } = rawTarGz(entries);
			const desc = descriptorFromBytes("application/vnd.oci.image.layer.v1.tar+gzip", gz, {
				annotations: { "org.opencontainers.image.title": "d", "io.deis.oras.content.digest": digestOf(tar), "io.deis.oras.content.unpack": "true" },
			});
			await pushRaw(`bad/tar:${tag}`, [{ bytes: gz, desc }]);
			const out = join("nest", tag, "out");
			await mkdir(join(work.path, "cwd", out), { recursive: true });
			const r = await cli("pull", "--plain-http", `${reg.host}/bad/tar:${tag}`, "-o", out);
			assertCleanError(r, /path traversal|outside|escap|not allowed|link/i);
			for (const p of ["dotdot.txt", "through-link.txt", "hard", join("nest", "dotdot.txt"), join("nest", tag, "dotdot.txt")]) {
				assert.equal(await exists(join(work.path, "cwd", p)), false, `${p} must not exist`);
			}
			assert.equal(await exists("/tmp/oras-ts-abs-entry.txt"), false);
			assert.deepEqual(await readdir(join(work.path, "cwd", out)), [], "nothing left in the output folder");
		});
	}

	it("refuses a blob whose bytes do not match its digest, leaving the old file intact", async () => {
		const good = Buffer.from("the real content\n");
		const evil = Buffer.from("THE EVIL CONTENT\n");
		assert.equal(good.length, evil.length);
		const layer = descriptorFromBytes("text/plain", good, { annotations: { "org.opencontainers.image.title": "f.txt" } });
		const packed = packManifest({ version: "v1.1", artifactType: "application/x.lie", layers: [layer] });
		const manifest = Buffer.from(packed.manifestBytes);
		const liar = await startLyingRegistry({
			"/v2/lie/manifests/v1": { type: packed.desc.mediaType, body: manifest, digest: packed.desc.digest },
			[`/v2/lie/manifests/${packed.desc.digest}`]: { type: packed.desc.mediaType, body: manifest, digest: packed.desc.digest },
			[`/v2/lie/blobs/${layer.digest}`]: { body: evil },
			"/v2/lie/blobs/sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a": { body: Buffer.from("{}") },
		});
		try {
			await mkdir(join(work.path, "cwd", "out-lie"), { recursive: true });
			await writeFile(join(work.path, "cwd", "out-lie", "f.txt"), "previous\n");
			const r = await oras(["pull", "--plain-http", `${liar.host}/lie:v1`, "-o", "out-lie"], { cwd: join(work.path, "cwd") });
			assertCleanError(r, /digest/i);
			assert.equal(await readFile(join(work.path, "cwd", "out-lie", "f.txt"), "utf8"), "previous\n");
			assert.deepEqual(await readdir(join(work.path, "cwd", "out-lie")), ["f.txt"], "no temp files left");
			assert.ok(liar.requests.some((q) => q.includes(layer.digest)), "the lying blob was requested");
		} finally {
			await liar.close();
		}
	});
});
