import fc from 'fast-check';
import { textOf } from '@hydrator/common';
import { applicationInput } from '@hydrator/testing';
import { hostileDate, hostileFloat, hostileId, hostileInt, hostileString, wrongType } from './hostile-values';
import { InputValue, namedType, OperationField, Schema, TypeRef, typeName } from './graphql-schema';
import { printable } from './printable';

/**
 * Calls of one schema field with random and hostile arguments: each argument well-formed (names and
 * ids that exist, so the call gets past the lookups), hostile for its type, of the wrong type, or
 * left out; sent as variables or as inline literals, with either token or none.
 */
export interface Invocation {
  field: string;
  form: 'variables' | 'inline';
  token: Token;
  /** Argument values by name; a left-out argument is absent. */
  args: Record<string, unknown>;
}

export type Token = 'operator' | 'viewer' | 'none';

/** What exists in the database, so that some arguments name it. */
export interface Known {
  applications: string[];
  targetIds: string[];
  deploymentIds: string[];
  rolloutIds: string[];
}

/** An enum value, written bare in an inline literal and as a string in variables. */
export class EnumValue {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

export function invocations(schema: Schema, field: OperationField, known: Known): fc.Arbitrary<Invocation> {
  const args = fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, argumentValue(schema, arg, known)])), { requiredKeys: [] });
  return fc
    .record({
      form: fc.constantFrom<Invocation['form'][]>('variables', 'inline'),
      token: fc.oneof({ weight: 4, arbitrary: fc.constant('operator') }, { weight: 1, arbitrary: fc.constantFrom('viewer', 'none') }),
      args,
    })
    .map((call) => printable({ field: field.name, ...call }));
}

function argumentValue(schema: Schema, arg: InputValue, known: Known, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: wellFormed(schema, arg.name, arg.type, known, depth) },
    { weight: 3, arbitrary: hostile(schema, arg.name, arg.type, known, depth) },
    { weight: 1, arbitrary: wrongType },
  );
}

function hostile(schema: Schema, name: string, type: TypeRef, known: Known, depth: number): fc.Arbitrary<unknown> {
  if (type.kind === 'NON_NULL') return hostile(schema, name, type.ofType!, known, depth);
  if (type.kind === 'LIST') {
    const item = argumentValue(schema, { name, type: type.ofType! }, known, depth + 1);
    return fc.oneof(
      fc.array(item, { maxLength: 4 }),
      item,
      item.map((one) => Array.from({ length: 1000 }, () => one)),
    );
  }
  if (type.kind === 'ENUM')
    return fc.oneof(
      hostileString,
      fc.constantFrom(...(schema.enumValues.get(type.name!) ?? [])).map((value) => value.toLowerCase()),
    );
  if (type.kind === 'INPUT_OBJECT') return inputObject(schema, type, known, depth, 'hostile');
  switch (type.name) {
    case 'ID':
      return hostileId;
    case 'Int':
      return hostileInt;
    case 'Float':
      return hostileFloat;
    case 'Boolean':
      return fc.constantFrom('true', 1, 0, 'false');
    case 'DateTime':
      return hostileDate;
    default:
      return hostileString;
  }
}

/** Values that pass every check, so that the call reaches the code behind the checks. */
function wellFormed(schema: Schema, name: string, type: TypeRef, known: Known, depth: number): fc.Arbitrary<unknown> {
  if (type.kind === 'NON_NULL') return wellFormed(schema, name, type.ofType!, known, depth);
  if (type.kind === 'LIST') {
    if (name === 'targets' && namedType(type).kind === 'INPUT_OBJECT') return fc.constant(applicationInput('x').targets.map((t) => ({ ...t, role: new EnumValue(t.role) })));
    return fc.array(wellFormed(schema, name, type.ofType!, known, depth + 1), { minLength: 1, maxLength: 3 });
  }
  if (type.kind === 'ENUM') return fc.constantFrom(...(schema.enumValues.get(type.name!) ?? ['UNKNOWN'])).map((value) => new EnumValue(value));
  if (type.kind === 'INPUT_OBJECT') return inputObject(schema, type, known, depth, 'well-formed');
  return wellFormedScalar(name, type.name!, known);
}

const pick = (values: string[], fallback: string) => fc.constantFrom(...(values.length ? values : [fallback]));

