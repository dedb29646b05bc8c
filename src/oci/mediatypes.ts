/** Media types of the OCI image spec and of Docker's schema 2. */
export const MediaType = {
	ImageManifest: "application/vnd.oci.image.manifest.v1+json",
	ImageIndex: "application/vnd.oci.image.index.v1+json",
	ImageConfig: "application/vnd.oci.image.config.v1+json",
	ImageLayer: "application/vnd.oci.image.layer.v1.tar",
	ImageLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
	ImageLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
	ImageLayerNonDistributable: "application/vnd.oci.image.layer.nondistributable.v1.tar",
	ImageLayerNonDistributableGzip: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
	ImageLayerNonDistributableZstd: "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
	Empty: "application/vnd.oci.empty.v1+json",
	ArtifactManifest: "application/vnd.oci.artifact.manifest.v1+json",
	DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
	DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
	DockerConfig: "application/vnd.docker.container.image.v1+json",
	DockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
	DockerForeignLayer: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
	UnknownConfig: "application/vnd.unknown.config.v1+json",
	UnknownArtifact: "application/vnd.unknown.artifact.v1",
	OctetStream: "application/octet-stream",
} as const;

/** The manifest media types a registry client asks for (the order oras sends in Accept). */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [
	MediaType.DockerManifest,
	MediaType.DockerManifestList,
	MediaType.ImageManifest,
	MediaType.ImageIndex,
	MediaType.ArtifactManifest,
];

export function isManifestMediaType(mediaType: string): boolean {
	return MANIFEST_MEDIA_TYPES.includes(mediaType);
}

export function isIndexMediaType(mediaType: string): boolean {
	return mediaType === MediaType.ImageIndex || mediaType === MediaType.DockerManifestList;
}

export function isForeignLayer(mediaType: string): boolean {
	return (
		mediaType === MediaType.ImageLayerNonDistributable ||
		mediaType === MediaType.ImageLayerNonDistributableGzip ||
		mediaType === MediaType.ImageLayerNonDistributableZstd ||
		mediaType === MediaType.DockerForeignLayer
	);
}

/** Annotation keys used by oras and the image spec. */
export const Annotation = {
	Title: "org.opencontainers.image.title",
	Created: "org.opencontainers.image.created",
	RefName: "org.opencontainers.image.ref.name",
	ContentDigest: "io.deis.oras.content.digest",
	ContentUnpack: "io.deis.oras.content.unpack",
	ReferrersFiltersApplied: "org.opencontainers.referrers.filtersApplied",
} as const;

/** RFC 6838 shape that oras checks artifact types against. */
const MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

export function isValidMediaType(mediaType: string): boolean {
	return MEDIA_TYPE_RE.test(mediaType);
}

/** The media type a `Content-Type` header value names: without parameters and surrounding space; "" when absent. */
export function mediaTypeOfContentType(header: string | null | undefined): string {
	return (header ?? "").split(";")[0]?.trim() ?? "";
}
