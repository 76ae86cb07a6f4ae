#!/usr/bin/env node
// Thin launcher: the CLI is compiled to lib/ by `npm run build`.
import { main } from '../lib/main.js';

process.exitCode = await main(process.argv.slice(2));
