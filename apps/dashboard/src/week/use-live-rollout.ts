import { useMemo, useState } from 'react';
import { useLive } from '../api/hooks';
import type { WeekDeploymentRowFragment, WeekRolloutFragment, WeekRolloutRowFragment } from '../gql/graphql';
import { useCoalesced } from '../ui/use-coalesced';
import { WeekDeploymentChangedSubscription, WeekRolloutChangedSubscription } from './documents';

export type WeekRollout = WeekRolloutFragment;
export type WeekDeployment = WeekRolloutFragment['deployments'][number];

/** After live events, fields the runner derives (waitingFor, estimatedFinishAt, attempts) are read again once per burst. */
const RELOAD_AFTER_EVENTS_MS = 300;

type Rows<T> = Readonly<Record<string, T>>;

/** Keeps the event's row unless a row of the same id at this or a later version is already there. */
function keepNewer<T extends { id: string; version: number }>(row: T): (rows: Rows<T>) => Rows<T> {
  return (rows) => ((rows[row.id]?.version ?? -1) >= row.version ? rows : { ...rows, [row.id]: row });
}

/** The read rollout with every newer row from live events laid over it: the status shown is always the newest known. */
export function mergeLive(base: WeekRollout, rollouts: Rows<WeekRolloutRowFragment>, deployments: Rows<WeekDeploymentRowFragment>): WeekRollout {
  const row = rollouts[base.id];
  return {
    ...base,
    ...(row && row.version > base.version ? row : {}),
    deployments: base.deployments.map((deployment) => {
      const live = deployments[deployment.id];
      return live && live.version > deployment.version ? { ...deployment, ...live } : deployment;
    }),
  };
}

/**
 * Follows a rollout live: `deploymentChanged` and `rolloutChanged` rows are merged by id, keeping the
 * higher version, and the query is read again (coalesced) for the derived fields. With `followCurrent`
 * (the "This week" page), a change of another rollout reloads too: it may be the new current one.
 */
export function useLiveRollout(base: WeekRollout | null | undefined, reload: () => void, followCurrent: boolean): { rollout?: WeekRollout; liveProblem?: string } {
  const refresh = useCoalesced(reload, RELOAD_AFTER_EVENTS_MS);
  const [rolloutRows, setRolloutRows] = useState<Rows<WeekRolloutRowFragment>>({});
  const [deploymentRows, setDeploymentRows] = useState<Rows<WeekDeploymentRowFragment>>({});
  const rolloutProblem = useLive(WeekRolloutChangedSubscription, {}, ({ rolloutChanged }) => {
    if (rolloutChanged.id === base?.id) setRolloutRows(keepNewer(rolloutChanged));
    if (rolloutChanged.id === base?.id || followCurrent) refresh();
  });
  const deploymentProblem = useLive(WeekDeploymentChangedSubscription, base ? { rolloutId: base.id } : undefined, ({ deploymentChanged }) => {
    setDeploymentRows(keepNewer(deploymentChanged));
    refresh();
  });
  const rollout = useMemo(() => (base ? mergeLive(base, rolloutRows, deploymentRows) : undefined), [base, rolloutRows, deploymentRows]);
  return { rollout, liveProblem: rolloutProblem ?? deploymentProblem };
}
