/** The package version: the one lookup (walking up to the package.json named oras-ts) the user agent also uses, so it works from dist/ and from the action's bundle. */
export { packageVersion } from "../registry/transport/options.js";
