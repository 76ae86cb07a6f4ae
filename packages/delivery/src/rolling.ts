/**
 * What a rolling release replaces in batches: the backends behind a gateway route, or the
 * replicas of a Kubernetes Deployment. The controller moves one batch, waits until the target
 * says it is healthy, then moves the next; an unhealthy batch undoes the whole release.
 */
export interface RollingTarget {
  readonly name: string;
  /** How many units (backends or replicas) the release replaces. */
  size(): Promise<number>;
  /** How many units run the new version now. */
  updated(): Promise<number>;
  /** Moves units onto the new version until `count` of them run it. */
  updateTo(count: number): Promise<void>;
  /** Whether every updated unit is ready and healthy; `reason` says what is not. */
  health(): Promise<{ healthy: boolean; reason: string }>;
  /** Puts every unit back on the old version. Must be idempotent. */
  undo(): Promise<void>;
}
