/**
 * The distribution spec's four workflows (pull, push, content discovery, content management)
 * plus its error cases, in raw HTTP against the built-in registry started in-process.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { errorCode, imageManifest, pushBlob, putManifest, type RunningServe, sha256, startServe } from "./fixtures/serve.js";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
const ARTIFACT = "application/vnd.oci.artifact.manifest.v1+json";
const ZERO = `sha256:${"0".repeat(64)}`;

let srv: RunningServe;
let base: string;

before(async () => {
	srv = await startServe();
	base = srv.url;
});
after(async () => {
	await srv.stop();
});

async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
	return fetch(url.startsWith("http") ? url : `${base}${url}`, init);
}

/** Pushes a config + one layer + an image manifest under `tag`; returns their digests and the manifest text. */
async function pushImage(repo: string, tag: string, seed: string, extra: Record<string, unknown> = {}) {
	const config = Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", seed }));
	const layer = Buffer.from(`layer of ${seed}`);
	const configDigest = await pushBlob(base, repo, config);
	const layerDigest = await pushBlob(base, repo, layer);
	const manifest = imageManifest({ digest: configDigest, size: config.length }, [{ digest: layerDigest, size: layer.length }], extra);
	const res = await putManifest(base, repo, tag, OCI_MANIFEST, manifest);
	assert.equal(res.status, 201, `PUT manifest ${repo}:${tag}`);
	return { configDigest, layerDigest, manifest, digest: sha256(manifest), res };
}

describe("end-1: ping", () => {
	it("GET /v2/ answers 200 with the API version header", async () => {
		const res = await fetchOk("/v2/");
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("docker-distribution-api-version"), "registry/2.0");
		assert.deepEqual(await res.json(), {});
	});
});

