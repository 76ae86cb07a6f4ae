import { HttpError, type Logger, retry } from '@slipway/kit';

/** Slack's mrkdwn needs only &, < and > escaped; the rest of untrusted text is inert there. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Posts a Slack-compatible message (`text` plus one mrkdwn section; Mattermost, Teams workflows
 * and most chat tools take the same shape). A failure is logged, never thrown: the verdict stands.
 */
export async function postWebhook(url: string, headline: string, lines: readonly string[], log: Logger): Promise<boolean> {
  const text = `${slackEscape(headline)}\n${lines.map((l) => `• ${slackEscape(l)}`).join('\n')}`;
  const payload = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2900) } }] };
  try {
    await retry(
      async () => {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
        if (!res.ok) throw new HttpError(`webhook answered ${res.status}`, res.status, res.headers.get('retry-after') ?? undefined);
      },
      { retries: 2, baseDelayMs: 300 },
    );
    return true;
  } catch (error) {
    log.warn(`alert webhook failed: ${(error as Error).message}`);
    return false;
  }
}
