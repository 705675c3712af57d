import { changedCounts, Counts, graphqlErrors, holds, readAnswer, serverFault, shorten, Answer } from './edge-invariants';
import { OperationField } from './graphql-schema';
import { GraphqlRequest, Invocation, Token, toGraphqlRequest } from './graphql-requests';
import { abbreviate } from './printable';

/** The tables a mutation may write: a refused one must leave every count as it was. */
export const MUTABLE_TABLES = ['application', 'target', 'dependency', 'freeze', 'deployment', 'rollout', 'audit_event'] as const;

export interface GraphqlTarget {
  url: string;
  tokens: Record<Exclude<Token, 'none'>, string>;
  counts(): Promise<Counts>;
}

export async function postGraphql(url: string, request: GraphqlRequest): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(request.authorization ? { authorization: request.authorization } : {}) },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  return readAnswer(response);
}

/**
 * One call, and what must hold of its answer: never a 5xx nor INTERNAL_SERVER_ERROR; no data without
 * a token, no mutation result for a viewer; and a mutation answered with errors and no data (or one
 * sent without the operator token) leaves every table's row count as it was.
 */
export async function checkInvocation(target: GraphqlTarget, field: OperationField, call: Invocation): Promise<void> {
  const request = toGraphqlRequest(field, call, target.tokens);
  const context = `${abbreviate(call)}\n   query: ${shorten(request.query, 400)}`;
  const isMutation = field.operation === 'mutation';
  const before = isMutation ? await target.counts() : undefined;
  const answer = await postGraphql(target.url, request);
  holds(serverFault(answer), context);
  const data = (answer.body as { data?: Record<string, unknown> | null } | null)?.data;
  const result = data?.[field.name];
  const refused = graphqlErrors(answer.body).length > 0 && (result === undefined || result === null);
  const unprivileged = call.token === 'none' || (isMutation && call.token === 'viewer');
  if (unprivileged) holds(result === undefined || result === null ? undefined : `answered ${field.name} with data to a ${call.token} token: ${shorten(answer.body)}`, context);
  if (!before || !(refused || unprivileged)) return;
  const changed = changedCounts(before, await target.counts());
  holds(
    changed &&
      `refused (${answer.status} ${shorten(
        graphqlErrors(answer.body).map((e) => `${e.extensions?.code}: ${e.message}`),
        200,
      )}) yet changed ${changed}`,
    context,
  );
}
