import { buttonElement, contextBlock, dividerBlock, escapeMrkdwn, headerBlock, listSections, mrkdwnLink, plainText, sectionBlock, SlackBlock, truncate } from '@hydrator/notifier';
import { ShortlogEntry } from '@hydrator/database';
import { cancelLinkUrl } from './cancel-link';
import { formatShortlog, Shortlog } from './shortlog';
import { short } from './shortlog.service';

/**
 * Lines of shortlog (author headers and subjects) a team message shows at most: Slack cuts a message's
 * text at 40,000 characters, and a long release is better read on the rollout page than in a channel.
 */
const SLACK_SHORTLOG_LINES = 200;
/** Sections of shortlog in the Block Kit message (each at most 3,000 characters; a message has at most 50 blocks). */
const SHORTLOG_SECTIONS = 10;
/** A commit subject longer than this is cut in the Block Kit list (the text fallback keeps it whole). */
const SUBJECT_CHARS = 200;

/** `action_id` of the Cancel button beside each target of a team message; its `value` is the deployment id. */
export const CANCEL_ACTION_ID = 'hydrator_cancel';
/** `action_id` of the menu that stands for the buttons when an application has more than {@link MAX_CANCEL_BUTTONS} targets. */
export const CANCEL_SELECT_ACTION_ID = 'hydrator_cancel_select';
const MAX_CANCEL_BUTTONS = 10;
/** Sections listing the targets past {@link MAX_CANCEL_BUTTONS}. */
const TARGET_SECTIONS = 8;
/** Slack's most options in a static select. */
const MAX_SELECT_OPTIONS = 100;

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
  /** The application's owners, as registered. */
  owners?: string[];
}

/** What a team message says besides its application: when, where to look, how to cancel. */
export interface TeamMessageContext {
  /** When the run starts, as {@link formatRunTime} writes it. */
  runAt: string;
  /** The cutoff the revs were chosen by, written the same way. */
  cutoff?: string;
  publicUrl: string;
  /** `CANCEL_LINK_SECRET`: the first signs each target's cancel link; without one the link is the operator's page. */
  cancelLinkSecrets: readonly string[];
  /** Slack interactivity is configured (`SLACK_SIGNING_SECRET`): each target gets a Cancel button. */
  interactive: boolean;
  /** The rollout's page and its week, for the context line. */
  rollout?: { url: string; weekOf: string };
}

/** A Slack message: Block Kit, and the plain-text fallback Slack shows in notifications (and the outbox page shows). */
export interface SlackContent {
  text: string;
  blocks: SlackBlock[];
}

/** Formats "Wed 2 Dec 2026, 09:00 (Europe/Paris)". */
export function formatRunTime(runAt: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(runAt);
  return `${text} (${timeZone})`;
}

/**
 * The message to an application's team channel: the rev change, the shortlog, when it runs and how to
 * cancel (a Cancel button per target when interactivity is configured, and a signed cancel link).
 * Everything that comes from git, Jenkins or the registry is escaped: the only links are Hydrator's.
 */
export function teamMessage(announcement: TeamAnnouncement, context: TeamMessageContext): SlackContent {
  return { text: teamMessageText(announcement, context), blocks: teamMessageBlocks(announcement, context) };
}

const rev = (value: string | null) => (value ? `\`${escapeMrkdwn(short(value))}\`` : '`nothing`');
const place = (d: AnnouncedDeployment) => `${d.cluster}/${d.environment}`;
const cancelLink = (d: AnnouncedDeployment, context: TeamMessageContext) => mrkdwnLink(cancelLinkUrl(context.publicUrl, context.cancelLinkSecrets, d.id), 'cancel this deployment');
/** A target whose production rev differs from the first target's says so. */
const fromRev = (d: AnnouncedDeployment, first: AnnouncedDeployment) => (d.previousRev === first.previousRev ? '' : ` (now on ${rev(d.previousRev)})`);

