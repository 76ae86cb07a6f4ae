export { canonicalJson, contentDigest } from './canonical-json.js';
export { FolderReleaseStore } from './folder-store.js';
export type { ReleaseStore } from './history.js';
export { currentRelease, lastHealthyRelease } from './history.js';
export type { HistoryEntry, ModelArtifact, Outcome, Release, ReleaseInput } from './record.js';
export { historyEntrySchema, modelArtifactSchema, OUTCOMES, releaseSchema, sealRelease } from './record.js';
