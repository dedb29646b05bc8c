/**
 * What the blob store, the manifest store and the referrers code of one repository share:
 * its URLs (`/v2/<name>/…`), requests carrying its scopes and signal, and its error
 * wording. Internal to `src/registry`; `Repository` is the public face.
 */
import type { OpOptions } from "../content/storage.js";
import { OrasError } from "../errors.js";
import { type Digest, parseDigest } from "../oci/digest.js";
import { mediaTypeOfContentType } from "../oci/mediatypes.js";
import { isValidTag, parseReference } from "../oci/reference.js";
import { ACTION_DELETE, repositoryScope } from "./auth/scope.js";
import { combineSignals, type RemoteClient } from "./client.js";
import { type RegistryResponseError, responseError } from "./errors.js";
import { HeaderMap, type HttpHeaders } from "./transport/headers.js";
import { discardBody, type HttpRequest, type HttpResponse } from "./transport/types.js";

export type ParsedRef = { readonly kind: "tag"; readonly value: string } | { readonly kind: "digest"; readonly value: Digest };

/** The media type of a reply (`Content-Type` without parameters), undefined when absent. */
export function mediaTypeOf(res: Pick<HttpResponse, "headers">): string | undefined {
	const t = mediaTypeOfContentType(res.headers.get("content-type"));
	return t === "" ? undefined : t;
}

export function contentLengthOf(res: Pick<HttpResponse, "headers">): number | undefined {
	const v = res.headers.get("content-length");
	if (v === null || !/^[0-9]+$/.test(v.trim())) return undefined;
	const n = Number(v.trim());
	return Number.isSafeInteger(n) ? n : undefined;
}

export class RepositoryEndpoint {
	readonly client: RemoteClient;
	readonly registry: string;
	readonly name: string;
	private readonly scopeActions: readonly string[];

	constructor(client: RemoteClient, registry: string, name: string, scopeActions: readonly string[]) {
		this.client = client;
		this.registry = registry;
		this.name = name;
		this.scopeActions = scopeActions;
	}

	/** `registry/repository` */
	toString(): string {
		return `${this.registry}/${this.name}`;
	}

	/** `scheme://host/v2/<repo>/<path>` */
	url(path: string): URL {
		return new URL(`${this.client.origin}/v2/${this.name}/${path}`);
	}

	/** The client's signal combined with the operation's. */
	signal(opts?: OpOptions): AbortSignal | undefined {
		return combineSignals(this.client.signal, opts?.signal);
	}

	acceptHeaders(types: readonly string[]): HttpHeaders {
		return new HeaderMap({ accept: types.join(", ") });
	}

	/** A request with this repository's scope (`actions` plus the hinted ones) and signal. */
	request(
		method: string,
		url: URL,
		headers: HttpHeaders,
		actions: readonly string[],
		opts?: OpOptions,
		extraScopes: readonly string[] = [],
		body?: Pick<HttpRequest, "body" | "contentLength" | "replayable">,
	): HttpRequest {
		const signal = this.signal(opts);
		return {
			method,
			url,
			headers,
			scopes: [repositoryScope(this.name, ...actions, ...this.scopeActions), ...extraScopes],
			...(signal ? { signal } : {}),
			...body,
		};
	}

	/** A tag or digest, alone or as a full reference into this repository. */
	parseRef(reference: string): ParsedRef {
		let r = reference;
		if (r.includes("/")) {
			const parsed = parseReference(r);
			if (parsed.registry !== this.registry || parsed.repository !== this.name) {
				throw new OrasError("INVALID_REFERENCE", `invalid reference: ${JSON.stringify(reference)} is not in ${this}`);
			}
			r = parsed.reference;
		}
		if (r === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: missing tag or digest in ${JSON.stringify(reference)}`);
		if (r.includes(":")) {
			try {
				return { kind: "digest", value: parseDigest(r) };
			} catch (err) {
				throw new OrasError("INVALID_REFERENCE", `invalid reference: ${(err as Error).message}`, { cause: err });
			}
		}
		if (!isValidTag(r)) throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid tag ${JSON.stringify(r)}`);
		return { kind: "tag", value: r };
	}

	headerDigest(header: string, req: HttpRequest, res?: HttpResponse): Digest {
		try {
			return parseDigest(header);
		} catch (err) {
			res?.body.destroy();
			throw new OrasError("REGISTRY_ERROR", `${req.method} "${req.url.href}": invalid Docker-Content-Digest ${JSON.stringify(header)}`, { cause: err });
		}
	}

	/** `registry/repo:tag` or `registry/repo@digest` */
	display(ref: string): string {
		if (ref === "") return String(this);
		return ref.includes(":") ? `${this}@${ref}` : `${this}:${ref}`;
	}

	notFound(ref: string, cause: RegistryResponseError, message?: string): OrasError {
		return new OrasError("NOT_FOUND", message ?? `${this.display(ref)}: not found`, { cause });
	}

	hintFor(status: number): string | undefined {
		if (status === 401) return `check the credentials for ${this.registry}`;
		if (status === 403) return `the credentials for ${this.registry} are not allowed to do this on ${this.name}`;
		return undefined;
	}

	/** `DELETE /v2/<name>/<kind>/<digest>` (NOT_FOUND when the registry has no such content). */
	async deleteContent(kind: "blobs" | "manifests", digest: Digest, opts?: OpOptions): Promise<void> {
		const req = this.request("DELETE", this.url(`${kind}/${digest}`), new HeaderMap(), [ACTION_DELETE], opts);
		const res = await this.client.transport(req);
		if (res.status === 202 || res.status === 200) {
			discardBody(res);
			return;
		}
		if (res.status === 404) throw this.notFound(digest, await responseError(req, res));
		throw await this.failure(req, res);
	}

	async failure(req: HttpRequest, res: HttpResponse): Promise<RegistryResponseError> {
		const hint = this.hintFor(res.status);
		return responseError(req, res, hint ? { hint } : undefined);
	}
}
