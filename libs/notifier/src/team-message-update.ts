import { DeploymentStatus } from '@hydrator/database';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn';
import { SlackMessagePayload } from './outbox-payloads';
import { contextBlock, dividerBlock, listSections, MAX_BLOCKS, SlackBlock } from './slack-blocks';
import { consoleUrlOf, formatDuration } from './run-format';

/** One deployment a team message announced, as it is now. */
export interface AnnouncedDeploymentState {
  id: string;
  status: DeploymentStatus;
  cluster: string;
  environment: string;
  error: string | null;
  /** Who changed it last (the canceler of a CANCELED one): an operator token's name or `slack:U…`. */
  changedBy: string | null;
  /** Why it was changed last (the reason of a CANCELED one). */
  changeReason: string | null;
  jenkinsBuildUrl: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * A team message rewritten with the state of each deployment it announced: its text and blocks as posted,
 * without the buttons of deployments that can no longer be canceled, followed by one line per deployment
 * (deployed in 3m12s with its build, failed with the reason and the console, canceled by whom and why).
 */
export function teamMessageUpdate(original: SlackMessagePayload, deployments: readonly AnnouncedDeploymentState[]): { text: string; blocks?: SlackBlock[] } {
  const lines = deployments.map(statusLine);
  const text = [original.text, '', '*Status*', ...lines].join('\n');
  if (!original.blocks?.length) return { text };
  const settled = new Set(deployments.filter((d) => d.status !== DeploymentStatus.SCHEDULED).map((d) => d.id));
  const kept = withoutButtonsFor(original.blocks as SlackBlock[], settled).slice(0, MAX_BLOCKS - 3);
  const { blocks: status, left } = listSections(lines, MAX_BLOCKS - kept.length - 2);
  return { text, blocks: [...kept, dividerBlock(), ...status, ...(left > 0 ? [contextBlock([`… and ${left} more`])] : [])] };
}

const ICONS: Record<DeploymentStatus, string> = {
  [DeploymentStatus.SCHEDULED]: ':hourglass_flowing_sand:',
  [DeploymentStatus.QUEUED]: ':arrows_counterclockwise:',
  [DeploymentStatus.RUNNING]: ':arrows_counterclockwise:',
  [DeploymentStatus.SUCCEEDED]: ':white_check_mark:',
  [DeploymentStatus.FAILED]: ':x:',
  [DeploymentStatus.CANCELED]: ':no_entry_sign:',
  [DeploymentStatus.BLOCKED]: ':double_vertical_bar:',
};

function statusLine(d: AnnouncedDeploymentState): string {
  const where = `*${escapeMrkdwn(`${d.cluster}/${d.environment}`)}*`;
  const build = d.jenkinsBuildUrl ? ` · ${mrkdwnLink(d.jenkinsBuildUrl, 'Jenkins build')}` : '';
  const took = d.startedAt && d.finishedAt ? ` in ${formatDuration(d.finishedAt.getTime() - d.startedAt.getTime())}` : '';
  const what = ((): string => {
    switch (d.status) {
      case DeploymentStatus.SUCCEEDED:
        return `deployed${took}${build}`;
      case DeploymentStatus.FAILED: {
        const consoleLink = d.jenkinsBuildUrl ? ` · ${mrkdwnLink(consoleUrlOf(d.jenkinsBuildUrl), 'Jenkins console')}` : '';
        return `failed${took}: ${escapeMrkdwn(d.error ?? 'no reason recorded')}${consoleLink}`;
      }
      case DeploymentStatus.CANCELED:
        return `canceled by ${escapeMrkdwn(d.changedBy ?? 'someone')}: ${escapeMrkdwn(d.changeReason ?? 'no reason given')}`;
      case DeploymentStatus.QUEUED:
      case DeploymentStatus.RUNNING:
        return `deploying${build}`;
      case DeploymentStatus.BLOCKED:
        return 'blocked by a failure it depends on';
      default:
        return 'scheduled';
    }
  })();
  return `${ICONS[d.status]} ${where}: ${what}`;
}

/**
 * The blocks without the buttons that act on a settled deployment (a Cancel button whose value or link
 * names its id), and without action blocks left empty.
 */
function withoutButtonsFor(blocks: SlackBlock[], settled: ReadonlySet<string>): SlackBlock[] {
  if (settled.size === 0) return blocks;
  const actsOnSettled = (element: unknown): boolean => {
    if (typeof element !== 'object' || element === null) return false;
    const { value, url } = element as { value?: unknown; url?: unknown };
    return [value, url].some((field) => typeof field === 'string' && [...settled].some((id) => field.includes(id)));
  };
  return blocks.flatMap((block): SlackBlock[] => {
    if (Array.isArray(block.elements) && block.type === 'actions') {
      const elements = (block.elements as unknown[]).filter((element) => !actsOnSettled(element));
      return elements.length ? [{ ...block, elements }] : [];
    }
    if (block.accessory && actsOnSettled(block.accessory)) {
      const { accessory: _dropped, ...rest } = block;
      return [rest];
    }
    return [block];
  });
}
