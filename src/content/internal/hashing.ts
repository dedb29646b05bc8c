import { Transform, type TransformCallback } from "node:stream";
import { type Digest, type DigestAlgorithm, Digester } from "../../oci/digest.js";

/**
 * A pass-through that digests and counts what flows through it; with `limit`, more than
 * `limit.bytes` bytes fail the stream with `limit.error()`.
 */
export class HashingStream extends Transform {
	private readonly digester: Digester;
	private n = 0;
	private final: Digest | undefined;

	constructor(
		alg: DigestAlgorithm = "sha256",
		private readonly limit?: { readonly bytes: number; readonly error: () => Error },
	) {
		super();
		this.digester = new Digester(alg);
	}

	get size(): number {
		return this.n;
	}

	/** The digest of everything seen; valid once the stream has finished. */
	get digest(): Digest {
		this.final ??= this.digester.digest();
		return this.final;
	}

	override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
		this.n += chunk.length;
		if (this.limit && this.n > this.limit.bytes) return done(this.limit.error());
		this.digester.update(chunk);
		done(null, chunk);
	}
}
