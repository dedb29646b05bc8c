/**
 * HTTP header fields for the transport. `HttpHeaders` is the part of the WHATWG `Headers`
 * API the client uses, so a global `Headers` object may be passed wherever one is expected;
 * `HeaderMap` implements it without touching the global `Headers`, whose first use loads
 * undici (~25 ms of every command's start-up). Names are case-insensitive; `append` joins
 * values with ", " as `Headers` does. Values are checked by node:http when sent.
 */
export interface HttpHeaders {
	get(name: string): string | null;
	has(name: string): boolean;
	set(name: string, value: string): void;
	append(name: string, value: string): void;
	delete(name: string): void;
	forEach(callback: (value: string, name: string) => void): void;
}

export type HeadersInit = HttpHeaders | Iterable<readonly [string, string]> | Record<string, string>;

export class HeaderMap implements HttpHeaders {
	private readonly map = new Map<string, string>();

	constructor(init?: HeadersInit) {
		if (init === undefined) return;
		if (init instanceof HeaderMap) {
			// Already lower-case names and trimmed, joined values: what appending them one by one would give.
			for (const [k, v] of init.map) this.map.set(k, v);
		} else if (isHttpHeaders(init)) {
			init.forEach((v, k) => this.append(k, v));
		} else if (isIterable(init)) {
			for (const [k, v] of init) this.append(k, v);
		} else {
			for (const [k, v] of Object.entries(init)) this.append(k, v);
		}
	}

	get(name: string): string | null {
		return this.map.get(name.toLowerCase()) ?? null;
	}

	has(name: string): boolean {
		return this.map.has(name.toLowerCase());
	}

	set(name: string, value: string): void {
		this.map.set(name.toLowerCase(), normalize(value));
	}

	append(name: string, value: string): void {
		const k = name.toLowerCase();
		const v = normalize(value);
		const old = this.map.get(k);
		this.map.set(k, old === undefined ? v : `${old}, ${v}`);
	}

	delete(name: string): void {
		this.map.delete(name.toLowerCase());
	}

	/** In name order, as `Headers` iterates. */
	forEach(callback: (value: string, name: string) => void): void {
		for (const [k, v] of this.sorted()) callback(v, k);
	}

	[Symbol.iterator](): IterableIterator<[string, string]> {
		return this.sorted()[Symbol.iterator]();
	}

	private sorted(): Array<[string, string]> {
		const entries = [...this.map.entries()];
		if (entries.length > 1) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return entries;
	}
}

function isHttpHeaders(x: HeadersInit): x is HttpHeaders {
	return typeof (x as Partial<HttpHeaders>).forEach === "function" && typeof (x as Partial<HttpHeaders>).get === "function";
}

function isIterable(x: HeadersInit): x is Iterable<readonly [string, string]> {
	return typeof (x as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}

/** Leading and trailing whitespace is not part of a field value. */
function normalize(value: string): string {
	return String(value).trim();
}
