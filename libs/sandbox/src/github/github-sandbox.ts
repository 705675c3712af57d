import { FaultInjectingServer } from '../http/fault-injector';
import { SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import { CommitHistory, SeedCommit, StoredCommit } from './commit-history';

export interface GitHubSandboxOptions {
  /** When set, requests must carry it as `Authorization: token …` or `Bearer …`; otherwise any or none is fine. */
  token?: string;
}

/** GitHub's cap on commits in one compare answer when the caller does not paginate. */
const UNPAGINATED_COMPARE_LIMIT = 250;

/**
 * A stand-in for the GitHub REST endpoints Hydrator uses for shortlogs: compare two revisions and
 * get one commit. `@octokit/rest` talks to it unmodified with `baseUrl: sandbox.url`, or with
 * `baseUrl: sandbox.enterpriseUrl` as for GitHub Enterprise, whose API lives under `/api/v3`.
 * Tests seed each repository's (linear) history with `addCommits`.
 */
export class GitHubSandbox extends FaultInjectingServer {
  private readonly history = new CommitHistory();
  /** Requests still to leave unanswered, see {@link hangNext}. */
  private hanging = 0;

  constructor(private readonly options: GitHubSandboxOptions = {}) {
    super('GitHub', (status) => githubBody(status, status === 429 ? 'API rate limit exceeded' : 'Service unavailable'));
    const endpoints: Array<[string, RepoHandler]> = [
      ['compare/*basehead', (req, repo) => this.compare(req, repo)],
      ['commits/:ref', (req, repo) => this.getCommit(req, repo)],
    ];
    // Both the github.com layout and the Enterprise one, so either form of GITHUB_API_URL works.
    for (const prefix of ['', '/api/v3']) {
      for (const [path, handle] of endpoints) {
        this.route('GET', `${prefix}/repos/:owner/:repo/${path}`, (req) => this.hangOr(() => this.guarded(req, prefix, handle)));
      }
    }
  }

  /** The base URL in GitHub Enterprise form, for testing an Enterprise `GITHUB_API_URL`. */
  get enterpriseUrl(): string {
    return `${this.url}/api/v3`;
  }

  /**
   * Appends commits to `owner/repo` (creating it) on top of what it already has and returns their shas,
   * oldest first. Missing shas are made up deterministically; missing dates are now.
   */
  addCommits(repo: string, commits: SeedCommit[]): string[] {
    return this.history.add(repo, commits);
  }

  /**
   * Leaves the next `count` requests without an answer, as a GitHub that hangs does: the connection
   * stays open until the client gives up or the sandbox stops.
   */
  hangNext(count: number): this {
    this.hanging += count;
    return this;
  }

  override async stop(): Promise<void> {
    this.hanging = 0;
    await super.stop();
  }

  private hangOr(answer: () => SandboxReply): SandboxReply | Promise<SandboxReply> {
    if (this.hanging === 0) return answer();
    this.hanging--;
    return new Promise<SandboxReply>(() => undefined);
  }

  /** Checks the token and finds the repository, answering as GitHub does when either fails. */
  private guarded(req: SandboxRequest, prefix: string, handle: RepoHandler): SandboxReply {
    const given = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (this.options.token !== undefined && given !== this.options.token) {
      return githubError(401, given === undefined ? 'Requires authentication' : 'Bad credentials');
    }
    const repo = this.history.repo(`${req.params.owner}/${req.params.repo}`);
    if (!repo) return githubError(404, 'Not Found');
    const { name, commits } = repo;
    return handle(req, { name, commits, api: `${this.url}${prefix}/repos/${name}`, web: `${this.url}/${name}` });
  }

  /** `base...head`: the commits after base up to head, oldest first, as `git log base..head` lists them. */
  private compare(req: SandboxRequest, repo: RepoApi): SandboxReply {
    const revs = req.params.basehead.split('...');
    const [base, head] = revs.map((rev) => this.history.indexOf(repo.commits, rev));
    if (revs.length !== 2 || base < 0 || head < 0) return githubError(404, 'Not Found');
    const ahead = repo.commits.slice(base + 1, head + 1);
    const page = pageOf(req, `${this.url}${req.path}`, ahead.length);
    const json = (c: StoredCommit): Record<string, unknown> => commitJson(c, repo);
    return {
      headers: page.link ? { link: page.link } : {},
      body: {
        url: `${repo.api}/compare/${req.params.basehead}`,
        html_url: `${repo.web}/compare/${req.params.basehead}`,
        permalink_url: `${repo.web}/compare/${repo.commits[base].sha}...${repo.commits[head].sha}`,
        diff_url: `${repo.web}/compare/${req.params.basehead}.diff`,
        patch_url: `${repo.web}/compare/${req.params.basehead}.patch`,
        base_commit: json(repo.commits[base]),
        merge_base_commit: json(repo.commits[Math.min(base, head)]),
        status: head > base ? 'ahead' : head < base ? 'behind' : 'identical',
        ahead_by: ahead.length,
        behind_by: Math.max(0, base - head),
        total_commits: ahead.length,
        commits: ahead.slice(page.start, page.end).map(json),
        files: [],
      },
    };
  }

  /** One commit; like GitHub, an unknown revision is 422 "No commit found", not 404. */
  private getCommit(req: SandboxRequest, repo: RepoApi): SandboxReply {
    const index = this.history.indexOf(repo.commits, req.params.ref);
    if (index < 0) return githubError(422, `No commit found for SHA: ${req.params.ref}`);
    const stats = { total: 0, additions: 0, deletions: 0 };
    return { body: { ...commitJson(repo.commits[index], repo), stats, files: [] } };
  }
}

/** The repository a request is about, with the URL roots its answers link to. */
interface RepoApi {
  name: string;
  commits: readonly StoredCommit[];
  api: string;
  web: string;
}

type RepoHandler = (req: SandboxRequest, repo: RepoApi) => SandboxReply;

/** The commit object GitHub embeds in compare and get-commit answers; unknown users appear as null. */
function commitJson(c: StoredCommit, repo: RepoApi): Record<string, unknown> {
  const person = { name: c.author, email: c.email, date: c.date };
  const tree = c.sha.split('').reverse().join('');
  return {
    sha: c.sha,
    node_id: `C_${Buffer.from(c.sha).toString('base64url').slice(0, 20)}`,
    url: `${repo.api}/commits/${c.sha}`,
    html_url: `${repo.web}/commit/${c.sha}`,
    comments_url: `${repo.api}/commits/${c.sha}/comments`,
    commit: {
      author: person,
      committer: person,
      message: c.message,
      tree: { sha: tree, url: `${repo.api}/git/trees/${tree}` },
      url: `${repo.api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: null,
    committer: null,
    parents: c.parent ? [{ sha: c.parent, url: `${repo.api}/commits/${c.parent}`, html_url: `${repo.web}/commit/${c.parent}` }] : [],
  };
}

/**
 * The slice of compare commits to answer with. Without `page`/`per_page` GitHub sends at most 250;
 * with them it pages (30 by default, at most 100) and links the next and last pages.
 */
function pageOf(req: SandboxRequest, url: string, total: number): { start: number; end: number; link?: string } {
  if (!req.query.has('page') && !req.query.has('per_page')) return { start: 0, end: UNPAGINATED_COMPARE_LIMIT };
  const size = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(total / size));
  const pageUrl = (n: number): string => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(n));
    return `<${url}?${query.toString()}>`;
  };
  const link = page < last ? `${pageUrl(page + 1)}; rel="next", ${pageUrl(last)}; rel="last"` : undefined;
  return { start: (page - 1) * size, end: page * size, link };
}

function githubBody(status: number, message: string): Record<string, string> {
  return { message, documentation_url: 'https://docs.github.com/rest', status: String(status) };
}

function githubError(status: number, message: string): SandboxReply {
  return { status, body: githubBody(status, message) };
}
