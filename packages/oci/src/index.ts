export type { AssembleResult, AssembleTargets, ImageSpec, LayerReport } from './internal/assemble.js';
/** Assembles an image from a base, app files and weight files, without a daemon or a Dockerfile. */
export { assemble } from './internal/assemble.js';
export type { BuildOptions, BuildResult, Engine } from './internal/build.js';
/** The container-build capability: picks the engine, builds, pushes, attests, reports. */
export { buildImage, fmtBytes } from './internal/build.js';
export type { BuildahOptions, DockerfileBuild } from './internal/buildah.js';
/** buildah driver: `bud` arguments, and a full build-and-push. */
export { buildahBudArgs, buildahBuild } from './internal/buildah.js';
export type { BuildxOptions } from './internal/buildx.js';
/** buildx driver: arguments, the daemon probe, a full build. */
export { buildxArgs, buildxBuild, dockerDaemonAnswers } from './internal/buildx.js';
export type { SignOutcome } from './internal/cosign.js';
/** cosign signing of pushed images, when cosign and a key or OIDC token are there. */
export { cosignArgs, signImage } from './internal/cosign.js';
export type { Credentials } from './internal/credentials.js';
/** Registry credentials from inputs, the Docker config file or GITHUB_TOKEN; `WWW-Authenticate` parsing. */
export { findCredentials, parseChallenge } from './internal/credentials.js';
export type { Exec, ExecResult } from './internal/exec.js';
/** Runs a program and collects its output. */
export { execFile } from './internal/exec.js';
export type { ContainerBuildInputs } from './internal/from-config.js';
/** The capability as the action and CLI run it: slipway.yml's `build` section plus inputs. */
export { mergeBuildOptions, runContainerBuild } from './internal/from-config.js';
export type { HostBinary, HostRootfsOptions, HostRootfsResult } from './internal/host-rootfs.js';
/** A minimal root filesystem made from this machine's binaries and the shared libraries they load (a base without a base image). */
export { hostRootfs, parseLdd } from './internal/host-rootfs.js';
export type { Descriptor, ImageConfig, Manifest, RuntimeConfig } from './internal/image.js';
/** Media types, canonical JSON and digests of image documents. */
export { canonicalBytes, MEDIA, parsePlatform, sha256 } from './internal/image.js';
/** The action's inputs, parsed once. */
export { CONTAINER_BUILD_INPUTS, readContainerBuildInputs } from './internal/inputs.js';
export type { CopySpec } from './internal/layers.js';
/** The weight-layer digest cache and the layer planners. */
export { LAYER_MTIME, LayerCache, planRootfsLayer } from './internal/layers.js';
/** An OCI image layout folder. */
export { OciLayout } from './internal/layout.js';
export type { ImageReference } from './internal/reference.js';
/** Image reference grammar. */
export { formatReference, InvalidReferenceError, isValidTag, parseReference, registryBaseUrl } from './internal/reference.js';
export type { BlobSource, RegistryClientOptions } from './internal/registry.js';
/** The OCI distribution API client. */
export { RegistryClient, RegistryError } from './internal/registry.js';
export type { SupplyChainResult } from './internal/supply-chain.js';
/** SBOM and provenance documents, attached as referrers or under the `sha256-<hex>` tag. */
export { attachSupplyChain, INTOTO_TYPE, provenanceStatement, SPDX_TYPE, spdxDocument } from './internal/supply-chain.js';
export type { TarEntry } from './internal/tar.js';
/** The deterministic tar writer behind every layer. */
export { DeterministicTar } from './internal/tar.js';
