/**
 * Worker thread of the password verifier (auth.ts): runs bcryptjs's synchronous compare off the
 * event loop, so a slow hash never stalls other requests. Messages: `{ id, password, hash }` in,
 * `{ id, ok }` out.
 */
import bcrypt from "bcryptjs";
import { parentPort } from "node:worker_threads";

interface Job {
	readonly id: number;
	readonly password: string;
	readonly hash: string;
}

parentPort?.on("message", (job: Job) => {
	let ok = false;
	try {
		ok = bcrypt.compareSync(job.password, job.hash);
	} catch {
		ok = false; // a malformed hash never verifies
	}
	parentPort?.postMessage({ id: job.id, ok });
});
