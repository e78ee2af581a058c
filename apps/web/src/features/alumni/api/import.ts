import type {
  ImportPreview,
  importFieldNames,
  importResultSchema,
  savedMappingSchema,
} from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type ImportField = (typeof importFieldNames)[number];
/** CSV header → field (null: leave the column out). */
export type ColumnMapping = Record<string, ImportField | null>;
export type ImportEncoding = 'auto' | 'utf8' | 'cp932';
export type ImportResult = z.infer<typeof importResultSchema>;
export type SavedMapping = z.infer<typeof savedMappingSchema>;

export interface ImportRequest {
  file: File;
  encoding: ImportEncoding;
  /** Omitted on the first look: the server applies its presets. */
  mapping?: ColumnMapping;
}

function importPath(step: 'preview' | 'apply', request: ImportRequest, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ encoding: request.encoding, ...extra });
  if (request.mapping) params.set('mapping', JSON.stringify(request.mapping));
  return `/api/alumni/import/${step}?${params}`;
}

/** Reads the file on the server: headers, mapping, every row's problems; nothing changes. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      http.upload<ImportPreview>(importPath('preview', request), request.file, 'text/csv'),
  });
}

/** Applies the file in one transaction: all rows (or all valid rows, with skipInvalid) or none. */
export function useApplyImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ skipInvalid, ...request }: ImportRequest & { skipInvalid: boolean }) =>
      http.upload<ImportResult>(
        importPath('apply', request, { skipInvalid: String(skipInvalid), fileName: request.file.name }),
        request.file,
        'text/csv',
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alumni'] }),
  });
}

const MAPPINGS_KEY = ['alumni-import-mappings'] as const;

export function useSavedMappings() {
  return useQuery({
    queryKey: MAPPINGS_KEY,
    queryFn: () => http.get<SavedMapping[]>('/api/alumni/import/mappings'),
  });
}

export function useSaveMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; columns: ColumnMapping }) =>
      http.put<SavedMapping>('/api/alumni/import/mappings', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAPPINGS_KEY }),
  });
}
