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
  OperationTypeNode,
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
 * Costs saturate here: nested lists multiply, and a thousand of them would reach Infinity. Any value
 * above every sensible `maxCost` refuses the query all the same.
 */
const COST_CEILING = 1e15;

interface Measure {
  depth: number;
  /** Objects asked for by one instance of the selection. */
  cost: number;
}

/**
 * Refuses, before anything executes, queries nested deeper than `maxDepth` or whose estimated cost —
 * every field counts 1, multiplied by the sizes of the lists it sits in (`limit` when given) — passes
 * `maxCost`. A viewer token must not be able to ask the gateway for the whole database in one query.
 *
 * Each fragment is measured once per type it is spread on and the result reused wherever it is spread
 * again, so measuring takes time linear in the query's size: a kilobyte of fragments that each spread
 * the next one twice stands for millions of fields, and must be refused as quickly as it is read.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new FragmentMeasures(context);
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const root = rootType(context, operation);
        if (!root) return;
        const { depth, cost } = fragments.measure(operation.selectionSet, root);
        if (depth > limits.maxDepth) {
          context.reportError(limitError(`the query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`));
        } else if (cost > limits.maxCost) {
          context.reportError(limitError(`the query could return about ${Math.round(cost)} objects; the limit is ${limits.maxCost}: ask for fewer fields or pass a smaller limit`));
        }
      },
    };
  };
}

/** Measures selection sets, remembering each fragment's measure per parent type for the whole document. */
class FragmentMeasures {
  private readonly known = new Map<string, Measure>();
  /** Fragments being measured: a spread inside itself is a cycle, which graphql's own rules report. */
  private readonly open = new Set<string>();

  constructor(private readonly context: ValidationContext) {}

  measure(selections: SelectionSetNode, parent: GraphQLNamedType): Measure {
    let depth = 0;
    let cost = 0;
    for (const selection of selections.selections) {
      let inner: Measure | undefined;
      if (selection.kind === Kind.FIELD) {
        const field = fieldType(parent, selection);
        if (!field) continue;
        inner = selection.selectionSet ? this.measure(selection.selectionSet, getNamedType(field)) : { depth: 0, cost: 0 };
        const size = selection.selectionSet && isList(field) ? listSize(selection) : 1;
        inner = { depth: inner.depth + 1, cost: 1 + size * inner.cost };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet, this.typeOf(selection.typeCondition?.name.value, parent));
      } else {
        inner = this.spread(selection.name.value, parent);
      }
      if (!inner) continue;
      depth = Math.max(depth, inner.depth);
      cost = Math.min(COST_CEILING, cost + inner.cost);
    }
    return { depth, cost: Math.min(COST_CEILING, cost) };
  }

  private spread(name: string, parent: GraphQLNamedType): Measure | undefined {
    const fragment = this.context.getFragment(name);
    if (!fragment || this.open.has(name)) return undefined;
    const key = `${name} on ${parent.name}`;
    let measured = this.known.get(key);
    if (!measured) {
      this.open.add(name);
      measured = this.measure(fragment.selectionSet, this.typeOf(fragment.typeCondition.name.value, parent));
      this.open.delete(name);
      this.known.set(key, measured);
    }
    return measured;
  }

  private typeOf(name: string | undefined, parent: GraphQLNamedType): GraphQLNamedType {
    return (name && this.context.getSchema().getType(name)) || parent;
  }
}

function rootType(context: ValidationContext, operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
  const schema = context.getSchema();
  return operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getSubscriptionType();
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
