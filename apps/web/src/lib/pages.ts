import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { http, withQuery } from './http';

/** One page of a keyset-paged list, as every list endpoint answers (`pageOf` in the contract). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list, newest first: the first page, then one more each time `fetchNextPage` is
 * called (the "load more" button), following `nextCursor`. `query` adds to each request.
 */
export function usePages<P extends Page<unknown>>(
  queryKey: QueryKey,
  path: string,
  query: Record<string, string | number | undefined | null> = {},
  options: { limit?: number; enabled?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      http.get<P>(withQuery(path, { ...query, limit: options.limit ?? 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

/** Every row of the pages loaded so far, in order. */
export function itemsOf<T>(data: { pages: Page<T>[] } | undefined): T[] {
  return data?.pages.flatMap((p) => p.items) ?? [];
}
