export { digestFile, type PackedDirectory, packDirectory } from "./pack.js";
export { resolveWritePath } from "./paths.js";
export { type DigestHook, FileStore, type FileStoreOptions, pathExists, type WrittenFile } from "./store.js";
export { type ExtractOptions, extractTarGzip } from "./unpack.js";
