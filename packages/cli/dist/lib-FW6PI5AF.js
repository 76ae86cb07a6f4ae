import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  ARTIFACT_INPUTS,
  IntegrityError,
  RemoteReleaseStore,
  addArtifacts,
  artifactStatus,
  buildDirObject,
  collectGarbage,
  compareCodePoints,
  formatBytes,
  formatPointer,
  idFromKey,
  objectKey,
  openReleaseStore,
  openRemote,
  parseDirObject,
  parsePointer,
  parseRemote,
  pointersDigest,
  pullArtifacts,
  pushArtifacts,
  pythonJsonDumps,
  readArtifactInputs,
  reportResult,
  runArtifactCommand,
  runnerCacheKey
} from "./chunk-U75UIYUY.js";
import "./chunk-KJFXNCKF.js";
import "./chunk-4TKHEPPS.js";
import "./chunk-66CZKWGL.js";
import "./chunk-I2UBCO3D.js";
export {
  ARTIFACT_INPUTS,
  IntegrityError,
  RemoteReleaseStore,
  addArtifacts,
  artifactStatus,
  buildDirObject,
  collectGarbage,
  compareCodePoints,
  formatBytes,
  formatPointer,
  idFromKey,
  objectKey,
  openReleaseStore,
  openRemote,
  parseDirObject,
  parsePointer,
  parseRemote,
  pointersDigest,
  pullArtifacts,
  pushArtifacts,
  pythonJsonDumps,
  readArtifactInputs,
  reportResult,
  runArtifactCommand,
  runnerCacheKey
};
