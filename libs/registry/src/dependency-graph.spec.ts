import { cycleClosedBy, formatCycle } from './dependency-graph';

const graph = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('cycleClosedBy', () => {
  it('refuses an application depending on itself', () => {
    expect(cycleClosedBy(graph({}), 'a', 'a')).toEqual(['a', 'a']);
  });

  it('finds a two-step cycle', () => {
    expect(cycleClosedBy(graph({ b: ['a'] }), 'a', 'b')).toEqual(['a', 'b', 'a']);
  });

  it('names every application of a longer cycle in order', () => {
    const edges = graph({ b: ['c'], c: ['d'], d: ['a'] });
    expect(formatCycle(cycleClosedBy(edges, 'a', 'b')!)).toBe('a → b → c → d → a');
  });

  it('reports the shortest cycle when several close', () => {
    const edges = graph({ b: ['c', 'a'], c: ['d'], d: ['a'] });
    expect(cycleClosedBy(edges, 'a', 'b')).toEqual(['a', 'b', 'a']);
  });

  it('accepts diamonds and unrelated chains', () => {
    const edges = graph({ a: ['b', 'c'], b: ['d'], c: ['d'], x: ['y'] });
    expect(cycleClosedBy(edges, 'y', 'a')).toBeUndefined();
    expect(cycleClosedBy(edges, 'd', 'x')).toBeUndefined();
  });
});
