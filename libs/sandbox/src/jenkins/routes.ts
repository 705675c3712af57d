import { SandboxHandler, SandboxHttpServer, SandboxReply, SandboxRequest } from '../http/sandbox-http-server';
import { AccessControl, CRUMB_FIELD } from './access';
import { BuildQueue, BuildRecord, JobRecord } from './build-queue';
import { buildJson, folderJson, jobJson, queueItemJson, queueJson } from './jenkins-json';
import { jobName, jobUrlPath, splitJobRequest } from './job-path';
import { Timeline } from './timeline';
import { BuildParams, JenkinsSandboxOptions } from './types';

/** Sent on every answer, as Jenkins does; some clients read it to tell Jenkins from a proxy. */
const JENKINS_VERSION = '2.479.3';

/** Request fields Jenkins reads as trigger options rather than build parameters. */
const NOT_PARAMETERS = new Set(['token', 'delay', 'cause']);

/** What the routes need from the sandbox. */
export interface RouteContext {
  queue: BuildQueue;
  timeline: Timeline;
  access: AccessControl;
  options: JenkinsSandboxOptions;
  rootUrl(): string;
}

type AuthorizedHandler = (req: SandboxRequest, user: string | undefined) => SandboxReply | Promise<SandboxReply>;

const notFound = (what: string): SandboxReply => ({ status: 404, body: `HTTP ERROR 404 Not Found: ${what}` });

/** Registers Jenkins' remote access API (the part Hydrator uses) on `server`. */
export function registerJenkinsRoutes(server: SandboxHttpServer, ctx: RouteContext): void {
  const guarded =
    (handler: AuthorizedHandler): SandboxHandler =>
    async (req) => {
      const decision = ctx.access.check(req);
      const reply = decision.refusal ?? (await handler(req, decision.user));
      if ((reply.status ?? 200) >= 400) {
        ctx.timeline.record({ kind: 'rejected', status: reply.status, detail: `${req.method} ${req.path}` });
      }
      return { ...reply, headers: { 'X-Jenkins': JENKINS_VERSION, ...reply.headers } };
    };

  server.route(
    'GET',
    '/crumbIssuer/api/json',
    guarded((_req, user) => crumb(ctx, user)),
  );
  server.route(
    'GET',
    '/api/json',
    guarded(() => ({ body: rootJson(ctx) })),
  );
  server.route(
    'GET',
    '/queue/api/json',
    guarded(() => ({ body: queueJson(ctx.rootUrl(), waiting(ctx.queue)) })),
  );
  server.route(
    'GET',
    '/queue/item/:id/api/json',
    guarded((req) => queueItem(ctx, Number(req.params.id))),
  );
  // Clients that follow Jenkins' 303 answer land here; Jenkins would show the item's HTML page.
  server.route(
    'GET',
    '/queue/item/:id',
    guarded((req) => ({ body: `queue item ${req.params.id}` })),
  );
  server.route(
    'POST',
    '/job/*rest',
    guarded((req, user) => trigger(ctx, req, user)),
  );
  server.route(
    'GET',
    '/job/*rest',
    guarded((req) => read(ctx, req)),
  );
}

function crumb(ctx: RouteContext, user: string | undefined): SandboxReply {
  // Jenkins answers 404 here when CSRF protection is off; clients take that as "no crumb needed".
  if (!ctx.options.requireCrumb) return notFound('crumbIssuer');
  return { body: { _class: 'hudson.security.csrf.DefaultCrumbIssuer', crumb: ctx.access.crumbFor(user), crumbRequestField: CRUMB_FIELD } };
}

function trigger(ctx: RouteContext, req: SandboxRequest, user: string | undefined): SandboxReply {
  const { jobPath, rest } = splitJobRequest(req.params.rest);
  const action = rest.join('/');
  if (action !== 'buildWithParameters' && action !== 'build') return notFound(req.path);
  const job = ctx.queue.job(jobPath) ?? (ctx.options.autoCreateJobs === false ? undefined : ctx.queue.addJob(jobPath));
  if (!job) return notFound(`job ${jobPath}`);

  const sent = requestParams(req);
  ctx.timeline.record({ kind: 'triggered', jobPath: job.path, params: sent });
  const { build, created } = ctx.queue.trigger(job, sent, user);
  if (!created) ctx.timeline.record({ kind: 'merged', jobPath: job.path, queueId: build.queueId, params: sent });
  // Jenkins answers 201 for a new queue item and 303 when an identical waiting item absorbed the request.
  return { status: created ? 201 : 303, headers: { Location: `${ctx.rootUrl()}/queue/item/${build.queueId}/` } };
}

