import { json, NextFunction, Request, Response } from 'express';
import { ErrorCode, HydratorError } from '@hydrator/common';

/** Bodies above this are refused with 413 before anything reads them. */
export const MAX_JSON_BODY = '1mb';

/**
 * Express' JSON parser, with its failures turned into domain errors that name the problem: malformed
 * JSON is a 400 saying where it breaks, an oversized body a 413 giving the limit (after inflating: a
 * well-formed gzip, deflate or br body is read like any other), a body not encoded as it claims a 400.
 */
export function jsonBody() {
  const parse = json({ limit: MAX_JSON_BODY });
  return (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : asDomainError(error, (req.headers['content-encoding'] ?? 'identity').slice(0, 40))));
  };
}

function asDomainError(error: unknown, contentEncoding: string): unknown {
  const { type, status } = error as { type?: string; status?: number };
  if (type === 'entity.too.large') return new HydratorError(ErrorCode.PAYLOAD_TOO_LARGE, `the request body is larger than the ${MAX_JSON_BODY} limit`);
  if (type === 'entity.parse.failed') return HydratorError.badInput('body', `the request body is not valid JSON: ${(error as Error).message}`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new HydratorError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, (error as Error).message);
  }
  // Any other refusal of the request by the parser is the client's: a `content-encoding: gzip` body that
  // is not gzip (zlib's error, without a type), an aborted upload, a wrong content-length.
  if (status !== undefined && status >= 400 && status < 500) {
    return HydratorError.badInput('body', `the request body could not be read (content-encoding ${contentEncoding}): ${(error as Error).message}`);
  }
  return error;
}
