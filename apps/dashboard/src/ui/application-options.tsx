import { useMemo } from 'react';
import { useQuery } from '../api/hooks';
import { graphql } from '../gql';
import type { FilterOption } from './url-filters';

const FilterApplicationsQuery = graphql(`
  query FilterApplications {
    applications {
      name
    }
  }
`);

/** Every registered application, as options of an application filter (with `selected` even when nobody has that name any more). */
export function useApplicationOptions(selected: string | undefined): FilterOption[] {
  const { data } = useQuery(FilterApplicationsQuery);
  return useMemo(() => {
    const names = data?.applications.map((application) => application.name) ?? [];
    if (selected && !names.includes(selected)) names.push(selected);
    return names.map((value) => ({ value }));
  }, [data, selected]);
}
