import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { copyProgressHooks, type ProgressEvent, progressSink } from "../../../src/api/progress.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";

const desc = descriptorFromBytes("application/octet-stream", Buffer.from("hello world"));

describe("high-level progress events", () => {
	it("has no sink when nobody listens", () => {
		assert.equal(progressSink({}), undefined);
		assert.deepEqual(copyProgressHooks({}), {});
	});

	it("delivers each event to the callback and the emitter, with bytes defaulted by type", () => {
		const seen: ProgressEvent[] = [];
		const emitted: ProgressEvent[] = [];
		const progress = new EventEmitter();
		progress.on("progress", (e: ProgressEvent) => emitted.push(e));
		const emit = progressSink({ onProgress: (e) => seen.push(e), progress });
		assert.ok(emit);
		emit("start", desc);
		emit("bytes", desc, 5);
		emit("done", desc);
		emit("skipped", desc);
		assert.deepEqual(
			seen.map((e) => [e.type, e.bytes, e.total]),
			[
				["start", 0, 11],
				["bytes", 5, 11],
				["done", 11, 11],
				["skipped", 0, 11],
			],
		);
		assert.deepEqual(emitted, seen);
		assert.equal(seen[0]?.descriptor, desc);
	});

	it("maps the copy engine's hooks onto event types", () => {
		const seen: string[] = [];
		const hooks = copyProgressHooks({ onProgress: (e) => seen.push(`${e.type}:${e.bytes}`) });
		hooks.preCopy?.(desc);
		hooks.onProgress?.(desc, 3);
		hooks.postCopy?.(desc);
		hooks.onCopySkipped?.(desc);
		hooks.onMounted?.(desc);
		assert.deepEqual(seen, ["start:0", "bytes:3", "done:11", "exists:11", "mounted:11"]);
	});
});
