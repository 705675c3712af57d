import { RecordedRequest, SandboxHttpServer } from '../http/sandbox-http-server';
import { AccessControl } from './access';
import { BuildQueue, BuildRecord, snapshot } from './build-queue';
import { normalizeJobPath } from './job-path';
import { Notifier } from './notifier';
import { registerJenkinsRoutes } from './routes';
import { Timeline, TimelineEvent, waitFor } from './timeline';
import { BuildResult, BuildScript, BuildSnapshot, JenkinsSandboxOptions, JobDefinition } from './types';

/** The build parameter Hydrator tags each trigger with, so it can find its own builds again. */
const DEPLOYMENT_ID_PARAM = 'HYDRATOR_DEPLOYMENT_ID';

/**
 * A stand-in Jenkins speaking the real remote access API over HTTP: `buildWithParameters` (201 +
 * `Location` of a queue item), queue items that turn into numbered builds, `/api/json` of builds and
 * jobs, crumbs and Basic auth, and Notification Plugin webhooks with scriptable faults.
 *
 * Builds are scripted (queue delay, duration, result, or held until `finish()`), and everything asked
 * and done lands in `timeline`, which tests use to check ordering rules.
 */
export class JenkinsSandbox {
  /** Everything the sandbox was asked and did. */
  readonly timeline = new Timeline();
  private readonly server = new SandboxHttpServer('jenkins');
  private readonly queue: BuildQueue;
  private readonly notifier: Notifier;

  constructor(options: JenkinsSandboxOptions = {}) {
    this.notifier = new Notifier(options, this.timeline, () => this.url);
    this.queue = new BuildQueue(options.defaults ?? {}, {
      queued: (build) => this.log('queued', build),
      started: (build) => {
        this.log('started', build);
        this.notifier.started(build);
      },
      finished: (build) => {
        this.log('finished', build);
        this.notifier.finished(build);
      },
    });
    registerJenkinsRoutes(this.server, {
      queue: this.queue,
      timeline: this.timeline,
      access: new AccessControl(options),
      options,
      rootUrl: () => this.url,
    });
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one); returns the Jenkins root URL without a trailing slash. */
  start(port = 0): Promise<string> {
    return this.server.start(port);
  }

  /** The Jenkins root URL; throws when not started. */
  get url(): string {
    return this.server.url;
  }

  /** Stops the server, every build timer and every pending webhook. */
  async stop(): Promise<void> {
    this.queue.stopTimers();
    this.notifier.stop();
    await this.server.stop();
  }

  /** Where Notification Plugin webhooks go; undefined sends none. */
  get webhookUrl(): string | undefined {
    return this.notifier.url;
  }

  set webhookUrl(url: string | undefined) {
    this.notifier.url = url;
  }

  /** Every HTTP request as received, for tests that check headers or bodies. */
  get requests(): RecordedRequest[] {
    return this.server.requests;
  }

  /** Registers a job by path (`deploy/api` is `/job/deploy/job/api/`), optionally with parameter definitions and a plan. */
  addJob(path: string, definition: JobDefinition = {}): this {
    this.queue.addJob(path, definition);
    return this;
  }

  /**
   * Continues job `jobPath`'s numbering after build `lastNumber` (registering the job when unknown), as
   * a Jenkins that already ran builds up to it would: its next build takes a higher number, never one
   * of those. A real Jenkins keeps `nextBuildNumber` on disk; the sandbox forgets it with its process,
   * so whoever seeds history for its jobs, or restarts it beside reports it sent before, says where
   * numbering stands. Never lowers the numbering.
   */
  continueNumberingAfter(jobPath: string, lastNumber: number): this {
    this.queue.numberAfter(jobPath, lastNumber);
    return this;
  }

  /** Adds a script deciding how each new build behaves; later scripts win over earlier ones. */
  script(script: BuildScript): this {
    this.queue.addScript(script);
    return this;
  }

  /** Ends a running build (typically one with `hold: true`) with `result`, sending its webhooks. */
  finish(jobPath: string, number: number, result: BuildResult = 'SUCCESS'): void {
    if (!this.queue.finish(jobPath, number, result)) {
      throw new Error(`jenkins sandbox: no running build ${normalizeJobPath(jobPath)} #${number}`);
    }
  }

  /** Builds that have left the queue (running or finished), in the order they started. */
  builds(): BuildSnapshot[] {
    return this.queue
      .all()
      .filter((build) => build.number !== undefined)
      .sort((a, b) => a.startedAtHr! - b.startedAtHr!)
      .map(snapshot);
  }

  /** Queue items still waiting to start. */
  queued(): BuildSnapshot[] {
    return this.queue
      .all()
      .filter((build) => build.state === 'queued')
      .map(snapshot);
  }

  /** The started builds of one job, in the order they started. */
  buildsFor(jobPath: string): BuildSnapshot[] {
    const path = normalizeJobPath(jobPath);
    return this.builds().filter((build) => build.jobPath === path);
  }

  /**
   * How many trigger requests carried this HYDRATOR_DEPLOYMENT_ID, counting those Jenkins merged into
   * a waiting queue item: a second request is a second attempt to deploy, whatever Jenkins made of it.
   */
  triggersFor(deploymentId: string): number {
    return this.timeline.ofKind('triggered').filter((event) => event.params?.[DEPLOYMENT_ID_PARAM] === deploymentId).length;
  }

  /** A copy of the timeline, oldest first. */
  events(): TimelineEvent[] {
    return this.timeline.events();
  }

  /** Polls `probe` until it returns a value (not undefined/false); fails after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000, description?: string): Promise<T> {
    return waitFor(probe, timeoutMs, description);
  }

  /** Waits until build `number` of `jobPath` has finished and returns it. */
  waitForResult(jobPath: string, number: number, timeoutMs = 5000): Promise<BuildSnapshot> {
    return this.waitFor(() => this.buildsFor(jobPath).find((build) => build.number === number && build.state === 'finished'), timeoutMs, `${jobPath} #${number} to finish`);
  }

  /** Forgets builds, scripts, pending webhooks, the request log and the timeline; registered jobs and options stay. */
  reset(): void {
    this.queue.reset();
    this.server.requests.length = 0;
    this.notifier.stop();
    this.timeline.clear();
  }

  private log(kind: 'queued' | 'started' | 'finished', build: BuildRecord): void {
    this.timeline.record({
      kind,
      jobPath: build.jobPath,
      buildNumber: build.number,
      queueId: build.queueId,
      params: { ...build.params },
      result: build.result,
    });
  }
}
