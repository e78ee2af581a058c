import {
  type ImportDefaults,
  type ImportField,
  type ImportPreview,
  type ImportProgress,
  type ImportValueMaps,
  importQuerySchema,
  type importResultSchema,
  type savedMappingSchema,
} from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { http } from '../../../lib/http';

/** CSV header → field (null: leave the column out). */
export type ColumnMapping = Record<string, ImportField | null>;
/** How the server may read a file: `auto` detects UTF-8 (with or without BOM) or CP932. */
export const importEncodings = importQuerySchema.shape.encoding.unwrap().options;
export type ImportEncoding = (typeof importEncodings)[number];
export type ImportResult = z.infer<typeof importResultSchema>;
export type SavedMapping = z.infer<typeof savedMappingSchema>;

export type { ImportDefaults, ImportField, ImportValueMaps };

export interface ImportRequest {
  file: File;
  encoding: ImportEncoding;
  /** Omitted on the first look: the server applies its presets. */
  mapping?: ColumnMapping;
  /** One value for every row, for fields no column holds. */
  defaults?: ImportDefaults;
  /** The file's own values read as our codes. */
  values?: ImportValueMaps;
}

function importPath(step: 'preview' | 'apply', request: ImportRequest, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ encoding: request.encoding, ...extra });
  if (request.mapping) params.set('mapping', JSON.stringify(request.mapping));
  if (request.defaults && Object.keys(request.defaults).length)
    params.set('defaults', JSON.stringify(request.defaults));
  if (request.values && Object.keys(request.values).length)
    params.set('values', JSON.stringify(request.values));
  return `/api/alumni/import/${step}?${params}`;
}

/** The template CSV to fill in: UTF-8 with BOM, or Shift_JIS (CP932) for Excel in Japan. */
export const templateUrl = (encoding: 'utf8' | 'cp932') => `/api/alumni/import/template?encoding=${encoding}`;

/** Reads the file on the server: headers, mapping, every row's problems; nothing changes. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      http.upload<ImportPreview>(importPath('preview', request), request.file, 'text/csv'),
  });
}

/** A random v4 UUID; crypto.randomUUID exists only on https (or localhost) pages. */
function newProgressId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Applies the file in one transaction: all rows (or all valid rows, with skipInvalid) or none.
 * `progressId` names the running apply, for `useImportProgress`.
 */
export function useApplyImport() {
  const queryClient = useQueryClient();
  const [progressId, setProgressId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ skipInvalid, ...request }: ImportRequest & { skipInvalid: boolean }) => {
      const id = newProgressId();
      setProgressId(id);
      return http.upload<ImportResult>(
        importPath('apply', request, {
          skipInvalid: String(skipInvalid),
          fileName: request.file.name,
          progressId: id,
        }),
        request.file,
        'text/csv',
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alumni'] }),
  });
  return { ...mutation, progressId };
}

/**
 * Where the running apply stands, asked twice a second while `running`. Nothing (undefined) until
 * the server has started it, or when another server process answers (the bar then shows no figures).
 */
export function useImportProgress(progressId: string | null, running: boolean) {
  return useQuery({
    queryKey: ['alumni-import-progress', progressId],
    queryFn: () => http.get<ImportProgress>(`/api/alumni/import/progress/${progressId}`),
    enabled: running && progressId !== null,
    refetchInterval: running ? 500 : false,
    retry: false,
    gcTime: 0,
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
    mutationFn: (input: {
      name: string;
      columns: ColumnMapping;
      defaults: ImportDefaults;
      values: ImportValueMaps;
    }) => http.put<SavedMapping>('/api/alumni/import/mappings', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAPPINGS_KEY }),
  });
}
