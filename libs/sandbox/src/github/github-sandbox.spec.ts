import type { RestEndpointMethodTypes } from '@octokit/rest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GitHubSandbox } from './github-sandbox';

type Compare = RestEndpointMethodTypes['repos']['compareCommitsWithBasehead']['response']['data'];
type Commit = RestEndpointMethodTypes['repos']['getCommit']['response']['data'];

/** What one Octokit call ended with: its data, or the RequestError Octokit threw. */
interface OctokitOutcome<T> {
  status: number;
  data?: T;
  error?: { name: string; message: string; data?: { message?: string } };
}

interface OctokitCall {
  baseUrl: string;
  auth?: string;
  method: string;
  params: Record<string, unknown>;
  paginate?: boolean;
}

/** Runs the real @octokit/rest in a child Node process (see octokit-call.mjs for why). */
async function octokit<T>(call: OctokitCall): Promise<OctokitOutcome<T>> {
  const script = join(__dirname, 'octokit-call.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(call)]);
  return JSON.parse(stdout) as OctokitOutcome<T>;
}

const messages = (commits: { commit: { message: string } }[]): string[] => commits.map((c) => c.commit.message);

describe('GitHubSandbox with the real @octokit/rest', () => {
  const sandbox = new GitHubSandbox();
  let shas: string[];

  beforeAll(async () => {
    await sandbox.start();
    shas = sandbox.addCommits('acme/billing', [
      { author: 'Ada', message: 'Initial import', date: '2024-03-01T10:00:00Z' },
      { author: 'Grace', email: 'grace@acme.test', message: 'Add invoices', date: '2024-03-02T10:00:00Z' },
      { author: 'Ada', message: 'Fix rounding', date: '2024-03-03T10:00:00Z' },
    ]);
    // A later push on top of the same history.
    shas.push(...sandbox.addCommits('acme/billing', [{ author: 'Linus', message: 'Speed up export' }]));
  });
  afterAll(() => sandbox.stop());

  const compare = (basehead: string): Promise<OctokitOutcome<Compare>> =>
    octokit<Compare>({
      baseUrl: sandbox.url,
      method: 'repos.compareCommitsWithBasehead',
      params: { owner: 'acme', repo: 'billing', basehead },
    });

  it('compares two revisions: the commits after base up to head, oldest first', async () => {
    const { status, data } = await compare(`${shas[0]}...${shas[3]}`);

    expect(status).toBe(200);
    expect(data).toMatchObject({ status: 'ahead', ahead_by: 3, behind_by: 0, total_commits: 3 });
    expect(data!.commits.map((c) => c.sha)).toEqual(shas.slice(1));
    expect(messages(data!.commits)).toEqual(['Add invoices', 'Fix rounding', 'Speed up export']);
    const grace = { name: 'Grace', email: 'grace@acme.test', date: '2024-03-02T10:00:00Z' };
    expect(data!.commits[0].commit.author).toEqual(grace);
    expect(data!.commits[0].parents).toEqual([expect.objectContaining({ sha: shas[0] })]);
    expect(data!.base_commit.sha).toBe(shas[0]);
  });

  it('serves the Enterprise /api/v3 layout, short shas and branch names through compareCommits', async () => {
    const { status, data } = await octokit<Compare>({
      baseUrl: sandbox.enterpriseUrl,
      method: 'repos.compareCommits',
      params: { owner: 'ACME', repo: 'billing', base: shas[1].slice(0, 7), head: 'main' },
    });

    expect(status).toBe(200);
    expect(messages(data!.commits)).toEqual(['Fix rounding', 'Speed up export']);
    expect(data!.commits[0].url).toBe(`${sandbox.enterpriseUrl}/repos/acme/billing/commits/${shas[2]}`);
    expect(sandbox.requests.at(-1)?.path).toBe(`/api/v3/repos/ACME/billing/compare/${shas[1].slice(0, 7)}...main`);
  });

  it('reports a head behind its base with no commits, and an identical pair as identical', async () => {
    const [behind, same] = await Promise.all([compare(`${shas[3]}...${shas[1]}`), compare(`${shas[2]}...${shas[2]}`)]);

    expect(behind.data).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 2, total_commits: 0, commits: [] });
    expect(same.data).toMatchObject({ status: 'identical', total_commits: 0, commits: [] });
  });

  it('answers 404 Not Found for an unknown revision or repository', async () => {
    const [unknownRev, unknownRepo] = await Promise.all([
      compare(`${shas[0]}...${'f'.repeat(40)}`),
      octokit<Compare>({
        baseUrl: sandbox.url,
        method: 'repos.compareCommitsWithBasehead',
        params: { owner: 'acme', repo: 'nothing', basehead: 'main...main' },
      }),
    ]);

    expect(unknownRev).toMatchObject({ status: 404, error: { name: 'HttpError', data: { message: 'Not Found' } } });
    expect(unknownRepo).toMatchObject({ status: 404, error: { data: { message: 'Not Found' } } });
  });

  it('tells whether a revision exists with getCommit: the commit, or 422 as GitHub answers', async () => {
    const get = (ref: string): Promise<OctokitOutcome<Commit>> =>
      octokit<Commit>({
        baseUrl: sandbox.url,
        method: 'repos.getCommit',
        params: { owner: 'acme', repo: 'billing', ref },
      });

    const [found, missing] = await Promise.all([get(shas[2].slice(0, 10)), get('deadbeef')]);

    expect(found).toMatchObject({ status: 200, data: { sha: shas[2], commit: { message: 'Fix rounding' } } });
    expect(missing).toMatchObject({ status: 422, error: { data: { message: 'No commit found for SHA: deadbeef' } } });
  });

  it('pages compare results with Link headers that octokit.paginate follows', async () => {
    const pages = await octokit<Compare[]>({
      baseUrl: sandbox.url,
      method: 'repos.compareCommitsWithBasehead',
      params: { owner: 'acme', repo: 'billing', basehead: `${shas[0]}...main`, per_page: 2 },
      paginate: true,
    });

    const pageMessages = pages.data!.map((page) => messages(page.commits));
    expect(pageMessages).toEqual([['Add invoices', 'Fix rounding'], ['Speed up export']]);
  });

  it('answers 503 when told to fail', async () => {
    sandbox.failNext(1, { status: 503 });
    const failed = await compare('main...main');
    expect(failed).toMatchObject({ status: 503, error: { data: { message: 'Service unavailable' } } });
    expect(await compare('main...main')).toMatchObject({ status: 200 });
  });
});

describe('GitHubSandbox given a token', () => {
  const sandbox = new GitHubSandbox({ token: 'ghp_sandbox' });

  beforeAll(async () => {
    await sandbox.start();
    sandbox.addCommits('acme/api', [
      { author: 'Ada', message: 'one' },
      { author: 'Ada', message: 'two' },
    ]);
  });
  afterAll(() => sandbox.stop());

  const compare = (auth?: string): Promise<OctokitOutcome<Compare>> =>
    octokit<Compare>({
      baseUrl: sandbox.url,
      auth,
      method: 'repos.compareCommitsWithBasehead',
      params: { owner: 'acme', repo: 'api', basehead: 'HEAD...HEAD' },
    });

  it('requires it, as `token …` the way Octokit sends it', async () => {
    expect(await compare()).toMatchObject({ status: 401, error: { data: { message: 'Requires authentication' } } });
    expect(await compare('ghp_wrong')).toMatchObject({ status: 401, error: { data: { message: 'Bad credentials' } } });
    expect(await compare('ghp_sandbox')).toMatchObject({ status: 200, data: { status: 'identical' } });
    expect(sandbox.requests.at(-1)?.headers.authorization).toBe('token ghp_sandbox');
  });
});
