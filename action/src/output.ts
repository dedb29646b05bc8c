/** Reading a command's output as it streams past: lines (bounded prefixes) and the digest it reported. */
import { Writable } from "node:stream";
import { isDigest } from "../../src/oci/digest.js";

/** Only this much of each output line is kept for matching: a `Digest:` line is far shorter. */
export const MAX_MATCHED_LINE = 512;

/** Forwards everything to `target` and hands each line (its first MAX_MATCHED_LINE characters) to `onLine`. */
export class LineTap extends Writable {
	private partial = "";

	constructor(
		private readonly target: NodeJS.WritableStream,
		private readonly onLine: (line: string) => void,
	) {
		super();
	}

	override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
		const text = chunk.toString("utf8");
		let start = 0;
		for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
			this.keep(text.slice(start, nl));
			this.onLine(this.partial);
			this.partial = "";
			start = nl + 1;
		}
		this.keep(text.slice(start));
		this.target.write(chunk, (err) => done(err ?? null));
	}

	override _final(done: (err?: Error | null) => void): void {
		if (this.partial !== "") this.onLine(this.partial);
		done();
	}

	private keep(piece: string): void {
		if (this.partial.length < MAX_MATCHED_LINE) this.partial += piece.slice(0, MAX_MATCHED_LINE - this.partial.length);
	}
}

/** The digest a command reported: its last `Digest:` line, the top-level `"digest"` of its JSON, or a bare digest (resolve). */
export class DigestFinder {
	digest: string | undefined;
	private lines = 0;
	private bare: string | undefined;

	line(raw: string): void {
		const line = raw.replace(/\r$/, "");
		if (line.trim() !== "") this.lines++;
		const m = /^Digest: (\S+)$/.exec(line) ?? /^ {2}"digest": "([^"]+)",?$/.exec(line);
		if (m?.[1] && isDigest(m[1])) this.digest = m[1];
		if (this.lines === 1 && isDigest(line.trim())) this.bare = line.trim();
	}

	result(): string | undefined {
		return this.digest ?? (this.lines === 1 ? this.bare : undefined);
	}
}
