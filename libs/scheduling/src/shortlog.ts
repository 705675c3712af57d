import { ShortlogEntry } from '@hydrator/database';

/** One commit between two revs, as a shortlog needs it. */
export interface CommitSummary {
  author: string;
  subject: string;
}

/**
 * Commits a shortlog reads at most: enough for any weekly release, few enough that a repository nobody
 * deployed for years does not make Monday's planning page through GitHub for minutes.
 */
export const MAX_SHORTLOG_COMMITS = 10_000;

/**
 * How long one call to GitHub (one page of a comparison, one rev check) or one git command on the mirror
 * may take. A GitHub that hangs would otherwise hang Monday's planning and every rev an operator sets.
 */
export const SHORTLOG_SOURCE_TIMEOUT_MS = 15_000;

/** The commits between two revs, oldest first: all of them, or {@link MAX_SHORTLOG_COMMITS} of them. */
export interface CommitRange {
  commits: CommitSummary[];
  /** How many commits there are between the two revs, also those not read. */
  totalCommits: number;
}

/**
 * What a shortlog source found; `error` says why it is empty when it could not look. `totalCommits` may
 * exceed the commits in `entries` when the source stopped at {@link MAX_SHORTLOG_COMMITS}.
 */
export interface Shortlog {
  entries: ShortlogEntry[];
  totalCommits: number;
  error?: string;
}

/** Where commits between two revs come from: the GitHub compare API or a local git mirror. */
export interface ShortlogSource {
  readonly name: string;
  commitsBetween(repo: string, base: string, head: string): Promise<CommitRange>;
  /**
   * The full sha of the commit `rev` (a sha, tag or branch) names in `repo`, or undefined when there is
   * none: an operator's rev is resolved once, so Jenkins is only ever given a sha.
   */
  resolveRev(repo: string, rev: string): Promise<string | undefined>;
}

/** Groups commits by author like `git shortlog`: most commits first, then by name; subjects in commit order. */
export function groupShortlog(commits: CommitSummary[]): ShortlogEntry[] {
  const byAuthor = new Map<string, string[]>();
  for (const commit of commits) {
    const subjects = byAuthor.get(commit.author) ?? [];
    subjects.push(commit.subject);
    byAuthor.set(commit.author, subjects);
  }
  return [...byAuthor].map(([author, subjects]) => ({ author, count: subjects.length, subjects })).sort((a, b) => b.count - a.count || a.author.localeCompare(b.author));
}

/** `git shortlog`-style text; the caller escapes it for where it goes. */
export function formatShortlog(entries: ShortlogEntry[]): string {
  return entries.map((entry) => [`${entry.author} (${entry.count}):`, ...entry.subjects.map((subject) => `      ${subject}`)].join('\n')).join('\n\n');
}
