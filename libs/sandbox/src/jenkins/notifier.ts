import { BuildRecord, snapshot } from './build-queue';
import { buildUrl } from './jenkins-json';
import { jobName, jobUrlPath } from './job-path';
import { Timeline, TimelineEvent } from './timeline';
import { BuildSnapshot, JenkinsSandboxOptions, WebhookFault, WebhookPhase } from './types';

/**
 * The JSON the Jenkins Notification Plugin posts (`JobState` serialised by Gson with
 * lower_case_with_underscores names; null fields are left out, as Gson does).
 */
export interface NotificationPayload {
  name: string;
  display_name: string;
  url: string;
  build: {
    full_url: string;
    number: number;
    queue_id: number;
    timestamp: number;
    duration: number;
    phase: WebhookPhase;
    status?: string;
    url: string;
    display_name: string;
    scm: { url?: string; branch?: string; commit?: string; changes: string[]; culprits: string[] };
    parameters: Record<string, string>;
    log: string;
    artifacts: Record<string, never>;
  };
}

/** What the timeline says about one webhook, before its outcome is known. */
type WebhookEvent = Omit<TimelineEvent, 'at' | 'date' | 'kind'>;

/** Webhook delivery should never hang a test run: a receiver that does not answer is given up on. */
const DELIVERY_TIMEOUT_MS = 5000;

/**
 * Sends Notification Plugin webhooks for build phases, with the faults tests need (lost, duplicated,
 * late). Failures are recorded in the timeline and never thrown: Jenkins logs them and goes on.
 */
export class Notifier {
  url: string | undefined;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly random: () => number;

  constructor(
    private readonly options: JenkinsSandboxOptions,
    private readonly timeline: Timeline,
    private readonly rootUrl: () => string,
  ) {
    this.url = options.webhookUrl;
    this.random = options.random ?? Math.random;
  }

  started(build: BuildRecord): void {
    this.notify(build, 'STARTED');
  }

  finished(build: BuildRecord): void {
    this.notify(build, 'COMPLETED');
    if (this.options.sendFinalized) this.notify(build, 'FINALIZED');
  }

  /** Cancels webhooks still waiting for their delay and aborts those on the wire. */
  stop(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  private notify(build: BuildRecord, phase: WebhookPhase): void {
    const url = this.url;
    if (!url) return;
    const view = snapshot(build);
    const event: WebhookEvent = { jobPath: build.jobPath, buildNumber: build.number, queueId: build.queueId, phase };
    if (this.decide(this.options.webhookLoss, view, phase)) {
      this.timeline.record({ kind: 'webhook-dropped', ...event });
      return;
    }
    // The payload is built now, so a delayed webhook still describes the build as it was at this phase.
    const body = JSON.stringify(this.payload(build, phase));
    const copies = this.decide(this.options.webhookDuplicates, view, phase) ? 2 : 1;
    const delay = this.delayFor(view, phase);
    for (let copy = 0; copy < copies; copy++) {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        void this.deliver(url, body, event);
      }, delay);
      this.pending.add(timer);
    }
  }

  private payload(build: BuildRecord, phase: WebhookPhase): NotificationPayload {
    const startedAt = build.startedAt?.getTime() ?? Date.now();
    const duration = build.finishedAt ? build.finishedAt.getTime() - startedAt : 0;
    const root = this.rootUrl();
    const relativeUrl = `${jobUrlPath(build.jobPath)}${build.number}/`;
    const commit = build.params.GIT_REV;
    return {
      name: jobName(build.jobPath),
      display_name: jobName(build.jobPath),
      url: jobUrlPath(build.jobPath),
      build: {
        full_url: buildUrl(root, build),
        number: build.number ?? 0,
        queue_id: build.queueId,
        timestamp: this.timestampFor(phase, startedAt, duration),
        duration,
        phase,
        ...(phase !== 'STARTED' && build.result ? { status: build.result } : {}),
        url: relativeUrl,
        display_name: `#${build.number}`,
        scm: {
          ...(commit ? { commit } : {}),
          branch: build.params.GIT_BRANCH ?? build.params.BRANCH ?? 'origin/main',
          changes: [],
          culprits: [],
        },
        parameters: { ...build.params },
        log: '',
        artifacts: {},
      },
    };
  }

  /**
   * The moment the plugin stamps each phase with (JobListener): the run's start on STARTED, start +
   * duration (the finish) on COMPLETED, the sending time on FINALIZED. Hydrator reads them so (docs/jenkins-webhook.md).
   */
  private timestampFor(phase: WebhookPhase, startedAt: number, duration: number): number {
    if (phase === 'STARTED') return startedAt;
    return phase === 'COMPLETED' ? startedAt + duration : Date.now();
  }

  private decide(fault: WebhookFault | undefined, build: BuildSnapshot, phase: WebhookPhase): boolean {
    if (fault === undefined) return false;
    return typeof fault === 'number' ? this.random() < fault : fault(build, phase);
  }

  private delayFor(build: BuildSnapshot, phase: WebhookPhase): number {
    const delay = this.options.webhookDelayMs;
    return typeof delay === 'function' ? delay(build, phase) : (delay ?? 0);
  }

  private async deliver(url: string, body: string, event: WebhookEvent): Promise<void> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: controller.signal,
      });
      await response.arrayBuffer();
      const kind = response.ok ? 'webhook-sent' : 'webhook-failed';
      this.timeline.record({ kind, ...event, status: response.status });
    } catch (error) {
      this.timeline.record({ kind: 'webhook-failed', ...event, detail: (error as Error).message });
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}
