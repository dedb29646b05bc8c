/**
 * The one duration grammar of the CLI's flags (`serve --upload-ttl`, `--connect-timeout`, …): Go's
 * `time.ParseDuration` — one or more `<number><unit>` parts (`500ms`, `30s`, `2m`, `1h30m`, `1.5h`),
 * units `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`, and a bare `0` — without a sign (durations here
 * are never negative). The timeout flags also keep their older forms (`bareSeconds`): a plain
 * number of seconds (`30`, `1.5`) and blanks around the value or between a number and its unit.
 */
import { OrasError } from "../../errors.js";

/** Milliseconds per unit. */
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** One `<number><unit>` part: digits with an optional fraction (`1.5`, `.5`, `1.`), then a unit. */
const PART = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;

export interface DurationOptions {
	/** `0` (however written) is accepted; otherwise a duration must be longer than 0. */
	readonly allowZero?: boolean;
	/** The timeout flags' older forms too: a plain number is seconds; blanks around the value and before the unit are ignored. */
	readonly bareSeconds?: boolean;
	/** The longest duration accepted, in ms (default `Number.MAX_SAFE_INTEGER`). */
	readonly maxMs?: number;
	/**
	 * The error message for a value that is not a duration (`why`: what is wrong with it). Default
	 * `invalid <flag> "<raw>": <why>`.
	 */
	readonly message?: (why: string) => string;
}

const SYNTAX = "expected a duration such as 90s, 30m or 1h30m";

/** Milliseconds in Go's duration grammar, or the reason it is not one. */
function goDurationMs(s: string): number | string {
	if (s === "0") return 0;
	if (s === "") return SYNTAX;
	let ms = 0;
	PART.lastIndex = 0;
	while (PART.lastIndex < s.length) {
		const at = PART.lastIndex;
		const m = PART.exec(s);
		const num = m?.[1];
		// A part needs a digit before or after the point.
		if (!m || m.index !== at || num === undefined || !/[0-9]/.test(num)) return SYNTAX;
		ms += Number(num.endsWith(".") ? num.slice(0, -1) : num) * (UNIT_MS[m[2] as string] as number);
	}
	return ms;
}

/** `raw` (a flag's or environment variable's value) in milliseconds; INVALID_ARGUMENT naming `flag` otherwise. */
export function parseDuration(flag: string, raw: string, opts: DurationOptions = {}): number {
	const fail = (why: string): never => {
		throw new OrasError("INVALID_ARGUMENT", opts.message ? opts.message(why) : `invalid ${flag} ${JSON.stringify(raw)}: ${why}`);
	};
	let s = raw;
	if (opts.bareSeconds) {
		s = s.trim();
		if (/^[0-9]+(?:\.[0-9]+)?$/.test(s)) s += "s";
		else s = s.replace(/^([0-9]+(?:\.[0-9]+)?)\s+(ms|s|m)$/, "$1$2");
	}
	const parsed = goDurationMs(s);
	if (typeof parsed === "string") return fail(parsed);
	const max = opts.maxMs ?? Number.MAX_SAFE_INTEGER;
	if (!Number.isFinite(parsed) || parsed > max) return fail("too long");
	// Anything positive lasts at least 1 ms.
	const ms = parsed > 0 ? Math.max(1, Math.round(parsed)) : 0;
	if (ms === 0 && !opts.allowZero) return fail("must be longer than 0");
	return ms;
}
