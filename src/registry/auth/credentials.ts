/**
 * Credential store compatible with docker and the oras CLI (https://docs.docker.com/reference/cli/docker/login/#credential-stores,
 * https://pkg.go.dev/oras.land/oras-go/v2/registry/remote/credentials):
 * config files from `--registry-config` (first read/write, the rest read-only fallbacks), else
 * `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; per server address the
 * `credHelpers` entry, else `credsStore`, else the file's `auths`.
 */
import { homedir as osHomedir } from "node:os";
import { join } from "node:path";
import { OrasError } from "../../errors.js";
import { type Credential, type CredentialFunc, type CredentialStore, EMPTY_CREDENTIAL, isEmptyCredential } from "./credential.js";
import { DockerConfig, FileCredentialStore, serverAddressFromRegistry, validateCredentialFormat } from "./docker-config.js";
import { type HelperOptions, HelperCredentialStore } from "./helper.js";

export {
	DOCKER_HUB_SERVER_ADDRESS,
	DockerConfig,
	FileCredentialStore,
	serverAddressFromRegistry,
	toHostname,
	validateCredentialFormat,
} from "./docker-config.js";
export {
	CREDENTIALS_NOT_FOUND_MESSAGE,
	DEFAULT_HELPER_TIMEOUT_MS,
	HelperCredentialStore,
	type HelperOptions,
	IDENTITY_TOKEN_USERNAME,
} from "./helper.js";

export interface CredentialStoreOptions {
	/** `--registry-config` paths: the first is read and written, the rest are read-only fallbacks. */
	readonly configPaths?: readonly string[];
	/** Environment: `DOCKER_CONFIG` picks the config directory; also passed to credential helpers (PATH). */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Home directory for `~/.docker/config.json`. Default: `os.homedir()`. */
	readonly homedir?: string;
	/** Credential helper timeout (ms). */
	readonly helperTimeoutMs?: number;
	/** Where credential helpers' stderr goes (default `inherit`). */
	readonly helperStderr?: "inherit" | "ignore";
}

/** The config files in lookup order (the first one is the one written). */
export function resolveConfigPaths(opts: CredentialStoreOptions = {}): string[] {
	const given = (opts.configPaths ?? []).filter((p) => p !== "");
	if (given.length > 0) return [...given];
	const dockerConfig = opts.env?.DOCKER_CONFIG;
	if (dockerConfig) return [join(dockerConfig, "config.json")];
	const home = opts.homedir ?? osHomedir();
	if (!home) throw new OrasError("INVALID_ARGUMENT", "cannot locate the docker config file: no home directory");
	return [join(home, ".docker", "config.json")];
}

/**
 * One docker config file with its helpers: for each server address, `credHelpers[address]`,
 * else `credsStore`, else the file's `auths`. With a helper the secret never touches the file.
 */
export class DockerCredentialStore implements CredentialStore {
	readonly path: string;
	private readonly file: FileCredentialStore;
	private readonly helperOptions: HelperOptions;

	constructor(path: string, helperOptions: HelperOptions = {}) {
		this.path = path;
		this.file = new FileCredentialStore(path);
		this.helperOptions = helperOptions;
	}

	/** The store responsible for `serverAddress` (reads the config to find `credHelpers`/`credsStore`). */
	async storeFor(serverAddress: string): Promise<CredentialStore> {
		const cfg = await DockerConfig.load(this.path);
		const helper = cfg.helperFor(serverAddressFromRegistry(serverAddress));
		return helper ? new HelperCredentialStore(helper, this.helperOptions) : this.file;
	}

	async get(serverAddress: string): Promise<Credential> {
		return (await this.storeFor(serverAddress)).get(serverAddress);
	}

	async put(serverAddress: string, cred: Credential): Promise<void> {
		validateCredentialFormat(cred);
		await (await this.storeFor(serverAddress)).put(serverAddress, cred);
	}

	async delete(serverAddress: string): Promise<void> {
		await (await this.storeFor(serverAddress)).delete(serverAddress);
	}
}

/** `get` tries each store in order until a non-empty credential; `put`/`delete` use the first only. */
export class CredentialStoreWithFallbacks implements CredentialStore {
	readonly stores: readonly CredentialStore[];

	constructor(primary: CredentialStore, ...fallbacks: CredentialStore[]) {
		this.stores = [primary, ...fallbacks];
	}

	async get(serverAddress: string): Promise<Credential> {
		for (const s of this.stores) {
			const cred = await s.get(serverAddress);
			if (!isEmptyCredential(cred)) return cred;
		}
		return EMPTY_CREDENTIAL;
	}

	put(serverAddress: string, cred: Credential): Promise<void> {
		return (this.stores[0] as CredentialStore).put(serverAddress, cred);
	}

	delete(serverAddress: string): Promise<void> {
		return (this.stores[0] as CredentialStore).delete(serverAddress);
	}
}

/** A credential store that also tells which config files it uses (the first is the one written). */
export interface ConfiguredCredentialStore extends CredentialStore {
	readonly paths: readonly string[];
}

/** The CLI's credential store: config files from `resolveConfigPaths(opts)`, helpers run with `opts.env`. */
export function createCredentialStore(opts: CredentialStoreOptions = {}): ConfiguredCredentialStore {
	const paths = resolveConfigPaths(opts);
	const helperOptions: HelperOptions = {
		...(opts.env ? { env: opts.env } : {}),
		...(opts.helperTimeoutMs !== undefined ? { timeoutMs: opts.helperTimeoutMs } : {}),
		...(opts.helperStderr ? { stderr: opts.helperStderr } : {}),
	};
	const [first, ...rest] = paths.map((p) => new DockerCredentialStore(p, helperOptions));
	const store: CredentialStore = rest.length === 0 ? (first as DockerCredentialStore) : new CredentialStoreWithFallbacks(first as DockerCredentialStore, ...rest);
	return {
		paths,
		get: (address) => store.get(address),
		put: (address, cred) => store.put(address, cred),
		delete: (address) => store.delete(address),
	};
}

/** A `CredentialFunc` reading `store` (Docker Hub host names map to `https://index.docker.io/v1/`). */
export function credentialFuncFromStore(store: CredentialStore): CredentialFunc {
	return (hostport: string) => store.get(serverAddressFromRegistry(hostport));
}

/**
 * A fixed credential (the CLI's `-u/-p`). With `registry` it is given only to that host
 * (`docker.io` meaning `registry-1.docker.io`, where Docker Hub traffic goes), like oras-go's
 * `StaticCredential`; without it, to every host asked about.
 */
export function staticCredential(cred: Credential, registry?: string): CredentialFunc {
	const frozen: Credential = Object.freeze({ ...cred });
	if (registry === undefined) return async () => frozen;
	const host = registry === "docker.io" ? "registry-1.docker.io" : registry;
	return async (hostport: string) => (hostport === host ? frozen : EMPTY_CREDENTIAL);
}