function teamMessageText(announcement: TeamAnnouncement, context: TeamMessageContext): string {
  const [first] = announcement.deployments;
  const lines = [
    `:rocket: *${escapeMrkdwn(announcement.application)}* is scheduled for production: ${rev(first.previousRev)} → ${rev(first.gitRev)}, ${escapeMrkdwn(context.runAt)}.`,
    '',
    ...announcement.deployments.map((d) => `• ${escapeMrkdwn(`${place(d)} (namespace ${d.namespace})`)}${fromRev(d, first)} — cancel: ${cancelLink(d, context)}`),
    '',
  ];
  const { entries, totalCommits, error } = announcement.shortlog;
  if (entries.length > 0) {
    const { shown, hidden } = shortlogShown(entries);
    const escaped = shown.map((entry) => ({ author: escapeMrkdwn(entry.author), count: entry.count, subjects: entry.subjects.map(escapeMrkdwn) }));
    lines.push(`*Shortlog* (${shortlogCount(entries, totalCommits)}):`, '```', formatShortlog(escaped) + moreCommits(hidden, '\n\n'), '```');
  } else {
    lines.push(noShortlog(error));
  }
  lines.push('', howToCancel(context));
  return lines.join('\n');
}

function teamMessageBlocks(announcement: TeamAnnouncement, context: TeamMessageContext): SlackBlock[] {
  const [first] = announcement.deployments;
  const app = escapeMrkdwn(announcement.application);
  const blocks: SlackBlock[] = [
    headerBlock(`:rocket: ${announcement.application} goes to production`),
    sectionBlock(`*${app}*: ${rev(first.previousRev)} → ${rev(first.gitRev)}\n*Runs* ${escapeMrkdwn(context.runAt)}, in dependency order with the rest of the fleet.`),
    ...targetBlocks(announcement.deployments, context),
    dividerBlock(),
  ];
  const { entries, totalCommits, error } = announcement.shortlog;
  if (entries.length > 0) {
    const { shown, hidden } = shortlogShown(entries);
    const lines = shown.flatMap((entry) => [`*${escapeMrkdwn(entry.author)}* (${entry.count})`, ...entry.subjects.map((subject) => `• ${escapeMrkdwn(truncate(subject, SUBJECT_CHARS))}`)]);
    const list = listSections(lines, SHORTLOG_SECTIONS);
    const notShown = hidden + lines.slice(lines.length - list.left).filter((line) => line.startsWith('• ')).length;
    blocks.push(sectionBlock(`*Shortlog* (${shortlogCount(entries, totalCommits)})`), ...list.blocks);
    if (notShown > 0) blocks.push(contextBlock([moreCommits(notShown, '').trim()]));
  } else {
    blocks.push(sectionBlock(noShortlog(error)));
  }
  const facts = [
    ...(context.cutoff ? [`Cutoff: ${escapeMrkdwn(context.cutoff)}`] : []),
    ...(announcement.owners?.length ? [`Owners: ${escapeMrkdwn(announcement.owners.join(', '))}`] : []),
    `GitHub: \`${escapeMrkdwn(announcement.githubRepo)}\``,
    ...(context.rollout ? [mrkdwnLink(context.rollout.url, `Rollout ${context.rollout.weekOf}`)] : []),
  ];
  blocks.push(contextBlock(facts), contextBlock([howToCancel(context)]));
  return blocks;
}

/** One section per target with its cancel link and, when interactive, its Cancel button; a menu instead of buttons past a handful. */
function targetBlocks(deployments: AnnouncedDeployment[], context: TeamMessageContext): SlackBlock[] {
  const [first] = deployments;
  const line = (d: AnnouncedDeployment) => `*${escapeMrkdwn(place(d))}*, namespace \`${escapeMrkdwn(d.namespace)}\`${fromRev(d, first)} · ${cancelLink(d, context)}`;
  if (deployments.length <= MAX_CANCEL_BUTTONS) {
    return deployments.map((d) => sectionBlock(line(d), context.interactive ? buttonElement('Cancel…', CANCEL_ACTION_ID, d.id, 'danger') : undefined));
  }
  const { blocks: sections, left } = listSections(
    deployments.map((d) => `• ${line(d)}`),
    TARGET_SECTIONS,
  );
  const list = left > 0 ? [...sections, contextBlock([`… and ${left} more targets: their cancel links are in the text version of this message`])] : sections;
  if (!context.interactive) return list;
  const options = deployments.slice(0, MAX_SELECT_OPTIONS).map((d) => ({ text: plainText(place(d), 75), value: d.id }));
  return [...list, { type: 'actions', elements: [{ type: 'static_select', action_id: CANCEL_SELECT_ACTION_ID, placeholder: plainText('Cancel a target…'), options }] }];
}

