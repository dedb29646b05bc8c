import type { Command } from "commander";
import type { Platform } from "../../oci/descriptor.js";
import { parseHostPlatform } from "../../oci/platform.js";

export interface PlatformFlags {
	readonly platform?: string;
}

export function addPlatformFlag(cmd: Command): Command {
	return cmd.option("--platform <platform>", "request platform in the form of `os[/arch][/variant][:os_version]`");
}

export function parsePlatformFlag(flags: PlatformFlags): Platform | undefined {
	return flags.platform === undefined ? undefined : parseHostPlatform(flags.platform);
}
