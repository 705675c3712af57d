import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { describeError, HydratorError, httpStatusOf } from '@hydrator/common';

/**
 * The one place errors become HTTP answers: `{ error: CODE, message, field? }` with the status of the
 * code (body-parser failures arrive as domain errors, see json-body.middleware); anything unexpected is logged and answered 500 without internals. GraphQL errors are left to Apollo.
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
    if (exception instanceof HttpException) {
      // Terminus answers a failed readiness check with its report as the exception's body: keep it.
      const body = exception.getResponse();
      return response.status(exception.getStatus()).json(isHealthReport(body) ? body : { error: exception.name, message: exception.message });
    }
    this.logger.error(describeError(exception));
    return response.status(500).json({ error: 'INTERNAL', message: 'internal error: the service logged the details' });
  }
}

function isHealthReport(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}
