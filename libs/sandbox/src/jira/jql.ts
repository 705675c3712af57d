/**
 * One `field = value`, `field in (a, b)` or `field ~ "text"` condition; values upper-cased, compared without
 * regard to case. `~` (contains) is matched as a substring of the field's text.
 */
export interface JqlClause {
  field: string;
  operator: '=' | '~';
  values: string[];
}

/** A query the sandbox refuses, with Jira's wording; answered as 400 `{errorMessages: [message]}`. */
export class JqlError extends Error {}

/** The fields the sandbox's JQL compares with `=` and `in`, by their JQL names. */
const FIELDS = new Set(['project', 'key', 'issuekey', 'id', 'issuetype', 'labels', 'status']);
/** The text fields it searches with `~`. */
const TEXT_FIELDS = new Set(['summary', 'description', 'comment', 'text']);

/**
 * The subset of JQL Hydrator needs: clauses joined by AND, each `field = value`, `field in (v1, v2)` or
 * `textfield ~ "text"`, values bare or quoted, and an ignored `ORDER BY`. Anything else is refused as Jira refuses what it
 * cannot parse, so a query that works here is one Jira accepts too.
 */
export function parseJql(jql: string): JqlClause[] {
  const query = jql.replace(/\s+order\s+by\s+.*$/is, '').trim();
  if (!query) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  return query.split(/\s+and\s+/i).map(parseClause);
}

const CLAUSE = /^(\w+)\s*(=|~|\s+in\s+)\s*(.+)$/i;
const VALUE = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.-]+))\s*$/;

function parseClause(text: string): JqlClause {
  const match = CLAUSE.exec(text.trim());
  if (!match) throw new JqlError(`Error in the JQL Query: Expecting operator but got '${text.trim()}'.`);
  const [, name, operator, rest] = match;
  const field = name.toLowerCase();
  if (!FIELDS.has(field) && !TEXT_FIELDS.has(field)) throw new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
  const op = operator.trim().toLowerCase();
  if ((op === '~') !== TEXT_FIELDS.has(field)) throw new JqlError(`The operator '${op}' is not supported by the '${name}' field.`);
  const list = op === 'in' ? /^\((.*)\)$/.exec(rest.trim())?.[1].split(',') : [rest];
  if (!list) throw new JqlError(`Error in the JQL Query: Expecting '(' but got '${rest.trim()}'.`);
  return { field, operator: op === '~' ? '~' : '=', values: list.map((item) => parseValue(item).toUpperCase()) };
}

function parseValue(text: string): string {
  const match = VALUE.exec(text);
  if (!match) throw new JqlError(`Error in the JQL Query: Expecting a value but got '${text.trim()}'.`);
  return (match[1] ?? match[2] ?? match[3]).replace(/\\(.)/g, '$1');
}
