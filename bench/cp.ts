/**
 * `node dist/bench/cp.js <src-ref> <dst-ref> [concurrency]`: registry → registry copy through
 * the library's `copy()`, plain HTTP, mounting from the source repository when both are on the
 * same registry (what `oras cp` does). The benchmark uses it while the CLI has no `cp` command.
 */
import { copy } from "../src/graph/copy.js";
import { parseReference } from "../src/oci/reference.js";
import { createRepository } from "../src/registry/repository.js";

const [srcArg, dstArg, concArg] = process.argv.slice(2);
if (srcArg === undefined || dstArg === undefined) {
	process.stderr.write("usage: cp.js <src-ref> <dst-ref> [concurrency]\n");
	process.exit(2);
}
const srcRef = parseReference(srcArg);
const dstRef = parseReference(dstArg);
const concurrency = concArg === undefined ? 3 : Number(concArg);
const src = createRepository(srcRef, { plainHttp: true });
const dst = createRepository(dstRef, { plainHttp: true, scopeActions: ["pull", "push"] });
const sameRegistry = srcRef.registry === dstRef.registry;
const root = await copy(src, srcRef.reference, dst, dstRef.reference, {
	concurrency,
	...(sameRegistry ? { mountFrom: () => [src.name] } : {}),
});
src.client.close();
dst.client.close();
process.stdout.write(`Copied ${srcArg} => ${dstArg}\nDigest: ${root.digest}\n`);
