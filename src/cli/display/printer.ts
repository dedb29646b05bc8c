import type { Writable } from "node:stream";
import { type Descriptor, titleOf } from "../../oci/descriptor.js";
import { shortDigest } from "../../oci/digest.js";
import { printable } from "./escape.js";

/** Status prompts with their padding, exactly as oras prints them. */
export const Prompt = {
	Preparing: "Preparing",
	Uploading: "Uploading",
	Uploaded: "Uploaded ",
	PushExists: "Exists   ",
	PushSkipped: "Skipped  ",
	Downloading: "Downloading",
	Processing: "Processing ",
	Downloaded: "Downloaded ",
	PullSkipped: "Skipped    ",
	Restored: "Restored   ",
	Pulled: "Pulled     ",
	Copying: "Copying",
	Copied: "Copied ",
	CopyExists: "Exists ",
	CopySkipped: "Skipped",
	Mounted: "Mounted",
} as const;

/** Prints status lines; untitled descriptors only when verbose. Safe to call from concurrent transfers. */
export class Printer {
	readonly out: Writable;
	readonly verbose: boolean;
	/** Text status is suppressed (JSON output). */
	readonly quiet: boolean;

	constructor(out: Writable, opts: { verbose: boolean; quiet?: boolean }) {
		this.out = out;
		this.verbose = opts.verbose;
		this.quiet = opts.quiet ?? false;
	}

	println(...parts: string[]): void {
		this.out.write(`${parts.join(" ")}\n`);
	}

	/** Status and summary lines that JSON output replaces. */
	status(...parts: string[]): void {
		if (!this.quiet) this.println(...parts);
	}

	printVerbose(...parts: string[]): void {
		if (this.verbose && !this.quiet) this.println(...parts);
	}

	printStatus(desc: Descriptor, prompt: string): void {
		if (this.quiet) return;
		const title = titleOf(desc);
		const line = [prompt, shortDigest(desc.digest), printable(title ?? desc.mediaType)];
		if (title !== undefined) this.println(...line);
		else this.printVerbose(...line);
	}
}

/**
 * Batches many short output lines (a listing of millions of tags) into writes of up to 64 KiB, so the
 * cost is per batch, not per line. Pending lines are written at least every 200 ms and on `flush()`.
 */
export class LineBatcher {
	private pending = "";
	private last = Date.now();

	constructor(private readonly out: Writable) {}

	line(text: string): void {
		this.pending += `${text}\n`;
		if (this.pending.length >= 64 * 1024 || Date.now() - this.last >= 200) this.flush();
	}

	flush(): void {
		this.last = Date.now();
		if (this.pending === "") return;
		this.out.write(this.pending);
		this.pending = "";
	}
}

/**
 * Tracks what was committed under which title so that, after a manifest is copied,
 * children already handled under another name are reported once (oras's dedup filter).
 */
export class CommittedSet {
	private readonly seen = new Map<string, string | undefined>();

	add(desc: Descriptor): void {
		this.seen.set(desc.digest, titleOf(desc));
	}

	/** True when the same content was committed under another title (a deduplicated layer). */
	isDeduplicated(desc: Descriptor): boolean {
		return this.seen.has(desc.digest) && this.seen.get(desc.digest) !== titleOf(desc);
	}

	/** True when the descriptor was not committed, or was committed under another title. */
	needsReport(desc: Descriptor): boolean {
		return !this.seen.has(desc.digest) || this.isDeduplicated(desc);
	}
}
