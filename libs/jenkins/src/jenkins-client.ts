import type { JenkinsConfig } from '@hydrator/config';
import { JenkinsError, JenkinsErrorCode } from './jenkins-error';
import { JenkinsBuildResult, Json, JsonReader, TREE } from './jenkins-json';
import { Call, JenkinsHttp } from './jenkins-http';
import { isJobUrl, jobPathToUrlPath, onRoot } from './job-path';

/** What a trigger left in Jenkins: the queue item that becomes the build. */
export interface JenkinsTrigger {
  /** `<root>/queue/item/<id>/`: follow it with {@link JenkinsClient.queueItem}. */
  queueUrl: string;
  /** True when Jenkins merged the request into an identical waiting item (303) instead of queuing a new one (201). */
  merged: boolean;
}

/** Where a queue item is: still waiting, started as a build, or cancelled before it started. */
export interface JenkinsQueueItem {
  state: 'waiting' | 'started' | 'cancelled';
  /** Set once started. */
  build?: { number: number; url: string };
  /** Jenkins' reason for the wait ("In the quiet period.", "Waiting for next available executor"). */
  why?: string;
}

/** A build as `/api/json` shows it. */
export interface JenkinsBuild {
  /** Only `building: false` is final: a pipeline may set `result` while it still runs. */
  building: boolean;
  result: JenkinsBuildResult | null;
  number: number;
  url: string;
  startedAt?: Date;
  /** Set once the build has finished (Jenkins reports 0 while it runs). */
  durationMs?: number;
}

/** A build or queue item found by {@link JenkinsClient.findByParameter}. */
export type JenkinsRun = { kind: 'build'; number: number; url: string; building: boolean; result: JenkinsBuildResult | null } | { kind: 'queued'; queueUrl: string };

export interface JenkinsClientOptions {
  /** How long one request (answer and body) may take; default 10 s. */
  timeoutMs?: number;
}

/** How long one request to Jenkins may take unless the client is given another timeout. */
export const JENKINS_TIMEOUT_MS = 10_000;

/**
 * Jenkins' remote access API over plain HTTP: trigger a parameterized job, follow its queue item to
 * the build, read the build's result, and find a build or queue item by one of its parameters.
 *
 * Authenticates with HTTP Basic (user + API token). Fetches a CSRF crumb only when Jenkins asks for
 * one (Jenkins ≥ 2.96 exempts API-token requests, but an instance may still be set up to ask) and keeps
 * it until Jenkins refuses it. Never retries on its own, except once with a fresh crumb: failures are
 * {@link JenkinsError}s whose `retryable` tells the caller whether to try again later.
 */
export class JenkinsClient {
  private readonly http: JenkinsHttp;
  private readonly root: string;

  constructor(config: JenkinsConfig, options: JenkinsClientOptions = {}) {
    this.http = new JenkinsHttp(config, options.timeoutMs ?? JENKINS_TIMEOUT_MS);
    this.root = this.http.root;
  }

  /**
   * Queues a build of `jobPath` with `parameters` (form-encoded, so they stay out of access logs).
   * A retryable failure does not prove nothing was queued: look for the build with
   * {@link findByParameter} before triggering again.
   */
  async trigger(jobPath: string, parameters: Record<string, string>): Promise<JenkinsTrigger> {
    const call = this.jobCall(jobPath, 'buildWithParameters', `triggering job ${jobPath}`);
    const answer = await this.http.post({ ...call, body: new URLSearchParams(parameters) });
    if (answer.status !== 201 && (answer.status < 300 || answer.status > 399)) throw this.http.refusal(answer, call);
    const location = answer.headers.get('location');
    const queueUrl = location ? onRoot(this.root, location, '/queue/item/') : undefined;
    if (!queueUrl || !/\/queue\/item\/\d+\/$/.test(queueUrl)) {
      throw new JenkinsError(
        JenkinsErrorCode.UNEXPECTED_ANSWER,
        `Jenkins answered ${answer.status} to ${call.doing} without naming a queue item (Location: ${location ?? 'none'}): ` +
          'check JENKINS_URL (a proxy redirecting?), then look for the build by its parameters before triggering again',
        answer.status,
      );
    }
    return { queueUrl, merged: answer.status !== 201 };
  }

  /**
   * Where the queue item at `queueUrl` is. Jenkins forgets a queue item about five minutes after it
   * leaves the queue (and at restart): then this fails with NOT_FOUND and the build is found by its parameters.
   */
  async queueItem(queueUrl: string): Promise<JenkinsQueueItem> {
    const url = this.toRoot(queueUrl, '/queue/item/', 'queue item');
    const { json: item, read } = await this.apiJson(
      { url, subject: `queue item ${url}` },
      TREE.queueItem,
      'is unknown to Jenkins (404): Jenkins forgets queue items minutes after they start and at restart; find the build by its parameters instead',
    );
    const why = typeof item.why === 'string' ? item.why : undefined;
    if (item.executable !== undefined && item.executable !== null) {
      const executable = read.object(item.executable, 'executable');
      return { state: 'started', build: { number: read.number(executable, 'number'), url: this.toRoot(read.string(executable, 'url'), '/job/', 'build') } };
    }
    // A left item may briefly have neither an executable nor `cancelled`: it is about to start.
    return item.cancelled === true ? { state: 'cancelled', why } : { state: 'waiting', why };
  }

