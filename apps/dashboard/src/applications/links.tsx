import { ExternalLink } from '../ui/external-link';
import type { Target } from './documents';

const SHA = /^[0-9a-f]{7,40}$/i;

export function RepoLink({ repo }: { repo: string }) {
  return <ExternalLink href={`https://github.com/${repo}`}>{repo}</ExternalLink>;
}

/** A sha as its first 7 digits; anything else as it is. */
export function shortRev(rev: string | null | undefined): string {
  if (!rev) return 'none yet';
  return SHA.test(rev) ? rev.slice(0, 7) : rev;
}

/** A rev as its short sha (the full one on hover), linked to the commit on GitHub; a rev that is no sha is shown as it is. */
export function RevLink({ repo, rev }: { repo: string; rev: string | null | undefined }) {
  if (!rev) return <span className="muted">none yet</span>;
  const text = (
    <code className="rev" title={rev}>
      {shortRev(rev)}
    </code>
  );
  return SHA.test(rev) ? <ExternalLink href={`https://github.com/${repo}/commit/${rev}`}>{text}</ExternalLink> : text;
}

/** The Jenkins build of a target's current report (linked when Jenkins gave its URL), and its result. */
export function BuildLink({ report }: { report: Target['currentReport'] }) {
  if (!report) return <span className="muted">no report</span>;
  return (
    <span>
      {report.buildUrl ? <ExternalLink href={report.buildUrl}>#{report.buildNumber}</ExternalLink> : `#${report.buildNumber}`} <span className="muted">{report.result}</span>
    </span>
  );
}

/** "stage-1 / staging / billing". */
export function targetPlace(target: Pick<Target, 'cluster' | 'environment' | 'namespace'>): string {
  return `${target.cluster} / ${target.environment} / ${target.namespace}`;
}

/** Prototype targets first, then production in deployment order. */
export function sortedTargets<T extends Pick<Target, 'role' | 'order' | 'cluster'>>(targets: readonly T[]): T[] {
  return [...targets].sort((a, b) => (a.role === b.role ? a.order - b.order || a.cluster.localeCompare(b.cluster) : a.role === 'PROTOTYPE' ? -1 : 1));
}
