/**
 * The auth middleware (as oras-go's https://pkg.go.dev/oras.land/oras-go/v2/registry/remote/auth): answers 401 challenges with Basic or Bearer
 * credentials, caches per registry origin (Basic header; Bearer tokens per scope key),
 * fetches tokens single-flight, validates token realms, and never logs or prints secrets.
 */
import { isIP } from "node:net";
import { OrasError } from "../../errors.js";
import { responseError } from "../errors.js";
import {
	bytesBody,
	canReplay,
	discardBody,
	type HttpRequest,
	type HttpResponse,
	type Middleware,
	type Transport,
	withRequest,
} from "../transport/types.js";
import { type Credential, type CredentialFunc, EMPTY_CREDENTIAL } from "./credential.js";
import { parseChallenge } from "./challenge.js";
import { cleanScopes } from "./scope.js";
import { parseSecretJSON } from "./secret-json.js";
import { HeaderMap } from "../transport/headers.js";
import { readSmallBody } from "../transport/body.js";

export const DEFAULT_CLIENT_ID = "oras-ts";
/** Token replies are read up to 128 KiB. */
export const MAX_TOKEN_REPLY_BYTES = 128 * 1024;

export interface AuthClientOptions {
	/** A fixed credential for every host (`-u/-p`, `--identity-token`), or a lookup per host. */
	readonly credential?: Credential | CredentialFunc;
	/** `client_id` of the refresh-token grant (default `oras-ts`). */
	readonly clientId?: string;
}

interface HostState {
	scheme: "basic" | "bearer" | undefined;
	basic: string | undefined;
	/** Bearer tokens by scope key; pending promises make fetches single-flight. */
	tokens: Map<string, Promise<string>>;
	/** When a cached token stops being usable (from the reply's `expires_in`, less a safety margin). */
	expires: Map<string, number>;
}

/** Distinct single-scope hints whose cleaning an AuthClient remembers (then it starts over). */
const MAX_REMEMBERED_HINTS = 256;

/** Tokens are renewed this long before the expiry their reply announced. */
const EXPIRY_MARGIN_MS = 10_000;

/** The cached token for `key`, unless its announced lifetime is over (then it is dropped, so a fresh one is fetched). */
function liveToken(state: HostState, key: string): Promise<string> | undefined {
	const until = state.expires.get(key);
	if (until !== undefined && Date.now() >= until) {
		state.tokens.delete(key);
		state.expires.delete(key);
		return undefined;
	}
	return state.tokens.get(key);
}

/** Percent-encoding as Go's url.QueryEscape does it (space → `+`, only `A-Za-z0-9-_.~` left as is). */
export function goQueryEscape(s: string): string {
	return encodeURIComponent(s)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%20/g, "+");
}

