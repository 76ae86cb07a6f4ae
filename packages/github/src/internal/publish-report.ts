import { escapeMarkdown, type Runtime } from '@slipway/kit';
import type { GitHubContext } from './context.js';
import { type CheckAnnotation, createCheckRun, upsertStickyComment } from './publish.js';

export interface ReportInput {
  /** Hidden marker of the sticky comment. */
  marker: string;
  /** Markdown for the comment, the check summary and the job summary; already escaped. */
  markdown: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  annotations: CheckAnnotation[];
  comment: boolean;
  check: boolean;
  checkName: string;
  /** Extra lines for the job summary (e.g. what was skipped). */
  notes?: string[];
}

/**
 * Publishes one report everywhere a reviewer looks: the sticky PR comment, a check run with
 * annotations, and the job summary. What cannot be written (fork PRs, no token, push events) is
 * skipped and said in the summary; annotations then go out as workflow commands instead.
 */
export async function publishReport(rt: Runtime, ctx: GitHubContext, input: ReportInput): Promise<{ commentUrl: string; notes: string[] }> {
  const notes: string[] = [];
  let commentUrl = '';
  if (input.comment) {
    const c = await upsertStickyComment(ctx, input.marker, input.markdown, rt.log);
    if (c.done) commentUrl = c.url ?? '';
    else notes.push(`PR comment skipped: ${c.reason}.`);
  }
  let checked = false;
  if (input.check) {
    const c = await createCheckRun(
      ctx,
      {
        name: input.checkName,
        conclusion: input.conclusion,
        title: input.title,
        summary: input.markdown,
        annotations: input.annotations,
        detailsUrl: ctx.runUrl,
      },
      rt.log,
    );
    checked = c.done;
    if (!c.done) notes.push(`Check run skipped: ${c.reason}.`);
  }
  if (!checked) {
    for (const a of input.annotations.slice(0, 50)) {
      rt.annotate({ level: a.level === 'failure' ? 'error' : a.level, file: a.path, line: a.line, title: a.title, message: a.message });
    }
  }
  notes.push(...(input.notes ?? []));
  // Reasons can quote API error text: escaped like any other untrusted text.
  await rt.appendSummary(`${input.markdown}\n${notes.map((n) => `> ${escapeMarkdown(n)}`).join('\n')}\n`);
  for (const n of notes) rt.log.info(n);
  return { commentUrl, notes };
}
