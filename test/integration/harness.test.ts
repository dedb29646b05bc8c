import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RunningRegistry, startRegistry } from "./fixtures/registry.js";

describe("registry harness", () => {
	let reg: RunningRegistry;
	before(async () => {
		reg = await startRegistry();
	});
	after(async () => {
		await reg?.stop();
	});
	it("serves the distribution API on loopback", async () => {
		const res = await fetch(`http://${reg.host}/v2/`);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("docker-distribution-api-version"), "registry/2.0");
		await res.body?.cancel();
	});
});