/** Go's url.Values.Encode: keys sorted, values in order. */
export function encodeForm(values: Readonly<Record<string, readonly string[]>>): string {
	return Object.keys(values)
		.sort()
		.flatMap((k) => (values[k] ?? []).map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`))
		.join("&");
}

/** The anonymous/Basic token request URL: `<realm>?scope=..&scope=..&service=..` (params sorted by name). */
export function tokenURL(realm: string, service: string | undefined, scopes: readonly string[]): URL {
	const url = new URL(realm);
	const values: Record<string, string[]> = {};
	for (const [k, v] of url.searchParams) (values[k] ??= []).push(v);
	if (scopes.length > 0) values.scope = [...(values.scope ?? []), ...scopes];
	if (service !== undefined && service !== "") values.service = [service];
	url.search = encodeForm(values);
	return url;
}

export function basicAuthorization(username: string, password: string): string {
	return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

function isRestrictedIP(host: string): boolean {
	const kind = isIP(host);
	if (kind === 4) {
		const p = host.split(".").map(Number);
		const [a = 0, b = 0] = p;
		return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
	}
	if (kind === 6) {
		const h = host.toLowerCase();
		if (h === "::1" || h === "::") return true;
		if (/^fe[89ab]/.test(h) || /^f[cd]/.test(h)) return true; // link-local, unique local
		// IPv4-mapped: `::ffff:127.0.0.1`, which URL parsing writes as `::ffff:7f00:1`
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
		if (mapped) return isRestrictedIP(mapped[1] as string);
		const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
		if (hex) {
			const hi = parseInt(hex[1] as string, 16);
			const lo = parseInt(hex[2] as string, 16);
			return isRestrictedIP(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
		}
		return false;
	}
	return false;
}

function isLoopback(host: string): boolean {
	return isLocalhostName(host) || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

/** `localhost` and its subdomains (which resolvers answer with loopback), with or without the root dot. */
function isLocalhostName(host: string): boolean {
	const h = host.toLowerCase().replace(/\.$/, "");
	return h === "localhost" || h.endsWith(".localhost");
}

function bareHost(h: string): string {
	return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/**
 * Checks a Bearer realm: http(s) only; no http realm for an https registry; no loopback,
 * private, link-local or unspecified IP realm unless it is the registry's own host.
 */
export function validateRealm(realm: string, registry: URL): URL {
	let url: URL;
	try {
		url = new URL(realm);
	} catch (err) {
		throw new OrasError("UNAUTHORIZED", `invalid token realm ${JSON.stringify(realm)} from ${registry.host}`, { cause: err });
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") {
		throw new OrasError("UNAUTHORIZED", `token realm ${JSON.stringify(realm)} from ${registry.host} is not http(s)`);
	}
	if (registry.protocol === "https:" && url.protocol === "http:") {
		throw new OrasError("UNAUTHORIZED", `refusing plain-http token realm ${JSON.stringify(realm)} for https registry ${registry.host}`);
	}
	const host = bareHost(url.hostname);
	const own = bareHost(registry.hostname);
	// A registry on loopback may name any loopback realm (a local token service on another port).
	const local = isLoopback(own) && isLoopback(host);
	if ((isRestrictedIP(host) || isLocalhostName(host)) && host !== own && !local) {
		throw new OrasError("UNAUTHORIZED", `refusing token realm ${JSON.stringify(realm)}: a local or private address other than the registry ${registry.host}`);
	}
	return url;
}

function toFunc(c: AuthClientOptions["credential"]): CredentialFunc {
	if (c === undefined) return async () => EMPTY_CREDENTIAL;
	if (typeof c === "function") return c;
	return async () => c;
}

export class AuthClient {
	private readonly credential: CredentialFunc;
	private readonly clientId: string;
	private readonly hosts = new Map<string, HostState>();
	/** Cleaned single-scope hints (see `hintedScopes`). */
	private readonly hintCache = new Map<string, { readonly hinted: readonly string[]; readonly hintedKey: string }>();

	constructor(opts: AuthClientOptions = {}) {
		this.credential = toFunc(opts.credential);
		this.clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
	}

	/** Forgets every cached header and token. */
	clear(): void {
		this.hosts.clear();
	}

	private state(origin: string): HostState {
		let s = this.hosts.get(origin);
		if (!s) {
			s = { scheme: undefined, basic: undefined, tokens: new Map(), expires: new Map() };
			this.hosts.set(origin, s);
		}
		return s;
	}

	/**
	 * The cleaned scope hints of a request and their cache key. Every request of a repository
	 * carries the same single scope: its cleaning is remembered (a few hundred distinct ones at most).
	 */
	private hintedScopes(scopes: readonly string[]): { readonly hinted: readonly string[]; readonly hintedKey: string } {
		const one = scopes.length === 1 ? scopes[0] : undefined;
		const known = one === undefined ? undefined : this.hintCache.get(one);
		if (known !== undefined) return known;
		const hinted = cleanScopes(scopes);
		const r = { hinted, hintedKey: hinted.join(" ") };
		if (one !== undefined) {
			if (this.hintCache.size >= MAX_REMEMBERED_HINTS) this.hintCache.clear();
			this.hintCache.set(one, r);
		}
		return r;
	}

	/** The middleware; token requests go to `next` (below auth: redirects, retry, logging). */
	readonly middleware: Middleware = (next) => (req) => this.send(next, req);

	private async send(next: Transport, req: HttpRequest): Promise<HttpResponse> {
		if (req.headers.has("authorization")) return next(req);
		const origin = req.url.origin;
		const state = this.state(origin);
		const { hinted, hintedKey } = this.hintedScopes(req.scopes ?? []);
		let tried: Promise<string> | undefined;
		let triedKey: string | undefined;
		let first = req;
		if (state.scheme === "basic" && state.basic !== undefined) {
			first = withAuth(req, state.basic);
		} else if (state.scheme === "bearer") {
			const cached = liveToken(state, hintedKey);
			if (cached !== undefined) {
				try {
					const token = await cached;
					tried = cached;
					triedKey = hintedKey;
					first = withAuth(req, `Bearer ${token}`);
				} catch {
					// the shared fetch failed: go bare and let the challenge decide
				}
			}
		}
		const res = await next(first);
		if (res.status !== 401 || res.url.origin !== origin || !canReplay(req)) return res;
		const challenge = parseChallenge(res.headers.get("www-authenticate"));
		if (challenge.scheme === "basic") {
			const cred = await this.credential(req.url.host);
			if (!cred.username || !cred.password) {
				discardBody(res);
				throw new OrasError("UNAUTHORIZED", `${req.method} "${req.url.href}": basic credential not found`, {
					hint: `provide credentials with --username/--password or log in to ${req.url.host}`,
				});
			}
			discardBody(res);
			state.scheme = "basic";
			state.basic = basicAuthorization(cred.username, cred.password);
			return next(withAuth(req, state.basic));
		}
		if (challenge.scheme !== "bearer") return res;
		const scopes = cleanScopes([...hinted, ...(challenge.params.scope ?? "").split(" ")]);
		const key = scopes.join(" ");
		if (key !== triedKey) {
			const cached = liveToken(state, key);
			if (cached !== undefined) {
				let token: string | undefined;
				try {
					token = await cached;
				} catch {
					// a failed fetch: fall through and fetch again
				}
				if (token !== undefined) {
					discardBody(res);
					const again = await next(withAuth(req, `Bearer ${token}`));
					if (again.status !== 401) {
						state.scheme = "bearer";
						return again;
					}
					discardBody(again);
					tried = cached;
				}
			}
		}
		discardBody(res);
		const realm = challenge.params.realm;
		if (realm === undefined || realm === "") {
			throw new OrasError("UNAUTHORIZED", `${req.method} "${req.url.href}": bearer challenge without a realm`);
		}
		const token = await this.refresh(state, key, tried, () =>
			this.fetchToken(next, req, realm, challenge.params.service, scopes, (ms) => state.expires.set(key, Date.now() + Math.max(ms - EXPIRY_MARGIN_MS, ms / 2))),
		);
		state.scheme = "bearer";
		return next(withAuth(req, `Bearer ${token}`));
	}

	/** Single flight: if the entry is still the one that failed us (or absent), start a fetch; else share the newer one. */
	private refresh(state: HostState, key: string, failed: Promise<string> | undefined, fetch: () => Promise<string>): Promise<string> {
		const current = state.tokens.get(key);
		if (current !== undefined && current !== failed) return current;
		state.expires.delete(key);
		const p = fetch();
		state.tokens.set(key, p);
		p.catch(() => {
			if (state.tokens.get(key) === p) state.tokens.delete(key);
		});
		return p;
	}

	private async fetchToken(
		next: Transport,
		req: HttpRequest,
		realm: string,
		service: string | undefined,
		scopes: readonly string[],
		onLifetime: (ms: number) => void = () => {},
	): Promise<string> {
		const realmURL = validateRealm(realm, req.url);
		const cred = await this.credential(req.url.host);
		if (cred.accessToken) return cred.accessToken;
		const headers = new HeaderMap({ accept: "application/json" });
		let tokenReq: HttpRequest;
		if (!cred.refreshToken) {
			if (cred.username || cred.password) headers.set("authorization", basicAuthorization(cred.username ?? "", cred.password ?? ""));
			tokenReq = { method: "GET", url: tokenURL(realmURL.href, service, scopes), headers, secretReply: true, ...signalOf(req) };
		} else {
			const form: Record<string, string[]> = {
				grant_type: ["refresh_token"],
				refresh_token: [cred.refreshToken],
				client_id: [this.clientId],
			};
			if (service !== undefined && service !== "") form.service = [service];
			if (scopes.length > 0) form.scope = [scopes.join(" ")];
			headers.set("content-type", "application/x-www-form-urlencoded");
			tokenReq = { method: "POST", url: realmURL, headers, secretReply: true, ...bytesBody(Buffer.from(encodeForm(form))), ...signalOf(req) };
		}
		const res = await next(tokenReq);
		if (res.status !== 200) {
			throw await responseError(tokenReq, res, {
				hint: `failed to get a token from ${realmURL.host}; check the credentials for ${req.url.host}`,
			});
		}
		const body = await readSmallBody(res.body, MAX_TOKEN_REPLY_BYTES, "token reply");
		// A junk reply may still hold a token: V8's message (which quotes it) is not passed on.
		const parsed = parseSecretJSON(
			body.toString("utf8"),
			(what) => new OrasError("UNAUTHORIZED", `${tokenReq.method} "${realmURL.origin}${realmURL.pathname}": invalid token reply: ${what}`),
		);
		const reply = (typeof parsed === "object" && parsed !== null ? parsed : {}) as { access_token?: unknown; token?: unknown; expires_in?: unknown };
		const token = typeof reply.access_token === "string" && reply.access_token !== "" ? reply.access_token : cred.refreshToken ? undefined : reply.token;
		if (typeof token !== "string" || token === "") {
			throw new OrasError("UNAUTHORIZED", `${tokenReq.method} "${realmURL.origin}${realmURL.pathname}": empty token in reply`);
		}
		// Without `expires_in` the token is kept until a registry refuses it (as oras-go does).
		if (typeof reply.expires_in === "number" && Number.isFinite(reply.expires_in) && reply.expires_in > 0) onLifetime(reply.expires_in * 1000);
		return token;
	}
}

function signalOf(req: HttpRequest): { signal?: AbortSignal } {
	return req.signal ? { signal: req.signal } : {};
}

function withAuth(req: HttpRequest, value: string): HttpRequest {
	const headers = new HeaderMap(req.headers);
	headers.set("authorization", value);
	return withRequest(req, { headers });
}

