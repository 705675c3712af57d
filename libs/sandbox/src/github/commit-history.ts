import { createHash } from 'node:crypto';

/** A commit a test seeds; the sandbox makes up the sha and date when they are left out. */
export interface SeedCommit {
  sha?: string;
  author: string;
  email?: string;
  message: string;
  date?: Date | string;
}

/** A commit as stored: one parent, because each repository's history is a straight line. */
export interface StoredCommit {
  sha: string;
  author: string;
  email: string;
  message: string;
  /** ISO 8601 with `Z`, as GitHub writes commit dates. */
  date: string;
  parent?: string;
}

/** A repository's name as first seeded (GitHub keeps the owner's spelling) and its commits, oldest first. */
export interface SeededRepo {
  name: string;
  commits: StoredCommit[];
}

/** Names that mean "the newest commit", so tests can compare against a branch as Hydrator might. */
const TIP_NAMES = new Set(['HEAD', 'main', 'master']);

/**
 * Linear commit histories per repository, keyed case-insensitively by `owner/repo` as GitHub is.
 * Revisions resolve like git's: a full sha, a unique prefix of at least four hex digits, or a tip name.
 */
export class CommitHistory {
  private readonly repos = new Map<string, SeededRepo>();

  /** Appends commits to a repository (creating it) and returns their shas, oldest first. */
  add(repo: string, seeds: SeedCommit[]): string[] {
    const seeded = this.repos.get(repo.toLowerCase()) ?? { name: repo, commits: [] };
    this.repos.set(repo.toLowerCase(), seeded);
    const { commits } = seeded;
    return seeds.map((seed) => {
      const parent = commits.at(-1)?.sha;
      const sha = seed.sha?.toLowerCase() ?? fakeSha(repo, parent, seed, commits.length);
      if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`GitHub sandbox: "${sha}" is not a 40-digit hex sha`);
      if (commits.some((c) => c.sha === sha)) throw new Error(`GitHub sandbox: ${repo} already has ${sha}`);
      const date = new Date(seed.date ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const email = seed.email ?? `${seed.author.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com`;
      commits.push({ sha, author: seed.author, email, message: seed.message, date, parent });
      return sha;
    });
  }

  /** The repository under its seeded spelling, or undefined when it does not exist. */
  repo(name: string): Readonly<SeededRepo> | undefined {
    return this.repos.get(name.toLowerCase());
  }

  /** The position of `rev` in the repository's history, or -1 when it names no commit. */
  indexOf(commits: readonly StoredCommit[], rev: string): number {
    if (TIP_NAMES.has(rev)) return commits.length - 1;
    const prefix = rev.toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(prefix)) return -1;
    const matches = commits.flatMap((c, i) => (c.sha.startsWith(prefix) ? [i] : []));
    return matches.length === 1 ? matches[0] : -1;
  }
}

function fakeSha(repo: string, parent: string | undefined, seed: SeedCommit, index: number): string {
  return createHash('sha1')
    .update(`${repo}\n${parent ?? ''}\n${index}\n${seed.author}\n${seed.message}`)
    .digest('hex');
}
