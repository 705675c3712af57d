import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { describeError, HydratorError, httpStatusOf } from '@hydrator/common';

const logger = new Logger('GraphQL');

/**
 * The one place domain errors become GraphQL errors: a HydratorError keeps its message and gets its
 * code (and the field at fault) in `extensions`; GraphQL's own validation errors pass through; anything
 * else is a bug, logged here (capped: an error may carry a whole request) and shown without internals.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const domain = original instanceof HydratorError ? original : original instanceof GraphQLError && original.originalError instanceof HydratorError ? original.originalError : undefined;
  if (domain) {
    return {
      message: domain.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: domain.code, ...(domain.field ? { field: domain.field } : {}) },
    };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { code } };
  // Apollo refuses some requests itself with a 4xx and no code: the client's mistake, said as such.
  if (isClientError(original)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  // graphql-js refusing the request itself (it stops after 50 bad variables with "Too many errors
  // processing variables"): no resolver ran and nothing failed inside Hydrator, so it is the input's fault.
  if (original instanceof GraphQLError && !original.originalError && !formatted.path) return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  logger.error(describeError(original));
  return { message: 'internal error: the gateway logged the details', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * A domain error as Apollo answers it outside any resolver (the context function, a plugin): with
 * the HTTP status of its code, which Apollo takes from `extensions.http`.
 */
export function graphqlErrorOf(error: HydratorError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: httpStatusOf(error.code) } } });
}

function isClientError(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

/** Formatted subscription results, by result: one is shared by every subscriber of the same operation (see SharedExecution). */
const formattedResults = new WeakMap<ExecutionResult, FormattedExecutionResult>();

/**
 * graphql-ws `onNext`: subscription results bypass Apollo, so their errors get the same mapping here
 * (a subscription refused with NOT_FOUND says so in `extensions.code`, as a query would). Once per
 * result, not per subscriber it goes to: a failing field is logged once, not once per subscriber.
 */
export function formatSubscriptionResult(result: ExecutionResult): FormattedExecutionResult | undefined {
  if (!result.errors?.length) return undefined;
  let formatted = formattedResults.get(result);
  if (!formatted) formattedResults.set(result, (formatted = { ...result, errors: result.errors.map((error) => formatGraphqlError(error.toJSON(), error)) }));
  return formatted;
}
