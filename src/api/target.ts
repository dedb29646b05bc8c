/**
 * The high-level API's targets: a reference string names either a registry repository
 * (`ghcr.io/me/app:v1`, `localhost:5000/app@sha256:…`) or an OCI image layout
 * (`oci-layout:./dir:v1`, `oci-layout:/abs/dir@sha256:…`, or any string with `{ layout: true }`).
 * Registry credentials come from the docker config (`~/.docker/config.json`, `$DOCKER_CONFIG`,
 * `credsStore`/`credHelpers`) unless `credentials: false` or a custom store is given.
 */
import { resolve as resolvePath } from "node:path";
import { OciLayoutStore, openOciLayout } from "../content/oci-layout/index.js";
import { withReadCache } from "../content/read-cache.js";
import type { OpOptions, ReadOnlyTarget, Target } from "../content/storage.js";
import { OrasError } from "../errors.js";
import { parseLayoutReference, parseReference, type Reference, repositoryPath } from "../oci/reference.js";
import type { Credential, CredentialFunc, CredentialStore } from "../registry/auth/credential.js";
import { createCredentialStore, type CredentialStoreOptions, credentialFuncFromStore, staticCredential } from "../registry/auth/credentials.js";
import { createRepository, type Repository, type RepositoryOptions } from "../registry/index.js";

/** Prefix marking a reference as an OCI image layout path: `oci-layout:<path>[:<tag>|@<digest>]` (`oci-layout://<path>` too). */
export const LAYOUT_PREFIX = "oci-layout:";

/** Where registry credentials come from: the docker config (default), another set of config files, a store, or nowhere. */
export type CredentialsSource = false | CredentialStore | CredentialStoreOptions;

/** Connection and credential options of every high-level operation (all of `RepositoryOptions` but the client itself). */
export interface RemoteTargetOptions extends Omit<RepositoryOptions, "credential" | "signal" | "client"> {
	/** Cancels the operation. */
	readonly signal?: AbortSignal | undefined;
	/** The reference is an OCI image layout `<path>[:<tag>|@<digest>]` even without the `oci-layout:` prefix. */
	readonly layout?: boolean | undefined;
	/** A credential for this registry only (or a lookup per host); replaces the credential store. */
	readonly credential?: Credential | CredentialFunc | undefined;
	/**
	 * Where stored credentials are read (and `login` writes): by default the docker config with its
	 * helpers, as docker and oras find it (`DOCKER_CONFIG`, `~/.docker/config.json`); `false` reads none.
	 */
	readonly credentials?: CredentialsSource | undefined;
	/** Relative paths (OCI layouts, the read cache; a push's files) resolve against this directory (default `process.cwd()`). */
	readonly cwd?: string | undefined;
	/**
	 * Reads from a registry go through the OCI image layout at this directory, which keeps what was
	 * read and serves it next time (what `ORAS_CACHE` does for the CLI). Read-only operations only.
	 */
	readonly readCache?: string | undefined;
}

/** A parsed reference: a registry repository or an OCI layout, with its tag or digest ("" = none). */
export type ParsedReference =
	| { readonly kind: "registry"; readonly raw: string; readonly reference: string; readonly name: string; readonly ref: Reference }
	| { readonly kind: "oci-layout"; readonly raw: string; readonly reference: string; readonly name: string; readonly path: string };

/** Parses a high-level reference (see the module comment); `name` is `registry/repository` or the layout path. */
export function parseTargetReference(raw: string, layout = false): ParsedReference {
	let rest: string | undefined;
	if (raw.startsWith(`${LAYOUT_PREFIX}//`)) rest = raw.slice(LAYOUT_PREFIX.length + 2);
	else if (raw.startsWith(LAYOUT_PREFIX)) rest = raw.slice(LAYOUT_PREFIX.length);
	else if (layout) rest = raw;
	if (rest !== undefined) {
		const { path, reference } = parseLayoutReference(rest);
		return { kind: "oci-layout", raw, reference, name: path, path };
	}
	const ref = parseReference(raw);
	return { kind: "registry", raw, reference: ref.reference, name: repositoryPath(ref), ref };
}

/** `name@digest`, the canonical form of what an operation produced. */
export function canonicalReference(t: ParsedReference, digest: string): string {
	return t.kind === "oci-layout" ? `${LAYOUT_PREFIX}${t.path}@${digest}` : `${t.name}@${digest}`;
}

/** The credential store `source` names (undefined for `false`). */
export function credentialStoreOf(source: CredentialsSource | undefined): CredentialStore | undefined {
	if (source === false) return undefined;
	if (source !== undefined && typeof (source as Partial<CredentialStore>).get === "function") return source as CredentialStore;
	const opts = (source ?? {}) as CredentialStoreOptions;
	return createCredentialStore({ env: process.env, ...opts });
}

function credentialFor(opts: RemoteTargetOptions, registry: string): Credential | CredentialFunc | undefined {
	const c = opts.credential;
	if (typeof c === "function") return c;
	if (c !== undefined) return staticCredential(c, registry);
	const store = credentialStoreOf(opts.credentials);
	return store ? credentialFuncFromStore(store) : undefined;
}

/** The options of `RemoteTargetOptions` that are not repository options. */
const OWN_KEYS = new Set(["layout", "credential", "credentials", "signal", "cwd", "readCache"]);

/** Repository options from high-level options: everything but our own keys, plus the credential and signal. */
export function repositoryOptions(opts: RemoteTargetOptions, registry: string, extra: Partial<RepositoryOptions> = {}): RepositoryOptions {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(opts)) if (!OWN_KEYS.has(k) && v !== undefined) out[k] = v;
	const credential = credentialFor(opts, registry);
	if (credential !== undefined) out.credential = credential;
	if (opts.signal) out.signal = opts.signal;
	return { ...(out as RepositoryOptions), ...extra };
}

