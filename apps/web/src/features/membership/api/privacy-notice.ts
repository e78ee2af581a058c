import type { ConsentPurpose, privacyNoticeSchema } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;

const NOTICE_KEY = ['privacy-notice'] as const;

/** The company's current notice (the default one, version 1, until a version is published). */
export function usePrivacyNotice() {
  return useQuery({ queryKey: NOTICE_KEY, queryFn: () => http.get<PrivacyNotice>('/api/privacy-notice') });
}

/** Publishes a new version: every member is asked for consent again. */
export function usePublishPrivacyNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; purposes: ConsentPurpose[] }) =>
      http.post<PrivacyNotice>('/api/privacy-notice', input),
    onSuccess: (notice) => queryClient.setQueryData(NOTICE_KEY, notice),
  });
}
