import { createReadStream, createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve as resolvePath } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { digestFile } from "../../content/file/pack.js";
import { reusedFileChunks } from "../../content/internal/file-chunks.js";
import { canDelete, type ReadOnlyTarget } from "../../content/storage.js";
import { verifier } from "../../content/verify.js";
import { OrasError } from "../../errors.js";
import type { Descriptor } from "../../oci/descriptor.js";
import { isDigest, parseDigest } from "../../oci/digest.js";
import { MediaType } from "../../oci/mediatypes.js";
import { Repository } from "../../registry/repository.js";
import { Printer, Prompt } from "../display/printer.js";
import { type CliIO, programName } from "../io.js";
import { addCommonFlags, checkArgs, type CommonFlags, usageLine, useTTY } from "../options/common.js";
import { countBytes, type Progress, startProgress } from "../display/progress.js";
import {
	addConfirmationFlag,
	addDescriptorFlags,
	askForConfirmation,
	type ConfirmationFlags,
	type DescriptorFlags,
	ensureReference,
	printDescriptor,
} from "../options/distribution.js";
import { addTargetFlags, displayReference, openReadableTarget, openWritableTarget, type ParsedTarget, parseTargetArg, type TargetFlags } from "../options/remote.js";

interface FetchFlags extends CommonFlags, TargetFlags, DescriptorFlags {
	readonly output?: string;
}
interface PushFlags extends CommonFlags, TargetFlags, DescriptorFlags {
	readonly size: string;
	readonly mediaType: string;
}
interface DeleteFlags extends CommonFlags, TargetFlags, DescriptorFlags, ConfirmationFlags {}


export function define(cmd: Command, io: CliIO): void {
	cmd.description("Blob operations").usage("[command]");

	const del = cmd.command("delete").aliases(["remove", "rm"]).summary("Delete a blob from a remote registry").description("Delete a blob from a remote registry");
	del.usage("[flags] <name>@<digest>").argument("[args...]");
	addTargetFlags(del);
	addDescriptorFlags(del);
	addConfirmationFlag(del);
	addCommonFlags(del, { tty: false });
	del.action((args: string[], flags: DeleteFlags) => runBlobDelete(args, flags, io));

	const fetch = cmd.command("fetch").alias("get").summary("Fetch a blob from a registry or an OCI image layout").description("Fetch a blob from a registry or an OCI image layout");
	fetch.usage("[flags] {--output <file> | --descriptor} <name>@<digest>").argument("[args...]");
	addTargetFlags(fetch);
	addDescriptorFlags(fetch);
	addCommonFlags(fetch);
	fetch.option("-o, --output <path>", "output file `path`, use - for stdout");
	fetch.action((args: string[], flags: FetchFlags) => runBlobFetch(args, flags, io));

	const push = cmd.command("push").summary("Push a blob to a registry or an OCI image layout").description("Push a blob to a registry or an OCI image layout");
	push.usage("[flags] <name>[@digest] <file>").argument("[args...]");
	addTargetFlags(push);
	addDescriptorFlags(push);
	addCommonFlags(push, { verboseDefault: true });
	push.option("--size <bytes>", "provide the blob size", "-1");
	push.option("--media-type <type>", "specify the returned media type in the descriptor if --descriptor is used", MediaType.ImageLayer);
	push.action((args: string[], flags: PushFlags) => runBlobPush(args, flags, io));
}

function blobDigest(t: ParsedTarget, cmdPath: string, use: string): string {
	ensureReference(t, cmdPath, use, false);
	if (!isDigest(t.reference)) {
		throw new OrasError("INVALID_REFERENCE", `"${t.raw}": invalid reference: the blob reference must be a digest`, {
			hint: `Usage: ${use}\nPlease specify a reference in the form of "<name>@<digest>". Run "${cmdPath} -h" for more options and examples`,
		});
	}
	return t.reference;
}

