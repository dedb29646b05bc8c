/** A credential for one registry host, as docker and oras store them. */
export interface Credential {
	readonly username?: string;
	readonly password?: string;
	/** OAuth2 refresh token (docker's `identitytoken`). */
	readonly refreshToken?: string;
	/** A registry access token used as is (docker's `registrytoken`). */
	readonly accessToken?: string;
}

export const EMPTY_CREDENTIAL: Credential = Object.freeze({});

export function isEmptyCredential(c: Credential): boolean {
	return !c.username && !c.password && !c.refreshToken && !c.accessToken;
}

/** Looks up the credential for `host[:port]` (the registry name as written, e.g. `docker.io`, `localhost:5000`). */
export type CredentialFunc = (hostport: string) => Promise<Credential>;

/** Where credentials are kept (docker config file, credential helpers). */
export interface CredentialStore {
	get(serverAddress: string): Promise<Credential>;
	put(serverAddress: string, cred: Credential): Promise<void>;
	delete(serverAddress: string): Promise<void>;
}
