import { HydratorError } from './hydrator-error';

/**
 * Checks for text that comes from outside (webhooks, GraphQL arguments) before it reaches PostgreSQL:
 * PostgreSQL refuses NUL in `text` and `jsonb`, lone UTF-16 surrogates in `jsonb`, and deeply nested
 * JSON, and an index row past ~2.7 kB. Left to the database, each is an internal error; checked here,
 * it is a 400 naming the field.
 */

/** ISO control characters (C0, DEL, C1) except tab, line feed and carriage return, which text may hold. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this is for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether `value` is well-formed Unicode (no lone surrogate): `String.prototype.isWellFormed` where the runtime has it. */
export function isWellFormedText(value: string): boolean {
  const native = (value as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof native === 'function' ? native.call(value) : !LONE_SURROGATE.test(value);
}

/** What PostgreSQL would refuse in `value` (NUL, a lone surrogate), or undefined when it can be stored. */
export function unstorableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (!isWellFormedText(value)) return 'contains a lone UTF-16 surrogate: not well-formed Unicode';
  return undefined;
}

/** What is wrong with `value` as a short piece of text (a name, a parameter), or undefined when nothing is. */
export function textProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `is ${value.length} characters long, at most ${maxLength} are allowed`;
  const unstorable = unstorableTextProblem(value);
  if (unstorable) return unstorable;
  const control = CONTROL.exec(value);
  if (control) return `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return undefined;
}

/**
 * `value` when it is storable text of at most `maxLength` characters without control characters other
 * than tab and line breaks; else throws BAD_USER_INPUT on `field`.
 */
export function checkText(value: string, field: string, maxLength: number): string {
  const problem = textProblem(value, maxLength);
  if (problem) throw HydratorError.badInput(field, problem);
  return value;
}

export interface JsonShapeLimits {
  /** How many arrays and objects may nest, the outermost counting as 1. */
  maxDepth: number;
}

/**
 * Throws BAD_USER_INPUT when a parsed JSON value nests deeper than `maxDepth` or holds a string or key
 * PostgreSQL cannot store; the field names the place (`build.parameters.GIT_REV`). Control characters
 * are allowed here (a build log may carry them); fields that need more use {@link checkText}.
 */
export function checkJsonShape(value: unknown, field: string, limits: JsonShapeLimits): void {
  walk(value, field, 0, limits.maxDepth);
}

function walk(value: unknown, path: string, depth: number, maxDepth: number): void {
  if (typeof value === 'string') {
    const problem = unstorableTextProblem(value);
    if (problem) throw HydratorError.badInput(path, problem);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  // Recursion stops at maxDepth, so a hostile 10,000-deep body never reaches the stack's limit.
  if (depth + 1 > maxDepth) throw HydratorError.badInput(path, `nests arrays and objects deeper than ${maxDepth} levels`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1, maxDepth));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = unstorableTextProblem(key);
    // The key itself is not echoed into the field: it is what cannot be shown.
    if (problem) throw HydratorError.badInput(path, `has a key that ${problem}`);
    walk(item, `${path}.${key}`, depth + 1, maxDepth);
  }
}
