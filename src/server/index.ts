/** The built-in registry (`oras-ts serve`): an OCI distribution-spec v1.1 registry with the referrers API. */
export { type AuthLimits, Authenticator, DEFAULT_AUTH_LIMITS } from "./auth.js";
export {
	DEFAULT_MAX_CONNECTIONS,
	DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
	DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
	DEFAULT_REQUEST_RATE_WINDOW_MS,
} from "./connections.js";
export { ERROR_MESSAGES, type RegistryErrorCode, RegistryHttpError } from "./errors.js";
export { minorGarbageCollector } from "./gc.js";
export { HtpasswdFile, isBcryptHash } from "./htpasswd.js";
export { repositoryNameProblem } from "./protocol.js";
export {
	createRegistryServer,
	type ListeningAddress,
	type LogLevel,
	parseListenAddress,
	type RegistryServer,
	type RegistryServerOptions,
	type ServerLogger,
} from "./server.js";
export { RegistryStorage, type StorageOptions } from "./registry-storage.js";
export { DEFAULT_MAX_OPEN_REPOSITORIES, RepositoryStores, type RepositoryStoresOptions } from "./repositories.js";
export { type ChunkRange, DEFAULT_MAX_UPLOADS, DEFAULT_MAX_UPLOADS_PER_CLIENT, DEFAULT_UPLOAD_TTL_MS, GARBAGE_STEP_BYTES, type UploadLimits, UploadSessions } from "./uploads.js";
// Types named by the exports above.
export type { AuthResult } from "./auth.js";
