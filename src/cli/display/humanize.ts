/**
 * Sizes and durations as oras's progress display prints them: sizes in 1024 steps up to TB,
 * rounded to 3 significant figures (`1.5 MB`, `12.3 KB`, `512 MB`, unit padded to 2 columns:
 * `12  B`), durations as Go's `time.Duration.String()` after rounding to µs, ms or s.
 */

const BASE = 1024;
const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

export interface HumanBytes {
	readonly size: number;
	readonly unit: string;
}

/** 2 decimals below 10, 1 below 100, none above (rounding half away from zero). */
export function roundTo(size: number): number {
	if (size < 10) return Math.round(size * 100) / 100;
	if (size < 100) return Math.round(size * 10) / 10;
	return Math.round(size);
}

export function toBytes(n: number): HumanBytes {
	if (n < BASE) return { size: n, unit: "B" };
	const e = Math.min(Math.floor(Math.log(n) / Math.log(BASE)), UNITS.length - 1);
	return { size: roundTo(n / BASE ** e), unit: UNITS[e] as string };
}

/** A number as Go's `%g` prints the values used here (no exponent below 1e21). */
export function formatNumber(n: number): string {
	return String(n);
}

/** `12  B`, `1.5 MB`: the size, a space, the unit right-aligned in 2 columns. */
export function formatBytes(b: HumanBytes): string {
	return `${formatNumber(b.size)} ${b.unit.padStart(2)}`;
}

const NS_PER_US = 1_000;
const NS_PER_MS = 1_000_000;
const NS_PER_S = 1_000_000_000;

/** Rounds `ns` to a multiple of `m`, halves away from zero (Go's Duration.Round). */
function roundNs(ns: number, m: number): number {
	return Math.round(ns / m) * m;
}

/** Go's `time.Duration.String()` for a whole number of nanoseconds ≥ 0. */
function goDuration(ns: number): string {
	if (ns === 0) return "0s";
	if (ns < NS_PER_US) return `${ns}ns`;
	if (ns < NS_PER_MS) return `${trimFraction(ns / NS_PER_US)}µs`;
	if (ns < NS_PER_S) return `${trimFraction(ns / NS_PER_MS)}ms`;
	let rest = ns / NS_PER_S;
	const h = Math.floor(rest / 3600);
	rest -= h * 3600;
	const m = Math.floor(rest / 60);
	rest -= m * 60;
	const s = `${trimFraction(rest)}s`;
	if (h > 0) return `${h}h${m}m${s}`;
	if (m > 0) return `${m}m${s}`;
	return s;
}

/** Up to 9 decimals without trailing zeros (Go prints the exact nanoseconds). */
function trimFraction(v: number): string {
	return Number(v.toFixed(9)).toString();
}

/** oras's elapsed time: rounded to the second above 1 s, to the ms above 1 ms, else to the µs. */
export function formatDuration(ms: number): string {
	const ns = Math.max(0, Math.round(ms * NS_PER_MS));
	if (ns > NS_PER_S) return goDuration(roundNs(ns, NS_PER_S));
	if (ns > NS_PER_MS) return goDuration(roundNs(ns, NS_PER_MS));
	return goDuration(roundNs(ns, NS_PER_US));
}

/** A byte count as oras prints sizes (`1.5 MB`, `12  B`). */
export function formatSize(n: number): string {
	return formatBytes(toBytes(n));
}
