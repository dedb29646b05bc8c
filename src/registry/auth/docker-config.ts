/**
 * The docker CLI config file (`config.json`) as a credential store, compatible with docker and
 * oras-go's `credentials` package: `auths` entries keyed by server address, `credsStore` and
 * `credHelpers` naming native helpers, every other key preserved untouched on write.
 */
import { chmod, mkdir, readFile, realpath } from "node:fs/promises";
import { dirname } from "node:path";
import { writeFileAtomic } from "../../content/internal/fsutil.js";
import { OrasError } from "../../errors.js";
import { type Credential, type CredentialStore, EMPTY_CREDENTIAL } from "./credential.js";
import { parseSecretJSON } from "./secret-json.js";

/** Key docker uses for Docker Hub credentials. */
export const DOCKER_HUB_SERVER_ADDRESS = "https://index.docker.io/v1/";

const DOCKER_HUB_NAMES: ReadonlySet<string> = new Set(["docker.io", "registry-1.docker.io", "index.docker.io"]);

/**
 * Maps a registry name (`host[:port]` as written, or the host actually contacted) to the key
 * credentials are stored under: Docker Hub names become `https://index.docker.io/v1/`.
 */
export function serverAddressFromRegistry(registry: string): string {
	return DOCKER_HUB_NAMES.has(registry) ? DOCKER_HUB_SERVER_ADDRESS : registry;
}

/** Strips `http://`/`https://` and any path: `https://host:5000/v2/` → `host:5000`. */
export function toHostname(address: string): string {
	let a = address;
	if (a.startsWith("http://")) a = a.slice("http://".length);
	else if (a.startsWith("https://")) a = a.slice("https://".length);
	const slash = a.indexOf("/");
	return slash >= 0 ? a.slice(0, slash) : a;
}

/** An `auths` entry as docker writes it. */
export interface AuthConfigEntry {
	auth?: string;
	identitytoken?: string;
	registrytoken?: string;
	username?: string;
	password?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
	return typeof v === "object" && v !== null && !Array.isArray(v);
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes an `auths` entry (`auth` overrides legacy `username`/`password`). Never echoes secrets in errors. */
export function credentialFromAuthEntry(entry: unknown, where: string): Credential {
	if (!isObject(entry)) {
		throw new OrasError("INVALID_ARGUMENT", `invalid config format: auths entry for ${where} is not an object`);
	}
	const field = (name: keyof AuthConfigEntry): string => {
		const v = entry[name];
		if (v === undefined || v === null) return "";
		if (typeof v !== "string") {
			throw new OrasError("INVALID_ARGUMENT", `invalid config format: field "${name}" of the auths entry for ${where} is not a string`);
		}
		return v;
	};
	let username = field("username");
	let password = field("password");
	const auth = field("auth");
	if (auth !== "") {
		if (!BASE64_RE.test(auth)) {
			throw new OrasError("INVALID_ARGUMENT", `invalid config format: field "auth" of the auths entry for ${where} is not valid base64`);
		}
		const decoded = Buffer.from(auth, "base64").toString("utf8");
		const colon = decoded.indexOf(":");
		if (colon < 0) {
			throw new OrasError(
				"INVALID_ARGUMENT",
				`invalid config format: field "auth" of the auths entry for ${where} does not conform to base64(username:password)`,
			);
		}
		username = decoded.slice(0, colon);
		password = decoded.slice(colon + 1);
	}
	const out: { username?: string; password?: string; refreshToken?: string; accessToken?: string } = {};
	if (username !== "") out.username = username;
	if (password !== "") out.password = password;
	const identity = field("identitytoken");
	if (identity !== "") out.refreshToken = identity;
	const registryToken = field("registrytoken");
	if (registryToken !== "") out.accessToken = registryToken;
	return out;
}

/** Encodes a credential as docker's `{"auth","identitytoken","registrytoken"}` entry, empties omitted. */
export function authEntryFromCredential(cred: Credential): AuthConfigEntry {
	const entry: AuthConfigEntry = {};
	const user = cred.username ?? "";
	const pass = cred.password ?? "";
	if (user !== "" || pass !== "") entry.auth = Buffer.from(`${user}:${pass}`, "utf8").toString("base64");
	if (cred.refreshToken) entry.identitytoken = cred.refreshToken;
	if (cred.accessToken) entry.registrytoken = cred.accessToken;
	return entry;
}

/** Rejects credentials docker's `auth` encoding cannot represent. */
export function validateCredentialFormat(cred: Credential): void {
	if (cred.username?.includes(":")) {
		throw new OrasError("INVALID_ARGUMENT", "bad credential format: colons(:) are not allowed in username");
	}
}

/** A parsed docker config file; `content` keeps every top-level key as read. */
export class DockerConfig {
	readonly path: string;
	readonly content: JsonObject;

	constructor(path: string, content: JsonObject) {
		this.path = path;
		this.content = content;
	}