/** How a team stops its deployment, given what this Hydrator has configured. */
function howToCancel(context: TeamMessageContext): string {
  const signed = context.cancelLinkSecrets.length > 0;
  const reason = 'the reason you give goes to the audit log and to this channel';
  if (context.interactive && signed) return `If this rev must not go out, press *Cancel…* beside a target or open its cancel link before the run starts: ${reason}.`;
  if (signed) return `If this rev must not go out, open the target's cancel link before the run starts: ${reason}.`;
  if (context.interactive) return `If this rev must not go out, press *Cancel…* beside a target before the run starts: ${reason}.`;
  return 'Reply in this thread if this rev must not go out; the SRE team will cancel it.';
}

function noShortlog(error: string | undefined): string {
  return `_No shortlog: ${escapeMrkdwn(error ?? 'no commits between the two revs')}._`;
}

/** "3 commits", or "12,345 commits, 10,000 listed" when the source stopped at its cap. */
function shortlogCount(entries: ShortlogEntry[], totalCommits: number): string {
  const read = entries.reduce((sum, entry) => sum + entry.count, 0);
  const total = `${totalCommits.toLocaleString('en-US')} commit${totalCommits === 1 ? '' : 's'}`;
  return read < totalCommits ? `${total}, ${read.toLocaleString('en-US')} listed` : total;
}

/** The shortlog cut to {@link SLACK_SHORTLOG_LINES} lines (author headers and subjects), and how many subjects were left out. */
function shortlogShown(entries: ShortlogEntry[]): { shown: ShortlogEntry[]; hidden: number } {
  let budget = SLACK_SHORTLOG_LINES;
  let hidden = 0;
  const shown: ShortlogEntry[] = [];
  for (const entry of entries) {
    const subjects = entry.subjects.slice(0, Math.max(0, budget - 1));
    hidden += entry.subjects.length - subjects.length;
    if (subjects.length === 0) continue;
    budget -= subjects.length + 1;
    shown.push({ author: entry.author, count: entry.count, subjects });
  }
  return { shown, hidden };
}

function moreCommits(hidden: number, before: string): string {
  return hidden > 0 ? `${before}… and ${hidden.toLocaleString('en-US')} more commit${hidden === 1 ? '' : 's'}` : '';
}

/** The intro of the SRE channel's summary; the notifier appends the team messages' permalinks. */
export function sreSummaryIntro(weekOf: string, deployments: number, applications: number, skipped: number, runAt: string, rolloutUrl: string): string {
  return [
    `:calendar: *Weekly rollout ${weekOf}* planned: ${deployments} deployment${deployments === 1 ? '' : 's'} of ${applications} application${applications === 1 ? '' : 's'}, ${runAt}.`,
    skipped ? `${skipped} application${skipped === 1 ? '' : 's'} left out (see ${mrkdwnLink(rolloutUrl, 'the rollout')}).` : `Details: ${mrkdwnLink(rolloutUrl, 'the rollout')}.`,
    'Team messages:',
  ].join('\n');
}

/**
 * The Jira ticket listing every planned deployment, each with its signed cancel link when
 * `cancelLinkSecrets` has one (the ticket is plain text: Jira shows the URLs as written).
 */
export function jiraTicket(
  weekOf: string,
  announcements: TeamAnnouncement[],
  skipped: Array<{ application: string; reason: string }>,
  runAt: string,
  rolloutUrl: string,
  links?: { publicUrl: string; cancelLinkSecrets: readonly string[] },
) {
  const count = announcements.reduce((total, a) => total + a.deployments.length, 0);
  const lines = [`Hydrator planned the weekly rollout ${weekOf}; it runs ${runAt}.`, `Rollout: ${rolloutUrl}`, '', 'Planned deployments:'];
  for (const announcement of announcements) {
    for (const d of announcement.deployments) {
      const cancel = links?.cancelLinkSecrets.length ? ` (cancel: ${cancelLinkUrl(links.publicUrl, links.cancelLinkSecrets, d.id)})` : '';
      lines.push(`- ${announcement.application} to ${d.cluster}/${d.environment}/${d.namespace}: ${d.previousRev ?? '(none)'} -> ${d.gitRev}${cancel}`);
    }
  }
  if (skipped.length) lines.push('', 'Left out:', ...skipped.map((s) => `- ${s.application}: ${s.reason}`));
  return { summary: `Weekly rollout ${weekOf}: ${count} deployment${count === 1 ? '' : 's'}`, description: lines.join('\n') };
}
