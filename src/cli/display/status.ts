import type { Descriptor } from "../../oci/descriptor.js";
import { CommittedSet, type Printer, Prompt } from "./printer.js";
import type { Progress } from "./progress.js";

/**
 * Copy hooks that print oras's upload status (`Uploading`, `Uploaded`, `Exists`) as lines or
 * progress bars. Byte counting (`onProgress`) is only asked for when bars are shown (progress
 * running when the hooks are made, or `bars`): counting wraps every body in one more stream.
 * `successors` names a manifest's config and layers, so deduplicated layers are reported.
 */
export function uploadStatusHooks(
	printer: Printer,
	progress: () => Progress | undefined,
	successors?: (d: Descriptor) => readonly Descriptor[] | undefined,
	/** Bars will be shown (progress may start after the hooks are made). */
	bars = progress() !== undefined,
) {
	const committed = new CommittedSet();
	const hooks = {
		preCopy: (d: Descriptor) => {
			progress()?.start(d, Prompt.Uploading);
			printer.printStatus(d, Prompt.Uploading);
		},
		postCopy: (d: Descriptor) => {
			committed.add(d);
			// A file whose content equals an earlier one's was stored once: oras reports it before its manifest,
			// `Exists` as a line and a `Skipped` row on a terminal.
			for (const s of successors?.(d) ?? []) {
				if (!committed.isDeduplicated(s)) continue;
				progress()?.report(s, Prompt.PushSkipped);
				printer.printStatus(s, Prompt.PushExists);
			}
			progress()?.done(d, Prompt.Uploaded);
			printer.printStatus(d, Prompt.Uploaded);
		},
		onCopySkipped: (d: Descriptor) => {
			committed.add(d);
			progress()?.done(d, Prompt.PushExists);
			printer.printStatus(d, Prompt.PushExists);
		},
	};
	if (!bars) return hooks;
	return { ...hooks, onProgress: (d: Descriptor, bytes: number) => progress()?.onProgress(d, bytes) };
}
