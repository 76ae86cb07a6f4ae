import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  DeploymentMirror,
  createCheckRun,
  createClient,
  githubStepDeps,
  plainText,
  publishReport,
  readGitHubContext,
  restoreDir,
  saveDir,
  upsertStickyComment
} from "./chunk-2QBGQJ63.js";
import "./chunk-KLXUE6LA.js";
import "./chunk-DKPQSRRK.js";
import "./chunk-V3AZTN5L.js";
import "./chunk-I2UBCO3D.js";
export {
  DeploymentMirror,
  createCheckRun,
  createClient,
  githubStepDeps,
  plainText,
  publishReport,
  readGitHubContext,
  restoreDir,
  saveDir,
  upsertStickyComment
};
