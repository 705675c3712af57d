import { GitHubSandbox } from '@hydrator/sandbox';
import { GitHubShortlogSource } from './github-shortlog.source';

describe('GitHubShortlogSource against the GitHub sandbox', () => {
  const github = new GitHubSandbox();
  let shas: string[];

  beforeAll(async () => {
    await github.start();
    shas = github.addCommits(
      'acme/big',
      Array.from({ length: 301 }, (_, i) => ({ author: i % 2 ? 'Ada' : 'Grace', message: `change ${i}` })),
    );
  });
  afterAll(() => github.stop());

  it('reads every commit of a comparison longer than one answer of GitHub (250), page by page', async () => {
    const source = new GitHubShortlogSource(github.url);
    const { commits, totalCommits } = await source.commitsBetween('acme/big', shas[0], shas[300]);

    expect(totalCommits).toBe(300);
    expect(commits).toHaveLength(300);
    expect(commits[0]).toEqual({ author: 'Ada', subject: 'change 1' });
    expect(commits[299]).toEqual({ author: 'Grace', subject: 'change 300' });
    const pages = github.requests.filter((r) => r.path.includes('/compare/'));
    expect(pages.map((r) => `${r.query.get('page')}/${r.query.get('per_page')}`)).toEqual(['1/100', '2/100', '3/100']);
  });

  it('gives up on a GitHub that does not answer, with an error that says so', async () => {
    const source = new GitHubShortlogSource(github.url, undefined, 300);
    github.hangNext(2);
    const started = Date.now();

    await expect(source.commitsBetween('acme/big', shas[0], shas[1])).rejects.toThrow('GitHub did not answer within 0.3 s');
    await expect(source.resolveRev('acme/big', shas[1])).rejects.toThrow('GitHub did not answer within 0.3 s');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await source.resolveRev('acme/big', shas[1])).toBe(shas[1]);
  });
});
