import { BuildRecord, JobRecord } from './build-queue';
import { jobName, jobUrlPath } from './job-path';

/**
 * The `/api/json` shapes of Jenkins' queue items, builds and jobs, modelled on a freestyle job
 * inside folders. Fields Hydrator does not read are kept where they help clients written
 * against a real Jenkins (`_class`, `fullDisplayName`, an action list that is not only parameters).
 */

/** Jenkins lists only this many entries under `builds` (older ones are only in `allBuilds`). */
const BUILDS_LISTED = 100;

type Json = Record<string, unknown>;

/** `deploy/api` → `deploy » api`, Jenkins' full display name. */
function fullDisplayName(jobPath: string): string {
  return jobPath.split('/').join(' » ');
}

export function buildUrl(root: string, build: BuildRecord): string {
  return `${root}/${jobUrlPath(build.jobPath)}${build.number}/`;
}

/**
 * A build's actions. Parameters come first as in real Jenkins, but a cause and an empty action follow,
 * so a client that takes `actions[0]` blindly instead of looking for the parameters fails against the
 * sandbox as it would in production.
 */
function actions(build: BuildRecord): Json[] {
  return [
    {
      _class: 'hudson.model.ParametersAction',
      parameters: Object.entries(build.params).map(([name, value]) => ({
        _class: 'hudson.model.StringParameterValue',
        name,
        value,
      })),
    },
    {
      _class: 'hudson.model.CauseAction',
      causes: [
        build.triggeredBy
          ? { _class: 'hudson.model.Cause$UserIdCause', shortDescription: `Started by user ${build.triggeredBy}`, userId: build.triggeredBy }
          : { _class: 'hudson.model.Cause$RemoteCause', shortDescription: 'Started by remote host 127.0.0.1' },
      ],
    },
    {},
  ];
}

export function queueItemJson(root: string, build: BuildRecord): Json {
  const waiting = build.state === 'queued';
  return {
    _class: waiting ? 'hudson.model.Queue$WaitingItem' : 'hudson.model.Queue$LeftItem',
    actions: actions(build),
    blocked: false,
    buildable: false,
    id: build.queueId,
    inQueueSince: build.queuedAt.getTime(),
    params: Object.entries(build.params)
      .map(([name, value]) => `\n${name}=${value}`)
      .join(''),
    stuck: false,
    task: { _class: 'hudson.model.FreeStyleProject', name: jobName(build.jobPath), url: `${root}/${jobUrlPath(build.jobPath)}` },
    url: `queue/item/${build.queueId}/`,
    why: waiting ? 'In the quiet period.' : null,
    cancelled: false,
    executable: waiting ? null : { _class: 'hudson.model.FreeStyleBuild', number: build.number, url: buildUrl(root, build) },
  };
}

export function buildJson(root: string, build: BuildRecord): Json {
  const building = build.state !== 'finished';
  const startedAt = build.startedAt?.getTime() ?? 0;
  return {
    _class: 'hudson.model.FreeStyleBuild',
    actions: actions(build),
    building,
    description: null,
    displayName: `#${build.number}`,
    // Jenkins reports 0 while a build runs and the real duration once it is done.
    duration: build.finishedAt ? build.finishedAt.getTime() - startedAt : 0,
    estimatedDuration: build.plan.durationMs,
    fullDisplayName: `${fullDisplayName(build.jobPath)} #${build.number}`,
    id: String(build.number),
    inProgress: building,
    keepLog: false,
    number: build.number,
    queueId: build.queueId,
    result: build.result ?? null,
    timestamp: startedAt,
    url: buildUrl(root, build),
    builtOn: '',
    changeSet: { _class: 'hudson.scm.EmptyChangeLogSet', items: [], kind: null },
    culprits: [],
  };
}

function buildRef(root: string, build: BuildRecord | undefined): Json | null {
  return build ? { _class: 'hudson.model.FreeStyleBuild', number: build.number, url: buildUrl(root, build) } : null;
}

export function jobJson(root: string, job: JobRecord): Json {
  const started = job.builds.filter((build) => build.number !== undefined).sort((a, b) => b.number! - a.number!);
  const completed = started.filter((build) => build.state === 'finished');
  const queued = job.builds.find((build) => build.state === 'queued');
  return {
    _class: 'hudson.model.FreeStyleProject',
    name: jobName(job.path),
    fullName: job.path,
    displayName: jobName(job.path),
    fullDisplayName: fullDisplayName(job.path),
    url: `${root}/${jobUrlPath(job.path)}`,
    buildable: true,
    builds: started.slice(0, BUILDS_LISTED).map((build) => buildJson(root, build)),
    color: 'blue',
    firstBuild: buildRef(root, started[started.length - 1]),
    inQueue: queued !== undefined,
    lastBuild: buildRef(root, started[0]),
    lastCompletedBuild: buildRef(root, completed[0]),
    lastSuccessfulBuild: buildRef(
      root,
      completed.find((build) => build.result === 'SUCCESS'),
    ),
    lastFailedBuild: buildRef(
      root,
      completed.find((build) => build.result === 'FAILURE'),
    ),
    nextBuildNumber: job.nextBuildNumber,
    queueItem: queued ? { _class: 'hudson.model.Queue$WaitingItem', id: queued.queueId, url: `queue/item/${queued.queueId}/` } : null,
    property: job.definition.parameters
      ? [
          {
            _class: 'hudson.model.ParametersDefinitionProperty',
            parameterDefinitions: job.definition.parameters.map(({ name, defaultValue }) => ({
              _class: 'hudson.model.StringParameterDefinition',
              name,
              type: 'StringParameterDefinition',
              defaultParameterValue: { _class: 'hudson.model.StringParameterValue', name, value: defaultValue ?? '' },
            })),
          },
        ]
      : [],
  };
}

/** A folder: Jenkins lists the items directly inside it. */
export function folderJson(root: string, folderPath: string, children: string[]): Json {
  return {
    _class: 'com.cloudbees.hudson.plugins.folder.Folder',
    name: jobName(folderPath),
    fullName: folderPath,
    url: `${root}/${jobUrlPath(folderPath)}`,
    jobs: children.map((child) => ({ name: jobName(child), url: `${root}/${jobUrlPath(child)}` })),
  };
}

/** `GET /queue/api/json`: the items still waiting. */
export function queueJson(root: string, waiting: BuildRecord[]): Json {
  return { _class: 'hudson.model.Queue', discoverableItems: [], items: waiting.map((build) => queueItemJson(root, build)) };
}
