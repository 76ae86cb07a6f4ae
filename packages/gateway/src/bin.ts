#!/usr/bin/env node
// The gateway as a process of its own: the container image's entry point (`node /app/gateway.mjs`).
import { serveGateway } from './internal/serve.js';

const stopSignal = new Promise<string>((resolve) => {
  process.once('SIGTERM', () => resolve('SIGTERM'));
  process.once('SIGINT', () => resolve('SIGINT'));
});
const code = await serveGateway({ argv: process.argv.slice(2), env: process.env, write: (line) => process.stdout.write(`${line}\n`), stopSignal });
// stdout is synchronous for files and pipes on Linux, so nothing written is lost by exiting now.
process.exit(code);