describe("push", () => {
	it("monolithic POST then PUT with digest", async () => {
		const data = Buffer.from("monolithic blob");
		const post = await fetchOk("/v2/push/mono/blobs/uploads/", { method: "POST" });
		assert.equal(post.status, 202);
		const loc = post.headers.get("location");
		assert.ok(loc?.startsWith("/v2/push/mono/blobs/uploads/"), `Location ${loc}`);
		assert.ok(post.headers.get("docker-upload-uuid"));
		assert.equal(post.headers.get("range"), "0-0");
		const put = await fetchOk(`${loc}?digest=${sha256(data)}`, { method: "PUT", body: data, headers: { "Content-Type": "application/octet-stream" } });
		assert.equal(put.status, 201);
		assert.equal(put.headers.get("location"), `/v2/push/mono/blobs/${sha256(data)}`);
		assert.equal(put.headers.get("docker-content-digest"), sha256(data));
		const headRes = await fetchOk(`/v2/push/mono/blobs/${sha256(data)}`, { method: "HEAD" });
		assert.equal(headRes.status, 200);
		assert.equal(headRes.headers.get("content-length"), String(data.length));
		assert.equal(headRes.headers.get("docker-content-digest"), sha256(data));
		const get = await fetchOk(`/v2/push/mono/blobs/${sha256(data)}`);
		assert.equal(get.status, 200);
		assert.deepEqual(Buffer.from(await get.arrayBuffer()), data);
		// the finished session is gone
		const status = await fetchOk(loc!);
		assert.equal(status.status, 404);
		assert.equal(await errorCode(status), "BLOB_UPLOAD_UNKNOWN");
	});

	it("single POST with ?digest=", async () => {
		const data = Buffer.from("one request upload");
		const res = await fetchOk(`/v2/push/single/blobs/uploads/?digest=${sha256(data)}`, {
			method: "POST",
			body: data,
			headers: { "Content-Type": "application/octet-stream" },
		});
		assert.equal(res.status, 201);
		assert.equal(res.headers.get("location"), `/v2/push/single/blobs/${sha256(data)}`);
		const get = await fetchOk(`/v2/push/single/blobs/${sha256(data)}`);
		assert.deepEqual(Buffer.from(await get.arrayBuffer()), data);
	});

	it("single POST with a wrong digest is DIGEST_INVALID and stores nothing", async () => {
		const data = Buffer.from("mismatched");
		const wrong = sha256("something else");
		const res = await fetchOk(`/v2/push/single/blobs/uploads/?digest=${wrong}`, { method: "POST", body: data });
		assert.equal(res.status, 400);
		assert.equal(await errorCode(res), "DIGEST_INVALID");
		assert.equal((await fetchOk(`/v2/push/single/blobs/${wrong}`, { method: "HEAD" })).status, 404);
		assert.equal((await fetchOk(`/v2/push/single/blobs/${sha256(data)}`, { method: "HEAD" })).status, 404);
	});

	it("chunked PATCH with Content-Range, status, out-of-order 416, final PUT", async () => {
		const data = Buffer.from("0123456789abcdefghijklmnopqrstuvwxyz");
		const post = await fetchOk("/v2/push/chunked/blobs/uploads/", { method: "POST" });
		assert.equal(post.status, 202);
		let loc = post.headers.get("location")!;
		const uuid = post.headers.get("docker-upload-uuid");
		const p1 = await fetchOk(loc, { method: "PATCH", body: data.subarray(0, 10), headers: { "Content-Range": "0-9", "Content-Type": "application/octet-stream" } });
		assert.equal(p1.status, 202);
		assert.equal(p1.headers.get("range"), "0-9");
		assert.equal(p1.headers.get("docker-upload-uuid"), uuid);
		loc = p1.headers.get("location")!;
		// status
		const st = await fetchOk(loc);
		assert.equal(st.status, 204);
		assert.equal(st.headers.get("range"), "0-9");
		assert.equal(st.headers.get("location"), loc);
		assert.equal(st.headers.get("docker-upload-uuid"), uuid);
		// out of order: a chunk that does not start at 10
		const bad = await fetchOk(loc, { method: "PATCH", body: data.subarray(20, 30), headers: { "Content-Range": "20-29" } });
		assert.equal(bad.status, 416);
		assert.equal(bad.headers.get("range"), "0-9");
		assert.equal(await errorCode(bad), "BLOB_UPLOAD_INVALID");
		// a repeated chunk is out of order too
		const again = await fetchOk(loc, { method: "PATCH", body: data.subarray(0, 10), headers: { "Content-Range": "0-9" } });
		assert.equal(again.status, 416);
		await again.arrayBuffer();
		// a Content-Range that disagrees with Content-Length
		const lying = await fetchOk(loc, { method: "PATCH", body: data.subarray(10, 12), headers: { "Content-Range": "10-19" } });
		assert.equal(lying.status, 416);
		assert.equal(lying.headers.get("range"), "0-9");
		await lying.arrayBuffer();
		const p2 = await fetchOk(loc, { method: "PATCH", body: data.subarray(10, 25), headers: { "Content-Range": "10-24" } });
		assert.equal(p2.status, 202);
		assert.equal(p2.headers.get("range"), "0-24");
		// last chunk on the closing PUT
		const put = await fetchOk(`${p2.headers.get("location")}?digest=${sha256(data)}`, {
			method: "PUT",
			body: data.subarray(25),
			headers: { "Content-Range": `25-${data.length - 1}` },
		});
		assert.equal(put.status, 201);
		const get = await fetchOk(`/v2/push/chunked/blobs/${sha256(data)}`);
		assert.deepEqual(Buffer.from(await get.arrayBuffer()), data);
	});

	it("streamed PATCH without Content-Range, then an empty PUT", async () => {
		const data = Buffer.from("streamed-".repeat(500));
		const post = await fetchOk("/v2/push/streamed/blobs/uploads/", { method: "POST" });
		const loc = post.headers.get("location")!;
		const patch = await fetchOk(loc, { method: "PATCH", body: data, headers: { "Content-Type": "application/octet-stream" } });
		assert.equal(patch.status, 202);
		assert.equal(patch.headers.get("range"), `0-${data.length - 1}`);
		const put = await fetchOk(`${loc}?digest=${sha256(data)}`, { method: "PUT" });
		assert.equal(put.status, 201);
		const headRes = await fetchOk(`/v2/push/streamed/blobs/${sha256(data)}`, { method: "HEAD" });
		assert.equal(headRes.headers.get("content-length"), String(data.length));
	});

	it("DELETE cancels an upload", async () => {
		const post = await fetchOk("/v2/push/cancel/blobs/uploads/", { method: "POST" });
		const loc = post.headers.get("location")!;
		await (await fetchOk(loc, { method: "PATCH", body: "partial" })).arrayBuffer();
		const del = await fetchOk(loc, { method: "DELETE" });
		assert.equal(del.status, 204);
		const st = await fetchOk(loc);
		assert.equal(st.status, 404);
		assert.equal(await errorCode(st), "BLOB_UPLOAD_UNKNOWN");
		const patch = await fetchOk(loc, { method: "PATCH", body: "more" });
		assert.equal(patch.status, 404);
		await patch.arrayBuffer();
		// nothing is left in the upload directory
		assert.deepEqual(await readdir(join(srv.root, "_uploads")), []);
	});

	it("an upload session belongs to its repository", async () => {
		const post = await fetchOk("/v2/push/owner/blobs/uploads/", { method: "POST" });
		const uuid = post.headers.get("docker-upload-uuid");
		const other = await fetchOk(`/v2/push/other/blobs/uploads/${uuid}`);
		assert.equal(other.status, 404);
		assert.equal(await errorCode(other), "BLOB_UPLOAD_UNKNOWN");
		await (await fetchOk(post.headers.get("location")!, { method: "DELETE" })).arrayBuffer();
	});

	it("PUT with the wrong digest is DIGEST_INVALID", async () => {
		const post = await fetchOk("/v2/push/wrong/blobs/uploads/", { method: "POST" });
		const put = await fetchOk(`${post.headers.get("location")}?digest=${sha256("not this")}`, { method: "PUT", body: "this" });
		assert.equal(put.status, 400);
		assert.equal(await errorCode(put), "DIGEST_INVALID");
		assert.equal((await fetchOk(`/v2/push/wrong/blobs/${sha256("this")}`, { method: "HEAD" })).status, 404);
		const noDigest = await fetchOk("/v2/push/wrong/blobs/uploads/", { method: "POST" });
		const put2 = await fetchOk(noDigest.headers.get("location")!, { method: "PUT", body: "x" });
		assert.equal(put2.status, 400);
		assert.equal(await errorCode(put2), "DIGEST_INVALID");
	});

	it("cross-repository mount: 201 when the source has the blob, else an upload session (202)", async () => {
		const data = Buffer.from("mount me");
		const d = await pushBlob(base, "mount/src", data);
		const res = await fetchOk(`/v2/mount/dst/blobs/uploads/?mount=${d}&from=mount/src`, { method: "POST" });
		assert.equal(res.status, 201);
		assert.equal(res.headers.get("location"), `/v2/mount/dst/blobs/${d}`);
		assert.equal(res.headers.get("docker-content-digest"), d);
		const get = await fetchOk(`/v2/mount/dst/blobs/${d}`);
		assert.deepEqual(Buffer.from(await get.arrayBuffer()), data);
		// unknown source blob: a session to push into
		const missing = sha256("not there");
		const fallback = await fetchOk(`/v2/mount/dst/blobs/uploads/?mount=${missing}&from=mount/src`, { method: "POST" });
		assert.equal(fallback.status, 202);
		const loc = fallback.headers.get("location")!;
		assert.match(loc, /^\/v2\/mount\/dst\/blobs\/uploads\/[0-9a-f-]{36}$/);
		const put = await fetchOk(`${loc}?digest=${missing}`, { method: "PUT", body: "not there" });
		assert.equal(put.status, 201);
		// a blob is only visible in the repositories that have it
		assert.equal((await fetchOk(`/v2/mount/src/blobs/${missing}`, { method: "HEAD" })).status, 404);
	});
});

