import { HydratorError } from '@hydrator/common';
import { TargetRole } from '@hydrator/database';
import { jobPathProblem, normaliseJobPath } from '@hydrator/jenkins';

export interface TargetFields {
  cluster: string;
  environment: string;
  namespace: string;
  role: TargetRole;
  order?: number | null;
}

export interface ApplicationFields {
  name: string;
  githubRepo: string;
  slackChannel: string;
  jenkinsJob: string;
  owners?: string[] | null;
  description?: string | null;
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** GitHub's own rules: an owner is 1–39 letters, digits or dashes, not starting with a dash; a repository 1–100 of letters, digits, `_`, `.`, `-`, and never `.` or `..`. */
const GITHUB_REPO = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/;
/** Limits on free text kept with an application: shown on pages and in Slack, never essays. */
export const APPLICATION_LIMITS = { description: 4000, owners: 50, owner: 100 };
const SLACK_CHANNEL = /^(#[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{6,})$/;
const JOB_SEGMENT = /^[^/\s?#]+$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,62})$/;
const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks an application's own fields; each error names the field and the expected form. */
export function checkApplicationFields<T extends Partial<ApplicationFields>>(fields: T): T {
  const checked = { ...fields };
  if (fields.name !== undefined) {
    checked.name = fields.name.trim();
    if (!NAME.test(checked.name)) {
      throw HydratorError.badInput('name', `"${fields.name}" is not a valid name: use lowercase letters, digits and dashes (a slug such as "billing-api"), at most 63 characters`);
    }
  }
  if (fields.githubRepo !== undefined) {
    checked.githubRepo = fields.githubRepo.trim();
    if (!GITHUB_REPO.test(checked.githubRepo)) {
      throw HydratorError.badInput('githubRepo', `"${fields.githubRepo}" is not owner/name, e.g. "acme/billing-api"`);
    }
  }
  if (fields.slackChannel !== undefined) {
    checked.slackChannel = fields.slackChannel.trim();
    if (!SLACK_CHANNEL.test(checked.slackChannel)) {
      throw HydratorError.badInput('slackChannel', `"${fields.slackChannel}" is not a Slack channel: use "#team-channel" or a channel id such as "C0123456789"`);
    }
  }
  if (fields.jenkinsJob !== undefined) {
    checked.jenkinsJob = normaliseJobPath(fields.jenkinsJob) ?? '';
    // The same names the webhook accepts, or this application's reports could never be recorded.
    if (!checked.jenkinsJob || jobPathProblem(checked.jenkinsJob) || !checked.jenkinsJob.split('/').every((segment) => JOB_SEGMENT.test(segment))) {
      throw HydratorError.badInput('jenkinsJob', `"${fields.jenkinsJob}" is not a Jenkins job path: use "folder/job" (or "job/folder/job/job/")`);
    }
  }
  if (fields.owners) {
    if (fields.owners.length > APPLICATION_LIMITS.owners) throw HydratorError.badInput('owners', `${fields.owners.length} owners: at most ${APPLICATION_LIMITS.owners}`);
    fields.owners.forEach((owner, i) => {
      if (owner.length > APPLICATION_LIMITS.owner) throw HydratorError.badInput(`owners[${i}]`, `at most ${APPLICATION_LIMITS.owner} characters`);
    });
    checked.owners = fields.owners.map((owner) => owner.trim()).filter(Boolean);
  }
  if (fields.description && fields.description.length > APPLICATION_LIMITS.description) {
    throw HydratorError.badInput('description', `is ${fields.description.length} characters long, at most ${APPLICATION_LIMITS.description} are allowed`);
  }
  return checked;
}

/** Checks one target; `field` is where it sits in the input (`targets[1]`), for the error message. */
export function checkTarget(target: TargetFields, field: string): TargetFields {
  const cluster = target.cluster.trim();
  const environment = target.environment.trim();
  const namespace = target.namespace.trim();
  if (!LABEL.test(cluster)) throw HydratorError.badInput(`${field}.cluster`, `"${target.cluster}" is not a cluster name (letters, digits, - _ .)`);
  if (!LABEL.test(environment)) throw HydratorError.badInput(`${field}.environment`, `"${target.environment}" is not an environment name (letters, digits, - _ .)`);
  if (!NAMESPACE.test(namespace)) throw HydratorError.badInput(`${field}.namespace`, `"${target.namespace}" is not a Kubernetes namespace (lowercase letters, digits and dashes)`);
  if (target.order !== undefined && target.order !== null && (!Number.isInteger(target.order) || target.order < 0)) {
    throw HydratorError.badInput(`${field}.order`, 'expected a whole number, 0 or more');
  }
  return { ...target, cluster, environment, namespace };
}

/**
 * Checks the targets of a new application: each valid, no two on the same cluster and environment,
 * and at least one of each role (prototype reports choose what production receives).
 * Production targets without an order are deployed in the order given.
 */
export function checkTargets(targets: TargetFields[]): TargetFields[] {
  const checked = targets.map((target, i) => checkTarget(target, `targets[${i}]`));
  const seen = new Map<string, number>();
  checked.forEach((target, i) => {
    const key = `${target.cluster}/${target.environment}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw HydratorError.badInput(`targets[${i}]`, `duplicates targets[${first}]: an application has one target per cluster and environment (${key})`);
    }
    seen.set(key, i);
  });
  for (const role of [TargetRole.PROTOTYPE, TargetRole.PRODUCTION]) {
    if (!checked.some((target) => target.role === role)) {
      throw HydratorError.badInput('targets', `needs at least one ${role} target`);
    }
  }
  let position = 0;
  return checked.map((target) => ({ ...target, order: target.order ?? (target.role === TargetRole.PRODUCTION ? position++ : 0) }));
}
