import { Fragment, ReactNode } from 'react';
import { Link } from '../router';
import type { Application, Plan, Target } from './documents';
import { RepoLink, RevLink } from './links';

export const applicationPath = (name: string) => `/applications/${encodeURIComponent(name)}`;

/** Owners, Slack channel, GitHub repository, Jenkins job and description. */
export function Facts({ application }: { application: Application }) {
  return (
    <>
      <dl className="app-facts">
        <dt>Owners</dt>
        <dd>{application.owners.length ? application.owners.join(', ') : <span className="muted">none listed</span>}</dd>
        <dt>Slack</dt>
        <dd>{application.slackChannel}</dd>
        <dt>GitHub</dt>
        <dd>
          <RepoLink repo={application.githubRepo} />
        </dd>
        <dt>Jenkins job</dt>
        <dd>
          <code>{application.jenkinsJob}</code>
        </dd>
      </dl>
      {application.description && <p className="app-description">{application.description}</p>}
    </>
  );
}

/** Links to the applications named, or "none". */
export function ApplicationLinks({ names }: { names: ReadonlyArray<{ name: string }> }) {
  if (names.length === 0) return <span className="muted">none</span>;
  return (
    <>
      {names.map(({ name }, i) => (
        <Fragment key={name}>
          {i > 0 && ', '}
          <Link to={applicationPath(name)}>{name}</Link>
        </Fragment>
      ))}
    </>
  );
}

/** "Deploys after" and "deploys before", as two short lines. */
export function DependencySummary({ application }: { application: Application }) {
  return (
    <dl className="app-facts">
      <dt>After</dt>
      <dd>
        <ApplicationLinks names={application.dependsOn} />
      </dd>
      <dt>Before</dt>
      <dd>
        <ApplicationLinks names={application.dependents} />
      </dd>
    </dl>
  );
}

/** Each rev on these targets, with the clusters it runs on. */
function RevsOn({ repo, targets }: { repo: string; targets: readonly Target[] }) {
  const byRev = new Map<string, string[]>();
  for (const target of targets) byRev.set(target.currentRev ?? '', [...(byRev.get(target.currentRev ?? '') ?? []), target.cluster]);
  return (
    <>
      {[...byRev].map(([rev, clusters]) => (
        <div key={rev}>
          {rev ? <RevLink repo={repo} rev={rev} /> : <span className="muted">no rev yet</span>} <span className="muted">on {clusters.join(', ')}</span>
        </div>
      ))}
    </>
  );
}

/** What the next weekly plan would do with this application: the rev it would deploy, or why it is skipped. */
export function NextPlan({ application, plan, planProblem }: { application: Application; plan?: Plan; planProblem?: string }) {
  if (!plan) return <span className="muted">{planProblem ? `unavailable: ${planProblem}` : 'loading…'}</span>;
  const skipped = plan.skipped.find((s) => s.application === application.name);
  const byRev = new Map<string, string[]>();
  for (const d of plan.deployments.filter((d) => d.application.name === application.name)) byRev.set(d.gitRev, [...(byRev.get(d.gitRev) ?? []), d.target.cluster]);
  const lines: ReactNode[] = [...byRev].map(([rev, clusters]) => (
    <div key={rev}>
      deploys <RevLink repo={application.githubRepo} rev={rev} /> to {clusters.join(', ')}
    </div>
  ));
  if (skipped) lines.push(<div key="skipped">skipped: {skipped.reason}</div>);
  return lines.length ? <>{lines}</> : <span className="muted">nothing to deploy</span>;
}

/** The staging (prototype) rev next to production's, and what the next plan would send out. */
export function GoingOut({ application, plan, planProblem }: { application: Application; plan?: Plan; planProblem?: string }) {
  const staging = application.targets.filter((t) => t.role === 'PROTOTYPE');
  const production = application.targets.filter((t) => t.role === 'PRODUCTION').sort((a, b) => a.order - b.order);
  return (
    <dl className="app-going-out">
      <dt>Staging</dt>
      <dd>
        <RevsOn repo={application.githubRepo} targets={staging} />
      </dd>
      <dt>Production</dt>
      <dd>
        <RevsOn repo={application.githubRepo} targets={production} />
      </dd>
      <dt>Next plan</dt>
      <dd>
        <NextPlan application={application} plan={plan} planProblem={planProblem} />
      </dd>
    </dl>
  );
}
