import type { TerminalRuntime } from '@slipway/kit';

/** What every demo stage can reach. Stages share results through `state`. */
export interface DemoContext {
  rt: TerminalRuntime;
  /** The example application (examples/support-bot). */
  exampleDir: string;
  /** Scratch space inside the output folder. */
  workDir: string;
  outDir: string;
  state: Map<string, unknown>;
  /** Registers cleanup (stopping servers) that runs whatever happens. */
  onCleanup(fn: () => Promise<void>): void;
}

/** One step of the pipeline demo; each capability adds its own. */
export interface DemoStage {
  name: string;
  /** The pipeline phase it shows, e.g. "Version control". */
  phase: string;
  /** Returns Markdown for the report; throws to fail the demo. */
  run(ctx: DemoContext): Promise<StageReport>;
}

export interface StageReport {
  /** One line for the summary table. */
  headline: string;
  /** Markdown shown under the stage's heading in the report. */
  body: string;
  /** Markdown for the would-be PR comment, when the stage has something to say there. */
  prComment?: string;
}
