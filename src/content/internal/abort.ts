/**
 * One abort listener per signal, shared by everything waiting on it: a command's signal has
 * hundreds of queued copy slots and requests under it, and adding and removing an EventTarget
 * listener for each cost ~6 µs of interpreted code apiece (and, past 10, a
 * MaxListenersExceededWarning). Callbacks run in the order they were watched.
 */

/** The callbacks watching each signal. */
const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `onAbort` once when `signal` aborts, unless `unwatchAbort` comes first. Callers check
 * `signal.aborted` first, as with `addEventListener` (an aborted signal never fires again).
 */
export function watchAbort(signal: AbortSignal, onAbort: () => void): void {
	let set = watchers.get(signal);
	if (set === undefined) {
		const all = new Set<() => void>();
		set = all;
		watchers.set(signal, all);
		signal.addEventListener(
			"abort",
			() => {
				watchers.delete(signal);
				const now = [...all];
				all.clear();
				for (const f of now) f();
			},
			{ once: true },
		);
	}
	set.add(onAbort);
}

/** `onAbort` is no longer called when `signal` aborts. */
export function unwatchAbort(signal: AbortSignal, onAbort: () => void): void {
	watchers.get(signal)?.delete(onAbort);
}
