/**
 * The high-level API: one call per task, references as strings, credentials from the docker
 * config, typed results. Built on the oras-go-shaped core (`oras-ts/graph`, `oras-ts/registry`,
 * `oras-ts/content`), which stays available for everything else.
 */
export { copy, type CopyOptions, type CopyResult } from "./copy.js";
export { checkLogin, login, type LoginOptions, logout, type LogoutOptions } from "./login.js";
export {
	discover,
	type DiscoverOptions,
	type FetchedManifest,
	fetchManifest,
	referrers,
	type ReferrersOptions,
	resolve,
	type ResolveOptions,
	tag,
	type TagOptions,
} from "./manifest.js";
export { type CopyHooks, type ProgressEvent, type ProgressEventType, type ProgressOptions } from "./progress.js";
export { pull, type PulledFile, type PullHooks, type PullOptions, type PullResult } from "./pull.js";
export { push, type PushFile, type PushFileSpec, type PushOptions, type PushResult } from "./push.js";
export {
	type CredentialsSource,
	LAYOUT_PREFIX,
	type OpenedTarget,
	openTarget,
	type ParsedReference,
	parseTargetReference,
	type RemoteTargetOptions,
	type TargetInput,
} from "./target.js";
