import { OutboxKind, OutboxMessage, OutboxStatus } from '@hydrator/database';
import { composeSreSummary, composeSreSummaryMessage } from './sre-summary';

function teamMessage(label: string, status: OutboxStatus, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return Object.assign(new OutboxMessage(), { kind: OutboxKind.SLACK_MESSAGE, destination: `#team-${label}`, payload: { text: '…', label }, status, ...extra });
}

describe('the SRE summary in Block Kit', () => {
  const intro = ':calendar: *Weekly rollout 2026-W49* planned: 3 deployments of 2 applications.';
  const team = [
    teamMessage('web', OutboxStatus.SENT, { result: { channel: 'C1', ts: '1.2', permalink: 'https://acme.slack.com/archives/C1/p12' } }),
    teamMessage('api', OutboxStatus.FAILED, { lastError: 'channel_not_found <!channel>' }),
  ];

  it('has the intro and a line per team message, linked or failed with the reason escaped, and the same text as the fallback', () => {
    const { text, blocks } = composeSreSummaryMessage(intro, team);
    expect(text).toBe(composeSreSummary(intro, team));
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      { type: 'section', text: { type: 'mrkdwn', text: '• api: failed to post (channel_not_found &lt;!channel&gt;)\n• <https://acme.slack.com/archives/C1/p12|web>' } },
    ]);
  });

  it('packs a long list into sections Slack accepts', () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      teamMessage(`application-${String(i).padStart(3, '0')}`, OutboxStatus.SENT, { result: { channel: 'C1', ts: `${i}`, permalink: `https://acme.slack.com/archives/C1/p${i}` } }),
    );
    const { blocks } = composeSreSummaryMessage(intro, many);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect((block.text as { text: string }).text.length).toBeLessThanOrEqual(3000);
  });
});
