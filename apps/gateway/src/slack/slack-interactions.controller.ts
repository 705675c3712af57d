import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ErrorCode, HydratorError } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { InteractionPayload, SlackInteractions, ViewSubmissionAnswer } from './slack-interactions.service';
import { MAX_INTERACTION_BODY, readRawBody, verifySlackSignature } from './slack-signature';

/**
 * `POST /slack/interactions`, the Slack app's Interactivity Request URL. Every request is checked against
 * SLACK_SIGNING_SECRET before its body is parsed; anything else is 401 and does nothing. Slack wants an
 * answer within 3 seconds: a button press is answered once the modal is open (or the clicker told why
 * not), a submission with `clear` or the error to show in the modal.
 */
@Controller('slack')
export class SlackInteractionsController {
  constructor(
    @Inject(HYDRATOR_CONFIG) private readonly config: HydratorConfig,
    private readonly interactions: SlackInteractions,
  ) {}

  @Post('interactions')
  @HttpCode(200)
  async receive(@Req() request: Request, @Headers('x-slack-request-timestamp') timestamp: unknown, @Headers('x-slack-signature') signature: unknown): Promise<ViewSubmissionAnswer | undefined> {
    const signingSecret = this.config.slack?.signingSecret;
    if (!signingSecret) throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'Slack interactivity is off on this Hydrator: SLACK_SIGNING_SECRET is not configured');
    const rawBody = await readRawBody(request, MAX_INTERACTION_BODY);
    verifySlackSignature(signingSecret, timestamp, signature, rawBody);
    const payload = parsePayload(request.headers['content-type'], rawBody);
    if (payload.type === 'block_actions') await this.interactions.blockActions(payload);
    if (payload.type === 'view_submission') return this.interactions.viewSubmission(payload);
    return undefined;
  }
}

/** Slack sends `application/x-www-form-urlencoded` with one field, `payload`, holding the JSON. */
function parsePayload(contentType: string | undefined, rawBody: Buffer): InteractionPayload {
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new HydratorError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Type must be application/x-www-form-urlencoded (got ${(contentType ?? 'none').slice(0, 80)})`);
  }
  const field = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (field === null) throw HydratorError.badInput('payload', 'the form has no payload field');
  let parsed: unknown;
  try {
    parsed = JSON.parse(field);
  } catch {
    throw HydratorError.badInput('payload', 'the payload field is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw HydratorError.badInput('payload', 'the payload is not a JSON object');
  return parsed;
}