/** Parameters from the query string and from a form body, as Jenkins' `StaplerRequest.getParameter` sees them. */
function requestParams(req: SandboxRequest): BuildParams {
  const params: BuildParams = Object.fromEntries(req.query);
  const isForm = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  if (isForm && req.body && typeof req.body === 'object') {
    for (const [name, value] of Object.entries(req.body as Record<string, unknown>)) params[name] = String(value);
  }
  for (const name of NOT_PARAMETERS) delete params[name];
  return params;
}

function queueItem(ctx: RouteContext, queueId: number): SandboxReply {
  const build = ctx.queue.byQueueId(queueId);
  if (!build) return notFound(`queue item ${queueId}`);
  polled(ctx, build, `queue/item/${queueId}`);
  return { body: queueItemJson(ctx.rootUrl(), build) };
}

/** `GET /job/<path>/api/json`, `/job/<path>/<n>/api/json` and `/job/<path>/lastBuild/api/json`. */
function read(ctx: RouteContext, req: SandboxRequest): SandboxReply {
  const { jobPath, rest } = splitJobRequest(req.params.rest);
  if (rest.slice(-2).join('/') !== 'api/json' || rest.length > 3) return notFound(req.path);
  const job = ctx.queue.job(jobPath);
  if (rest.length === 2) {
    if (job) {
      ctx.timeline.record({ kind: 'polled', jobPath: job.path, detail: 'job' });
      return { body: jobJson(ctx.rootUrl(), job) };
    }
    return folder(ctx, jobPath);
  }
  const build = job && findBuild(job, rest[0]);
  if (!build) return notFound(`build ${jobPath} ${rest[0]}`);
  polled(ctx, build, 'build');
  return { body: buildJson(ctx.rootUrl(), build) };
}

function findBuild(job: JobRecord, ref: string): BuildRecord | undefined {
  const started = job.builds.filter((build) => build.number !== undefined);
  if (ref === 'lastBuild') return started.reduce<BuildRecord | undefined>((last, b) => (!last || b.number! > last.number! ? b : last), undefined);
  return started.find((build) => String(build.number) === ref);
}

function folder(ctx: RouteContext, folderPath: string): SandboxReply {
  const children = childrenOf(ctx.queue, folderPath);
  return children.length ? { body: folderJson(ctx.rootUrl(), folderPath, children) } : notFound(`job ${folderPath}`);
}

/** The items directly inside a folder ('' for the root): jobs, or folders implied by deeper job paths. */
function childrenOf(queue: BuildQueue, folderPath: string): string[] {
  const prefix = folderPath ? `${folderPath}/` : '';
  const children = queue
    .allJobs()
    .filter((job) => job.path.startsWith(prefix))
    .map((job) => prefix + job.path.slice(prefix.length).split('/')[0]);
  return [...new Set(children)];
}

function rootJson(ctx: RouteContext): Record<string, unknown> {
  const jobs = childrenOf(ctx.queue, '').map((path) => ({ name: jobName(path), url: `${ctx.rootUrl()}/${jobUrlPath(path)}` }));
  return { _class: 'hudson.model.Hudson', mode: 'NORMAL', nodeName: '', url: `${ctx.rootUrl()}/`, useCrumbs: !!ctx.options.requireCrumb, jobs };
}

function waiting(queue: BuildQueue): BuildRecord[] {
  return queue.all().filter((build) => build.state === 'queued');
}

function polled(ctx: RouteContext, build: BuildRecord, detail: string): void {
  ctx.timeline.record({ kind: 'polled', jobPath: build.jobPath, buildNumber: build.number, queueId: build.queueId, detail });
}
