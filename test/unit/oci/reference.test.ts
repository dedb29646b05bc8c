import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hasCode, OrasError } from "../../../src/errors.js";
import {
	formatLayoutReference,
	formatReference,
	isDigestReference,
	isTagReference,
	isValidRegistry,
	isValidRepository,
	isValidTag,
	layoutPathReference,
	parseLayoutReference,
	parseReference,
	parseReferenceWithTagOrDigest,
	type Reference,
	referenceDigest,
	registryHost,
	repositoryPath,
	splitTagList,
} from "../../../src/oci/reference.js";

const D = "sha256:97942c6a0debd55582550d971c49fc1eb4479091a0b4998e9026bb7dae7dca1c";

function ref(registry: string, repository: string, reference = ""): Reference {
	return { registry, repository, reference };
}

function rejects(raw: string, message?: RegExp): void {
	assert.throws(
		() => parseReference(raw),
		(err: unknown) => {
			assert.ok(OrasError.is(err), `not an OrasError for ${JSON.stringify(raw)}`);
			assert.equal(err.code, "INVALID_REFERENCE", raw);
			if (message) assert.match(err.message, message);
			return true;
		},
	);
}

describe("parseReference: valid forms", () => {
	const table: Array<[string, Reference]> = [
		["localhost:5000/hello:v1", ref("localhost:5000", "hello", "v1")],
		["localhost:5000/hello", ref("localhost:5000", "hello")],
		[`localhost:5000/hello@${D}`, ref("localhost:5000", "hello", D)],
		// as oras-go: the digest wins, the tag before it is dropped unvalidated
		[`localhost:5000/hello:v1@${D}`, ref("localhost:5000", "hello", D)],
		[`localhost:5000/hello:!!bad!!@${D}`, ref("localhost:5000", "hello", D)],
		["example.com/a/b/c:tag_1.2-x", ref("example.com", "a/b/c", "tag_1.2-x")],
		["example.com/a__b/c-d/e.f/g---h:V", ref("example.com", "a__b/c-d/e.f/g---h", "V")],
		["127.0.0.1:5000/x:latest", ref("127.0.0.1:5000", "x", "latest")],
		["[::1]:5000/x:v", ref("[::1]:5000", "x", "v")],
		["[fe80::1]/x", ref("[fe80::1]", "x")],
		["[2001:db8::8a2e:370:7334]:443/ns/x@" + D, ref("[2001:db8::8a2e:370:7334]:443", "ns/x", D)],
		["localhost:/x", ref("localhost:", "x")],
		["my_registry.local/x", ref("my_registry.local", "x")],
		// an empty tag or digest means no reference (oras-go)
		["localhost:5000/hello:", ref("localhost:5000", "hello")],
		["localhost:5000/hello@", ref("localhost:5000", "hello")],
		[`r.io/x:${"a".repeat(128)}`, ref("r.io", "x", "a".repeat(128))],
		// the project's docker deviation: library/ inserted for one-segment Docker Hub names
		["docker.io/alpine:3", ref("docker.io", "library/alpine", "3")],
		["docker.io/library/alpine:3", ref("docker.io", "library/alpine", "3")],
		["docker.io/bitnami/redis", ref("docker.io", "bitnami/redis")],
		["index.docker.io/alpine", ref("index.docker.io", "library/alpine")],
	];
	for (const [raw, want] of table) {
		it(raw, () => assert.deepEqual(parseReference(raw), want));
	}

	it("docker.io is contacted at registry-1.docker.io", () => {
		const r = parseReference("docker.io/alpine:3");
		assert.equal(registryHost(r.registry), "registry-1.docker.io");
		assert.equal(registryHost("localhost:5000"), "localhost:5000");
	});
});

describe("parseReference: invalid forms are INVALID_REFERENCE", () => {
	it("no registry", () => {
		rejects("hello:v1", /^invalid reference: missing registry or repository$/);
		rejects("alpine", /missing registry or repository/);
		rejects("", /missing registry or repository/);
	});

	it("upper-case repository", () => rejects("localhost:5000/Hello:v1", /^invalid reference: invalid repository "Hello"$/));

	it("bad repositories", () => {
		for (const raw of ["r.io/", "r.io/-a", "r.io/a-", "r.io/a..b", "r.io/a___b", "r.io/a//b", "r.io/a/", "r.io/_a", "r.io/a b", "r.io/é"]) {
			rejects(raw, /invalid repository/);
		}
	});

	it("bad registries", () => {
		for (const raw of [
			"/x",
			"a b/x",
			"user@host/x",
			"host:port/x",
			"host:80:80/x",
			"ho%41st/x",
			"[::1/x",
			"[::1]x/x",
			"[zz::1]/x",
			"[fe80::1%25en0]/x",
			"host?q/x",
			"host#f/x",
			"<host>/x",
		]) {
			rejects(raw, /invalid registry/);
		}
	});

	it("bad tags", () => {
		rejects("r.io/x:-v1", /^invalid reference: invalid tag "-v1"$/);
		rejects("r.io/x:.v1", /invalid tag/);
		rejects("r.io/x:a/b", /invalid tag/);
		rejects("r.io/x:a:b", /invalid tag/);
		rejects(`r.io/x:${"a".repeat(129)}`, /invalid tag/);
		rejects("r.io/x:()", /invalid tag "\(\)"/);
	});

	it("bad digests keep the digest error as cause", () => {
		rejects("r.io/x@invalid", /^invalid reference: invalid digest "invalid": invalid checksum digest format$/);
		rejects(`r.io/x@sha256:${"A".repeat(64)}`, /invalid digest/);
		try {
			parseReference("r.io/x@md5:abc");
			assert.fail("did not throw");
		} catch (err) {
			assert.ok(hasCode(err, "INVALID_REFERENCE"));
			assert.ok(hasCode(err, "UNSUPPORTED_DIGEST"));
		}
	});

	it("registry is validated before repository, repository before tag", () => {
		rejects("a b/X:-", /invalid registry/);
		rejects("r.io/X:-", /invalid repository/);
	});

	it("a reference is required where oras needs one", () => {
		assert.throws(() => parseReferenceWithTagOrDigest("r.io/x"), /no tag or digest when expecting <name:tag\|name@digest>/);
		assert.throws(() => parseReferenceWithTagOrDigest("r.io/x:"), (e: unknown) => hasCode(e, "INVALID_REFERENCE"));
		assert.deepEqual(parseReferenceWithTagOrDigest("r.io/x:v"), ref("r.io", "x", "v"));
	});

	it("the repository check is linear on pathological input", () => {
		const start = performance.now();
		assert.equal(isValidRepository(`${"a".repeat(5000)}!`), false);
		assert.equal(isValidRepository(`${"a-".repeat(5000)}!`), false);
		assert.equal(isValidRepository(`${"a".repeat(5000)}/${"b".repeat(5000)}`), true);
		assert.ok(performance.now() - start < 1000);
	});
});

