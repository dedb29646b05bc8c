/**
 * The registry's storage: repositories (one OCI image layout each, see repositories.ts) and
 * upload sessions (uploads.ts) under one root. `<root>/_uploads/` and `<root>/_tmp/` belong to
 * the server; everything else is a tree of layouts usable as is by `oras --oci-layout`,
 * `oras-ts --oci-layout` or `skopeo oci:` — even while the server runs.
 */
import { mkdir, stat } from "node:fs/promises";
import { RepositoryStores } from "./repositories.js";
import { type UploadLimits, UploadSessions } from "./uploads.js";

export interface StorageOptions extends UploadLimits {
	readonly root: string;
	readonly readOnly?: boolean;
	/** Repository layout stores kept open at once; default 256. */
	readonly maxOpenRepositories?: number;
}

export class RegistryStorage {
	readonly root: string;
	readonly readOnly: boolean;
	readonly repos: RepositoryStores;
	readonly uploads: UploadSessions;

	constructor(opts: StorageOptions) {
		this.root = opts.root;
		this.readOnly = opts.readOnly ?? false;
		this.repos = new RepositoryStores(opts.root, {
			readOnly: this.readOnly,
			...(opts.maxOpenRepositories !== undefined ? { maxOpenRepositories: opts.maxOpenRepositories } : {}),
		});
		this.uploads = new UploadSessions(opts.root, opts);
	}

	/** Creates the root (unless read-only) and prepares the upload sessions. */
	async init(): Promise<void> {
		if (this.readOnly) {
			const st = await stat(this.root);
			if (!st.isDirectory()) throw new Error(`${this.root} is not a directory`);
			return;
		}
		await mkdir(this.root, { recursive: true });
		await this.uploads.init();
	}

	/** Upload sessions open now (all clients). */
	get uploadCount(): number {
		return this.uploads.count;
	}

	/** Stops the upload expiry sweep and closes the layout stores (the files stay). */
	async close(): Promise<void> {
		this.uploads.close();
		await this.repos.close();
	}
}
