import { isIPv6 } from "node:net";
import { OrasError } from "../errors.js";
import { type Digest, isDigest, parseDigest } from "./digest.js";

/**
 * The repository grammar of the distribution spec,
 * `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:/…)*`, rewritten so that every separator is
 * non-empty: the language is identical but a backtracking engine needs linear time
 * (the literal form is exponential on inputs such as `aaaa…a!`).
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REPOSITORY_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG_RE = /^\w[\w.-]{0,127}$/;

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

function invalid(why: string, cause?: unknown): OrasError {
	return new OrasError("INVALID_REFERENCE", `invalid reference: ${why}`, cause === undefined ? undefined : { cause });
}

/** Characters Go's url parser keeps unchanged in a host (no `%` escapes, no `<>"` which WHATWG URLs refuse). */
const HOST_RE = /^[A-Za-z0-9._~!$&'()*+,;=-]+$/;

/**
 * Checks that `host`, `host:port` or `[v6]:port` is an authority that
 * `url.ParseRequestURI("dummy://" + registry)` would keep unchanged as its host (the
 * port may be empty or any digits). A second `:` outside brackets is refused, as by Go 1.25+.
 */
export function isValidRegistry(registry: string): boolean {
	if (registry === "") return false;
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
		if (host.includes("%") || !isIPv6(host)) return false;
	} else {
		const colon = registry.indexOf(":");
		if (colon >= 0) {
			host = registry.slice(0, colon);
			port = registry.slice(colon + 1);
		}
		if (!HOST_RE.test(host)) return false;
	}
	return port === undefined || /^[0-9]*$/.test(port);
}

function checkDigest(reference: string): void {
	try {
		parseDigest(reference);
	} catch (err) {
		throw invalid((err as Error).message, err);
	}
}

/**
 * Parses `registry/repository[:tag|@digest]` with oras-go's rules: split at the first `/`;
 * in the rest an `@` marks a digest (a `:tag` before it is dropped unvalidated), else the
 * first `:` marks a tag. An empty tag or digest (`repo:`, `repo@`) means no reference.
 * Registry, then repository, then the tag or digest are validated. There is no default
 * registry; the one deliberate difference from oras is that `docker.io/<name>` (and
 * `index.docker.io`, `registry-1.docker.io`) means `…/library/<name>`, as in docker.
 *
 * Errors are INVALID_REFERENCE with Go's messages (`invalid reference: invalid tag "x"`);
 * the CLI prefixes the raw argument.
 */
export function parseReference(raw: string): Reference {
	const slash = raw.indexOf("/");
	if (slash < 0) throw invalid("missing registry or repository");
	const registry = raw.slice(0, slash);
	let repository = raw.slice(slash + 1);
	let reference = "";
	let isTag = false;
	const at = repository.indexOf("@");
	if (at >= 0) {
		reference = repository.slice(at + 1);
		repository = repository.slice(0, at);
		const colon = repository.indexOf(":");
		if (colon >= 0) repository = repository.slice(0, colon);
	} else {
		const colon = repository.indexOf(":");
		if (colon >= 0) {
			isTag = true;
			reference = repository.slice(colon + 1);
			repository = repository.slice(0, colon);
		}
	}
	if (!isValidRegistry(registry)) throw invalid(`invalid registry ${JSON.stringify(registry)}`);
	if (!isValidRepository(repository)) throw invalid(`invalid repository ${JSON.stringify(repository)}`);
	if (isDockerHub(registry) && !repository.includes("/")) repository = `library/${repository}`;
	if (reference !== "") {
		if (isTag) {
			if (!isValidTag(reference)) throw invalid(`invalid tag ${JSON.stringify(reference)}`);
		} else {
			checkDigest(reference);
		}
	}
	return { registry, repository, reference };
}

/** Parses a reference that must name a tag or digest (pull, cp source, resolve, tag). */
export function parseReferenceWithTagOrDigest(raw: string): Reference {
	const ref = parseReference(raw);
	if (ref.reference === "") {
		throw new OrasError("INVALID_REFERENCE", "no tag or digest when expecting <name:tag|name@digest>");
	}
	return ref;
}

export function isDockerHub(registry: string): boolean {
	return registry === "docker.io" || registry === "registry-1.docker.io" || registry === "index.docker.io";
}

/** The host a registry name is contacted at (`docker.io` lives at `registry-1.docker.io`). */
export function registryHost(registry: string): string {
	return isDockerHub(registry) ? "registry-1.docker.io" : registry;
}

export function isDigestReference(r: Pick<Reference, "reference">): boolean {
	return r.reference.includes(":");
}

export function isTagReference(r: Pick<Reference, "reference">): boolean {
	return r.reference !== "" && !r.reference.includes(":");
}

export function referenceDigest(r: Pick<Reference, "reference">): Digest | undefined {
	return isDigestReference(r) ? parseDigest(r.reference) : undefined;
}

/** `registry/repository` */
export function repositoryPath(r: Pick<Reference, "registry" | "repository">): string {
	return `${r.registry}/${r.repository}`;
}

/** `registry/repository`, `…:tag` or `…@digest`; parseReference(formatReference(r)) gives r back. */
export function formatReference(r: Reference): string {
	if (r.reference === "") return repositoryPath(r);
	return isDigestReference(r) ? `${repositoryPath(r)}@${r.reference}` : `${repositoryPath(r)}:${r.reference}`;
}

/** Splits `name:t1,t2` at every `,` into the reference and the extra tags (push, cp destinations, manifest push). */
export function splitTagList(raw: string): { ref: string; extraTags: string[] } {
	const parts = raw.split(",");
	return { ref: parts[0] as string, extraTags: parts.slice(1) };
}

/** A reference into an OCI image layout: a directory (or tar) path and a tag or digest ("" = none). */
export interface LayoutReference {
	readonly path: string;
	readonly reference: string;
}

const DRIVE_RE = /^[A-Za-z]:[\\/]/;

/**
 * Parses an `--oci-layout` argument `<path>[:<tag>|@<digest>]`: the last `@` marks a
 * digest (validated), else the last `:` marks a tag, except the `:` of a Windows drive
 * (`C:\dir`, `C:/dir`), which is part of the path on every platform. Layout tags only need
 * to be non-empty; `dir:` is the path `dir` with no tag. An empty path is INVALID_REFERENCE.
 */
export function parseLayoutReference(raw: string): LayoutReference {
	const at = raw.lastIndexOf("@");
	if (at >= 0) {
		const path = raw.slice(0, at);
		const reference = raw.slice(at + 1);
		if (path === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
		if (reference !== "") checkDigest(reference);
		return { path, reference };
	}
	const colon = raw.lastIndexOf(":");
	if (colon < 0 || (colon === 1 && DRIVE_RE.test(raw))) {
		if (raw === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
		return { path: raw, reference: "" };
	}
	const path = raw.slice(0, colon);
	if (path === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
	return { path, reference: raw.slice(colon + 1) };
}

/** `--oci-layout-path <dir>`: the whole argument is the tag or digest, verbatim. */
export function layoutPathReference(dir: string, raw: string): LayoutReference {
	if (dir === "") throw invalid("found empty file path");
	return { path: dir, reference: raw };
}

/** Display form of a layout reference: `path`, `path:tag` or `path@digest`. */
export function formatLayoutReference(r: LayoutReference): string {
	if (r.reference === "") return r.path;
	return isDigest(r.reference) ? `${r.path}@${r.reference}` : `${r.path}:${r.reference}`;
}
