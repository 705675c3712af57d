import { useMemo, useState } from 'react';
import { useQuery } from '../api/hooks';
import { graphql } from '../gql';
import { ApplicationStability } from '../stability/application-stability';
import { byApplication, percent } from '../stability/figures';
import '../stability/stability.css';
import { lastWeeks } from '../stability/weeks';
import { useApplicationOptions } from '../ui/application-options';
import { useDocumentTitle } from '../ui/document-title';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { allowedValue, UrlSelect, useUrlFilters } from '../ui/url-filters';

const StabilityQuery = graphql(`
  query StabilityCharts($from: DateTime!, $to: DateTime!, $application: String) {
    stability(from: $from, to: $to, application: $application) {
      application
      week
      deployments
      succeeded
      failed
      successRate
      meanDurationSeconds
      p90DurationSeconds
      meanLeadTimeSeconds
      p90LeadTimeSeconds
    }
  }
`);

const RANGES = ['12', '26', '52'] as const;

/** Success rate, deployment duration and lead time per application and ISO week, over the last 12, 26 or 52 weeks. */
export function StabilityPage() {
  useDocumentTitle('Stability');
  const { search } = useUrlFilters();
  const application = search.get('application') || undefined;
  const weeks = allowedValue(search, 'weeks', RANGES) ?? RANGES[0];
  const [now] = useState(() => Date.now());
  const range = useMemo(() => lastWeeks(Number(weeks), now), [weeks, now]);
  const { data, error, loading, reload } = useQuery(StabilityQuery, { from: range.from, to: range.to, application });
  const applicationOptions = useApplicationOptions(application);
  const groups = useMemo(() => byApplication(data?.stability ?? []), [data]);
  const deployments = groups.reduce((sum, [, figures]) => sum + figures.reduce((n, figure) => n + figure.deployments, 0), 0);
  const succeeded = groups.reduce((sum, [, figures]) => sum + figures.reduce((n, figure) => n + figure.succeeded, 0), 0);
  const span = `${range.weeks[0]} to ${range.weeks[range.weeks.length - 1]}`;

  return (
    <>
      <h1>Stability</h1>
      <p>
        Finished production deployments (SUCCEEDED or FAILED) per application and ISO week of their finish, in UTC. Lead time runs from the end of the staging run a rev was planned from to its end in
        production.
      </p>
      <form className="inline stability-filters" aria-label="Choose what the charts show" onSubmit={(event) => event.preventDefault()}>
        <UrlSelect name="weeks" label="Range" options={RANGES.map((value) => ({ value, label: `Last ${value} weeks` }))} value={weeks} />
        <UrlSelect name="application" label="Application" anyLabel="All applications" options={applicationOptions} value={application} />
      </form>
      <section aria-busy={loading} aria-live="polite">
        {error ? (
          <ErrorState error={error} retry={reload} />
        ) : !data ? (
          <Loading what="the stability figures" />
        ) : groups.length === 0 ? (
          <EmptyState title={`No finished production deployment${application ? ` of ${application}` : ''} from ${span}.`}>
            <p>The charts fill as rollouts finish: every week in which a production deployment succeeds or fails adds a point. Canceled and blocked deployments never ran, so they do not count.</p>
          </EmptyState>
        ) : (
          <>
            <p role="status">
              {span}: {deployments} finished production deployment{deployments === 1 ? '' : 's'} of {groups.length} application{groups.length === 1 ? '' : 's'}, {percent(succeeded / deployments)}{' '}
              succeeded.
            </p>
            {groups.map(([name, figures]) => (
              <ApplicationStability key={name} application={name} weeks={range.weeks} figures={figures} />
            ))}
          </>
        )}
      </section>
    </>
  );
}
