import { EntityManager } from '@mikro-orm/postgresql';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { HydratorError, isUuid } from '@hydrator/common';
import { Deployment } from '@hydrator/database';
import { ShortlogService } from '@hydrator/scheduling';
import { ShortlogEntryModel } from '../graphql/models/deployment.model';

/**
 * What setDeploymentRev would record, without recording it: the dashboard shows the new shortlog before
 * an operator saves a rev. The rev is checked and resolved exactly as setDeploymentRev checks it.
 */
@Resolver()
export class ShortlogPreviewResolver {
  constructor(
    private readonly em: EntityManager,
    private readonly shortlogs: ShortlogService,
  ) {}

  @Query(() => [ShortlogEntryModel], {
    description:
      "The shortlog from the deployment's previousRev to `gitRev` (a sha, tag or branch), as setDeploymentRev would record it; no side effect. An unknown rev is BAD_USER_INPUT. Empty for the same rev, a first deployment, or when no GitHub or git mirror could compare them.",
  })
  async shortlogPreview(@Args('deploymentId', { type: () => ID }) deploymentId: string, @Args('gitRev') gitRev: string): Promise<ShortlogEntryModel[]> {
    const deployment = isUuid(deploymentId) ? await this.em.fork().findOne(Deployment, { id: deploymentId }, { populate: ['application'] }) : null;
    if (!deployment) throw HydratorError.notFound(`deployment ${deploymentId} does not exist`);
    const repo = deployment.application.githubRepo;
    const rev = await this.shortlogs.checkRev(repo, gitRev);
    return (await this.shortlogs.between(repo, deployment.previousRev ?? null, rev)).entries;
  }
}
