import type { TypedDocumentString } from '../gql/graphql';

/** A GraphQL error as the gateway sends it: a message a person can act on and a code. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** The token was refused: the caller has to sign in again. */
  get unauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/**
 * POST /graphql with the bearer token: the one way the dashboard reads and acts. The documents are
 * typed (src/gql, generated from schema.graphql), so a result is used as the schema says it is.
 */
export async function graphqlRequest<TResult, TVariables>(token: string, document: TypedDocumentString<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new GraphqlRequestError('The gateway cannot be reached: check that Hydrator is running, then try again.', 'NETWORK');
  }
  const body = (await response.json().catch(() => ({}))) as GraphqlResponse<TResult>;
  const error = body.errors?.[0];
  if (error) throw new GraphqlRequestError(error.message, error.extensions?.code ?? `HTTP_${response.status}`, error.extensions?.field);
  if (!response.ok || !body.data) throw new GraphqlRequestError(`The gateway answered ${response.status} without data.`, `HTTP_${response.status}`);
  return body.data;
}
