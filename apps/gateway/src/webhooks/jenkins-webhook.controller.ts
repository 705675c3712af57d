import { Body, Controller, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ErrorCode, HydratorError } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { HydratorMetrics } from '@hydrator/metrics';
import { JenkinsWebhookInbox } from '@hydrator/registry';
import { matchesSecret, secretDigests } from '../auth/token-authority';

/**
 * `POST /webhooks/jenkins`, the Jenkins Notification Plugin's endpoint. The secret comes as `?token=`
 * (the plugin can only be given a URL) or as a bearer token. 202 means the report is stored in
 * PostgreSQL; the registry records it from the `jenkins-reports` queue.
 */
@Controller('webhooks')
export class JenkinsWebhookController {
  /** The configured secrets' digests, hashed once here rather than on every webhook. */
  private readonly secrets: Buffer[];

  constructor(
    private readonly inbox: JenkinsWebhookInbox,
    @Inject(HYDRATOR_CONFIG) config: HydratorConfig,
    private readonly metrics: HydratorMetrics,
  ) {
    this.secrets = secretDigests(config.jenkinsWebhookSecrets);
  }

  @Post('jenkins')
  @HttpCode(202)
  async receive(
    @Query('token') queryToken: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<{ accepted: true; duplicate: boolean; id: string }> {
    try {
      const answer = await this.accept(queryToken, authorization, contentType, body);
      this.metrics.webhooks.inc({ outcome: answer.duplicate ? 'duplicate' : 'accepted' });
      return answer;
    } catch (error) {
      // Refused by the rules above (secret, media type, payload); a body the JSON parser refused never gets here.
      if (error instanceof HydratorError) this.metrics.webhooks.inc({ outcome: 'refused', reason: error.code.toLowerCase() });
      throw error;
    }
  }

  private async accept(queryToken: unknown, authorization: string | undefined, contentType: string | undefined, body: unknown): Promise<{ accepted: true; duplicate: boolean; id: string }> {
    this.authenticate(queryToken === undefined ? /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1] : queryToken);
    if (!contentType?.toLowerCase().includes('application/json')) {
      throw new HydratorError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be application/json (got ${contentType ?? 'none'})`);
    }
    const { webhookId, duplicate } = await this.inbox.accept(body);
    return { accepted: true, duplicate, id: webhookId };
  }

  private authenticate(given: unknown): void {
    if (this.secrets.length === 0) {
      throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'JENKINS_WEBHOOK_SECRET is not configured on this Hydrator, so every webhook is refused');
    }
    // `?token=a&token=b` arrives as an array: no secret is two values, so it is refused like a wrong one.
    if (given !== undefined && typeof given !== 'string') {
      throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'the webhook secret must be given once, as ?token=<JENKINS_WEBHOOK_SECRET>');
    }
    // Every configured secret is compared (several during a rotation), so timing tells nothing.
    if (!given || !matchesSecret(given, this.secrets)) {
      throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'missing or wrong webhook secret: append ?token=<JENKINS_WEBHOOK_SECRET> to the webhook URL');
    }
  }
}
