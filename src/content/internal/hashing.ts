import { Transform, type TransformCallback } from "node:stream";
import { type Digest, type DigestAlgorithm, Digester } from "../../oci/digest.js";

/**
 * The one hashing stream: a pass-through that digests and counts what flows through it.
 * `VerifyingStream` (content/verify.ts) is this plus a size bound and a digest check.
 */
export class HashingStream extends Transform {
	private readonly digester: Digester;
	private n: number;
	private final: Digest | undefined;

	/**
	 * `digester`/`start`: continue after a prefix already hashed into `digester` (`start` bytes,
	 * e.g. the partial file of a resumed download).
	 */
	constructor(alg: DigestAlgorithm = "sha256", opts: { readonly digester?: Digester | undefined; readonly start?: number | undefined } = {}) {
		super();
		this.digester = opts.digester ?? new Digester(alg);
		this.n = opts.start ?? 0;
	}

	/** Bytes seen so far (with `start`). */
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
		this.digester.update(chunk);
		done(null, chunk);
	}
}
