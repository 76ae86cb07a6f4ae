#!/usr/bin/env node
// Thin launcher: `npm run build` bundles the CLI into dist/ (committed; the test command fails when it is stale).
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
