import {
  coveredImportFields,
  effectiveImportDefaults,
  type ImportDefaultField,
  type ImportPreview,
  type ImportValueField,
  importDefaultFields,
  importFieldHints,
  importFieldLabels,
  importValueCodes,
  importValueFields,
  importValueLabels,
  matchListValue,
} from '@kizuna/contract';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import type { ColumnMapping, ImportDefaults, ImportField, ImportValueMaps } from './api/import';

/** The fields a file must carry (by a column or one value for all rows), each as alternatives. */
export const requiredFields: ImportField[][] = [['fullName', 'familyName'], ['leftOn'], ['leaveType']];
/** Required fields that can take one value for all rows: offered as soon as no column holds them. */
export const requiredDefaults: ImportDefaultField[] = ['leftOn', 'leaveType'];

/** Every field some column of the file fills (as the server reads it). */
export function coveredFields(mapping: ColumnMapping): Set<ImportField> {
  return coveredImportFields(Object.values(mapping));
}

/** The defaults that count: non-empty, for fields no column holds (what the server will use). */
export function effectiveDefaults(mapping: ColumnMapping, defaults: ImportDefaults): ImportDefaults {
  return effectiveImportDefaults(coveredFields(mapping), defaults);
}

/** A field's name from the contract, with how its cells are written where that is not plain. */
export function useFieldLabel(): (field: ImportField) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (field) => {
    const name = importFieldLabels[field][locale];
    const hint = importFieldHints[field]?.[locale];
    return hint ? t('alumniImport.fieldWithHint', { name, hint }) : name;
  };
}

/** The fields offered a value for all rows: those chosen, and the required ones without a column. */
export function shownDefaultFields(mapping: ColumnMapping, defaults: ImportDefaults): ImportDefaultField[] {
  const covered = coveredFields(mapping);
  return importDefaultFields.filter(
    (f) => !covered.has(f) && (f in defaults || requiredDefaults.includes(f)),
  );
}

/** What is wrong before asking the server: required fields without a column or value, fields twice. */
export function mappingProblems(mapping: ColumnMapping, defaults: ImportDefaults = {}) {
  const used = Object.values(mapping).filter((f): f is ImportField => Boolean(f));
  const given = new Set<ImportField>([
    ...used,
    ...(Object.keys(effectiveDefaults(mapping, defaults)) as ImportField[]),
  ]);
  const missing = requiredFields.filter((alternatives) => !alternatives.some((f) => given.has(f)));
  const twice = [...new Set(used.filter((f, i) => used.indexOf(f) !== i))];
  return { missing: missing.map((alternatives) => alternatives[0]!), twice };
}

export const isValueField = (f: ImportField | null): f is ImportValueField =>
  (importValueFields as readonly string[]).includes(f ?? '');

/** The code a file's value is read as without a value map (null: not recognised). */
export function automaticCode(field: ImportValueField, value: string): string | null {
  return matchListValue<string>(value, importValueCodes[field], importValueLabels[field]);
}

/** The value map entry for a file's value, compared as the server compares (width, case, spaces). */
export function mappedCode(values: ImportValueMaps, field: ImportValueField, value: string): string | null {
  return (values[field] as Record<string, string> | undefined)?.[value] ?? null;
}

/**
 * The file's values of columns mapped to a fixed list that would be rejected: not recognised and
 * not read through the value map (a blank reason category is no problem).
 */
export function unmatchedValues(
  preview: ImportPreview,
  mapping: ColumnMapping,
  values: ImportValueMaps,
): { header: string; field: ImportValueField; value: string }[] {
  return preview.headers.flatMap((header) => {
    const field = mapping[header] ?? null;
    if (!isValueField(field)) return [];
    return (preview.distinctValues[header] ?? [])
      .filter(({ value }) => !(field === 'leaveReasonCategory' && value === ''))
      .filter(({ value }) => !automaticCode(field, value) && !mappedCode(values, field, value))
      .map(({ value }) => ({ header, field, value }));
  });
}
