import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  require_dist_cjs
} from "./chunk-AJ3CUYNK.js";
import "./chunk-LCYPXOO3.js";
import "./chunk-FALF6MIS.js";
import "./chunk-I2UBCO3D.js";
export default require_dist_cjs();
