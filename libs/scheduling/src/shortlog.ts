import { ShortlogEntry } from '@hydrator/database';

/** One commit between two revs, as a shortlog needs it. */
export interface CommitSummary {
  author: string;
  subject: string;
}

/** What a shortlog source found; `error` says why it is empty when it could not look. */
export interface Shortlog {
  entries: ShortlogEntry[];
  totalCommits: number;
  error?: string;
}

/** Where commits between two revs come from: the GitHub compare API or a local git mirror. */
export interface ShortlogSource {
  readonly name: string;
  commitsBetween(repo: string, base: string, head: string): Promise<CommitSummary[]>;
  /** Whether `rev` exists in `repo`; used to refuse editing a deployment to a rev nobody has. */
  revExists(repo: string, rev: string): Promise<boolean>;
}

/** Groups commits by author like `git shortlog`: most commits first, then by name; subjects in commit order. */
export function groupShortlog(commits: CommitSummary[]): ShortlogEntry[] {
  const byAuthor = new Map<string, string[]>();
  for (const commit of commits) {
    const subjects = byAuthor.get(commit.author) ?? [];
    subjects.push(commit.subject);
    byAuthor.set(commit.author, subjects);
  }
  return [...byAuthor]
    .map(([author, subjects]) => ({ author, count: subjects.length, subjects }))
    .sort((a, b) => b.count - a.count || a.author.localeCompare(b.author));
}

/** `git shortlog`-style text, for Slack and Jira. */
export function formatShortlog(entries: ShortlogEntry[]): string {
  return entries.map((entry) => [`${entry.author} (${entry.count}):`, ...entry.subjects.map((subject) => `      ${subject}`)].join('\n')).join('\n\n');
}
