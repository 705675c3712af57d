import { AnnouncedDeployment, TeamAnnouncement, teamMessage, TeamMessageContext } from './plan-announcements';

type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string }; elements?: Array<{ type: string; action_id?: string; options?: Array<{ value: string }> }> };

const target = (i: number): AnnouncedDeployment => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  cluster: `prod-${i}`,
  environment: 'production',
  namespace: 'web',
  gitRev: 'b'.repeat(40),
  previousRev: 'a'.repeat(40),
});
const announcement = (targets: number): TeamAnnouncement => ({
  application: 'web',
  githubRepo: 'acme/web',
  owners: ['ada@example.com', 'Mallory <!channel>'],
  deployments: Array.from({ length: targets }, (_, i) => target(i)),
  shortlog: { entries: [{ author: 'Ada', count: 1, subjects: ['fix <https://evil.example|Cancel>'] }], totalCommits: 1 },
});
const context = (interactive: boolean, cancelLinkSecrets = ['cancel-link-secret-for-unit-tests']): TeamMessageContext => ({
  runAt: 'Wed 2 Dec 2026, 09:00 (UTC)',
  cutoff: 'Fri 27 Nov 2026, 00:00 (UTC)',
  publicUrl: 'https://hydrator.example',
  cancelLinkSecrets,
  interactive,
  rollout: { url: 'https://hydrator.example/rollouts/r1', weekOf: '2026-W49' },
});
const blocksOf = (targets: number, interactive: boolean) => teamMessage(announcement(targets), context(interactive)).blocks as Block[];

describe('the team message in Block Kit', () => {
  it('has a Cancel button beside each target only when interactivity is configured', () => {
    const buttons = blocksOf(2, true).flatMap((b) => (b.accessory ? [b.accessory] : []));
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
      ['hydrator_cancel', target(0).id],
      ['hydrator_cancel', target(1).id],
    ]);
    expect(blocksOf(2, false).some((b) => b.accessory || b.type === 'actions')).toBe(false);
  });

  it('offers a menu of the targets instead of a dozen buttons', () => {
    const blocks = blocksOf(12, true);
    expect(blocks.some((b) => b.accessory)).toBe(false);
    const menu = blocks.find((b) => b.type === 'actions')!.elements![0];
    expect(menu).toMatchObject({ type: 'static_select', action_id: 'hydrator_cancel_select' });
    expect(menu.options!.map((o) => o.value)).toEqual(Array.from({ length: 12 }, (_, i) => target(i).id));
    expect(blocks.length).toBeLessThanOrEqual(50);
    // Even a fleet-sized application stays within Slack's limits, and says what it could not list.
    const huge = blocksOf(400, true);
    expect(huge.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(huge)).toMatch(/… and \d+ more targets/);
    expect(huge.find((b) => b.type === 'actions')!.elements![0].options).toHaveLength(100);
  });

  it('escapes what people and git wrote, and links only to Hydrator', () => {
    const { text, blocks } = teamMessage(announcement(1), context(true));
    const all = `${text}\n${JSON.stringify(blocks)}`;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil');
    expect(JSON.stringify(blocks)).toContain('Owners: ada@example.com, Mallory &lt;!channel&gt;');
    const links = [...all.matchAll(/<(https?:[^|>]*)\|/g)].map((m) => new URL(m[1]).origin);
    expect(new Set(links)).toEqual(new Set(['https://hydrator.example']));
  });

  it('says how to cancel with what this Hydrator has: button, signed link, or the SRE team', () => {
    expect(teamMessage(announcement(1), context(true)).text).toContain('press *Cancel…* beside a target or open its cancel link');
    expect(teamMessage(announcement(1), context(false)).text).toContain("open the target's cancel link");
    expect(teamMessage(announcement(1), context(true, [])).text).toContain('press *Cancel…* beside a target before the run starts');
    const neither = teamMessage(announcement(1), context(false, [])).text;
    expect(neither).toContain('the SRE team will cancel it');
    expect(neither).toContain(`<https://hydrator.example/deployments/${target(0).id}/cancel|cancel this deployment>`);
  });
});
