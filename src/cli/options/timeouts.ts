/** The timeout flags (oras-ts only; oras has none): flag, environment variable, library option. */
export const TIMEOUTS = [
	{ key: "connectTimeout", flag: "--connect-timeout", env: "ORAS_TS_CONNECT_TIMEOUT", option: "connectTimeoutMs", default: "30s", help: "time allowed to connect to a registry" },
	{ key: "headerTimeout", flag: "--header-timeout", env: "ORAS_TS_HEADER_TIMEOUT", option: "headerTimeoutMs", default: "60s", help: "time a registry may take to start answering a request" },
	{ key: "metadataTimeout", flag: "--metadata-timeout", env: "ORAS_TS_METADATA_TIMEOUT", option: "metadataTimeoutMs", default: "60s", help: "time allowed to receive a manifest, tag list or other small reply" },
	{
		key: "metadataIdleTimeout",
		flag: "--metadata-idle-timeout",
		env: "ORAS_TS_METADATA_IDLE_TIMEOUT",
		option: "metadataIdleTimeoutMs",
		default: "30s",
		help: "time a manifest, tag list or other small reply may stall",
	},
] as const;
