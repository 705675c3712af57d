import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CommitSummary, ShortlogSource } from './shortlog';

const run = promisify(execFile);
const REV = /^[A-Za-z0-9._\/-]+$/;

/** Commits from a local bare mirror, `<GIT_MIRROR_DIR>/<owner>/<name>.git`, kept fresh by whoever set it up. */
export class GitMirrorShortlogSource implements ShortlogSource {
  readonly name = 'git mirror';

  constructor(private readonly mirrorDir: string) {}

  async commitsBetween(repo: string, base: string, head: string): Promise<CommitSummary[]> {
    const { stdout } = await this.git(repo, ['log', '--reverse', '--format=%an%x1f%s', `${checked(base)}..${checked(head)}`]);
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [author, subject] = line.split('\x1f');
        return { author, subject };
      });
  }

  async revExists(repo: string, rev: string): Promise<boolean> {
    try {
      await this.git(repo, ['cat-file', '-e', `${checked(rev)}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  private git(repo: string, args: string[]) {
    return run('git', ['--git-dir', join(this.mirrorDir, `${repo}.git`), ...args], { maxBuffer: 16 * 1024 * 1024 });
  }
}

/** Revs come from Jenkins reports and operators: never let one be read as a git option. */
function checked(rev: string): string {
  if (!REV.test(rev) || rev.startsWith('-')) throw new Error(`"${rev}" is not a git rev`);
  return rev;
}
