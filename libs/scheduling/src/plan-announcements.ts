import { formatShortlog, Shortlog } from './shortlog';
import { short } from './shortlog.service';

/** One planned deployment as the messages show it. */
export interface AnnouncedDeployment {
  id: string;
  cluster: string;
  environment: string;
  namespace: string;
  gitRev: string;
  previousRev: string | null;
}

export interface TeamAnnouncement {
  application: string;
  githubRepo: string;
  deployments: AnnouncedDeployment[];
  shortlog: Shortlog;
}

/** Formats "Wed 2 Dec 2026, 09:00 (Europe/Paris)". */
export function formatRunTime(runAt: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(runAt);
  return `${text} (${timeZone})`;
}

/** The message to an application's team channel: the rev change, the shortlog, when it runs and how to cancel. */
export function teamMessage(announcement: TeamAnnouncement, runAt: string, publicUrl: string): string {
  const [first] = announcement.deployments;
  const revChange = `\`${first.previousRev ? short(first.previousRev) : 'nothing'}\` → \`${short(first.gitRev)}\``;
  const lines = [
    `:rocket: *${announcement.application}* is scheduled for production: ${revChange}, ${runAt}.`,
    '',
    ...announcement.deployments.map(
      (d) => `• ${d.cluster}/${d.environment} (namespace ${d.namespace}) — cancel: <${publicUrl}/deployments/${d.id}/cancel|cancel this deployment>`,
    ),
    '',
  ];
  if (announcement.shortlog.entries.length > 0) {
    lines.push(`*Shortlog* (${announcement.shortlog.totalCommits} commit${announcement.shortlog.totalCommits === 1 ? '' : 's'}):`, '```', formatShortlog(announcement.shortlog.entries), '```');
  } else {
    lines.push(`_No shortlog: ${announcement.shortlog.error ?? 'no commits between the two revs'}._`);
  }
  lines.push('', 'Reply in this thread if this rev must not go out; the SRE team will cancel it.');
  return lines.join('\n');
}

/** The intro of the SRE channel's summary; the notifier appends the team messages' permalinks. */
export function sreSummaryIntro(weekOf: string, deployments: number, applications: number, skipped: number, runAt: string, rolloutUrl: string): string {
  return [
    `:calendar: *Weekly rollout ${weekOf}* planned: ${deployments} deployment${deployments === 1 ? '' : 's'} of ${applications} application${applications === 1 ? '' : 's'}, ${runAt}.`,
    skipped ? `${skipped} application${skipped === 1 ? '' : 's'} left out (see <${rolloutUrl}|the rollout>).` : `Details: <${rolloutUrl}|the rollout>.`,
    'Team messages:',
  ].join('\n');
}

/** The Jira ticket listing every planned deployment. */
export function jiraTicket(weekOf: string, announcements: TeamAnnouncement[], skipped: Array<{ application: string; reason: string }>, runAt: string, rolloutUrl: string) {
  const count = announcements.reduce((total, a) => total + a.deployments.length, 0);
  const lines = [`Hydrator planned the weekly rollout ${weekOf}; it runs ${runAt}.`, `Rollout: ${rolloutUrl}`, '', 'Planned deployments:'];
  for (const announcement of announcements) {
    for (const d of announcement.deployments) {
      lines.push(`- ${announcement.application} to ${d.cluster}/${d.environment}/${d.namespace}: ${d.previousRev ?? '(none)'} -> ${d.gitRev}`);
    }
  }
  if (skipped.length) lines.push('', 'Left out:', ...skipped.map((s) => `- ${s.application}: ${s.reason}`));
  return { summary: `Weekly rollout ${weekOf}: ${count} deployment${count === 1 ? '' : 's'}`, description: lines.join('\n') };
}
