import type { Command } from "commander";
import type { CliIO } from "../io.js";
import { packageVersion } from "../version.js";

const GO_ARCH: Record<string, string> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm", ppc64: "ppc64le", s390x: "s390x" };

export function versionLines(): string[] {
	const pairs: Array<[string, string]> = [
		["Version", packageVersion()],
		["Node version", process.version],
		["OS/Arch", `${process.platform}/${GO_ARCH[process.arch] ?? process.arch}`],
	];
	const width = Math.max(...pairs.map(([k]) => k.length + 1));
	return pairs.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`);
}

export function define(cmd: Command, io: CliIO): void {
	cmd
		.description("Show version information")
		.argument("[args...]")
		.option("-d, --debug", "output debug logs (implies --no-tty)")
		.action((args: string[]) => {
			if (args.length > 0) io.stderr.write(`Warning: extra arguments are ignored: ${args.join(" ")}\n`);
			io.stdout.write(`${versionLines().join("\n")}\n`);
		});
}
