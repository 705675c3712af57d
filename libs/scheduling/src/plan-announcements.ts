import { escapeMrkdwn, mrkdwnLink } from '@hydrator/notifier';
import { ShortlogEntry } from '@hydrator/database';
import { formatShortlog, Shortlog } from './shortlog';
import { short } from './shortlog.service';

/**
 * Lines of shortlog (author headers and subjects) a team message shows at most: Slack cuts a message's
 * text at 40,000 characters, and a long release is better read on the rollout page than in a channel.
 */
const SLACK_SHORTLOG_LINES = 200;

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

/**
 * The message to an application's team channel: the rev change, the shortlog, when it runs and how to
 * cancel. Everything that comes from git, Jenkins or the registry is escaped: the only links are Hydrator's.
 */
export function teamMessage(announcement: TeamAnnouncement, runAt: string, publicUrl: string): string {
  const [first] = announcement.deployments;
  const rev = (value: string | null) => (value ? `\`${escapeMrkdwn(short(value))}\`` : '`nothing`');
  const lines = [
    `:rocket: *${escapeMrkdwn(announcement.application)}* is scheduled for production: ${rev(first.previousRev)} → ${rev(first.gitRev)}, ${runAt}.`,
    '',
    ...announcement.deployments.map(
      (d) => `• ${escapeMrkdwn(`${d.cluster}/${d.environment} (namespace ${d.namespace})`)} — cancel: ${mrkdwnLink(`${publicUrl}/deployments/${d.id}/cancel`, 'cancel this deployment')}`,
    ),
    '',
  ];
  const { entries, totalCommits, error } = announcement.shortlog;
  if (entries.length > 0) {
    lines.push(`*Shortlog* (${shortlogCount(entries, totalCommits)}):`, '```', slackShortlog(entries), '```');
  } else {
    lines.push(`_No shortlog: ${escapeMrkdwn(error ?? 'no commits between the two revs')}._`);
  }
  lines.push('', 'Reply in this thread if this rev must not go out; the SRE team will cancel it.');
  return lines.join('\n');
}

/** "3 commits", or "12,345 commits, 10,000 listed" when the source stopped at its cap. */
function shortlogCount(entries: ShortlogEntry[], totalCommits: number): string {
  const read = entries.reduce((sum, entry) => sum + entry.count, 0);
  const total = `${totalCommits.toLocaleString('en-US')} commit${totalCommits === 1 ? '' : 's'}`;
  return read < totalCommits ? `${total}, ${read.toLocaleString('en-US')} listed` : total;
}

/** The shortlog, escaped for the code block it goes in, and cut to {@link SLACK_SHORTLOG_LINES} lines. */
function slackShortlog(entries: ShortlogEntry[]): string {
  let budget = SLACK_SHORTLOG_LINES;
  let hidden = 0;
  const shown: ShortlogEntry[] = [];
  for (const entry of entries) {
    const subjects = entry.subjects.slice(0, Math.max(0, budget - 1));
    hidden += entry.subjects.length - subjects.length;
    if (subjects.length === 0) continue;
    budget -= subjects.length + 1;
    shown.push({ author: escapeMrkdwn(entry.author), count: entry.count, subjects: subjects.map(escapeMrkdwn) });
  }
  const text = formatShortlog(shown);
  return hidden > 0 ? `${text}\n\n… and ${hidden.toLocaleString('en-US')} more commit${hidden === 1 ? '' : 's'}` : text;
}

/** The intro of the SRE channel's summary; the notifier appends the team messages' permalinks. */
export function sreSummaryIntro(weekOf: string, deployments: number, applications: number, skipped: number, runAt: string, rolloutUrl: string): string {
  return [
    `:calendar: *Weekly rollout ${weekOf}* planned: ${deployments} deployment${deployments === 1 ? '' : 's'} of ${applications} application${applications === 1 ? '' : 's'}, ${runAt}.`,
    skipped ? `${skipped} application${skipped === 1 ? '' : 's'} left out (see ${mrkdwnLink(rolloutUrl, 'the rollout')}).` : `Details: ${mrkdwnLink(rolloutUrl, 'the rollout')}.`,
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
