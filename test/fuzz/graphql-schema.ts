/**
 * The schema's operations and their arguments, read by introspection (on in tests), so a field added
 * to a resolver is fuzzed without anyone listing it here.
 */

export interface TypeRef {
  kind: 'NON_NULL' | 'LIST' | 'SCALAR' | 'ENUM' | 'INPUT_OBJECT' | 'OBJECT' | 'INTERFACE' | 'UNION';
  name: string | null;
  ofType: TypeRef | null;
}

export interface InputValue {
  name: string;
  type: TypeRef;
}

export interface OperationField {
  operation: 'query' | 'mutation';
  name: string;
  args: InputValue[];
  /** The named type it returns, and whether that is an object (needs a selection). */
  returns: { name: string; isObject: boolean };
}

export interface Schema {
  fields: OperationField[];
  /** Input objects' fields and enums' values, by type name. */
  inputFields: Map<string, InputValue[]>;
  enumValues: Map<string, string[]>;
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name } } }`;

/** Split in two so neither half trips the depth or cost limit that every request goes through. */
const OPERATIONS_QUERY = `{ __schema {
  queryType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
  mutationType { fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } }
} }`;
const TYPES_QUERY = `{ __schema { types { kind name inputFields { name type { ${TYPE_REF} } } enumValues { name } } } }`;

type Graphql = (query: string) => Promise<{ data?: unknown; errors?: unknown }>;

interface RawField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}

export async function readSchema(graphql: Graphql): Promise<Schema> {
  const operations = (await ok(graphql, OPERATIONS_QUERY)) as { __schema: { queryType: { fields: RawField[] }; mutationType: { fields: RawField[] } } };
  const types = (await ok(graphql, TYPES_QUERY)) as { __schema: { types: Array<{ kind: string; name: string; inputFields: InputValue[] | null; enumValues: Array<{ name: string }> | null }> } };
  const objectKinds = new Set(['OBJECT', 'INTERFACE', 'UNION']);
  const field =
    (operation: OperationField['operation']) =>
    (raw: RawField): OperationField => {
      const named = namedType(raw.type);
      return { operation, name: raw.name, args: raw.args, returns: { name: named.name!, isObject: objectKinds.has(named.kind) } };
    };
  return {
    fields: [...operations.__schema.queryType.fields.map(field('query')), ...operations.__schema.mutationType.fields.map(field('mutation'))],
    inputFields: new Map(types.__schema.types.filter((t) => t.inputFields).map((t) => [t.name, t.inputFields!])),
    enumValues: new Map(types.__schema.types.filter((t) => t.enumValues).map((t) => [t.name, t.enumValues!.map((v) => v.name)])),
  };
}

async function ok(graphql: Graphql, query: string): Promise<unknown> {
  const result = await graphql(query);
  if (!result.data || result.errors) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export function namedType(type: TypeRef): TypeRef {
  return type.ofType ? namedType(type.ofType) : type;
}

/** `[ID!]!` for the variable declaration. */
export function typeName(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeName(type.ofType!)}!`;
  if (type.kind === 'LIST') return `[${typeName(type.ofType!)}]`;
  return type.name!;
}
