import * as core from '@actions/core';
import type { Annotation, Progress, Runtime } from './runtime.js';

/**
 * The GitHub Actions front end: inputs from `INPUT_*`, outputs to `GITHUB_OUTPUT`,
 * the summary to `GITHUB_STEP_SUMMARY`, annotations and masks as workflow commands.
 * Kept out of the package's main entry so the CLI never loads `@actions/core`.
 */
export function createActionsRuntime(options: { cwd?: string } = {}): Runtime {
  return {
    kind: 'actions',
    cwd: options.cwd ?? process.env.GITHUB_WORKSPACE ?? process.cwd(),
    log: {
      debug: (m) => core.debug(m),
      info: (m) => core.info(m),
      warn: (m) => core.warning(m),
      error: (m) => core.error(m),
    },
    input(name) {
      const v = core.getInput(name);
      return v === '' ? undefined : v;
    },
    setOutput(name, value) {
      core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
    },
    async appendSummary(markdown) {
      // Locally (act, tests without the file) there is nowhere to write; say so rather than fail the step.
      if (!process.env.GITHUB_STEP_SUMMARY) {
        core.debug('GITHUB_STEP_SUMMARY is not set; summary skipped');
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
    annotate(a: Annotation) {
      const props: core.AnnotationProperties = {};
      if (a.title !== undefined) props.title = a.title;
      if (a.file !== undefined) props.file = a.file;
      if (a.line !== undefined) props.startLine = a.line;
      if (a.endLine !== undefined) props.endLine = a.endLine;
      if (a.column !== undefined) props.startColumn = a.column;
      if (a.level === 'error') core.error(a.message, props);
      else if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    },
    setSecret: (value) => core.setSecret(value),
    group: (name, fn) => core.group(name, fn),
    progress: (label, total) => logProgress(label, total),
  };
}

/** A runner log is not a terminal: report every tenth of the way, not every tick. */
function logProgress(label: string, initialTotal?: number): Progress {
  let total = initialTotal ?? 0;
  let done = 0;
  let lastDecile = -1;
  return {
    tick(n = 1) {
      done += n;
      if (total <= 0) return;
      const decile = Math.floor((done / total) * 10);
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        core.info(`${label}: ${done}/${total}`);
      }
    },
    setTotal(t) {
      total = t;
    },
    done(message) {
      core.info(`${label}: ${message ?? `done (${done}${total ? `/${total}` : ''})`}`);
    },
  };
}
