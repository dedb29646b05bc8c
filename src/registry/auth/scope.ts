/**
 * Authorization scopes (https://distribution.github.io/distribution/spec/auth/scope/): `repository:<name>:<actions>`, `registry:catalog:*`.
 * Cleaning merges actions per resource, sorts actions and scopes, lets `*` absorb the other
 * actions and drops scopes without actions. The cleaned, space-joined list is the token cache key.
 */
export const ACTION_PULL = "pull";
export const ACTION_PUSH = "push";
export const ACTION_DELETE = "delete";

/** `registry:catalog:*`, needed for `/v2/_catalog`. */
export const CATALOG_SCOPE = "registry:catalog:*";

export function repositoryScope(repository: string, ...actions: string[]): string {
	return `repository:${repository}:${actions.join(",")}`;
}

/** Sorted, merged, de-duplicated scopes. Malformed entries (fewer than three parts) are kept verbatim. */
export function cleanScopes(scopes: Iterable<string>): string[] {
	const byResource = new Map<string, Set<string> | "*">();
	const verbatim = new Set<string>();
	for (const raw of scopes) {
		const scope = raw.trim();
		if (scope === "") continue;
		// `type:name:actions`, split at the first two colons
		const firstColon = scope.indexOf(":");
		const secondColon = firstColon < 0 ? -1 : scope.indexOf(":", firstColon + 1);
		if (secondColon < 0) {
			verbatim.add(scope);
			continue;
		}
		const resource = scope.slice(0, secondColon);
		const actions = scope
			.slice(secondColon + 1)
			.split(",")
			.map((a) => a.trim())
			.filter((a) => a !== "");
		let set = byResource.get(resource);
		if (set === "*") continue;
		if (actions.includes("*")) {
			byResource.set(resource, "*");
			continue;
		}
		if (actions.length === 0) {
			if (set === undefined) byResource.set(resource, new Set());
			continue;
		}
		if (set === undefined) {
			set = new Set();
			byResource.set(resource, set);
		}
		for (const a of actions) set.add(a);
	}
	const out = [...verbatim];
	for (const [resource, actions] of byResource) {
		if (actions === "*") out.push(`${resource}:*`);
		else if (actions.size > 0) out.push(`${resource}:${[...actions].sort().join(",")}`);
	}
	return out.sort();
}

/** The token cache key for a set of scopes. */
export function scopeKey(scopes: Iterable<string>): string {
	return cleanScopes(scopes).join(" ");
}
