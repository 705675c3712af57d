/**
 * Error codes a caller can act on. They are the GraphQL `extensions.code` values of the API
 * and map to HTTP statuses in one place (see `httpStatusOf`).
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** HTTP only: a body too large or of the wrong type. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
}

/** A domain error with a code and a message a person can act on ("dependency would create a cycle: a → b → a"). */
export class HydratorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Which input field is wrong, when one is. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HydratorError';
  }

  static badInput(field: string, message: string): HydratorError {
    return new HydratorError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
  }

  static notFound(message: string): HydratorError {
    return new HydratorError(ErrorCode.NOT_FOUND, message);
  }

  static conflict(message: string, field?: string): HydratorError {
    return new HydratorError(ErrorCode.CONFLICT, message, field);
  }
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}
