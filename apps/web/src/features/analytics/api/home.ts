import type { HomeFigures } from '@kizuna/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../../lib/http';

/** The active company's numbers for the staff home; read afresh each time the home opens. */
export function useHomeFigures() {
  return useQuery({
    queryKey: ['analytics', 'home'],
    queryFn: () => http.get<HomeFigures>('/api/analytics/home'),
  });
}
