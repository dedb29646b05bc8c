/**
 * `login(registry, credential)` / `logout(registry)`: check a credential against the registry
 * (`GET /v2/` must answer 200) and keep it where docker and oras look (the docker config file,
 * or its `credsStore`/`credHelpers` helper); Docker Hub names are stored as `https://index.docker.io/v1/`.
 */
import { OrasError } from "../errors.js";
import type { Credential } from "../registry/auth/credential.js";
import { serverAddressFromRegistry, staticCredential } from "../registry/auth/credentials.js";
import { Registry } from "../registry/registry.js";
import { type CredentialsSource, credentialStoreOf, opOptions, repositoryOptions, type RemoteTargetOptions } from "./target.js";

export interface LoginOptions extends Omit<RemoteTargetOptions, "credential" | "layout"> {
	/** Check the credential with the registry first (default true). */
	readonly validate?: boolean | undefined;
}

export interface LogoutOptions {
	/** The store to remove the credential from (default: the docker config and its helpers). */
	readonly credentials?: Exclude<CredentialsSource, false> | undefined;
}

function storeFor(source: CredentialsSource | undefined) {
	const store = credentialStoreOf(source);
	if (!store) throw new OrasError("INVALID_ARGUMENT", "login/logout need a credential store: credentials must not be false");
	return store;
}

/** Checks `credential` with `registry` (`host[:port]`): `GET /v2/` must answer 200. Nothing is stored. */
export async function checkLogin(registry: string, credential: Credential, opts: Omit<LoginOptions, "credentials" | "validate"> = {}): Promise<void> {
	const reg = new Registry(registry, { ...repositoryOptions({ ...opts, credentials: false }, registry), credential: staticCredential(credential, registry) });
	try {
		await reg.ping(opOptions(opts));
	} finally {
		reg.close();
	}
}

/** Validates `credential` for `registry` (`host[:port]`) and stores it. Returns the key it was stored under. */
export async function login(registry: string, credential: Credential, opts: LoginOptions = {}): Promise<string> {
	const store = storeFor(opts.credentials);
	if (opts.validate !== false) {
		const { credentials: _c, validate: _v, ...rest } = opts;
		await checkLogin(registry, credential, rest);
	}
	const address = serverAddressFromRegistry(registry);
	await store.put(address, credential);
	return address;
}

/** Removes the stored credential of `registry` (nothing stored is not an error). */
export async function logout(registry: string, opts: LogoutOptions = {}): Promise<void> {
	await storeFor(opts.credentials).delete(serverAddressFromRegistry(registry));
}
