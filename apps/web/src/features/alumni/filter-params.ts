import {
  type AlumniInterest,
  alumniInterests,
  alumniSorts,
  type LeaveType,
  leaveTypes,
} from '@kizuna/contract';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type AlumniFilter, type AlumniSort, emptyFilter, filterParams } from './api/alumni';

const bool = (v: string | null): '' | 'true' | 'false' => (v === 'true' || v === 'false' ? v : '');
const oneOf = <T extends string>(values: string[], allowed: readonly T[]) =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

export function parseFilter(params: URLSearchParams): AlumniFilter {
  const year = params.get('leaveYear') ?? '';
  return {
    q: params.get('q') ?? '',
    department: params.get('department') ?? '',
    leaveYear: /^\d{4}$/.test(year) ? year : '',
    leaveType: oneOf<LeaveType>(params.getAll('leaveType'), leaveTypes),
    interest: oneOf<AlumniInterest>(params.getAll('interest'), alumniInterests),
    tag: params.getAll('tag').filter(Boolean),
    registered: bool(params.get('registered')),
    hasDecisionAuthority: bool(params.get('hasDecisionAuthority')),
    currentCompany: params.get('currentCompany') ?? '',
    eligible: bool(params.get('eligible')),
  };
}

function parseSort(params: URLSearchParams): AlumniSort {
  const sort = params.get('sort') ?? '';
  return (alumniSorts as readonly string[]).includes(sort) ? (sort as AlumniSort) : 'left_desc';
}

function toParams(filter: AlumniFilter, sort: AlumniSort): URLSearchParams {
  const params = filterParams(filter);
  if (sort !== 'left_desc') params.set('sort', sort);
  return params;
}

/** Filters in the panel that are set (the search box not counted). */
export function activeFilterCount(filter: AlumniFilter): number {
  return (Object.keys(emptyFilter) as (keyof AlumniFilter)[]).filter((k) => {
    if (k === 'q') return false;
    const v = filter[k];
    return Array.isArray(v) ? v.length > 0 : v.trim() !== '';
  }).length;
}

/**
 * The list's search, filters and sort live in the address, so a link shares them and coming
 * back from a record finds the list as it was.
 */
export function useAlumniFilterParams() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const sort = parseSort(params);

  // each change starts from the address as it is now, so late (debounced) changes never undo others
  const setFilter = useCallback(
    (change: Partial<AlumniFilter>) =>
      setParams((prev) => toParams({ ...parseFilter(prev), ...change }, parseSort(prev)), {
        replace: true,
        preventScrollReset: true,
      }),
    [setParams],
  );
  const setSort = useCallback(
    (next: AlumniSort) =>
      setParams((prev) => toParams(parseFilter(prev), next), { replace: true, preventScrollReset: true }),
    [setParams],
  );
  const clearFilters = useCallback(
    () =>
      setParams((prev) => toParams({ ...emptyFilter, q: parseFilter(prev).q }, parseSort(prev)), {
        replace: true,
        preventScrollReset: true,
      }),
    [setParams],
  );

  return { filter, sort, setFilter, setSort, clearFilters, activeCount: activeFilterCount(filter) };
}
