/** Pure protocol helpers of the registry server: names, ranges, pagination. No I/O. */
import { isIP } from "node:net";
import { isValidRepository } from "../oci/reference.js";

/** Distribution limits a repository name to 255 characters. */
export const MAX_NAME_LENGTH = 255;

/**
 * Path components that would collide with the files of the OCI layout kept in each repository
 * directory (`<root>/<name>/{oci-layout,index.json,blobs/}`), so a repository cannot be named inside another's files.
 */
export const RESERVED_COMPONENTS: ReadonlySet<string> = new Set(["blobs", "index.json", "oci-layout", "ingest"]);

/** Why `name` is not a valid repository name, or undefined when it is. */
export function repositoryNameProblem(name: string): string | undefined {
	if (name === "") return "repository name is empty";
	if (name.length > MAX_NAME_LENGTH) return `repository name is longer than ${MAX_NAME_LENGTH} characters`;
	if (!isValidRepository(name)) return `invalid repository name ${JSON.stringify(name)}: must match [a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*`;
	for (const c of name.split("/")) {
		if (RESERVED_COMPONENTS.has(c)) return `invalid repository name ${JSON.stringify(name)}: path component ${JSON.stringify(c)} is reserved by the storage`;
	}
	return undefined;
}

export type RangeResult =
	| { readonly kind: "full" }
	| { readonly kind: "partial"; readonly start: number; readonly end: number }
	| { readonly kind: "unsatisfiable" };

/**
 * Interprets a `Range` request header against a blob of `size` bytes (RFC 9110 §14):
 * one `bytes=a-b`, `bytes=a-` or `bytes=-n` range. A malformed header or several ranges are
 * ignored (the whole blob is sent); a well-formed range outside the blob is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
	if (header === undefined) return { kind: "full" };
	const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
	if (!m) return { kind: "full" };
	const a = m[1] ?? "";
	const b = m[2] ?? "";
	if (a === "" && b === "") return { kind: "full" };
	if (a === "") {
		const n = Number(b);
		if (!Number.isSafeInteger(n)) return { kind: "full" };
		if (n === 0 || size === 0) return { kind: "unsatisfiable" };
		return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
	}
	const start = Number(a);
	if (!Number.isSafeInteger(start)) return { kind: "full" };
	let end = b === "" ? Number.MAX_SAFE_INTEGER : Number(b);
	if (!Number.isSafeInteger(end)) return { kind: "full" };
	if (end < start) return { kind: "full" };
	if (start >= size) return { kind: "unsatisfiable" };
	if (end >= size) end = size - 1;
	return { kind: "partial", start, end };
}

/**
 * Parses an upload chunk's `Content-Range: <start>-<end>` (the spec's form; a `bytes ` prefix and a
 * `/<total>` suffix are tolerated). Undefined when malformed.
 */
export function parseContentRange(header: string): { start: number; end: number } | undefined {
	const m = /^\s*(?:bytes\s+)?(\d+)-(\d+)(?:\/(?:\d+|\*))?\s*$/i.exec(header);
	if (!m) return undefined;
	const start = Number(m[1]);
	const end = Number(m[2]);
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined;
	return { start, end };
}

/** The upload progress header value: `0-<last byte>` (`0-0` for an empty upload, as distribution sends). */
export function uploadRange(size: number): string {
	return `0-${size > 0 ? size - 1 : 0}`;
}

/** Parses a `n` query parameter: undefined when absent, a non-negative integer, or NaN when invalid. */
export function parsePageSize(value: string | null): number | undefined {
	if (value === null || value === "") return undefined;
	if (!/^\d{1,9}$/.test(value)) return Number.NaN;
	return Number(value);
}

export interface Page<T> {
	readonly items: T[];
	/** The `last` of the next page when there is one. */
	readonly next: string | undefined;
}

/**
 * One page of a lexically sorted list: the entries after `last` (exclusive), at most `n` of them
 * (all when `n` is undefined). `next` is set only when entries remain after the page.
 */
export function paginate(sorted: readonly string[], n: number | undefined, last: string | undefined): Page<string> {
	let from = 0;
	if (last !== undefined && last !== "") {
		// first index whose entry sorts after `last`
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (compareNames(sorted[mid]!, last) <= 0) lo = mid + 1;
			else hi = mid;
		}
		from = lo;
	}
	if (n === undefined) return { items: sorted.slice(from), next: undefined };
	const items = sorted.slice(from, from + n);
	const more = from + n < sorted.length && items.length > 0;
	return { items, next: more ? items[items.length - 1] : undefined };
}

/** Byte-wise (code unit) ordering, the order tags and repositories are listed in. */
export function compareNames(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** `Link: </v2/...?n=..&last=..>; rel="next"` for a page that has a successor. */
export function nextLink(path: string, n: number, last: string): string {
	const q = new URLSearchParams({ n: String(n), last });
	return `<${path}?${q.toString()}>; rel="next"`;
}

/** Parses `Authorization: Basic …`; undefined when absent or not Basic. */
export function parseBasicAuthorization(header: string | undefined): { username: string; password: string } | undefined {
	if (header === undefined) return undefined;
	const m = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
	if (!m) return undefined;
	const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
	const colon = decoded.indexOf(":");
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The key of per-client bounds (failed logins, upload sessions) for a remote address: an IPv4
 * address as is (also when IPv4-mapped), an IPv6 address by its /64 prefix — one host usually
 * holds a whole /64 and could otherwise rotate addresses past every per-client bound.
 */
export function clientKey(address: string | undefined): string {
	if (address === undefined || address === "") return "-";
	const bare = address.replace(/%.*$/, "").toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
	if (mapped) return mapped[1] as string;
	if (isIP(bare) !== 6) return address;
	const [head = "", tail = ""] = bare.split("::", 2) as [string, string?];
	const left = head === "" ? [] : head.split(":");
	const right = bare.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
	const groups = bare.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
	return `${groups
		.slice(0, 4)
		.map((g) => parseInt(g, 16).toString(16))
		.join(":")}::/64`;
}