  /** The build at `buildUrl` (as returned by {@link queueItem} or {@link findByParameter}). */
  async build(buildUrl: string): Promise<JenkinsBuild> {
    const url = this.toRoot(buildUrl, '/job/', 'build');
    const { json: build, read } = await this.apiJson({ url, subject: `build ${url}` }, TREE.build, "does not exist (404): the job's build discarder may have deleted it, or the job was renamed");
    const building = read.boolean(build, 'building');
    const timestamp = typeof build.timestamp === 'number' && build.timestamp > 0 ? build.timestamp : undefined;
    return {
      building,
      result: read.result(build),
      number: read.number(build, 'number'),
      url: this.toRoot(read.string(build, 'url'), '/job/', 'build'),
      startedAt: timestamp === undefined ? undefined : new Date(timestamp),
      durationMs: building || typeof build.duration !== 'number' ? undefined : build.duration,
    };
  }

  /**
   * The newest queue item or build of `jobPath` whose parameter `name` is `value`, or undefined: how the
   * runner learns whether a deployment was already triggered. The queue is read before the builds, so an
   * item that starts in between is still seen. Jenkins lists only the newest 100 builds of a job, and
   * keeps only parameters the job defines: a job that does not define `name` never matches.
   */
  async findByParameter(jobPath: string, name: string, value: string): Promise<JenkinsRun | undefined> {
    const { json: queue, read: queueRead } = await this.apiJson({ url: `${this.root}/queue/`, subject: 'the build queue' }, TREE.queue);
    // Pipelines' `node` steps wait in the queue too, as tasks without a job URL: they are skipped.
    const queued = queueRead
      .array(queue.items, 'items')
      .filter((item) => {
        const taskUrl = (item.task as Json | null | undefined)?.url;
        return typeof taskUrl === 'string' && isJobUrl(taskUrl, jobPath);
      })
      .filter((item) => queueRead.parameter(item, name) === value)
      .map((item) => queueRead.number(item, 'id'))
      .sort((a, b) => b - a);
    if (queued.length) return { kind: 'queued', queueUrl: `${this.root}/queue/item/${queued[0]}/` };

    let listing: Awaited<ReturnType<typeof this.apiJson>>;
    try {
      listing = await this.apiJson(this.jobCall(jobPath, '', `listing the builds of job ${jobPath}`), TREE.jobBuilds);
    } catch (error) {
      // A job that does not exist has no build of this attempt; triggering it then says clearly that it is missing.
      if (error instanceof JenkinsError && error.code === JenkinsErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
    const { json: job, read } = listing;
    return read
      .array(job.builds, 'builds')
      .filter((build) => read.parameter(build, name) === value)
      .map((build) => ({
        kind: 'build' as const,
        number: read.number(build, 'number'),
        url: this.toRoot(read.string(build, 'url'), '/job/', 'build'),
        building: read.boolean(build, 'building'),
        result: read.result(build),
      }))
      .sort((a, b) => b.number - a.number)[0];
  }

  /**
   * GETs `<url>api/json` with a `tree` of the fields read; returns the JSON and a reader whose errors
   * name the subject. `notFound` finishes the 404 message that starts with the subject.
   */
  private async apiJson(on: Pick<Call, 'url' | 'subject'> & Partial<Call>, tree: string, notFound?: string): Promise<{ json: Json; read: JsonReader }> {
    const read = new JsonReader(`Jenkins (${on.subject})`);
    const text = await this.http.getText({
      doing: `reading ${on.subject}`,
      notFound: notFound && `${on.subject} ${notFound}`,
      ...on,
      url: `${on.url}api/json?tree=${encodeURIComponent(tree)}`,
    });
    return { json: read.parse(text), read };
  }

  /** A request to `<job URL><action>`, whose 404 says the job does not exist. */
  private jobCall(jobPath: string, action: string, doing: string): Call {
    const subject = `job ${jobPath}`;
    const visible = this.http.user ? ` and that user ${this.http.user} may see it` : '';
    return {
      url: `${this.root}${jobPathToUrlPath(jobPath)}${action}`,
      doing,
      subject,
      notFound: `${subject} does not exist on ${this.root} (404): check the application's jenkinsJob${visible}`,
    };
  }

  /** A Jenkins URL moved onto the configured root (see `onRoot`); anything else is refused, so credentials never leave it. */
  private toRoot(url: string, marker: '/job/' | '/queue/item/', what: string): string {
    const moved = onRoot(this.root, url, marker);
    if (!moved) throw new JenkinsError(JenkinsErrorCode.INVALID_INPUT, `"${url}" is not a Jenkins ${what} URL (no "${marker}" in it)`);
    return moved;
  }
}
