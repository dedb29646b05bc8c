/**
 * oras's BinaryTarget flag group (cp): every Remote/Target flag twice, as `--from-*` for the
 * source and `--to-*` for the destination (no short forms, no stdin secrets), plus a shared
 * `--resolve` whose rules come before each side's own (later wins). Each side is turned back
 * into plain `TargetFlags` so `remote.ts` opens it like any other target.
 */
import { type Command, Option } from "commander";
import { OrasError } from "../../errors.js";
import type { ReferrersState } from "../../registry/repository.js";
import { collect } from "./common.js";
import { DISTRIBUTION_SPEC_API, DISTRIBUTION_SPEC_TAG, parseDistributionSpec } from "./distribution.js";
import type { TargetFlags } from "./remote.js";

export type Side = "from" | "to";

const DESCRIPTION: Record<Side, string> = { from: "source", to: "destination" };

/** The per-side flags commander produces (`--from-username` → `fromUsername`). */
export interface BinaryTargetFlags {
	readonly resolve?: string[];
	readonly debug?: boolean;
	readonly [key: string]: unknown;
}

/** Adds `--from-*`, `--to-*` (Target + DistributionSpec when `distributionSpec`) and the shared `--resolve`. */
export function addBinaryTargetFlags(cmd: Command, opts: { distributionSpec?: boolean } = {}): Command {
	for (const side of ["from", "to"] as const) {
		const d = DESCRIPTION[side];
		if (opts.distributionSpec !== false) {
			cmd.option(
				`--${side}-distribution-spec <spec>`,
				`[Preview] set OCI distribution spec version and API option for ${d} target. Options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`,
			);
		}
		cmd.option(`--${side}-username <username>`, `${d} registry username`);
		cmd.option(`--${side}-password <password>`, `${d} registry password or identity token`);
		cmd.option(`--${side}-identity-token <token>`, `${d} registry identity token`);
		cmd.option(`--${side}-insecure`, `allow connections to ${d} SSL registry without certs`);
		cmd.option(`--${side}-plain-http`, `allow insecure connections to ${d} registry without SSL check`);
		cmd.addOption(new Option(`--no-${side}-plain-http`).hideHelp());
		cmd.option(`--${side}-ca-file <file>`, `server certificate authority file for the remote ${d} registry`);
		cmd.option(`--${side}-cert-file <file>`, `client certificate file for the remote ${d} registry`);
		cmd.option(`--${side}-key-file <file>`, `client private key file for the remote ${d} registry`);
		cmd.option(`--${side}-resolve <host:port:address[:port]>`, `customized DNS for ${d} registry (repeatable)`, collect);
		cmd.option(`--${side}-registry-config <path>`, `path of the authentication file for ${d} registry (repeatable)`, collect);
		cmd.option(`--${side}-header <name: value>`, `add custom headers to ${d} requests (repeatable)`, collect);
		cmd.option(`--${side}-oci-layout`, `set ${d} target as an OCI image layout`);
		cmd.option(`--${side}-oci-layout-path <dir>`, `[Experimental] set the path for the ${d} OCI image layout target`);
	}
	cmd.option("--resolve <host:port:address[:port]>", "base DNS rules formatted in `host:port:address[:address_port]` for --from-resolve and --to-resolve", collect);
	return cmd;
}

function str(v: unknown): string | undefined {
	return typeof v === "string" ? v : undefined;
}

function list(v: unknown): string[] | undefined {
	return Array.isArray(v) ? (v as string[]) : undefined;
}

function cap(side: Side, name: string): string {
	return side + name.charAt(0).toUpperCase() + name.slice(1);
}

/** One side's flags as plain Target flags (shared `--resolve` rules first). */
export function sideFlags(flags: BinaryTargetFlags, side: Side): TargetFlags {
	const get = (name: string): unknown => flags[cap(side, name)];
	const resolve = [...(flags.resolve ?? []), ...(list(get("resolve")) ?? [])];
	const plain = get("plainHttp");
	const out: Record<string, unknown> = {
		username: str(get("username")),
		password: str(get("password")),
		identityToken: str(get("identityToken")),
		insecure: get("insecure") === true ? true : undefined,
		plainHttp: typeof plain === "boolean" ? plain : undefined,
		caFile: str(get("caFile")),
		certFile: str(get("certFile")),
		keyFile: str(get("keyFile")),
		resolve: resolve.length > 0 ? resolve : undefined,
		registryConfig: list(get("registryConfig")),
		header: list(get("header")),
		ociLayout: get("ociLayout") === true ? true : undefined,
		ociLayoutPath: str(get("ociLayoutPath")),
		debug: flags.debug === true ? true : undefined,
	};
	for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
	if (out.ociLayout && out.ociLayoutPath !== undefined) {
		throw new OrasError("INVALID_ARGUMENT", `--${side}-oci-layout-path, --${side}-oci-layout cannot be used at the same time`);
	}
	return out as TargetFlags;
}

/** The referrers state `--from-/--to-distribution-spec` presets (undefined = auto-detect). */
export function sideReferrersState(flags: BinaryTargetFlags, side: Side): Exclude<ReferrersState, "unknown"> | undefined {
	return parseDistributionSpec(str(flags[cap(side, "distributionSpec")]));
}

/** Whether both sides use the same command-line credential (the condition for a cross-repository mount, oras's `getMountPoint`). */
export function sameCredentials(flags: BinaryTargetFlags): boolean {
	const a = sideFlags(flags, "from");
	const b = sideFlags(flags, "to");
	return a.username === b.username && a.password === b.password && a.identityToken === b.identityToken;
}
