import { CommitRange, CommitSummary, MAX_SHORTLOG_COMMITS, SHORTLOG_SOURCE_TIMEOUT_MS, ShortlogSource } from './shortlog';

/** GitHub's largest page of a comparison's commits. */
const COMPARE_PAGE_SIZE = 100;

interface CompareCommit {
  commit: { author: { name?: string } | null; message: string };
  author: { login?: string } | null;
}

/** Per-call options Octokit passes to fetch: the signal that ends a call GitHub does not answer. */
interface RequestOptions {
  request: { signal: AbortSignal };
}

/** The part of Octokit this source uses (the client is ESM-only and loaded lazily). */
interface OctokitLike {
  rest: {
    repos: {
      compareCommitsWithBasehead(
        params: { owner: string; repo: string; basehead: string; per_page: number; page: number } & RequestOptions,
      ): Promise<{ data: { total_commits: number; commits: CompareCommit[] } }>;
      getCommit(params: { owner: string; repo: string; ref: string } & RequestOptions): Promise<{ data: { sha: string } }>;
    };
  };
}

/** Commits from the GitHub (or GitHub Enterprise) compare API through @octokit/rest. */
export class GitHubShortlogSource implements ShortlogSource {
  readonly name = 'GitHub';
  private client?: Promise<OctokitLike>;

  constructor(
    private readonly apiUrl: string,
    private readonly token?: string,
    private readonly timeoutMs = SHORTLOG_SOURCE_TIMEOUT_MS,
  ) {}

  /**
   * Pages through the comparison: unpaged, GitHub answers at most 250 commits, and a shortlog that
   * silently stops there under-reports a long release. Stops at {@link MAX_SHORTLOG_COMMITS}.
   */
  async commitsBetween(repo: string, base: string, head: string): Promise<CommitRange> {
    const [owner, name] = repo.split('/');
    const octokit = await this.octokit();
    const commits: CommitSummary[] = [];
    let totalCommits = 0;
    for (let page = 1; commits.length < MAX_SHORTLOG_COMMITS; page++) {
      const { data } = await this.call((request) => octokit.rest.repos.compareCommitsWithBasehead({ owner, repo: name, basehead: `${base}...${head}`, per_page: COMPARE_PAGE_SIZE, page, request }));
      totalCommits = data.total_commits;
      commits.push(...data.commits.map(summary));
      if (data.commits.length < COMPARE_PAGE_SIZE || commits.length >= totalCommits) break;
    }
    return { commits: commits.slice(0, MAX_SHORTLOG_COMMITS), totalCommits: Math.max(totalCommits, commits.length) };
  }

  async resolveRev(repo: string, rev: string): Promise<string | undefined> {
    const [owner, name] = repo.split('/');
    const octokit = await this.octokit();
    try {
      const { data } = await this.call((request) => octokit.rest.repos.getCommit({ owner, repo: name, ref: rev, request }));
      return data.sha;
    } catch (error) {
      // GitHub answers 422 "No commit found for SHA" for an unknown rev, 404 for an unknown repo.
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 422) return undefined;
      throw error;
    }
  }

  /** One GitHub call, abandoned after `timeoutMs` with an error that says so. */
  private async call<T>(send: (request: { signal: AbortSignal }) => Promise<T>): Promise<T> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      return await send({ signal });
    } catch (error) {
      if (signal.aborted) throw new Error(`GitHub did not answer within ${this.timeoutMs / 1000} s`, { cause: error });
      throw error;
    }
  }

  private octokit(): Promise<OctokitLike> {
    this.client ??= import('@octokit/rest').then(
      ({ Octokit }) =>
        new Octokit({
          baseUrl: this.apiUrl,
          auth: this.token,
          // Octokit logs every failed request with console.error; failures are reported by the caller.
          log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        }) as unknown as OctokitLike,
    );
    return this.client;
  }
}

function summary(commit: CompareCommit): CommitSummary {
  return { author: commit.commit.author?.name ?? commit.author?.login ?? 'unknown', subject: commit.commit.message.split('\n')[0] };
}
