import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ErrorCode, HydratorError, isUuid, unstorableTextProblem } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Deployment, DeploymentStatus, RolloutStatus } from '@hydrator/database';
import { DeploymentChanges } from '@hydrator/operations';
import { isCancelLinkToken } from '@hydrator/scheduling';

/** What the cancel page shows of a deployment reached through its signed link, and whether the link may cancel it. */
export interface CancelLinkView {
  id: string;
  status: DeploymentStatus;
  version: number;
  gitRev: string;
  previousRev: string | null;
  shortlog: Deployment['shortlog'];
  changedBy: string | null;
  changeReason: string | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  slackPermalink: string | null;
  application: { name: string; githubRepo: string; slackChannel: string };
  target: { cluster: string; environment: string; namespace: string };
  rollout: { id: string; kind: string; weekOf: string | null; status: RolloutStatus };
  /** True while the link may cancel: the deployment SCHEDULED and its rollout not started (PLANNED). */
  cancelable: boolean;
  /** Why it may not, when it may not. */
  notCancelable: string | null;
}

/**
 * The signed cancel links of team messages, for people without a Hydrator token: `GET` shows the
 * deployment, `POST { token, reason }` cancels it, as `link:<id prefix>` in the audit log. The token (see
 * cancel-link.ts) names one deployment and is accepted while that deployment is SCHEDULED and its
 * rollout has not started; GraphQL stays closed to anonymous callers.
 */
@Controller('api/cancel-links')
export class CancelLinksController {
  constructor(
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly em: EntityManager,
    private readonly deployments: DeploymentChanges,
  ) {}

  @Get(':id')
  async show(@Param('id') id: string, @Query('token') token: unknown): Promise<CancelLinkView> {
    this.authenticate(id, token);
    return viewOf(await this.load(id));
  }

  @Post(':id')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Body() body: unknown): Promise<CancelLinkView> {
    const { token, reason } = (typeof body === 'object' && body !== null ? body : {}) as { token?: unknown; reason?: unknown };
    this.authenticate(id, token);
    if (typeof reason !== 'string') throw HydratorError.badInput('reason', 'say why: it goes to the audit log and to the team');
    // PostgreSQL refuses NUL and lone surrogates: a 400 naming the field, not an internal error when the audit event is written.
    const unstorable = unstorableTextProblem(reason);
    if (unstorable) throw HydratorError.badInput('reason', unstorable);
    const canceled = await this.deployments.cancel({ name: `link:${id.slice(0, 8)}` }, id, reason, (d) => {
      const refusal = whyNotCancelable(d);
      if (refusal) throw HydratorError.conflict(refusal);
    });
    return viewOf(canceled);
  }

  /** 401 unless `token` is this deployment's: a link for another deployment, or none, reads and changes nothing. */
  private authenticate(id: string, token: unknown): void {
    if (this.config.cancelLinkSecrets.length === 0) {
      throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'signed cancel links are off on this Hydrator (CANCEL_LINK_SECRET is not configured): sign in with an operator token instead');
    }
    if (!isUuid(id) || !isCancelLinkToken(this.config.cancelLinkSecrets, id, token)) {
      throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'this cancel link is not valid: open the link from the team message as it was sent, or sign in with an operator token');
    }
  }

  private async load(id: string): Promise<Deployment> {
    const deployment = await this.em.fork().findOne(Deployment, { id }, { populate: ['application', 'target', 'rollout'] });
    if (!deployment) throw HydratorError.notFound(`deployment ${id} no longer exists`);
    return deployment;
  }
}

/** The link's rule: only before anything of its rollout ran, and only a deployment still waiting to. */
function whyNotCancelable(d: Deployment): string | undefined {
  if (d.status !== DeploymentStatus.SCHEDULED) return `deployment of ${d.application.name} to ${d.target.cluster} is ${d.status}: a cancel link only cancels a SCHEDULED deployment`;
  if (d.rollout.status !== RolloutStatus.PLANNED) return `this cancel link expired when the rollout started (it is ${d.rollout.status}): ask an SRE to cancel it`;
  return undefined;
}

function viewOf(d: Deployment): CancelLinkView {
  const notCancelable = whyNotCancelable(d) ?? null;
  return {
    id: d.id,
    status: d.status,
    version: d.version,
    gitRev: d.gitRev,
    previousRev: d.previousRev ?? null,
    shortlog: d.shortlog,
    changedBy: d.changedBy ?? null,
    changeReason: d.changeReason ?? null,
    error: d.error ?? null,
    startedAt: d.startedAt?.toISOString() ?? null,
    finishedAt: d.finishedAt?.toISOString() ?? null,
    slackPermalink: d.slackPermalink ?? null,
    application: { name: d.application.name, githubRepo: d.application.githubRepo, slackChannel: d.application.slackChannel },
    target: { cluster: d.target.cluster, environment: d.target.environment, namespace: d.target.namespace },
    rollout: { id: d.rollout.id, kind: d.rollout.kind, weekOf: d.rollout.weekOf ?? null, status: d.rollout.status },
    cancelable: notCancelable === null,
    notCancelable,
  };
}
