import type { DeploymentStatus } from '../gql/schema-types';

/** One application of a rollout as the graph draws it. */
export interface GraphApplication {
  name: string;
  /** Names of the applications it deploys after (any; those outside the rollout are ignored). */
  dependsOn: readonly string[];
  targets: ReadonlyArray<{ deploymentId: string; cluster: string; environment: string; status: DeploymentStatus }>;
}

export interface GraphNode {
  application: GraphApplication;
  /** Dependency depth inside the rollout: 0 for an application that waits for none of the others. */
  column: number;
  /** Dependencies inside the rollout. */
  after: string[];
  x: number;
  y: number;
  height: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** SVG path from the right edge of `from` to the left edge of `to`. */
  path: string;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  columns: number;
  width: number;
  height: number;
}

export const NODE_WIDTH = 230;
export const HEADER_HEIGHT = 30;
export const TARGET_HEIGHT = 24;
const PADDING = 8;
const COLUMN_GAP = 70;
const ROW_GAP = 18;

export function nodeHeight(targets: number): number {
  return HEADER_HEIGHT + targets * TARGET_HEIGHT + PADDING;
}

/**
 * Columns by dependency depth (an application sits one column right of the deepest application it
 * deploys after), counted only over applications in the rollout. Inside a column, applications follow
 * the mean row of what they depend on (fewer crossings), then their name. A cycle, which the registry
 * refuses, would only flatten the graph, never loop.
 */
export function layoutGraph(applications: readonly GraphApplication[]): GraphLayout {
  const byName = new Map(applications.map((application) => [application.name, application]));
  const after = new Map(applications.map((application) => [application.name, [...new Set(application.dependsOn)].filter((name) => byName.has(name) && name !== application.name).sort()]));
  const depth = new Map<string, number>();
  const depthOf = (name: string, visiting: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const value = Math.max(-1, ...after.get(name)!.map((dependency) => depthOf(dependency, visiting))) + 1;
    visiting.delete(name);
    depth.set(name, value);
    return value;
  };
  for (const application of applications) depthOf(application.name, new Set());

  const columns: string[][] = [];
  for (const [name, column] of depth) (columns[column] ??= []).push(name);
  const row = new Map<string, number>();
  const nodes: GraphNode[] = [];
  columns.forEach((names, column) => {
    const meanRow = (name: string) => {
      const rows = after.get(name)!.map((dependency) => row.get(dependency) ?? 0);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    names.sort((a, b) => meanRow(a) - meanRow(b) || a.localeCompare(b));
    let y = 0;
    names.forEach((name, index) => {
      row.set(name, index);
      const application = byName.get(name)!;
      const height = nodeHeight(application.targets.length);
      nodes.push({ application, column, after: after.get(name)!, x: column * (NODE_WIDTH + COLUMN_GAP), y, height });
      y += height + ROW_GAP;
    });
  });

  const nodeOf = new Map(nodes.map((node) => [node.application.name, node]));
  const edges = nodes.flatMap((node) => node.after.map((dependency) => ({ from: nodeOf.get(dependency)!, to: node })));
  // Each edge leaves and enters at its own height, spread over the node's side in the order of the other end.
  const port = (node: GraphNode, side: 'in' | 'out', other: GraphNode) => {
    const others = edges
      .filter((edge) => (side === 'in' ? edge.to : edge.from) === node)
      .map((edge) => (side === 'in' ? edge.from : edge.to))
      .sort((a, b) => a.y - b.y || a.x - b.x);
    return node.y + (node.height * (others.indexOf(other) + 1)) / (others.length + 1);
  };
  const routes = edges.map(({ from, to }) => ({ from: from.application.name, to: to.application.name, ...edgeRoute(from, port(from, 'out', to), to, port(to, 'in', from), nodes) }));
  return {
    nodes,
    edges: routes.map(({ from, to, path }) => ({ from, to, path })),
    columns: columns.length,
    width: columns.length ? columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP : 0,
    height: Math.max(0, ...nodes.map((node) => node.y + node.height), ...routes.map((route) => route.lowest)),
  };
}

/** An S-curve from (x1, y1) to (x2, y2). */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const bend = (x2 - x1) / 2;
  return `C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

/**
 * From the right side of `from` to the left side of `to`. An edge that skips columns runs straight
 * through them at a height no node of theirs covers (its start, its end, else under them all), so it
 * never passes behind an application it does not touch.
 */
function edgeRoute(from: GraphNode, y1: number, to: GraphNode, y2: number, nodes: readonly GraphNode[]): { path: string; lowest: number } {
  const x1 = from.x + NODE_WIDTH;
  const x2 = to.x;
  if (to.column - from.column <= 1) return { path: `M ${x1} ${y1} ${curve(x1, y1, x2, y2)}`, lowest: Math.max(y1, y2) };
  const between = nodes.filter((node) => node.column > from.column && node.column < to.column);
  const free = (y: number) => between.every((node) => y < node.y - ROW_GAP / 3 || y > node.y + node.height + ROW_GAP / 3);
  const lane = [y1, y2].find(free) ?? Math.max(...between.map((node) => node.y + node.height)) + ROW_GAP / 2;
  const [laneStart, laneEnd] = [x1 + COLUMN_GAP, x2 - COLUMN_GAP];
  return { path: `M ${x1} ${y1} ${curve(x1, y1, laneStart, lane)} L ${laneEnd} ${lane} ${curve(laneEnd, lane, x2, y2)}`, lowest: lane + 2 };
}