describe("pull", () => {
	it("manifest by tag and by digest, blobs, Range", async () => {
		const img = await pushImage("pull/img", "v1", "pull");
		assert.equal(img.res.headers.get("docker-content-digest"), img.digest);
		assert.equal(img.res.headers.get("location"), `/v2/pull/img/manifests/${img.digest}`);
		assert.equal(img.res.headers.get("oci-subject"), null);
		for (const ref of ["v1", img.digest]) {
			const res = await fetchOk(`/v2/pull/img/manifests/${ref}`, { headers: { Accept: OCI_MANIFEST } });
			assert.equal(res.status, 200);
			assert.equal(res.headers.get("content-type"), OCI_MANIFEST);
			assert.equal(res.headers.get("docker-content-digest"), img.digest);
			assert.equal(await res.text(), img.manifest);
			const headRes = await fetchOk(`/v2/pull/img/manifests/${ref}`, { method: "HEAD" });
			assert.equal(headRes.status, 200);
			assert.equal(headRes.headers.get("content-length"), String(Buffer.byteLength(img.manifest)));
			assert.equal(headRes.headers.get("docker-content-digest"), img.digest);
		}
		const layer = await fetchOk(`/v2/pull/img/blobs/${img.layerDigest}`, { headers: { Range: "bytes=0-4" } });
		assert.equal(layer.status, 206);
		assert.equal(layer.headers.get("content-range"), `bytes 0-4/${Buffer.byteLength("layer of pull")}`);
		assert.equal(await layer.text(), "layer");
		const suffix = await fetchOk(`/v2/pull/img/blobs/${img.layerDigest}`, { headers: { Range: "bytes=-4" } });
		assert.equal(suffix.status, 206);
		assert.equal(await suffix.text(), "pull");
		const open = await fetchOk(`/v2/pull/img/blobs/${img.layerDigest}`, { headers: { Range: "bytes=9-" } });
		assert.equal(await open.text(), "pull");
		const beyond = await fetchOk(`/v2/pull/img/blobs/${img.layerDigest}`, { headers: { Range: "bytes=1000-" } });
		assert.equal(beyond.status, 416);
		assert.equal(beyond.headers.get("content-range"), `bytes */${Buffer.byteLength("layer of pull")}`);
		await beyond.arrayBuffer();
	});

	it("all manifest media types round-trip with their Content-Type", async () => {
		const repo = "pull/types";
		const cfg = Buffer.from("{}");
		const cfgDigest = await pushBlob(base, repo, cfg);
		const layer = Buffer.from("docker layer");
		const layerDigest = await pushBlob(base, repo, layer);
		const docker = JSON.stringify({
			schemaVersion: 2,
			mediaType: DOCKER_MANIFEST,
			config: { mediaType: "application/vnd.docker.container.image.v1+json", digest: cfgDigest, size: 2 },
			layers: [{ mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip", digest: layerDigest, size: layer.length }],
		});
		const oci = imageManifest({ digest: cfgDigest, size: 2 }, [{ digest: layerDigest, size: layer.length }]);
		const list = JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_LIST, manifests: [{ mediaType: DOCKER_MANIFEST, digest: sha256(docker), size: Buffer.byteLength(docker), platform: { architecture: "amd64", os: "linux" } }] });
		const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(oci), size: Buffer.byteLength(oci) }] });
		const artifact = JSON.stringify({ mediaType: ARTIFACT, artifactType: "application/vnd.example", blobs: [{ mediaType: "text/plain", digest: layerDigest, size: layer.length }] });
		const cases: [string, string, string][] = [
			["docker", DOCKER_MANIFEST, docker],
			["oci", OCI_MANIFEST, oci],
			["list", DOCKER_LIST, list],
			["index", OCI_INDEX, index],
			["artifact", ARTIFACT, artifact],
		];
		for (const [tag, type, body] of cases) {
			const put = await putManifest(base, repo, tag, type, body);
			assert.equal(put.status, 201, tag);
			const get = await fetchOk(`/v2/${repo}/manifests/${tag}`);
			assert.equal(get.headers.get("content-type"), type, tag);
			assert.equal(await get.text(), body, tag);
		}
		// an index whose child manifest is missing
		const dangling = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: sha256("nope"), size: 4 }] });
		const bad = await fetchOk(`/v2/${repo}/manifests/dangling`, { method: "PUT", body: dangling, headers: { "Content-Type": OCI_INDEX } });
		assert.equal(bad.status, 400);
		assert.equal(await errorCode(bad), "MANIFEST_BLOB_UNKNOWN");
		// no Content-Type: the declared mediaType is used
		const bare = await fetchOk(`/v2/${repo}/manifests/bare`, { method: "PUT", body: oci, headers: { "Content-Type": "" } });
		assert.equal(bare.status, 201);
		await bare.arrayBuffer();
	});
});