describe("reference helpers", () => {
	it("tag and digest predicates", () => {
		const t = parseReference("r.io/x:v1");
		const d = parseReference(`r.io/x@${D}`);
		assert.equal(isTagReference(t), true);
		assert.equal(isDigestReference(t), false);
		assert.equal(referenceDigest(t), undefined);
		assert.equal(isDigestReference(d), true);
		assert.equal(isTagReference(d), false);
		assert.equal(referenceDigest(d), D);
		assert.equal(isTagReference(parseReference("r.io/x")), false);
	});

	it("formatting round-trips", () => {
		for (const raw of ["r.io/x", "r.io/x:v1", `r.io/a/b@${D}`, "[::1]:5000/x:v"]) {
			assert.equal(formatReference(parseReference(raw)), raw);
		}
		assert.equal(formatReference(parseReference(`r.io/x:v1@${D}`)), `r.io/x@${D}`);
		assert.equal(repositoryPath(parseReference("docker.io/alpine")), "docker.io/library/alpine");
	});

	it("validators", () => {
		assert.equal(isValidTag("v1.0_rc-1"), true);
		assert.equal(isValidTag("_x"), true);
		assert.equal(isValidTag(""), false);
		assert.equal(isValidTag("é"), false);
		assert.equal(isValidRegistry("localhost:5000"), true);
		assert.equal(isValidRegistry("[::1]"), true);
		assert.equal(isValidRegistry("[::1]:"), true);
		assert.equal(isValidRegistry(""), false);
		assert.equal(isValidRegistry("a:b"), false);
	});

	it("tag lists split at every comma (push, cp, manifest push)", () => {
		assert.deepEqual(splitTagList("r.io/x:v1,v2,v3"), { ref: "r.io/x:v1", extraTags: ["v2", "v3"] });
		assert.deepEqual(splitTagList("r.io/x:v1"), { ref: "r.io/x:v1", extraTags: [] });
		assert.deepEqual(splitTagList("r.io/x,"), { ref: "r.io/x", extraTags: [""] });
		assert.deepEqual(splitTagList(`r.io/x@${D},t`), { ref: `r.io/x@${D}`, extraTags: ["t"] });
	});
});

describe("layout references (--oci-layout, https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md)", () => {
	const table: Array<[string, string, string]> = [
		["layout", "layout", ""],
		["layout:v1", "layout", "v1"],
		["path/to/layout:v1", "path/to/layout", "v1"],
		["a:b:c", "a:b", "c"],
		[`layout@${D}`, "layout", D],
		[`a@b@${D}`, "a@b", D],
		["layout:", "layout", ""],
		["layout:example.com:v1", "layout:example.com", "v1"],
		["layout.tar:TAG!", "layout.tar", "TAG!"],
		// Windows drive letters are part of the path
		["C:\\layout", "C:\\layout", ""],
		["C:\\layout:v1", "C:\\layout", "v1"],
		["c:/layout", "c:/layout", ""],
		["C:/layout:v1", "C:/layout", "v1"],
		["C:layout", "C", "layout"],
	];
	for (const [raw, path, reference] of table) {
		it(raw, () => assert.deepEqual(parseLayoutReference(raw), { path, reference }));
	}

	it("empty paths and bad digests are INVALID_REFERENCE", () => {
		for (const raw of ["", ":v1", `@${D}`, "layout@invalid", `layout@sha256:${"a".repeat(10)}`]) {
			assert.throws(
				() => parseLayoutReference(raw),
				(e: unknown) => hasCode(e, "INVALID_REFERENCE"),
				raw,
			);
		}
	});

	it("--oci-layout-path takes the argument verbatim", () => {
		assert.deepEqual(layoutPathReference("dir", "example.com:v1"), { path: "dir", reference: "example.com:v1" });
		assert.deepEqual(layoutPathReference("dir", D), { path: "dir", reference: D });
		assert.throws(() => layoutPathReference("", "v1"), (e: unknown) => hasCode(e, "INVALID_REFERENCE"));
	});

	it("formats back", () => {
		assert.equal(formatLayoutReference({ path: "dir", reference: "" }), "dir");
		assert.equal(formatLayoutReference({ path: "dir", reference: "v1" }), "dir:v1");
		assert.equal(formatLayoutReference({ path: "dir", reference: D }), `dir@${D}`);
		assert.equal(formatLayoutReference({ path: "dir", reference: "example.com:v1" }), "dir:example.com:v1");
	});
});
