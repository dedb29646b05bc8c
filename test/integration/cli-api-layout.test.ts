/** CLI commands on an OCI layout, through the library layer: output shapes that have no other test. */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { oras, type TempDir, tempDir } from "./fixtures/cli.js";

describe("CLI on an OCI layout", () => {
	let tmp: TempDir;
	let cwd: string;
	const cli = (...argv: string[]) => oras(argv, { cwd });
	before(async () => {
		tmp = await tempDir();
		cwd = await tmp.caseDir();
		await writeFile(join(cwd, "hi.txt"), "hi\n");
		const r = await cli("push", "--oci-layout", "-a", "org.opencontainers.image.created=2000-01-01T00:00:00Z", "-a", "n=1e3", "lay:v1", "hi.txt");
		assert.equal(r.code, 0, r.stderr);
	});
	after(() => tmp.cleanup());

	it("manifest fetch --format go-template sees the same model as --format json", async () => {
		const json = await cli("manifest", "fetch", "--oci-layout", "--format", "json", "lay:v1");
		assert.equal(json.code, 0, json.stderr);
		const model = JSON.parse(json.stdout) as { content: { annotations: Record<string, string>; layers: unknown[] } };
		assert.equal(model.content.annotations.n, "1e3");
		const t = await cli("manifest", "fetch", "--oci-layout", "--format", "go-template={{json .}}", "lay:v1");
		assert.equal(t.code, 0, t.stderr);
		assert.deepEqual(JSON.parse(t.stdout), model);
		const r = await cli("manifest", "fetch", "--oci-layout", "--format", "go-template={{range $k, $v := .content}}{{$k}} {{end}}|{{.content.schemaVersion}}|{{.size}}", "lay:v1");
		assert.equal(r.stdout, `annotations artifactType config layers mediaType schemaVersion |2|${JSON.parse(json.stdout).size}`);
	});
});