describe("content discovery", () => {
	const repo = "discover/tags";
	const tags = ["a1", "b2", "c3", "d4", "e5"];

	before(async () => {
		const img = await pushImage(repo, "a1", "tags");
		for (const t of tags.slice(1)) {
			const res = await putManifest(base, repo, t, OCI_MANIFEST, img.manifest);
			assert.equal(res.status, 201);
		}
	});

	it("tags/list returns every tag, sorted", async () => {
		const res = await fetchOk(`/v2/${repo}/tags/list`);
		assert.equal(res.status, 200);
		assert.deepEqual(await res.json(), { name: repo, tags });
	});

	it("n and last paginate with a Link header until the end", async () => {
		const first = await fetchOk(`/v2/${repo}/tags/list?n=2`);
		assert.deepEqual(((await first.json()) as { tags: string[] }).tags, ["a1", "b2"]);
		assert.equal(first.headers.get("link"), `</v2/${repo}/tags/list?n=2&last=b2>; rel="next"`);
		const seen: string[] = [];
		let next: string | undefined = `/v2/${repo}/tags/list?n=2`;
		for (let i = 0; i < 10 && next !== undefined; i++) {
			const res = await fetchOk(next);
			seen.push(...((await res.json()) as { tags: string[] }).tags);
			const link = res.headers.get("link");
			next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
		}
		assert.deepEqual(seen, tags);
		const after = await fetchOk(`/v2/${repo}/tags/list?last=c3`);
		assert.deepEqual(((await after.json()) as { tags: string[] }).tags, ["d4", "e5"]);
		assert.equal(after.headers.get("link"), null);
		const zero = await fetchOk(`/v2/${repo}/tags/list?n=0`);
		assert.deepEqual(((await zero.json()) as { tags: string[] }).tags, []);
		const bad = await fetchOk(`/v2/${repo}/tags/list?n=-1`);
		assert.equal(bad.status, 400);
		await bad.arrayBuffer();
	});

	it("_catalog lists repositories with n/last/Link", async () => {
		await pushImage("discover/cat-a", "x", "cat-a");
		await pushImage("discover/cat-b", "x", "cat-b");
		const all = (await (await fetchOk("/v2/_catalog")).json()) as { repositories: string[] };
		assert.ok(all.repositories.includes("discover/cat-a"));
		assert.ok(all.repositories.includes("discover/cat-b"));
		assert.deepEqual(all.repositories, [...all.repositories].sort());
		const page = await fetchOk("/v2/_catalog?n=1&last=discover/cat-a");
		assert.deepEqual(((await page.json()) as { repositories: string[] }).repositories, ["discover/cat-b"]);
		assert.equal(page.headers.get("link"), `</v2/_catalog?n=1&last=discover%2Fcat-b>; rel="next"`);
		const walked: string[] = [];
		let next: string | undefined = "/v2/_catalog?n=2";
		for (let i = 0; i < 100 && next !== undefined; i++) {
			const res = await fetchOk(next);
			walked.push(...((await res.json()) as { repositories: string[] }).repositories);
			next = /^<([^>]+)>/.exec(res.headers.get("link") ?? "")?.[1];
		}
		assert.deepEqual(walked, all.repositories);
	});

	it("referrers: OCI-Subject on push, index of referrers, artifactType filter, empty index for unknown subjects", async () => {
		const rrepo = "discover/referrers";
		const subject = await pushImage(rrepo, "subject", "subject");
		const subjectDesc = { mediaType: OCI_MANIFEST, digest: subject.digest, size: Buffer.byteLength(subject.manifest) };
		const empty = await pushBlob(base, rrepo, Buffer.from("{}"));
		const sig = JSON.stringify({
			schemaVersion: 2,
			mediaType: OCI_MANIFEST,
			artifactType: "application/vnd.example.signature",
			config: { mediaType: "application/vnd.oci.empty.v1+json", digest: empty, size: 2 },
			layers: [{ mediaType: "application/vnd.oci.empty.v1+json", digest: empty, size: 2 }],
			subject: subjectDesc,
			annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
		});
		const sigPut = await putManifest(base, rrepo, sha256(sig), OCI_MANIFEST, sig);
		assert.equal(sigPut.status, 201);
		assert.equal(sigPut.headers.get("oci-subject"), subject.digest);
		const sbomCfg = Buffer.from('{"sbom":true}');
		const sbomCfgDigest = await pushBlob(base, rrepo, sbomCfg);
		const sbom = JSON.stringify({
			schemaVersion: 2,
			mediaType: OCI_MANIFEST,
			config: { mediaType: "application/vnd.example.sbom", digest: sbomCfgDigest, size: sbomCfg.length },
			layers: [],
			subject: subjectDesc,
		});
		const sbomPut = await putManifest(base, rrepo, "sbom", OCI_MANIFEST, sbom);
		assert.equal(sbomPut.status, 201);
		assert.equal(sbomPut.headers.get("oci-subject"), subject.digest);
		// an index referrer
		const idx = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, artifactType: "application/vnd.example.bundle", manifests: [], subject: subjectDesc });
		assert.equal((await putManifest(base, rrepo, sha256(idx), OCI_INDEX, idx)).status, 201);

		const res = await fetchOk(`/v2/${rrepo}/referrers/${subject.digest}`);
		assert.equal(res.status, 200);
		assert.equal(res.headers.get("content-type"), OCI_INDEX);
		assert.equal(res.headers.get("oci-filters-applied"), null);
		const index = (await res.json()) as { schemaVersion: number; mediaType: string; manifests: Record<string, unknown>[] };
		assert.equal(index.schemaVersion, 2);
		assert.equal(index.mediaType, OCI_INDEX);
		const byDigest = new Map(index.manifests.map((m) => [m.digest, m]));
		assert.equal(index.manifests.length, 3);
		assert.deepEqual(byDigest.get(sha256(sig)), {
			mediaType: OCI_MANIFEST,
			digest: sha256(sig),
			size: Buffer.byteLength(sig),
			annotations: { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" },
			artifactType: "application/vnd.example.signature",
		});
		assert.deepEqual(byDigest.get(sha256(sbom)), {
			mediaType: OCI_MANIFEST,
			digest: sha256(sbom),
			size: Buffer.byteLength(sbom),
			artifactType: "application/vnd.example.sbom",
		});
		assert.equal(byDigest.get(sha256(idx))?.artifactType, "application/vnd.example.bundle");

		const filtered = await fetchOk(`/v2/${rrepo}/referrers/${subject.digest}?artifactType=application/vnd.example.sbom`);
		assert.equal(filtered.headers.get("oci-filters-applied"), "artifactType");
		const fi = (await filtered.json()) as { manifests: { digest: string }[] };
		assert.deepEqual(
			fi.manifests.map((m) => m.digest),
			[sha256(sbom)],
		);

		for (const url of [`/v2/${rrepo}/referrers/${ZERO}`, `/v2/never/pushed/referrers/${ZERO}`]) {
			const none = await fetchOk(url);
			assert.equal(none.status, 200, url);
			assert.equal(none.headers.get("content-type"), OCI_INDEX);
			assert.deepEqual(await none.json(), { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] });
		}
		const badDigest = await fetchOk(`/v2/${rrepo}/referrers/sha256:abc`);
		assert.equal(badDigest.status, 400);
		assert.equal(await errorCode(badDigest), "DIGEST_INVALID");

		// deleting a referrer removes it from the list
		const del = await fetchOk(`/v2/${rrepo}/manifests/${sha256(sig)}`, { method: "DELETE" });
		assert.equal(del.status, 202);
		const afterDel = (await (await fetchOk(`/v2/${rrepo}/referrers/${subject.digest}`)).json()) as { manifests: { digest: string }[] };
		assert.deepEqual(afterDel.manifests.map((m) => m.digest).sort(), [sha256(sbom), sha256(idx)].sort());
	});
});

