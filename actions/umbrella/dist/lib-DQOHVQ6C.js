import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  FolderReleaseStore,
  OUTCOMES,
  canonicalJson,
  contentDigest,
  currentRelease,
  historyEntrySchema,
  lastHealthyRelease,
  modelArtifactSchema,
  releaseSchema,
  sealRelease
} from "./chunk-YBT4ARCR.js";
import "./chunk-LUQ2JWWH.js";
import "./chunk-V3AZTN5L.js";
import "./chunk-I2UBCO3D.js";
export {
  FolderReleaseStore,
  OUTCOMES,
  canonicalJson,
  contentDigest,
  currentRelease,
  historyEntrySchema,
  lastHealthyRelease,
  modelArtifactSchema,
  releaseSchema,
  sealRelease
};
