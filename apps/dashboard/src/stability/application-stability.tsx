import { Link } from '../router';
import { TableHead } from '../ui/table';
import { ChartFigure, SuccessChart, TimeChart } from './charts';
import { maybeDuration, percent, successRows, successSummary, timeRows, timeSummary, type WeekFigures } from './figures';

/** One application over the range: success, duration and lead time charts, and the figures as a table. */
export function ApplicationStability({ application, weeks, figures }: { application: string; weeks: readonly string[]; figures: readonly WeekFigures[] }) {
  const durations = timeRows(weeks, figures, 'Duration');
  const leadTimes = timeRows(weeks, figures, 'LeadTime');
  const headingId = `stability-${application}`;
  return (
    <section className="panel stability-application" aria-labelledby={headingId} data-application={application}>
      <h2 id={headingId}>{application}</h2>
      <p className="muted">
        <Link to={`/history?application=${encodeURIComponent(application)}`}>Deployments of {application}</Link>
      </p>
      <div className="chart-grid">
        <ChartFigure title="Success rate" summary={successSummary(application, figures)}>
          <SuccessChart rows={successRows(weeks, figures)} />
        </ChartFigure>
        <ChartFigure title="Deployment duration" summary={timeSummary('duration', application, durations)}>
          <TimeChart rows={durations} />
        </ChartFigure>
        <ChartFigure title="Lead time, staging to production" summary={timeSummary('lead time', application, leadTimes)}>
          <TimeChart rows={leadTimes} />
        </ChartFigure>
      </div>
      <details>
        <summary>The figures of {application} as a table</summary>
        <table className="stability-figures">
          <caption>{application}: finished production deployments per ISO week (UTC); lead time counts succeeded deployments planned from a staging run</caption>
          <TableHead columns={['Week', 'Deployments', 'Succeeded', 'Failed', 'Success rate', 'Mean duration', 'p90 duration', 'Mean lead time', 'p90 lead time']} />
          <tbody>
            {figures.map((figure) => (
              <tr key={figure.week}>
                <th scope="row">{figure.week}</th>
                <td>{figure.deployments}</td>
                <td>{figure.succeeded}</td>
                <td>{figure.failed}</td>
                <td>{percent(figure.successRate)}</td>
                <td>{maybeDuration(figure.meanDurationSeconds)}</td>
                <td>{maybeDuration(figure.p90DurationSeconds)}</td>
                <td>{maybeDuration(figure.meanLeadTimeSeconds)}</td>
                <td>{maybeDuration(figure.p90LeadTimeSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
