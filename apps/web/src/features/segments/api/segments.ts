import type { segmentSchema } from '@kizuna/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';
import { type AlumniFilter, emptyFilter, filterParams } from '../../alumni/api/alumni';
import { parseFilter } from '../../alumni/filter-params';

export type Segment = z.infer<typeof segmentSchema>;

// under the alumni key: an import or an edit refreshes the counts as well
export const SEGMENTS_KEY = ['alumni', 'segments'] as const;

/** A stored filter (JSON as the server keeps it) as the list's filter. */
export function segmentFilter(stored: Record<string, unknown>): AlumniFilter {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(stored)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (value !== undefined && value !== null) params.set(key, String(value));
  }
  return parseFilter(params);
}

/** The alumni list's address showing a segment's people. */
export function segmentListHref(stored: Record<string, unknown>): string {
  const params = filterParams(segmentFilter(stored));
  const qs = params.toString();
  return qs ? `/alumni?${qs}` : '/alumni';
}

/** The screen's filter as the contract's filter (values typed, empty ones left out). */
export function apiFilter(filter: AlumniFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(emptyFilter) as (keyof AlumniFilter)[]) {
    const value = filter[key];
    if (Array.isArray(value)) {
      if (value.length) out[key] = value;
    } else if (value.trim()) {
      const v = value.trim();
      out[key] = key === 'leaveYear' ? Number(v) : v === 'true' ? true : v === 'false' ? false : v;
    }
  }
  return out;
}

export function useSegments() {
  return useQuery({
    queryKey: SEGMENTS_KEY,
    queryFn: () => http.get<Segment[]>('/api/alumni/segments'),
  });
}

/** How many alumni a filter matches now (one row asked for, the total read). */
export function useMatchCount(filter: AlumniFilter, enabled = true) {
  return useQuery({
    queryKey: ['alumni', 'count', filter],
    queryFn: async () => {
      const params = filterParams(filter);
      params.set('limit', '1');
      return (await http.get<{ total: number }>(`/api/alumni?${params}`)).total;
    },
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSaveSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name, filter }: { id?: string; name: string; filter: AlumniFilter }) => {
      const body = { name, filter: apiFilter(filter) };
      return id
        ? http.put<Segment>(`/api/alumni/segments/${encodeURIComponent(id)}`, body)
        : http.post<Segment>('/api/alumni/segments', body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SEGMENTS_KEY }),
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<{ ok: true }>(`/api/alumni/segments/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SEGMENTS_KEY }),
  });
}
