import {
  type Alumnus,
  type AlumnusInput,
  type alumniFilterSchema,
  type alumniPageSchema,
  type alumniSorts,
  exportQuerySchema,
  type TimelinePage,
  type timelineEntrySchema,
} from '@kizuna/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';
import { usePages } from '../../../lib/pages';

export type AlumniPage = z.infer<typeof alumniPageSchema>;
export type AlumnusSummary = AlumniPage['items'][number];
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type AlumniSort = (typeof alumniSorts)[number];

type ContractFilter = z.output<typeof alumniFilterSchema>;

/**
 * The list's filter as the screen keeps it: the contract's filters, each a list (empty when not
 * filtering), a yes/no ('' when either) or a text ('' when not filtering).
 */
export type AlumniFilter = {
  [K in keyof ContractFilter]-?: NonNullable<ContractFilter[K]> extends readonly (infer E)[]
    ? E[]
    : NonNullable<ContractFilter[K]> extends boolean
      ? '' | 'true' | 'false'
      : string;
};

export const emptyFilter: AlumniFilter = {
  q: '',
  department: '',
  leaveYear: '',
  leaveType: [],
  interest: [],
  tag: [],
  registered: '',
  hasDecisionAuthority: '',
  currentCompany: '',
  eligible: '',
};

/** The API's query string for a filter: lists as repeated parameters, empty values left out. */
export function filterParams(filter: AlumniFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(emptyFilter) as (keyof AlumniFilter)[]) {
    const value = filter[key];
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else if (value.trim()) params.set(key, value.trim());
  }
  return params;
}

const ALUMNI_KEY = ['alumni'] as const;
const PAGE_SIZE = 50;

/** One company's alumni, filtered and sorted, by keyset pages. */
export function useAlumniList(filter: AlumniFilter, sort: AlumniSort) {
  return useInfiniteQuery({
    queryKey: [...ALUMNI_KEY, 'list', filter, sort],
    queryFn: ({ pageParam }) => {
      const params = filterParams(filter);
      params.set('sort', sort);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return http.get<AlumniPage>(`/api/alumni?${params}`);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** The encodings the list downloads in (CP932 for Excel). */
export const exportEncodings = exportQuerySchema.shape.encoding.unwrap().options;
export type ExportEncoding = (typeof exportEncodings)[number];

/** The CSV download of the filtered list: a plain link, so the browser saves the file. */
export function exportHref(filter: AlumniFilter, encoding: ExportEncoding): string {
  const params = filterParams(filter);
  params.set('encoding', encoding);
  return `/api/alumni/export?${params}`;
}

/** One alumnus. Every read is audited on the server, so a fresh copy is kept for a while. */
export function useAlumnus(id: string) {
  return useQuery({
    queryKey: [...ALUMNI_KEY, 'one', id],
    queryFn: () => http.get<Alumnus>(`/api/alumni/${encodeURIComponent(id)}`),
    staleTime: 60_000,
  });
}

/** The record's history, newest first, 50 entries at a time. */
export function useAlumnusTimeline(id: string) {
  return usePages<TimelinePage>(
    [...ALUMNI_KEY, 'one', id, 'timeline'],
    `/api/alumni/${encodeURIComponent(id)}/timeline`,
  );
}

export function useCreateAlumnus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AlumnusInput) => http.post<Alumnus>('/api/alumni', input),
    onSuccess: (created) => {
      queryClient.setQueryData([...ALUMNI_KEY, 'one', created.id], created);
      return queryClient.invalidateQueries({ queryKey: [...ALUMNI_KEY, 'list'] });
    },
  });
}

/** Saves an edit made on `version`; someone else's newer edit answers 409 `conflict`. */
export function useUpdateAlumnus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, alumnus }: { version: number; alumnus: AlumnusInput }) =>
      http.put<Alumnus>(`/api/alumni/${encodeURIComponent(id)}`, { version, alumnus }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...ALUMNI_KEY, 'one', id], saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...ALUMNI_KEY, 'one', id, 'timeline'] }),
        queryClient.invalidateQueries({ queryKey: [...ALUMNI_KEY, 'list'] }),
      ]);
    },
  });
}