function wellFormedScalar(name: string, scalar: string, known: Known): fc.Arbitrary<unknown> {
  const fresh = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    name: fc.oneof(pick(known.applications, 'api'), fresh),
    application: pick(known.applications, 'api'),
    dependsOn: pick(known.applications, 'api'),
    githubRepo: fresh.map((repo) => `acme/${repo}`),
    slackChannel: fresh.map((channel) => `#${channel}`),
    jenkinsJob: fresh.map((job) => `deploy/${job}`),
    cluster: fc.constantFrom('stage-1', 'prod-0', 'prod-1', 'prod-9'),
    environment: fc.constantFrom('staging', 'production'),
    namespace: fresh,
    gitRev: fc.constantFrom('abc1234', 'main', 'v1.2.3', 'f00dcafe'),
    owners: fc.constantFrom('alice', 'bob'),
    reason: fc.constantFrom('incident INC-42', 'because'),
    limit: fc.integer({ min: 1, max: 50 }),
    order: fc.integer({ min: 0, max: 5 }),
    rolloutId: pick(known.rolloutIds, '00000000-0000-0000-0000-000000000000'),
  };
  if (byName[name]) return byName[name];
  switch (scalar) {
    case 'ID':
      return pick([...known.deploymentIds, ...known.rolloutIds, ...known.targetIds], '00000000-0000-0000-0000-000000000000');
    case 'Int':
      return fc.integer({ min: 0, max: 10 });
    case 'Float':
      return fc.double({ min: 0, max: 10, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.date({ min: new Date('2025-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
    default:
      // `removeTarget(id: String!)` and the like: a String naming a row.
      return name === 'id' ? pick(known.targetIds, 'x') : fc.constantFrom('x', 'api', 'deployment.cancel');
  }
}

/** Each field well-formed, hostile or left out; `hostile` objects also get an unknown field. */
function inputObject(schema: Schema, type: TypeRef, known: Known, depth: number, mode: 'well-formed' | 'hostile'): fc.Arbitrary<unknown> {
  const fields = schema.inputFields.get(type.name!) ?? [];
  if (depth > 3) return fc.constant({});
  const value = (field: InputValue) =>
    mode === 'well-formed'
      ? wellFormed(schema, field.name, field.type, known, depth + 1)
      : fc.oneof({ weight: 3, arbitrary: wellFormed(schema, field.name, field.type, known, depth + 1) }, { weight: 1, arbitrary: hostile(schema, field.name, field.type, known, depth + 1) });
  const required = fields.filter((f) => f.type.kind === 'NON_NULL').map((f) => f.name);
  const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, value(f)])), { requiredKeys: mode === 'well-formed' ? required : [] });
  return mode === 'well-formed' ? record : fc.tuple(record, fc.option(fc.constant({ bogus: 1 }))).map(([object, extra]) => ({ ...object, ...extra }));
}

// ---------------------------------------------------------------------------------------------
// On the wire

export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
  authorization?: string;
}

export function toGraphqlRequest(field: OperationField, call: Invocation, tokens: Record<Exclude<Token, 'none'>, string>): GraphqlRequest {
  const given = field.args.filter((arg) => arg.name in call.args);
  const selection = field.returns.isObject ? ' { __typename }' : '';
  let header = '';
  let argumentList: string;
  const variables: Record<string, unknown> = {};
  if (call.form === 'variables') {
    header = given.length ? `(${given.map((arg, i) => `$v${i}: ${typeName(arg.type)}`).join(', ')})` : '';
    argumentList = given.map((arg, i) => `${arg.name}: $v${i}`).join(', ');
    given.forEach((arg, i) => (variables[`v${i}`] = JSON.parse(JSON.stringify(call.args[arg.name]) ?? 'null')));
  } else {
    argumentList = given.map((arg) => `${arg.name}: ${literal(call.args[arg.name])}`).join(', ');
  }
  const query = `${field.operation}${header} { ${field.name}${argumentList ? `(${argumentList})` : ''}${selection} }`;
  return { query, variables, ...(call.token === 'none' ? {} : { authorization: `Bearer ${tokens[call.token]}` }) };
}

/** A GraphQL literal: JSON's string escapes are GraphQL's, enums go bare, objects take bare keys. */
export function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item)}`)
      .join(', ')}}`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return typeof value === 'string' ? JSON.stringify(value) : textOf(value);
}
