import { LogLevel, WebClient } from '@slack/web-api';
import { SlackConfig } from '@hydrator/config';

/**
 * The Web API client Hydrator talks to Slack with (the bot token, `SLACK_API_URL`): it never retries (the
 * outbox does, visibly and durably; an interaction cannot wait) and surfaces a 429 as an error carrying
 * `retryAfter`. `timeoutMs` bounds each call.
 */
export function slackWebClient(slack: SlackConfig, timeoutMs: number): WebClient {
  return new WebClient(slack.token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR,
  });
}
