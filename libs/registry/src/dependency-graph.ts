/** Edges as `application → applications it depends on`, by name. */
export type DependencyEdges = ReadonlyMap<string, readonly string[]>;

/**
 * The cycle that adding "`application` depends on `dependsOn`" would close, as the list of names
 * `[application, dependsOn, …, application]`, or undefined when the graph stays acyclic.
 * A breadth-first search keeps the reported cycle as short as possible.
 */
export function cycleClosedBy(edges: DependencyEdges, application: string, dependsOn: string): string[] | undefined {
  if (application === dependsOn) return [application, application];
  const cameFrom = new Map<string, string>([[dependsOn, application]]);
  const queue = [dependsOn];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of edges.get(current) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, current);
      if (next === application) return pathBack(cameFrom, application);
      queue.push(next);
    }
  }
  return undefined;
}

function pathBack(cameFrom: Map<string, string>, application: string): string[] {
  const path = [application];
  let node = cameFrom.get(application)!;
  while (node !== application) {
    path.unshift(node);
    node = cameFrom.get(node)!;
  }
  return [application, ...path];
}

/** `a → b → a`, the form error messages use. */
export function formatCycle(cycle: string[]): string {
  return cycle.join(' → ');
}
