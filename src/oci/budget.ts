/**
 * What one bounded operation may take from a registry — items (pages of a listing, referrers of
 * a walk) and bytes — counted against two limits. A pure counter: the callers name the bound
 * in the message, so one registry that answers forever is stopped with an error saying which.
 */
import { OrasError } from "../errors.js";

export interface BudgetLimits {
	/** Items taken in all; one more fails with `tooMany(maxItems)`. */
	readonly maxItems: number;
	/** Bytes taken in all; more fail with `tooLarge(maxBytes, items taken)`. */
	readonly maxBytes: number;
	readonly tooMany: (maxItems: number) => string;
	readonly tooLarge: (maxBytes: number, items: number) => string;
}

/** Counts items and bytes against `BudgetLimits`; past either, SIZE_EXCEEDS_LIMIT with the limit's message. */
export class Budget {
	private items = 0;
	private bytes = 0;
	private readonly limits: BudgetLimits;

	constructor(limits: BudgetLimits) {
		this.limits = limits;
	}

	/** Takes `n` more items (before fetching them, or once found). */
	addItems(n: number): void {
		if (this.items + n > this.limits.maxItems) throw new OrasError("SIZE_EXCEEDS_LIMIT", this.limits.tooMany(this.limits.maxItems));
		this.items += n;
	}

	/** Takes `n` more bytes. */
	addBytes(n: number): void {
		this.bytes += n;
		if (this.bytes > this.limits.maxBytes) throw new OrasError("SIZE_EXCEEDS_LIMIT", this.limits.tooLarge(this.limits.maxBytes, this.items));
	}
}
