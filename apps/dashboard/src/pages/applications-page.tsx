import { useCallback, useState } from 'react';
import { useQuery } from '../api/hooks';
import { ApplicationDetail } from '../applications/application-detail';
import { FleetQuery, PreviewQuery } from '../applications/documents';
import { FleetTable } from '../applications/fleet-table';
import { FleetFreezePanel } from '../applications/freeze';
import { Done, useNotice } from '../applications/notice';
import { RegisterForm, TicketForm } from '../applications/register-form';
import { Link } from '../router';
import { useDocumentTitle } from '../ui/document-title';
import { OperatorButton } from '../ui/forms';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import '../applications/applications.css';

/**
 * The fleet (`/applications`) and one application (`/applications/:name`): registration, targets,
 * dependencies, freezes and emergency deployments. Every action reads the fleet again when it is done.
 */
export function ApplicationsPage({ name }: { name?: string }) {
  const fleet = useQuery(FleetQuery);
  const preview = useQuery(PreviewQuery);
  const { reload: reloadFleet } = fleet;
  const { reload: reloadPreview } = preview;
  const reloadAll = useCallback(() => {
    reloadFleet();
    reloadPreview();
  }, [reloadFleet, reloadPreview]);
  const { notice, done } = useNotice(reloadAll);
  useDocumentTitle(name === undefined ? 'Applications' : `${name} · Applications`);

  if (!fleet.data) return fleet.error ? <ErrorState error={fleet.error} retry={reloadFleet} /> : <Loading what="applications" />;
  const { applications, fleetFreeze } = fleet.data;
  const plan = { plan: preview.data?.schedulePreview, planProblem: preview.error?.message };

  if (name !== undefined) {
    const application = applications.find((a) => a.name === name);
    return (
      <div className="app-page">
        {notice}
        {application ? (
          <ApplicationDetail application={application} applications={applications} done={done} {...plan} />
        ) : (
          <EmptyState title={`No application is registered as "${name}".`}>
            <p>
              See <Link to="/applications">every application</Link>.
            </p>
          </EmptyState>
        )}
      </div>
    );
  }
  return (
    <div className="app-page">
      <h1>Applications</h1>
      {notice}
      {fleet.error && <ErrorState error={fleet.error} retry={reloadFleet} />}
      <FleetFreezePanel fleet={fleetFreeze} done={done} />
      <Registration done={done} />
      {applications.length === 0 ? (
        <EmptyState title="No application is registered yet.">
          <p>Register one above: every week its newest staging rev is planned for production.</p>
        </EmptyState>
      ) : (
        <FleetTable applications={applications} done={done} {...plan} />
      )}
    </div>
  );
}

/** "Register application…" and "Request registration ticket…", each opening its form. */
function Registration({ done }: { done: Done }) {
  const [open, setOpen] = useState<'register' | 'ticket'>();
  const close = () => setOpen(undefined);
  return (
    <section className="panel app-registration" aria-label="Registration">
      <div className="actions">
        <OperatorButton className="primary" aria-expanded={open === 'register'} onClick={() => setOpen(open === 'register' ? undefined : 'register')}>
          Register application…
        </OperatorButton>
        <OperatorButton aria-expanded={open === 'ticket'} onClick={() => setOpen(open === 'ticket' ? undefined : 'ticket')}>
          Request registration ticket…
        </OperatorButton>
      </div>
      {open === 'register' && <RegisterForm done={done} onClose={close} />}
      {open === 'ticket' && <TicketForm done={done} onClose={close} />}
    </section>
  );
}
