import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { Header } from "tar";
import { parsePax, readTar, StreamBlockSource, type TarEntry } from "../../../src/content/internal/tar-reader.js";
import { encodeTarHeader, TAR_END } from "../../../src/content/internal/tar-writer.js";
import { hasCode } from "../../../src/errors.js";

function paxRecord(key: string, value: string): string {
	const body = ` ${key}=${value}\n`;
	let len = Buffer.byteLength(body) + 1;
	while (String(len).length + Buffer.byteLength(body) !== len) len++;
	return `${len}${body}`;
}

function block(h: ConstructorParameters<typeof Header>[0]): Buffer {
	const b = Buffer.alloc(512);
	new Header(h as never).encode(b, 0);
	return b;
}

function withBody(header: Buffer, body: Buffer): Buffer[] {
	return [header, body, Buffer.alloc((512 - (body.length % 512)) % 512)];
}

async function entries(tar: Buffer, chunk = 100): Promise<Array<{ e: TarEntry; body: string }>> {
	const chunks: Buffer[] = [];
	for (let i = 0; i < tar.length; i += chunk) chunks.push(tar.subarray(i, i + chunk));
	const out: Array<{ e: TarEntry; body: string }> = [];
	for await (const e of readTar(new StreamBlockSource(Readable.from(chunks)))) {
		const parts: Buffer[] = [];
		if (e.path.endsWith("read")) for await (const c of e.body) parts.push(c);
		out.push({ e, body: Buffer.concat(parts).toString() });
	}
	return out;
}

describe("tar reader", () => {
	it("parses PAX records, including values with newlines", () => {
		const body = Buffer.from(paxRecord("path", "a\nb") + paxRecord("linkpath", "x=y") + paxRecord("mtime", "1.5"));
		assert.deepEqual(parsePax(body), { path: "a\nb", linkpath: "x=y", mtime: "1.5" });
		assert.throws(() => parsePax(Buffer.from("99 path=x\n")), (e) => hasCode(e, "INVALID_ARGUMENT"));
	});

	it("reads PAX and GNU long names, skips unread bodies, ignores global paths", async () => {
		const longName = `dir/${"n".repeat(150)}-read`;
		const paxBody = Buffer.from(paxRecord("path", longName));
		const globalBody = Buffer.from(paxRecord("path", "global-must-not-apply"));
		const gnuName = Buffer.from(`gnu/${"g".repeat(130)}\0`);
		const tar = Buffer.concat([
			...withBody(block({ path: "PaxHeader/g", type: "GlobalExtendedHeader", size: globalBody.length, mode: 0o644 }), globalBody),
			...withBody(block({ path: "skipped-body", type: "File", size: 1000, mode: 0o644 }), Buffer.alloc(1000, 1)),
			...withBody(block({ path: "PaxHeader/x", type: "ExtendedHeader", size: paxBody.length, mode: 0o644 }), paxBody),
			...withBody(block({ path: "short", type: "File", size: 5, mode: 0o600 }), Buffer.from("hello")),
			...withBody(block({ path: "././@LongLink", type: "NextFileHasLongPath", size: gnuName.length, mode: 0o644 }), gnuName),
			block({ path: "gnu/truncated", type: "SymbolicLink", linkpath: "target", mode: 0o777 }),
			encodeTarHeader({ path: `w/${"p".repeat(120)}-read`, type: "File", size: 3, mode: 0o644, mtime: new Date(0) }),
			Buffer.from("abc"),
			Buffer.alloc(509),
			TAR_END,
			Buffer.alloc(4096), // record padding after the end is drained
		]);
		const got = await entries(tar);
		assert.deepEqual(
			got.map((x) => [x.e.path, x.e.type, x.body]),
			[
				["skipped-body", "File", ""],
				[longName, "File", "hello"],
				[`gnu/${"g".repeat(130)}`, "SymbolicLink", ""],
				[`w/${"p".repeat(120)}-read`, "File", "abc"],
			],
		);
		assert.equal(got[1]?.e.mode, 0o600);
		assert.equal(got[2]?.e.linkpath, "target");
	});

	it("refuses corrupt headers and truncated archives", async () => {
		const good = block({ path: "a", type: "File", size: 10, mode: 0o644 });
		const bad = Buffer.from(good);
		bad[0] = 0x62; // checksum no longer matches
		await assert.rejects(entries(Buffer.concat([bad, Buffer.alloc(512), TAR_END])), (e) => hasCode(e, "INVALID_ARGUMENT"));
		await assert.rejects(entries(Buffer.concat([good, Buffer.alloc(5)])), (e) => hasCode(e, "UNEXPECTED_EOF"));
	});
});
