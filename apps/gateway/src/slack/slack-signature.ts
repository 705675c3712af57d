import type { Request } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, HydratorError } from '@hydrator/common';

/** The most an interaction body may weigh: a block_actions payload carries the whole message it came from. */
export const MAX_INTERACTION_BODY = 1024 * 1024;
/** Slack's advice: refuse a request whose timestamp is more than five minutes from now, either way (a replay). */
export const MAX_SIGNATURE_AGE_S = 5 * 60;

/**
 * The raw body of a request, as bytes, read from the stream (no parser has touched a form-encoded body):
 * a signature is computed on exactly these bytes. Above `limit` it is 413 before the rest is read; a
 * compressed body is 415 (Slack never compresses, and a signature covers what was sent).
 */
export async function readRawBody(request: Request, limit: number): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new HydratorError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Encoding ${encoding.slice(0, 40)} is not accepted here: send the body as it was signed`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.unpipe();
      request.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): HydratorError {
  return new HydratorError(ErrorCode.PAYLOAD_TOO_LARGE, `the request body is larger than the ${limit / 1024} KiB limit`);
}

/**
 * Checks a request the way Slack signs it (api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256, keyed with the app's signing secret, of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`, compared in constant time, and the timestamp is at most
 * five minutes away from now. Throws UNAUTHENTICATED (401) naming what is wrong, never the expected value.
 */
export function verifySlackSignature(signingSecret: string, timestampHeader: unknown, signatureHeader: unknown, rawBody: Buffer, nowMs = Date.now()): void {
  if (typeof timestampHeader !== 'string' || !/^\d{1,12}$/.test(timestampHeader)) {
    throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'X-Slack-Request-Timestamp is missing or not a Unix time in seconds');
  }
  if (Math.abs(nowMs / 1000 - Number(timestampHeader)) > MAX_SIGNATURE_AGE_S) {
    throw new HydratorError(ErrorCode.UNAUTHENTICATED, `X-Slack-Request-Timestamp is more than ${MAX_SIGNATURE_AGE_S / 60} minutes from now: a replay, or a clock that is wrong`);
  }
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestampHeader}:`).update(rawBody).digest('hex')}`);
  const given = Buffer.from(typeof signatureHeader === 'string' ? signatureHeader : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HydratorError(ErrorCode.UNAUTHENTICATED, 'X-Slack-Signature does not match this request signed with SLACK_SIGNING_SECRET');
  }
}
