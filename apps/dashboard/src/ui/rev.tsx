import { graphql } from '../gql';

/** Where a deployment goes and in which rollout: what every deployment row names. */
graphql(`
  fragment DeploymentPlace on Deployment {
    application {
      name
    }
    target {
      cluster
      environment
      namespace
    }
    rollout {
      id
      kind
      weekOf
    }
  }
`);

/** A git rev in monospace; abbreviated to 12 characters when `short`, the full rev on hover. */
export function Rev({ value, short = false }: { value: string; short?: boolean }) {
  return (
    <code className="rev" title={value}>
      {short && value.length > 12 ? value.slice(0, 12) : value}
    </code>
  );
}

/** previous rev → new rev; a first deployment has no previous rev. */
export function RevChange({ from, to, short = false }: { from: string | null | undefined; to: string; short?: boolean }) {
  return (
    <span className="rev-change">
      {from ? <Rev value={from} short={short} /> : <span className="muted">first deployment</span>} → <Rev value={to} short={short} />
    </span>
  );
}

/** How a target is named on every page: cluster / environment. */
export function targetLabel(target: { cluster: string; environment: string }): string {
  return `${target.cluster} / ${target.environment}`;
}
