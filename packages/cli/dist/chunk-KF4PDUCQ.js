import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));
import {
  UserError
} from "./chunk-66CZKWGL.js";

// packages/delivery/lib/clock.js
var systemClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
var ManualClock = class {
  t;
  constructor(t = Date.parse("2026-11-27T12:00:00Z")) {
    this.t = t;
  }
  now() {
    return this.t;
  }
  async sleep(ms) {
    this.t += ms;
  }
};

// packages/delivery/lib/strategy.js
function durationToMs(text) {
  const units = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)].reduce((sum, m) => sum + Number(m[1]) * units[m[2]], 0);
}
function parseStrategy(schema, input, what, hint) {
  const parsed = schema.safeParse(input);
  if (parsed.success)
    return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UserError(`${what}: ${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "invalid"}`, { hint });
}

export {
  systemClock,
  ManualClock,
  durationToMs,
  parseStrategy
};
