/**
 * A registry host: `ping()` (`GET /v2/`), the catalog (`/v2/_catalog`, paginated) and
 * `repository(name)`, which shares this registry's connections and token cache.
 */
import type { OpOptions } from "../content/storage.js";
import { OrasError } from "../errors.js";
import { isValidRegistry } from "../oci/reference.js";
import { CATALOG_SCOPE } from "./auth/scope.js";
import { combineSignals, createRemoteClient, type RemoteClient, type RemoteOptions } from "./client.js";
import { responseError } from "./errors.js";
import { listPages } from "./list.js";
import { Repository, type RepositoryOptions } from "./repository.js";
import { discardBody, type HttpRequest } from "./transport/types.js";
import { HeaderMap } from "./transport/headers.js";

export interface RegistryOptions extends RemoteOptions {
	/** `n` for catalog pages (server default when unset). */
	readonly catalogPageSize?: number;
	/** Reuse an existing client for this registry. */
	readonly client?: RemoteClient;
}

export class Registry {
	readonly name: string;
	readonly client: RemoteClient;
	private readonly opts: RegistryOptions;

	constructor(name: string, opts: RegistryOptions = {}) {
		if (!isValidRegistry(name)) throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid registry ${JSON.stringify(name)}`);
		this.name = name;
		this.opts = opts;
		this.client = opts.client ?? createRemoteClient(name, opts);
	}

	toString(): string {
		return this.name;
	}

	/** Checks that the host speaks the distribution API (and that the credentials work). */
	async ping(opts?: OpOptions): Promise<void> {
		const signal = combineSignals(this.client.signal, opts?.signal);
		const req: HttpRequest = { method: "GET", url: new URL(`${this.client.origin}/v2/`), headers: new HeaderMap(), ...(signal ? { signal } : {}) };
		const res = await this.client.transport(req);
		if (res.status === 200) {
			discardBody(res);
			return;
		}
		if (res.status === 404) {
			throw new OrasError("NOT_FOUND", `${this.name}: not a registry (GET /v2/ returned 404)`, { cause: await responseError(req, res) });
		}
		throw await responseError(req, res, res.status === 401 ? { hint: `check the credentials for ${this.name}` } : undefined);
	}

	/** Repository names in server order; `last` continues after that name. */
	repositories(opts?: OpOptions & { last?: string }): AsyncIterable<string> {
		const url = new URL(`${this.client.origin}/v2/_catalog`);
		if (this.opts.catalogPageSize !== undefined) url.searchParams.set("n", String(this.opts.catalogPageSize));
		if (opts?.last) url.searchParams.set("last", opts.last);
		return listPages({
			transport: this.client.transport,
			first: url,
			field: "repositories",
			scopes: [CATALOG_SCOPE],
			signal: combineSignals(this.client.signal, opts?.signal),
			hint: (status) => (status === 401 || status === 403 ? `listing repositories needs catalog access on ${this.name}` : undefined),
			what: `repositories of ${this.name}`,
			...(this.opts.listLimits ? { limits: this.opts.listLimits } : {}),
		});
	}

	/** A repository on this registry sharing its client (options other than the client may be given per repository). */
	repository(name: string, opts: Omit<RepositoryOptions, keyof RemoteOptions | "client"> = {}): Repository {
		return new Repository({ registry: this.name, repository: name }, { ...this.opts, ...opts, client: this.client });
	}

	/** Closes idle sockets. */
	close(): void {
		this.client.close();
	}
}
