import { OrasError } from "../errors.js";
import { type Digest, parseDigest } from "./digest.js";

const REPOSITORY_RE = /^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;

/** A remote reference `registry/repository[:tag|@digest]`. */
export interface Reference {
	readonly registry: string;
	readonly repository: string;
	/** Tag or digest; empty when the reference names only a repository. */
	readonly reference: string;
}

export function isValidTag(tag: string): boolean {
	return TAG_RE.test(tag);
}

export function isValidRepository(repo: string): boolean {
	return REPOSITORY_RE.test(repo);
}

function invalid(raw: string, why: string): OrasError {
	return new OrasError("INVALID_REFERENCE", `invalid reference: ${why}: ${JSON.stringify(raw)}`);
}

/** Checks that `host[:port]` or `[v6]:port` is a plain authority, as Go's url.ParseRequestURI would keep it. */
export function isValidRegistry(registry: string): boolean {
	if (registry === "" || /[/\s@?#]/.test(registry)) return false;
	let host = registry;
	let port: string | undefined;
	if (registry.startsWith("[")) {
		const end = registry.indexOf("]");
		if (end < 0) return false;
		host = registry.slice(1, end);
		const rest = registry.slice(end + 1);
		if (rest !== "") {
			if (!rest.startsWith(":")) return false;
			port = rest.slice(1);
		}
		if (!/^[0-9a-fA-F:.]+$/.test(host)) return false;
	} else {
		const colon = registry.lastIndexOf(":");
		if (colon >= 0) {
			host = registry.slice(0, colon);
			port = registry.slice(colon + 1);
		}
		if (!/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(host)) return false;
	}
	if (port !== undefined && !/^[0-9]*$/.test(port)) return false;
	return true;
}

/**
 * Parses `registry/repository[:tag|@digest]` with oras's rules: split at the first `/`;
 * an `@` marks a digest (a tag before it is dropped), else the first `:` marks a tag.
 * No default registry and no `library/` insertion, except `docker.io/<name>` which
 * means `docker.io/library/<name>` as in docker.
 */
export function parseReference(raw: string): Reference {
	const slash = raw.indexOf("/");
	if (slash < 0) throw invalid(raw, "missing registry or repository");
	const registry = raw.slice(0, slash);
	let rest = raw.slice(slash + 1);
	let reference = "";
	const at = rest.indexOf("@");
	if (at >= 0) {
		reference = rest.slice(at + 1);
		rest = rest.slice(0, at);
		const colon = rest.indexOf(":");
		if (colon >= 0) rest = rest.slice(0, colon);
		try {
			parseDigest(reference);
		} catch (err) {
			throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid digest ${JSON.stringify(reference)}: ${(err as Error).message}`, {
				cause: err,
			});
		}
	} else {
		const colon = rest.indexOf(":");
		if (colon >= 0) {
			reference = rest.slice(colon + 1);
			rest = rest.slice(0, colon);
			if (!isValidTag(reference)) throw invalid(raw, `invalid tag ${JSON.stringify(reference)}`);
		}
	}
	if (registry === "" || rest === "") throw invalid(raw, "missing registry or repository");
	if (!isValidRegistry(registry)) throw invalid(raw, `invalid registry ${JSON.stringify(registry)}`);
	let repository = rest;
	if (isDockerHub(registry) && !repository.includes("/")) repository = `library/${repository}`;
	if (!isValidRepository(repository)) throw invalid(raw, `invalid repository ${JSON.stringify(rest)}`);
	return { registry, repository, reference };
}

export function isDockerHub(registry: string): boolean {
	return registry === "docker.io" || registry === "registry-1.docker.io" || registry === "index.docker.io";
}

/** The host a registry name is contacted at (`docker.io` lives at `registry-1.docker.io`). */
export function registryHost(registry: string): string {
	return isDockerHub(registry) ? "registry-1.docker.io" : registry;
}

export function isDigestReference(r: Reference): boolean {
	return r.reference.includes(":");
}

export function referenceDigest(r: Reference): Digest | undefined {
	return isDigestReference(r) ? parseDigest(r.reference) : undefined;
}

/** `registry/repository` */
export function repositoryPath(r: Pick<Reference, "registry" | "repository">): string {
	return `${r.registry}/${r.repository}`;
}

export function formatReference(r: Reference): string {
	if (r.reference === "") return repositoryPath(r);
	return isDigestReference(r) ? `${repositoryPath(r)}@${r.reference}` : `${repositoryPath(r)}:${r.reference}`;
}

/** Splits `name:t1,t2` into the reference and the extra tags (push, cp destinations, manifest push). */
export function splitTagList(raw: string): { ref: string; extraTags: string[] } {
	const parts = raw.split(",");
	return { ref: parts[0] as string, extraTags: parts.slice(1) };
}

/**
 * Parses an OCI layout reference `<path>[:<tag>|@<digest>]`: the last `@`, else the last `:`
 * (a Windows drive letter is not a separator).
 */
export function parseLayoutReference(raw: string): { path: string; reference: string } {
	const at = raw.lastIndexOf("@");
	if (at >= 0) {
		const reference = raw.slice(at + 1);
		try {
			parseDigest(reference);
		} catch (err) {
			throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid digest ${JSON.stringify(reference)}: ${(err as Error).message}`, {
				cause: err,
			});
		}
		return { path: raw.slice(0, at), reference };
	}
	const colon = raw.lastIndexOf(":");
	if (colon < 0 || (colon === 1 && /^[A-Za-z]:[\\/]/.test(raw))) return { path: raw, reference: "" };
	const path = raw.slice(0, colon);
	const reference = raw.slice(colon + 1);
	if (path === "") throw invalid(raw, "missing layout path");
	return { path, reference };
}
