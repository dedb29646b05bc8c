/**
 * A young-generation ("minor") garbage collection on demand, for `serve`'s upload path.
 *
 * node:http's parser copies every request body chunk into a new Buffer. During a fast upload
 * (~450 MB/s on loopback) the ~40 ms between V8's own scavenges leave 20–25 MB of those chunks
 * waiting to be freed (a full GC every 50 ms still left 22 MB: it is the rate, not a leak), and a
 * 1 GiB PUT took a fresh `serve` from 50 to 82–83 MiB peak RSS. A scavenge every 2 MiB of upload
 * (~0.2 ms each, with the young generation kept small) took it to 62 MiB at the same CPU within
 * noise (4 interleaved runs each; every 4 MiB: 64–65 MiB).
 *
 * V8 only hands out `gc` with `--expose-gc`. Setting it changes the whole process (every context
 * created afterwards gets a `gc` global), so only the executable calls this; a library user of
 * `createRegistryServer` may pass the result as `collectGarbage` too.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type GcFunction = (options: { type: "minor" | "major" }) => void;

/** Returns a function running one minor GC, or undefined when this V8 does not provide one. */
export function minorGarbageCollector(): (() => void) | undefined {
	try {
		setFlagsFromString("--expose-gc");
		const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : undefined");
		if (typeof gc !== "function") return undefined;
		return () => (gc as GcFunction)({ type: "minor" });
	} catch {
		return undefined;
	}
}
