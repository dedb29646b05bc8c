/**
 * RFC 8288 `Link` headers as registries use them for pagination:
 * `</v2/<repo>/tags/list?last=x&n=100>; rel="next"`.
 */
import { OrasError } from "../errors.js";

/** The `rel="next"` target resolved against `base`, or undefined. Only same-origin targets are accepted. */
export function parseNextLink(header: string | null | undefined, base: URL): URL | undefined {
	if (!header) return undefined;
	for (const link of splitLinks(header)) {
		const m = /^\s*<([^>]*)>(.*)$/s.exec(link);
		if (!m) continue;
		const params = m[2] ?? "";
		let isNext = false;
		for (const p of params.split(";")) {
			const eq = p.indexOf("=");
			if (eq < 0) continue;
			if (p.slice(0, eq).trim().toLowerCase() !== "rel") continue;
			const value = p
				.slice(eq + 1)
				.trim()
				.replace(/^"(.*)"$/s, "$1");
			if (value.toLowerCase().split(/\s+/).includes("next")) isNext = true;
		}
		if (!isNext) continue;
		let url: URL;
		try {
			url = new URL(m[1] ?? "", base);
		} catch (err) {
			throw new OrasError("REGISTRY_ERROR", `invalid Link header from ${base.host}: ${JSON.stringify(header)}`, { cause: err });
		}
		if (url.origin !== base.origin) {
			throw new OrasError("REGISTRY_ERROR", `refusing cross-origin Link ${JSON.stringify(url.href)} from ${base.host}`);
		}
		return url;
	}
	return undefined;
}

/** Splits at commas outside `<...>` and quotes. */
function splitLinks(header: string): string[] {
	const out: string[] = [];
	let cur = "";
	let inAngle = false;
	let inQuote = false;
	for (const c of header) {
		if (c === "<" && !inQuote) inAngle = true;
		else if (c === ">" && !inQuote) inAngle = false;
		else if (c === '"' && !inAngle) inQuote = !inQuote;
		if (c === "," && !inAngle && !inQuote) {
			out.push(cur);
			cur = "";
		} else cur += c;
	}
	if (cur.trim() !== "") out.push(cur);
	return out;
}
