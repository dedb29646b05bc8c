/** The remote side: transport, auth, registry and repository clients. */
export type { Challenge, AuthScheme } from "./auth/challenge.js";
export { parseChallenge } from "./auth/challenge.js";
export {
	AuthClient,
	type AuthClientOptions,
	basicAuthorization,
	DEFAULT_CLIENT_ID,
	encodeForm,
	goQueryEscape,
	tokenURL,
	validateRealm,
} from "./auth/client.js";
export type { Credential, CredentialFunc, CredentialStore } from "./auth/credential.js";
export { EMPTY_CREDENTIAL, isEmptyCredential } from "./auth/credential.js";
export { ACTION_DELETE, ACTION_PULL, ACTION_PUSH, CATALOG_SCOPE, cleanScopes, repositoryScope, scopeKey } from "./auth/scope.js";
export { combineSignals, createRemoteClient, type RemoteClient, type RemoteOptions } from "./client.js";
export {
	codeForStatus,
	parseErrorBody,
	type RegistryErrorEntry,
	RegistryResponseError,
	renderRegistryError,
	renderRegistryErrors,
	responseError,
} from "./errors.js";
export { parseNextLink } from "./link.js";
export { type ListLimits, listPages, MAX_LIST_BYTES, MAX_LIST_PAGES, MAX_REFERRERS, PageBudget, parseListBody } from "./list.js";
export {
	applyReferrerChanges,
	canHaveSubject,
	encodeReferrersIndex,
	filterReferrers,
	listReferrers,
	pingReferrers,
	REFERRERS_PING_DIGEST,
	type ReferrerChange,
	type ReferrersContext,
	type ReferrersOptions,
	referrerEntryOf,
	referrersByAPI,
	referrersByTagSchema,
	updateReferrersIndex,
} from "./referrers.js";
export { Registry, type RegistryOptions } from "./registry.js";
export { createRepository, type ReferrersState, Repository, type RepositoryOptions } from "./repository.js";
export type { BlobStorage } from "./blob-store.js";
export type { ManifestStorage } from "./manifest-store.js";
export {
	customHeadersMiddleware,
	defaultHeadersMiddleware,
	loggingMiddleware,
	MAX_REDIRECTS,
	redactHeaders,
	redactURL,
	redirectMiddleware,
	warningMiddleware,
} from "./transport/middleware.js";
export { createNodeTransport, DEFAULT_MAX_SOCKETS, type NodeTransport, type NodeTransportOptions, networkError } from "./transport/node.js";
export {
	defaultUserAgent,
	hostnameOf,
	packageVersion,
	parseHeaderFlag,
	parseResolveRule,
	type ResolveRule,
	schemeFor,
	type TransportOptions,
} from "./transport/options.js";
export { backoffDelay, isRetryableError, isRetryableStatus, type RetryOptions, retryAfterMs, retryMiddleware } from "./transport/retry.js";
export {
	bytesBody,
	canReplay,
	compose,
	discardBody,
	type HttpRequest,
	type HttpResponse,
	type Logger,
	type Middleware,
	SILENT_LOGGER,
	type Transport,
	withRequest,
} from "./transport/types.js";
export { type ProxyConfig, type ProxyFunc, proxyConfigFromEnv, proxyFunc } from "./transport/proxy.js";
export { HeaderMap, type HeadersInit, type HttpHeaders } from "./transport/headers.js";
export { challengeErrorDetail } from "./errors.js";
// Types named by the exports above.
export type { ListField, ListPagesOptions } from "./list.js";
export type { ReferrerOperation } from "./referrers.js";
export type { TracePeekTimeouts } from "./transport/middleware.js";
export type { BodyTimeouts } from "./transport/body.js";
export type { RangedBody, RangeOpener, ResumeOptions } from "./transport/resume.js";