	/** Reads `path`; a missing or empty (whitespace-only) file is an empty config. */
	static async load(path: string): Promise<DockerConfig> {
		let text: string;
		try {
			text = await readFile(path, "utf8");
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code === "ENOENT") return new DockerConfig(path, {});
			throw new OrasError("INVALID_ARGUMENT", `failed to read config file ${path}: ${(err as Error).message}`, { cause: err });
		}
		if (text.trim() === "") return new DockerConfig(path, {});
		// Never V8's message: it quotes the file, tokens included.
		const parsed = parseSecretJSON(text, (what) => new OrasError("INVALID_ARGUMENT", `invalid config format: failed to parse config file ${path}: ${what}`));
		if (!isObject(parsed)) {
			throw new OrasError("INVALID_ARGUMENT", `invalid config format: config file ${path} is not a JSON object`);
		}
		for (const key of ["auths", "credHelpers"]) {
			const v = parsed[key];
			if (v !== undefined && v !== null && !isObject(v)) {
				throw new OrasError("INVALID_ARGUMENT", `invalid config format: "${key}" in config file ${path} is not an object`);
			}
		}
		const cs = parsed.credsStore;
		if (cs !== undefined && cs !== null && typeof cs !== "string") {
			throw new OrasError("INVALID_ARGUMENT", `invalid config format: "credsStore" in config file ${path} is not a string`);
		}
		return new DockerConfig(path, parsed);
	}

	private auths(): JsonObject {
		const a = this.content.auths;
		return isObject(a) ? a : {};
	}

	/** `credsStore`, or "" when unset. */
	credentialsStore(): string {
		const cs = this.content.credsStore;
		return typeof cs === "string" ? cs : "";
	}

	/** `credHelpers[serverAddress]` (also tried by hostname), or "" when unset. */
	credentialHelper(serverAddress: string): string {
		const helpers = this.content.credHelpers;
		if (!isObject(helpers)) return "";
		for (const key of [serverAddress, toHostname(serverAddress)]) {
			const v = helpers[key];
			if (typeof v === "string" && v !== "") return v;
		}
		return "";
	}

	/** The helper responsible for `serverAddress` (`credHelpers` first, then `credsStore`), or "" for the file itself. */
	helperFor(serverAddress: string): string {
		return this.credentialHelper(serverAddress) || this.credentialsStore();
	}

	/** Exact `auths` key, else the first key whose hostname equals `serverAddress`. */
	getCredential(serverAddress: string): Credential {
		const auths = this.auths();
		if (Object.hasOwn(auths, serverAddress)) return credentialFromAuthEntry(auths[serverAddress], serverAddress);
		for (const [key, entry] of Object.entries(auths)) {
			if (toHostname(key) === serverAddress) return credentialFromAuthEntry(entry, key);
		}
		return EMPTY_CREDENTIAL;
	}

	putCredential(serverAddress: string, cred: Credential): void {
		const auths = { ...this.auths() };
		auths[serverAddress] = authEntryFromCredential(cred);
		this.content.auths = auths;
	}

	/** Removes the exact key; returns false when there was nothing to remove. */
	deleteCredential(serverAddress: string): boolean {
		const auths = this.auths();
		if (!Object.hasOwn(auths, serverAddress)) return false;
		const next = { ...auths };
		delete next[serverAddress];
		this.content.auths = next;
		return true;
	}

	/** Writes the file tab-indented via a 0600 temp file + rename in the same directory (created 0700). */
	async save(): Promise<void> {
		let target = this.path;
		try {
			target = await realpath(this.path);
		} catch {
			// does not exist yet: write to the path as given
		}
		await mkdir(dirname(target), { recursive: true, mode: 0o700 });
		const text = JSON.stringify(this.content, null, "\t");
		try {
			await writeFileAtomic(target, text, { mode: 0o600 });
			await chmod(target, 0o600);
		} catch (err) {
			throw new OrasError("INVALID_ARGUMENT", `failed to save config file ${target}: ${(err as Error).message}`, { cause: err });
		}
	}
}

/**
 * The credentials kept in the `auths` section of one config file (docker's "file store").
 * Each call re-reads the file, so changes by other processes are seen and not clobbered.
 */
export class FileCredentialStore implements CredentialStore {
	readonly path: string;
	private queue: Promise<unknown> = Promise.resolve();

	constructor(path: string) {
		this.path = path;
	}

	async get(serverAddress: string): Promise<Credential> {
		const cfg = await DockerConfig.load(this.path);
		return cfg.getCredential(serverAddressFromRegistry(serverAddress));
	}

	async put(serverAddress: string, cred: Credential): Promise<void> {
		validateCredentialFormat(cred);
		await this.serialize(async () => {
			const cfg = await DockerConfig.load(this.path);
			cfg.putCredential(serverAddressFromRegistry(serverAddress), cred);
			await cfg.save();
		});
	}

	async delete(serverAddress: string): Promise<void> {
		await this.serialize(async () => {
			const cfg = await DockerConfig.load(this.path);
			if (cfg.deleteCredential(serverAddressFromRegistry(serverAddress))) await cfg.save();
		});
	}

	/** Read-modify-write cycles of this instance run one at a time. */
	private serialize(fn: () => Promise<void>): Promise<void> {
		const run = this.queue.then(fn, fn);
		this.queue = run.catch(() => undefined);
		return run;
	}
}
