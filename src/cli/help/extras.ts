/**
 * What oras-ts has and oras has not: the `serve` command's page, and flags shown on a page
 * of their own ("Flags only in oras-ts:") so the `Flags:` table stays oras's.
 */
import { TIMEOUTS } from "../options/timeouts.js";
import type { FlagDef } from "./flags.js";
import type { HelpText } from "./text.js";

export const EXTRA_TEXT: Readonly<Record<string, HelpText>> = {
	serve: {
		use: "serve [flags]",
		short: "Serve an OCI registry (with the referrers API) from a local directory",
		long: `Serve an OCI distribution-spec v1.1 registry (with the referrers API) from a local directory

Each repository is stored as an OCI image layout under the root directory.

Example - Serve the directory './oras-ts-registry' at 127.0.0.1:5000:
  oras serve

Example - Serve a directory read-only at another address:
  oras serve --root /srv/artifacts --addr 127.0.0.1:8080 --read-only

Example - Require credentials from an htpasswd file and serve over TLS:
  oras serve --htpasswd auth.htpasswd --tls-cert cert.pem --tls-key key.pem
`,
	},
};

const TIMEOUT_FLAGS: FlagDef[] = TIMEOUTS.map((t) => ({
	name: t.flag.slice(2),
	type: "duration",
	def: t.default,
	usage: `${t.help} (env ${t.env}; 0 = none)`,
}));

const REMOTE_COMMANDS = [
	"attach",
	"backup",
	"blob delete",
	"blob fetch",
	"blob push",
	"discover",
	"login",
	"manifest delete",
	"manifest fetch",
	"manifest fetch-config",
	"manifest push",
	"manifest index create",
	"manifest index update",
	"pull",
	"push",
	"repo ls",
	"repo tags",
	"resolve",
	"restore",
	"tag",
];

export const EXTRA_FLAGS: Readonly<Record<string, readonly FlagDef[]>> = {
	...Object.fromEntries(REMOTE_COMMANDS.map((c) => [c, TIMEOUT_FLAGS])),
	"manifest index create": [...TIMEOUT_FLAGS, { name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }],
	"manifest index update": [...TIMEOUT_FLAGS, { name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }],
	pull: [
		...TIMEOUT_FLAGS,
		{ name: "max-extract-size", type: "string", usage: "bytes one directory layer may expand to (e.g. 50GiB; 0: no limit); default 1GiB + 100 × its compressed `size`" },
	],
	push: [...TIMEOUT_FLAGS, { name: "chunk-size", type: "string", usage: "upload blobs in resumable PATCH chunks of this `size` (e.g. 16MiB); default: one PUT per blob" }],
	serve: [
		{ name: "addr", type: "string", def: "127.0.0.1:5000", usage: "address to listen on" },
		{ name: "root", type: "string", def: "./oras-ts-registry", usage: "storage directory: one OCI image layout per repository" },
		{ name: "read-only", type: "bool", usage: "refuse every write" },
		{ name: "htpasswd", type: "string", usage: "require Basic credentials from an htpasswd `file` (bcrypt entries)" },
		{ name: "tls-cert", type: "string", usage: "serve https with this PEM certificate `file` (with --tls-key)" },
		{ name: "tls-key", type: "string", usage: "PEM private key `file` for --tls-cert" },
		{ name: "upload-ttl", type: "duration", def: "1h", usage: "delete an upload session (and its data) that received nothing for this long, e.g. 30m, 1h, 2h30m" },
		{ name: "max-uploads", type: "int", def: "1024", usage: "upload sessions open at once, all clients together (429 beyond)" },
		{ name: "max-uploads-per-client", type: "int", def: "64", usage: "upload sessions one client (remote address; an IPv6 /64) may hold at once (429 beyond)" },
		{ name: "request-idle-timeout", type: "duration", def: "60s", usage: "close a connection whose request body or response moves no byte for this long (0s: never)" },
		{ name: "min-request-rate", type: "int", def: "1024", usage: "close a connection whose request body arrives slower than this many bytes/s, averaged over each --request-rate-window after the first (0: never)" },
		{ name: "request-rate-window", type: "duration", def: "30s", usage: "grace period and averaging window of --min-request-rate" },
		{ name: "max-connections", type: "int", def: "1024", usage: "open connections, all clients together (closed at once beyond)" },
		{ name: "max-connections-per-client", type: "int", def: "64", usage: "open connections of one client (remote address; an IPv6 /64) (closed at once beyond)" },
		{ name: "log-level", type: "string", def: "info", usage: "one of debug, info, warn, error, silent" },
		{ name: "debug", short: "d", type: "bool", usage: "log at debug level" },
	],
};
