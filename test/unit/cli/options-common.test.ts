/** The CLI's shared flag groups: common flags and argument checks, distribution spec / descriptor / confirmation, and cp's --from-/--to- flags. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Command } from "commander";
import { addBinaryTargetFlags, type BinaryTargetFlags, sameCredentials, sideFlags, sideReferrersState } from "../../../src/cli/options/binary-target.js";
import { addCommonFlags, checkArgs, collect, hintForProgram, parseConcurrency, readSecretFromStdin, usageLine, useTTY } from "../../../src/cli/options/common.js";
import { addConfirmationFlag, addDescriptorFlags, addDistributionSpecFlag, askForConfirmation, ensureReference, parseDistributionSpec, printDescriptor, printJSON } from "../../../src/cli/options/distribution.js";
import { parseTargetArg } from "../../../src/cli/options/remote.js";
import { hasCode, OrasError } from "../../../src/errors.js";
import { descriptorFromBytes } from "../../../src/oci/descriptor.js";
import { MediaType } from "../../../src/oci/mediatypes.js";
import { fakeIO } from "./fake-io.js";

function parse(cmd: Command, argv: string[]): Record<string, unknown> {
	cmd.exitOverride().parse(argv, { from: "user" });
	return cmd.opts();
}

describe("common flags", () => {
	it("parses -d, -v (with its default), --no-verbose and --no-tty", () => {
		assert.deepEqual(parse(addCommonFlags(new Command("x")), []), { verbose: false, tty: true });
		assert.deepEqual(parse(addCommonFlags(new Command("x"), { verboseDefault: true }), ["--no-verbose", "-d", "--no-tty"]), { verbose: false, debug: true, tty: false });
		assert.equal("tty" in parse(addCommonFlags(new Command("x"), { tty: false }), []), false);
	});

	it("draws progress only on a terminal without --no-tty or --debug", () => {
		const tty = fakeIO({ stderrTTY: true });
		assert.equal(useTTY({}, tty), true);
		assert.equal(useTTY({ tty: false }, tty), false);
		assert.equal(useTTY({ debug: true }, tty), false);
		assert.equal(useTTY({}, fakeIO()), false);
	});

	it("collects repeated values and parses --concurrency as pflag does", () => {
		assert.deepEqual(collect("b", collect("a", undefined)), ["a", "b"]);
		assert.equal(parseConcurrency("5"), 5);
		assert.equal(parseConcurrency("+2"), 2);
		assert.equal(parseConcurrency("0"), 3, "zero means oras-go's default");
		assert.equal(parseConcurrency("-4"), 3);
		assert.throws(() => parseConcurrency("2.5"), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /invalid argument "2\.5" for "--concurrency" flag: strconv\.ParseInt: parsing "2\.5": invalid syntax/.test((err as Error).message));
		assert.throws(() => parseConcurrency("99999999999999999999"), /value out of range/);
	});

	it("reads a secret from stdin without one trailing line ending", async () => {
		assert.equal(await readSecretFromStdin(fakeIO({ stdin: ["pa", "ss\r\n"] })), "pass");
		assert.equal(await readSecretFromStdin(fakeIO({ stdin: ["pass\n\n"] })), "pass\n");
		assert.equal(await readSecretFromStdin(fakeIO()), "");
	});

	it("checks argument counts with oras's usage line and recommendation", () => {
		const io = fakeIO({ programName: "oras" });
		assert.equal(usageLine(io, "manifest fetch").startsWith("oras manifest fetch "), true);
		checkArgs(io, "pull", ["x"], 1, 1);
		assert.throws(
			() => checkArgs(io, "pull", [], 1, 1),
			(err: unknown) => {
				assert.ok(OrasError.is(err));
				assert.equal(err.message, '"oras pull" requires exactly 1 argument but got 0');
				assert.match(err.hint ?? "", /^Usage: oras pull /);
				assert.match(err.hint ?? "", /Please specify exactly 1 argument as the artifact reference you want to pull\. Run "oras pull -h" for more options and examples$/);
				return true;
			},
		);
		assert.throws(() => checkArgs(fakeIO(), "tag", ["a"], 2, Number.MAX_SAFE_INTEGER), (err: unknown) => /^"oras-ts tag" requires at least 2 argument but got 1$/.test((err as Error).message));
	});

	it("rewords library hints that name oras for the invoked program", () => {
		const err = new OrasError("NOT_FOUND", "no tags", { hint: 'use "oras repo tags"' });
		const same = hintForProgram(err, fakeIO({ programName: "oras" }));
		assert.equal(same, err);
		const re = hintForProgram(err, fakeIO());
		assert.ok(OrasError.is(re));
		assert.equal(re.hint, 'use "oras-ts repo tags"');
		assert.equal(re.message, "no tags");
		const plain = new Error("x");
		assert.equal(hintForProgram(plain, fakeIO()), plain);
	});
});

describe("distribution spec, descriptor and confirmation flags", () => {
	it("maps --distribution-spec to a referrers state", () => {
		assert.equal(parseDistributionSpec(undefined), undefined);
		assert.equal(parseDistributionSpec("v1.1-referrers-tag"), "unsupported");
		assert.equal(parseDistributionSpec("v1.1-referrers-api"), "supported");
		assert.throws(() => parseDistributionSpec("v1.0"), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && (err as Error).message === "unknown distribution specification flag: v1.0" && /v1\.1-referrers-tag, v1\.1-referrers-api/.test((err as OrasError).hint ?? ""));
		const opts = parse(addConfirmationFlag(addDescriptorFlags(addDistributionSpecFlag(new Command("x")))), ["--distribution-spec", "v1.1-referrers-api", "--descriptor", "--pretty", "-f"]);
		assert.deepEqual(opts, { distributionSpec: "v1.1-referrers-api", descriptor: true, pretty: true, force: true });
		assert.equal(addDescriptorFlags(new Command("y"), false).options.some((o) => o.long === "--pretty"), false);
	});

	it("prints JSON raw, or indented with a newline under --pretty", () => {
		const raw = fakeIO();
		printJSON(raw, '{"a":1}', false);
		printJSON(raw, Buffer.from('{"b":2}'), undefined);
		assert.equal(raw.out(), '{"a":1}{"b":2}');
		const pretty = fakeIO();
		printJSON(pretty, Buffer.from('{"a":1}'), true);
		assert.equal(pretty.out(), '{\n  "a": 1\n}\n');
		const d = descriptorFromBytes(MediaType.ImageManifest, Buffer.from("{}"));
		const desc = fakeIO();
		printDescriptor(desc, d, false);
		assert.deepEqual(JSON.parse(desc.out()), { mediaType: d.mediaType, digest: d.digest, size: d.size });
		assert.ok(!desc.out().endsWith("\n"));
	});

	it("confirms with --force or y/yes, and cancels otherwise", async () => {
		assert.equal(await askForConfirmation(fakeIO(), { force: true }, "Delete?"), true);
		for (const yes of ["y\n", "YES\r\n", "Yes"]) {
			const io = fakeIO({ stdin: [yes] });
			assert.equal(await askForConfirmation(io, {}, "Delete?"), true, yes);
			assert.equal(io.out(), "Delete? [y/N] ");
		}
		const no = fakeIO({ stdin: ["n", "o\nyes\n"] });
		assert.equal(await askForConfirmation(no, {}, "Delete?"), false);
		assert.equal(no.out(), "Delete? [y/N] Operation cancelled.\n");
		assert.equal(await askForConfirmation(fakeIO(), {}, "Delete?"), false, "end of input is no");
	});

	it("requires a tag or digest where one is needed", () => {
		ensureReference(parseTargetArg("localhost:5000/repo:v1", {}), "oras tag", "tag x");
		assert.throws(
			() => ensureReference(parseTargetArg("localhost:5000/repo", {}), "oras manifest delete", "manifest delete <name>@<digest>", false),
			(err: unknown) => {
				assert.ok(OrasError.is(err));
				assert.equal(err.code, "INVALID_REFERENCE");
				assert.equal(err.message, '"localhost:5000/repo": no digest specified');
				assert.match(err.hint ?? "", /in the form of "<name>@<digest>"\. Run "oras manifest delete -h"/);
				return true;
			},
		);
		assert.throws(() => ensureReference(parseTargetArg("localhost:5000/repo", {}), "oras tag", "tag x"), /no tag or digest specified/);
	});
});

describe("cp's --from-* / --to-* flags", () => {
	const cp = () => addBinaryTargetFlags(new Command("cp"));

	it("splits each side back into plain target flags, shared --resolve rules first", () => {
		const flags = parse(cp(), [
			"--from-username",
			"alice",
			"--from-password",
			"pw",
			"--from-plain-http",
			"--to-insecure",
			"--to-header",
			"A: 1",
			"--to-header",
			"B: 2",
			"--resolve",
			"r:1:127.0.0.1",
			"--to-resolve",
			"r:1:127.0.0.2",
			"--to-oci-layout",
			"--from-registry-config",
			"c.json",
		]) as BinaryTargetFlags;
		assert.deepEqual(sideFlags(flags, "from"), { username: "alice", password: "pw", plainHttp: true, resolve: ["r:1:127.0.0.1"], registryConfig: ["c.json"] });
		assert.deepEqual(sideFlags(flags, "to"), { insecure: true, header: ["A: 1", "B: 2"], resolve: ["r:1:127.0.0.1", "r:1:127.0.0.2"], ociLayout: true });
		assert.deepEqual(sideFlags(parse(cp(), ["--no-to-plain-http"]) as BinaryTargetFlags, "to"), { plainHttp: false });
	});

	it("refuses both --X-oci-layout and --X-oci-layout-path on one side", () => {
		const flags = parse(cp(), ["--from-oci-layout", "--from-oci-layout-path", "dir"]) as BinaryTargetFlags;
		assert.throws(() => sideFlags(flags, "from"), (err: unknown) => hasCode(err, "INVALID_ARGUMENT") && /--from-oci-layout-path, --from-oci-layout cannot be used at the same time/.test((err as Error).message));
		assert.deepEqual(sideFlags(flags, "to"), {});
	});

	it("reads each side's distribution spec, and only with the flag defined", () => {
		const flags = parse(cp(), ["--to-distribution-spec", "v1.1-referrers-tag"]) as BinaryTargetFlags;
		assert.equal(sideReferrersState(flags, "to"), "unsupported");
		assert.equal(sideReferrersState(flags, "from"), undefined);
		const none = addBinaryTargetFlags(new Command("x"), { distributionSpec: false });
		assert.equal(none.options.some((o) => o.long === "--to-distribution-spec"), false);
	});

	it("mounts only with the same command-line credentials on both sides", () => {
		assert.equal(sameCredentials({}), true);
		assert.equal(sameCredentials({ fromUsername: "u", toUsername: "u", fromPassword: "p", toPassword: "p" }), true);
		assert.equal(sameCredentials({ fromUsername: "u", toUsername: "v" }), false);
		assert.equal(sameCredentials({ fromPassword: "p" }), false);
	});
});
