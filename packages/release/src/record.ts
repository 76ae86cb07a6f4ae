import { z } from 'zod';
import { contentDigest } from './canonical-json.js';

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>');

/** One versioned file or folder, as artifact-sync records it (DVC's md5 and size). */
export const modelArtifactSchema = z
  .object({
    path: z.string().min(1),
    md5: z.string().regex(/^[0-9a-f]{32}(\.dir)?$/),
    size: z.number().int().nonnegative(),
    nfiles: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * What one release is made of. Each capability fills in its own part:
 * artifact-sync the models, eval the report, container-build the image.
 */
export const releaseSchema = z
  .object({
    schemaVersion: z.literal(1),
    git: z.object({ sha: z.string().regex(/^[0-9a-f]{7,64}$/), ref: z.string().min(1) }).strict(),
    models: z.array(modelArtifactSchema).default([]),
    /** Digests of prompt files and of the resolved configuration. */
    prompts: z.record(z.string(), digest).default({}),
    configDigest: digest.optional(),
    eval: z
      .object({
        reportDigest: digest,
        scores: z.record(z.string(), z.number()),
        passed: z.boolean(),
      })
      .strict()
      .optional(),
    image: z
      .object({ reference: z.string().min(1), digest })
      .strict()
      .optional(),
    createdAt: z.iso.datetime(),
  })
  .strict();

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseInput = z.input<typeof releaseSchema>;
export type ModelArtifact = z.infer<typeof modelArtifactSchema>;

/** Validates a release and returns it with its content id (the sha256 of its canonical JSON). */
export function sealRelease(input: ReleaseInput): { id: string; release: Release } {
  const release = releaseSchema.parse(input);
  return { id: contentDigest(release), release };
}

/** How one stint of a release in an environment ended; `retired`: an old version drained after a blue-green window. */
export const OUTCOMES = ['in-progress', 'promoted', 'rolled-back', 'aborted', 'retired'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One line of an environment's append-only history. */
export const historyEntrySchema = z
  .object({
    environment: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i),
    releaseId: digest,
    outcome: z.enum(OUTCOMES),
    at: z.iso.datetime(),
    /** Why it ended this way: the analysis verdict, the alert, the user. */
    reason: z.string().optional(),
    /** Set by an entry that supersedes an earlier one of the same release (in-progress -> promoted). */
    previous: digest.optional(),
  })
  .strict();

export type HistoryEntry = z.infer<typeof historyEntrySchema>;
