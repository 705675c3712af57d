import { DocumentNode, Kind, ValueNode, visit } from 'graphql';
import { checkText, HydratorError } from '@hydrator/common';

/**
 * The longest text any argument may carry. Domain checks set tighter limits per field (a reason, a
 * description); this one keeps every other string — filters, ids, names — from reaching a query or a
 * log line at any size.
 */
export const MAX_ARGUMENT_TEXT = 10_000;

/** Variables nest as deep as input types do, a handful of levels; deeper is refused, never a stack overflow. */
const MAX_VARIABLE_DEPTH = 16;

/**
 * Checks, once for every operation, each string it carries — literal arguments and variables alike —
 * before any resolver runs: no NUL or other control characters but tab and line breaks, well-formed
 * Unicode (PostgreSQL refuses both), at most {@link MAX_ARGUMENT_TEXT} characters. The error names
 * the argument or variable (`input.targets[0].cluster`).
 */
export function checkOperationText(document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): void {
  for (const [name, value] of Object.entries(variables ?? {})) checkVariable(value, name, 0);
  visit(document, {
    Argument(node) {
      checkLiteral(node.value, node.name.value);
      return false;
    },
  });
}

function checkVariable(value: unknown, field: string, depth: number): void {
  if (typeof value === 'string') {
    checkText(value, field, MAX_ARGUMENT_TEXT);
  } else if (typeof value === 'object' && value !== null) {
    if (depth >= MAX_VARIABLE_DEPTH) throw HydratorError.badInput(field, `nests lists and objects deeper than ${MAX_VARIABLE_DEPTH} levels`);
    for (const [key, item] of Object.entries(value)) checkVariable(item, Array.isArray(value) ? `${field}[${key}]` : `${field}.${key}`, depth + 1);
  }
}

/** A literal nests no deeper than the parser managed to read, so recursion here cannot go further than parsing did. */
function checkLiteral(node: ValueNode, field: string): void {
  if (node.kind === Kind.STRING) checkText(node.value, field, MAX_ARGUMENT_TEXT);
  else if (node.kind === Kind.LIST) node.values.forEach((item, i) => checkLiteral(item, `${field}[${i}]`));
  else if (node.kind === Kind.OBJECT) node.fields.forEach((item) => checkLiteral(item.value, `${field}.${item.name.value}`));
}
