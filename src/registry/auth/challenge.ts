/**
 * `WWW-Authenticate` parsing (https://distribution.github.io/distribution/spec/auth/token/): scheme Basic or Bearer (case-insensitive),
 * Bearer parameters `k=v` or `k="quoted"` separated by commas; parsing stops at the first
 * malformation and keeps what was read before it.
 */
export type AuthScheme = "basic" | "bearer" | "unknown";

export interface Challenge {
	readonly scheme: AuthScheme;
	/** Parameter names lower-cased. */
	readonly params: Readonly<Record<string, string>>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function readToken(s: string, i: number): [string, number] {
	let j = i;
	while (j < s.length && TOKEN_CHAR.test(s[j] as string)) j++;
	return [s.slice(i, j), j];
}

function skipSpace(s: string, i: number): number {
	let j = i;
	while (j < s.length && (s[j] === " " || s[j] === "\t")) j++;
	return j;
}

export function parseChallenge(header: string | null | undefined): Challenge {
	if (!header) return { scheme: "unknown", params: {} };
	let i = skipSpace(header, 0);
	const [schemeRaw, afterScheme] = readToken(header, i);
	const lower = schemeRaw.toLowerCase();
	const scheme: AuthScheme = lower === "basic" ? "basic" : lower === "bearer" ? "bearer" : "unknown";
	const params: Record<string, string> = {};
	if (scheme === "unknown") return { scheme, params };
	i = afterScheme;
	for (;;) {
		i = skipSpace(header, i);
		const [key, afterKey] = readToken(header, i);
		if (key === "" || header[afterKey] !== "=") break;
		i = afterKey + 1;
		let value: string;
		if (header[i] === '"') {
			let j = i + 1;
			let v = "";
			let closed = false;
			while (j < header.length) {
				const c = header[j] as string;
				if (c === "\\" && j + 1 < header.length) {
					v += header[j + 1];
					j += 2;
					continue;
				}
				if (c === '"') {
					closed = true;
					j++;
					break;
				}
				v += c;
				j++;
			}
			if (!closed) break;
			value = v;
			i = j;
		} else {
			const [v, afterV] = readToken(header, i);
			if (v === "") break;
			value = v;
			i = afterV;
		}
		params[key.toLowerCase()] = value;
		i = skipSpace(header, i);
		if (header[i] !== ",") break;
		i++;
	}
	return { scheme, params };
}
