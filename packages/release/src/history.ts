import type { HistoryEntry, Release } from './record.js';

/**
 * Where releases and environment histories live. The artifact store implements it
 * (a folder by default, S3 at scale); GitHub Deployments mirror it.
 */
export interface ReleaseStore {
  /** Stores a release under its content id; storing the same release twice is a no-op. */
  putRelease(release: Release): Promise<string>;
  getRelease(id: string): Promise<Release | undefined>;
  /** Appends to an environment's history. Entries are never rewritten. */
  append(entry: HistoryEntry): Promise<void>;
  /** The whole history of one environment, oldest first. */
  history(environment: string): Promise<HistoryEntry[]>;
}

/** The release live in an environment now: the newest promoted or in-progress entry, after rollbacks are applied. */
export function currentRelease(entries: readonly HistoryEntry[]): HistoryEntry | undefined {
  return latestState(entries).findLast((e) => e.outcome === 'promoted' || e.outcome === 'in-progress');
}

/** The last release that was promoted and not later rolled back: what `rollback` returns to. */
export function lastHealthyRelease(entries: readonly HistoryEntry[], excluding?: string): HistoryEntry | undefined {
  return latestState(entries).findLast((e) => e.outcome === 'promoted' && e.releaseId !== excluding);
}

/**
 * Folds the log into the latest state of each stint: a release's later entry (promoted,
 * rolled back, aborted) replaces its earlier one, keeping the position of the first.
 */
function latestState(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const stints: HistoryEntry[] = [];
  for (const e of entries) {
    const open = stints.findLastIndex((s) => s.releaseId === e.releaseId && s.outcome === 'in-progress');
    if (open >= 0 && e.outcome !== 'in-progress') stints[open] = e;
    else if (e.outcome === 'rolled-back' || e.outcome === 'aborted') {
      const last = stints.findLastIndex((s) => s.releaseId === e.releaseId);
      if (last >= 0) stints[last] = e;
      else stints.push(e);
    } else stints.push(e);
  }
  return stints;
}