/** A blob's descriptor: HEAD on a registry, the layout's own lookup otherwise. */
async function resolveBlob(target: ReadOnlyTarget, digest: string, signal?: AbortSignal): Promise<Descriptor> {
	const o = { signal };
	if (target instanceof Repository) return target.resolveBlob(digest, o);
	return target.resolve(digest, o);
}

export async function runBlobFetch(args: string[], flags: FetchFlags, io: CliIO): Promise<void> {
	checkArgs(io, "blob fetch", args, 1, 1);
	if (!flags.output && !flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "either `--output` or `--descriptor` must be provided");
	if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--output -` cannot be used with `--descriptor` at the same time");
	const target = parseTargetArg(args[0] as string, flags);
	const opened = await openReadableTarget(target, flags, io, { scopeActions: ["pull"] }, true);
	let progress: Progress | undefined;
	try {
		const digest = blobDigest(target, `${programName(io)} blob fetch`, usageLine(io, "blob fetch"));
		const desc = await resolveBlob(opened.target, digest, io.signal);
		if (flags.output) {
			const o = { signal: io.signal };
			// As oras: a bar while the blob downloads to a file (never when it goes to stdout).
			if (flags.output !== "-" && useTTY(flags, io)) progress = startProgress(io);
			progress?.start(desc, Prompt.Downloading);
			const fetched = await opened.target.fetch(desc, o);
			const body = progress ? Readable.from(countBytes(fetched, (n) => progress?.onProgress(desc, n))) : fetched;
			if (flags.output === "-") {
				// Streamed: the verifier fails the pipeline (after the bytes went out) on a mismatch, as oras does.
				await pipeline(body, verifier(desc), async (src: AsyncIterable<Buffer>) => {
					for await (const chunk of src) {
						if (!io.stdout.write(chunk)) await new Promise<void>((r) => io.stdout.once("drain", () => r()));
					}
				});
			} else {
				const path = resolvePath(io.cwd, flags.output);
				const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.part`);
				try {
					await pipeline(body, verifier(desc), createWriteStream(tmp, { flags: "wx" }), o);
					await rename(tmp, path);
				} catch (err) {
					await unlink(tmp).catch(() => undefined);
					throw err;
				}
				progress?.done(desc, Prompt.Downloaded);
				progress?.stop();
			}
		}
		if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
	} finally {
		progress?.stop(true);
		opened.close();
	}
}

