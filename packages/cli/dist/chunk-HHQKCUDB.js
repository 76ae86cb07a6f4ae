import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __slipwayFilename = __slipwayFileURLToPath(import.meta.url);
const __slipwayDirname = __slipwayFilename.slice(0, __slipwayFilename.lastIndexOf('/'));

// packages/delivery/lib/state.js
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
var ConflictError = class extends Error {
  name = "ConflictError";
};
var FolderRolloutStore = class {
  root;
  constructor(root) {
    this.root = root;
  }
  file(environment) {
    return path.join(this.root, "rollouts", `${environment}.json`);
  }
  async load(environment) {
    try {
      return JSON.parse(await readFile(this.file(environment), "utf8"));
    } catch (error) {
      if (error.code === "ENOENT")
        return void 0;
      throw error;
    }
  }
  async save(state) {
    const file = this.file(state.environment);
    await mkdir(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    await acquire(lock);
    try {
      const current = await this.load(state.environment);
      const currentRevision = current?.revision ?? 0;
      if (currentRevision !== state.revision) {
        throw new ConflictError(`rollout of ${state.environment} changed under us (revision ${currentRevision}, expected ${state.revision}): another controller is running it`);
      }
      const next = { ...state, revision: state.revision + 1 };
      const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next, null, 2)}
`);
      await rename(tmp, file);
      return next;
    } finally {
      await rmdir(lock).catch(() => void 0);
    }
  }
};
async function acquire(lock) {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if (error.code !== "EEXIST")
        throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 3e4)
        await rmdir(lock).catch(() => void 0);
      if (attempt > 200)
        throw new ConflictError(`lock ${lock} is held by another controller`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export {
  ConflictError,
  FolderRolloutStore
};
