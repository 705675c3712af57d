import { Inject, Injectable, Logger } from '@nestjs/common';
import { HydratorError, isGitSha } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { GitMirrorShortlogSource } from './git-mirror-shortlog.source';
import { GitHubShortlogSource } from './github-shortlog.source';
import { groupShortlog, Shortlog, ShortlogSource } from './shortlog';

/** A sha, tag or branch name, as an operator may type one. */
const OPERATOR_REV = /^[A-Za-z0-9._/-]{1,100}$/;

/**
 * Shortlogs for the weekly plan, from a local git mirror when GIT_MIRROR_DIR is set, else from GitHub.
 * Never throws: a source that is down gives an empty shortlog with the reason, and planning goes on.
 */
@Injectable()
export class ShortlogService {
  private readonly logger = new Logger(ShortlogService.name);
  readonly source?: ShortlogSource;

  constructor(@Inject(HYDRATOR_CONFIG) config: HydratorConfig) {
    if (config.gitMirrorDir) this.source = new GitMirrorShortlogSource(config.gitMirrorDir);
    else if (config.github) this.source = new GitHubShortlogSource(config.github.apiUrl, config.github.token);
  }

  /**
   * A rev an operator typed (set rev, emergency), as the full sha Jenkins will be given: a sha, tag or
   * branch resolved in the repo when GitHub or a mirror is configured; without one, only a sha can be
   * taken on trust (a tag could not be pinned, and a report of its build would carry a sha anyway).
   * Throws BAD_USER_INPUT on field `gitRev`.
   */
  async checkRev(repo: string, gitRev: string): Promise<string> {
    const rev = gitRev.trim();
    if (!OPERATOR_REV.test(rev) || rev.split('/').some((part) => part === '..' || part === '.')) {
      throw HydratorError.badInput('gitRev', `"${gitRev}" is not a git rev (a sha, tag or branch name)`);
    }
    if (!this.source) {
      if (!isGitSha(rev)) throw HydratorError.badInput('gitRev', `"${rev}" is not a git sha (7 to 40 hex digits): without GitHub or a git mirror configured, tags and branches cannot be resolved`);
      return rev.toLowerCase();
    }
    const sha = await this.source.resolveRev(repo, rev);
    if (!sha) throw HydratorError.badInput('gitRev', `${rev} does not exist in ${repo} (checked with ${this.source.name})`);
    return sha;
  }

  async between(repo: string, base: string | null, head: string): Promise<Shortlog> {
    if (!base) return { entries: [], totalCommits: 0, error: 'first deployment to this target: no previous rev to compare with' };
    if (base === head) return { entries: [], totalCommits: 0 };
    if (!this.source) return { entries: [], totalCommits: 0, error: 'no GitHub (GITHUB_API_URL/GITHUB_TOKEN) or git mirror (GIT_MIRROR_DIR) configured' };
    try {
      const { commits, totalCommits } = await this.source.commitsBetween(repo, base, head);
      if (commits.length < totalCommits) this.logger.warn(`${repo} has ${totalCommits} commits between ${short(base)} and ${short(head)}: the shortlog lists ${commits.length}`);
      return { entries: groupShortlog(commits), totalCommits };
    } catch (error) {
      const reason = `${this.source.name} could not compare ${short(base)}...${short(head)} in ${repo}: ${(error as Error).message}`;
      this.logger.warn(reason);
      return { entries: [], totalCommits: 0, error: reason };
    }
  }
}

export function short(rev: string): string {
  return /^[0-9a-f]{12,}$/i.test(rev) ? rev.slice(0, 10) : rev;
}
