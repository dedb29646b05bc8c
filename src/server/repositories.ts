/**
 * The repositories of the registry server: `<root>/<name>/` is an OCI image layout
 * (`oci-layout`, `index.json`, `blobs/<alg>/<hex>`), read and written through one
 * `OciLayoutStore` per repository — the same store, lock file (`.oras-ts-index.lock`) and
 * `index.json` format as `oras-ts … --oci-layout`, so the CLI may write into a served layout
 * while `serve` runs and both see every tag, annotation and platform. The server opens its
 * stores `durable` (fsync before rename) and without AutoGC (deleting a manifest deletes only it,
 * as distribution does).
 *
 * A repository whose `index.json` cannot be read (bad JSON, an entry that is not a descriptor)
 * is an error for every request to it (500, logged with the reason) and its files are never
 * rewritten: the same rule as the CLI's (the layout is refused whole, nothing is skipped and
 * later dropped).
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { OrasError } from "../errors.js";
import { blobPath, INDEX_FILE, LAYOUT_FILE, OciLayoutStore } from "../content/oci-layout/index.js";
import type { Digest } from "../oci/digest.js";
import { MediaType } from "../oci/mediatypes.js";
import { httpError } from "./errors.js";
import { compareNames, RESERVED_COMPONENTS, repositoryNameProblem } from "./protocol.js";

/** Layout stores kept open at once (least recently used closed beyond). */
export const DEFAULT_MAX_OPEN_REPOSITORIES = 256;
/** Bound of the catalog walk (directories visited). */
const MAX_CATALOG_DIRS = 100_000;

export interface RepositoryStoresOptions {
	readonly readOnly?: boolean;
	/** Layout stores kept open at once; default 256. */
	readonly maxOpenRepositories?: number;
}

/** A repository store kept open, and the `index.json` it last caught up with. */
class OpenRepository {
	readonly store: Promise<OciLayoutStore>;
	/** `index.json`'s inode, size and mtime when the store last read it (undefined: it was missing). */
	indexStamp: string | undefined;

	constructor(dir: string, create: boolean) {
		this.store = this.load(dir, create);
	}

	private async load(dir: string, create: boolean): Promise<OciLayoutStore> {
		// taken before the store reads `index.json`: a write after it is seen by the next request
		const stamp = await indexStamp(dir);
		const store = await OciLayoutStore.open(dir, { durable: true, autoGC: false, create });
		this.indexStamp = stamp;
		return store;
	}
}

/** `index.json`'s inode, size and mtime; undefined when it cannot be looked at. */
async function indexStamp(dir: string): Promise<string | undefined> {
	try {
		const st = await stat(join(dir, INDEX_FILE));
		return `${st.ino}:${st.size}:${st.mtimeMs}`;
	} catch {
		return undefined;
	}
}

export class RepositoryStores {
	readonly maxOpen: number;
	private readonly readOnly: boolean;
	private readonly open = new Map<string, OpenRepository>();

	constructor(
		readonly root: string,
		opts: RepositoryStoresOptions = {},
	) {
		this.readOnly = opts.readOnly ?? false;
		this.maxOpen = Math.max(1, opts.maxOpenRepositories ?? DEFAULT_MAX_OPEN_REPOSITORIES);
	}

	dir(name: string): string {
		return join(this.root, ...name.split("/"));
	}

	/** True when `<root>/<name>/oci-layout` is a file. */
	async exists(name: string): Promise<boolean> {
		try {
			return (await stat(join(this.dir(name), LAYOUT_FILE))).isFile();
		} catch {
			return false;
		}
	}

	/**
	 * The store of an existing repository, up to date with what other processes wrote; undefined when
	 * there is none. An open store costs one `stat` of `index.json` (read again only when it changed);
	 * when that is gone, `oci-layout` decides whether the repository still exists.
	 */
	async get(name: string): Promise<OciLayoutStore | undefined> {
		const open = this.open.get(name);
		if (open) {
			const stamp = await indexStamp(this.dir(name));
			if (stamp !== undefined) return this.catchUp(name, open, stamp);
		}
		if (!(await this.exists(name))) {
			this.forget(name);
			return undefined;
		}
		try {
			return await this.store(name, !this.readOnly);
		} catch (err) {
			// read-only: `oci-layout` without `index.json` is no repository (yet)
			if (OrasError.is(err) && err.code === "NOT_FOUND") return undefined;
			throw err;
		}
	}

