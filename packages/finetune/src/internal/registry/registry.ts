import type { LauncherKind, Params } from '../launchers/launcher.js';
import type { TrialArtifact } from '../trial.js';

export const ENTRY_SCHEMA = 'slipway.model/v1';

/** One registered model version: what it is, how good it was, what it was made from, and its stage. */
export interface RegistryEntry {
  schema: typeof ENTRY_SCHEMA;
  name: string;
  /** Assigned by the registry: 1, 2, … (the store, MLflow) or a commit id (the Hub). */
  version: string;
  stage: string;
  createdAt: string;
  model: { location: string; launcher: LauncherKind; jobId: string };
  artifact?: TrialArtifact;
  metrics: Record<string, number>;
  eval: { metric: string; value?: number };
  params: Params;
  /** sha256 of the training data. */
  dataDigest: string;
  code: { sha: string; ref: string; repository?: string };
  /** The draft release record that carries these weights. */
  release: string;
}

export type NewEntry = Omit<RegistryEntry, 'version' | 'schema'>;

/** A model registry: the store's own (default), the Hugging Face Hub, or MLflow. */
export interface ModelRegistry {
  readonly kind: 'store' | 'huggingface' | 'mlflow';
  /** Where entries go, for messages. */
  readonly display: string;
  register(entry: NewEntry): Promise<{ version: string; url?: string }>;
}
