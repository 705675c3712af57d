import { useMemo } from 'react';
import { useQuery } from '../api/hooks';
import { graphql } from '../gql';
import type { DeploymentStatus } from '../gql/schema-types';
import { DeploymentTable } from '../history/deployment-table';
import { RolloutTable } from '../history/rollout-table';
import '../history/history.css';
import { useApplicationOptions } from '../ui/application-options';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { allowedValue, UrlSelect, useUrlFilters } from '../ui/url-filters';

const HistoryRolloutsQuery = graphql(`
  query HistoryRollouts($limit: Int!) {
    rollouts(limit: $limit) {
      id
      kind
      status
      weekOf
      reason
      createdBy
      createdAt
      startedAt
      finishedAt
    }
  }
`);

const HistoryDeploymentsQuery = graphql(`
  query HistoryDeployments($application: String, $status: DeploymentStatus, $weekOf: String, $limit: Int!) {
    deployments(application: $application, status: $status, weekOf: $weekOf, limit: $limit) {
      id
      gitRev
      previousRev
      status
      attempt
      error
      startedAt
      finishedAt
      ...DeploymentPlace
    }
  }
`);

const ROLLOUT_LIMIT = 100;
const DEPLOYMENT_LIMIT = 200;
const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = ['SCHEDULED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED', 'CANCELED'];
const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** Past rollouts and deployments, filtered by application, status and week (kept in the URL). */
export function HistoryPage() {
  useDocumentTitle('History');
  const { search, setFilters } = useUrlFilters();
  const application = search.get('application') || undefined;
  const status = allowedValue(search, 'status', DEPLOYMENT_STATUSES);
  const requestedWeek = search.get('week') ?? '';
  const week = ISO_WEEK.test(requestedWeek) ? requestedWeek : undefined;

  const rollouts = useQuery(HistoryRolloutsQuery, { limit: ROLLOUT_LIMIT });
  const deployments = useQuery(HistoryDeploymentsQuery, { application, status, weekOf: week, limit: DEPLOYMENT_LIMIT });
  const applicationOptions = useApplicationOptions(application);
  const weekOptions = useMemo(() => {
    const weeks = new Set((rollouts.data?.rollouts ?? []).flatMap((rollout) => (rollout.weekOf ? [rollout.weekOf] : [])));
    if (week) weeks.add(week);
    return [...weeks]
      .sort()
      .reverse()
      .map((value) => ({ value }));
  }, [rollouts.data, week]);
  const filtered = application !== undefined || status !== undefined || week !== undefined;
  const rolloutsOfWeek = (rollouts.data?.rollouts ?? []).filter((rollout) => !week || rollout.weekOf === week);

  return (
    <>
      <h1>History</h1>
      <form className="inline history-filters" aria-label="Filter the history" onSubmit={(event) => event.preventDefault()}>
        <UrlSelect name="application" label="Application" anyLabel="All applications" options={applicationOptions} value={application} />
        <UrlSelect name="status" label="Status" anyLabel="Any status" options={DEPLOYMENT_STATUSES.map((value) => ({ value }))} value={status} />
        <UrlSelect name="week" label="Rollout week" anyLabel="Any week" options={weekOptions} value={week} />
        {filtered && (
          <button type="button" onClick={() => setFilters({ application: undefined, status: undefined, week: undefined })}>
            Clear filters
          </button>
        )}
      </form>

      <section aria-labelledby="history-deployments" aria-busy={deployments.loading}>
        <h2 id="history-deployments">Deployments</h2>
        {deployments.error ? (
          <ErrorState error={deployments.error} retry={deployments.reload} />
        ) : !deployments.data ? (
          <Loading what="deployments" />
        ) : deployments.data.deployments.length === 0 ? (
          <EmptyState title={filtered ? 'No deployment matches these filters.' : 'No deployment yet.'}>
            <p>{filtered ? 'Widen or clear the filters.' : 'Deployments appear here once a rollout is planned (Monday) and run (Wednesday).'}</p>
          </EmptyState>
        ) : (
          <>
            <p className="muted" role="status">
              {deployments.data.deployments.length === DEPLOYMENT_LIMIT
                ? `The newest ${DEPLOYMENT_LIMIT} deployments${filtered ? ' that match' : ''}: narrow the filters to reach older ones.`
                : `${deployments.data.deployments.length} deployment${deployments.data.deployments.length === 1 ? '' : 's'}${filtered ? ' match' : ''}, newest first.`}
            </p>
            <div className="table-scroll">
              <DeploymentTable deployments={deployments.data.deployments} />
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="history-rollouts">
        <h2 id="history-rollouts">Rollouts{week ? ` of ${week}` : ''}</h2>
        {rollouts.error ? (
          <ErrorState error={rollouts.error} retry={rollouts.reload} />
        ) : !rollouts.data ? (
          <Loading what="rollouts" />
        ) : rolloutsOfWeek.length === 0 ? (
          <EmptyState title={week ? `No rollout in ${week}.` : 'No rollout yet.'} />
        ) : (
          <div className="table-scroll">
            <RolloutTable rollouts={rolloutsOfWeek} />
          </div>
        )}
      </section>
    </>
  );
}
