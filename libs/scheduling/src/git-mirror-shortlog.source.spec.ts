import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitMirrorShortlogSource } from './git-mirror-shortlog.source';

/** A bare mirror `acme/big.git` with `count` commits on main, written in one `git fast-import`; their shas, oldest first. */
function mirrorWithCommits(dir: string, count: number): string[] {
  const gitDir = join(dir, 'acme', 'big.git');
  execFileSync('git', ['init', '--bare', '--quiet', gitDir]);
  const stream = Array.from({ length: count }, (_, i) => {
    const message = `change ${i}`;
    const author = i % 2 ? 'Ada <ada@example.com>' : 'Grace <grace@example.com>';
    return `commit refs/heads/main\nmark :${i + 1}\nauthor ${author} ${1700000000 + i} +0000\ncommitter ${author} ${1700000000 + i} +0000\ndata ${message.length}\n${message}\n`;
  }).join('');
  execFileSync('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], { input: stream });
  return execFileSync('git', ['--git-dir', gitDir, 'rev-list', '--reverse', 'main'], { encoding: 'utf8' }).trim().split('\n');
}

describe('GitMirrorShortlogSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hydrator-mirror-'));
  const shas = mirrorWithCommits(dir, 301);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every commit between two revs, oldest first, and counts them', async () => {
    const { commits, totalCommits } = await new GitMirrorShortlogSource(dir).commitsBetween('acme/big', shas[0], shas[300]);

    expect(totalCommits).toBe(300);
    expect(commits).toHaveLength(300);
    expect(commits[0]).toEqual({ author: 'Ada', subject: 'change 1' });
    expect(commits[299]).toEqual({ author: 'Grace', subject: 'change 300' });
  });

  it('resolves a rev to its full sha, and a missing one to nothing', async () => {
    const source = new GitMirrorShortlogSource(dir);
    expect(await source.resolveRev('acme/big', shas[5])).toBe(shas[5]);
    expect(await source.resolveRev('acme/big', shas[5].slice(0, 9))).toBe(shas[5]);
    expect(await source.resolveRev('acme/big', 'f'.repeat(40))).toBeUndefined();
  });
});
