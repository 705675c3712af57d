import { HydratorError } from './hydrator-error';
import { checkJsonShape, checkText, isWellFormedText } from './safe-text';

const refusal = (fn: () => unknown): { field?: string; message: string } => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HydratorError);
    return error as HydratorError;
  }
  throw new Error('expected a refusal');
};

describe('checkText', () => {
  it('returns text with tabs and line breaks as it is', () => {
    expect(checkText('line 1\r\n\tline 2 é 😀', 'notes', 100)).toBe('line 1\r\n\tline 2 é 😀');
  });

  it.each([
    ['NUL', 'a\u0000b', /NUL/],
    ['a control character', 'a\u001bb', /U\+001B/],
    ['a C1 control character', 'a\u0085b', /U\+0085/],
    ['a lone high surrogate', 'a\ud800b', /surrogate/],
    ['a lone low surrogate', '\udc00', /surrogate/],
    ['a reversed pair', '\ude00\ud83d', /surrogate/],
    ['text too long', 'x'.repeat(11), /11 characters long, at most 10/],
  ])('refuses %s naming the field', (_, value, message) => {
    const error = refusal(() => checkText(value, 'build.parameters.X', 10));
    expect(error.field).toBe('build.parameters.X');
    expect(error.message).toMatch(message);
  });
});

describe('isWellFormedText', () => {
  it('tells pairs from lone surrogates', () => {
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('\ud83d')).toBe(false);
    expect(isWellFormedText('x\ude00')).toBe(false);
  });
});

describe('checkJsonShape', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

  it('accepts nesting up to the limit and any storable text', () => {
    expect(() => checkJsonShape({ a: nested(31), log: 'colours \u001b[31m' }, 'body', { maxDepth: 32 })).not.toThrow();
  });

  it('refuses nesting past the limit, however deep, without running out of stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(refusal(() => checkJsonShape(deep, 'body', { maxDepth: 32 })).message).toMatch(/deeper than 32 levels/);
    expect(refusal(() => checkJsonShape({ a: nested(32) }, 'body', { maxDepth: 32 })).field).toMatch(/^body\.a(\[0\])+$/);
  });

  it('names the place of a string or key PostgreSQL cannot store', () => {
    expect(refusal(() => checkJsonShape({ build: { log: ['ok', 'x\u0000'] } }, 'body', { maxDepth: 32 })).field).toBe('body.build.log[1]');
    expect(refusal(() => checkJsonShape({ build: { '\ud800': 1 } }, 'body', { maxDepth: 32 }))).toMatchObject({
      field: 'body.build',
      message: expect.stringMatching(/key that contains a lone UTF-16 surrogate/),
    });
  });
});