export async function runBlobPush(args: string[], flags: PushFlags, io: CliIO): Promise<void> {
	checkArgs(io, "blob push", args, 2, 2);
	const fileRef = args[1] as string;
	const size = /^-?\d+$/.test(flags.size) ? Number(flags.size) : Number.NaN;
	if (!Number.isSafeInteger(size)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${flags.size}" for "--size" flag: strconv.ParseInt: parsing "${flags.size}": invalid syntax`);
	if (fileRef === "-") {
		if (flags.passwordStdin) throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--password-stdin` read password from input cannot be both used");
		if (flags.identityTokenStdin) {
			throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--identity-token-stdin` read identity token from input cannot be both used");
		}
		if (size < 0) throw new OrasError("INVALID_ARGUMENT", "`--size` must be provided if the blob is read from stdin");
	}
	const target = parseTargetArg(args[0] as string, flags);
	let digest: string | undefined;
	if (target.reference !== "") {
		try {
			digest = parseDigest(target.reference);
		} catch (err) {
			throw new OrasError("INVALID_DIGEST", `invalid digest ${target.reference}: ${(err as Error).message}`, { cause: err });
		}
	}
	let desc: Descriptor;
	let open: () => AsyncIterable<Uint8Array>;
	if (fileRef === "-") {
		if (digest === undefined) throw new OrasError("INVALID_ARGUMENT", "content digest must be provided if it is read from stdin");
		desc = { mediaType: flags.mediaType, digest: parseDigest(digest), size };
		open = () => io.stdin;
	} else {
		const path = resolvePath(io.cwd, fileRef);
		let actual: number;
		try {
			actual = (await stat(path)).size;
		} catch (err) {
			throw new OrasError("INVALID_ARGUMENT", `failed to open ${fileRef}: ${(err as Error).message}`, { cause: err });
		}
		if (size >= 0 && size !== actual) throw new OrasError("INVALID_ARGUMENT", `input size ${size} does not match the actual content size ${actual}`);
		if (digest === undefined) {
			digest = (await digestFile(path)).digest;
		}
		desc = { mediaType: flags.mediaType, digest: parseDigest(digest), size: actual };
		// A registry's blob upload sends each chunk before it asks for the next: the file can be read
		// into two reused buffers (see `reusedFileChunks`). Other stores may keep chunks: a stream.
		open = () => (lends ? reusedFileChunks(path) : createReadStream(path));
	}
	const tty = useTTY(flags, io);
	const printer = new Printer(io.stdout, { verbose: flags.verbose !== false && !flags.descriptor, quiet: Boolean(flags.descriptor) || tty });
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "push"] });
	const lends = opened.target instanceof Repository && !opened.target.isManifest(desc.mediaType);
	const o = { signal: io.signal };
	let progress: Progress | undefined = tty ? startProgress(io) : undefined;
	try {
		if (await opened.target.exists(desc, o)) {
			progress?.report(desc, Prompt.PushExists);
			printer.printStatus(desc, Prompt.PushExists);
		} else {
			progress?.start(desc, Prompt.Uploading);
			printer.printStatus(desc, Prompt.Uploading);
			await opened.target.push(desc, progress ? countBytes(open(), (n) => progress?.onProgress(desc, n)) : open(), o);
			progress?.done(desc, Prompt.Uploaded);
			printer.printStatus(desc, Prompt.Uploaded);
		}
		progress?.stop();
		progress = undefined;
		if (flags.descriptor) {
			printDescriptor(io, desc, flags.pretty);
			return;
		}
		printer.println("Pushed:", displayReference(target));
		printer.println("Digest:", desc.digest);
	} finally {
		progress?.stop(true);
		opened.close();
	}
}

export async function runBlobDelete(args: string[], flags: DeleteFlags, io: CliIO): Promise<void> {
	checkArgs(io, "blob delete", args, 1, 1);
	if (flags.descriptor && !flags.force) throw new OrasError("INVALID_ARGUMENT", "must apply --force to confirm the deletion if the descriptor is outputted");
	const target = parseTargetArg(args[0] as string, flags);
	const opened = await openWritableTarget(target, flags, io, { scopeActions: ["pull", "delete"] });
	const o = { signal: io.signal };
	try {
		const digest = blobDigest(target, `${programName(io)} blob delete`, usageLine(io, "blob delete"));
		if (!canDelete(opened.target)) throw new OrasError("UNSUPPORTED", `${target.raw}: the target does not support deletion`);
		let desc: Descriptor;
		try {
			desc = await resolveBlob(opened.target, digest, io.signal);
		} catch (err) {
			if (OrasError.is(err) && err.code === "NOT_FOUND") {
				if (flags.force && !flags.descriptor) {
					io.stdout.write(`Missing ${target.raw}\n`);
					return;
				}
				throw new OrasError("NOT_FOUND", `${target.raw}: the specified blob does not exist`, { cause: err });
			}
			throw err;
		}
		const ok = await askForConfirmation(io, flags, `Are you sure you want to delete the blob "${desc.digest}"?`);
		if (!ok) return;
		try {
			await opened.target.delete(desc, o);
		} catch (err) {
			if (OrasError.is(err)) throw new OrasError(err.code, `failed to delete ${target.raw}: ${err.message}`, { cause: err, ...(err.hint ? { hint: err.hint } : {}) });
			throw err;
		}
		if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
		else io.stdout.write(`Deleted ${displayReference(target)}\n`);
	} finally {
		opened.close();
	}
}
