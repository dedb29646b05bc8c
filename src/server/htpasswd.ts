/**
 * An htpasswd file with bcrypt entries (`user:$2y$…`), as `htpasswd -B` writes them. Other hash
 * kinds are refused at load time (as distribution does). The file is re-read when it changes,
 * which is looked at (one `stat`) at most once per `HTPASSWD_RECHECK_MS`. Verification (bcrypt in
 * worker threads, caching, throttling) is auth.ts's job.
 */
import { readFile, stat } from "node:fs/promises";

/** `$2a$`, `$2b$` or `$2y$`, a two-digit cost 04–31, 22 salt and 31 hash characters of bcrypt's base64. */
const BCRYPT_RE = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

export function isBcryptHash(hash: string): boolean {
	return BCRYPT_RE.test(hash);
}

/** `refresh` looks at the file at most this often, ms. */
export const HTPASSWD_RECHECK_MS = 1000;

const DONE = Promise.resolve();

export class HtpasswdFile {
	readonly path: string;
	private users = new Map<string, string>();
	private stamp = "";
	/** When `refresh` last looked (ms since the epoch), and its look while one is under way. */
	private checkedAt = Number.NEGATIVE_INFINITY;
	private checking: Promise<void> | undefined;

	constructor(path: string) {
		this.path = path;
	}

	/** Parses `text`; throws on a line that is not `user:<bcrypt hash>`. */
	static parse(text: string, where = "htpasswd"): Map<string, string> {
		const users = new Map<string, string>();
		text.split(/\r?\n/).forEach((line, i) => {
			const l = line.trim();
			if (l === "" || l.startsWith("#")) return;
			const colon = l.indexOf(":");
			if (colon <= 0) throw new Error(`${where}:${i + 1}: expected user:hash`);
			const user = l.slice(0, colon);
			const hash = l.slice(colon + 1);
			if (!isBcryptHash(hash)) throw new Error(`${where}:${i + 1}: the hash of ${JSON.stringify(user)} is not bcrypt ($2y$, $2b$ or $2a$): use htpasswd -B`);
			users.set(user, hash);
		});
		return users;
	}

	/** (Re)loads the file when its size, mtime or inode changed; throws when it cannot be read or parsed. */
	async load(): Promise<void> {
		this.checkedAt = Date.now(); // before the first await: `refresh` callers in the meantime skip
		const st = await stat(this.path);
		const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
		if (stamp === this.stamp) return;
		this.users = HtpasswdFile.parse(await readFile(this.path, "utf8"), this.path);
		this.stamp = stamp;
	}

	/**
	 * `load` when the last look is `HTPASSWD_RECHECK_MS` old (callers meanwhile wait for a look
	 * under way, else use the copy they have), keeping the last good copy when the file is being
	 * replaced or is broken.
	 */
	refresh(): Promise<void> {
		if (this.checking) return this.checking;
		const now = Date.now();
		if (now - this.checkedAt < HTPASSWD_RECHECK_MS && now >= this.checkedAt) return DONE;
		this.checking = this.load()
			.catch(() => undefined) // keep the last good copy
			.finally(() => {
				this.checking = undefined;
			});
		return this.checking;
	}

	/** The bcrypt hash of `username`, or undefined. */
	hashOf(username: string): string | undefined {
		return this.users.get(username);
	}
}
