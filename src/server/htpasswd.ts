/**
 * An htpasswd file with bcrypt entries (`user:$2y$…`), as `htpasswd -B` writes them. Other hash
 * kinds are refused at load time (as distribution does). The file is re-read when it changes.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { bcryptVerify, parseBcrypt } from "./bcrypt.js";

export class HtpasswdFile {
	readonly path: string;
	private users = new Map<string, string>();
	private stamp = "";
	/** sha256(user, password, hash) of credentials that verified: bcrypt runs once per credential. */
	private readonly verified = new Set<string>();
	/** The same for credentials that failed, so a client retrying bad credentials costs one bcrypt run. */
	private readonly refused = new Set<string>();

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
			if (!parseBcrypt(hash)) throw new Error(`${where}:${i + 1}: the hash of ${JSON.stringify(user)} is not bcrypt ($2y$, $2b$ or $2a$): use htpasswd -B`);
			users.set(user, hash);
		});
		return users;
	}

	/** (Re)loads the file when its size or mtime changed. */
	async load(): Promise<void> {
		const st = await stat(this.path);
		const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
		if (stamp === this.stamp) return;
		this.users = HtpasswdFile.parse(await readFile(this.path, "utf8"), this.path);
		this.stamp = stamp;
		this.verified.clear();
		this.refused.clear();
	}

	async verify(username: string, password: string): Promise<boolean> {
		try {
			await this.load();
		} catch {
			// keep the last good copy when the file is being replaced
		}
		const hash = this.users.get(username);
		if (hash === undefined) return false;
		const key = createHash("sha256").update(username).update("\0").update(password).update("\0").update(hash).digest("hex");
		if (this.verified.has(key)) return true;
		if (this.refused.has(key)) return false;
		const ok = bcryptVerify(password, hash);
		const cache = ok ? this.verified : this.refused;
		if (cache.size > 10_000) cache.clear();
		cache.add(key);
		return ok;
	}
}
