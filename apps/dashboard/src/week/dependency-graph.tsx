import { useId, useMemo } from 'react';
import { STATUS_TONE } from '../ui/status';
import { GraphApplication, HEADER_HEIGHT, layoutGraph, NODE_WIDTH, TARGET_HEIGHT } from './graph-layout';
import type { WeekDeployment } from './use-live-rollout';

const MARGIN = 6;

/** The rollout's applications with their targets, in deployment order (the order the gateway lists them). */
export function graphApplications(deployments: readonly WeekDeployment[]): GraphApplication[] {
  const byName = new Map<string, GraphApplication & { targets: GraphApplication['targets'][number][] }>();
  for (const deployment of deployments) {
    const { name, dependsOn } = deployment.application;
    const application = byName.get(name) ?? { name, dependsOn: dependsOn.map((dependency) => dependency.name), targets: [] };
    application.targets.push({ deploymentId: deployment.id, cluster: deployment.target.cluster, environment: deployment.target.environment, status: deployment.status });
    byName.set(name, application);
  }
  return [...byName.values()];
}

/** The graph in words, for screen readers and as the image's label. */
function describe(nodes: ReturnType<typeof layoutGraph>['nodes'], columns: number): string {
  const parts = nodes.map(({ application, after }) => {
    const targets = application.targets.map((target) => `${target.cluster} ${target.status}`).join(', ');
    return `${application.name}${after.length ? ` after ${after.join(' and ')}` : ''}: ${targets}`;
  });
  return `Dependency graph, ${nodes.length} application${nodes.length === 1 ? '' : 's'} in ${columns} step${columns === 1 ? '' : 's'}. ${parts.join('. ')}.`;
}

/**
 * Applications left to right in dependency order, an arrow from each application to those that deploy
 * after it, and each target in its status colour (with the status in words). Live: it is drawn from the
 * same merged rows as the table.
 */
export function DependencyGraph({ deployments }: { deployments: readonly WeekDeployment[] }) {
  const layout = useMemo(() => layoutGraph(graphApplications(deployments)), [deployments]);
  const arrow = `arrow-${useId().replace(/:/g, '')}`;
  if (!layout.nodes.length) return null;
  return (
    <figure className="dependency-graph">
      <svg
        role="img"
        aria-label={describe(layout.nodes, layout.columns)}
        width={layout.width + 2 * MARGIN}
        height={layout.height + 2 * MARGIN}
        viewBox={`${-MARGIN} ${-MARGIN} ${layout.width + 2 * MARGIN} ${layout.height + 2 * MARGIN}`}
      >
        <defs>
          <marker id={arrow} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="edge-head" />
          </marker>
        </defs>
        {layout.edges.map((edge) => (
          <path key={`${edge.from}->${edge.to}`} className="edge" d={edge.path} markerEnd={`url(#${arrow})`}>
            <title>{`${edge.to} deploys after ${edge.from}`}</title>
          </path>
        ))}
        {layout.nodes.map(({ application, x, y, height }) => (
          <g key={application.name} className="node" transform={`translate(${x} ${y})`}>
            <rect className="node-box" width={NODE_WIDTH} height={height} rx="6" />
            <text className="node-name" x="10" y="20">
              {application.name}
            </text>
            {application.targets.map((target, index) => (
              <g key={target.deploymentId} className={`target tone-${STATUS_TONE[target.status]}`} transform={`translate(8 ${HEADER_HEIGHT + index * TARGET_HEIGHT})`}>
                <title>{`${application.name} on ${target.cluster}/${target.environment}: ${target.status}`}</title>
                <rect width={NODE_WIDTH - 16} height={TARGET_HEIGHT - 4} rx="10" />
                <text x="10" y="14">
                  {target.cluster}
                </text>
                <text className="target-status" x={NODE_WIDTH - 26} y="14" textAnchor="end">
                  {target.status}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="muted">Applications left to right in dependency order; an arrow points to what deploys after. Each target shows its live status.</figcaption>
    </figure>
  );
}
