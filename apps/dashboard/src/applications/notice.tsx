import { ReactNode, useCallback, useState } from 'react';

/** Called by a form or button once its action succeeded: says so, and the page reads again. */
export type Done = (message: ReactNode) => void;

/** The confirmation of the last action, in a live region that is always there so screen readers announce it. */
export function useNotice(onAction: () => void): { notice: ReactNode; done: Done } {
  const [notice, setNotice] = useState<ReactNode>();
  const done = useCallback<Done>(
    (message) => {
      setNotice(message);
      onAction();
    },
    [onAction],
  );
  return {
    done,
    notice: (
      <div role="status" className="app-notice">
        {notice && <p className="notice">{notice}</p>}
      </div>
    ),
  };
}
