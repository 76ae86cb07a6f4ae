import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AnalysisOutcome } from './analysis/metric.js';

export type RolloutStatus = 'running' | 'paused' | 'promoted' | 'rolled-back';

/** One thing the controller did or decided, with its numbers. */
export interface Decision {
  at: string;
  step: number;
  /** `batch` moves a rolling release's units; `retire` drains the old version after a blue-green window. */
  action: 'weight' | 'pause' | 'look' | 'advance' | 'promote' | 'rollback' | 'hold' | 'batch' | 'retire';
  weight: number;
  outcome?: AnalysisOutcome;
  reason: string;
  metrics?: { name: string; outcome: string; value?: number; effect?: number; pValue?: number; level?: number; nCanary: number; reason: string }[];
}

/** Where a rollout stands: enough to continue it after the controller was killed. */
export interface RolloutState {
  environment: string;
  releaseId: string;
  status: RolloutStatus;
  /** The next step to run. */
  stepIndex: number;
  weight: number;
  startedAt: string;
  /** When the current step started (analysis windows and pauses count from here). */
  stepStartedAt: string;
  decisions: Decision[];
  /** How the release takes over; absent in state written before rolling existed (a canary). */
  strategy?: 'canary' | 'rolling';
  /** The release that was live when this rollout started: what a retirement drains. */
  replaces?: string;
  /** When the old version was retired (blue-green): rollback to it is no longer instant. */
  retiredAt?: string;
  /** Bumped by every save; a save with a stale revision is refused. */
  revision: number;
}

/** Thrown when another controller changed the rollout since we read it. */
export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** Persists rollout state with compare-and-swap, so each transition happens once. */
export interface RolloutStore {
  load(environment: string): Promise<RolloutState | undefined>;
  /** Saves `state` if the stored revision is still `state.revision`; returns the saved state with the next revision. */
  save(state: RolloutState): Promise<RolloutState>;
}

/** Rollout state as `rollouts/<env>.json` under a folder; CAS by an exclusive lock folder and a revision check. */
export class FolderRolloutStore implements RolloutStore {
  constructor(private readonly root: string) {}

  private file(environment: string): string {
    return path.join(this.root, 'rollouts', `${environment}.json`);
  }

  async load(environment: string): Promise<RolloutState | undefined> {
    try {
      return JSON.parse(await readFile(this.file(environment), 'utf8')) as RolloutState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(state: RolloutState): Promise<RolloutState> {
    const file = this.file(state.environment);
    await mkdir(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    await acquire(lock);
    try {
      const current = await this.load(state.environment);
      const currentRevision = current?.revision ?? 0;
      if (currentRevision !== state.revision) {
        throw new ConflictError(
          `rollout of ${state.environment} changed under us (revision ${currentRevision}, expected ${state.revision}): another controller is running it`,
        );
      }
      const next = { ...state, revision: state.revision + 1 };
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`);
      await rename(tmp, file);
      return next;
    } finally {
      await rmdir(lock).catch(() => undefined);
    }
  }
}

/** mkdir is atomic: whoever creates the folder holds the lock. A lock older than 30 s is a crashed holder's. */
async function acquire(lock: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 30_000) await rmdir(lock).catch(() => undefined);
      if (attempt > 200) throw new ConflictError(`lock ${lock} is held by another controller`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