/** An opened target; `close()` releases the registry connections. */
export interface OpenedTarget<T> {
	readonly target: T;
	readonly parsed: ParsedReference;
	/** The registry repository behind `target` (undefined for an OCI layout). */
	readonly repository: Repository | undefined;
	close(): void;
}

/**
 * What an operation works on: a reference string (see the module comment), a parsed reference, or
 * a target already opened with `openTarget` (used as is and left open: the caller closes it).
 */
export type TargetInput<T> = string | ParsedReference | OpenedTarget<T>;

/**
 * Opens a parsed reference: an OCI image layout (read-only for reads), or a registry repository
 * with the connection options and credentials of `opts` (its scope `pull`, or `pull,push` to
 * write; `extra` overrides). The one place the library and the CLI open targets.
 */
export async function openTarget(parsed: ParsedReference, opts: RemoteTargetOptions, mode: "read", extra?: Partial<RepositoryOptions>): Promise<OpenedTarget<ReadOnlyTarget>>;
export async function openTarget(parsed: ParsedReference, opts: RemoteTargetOptions, mode: "write", extra?: Partial<RepositoryOptions>): Promise<OpenedTarget<Target>>;
export async function openTarget(
	parsed: ParsedReference,
	opts: RemoteTargetOptions,
	mode: "read" | "write",
	extra: Partial<RepositoryOptions> = {},
): Promise<OpenedTarget<ReadOnlyTarget | Target>> {
	const cwd = opts.cwd ?? process.cwd();
	if (parsed.kind === "oci-layout") {
		const path = resolvePath(cwd, parsed.path);
		const target = mode === "read" ? await openOciLayout(path, { readOnly: true }) : await openOciLayout(path);
		return { target, parsed, repository: undefined, close: () => {} };
	}
	const scopeActions = mode === "read" ? ["pull"] : ["pull", "push"];
	const repo = createRepository(parsed.ref, repositoryOptions(opts, parsed.ref.registry, { scopeActions, ...extra }));
	let target: ReadOnlyTarget | Target = repo;
	if (mode === "read" && opts.readCache) {
		try {
			target = withReadCache(repo, await OciLayoutStore.open(resolvePath(cwd, opts.readCache)));
		} catch (err) {
			repo.client.close();
			throw err;
		}
	}
	return { target, parsed, repository: repo, close: () => repo.client.close() };
}

/** Opens `input` (see `TargetInput`); a target opened by the caller comes back as is, with a `close()` that leaves it open. */
export async function useTarget(input: TargetInput<ReadOnlyTarget>, opts: RemoteTargetOptions, mode: "read", extra?: Partial<RepositoryOptions>): Promise<OpenedTarget<ReadOnlyTarget>>;
export async function useTarget(input: TargetInput<Target>, opts: RemoteTargetOptions, mode: "write", extra?: Partial<RepositoryOptions>): Promise<OpenedTarget<Target>>;
export async function useTarget(
	input: TargetInput<ReadOnlyTarget> | TargetInput<Target>,
	opts: RemoteTargetOptions,
	mode: "read" | "write",
	extra?: Partial<RepositoryOptions>,
): Promise<OpenedTarget<ReadOnlyTarget | Target>> {
	if (typeof input !== "string" && "parsed" in input) return { ...input, close: () => {} };
	return openTarget(parsedInput(input, opts), opts, mode as "write", extra);
}

/** The parsed reference `input` names. */
export function parsedInput(input: TargetInput<unknown>, opts: Pick<RemoteTargetOptions, "layout">): ParsedReference {
	if (typeof input === "string") return parseTargetReference(input, opts.layout === true);
	return "parsed" in input ? input.parsed : input;
}

/** Opens `input`, runs `fn`, and closes what it opened whatever happens. */
export async function withTarget<R>(
	input: TargetInput<ReadOnlyTarget>,
	opts: RemoteTargetOptions,
	mode: "read",
	fn: (t: OpenedTarget<ReadOnlyTarget>) => Promise<R>,
	extra?: Partial<RepositoryOptions>,
): Promise<R>;
export async function withTarget<R>(
	input: TargetInput<Target>,
	opts: RemoteTargetOptions,
	mode: "write",
	fn: (t: OpenedTarget<Target>) => Promise<R>,
	extra?: Partial<RepositoryOptions>,
): Promise<R>;
export async function withTarget<R>(
	input: TargetInput<ReadOnlyTarget> | TargetInput<Target>,
	opts: RemoteTargetOptions,
	mode: "read" | "write",
	fn: (t: OpenedTarget<ReadOnlyTarget> & OpenedTarget<Target>) => Promise<R>,
	extra?: Partial<RepositoryOptions>,
): Promise<R> {
	const opened = await useTarget(input as TargetInput<Target>, opts, mode as "write", extra);
	try {
		return await fn(opened);
	} finally {
		opened.close();
	}
}

/** A reference that must name a tag or digest. */
export function requireReference(t: ParsedReference, what: string): string {
	if (t.reference === "") {
		throw new OrasError("INVALID_REFERENCE", `invalid reference: no tag or digest in ${JSON.stringify(t.raw)} (${what} needs one)`, {
			hint: `e.g. ${t.raw}:latest`,
		});
	}
	return t.reference;
}

/** The core's `OpOptions` (just the signal) from a high-level call's options. */
export function opOptions(opts: { readonly signal?: AbortSignal | undefined }): OpOptions {
	return { signal: opts.signal };
}
