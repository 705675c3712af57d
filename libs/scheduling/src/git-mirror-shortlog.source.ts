import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CommitRange, MAX_SHORTLOG_COMMITS, SHORTLOG_SOURCE_TIMEOUT_MS, ShortlogSource } from './shortlog';

const run = promisify(execFile);
const REV = /^[A-Za-z0-9._/-]+$/;

/** Commits from a local bare mirror, `<GIT_MIRROR_DIR>/<owner>/<name>.git`, kept fresh by whoever set it up. */
export class GitMirrorShortlogSource implements ShortlogSource {
  readonly name = 'git mirror';

  constructor(
    private readonly mirrorDir: string,
    private readonly timeoutMs = SHORTLOG_SOURCE_TIMEOUT_MS,
  ) {}

  async commitsBetween(repo: string, base: string, head: string): Promise<CommitRange> {
    const range = `${checked(base)}..${checked(head)}`;
    const [count, log] = await Promise.all([
      this.git(repo, ['rev-list', '--count', range]),
      // Newest first so that --max-count bounds what is read (--reverse applies after it); turned around below.
      this.git(repo, ['log', `--max-count=${MAX_SHORTLOG_COMMITS}`, '--format=%an%x1f%s', range]),
    ]);
    const commits = log.stdout
      .split('\n')
      .filter(Boolean)
      .reverse()
      .map((line) => {
        const [author, subject] = line.split('\x1f');
        return { author, subject };
      });
    return { commits, totalCommits: Number(count.stdout.trim()) };
  }

  async resolveRev(repo: string, rev: string): Promise<string | undefined> {
    try {
      const { stdout } = await this.git(repo, ['rev-parse', '--verify', '--quiet', `${checked(rev)}^{commit}`]);
      return stdout.trim() || undefined;
    } catch (error) {
      // A git that hung says nothing about the rev: tell the operator, do not call it missing.
      if (error instanceof GitTimeoutError) throw error;
      return undefined;
    }
  }

  /** One git command, killed after `timeoutMs` (a mirror on a stuck network mount must not hang planning). */
  private async git(repo: string, args: string[]) {
    try {
      return await run('git', ['--git-dir', join(this.mirrorDir, `${repo}.git`), ...args], { maxBuffer: 16 * 1024 * 1024, timeout: this.timeoutMs, killSignal: 'SIGKILL' });
    } catch (error) {
      if ((error as { killed?: boolean }).killed) throw new GitTimeoutError(`git ${args[0]} did not finish within ${this.timeoutMs / 1000} s`, { cause: error });
      throw error;
    }
  }
}

class GitTimeoutError extends Error {}

/** Revs come from Jenkins reports and operators: never let one be read as a git option. */
function checked(rev: string): string {
  if (!REV.test(rev) || rev.startsWith('-')) throw new Error(`"${rev}" is not a git rev`);
  return rev;
}
