import { ReactNode, useState } from 'react';
import { OperatorButton } from '../ui/forms';
import type { Application } from './documents';
import { EmergencyForm } from './emergency-form';
import { FreezeApplicationForm, ThawButton } from './freeze';
import type { Done } from './notice';

/**
 * Freeze… or Thaw, and Emergency deployment…, for one application: the buttons, and the form one of
 * them opened (the list puts it in a row under the application's, the detail view under the buttons).
 */
export function useApplicationActions(application: Application, done: Done): { buttons: ReactNode; form: ReactNode } {
  const [open, setOpen] = useState<'freeze' | 'emergency'>();
  const close = () => setOpen(undefined);
  const toggle = (which: 'freeze' | 'emergency') => setOpen(open === which ? undefined : which);
  const { name } = application;
  const buttons = (
    <div className="actions">
      {application.freezeScope === 'APPLICATION' ? (
        <ThawButton application={application} done={done} />
      ) : (
        <OperatorButton aria-expanded={open === 'freeze'} aria-label={`Freeze ${name}…`} onClick={() => toggle('freeze')}>
          Freeze…
        </OperatorButton>
      )}
      <OperatorButton aria-expanded={open === 'emergency'} aria-label={`Emergency deployment of ${name}…`} onClick={() => toggle('emergency')}>
        Emergency deployment…
      </OperatorButton>
    </div>
  );
  const form =
    open === 'freeze' ? (
      <FreezeApplicationForm application={application} done={done} onClose={close} />
    ) : open === 'emergency' ? (
      <EmergencyForm application={application} onClose={close} />
    ) : undefined;
  return { buttons, form };
}
