import type { OpOptions, Target } from "../content/storage.js";
import type { Descriptor } from "../oci/descriptor.js";
import { tagRoot } from "./copy.js";
import { Limiter } from "./limiter.js";

/**
 * Tags one manifest under several references, `concurrency` at a time (oras's TagN /
 * TagBytesN): registries get one PUT of the bytes per tag, other targets a tag each.
 */
export async function tagN(
	dst: Target,
	desc: Descriptor,
	bytes: Buffer | undefined,
	tags: readonly string[],
	opts: OpOptions & { concurrency?: number; onTagged?: (tag: string) => void } = {},
): Promise<void> {
	const limiter = new Limiter(opts.concurrency ?? 5);
	const o: OpOptions = { signal: opts.signal };
	await Promise.all(
		tags.map((t) =>
			limiter.run(async () => {
				await tagRoot(dst, desc, bytes, t, o);
				opts.onTagged?.(t);
			}, opts.signal),
		),
	);
}