describe("content management", () => {
	const repo = "manage/img";

	it("DELETE by tag removes only the tag; by digest removes the manifest; blobs can be deleted", async () => {
		const img = await pushImage(repo, "v1", "manage");
		assert.equal((await putManifest(base, repo, "v2", OCI_MANIFEST, img.manifest)).status, 201);
		const delTag = await fetchOk(`/v2/${repo}/manifests/v1`, { method: "DELETE" });
		assert.equal(delTag.status, 202);
		assert.deepEqual(((await (await fetchOk(`/v2/${repo}/tags/list`)).json()) as { tags: string[] }).tags, ["v2"]);
		assert.equal((await fetchOk(`/v2/${repo}/manifests/${img.digest}`, { method: "HEAD" })).status, 200);
		const delTagAgain = await fetchOk(`/v2/${repo}/manifests/v1`, { method: "DELETE" });
		assert.equal(delTagAgain.status, 404);
		assert.equal(await errorCode(delTagAgain), "MANIFEST_UNKNOWN");

		const del = await fetchOk(`/v2/${repo}/manifests/${img.digest}`, { method: "DELETE" });
		assert.equal(del.status, 202);
		for (const ref of [img.digest, "v2"]) {
			const gone = await fetchOk(`/v2/${repo}/manifests/${ref}`);
			assert.equal(gone.status, 404);
			assert.equal(await errorCode(gone), "MANIFEST_UNKNOWN");
		}
		assert.deepEqual(((await (await fetchOk(`/v2/${repo}/tags/list`)).json()) as { tags: string[] }).tags, []);
		const again = await fetchOk(`/v2/${repo}/manifests/${img.digest}`, { method: "DELETE" });
		assert.equal(again.status, 404);
		await again.arrayBuffer();

		const delBlob = await fetchOk(`/v2/${repo}/blobs/${img.layerDigest}`, { method: "DELETE" });
		assert.equal(delBlob.status, 202);
		const goneBlob = await fetchOk(`/v2/${repo}/blobs/${img.layerDigest}`);
		assert.equal(goneBlob.status, 404);
		assert.equal(await errorCode(goneBlob), "BLOB_UNKNOWN");
		const delBlobAgain = await fetchOk(`/v2/${repo}/blobs/${img.layerDigest}`, { method: "DELETE" });
		assert.equal(delBlobAgain.status, 404);
		await delBlobAgain.arrayBuffer();
		// the repository's index.json no longer lists the manifest
		const index = JSON.parse(await readFile(join(srv.root, "manage", "img", "index.json"), "utf8")) as { manifests: unknown[] };
		assert.deepEqual(index.manifests, []);
	});
});

