import { useCallback, useId } from 'react';
import { setSearch, useLocation } from '../router';

export interface FilterOption {
  value: string;
  label?: string;
}

/** Filters kept in the URL's query string (so a filtered page can be shared and survives a reload). */
export function useUrlFilters(): { search: URLSearchParams; setFilters: (changes: Record<string, string | undefined>) => void } {
  const { search } = useLocation();
  // An empty or undefined value removes the filter; the others stay as they are.
  const setFilters = useCallback((changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setSearch(next);
  }, []);
  return { search, setFilters };
}

/** The URL's value of `name` when it is one of `allowed`; anything else (hand-edited, outdated) counts as no filter. */
export function allowedValue<T extends string>(search: URLSearchParams, name: string, allowed: readonly T[]): T | undefined {
  const value = search.get(name);
  return allowed.find((candidate) => candidate === value);
}

/** A labelled select bound to one URL filter; the first option ("any …") clears it. */
export function UrlSelect({ name, label, anyLabel, options, value }: { name: string; label: string; anyLabel?: string; options: readonly FilterOption[]; value: string | undefined }) {
  const { setFilters } = useUrlFilters();
  const id = useId();
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} name={name} value={value ?? ''} onChange={(event) => setFilters({ [name]: event.target.value })}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label ?? option.value}
          </option>
        ))}
      </select>
    </label>
  );
}
