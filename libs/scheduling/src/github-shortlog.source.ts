import { CommitSummary, ShortlogSource } from './shortlog';

/** The part of Octokit this source uses (the client is ESM-only and loaded lazily). */
interface OctokitLike {
  rest: {
    repos: {
      compareCommitsWithBasehead(params: { owner: string; repo: string; basehead: string; per_page?: number }): Promise<{
        data: { commits: Array<{ commit: { author: { name?: string } | null; message: string }; author: { login?: string } | null }> };
      }>;
      getCommit(params: { owner: string; repo: string; ref: string }): Promise<unknown>;
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
  ) {}

  async commitsBetween(repo: string, base: string, head: string): Promise<CommitSummary[]> {
    const [owner, name] = repo.split('/');
    const octokit = await this.octokit();
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo: name, basehead: `${base}...${head}`, per_page: 250 });
    return data.commits.map((commit) => ({
      author: commit.commit.author?.name ?? commit.author?.login ?? 'unknown',
      subject: commit.commit.message.split('\n')[0],
    }));
  }

  async revExists(repo: string, rev: string): Promise<boolean> {
    const [owner, name] = repo.split('/');
    try {
      await (await this.octokit()).rest.repos.getCommit({ owner, repo: name, ref: rev });
      return true;
    } catch (error) {
      // GitHub answers 422 "No commit found for SHA" for an unknown rev, 404 for an unknown repo.
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 422) return false;
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