describe("errors", () => {
	it("unknown blob, manifest and repository", async () => {
		await pushImage("err/known", "t", "err");
		const blob = await fetchOk(`/v2/err/known/blobs/${ZERO}`);
		assert.equal(blob.status, 404);
		assert.equal(await errorCode(blob), "BLOB_UNKNOWN");
		const headBlob = await fetchOk(`/v2/err/known/blobs/${ZERO}`, { method: "HEAD" });
		assert.equal(headBlob.status, 404);
		const manifest = await fetchOk("/v2/err/known/manifests/nope");
		assert.equal(manifest.status, 404);
		assert.equal(await errorCode(manifest), "MANIFEST_UNKNOWN");
		const byDigest = await fetchOk(`/v2/err/known/manifests/${ZERO}`);
		assert.equal(byDigest.status, 404);
		assert.equal(await errorCode(byDigest), "MANIFEST_UNKNOWN");
		const repo = await fetchOk("/v2/err/unknown/tags/list");
		assert.equal(repo.status, 404);
		assert.equal(await errorCode(repo), "NAME_UNKNOWN");
	});

	it("error bodies have the spec's shape", async () => {
		const res = await fetchOk(`/v2/err/known/blobs/${ZERO}`);
		assert.equal(res.headers.get("content-type"), "application/json");
		const body = (await res.json()) as { errors: { code: string; message: string; detail?: unknown }[] };
		assert.equal(body.errors.length, 1);
		assert.equal(body.errors[0]!.code, "BLOB_UNKNOWN");
		assert.equal(typeof body.errors[0]!.message, "string");
		assert.deepEqual(body.errors[0]!.detail, { digest: ZERO });
	});

	it("bad digests", async () => {
		for (const d of ["sha256:xyz", "sha256:" + "A".repeat(64), "md5:abc"]) {
			const res = await fetchOk(`/v2/err/known/blobs/${d}`);
			assert.equal(res.status, 400, d);
			assert.equal(await errorCode(res), "DIGEST_INVALID", d);
		}
		const post = await fetchOk("/v2/err/known/blobs/uploads/?digest=sha256:nope", { method: "POST", body: "x" });
		assert.equal(post.status, 400);
		assert.equal(await errorCode(post), "DIGEST_INVALID");
	});

	it("manifests: missing blob, digest mismatch, invalid JSON, wrong type, oversize", async () => {
		const missing = imageManifest({ digest: sha256("no config"), size: 9 }, []);
		const res = await putManifest(base, "err/known", "missing", OCI_MANIFEST, missing);
		assert.equal(res.status, 400);
		const r2 = await fetchOk("/v2/err/known/manifests/missing", { method: "PUT", body: missing, headers: { "Content-Type": OCI_MANIFEST } });
		assert.equal(await errorCode(r2), "MANIFEST_BLOB_UNKNOWN");

		const cfg = await pushBlob(base, "err/known", Buffer.from("{}"));
		const good = imageManifest({ digest: cfg, size: 2 }, []);
		const mismatch = await fetchOk(`/v2/err/known/manifests/${sha256("other")}`, { method: "PUT", body: good, headers: { "Content-Type": OCI_MANIFEST } });
		assert.equal(mismatch.status, 400);
		assert.equal(await errorCode(mismatch), "DIGEST_INVALID");

		const invalid = await fetchOk("/v2/err/known/manifests/bad", { method: "PUT", body: "{not json", headers: { "Content-Type": OCI_MANIFEST } });
		assert.equal(invalid.status, 400);
		assert.equal(await errorCode(invalid), "MANIFEST_INVALID");
		const wrongType = await fetchOk("/v2/err/known/manifests/bad", { method: "PUT", body: good, headers: { "Content-Type": OCI_INDEX } });
		assert.equal(wrongType.status, 400);
		assert.equal(await errorCode(wrongType), "MANIFEST_INVALID");
		const badTag = await fetchOk("/v2/err/known/manifests/-bad", { method: "PUT", body: good, headers: { "Content-Type": OCI_MANIFEST } });
		assert.equal(badTag.status, 400);
		await badTag.arrayBuffer();

		const big = JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: "x/y", digest: cfg, size: 2 }, layers: [], annotations: { pad: "x".repeat(4 * 1024 * 1024) } });
		const oversize = await fetchOk("/v2/err/known/manifests/big", { method: "PUT", body: big, headers: { "Content-Type": OCI_MANIFEST } });
		assert.equal(oversize.status, 413);
		assert.equal(await errorCode(oversize), "MANIFEST_INVALID");
		// nothing of the failures was stored
		assert.deepEqual(((await (await fetchOk("/v2/err/known/tags/list")).json()) as { tags: string[] }).tags, ["t"]);
	});

	it("invalid repository names", async () => {
		for (const name of ["Upper/case", "a//b", "-lead", "a/blobs", "x".repeat(256)]) {
			const res = await fetchOk(`/v2/${name}/tags/list`);
			assert.equal(res.status, 400, name);
			assert.equal(await errorCode(res), "NAME_INVALID", name);
		}
		const post = await fetchOk("/v2/Bad/blobs/uploads/", { method: "POST" });
		assert.equal(post.status, 400);
		assert.equal(await errorCode(post), "NAME_INVALID");
	});

	it("unknown routes and methods", async () => {
		const res = await fetchOk("/v2/x/unknown/thing");
		assert.equal(res.status, 404);
		await res.arrayBuffer();
		const m = await fetchOk("/v2/", { method: "POST" });
		assert.equal(m.status, 405);
		assert.equal(await errorCode(m), "UNSUPPORTED");
	});

	it("one log line per request, without credentials", async () => {
		await (await fetchOk("/v2/", { headers: { Authorization: "Basic c2VjcmV0OnNlY3JldA==" } })).arrayBuffer();
		const line = srv.logs.filter((l) => / GET \/v2\/ 200 /.test(l)).at(-1);
		assert.ok(line, srv.logs.slice(-5).join("\n"));
		assert.match(line, /^info 127\.0\.0\.1 GET \/v2\/ 200 2 bytes \d+ ms$/);
		assert.ok(!srv.logs.some((l) => l.includes("c2VjcmV0") || l.toLowerCase().includes("authorization")));
	});
});