	/** `get`, or 404 NAME_UNKNOWN. */
	async require(name: string): Promise<OciLayoutStore> {
		const store = await this.get(name);
		if (!store) throw httpError(404, "NAME_UNKNOWN", `repository ${JSON.stringify(name)} is not known to registry`, { name });
		return store;
	}

	/** The store of a repository, created when missing (writes only). */
	async create(name: string): Promise<OciLayoutStore> {
		if (this.readOnly) throw httpError(405, "UNSUPPORTED", "the registry is read-only");
		return this.store(name, true);
	}

	/** The store of `name`, caught up with `index.json`: the open one, else opened now. */
	private async store(name: string, create: boolean): Promise<OciLayoutStore> {
		const dir = this.dir(name);
		const open = this.open.get(name);
		if (open) return this.catchUp(name, open, await indexStamp(dir));
		const opening = new OpenRepository(dir, create);
		this.open.set(name, opening);
		opening.store.catch(() => {
			if (this.open.get(name) === opening) this.open.delete(name);
		});
		while (this.open.size > this.maxOpen) {
			const oldest = this.open.keys().next().value as string;
			this.forget(oldest);
		}
		return opening.store;
	}

	/** An open store, re-read when `index.json` changed since it last looked (or cannot be looked at); most recently used last. */
	private async catchUp(name: string, open: OpenRepository, stamp: string | undefined): Promise<OciLayoutStore> {
		if (this.open.get(name) === open) {
			this.open.delete(name);
			this.open.set(name, open);
		}
		const store = await open.store;
		if (stamp === undefined || stamp !== open.indexStamp) {
			await store.refresh();
			open.indexStamp = stamp;
		}
		return store;
	}

	/** Closes a cached store (requests still holding it finish; the next one reopens). */
	private forget(name: string): void {
		const open = this.open.get(name);
		if (!open) return;
		this.open.delete(name);
		void open.store.then((s) => s.close()).catch(() => undefined);
	}

	/** Stores open now. */
	get openCount(): number {
		return this.open.size;
	}

	async close(): Promise<void> {
		const all = [...this.open.values()];
		this.open.clear();
		await Promise.allSettled(all.map(async (o) => (await o.store).close()));
	}

	/** Links a blob of `from` into `name` (hard link, else copy). False when `from` lacks it. */
	async mount(name: string, from: string, digest: Digest): Promise<boolean> {
		const src = await this.get(from);
		const size = await src?.blobSize(digest);
		if (size === undefined) return false;
		const dst = await this.create(name);
		try {
			await dst.adoptBlob({ mediaType: MediaType.OctetStream, digest, size }, join(this.dir(from), blobPath(digest)), "link");
		} catch (err) {
			if (OrasError.is(err) && err.code === "NOT_FOUND") return false;
			throw err;
		}
		return true;
	}

	/** All repositories (directories holding an `oci-layout` file), sorted. */
	async list(): Promise<string[]> {
		const out: string[] = [];
		// breadth first; an index into the queue instead of shift(), which copies it on every step
		const queue: string[] = [""];
		for (let next = 0; next < queue.length && next < MAX_CATALOG_DIRS; ) {
			const rel = queue[next++]!;
			let entries: Dirent[];
			try {
				entries = await readdir(rel === "" ? this.root : this.dir(rel), { withFileTypes: true });
			} catch {
				continue;
			}
			if (rel !== "" && entries.some((e) => e.name === LAYOUT_FILE && e.isFile()) && repositoryNameProblem(rel) === undefined) out.push(rel);
			for (const e of entries) {
				if (!e.isDirectory() || RESERVED_COMPONENTS.has(e.name)) continue;
				if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(e.name)) continue;
				queue.push(rel === "" ? e.name : `${rel}/${e.name}`);
			}
		}
		return out.sort(compareNames);
	}
}
