/** Byte-count flags (`--chunk-size`, `--max-extract-size`): a count with an optional binary or decimal unit (`16MiB`, `8MB`, `1048576`). */
import { OrasError } from "../../errors.js";

const UNITS: Record<string, number> = {
	"": 1,
	b: 1,
	k: 1024,
	kb: 1000,
	kib: 1024,
	m: 1024 ** 2,
	mb: 1000 ** 2,
	mib: 1024 ** 2,
	g: 1024 ** 3,
	gb: 1000 ** 3,
	gib: 1024 ** 3,
	t: 1024 ** 4,
	tb: 1000 ** 4,
	tib: 1024 ** 4,
};

/** A byte count of `flag`; `min` 0 allows `0` (a bound turned off). */
export function parseByteSize(flag: string, raw: string, min = 1): number {
	const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
	const unit = m ? UNITS[(m[2] ?? "").toLowerCase()] : undefined;
	const n = m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : Number.NaN;
	if (!Number.isSafeInteger(n) || n < min) {
		throw new OrasError("INVALID_ARGUMENT", `invalid ${flag} ${JSON.stringify(raw)}: expected a ${min > 0 ? "positive " : ""}byte count such as 16MiB`);
	}
	return n;
}

export function parseChunkSize(raw: string): number {
	return parseByteSize("--chunk-size", raw);
}