describe("upload limits", () => {
	it("TOO_MANY_REQUESTS beyond maxUploads; idle sessions expire to make room", async () => {
		const limited = await startServe({ maxUploads: 2 });
		try {
			const a = await fetch(`${limited.url}/v2/lim/blobs/uploads/`, { method: "POST" });
			const b = await fetch(`${limited.url}/v2/lim/blobs/uploads/`, { method: "POST" });
			assert.equal(a.status, 202);
			assert.equal(b.status, 202);
			const c = await fetch(`${limited.url}/v2/lim/blobs/uploads/`, { method: "POST" });
			assert.equal(c.status, 429);
			assert.equal(await errorCode(c), "TOO_MANY_REQUESTS");
			await (await fetch(`${limited.url}${a.headers.get("location")}`, { method: "DELETE" })).arrayBuffer();
			const d = await fetch(`${limited.url}/v2/lim/blobs/uploads/`, { method: "POST" });
			assert.equal(d.status, 202);
		} finally {
			await limited.stop();
		}
		const expiring = await startServe({ maxUploads: 1, uploadTtlMs: 0 });
		try {
			const first = await fetch(`${expiring.url}/v2/exp/blobs/uploads/`, { method: "POST" });
			const second = await fetch(`${expiring.url}/v2/exp/blobs/uploads/`, { method: "POST" });
			assert.equal(second.status, 202);
			const old = await fetch(`${expiring.url}${first.headers.get("location")}`);
			assert.equal(old.status, 404);
			assert.equal(await errorCode(old), "BLOB_UPLOAD_UNKNOWN");
		} finally {
			await expiring.stop();
		}
	});
});

describe("read-only", () => {
	it("serves reads and refuses writes with 405 UNSUPPORTED", async () => {
		const ro = await startServe({ root: srv.root, readOnly: true });
		try {
			const tags = await fetch(`${ro.url}/v2/discover/tags/tags/list`);
			assert.equal(tags.status, 200);
			await tags.arrayBuffer();
			const post = await fetch(`${ro.url}/v2/discover/tags/blobs/uploads/`, { method: "POST" });
			assert.equal(post.status, 405);
			assert.equal(await errorCode(post), "UNSUPPORTED");
			const del = await fetch(`${ro.url}/v2/discover/tags/manifests/a1`, { method: "DELETE" });
			assert.equal(del.status, 405);
			await del.arrayBuffer();
		} finally {
			await ro.server.close();
		}
	});
});
