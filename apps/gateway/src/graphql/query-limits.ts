import {
  ASTVisitor,
  FieldNode,
  getNamedType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields allowed. */
  maxDepth: number;
  /** Largest estimated number of objects a query may ask for. */
  maxCost: number;
}

/** How many items a list field is assumed to return when it takes no `limit` argument. */
const ASSUMED_LIST_SIZE = 25;

/**
 * Refuses, before anything executes, queries nested deeper than `maxDepth` or whose estimated cost —
 * every field counts 1, multiplied by the sizes of the lists it sits in (`limit` when given) — passes
 * `maxCost`. A viewer token must not be able to ask the gateway for the whole database in one query.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = rootType(context, operation);
      if (!root) return;
      const { depth, cost } = measure(context, operation.selectionSet, root, 1, new Set());
      if (depth > limits.maxDepth) {
        context.reportError(limitError(`the query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`));
      } else if (cost > limits.maxCost) {
        context.reportError(limitError(`the query could return about ${Math.round(cost)} objects; the limit is ${limits.maxCost}: ask for fewer fields or pass a smaller limit`));
      }
    },
  });
}

function measure(context: ValidationContext, selections: SelectionSetNode, parent: GraphQLNamedType, multiplier: number, fragments: Set<string>): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldType(parent, selection);
      if (!field) continue;
      cost += multiplier;
      if (selection.selectionSet) {
        const size = isList(field) ? listSize(selection) : 1;
        const inner = measure(context, selection.selectionSet, getNamedType(field), multiplier * size, fragments);
        depth = Math.max(depth, inner.depth + 1);
        cost += inner.cost;
      } else {
        depth = Math.max(depth, 1);
      }
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? context.getFragment(selection.name.value) : selection;
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && fragments.has(selection.name.value))) continue;
      const type = fragment.typeCondition ? context.getSchema().getType(fragment.typeCondition.name.value) : parent;
      const inner = measure(context, fragment.selectionSet, type ?? parent, multiplier, selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...fragments, selection.name.value]) : fragments);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

function rootType(context: ValidationContext, operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
  const schema = context.getSchema();
  return operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

function fieldType(parent: GraphQLNamedType, node: FieldNode): GraphQLType | undefined {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
  return parent.getFields()[node.name.value]?.type;
}

function isList(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function listSize(node: FieldNode): number {
  const limit = node.arguments?.find((arg) => arg.name.value === 'limit')?.value;
  return limit?.kind === Kind.INT ? Math.max(1, Number(limit.value)) : ASSUMED_LIST_SIZE;
}

/** Apollo answers validation refusals with code GRAPHQL_VALIDATION_FAILED and HTTP 400. */
function limitError(message: string): GraphQLError {
  return new GraphQLError(message);
}
