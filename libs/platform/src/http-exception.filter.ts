import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorCode, HydratorError, httpStatusOf } from '@hydrator/common';

/** Errors raised by Express' body parser carry their status and a type such as `entity.too.large`. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

/**
 * The one place errors become HTTP answers: `{ error: CODE, message, field? }` with the status of the
 * code. Body-parser failures become 400 (malformed JSON, naming the problem) and 413 (over 1 MiB);
 * anything unexpected is logged and answered 500 without internals. GraphQL errors are left to Apollo.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HydratorError) {
      return response.status(httpStatusOf(exception.code)).json({ error: exception.code, message: exception.message, ...(exception.field ? { field: exception.field } : {}) });
    }
    if (isBodyParserError(exception)) {
      const tooLarge = exception.type === 'entity.too.large';
      return response.status(tooLarge ? 413 : exception.status).json({
        error: tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_USER_INPUT,
        message: tooLarge ? 'the request body is larger than the 1 MiB limit' : `the request body is not valid JSON: ${exception.message}`,
      });
    }
    if (exception instanceof HttpException) {
      return response.status(exception.getStatus()).json({ error: exception.name, message: exception.message });
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return response.status(500).json({ error: 'INTERNAL', message: 'internal error: the service logged the details' });
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return typeof candidate?.type === 'string' && typeof candidate.status === 'number' && candidate.status >= 400 && candidate.status < 500;
}
