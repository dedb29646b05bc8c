import { Transform, type TransformCallback } from "node:stream";
import { type Digest, type DigestAlgorithm, Digester } from "../../oci/digest.js";

export interface HashingStreamOptions {
	/** Continue after a prefix already hashed into `digester` (`start` bytes, e.g. a resumed download's partial file). */
	readonly digester?: Digester | undefined;
	readonly start?: number | undefined;
	/** More than `limit.bytes` bytes (counting `start`) fail the stream with `limit.error()`. */
	readonly limit?: { readonly bytes: number; readonly error: () => Error } | undefined;
}

/**
 * The one hashing stream: a pass-through that digests and counts what flows through it.
 * `VerifyingStream` (content/verify.ts) is this plus a size bound and a digest check.
 */
export class HashingStream extends Transform {
	private readonly digester: Digester;
	private readonly limit: HashingStreamOptions["limit"];
	private n: number;
	private final: Digest | undefined;

	constructor(alg: DigestAlgorithm = "sha256", opts: HashingStreamOptions = {}) {
		super();
		this.digester = opts.digester ?? new Digester(alg);
		this.n = opts.start ?? 0;
		this.limit = opts.limit;
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
		if (this.limit && this.n > this.limit.bytes) return done(this.limit.error());
		this.digester.update(chunk);
		done(null, chunk);
	}
}
