import type { ImportValueField } from '@kizuna/contract';
import { Badge, Box, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { leaveReasonLabel, leaveReasonOptions, leaveTypeLabel, leaveTypeOptions } from '../../alumni/labels';
import type { ImportValueMaps } from '../api/import';
import { automaticCode, mappedCode, useFieldLabel } from '../mapping-rules';

/**
 * Under a column mapped to a fixed list (退職区分, 退職理由の区分): each different value of the file
 * with how many rows hold it, and what it is read as — recognised by itself (自己都合退職 → 自己都合)
 * or chosen here (依願退職 → 自己都合). Unrecognised values left unchosen reject their rows.
 */
export function ValueMapPanel({
  header,
  field,
  found,
  values,
  onValues,
}: {
  header: string;
  field: ImportValueField;
  /** The column's different values (null: too many to list) */
  found: { value: string; rows: number }[] | null;
  values: ImportValueMaps;
  onValues: (values: ImportValueMaps) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fieldLabel = useFieldLabel()(field);
  const labelOf = (code: string) =>
    field === 'leaveType'
      ? leaveTypeLabel(code as Parameters<typeof leaveTypeLabel>[0], locale)
      : leaveReasonLabel(code as Parameters<typeof leaveReasonLabel>[0], locale);
  const options = field === 'leaveType' ? leaveTypeOptions(locale) : leaveReasonOptions(locale);

  const choose = (value: string, code: string | null) => {
    const current = { ...((values[field] as Record<string, string> | undefined) ?? {}) };
    if (code) current[value] = code;
    else delete current[value];
    const next = { ...values, [field]: current };
    if (!Object.keys(current).length) delete next[field];
    onValues(next);
  };

  return (
    <Box
      mt="sm"
      p="sm"
      bg="gray.0"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      data-testid="value-map"
      aria-label={t('alumniImport.valueMapTitle', { field: fieldLabel })}
      role="group"
    >
      <Stack gap="xs">
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {t('alumniImport.valueMapTitle', { field: fieldLabel })}
          </Text>
          <Text size="xs" c="dimmed">
            {found ? t('alumniImport.valueMapLead', { field: fieldLabel }) : t('alumniImport.tooManyValues')}
          </Text>
        </Stack>
        {(found ?? []).map(({ value, rows }) => {
          const automatic = automaticCode(field, value);
          const chosen = mappedCode(values, field, value);
          const blankReason = field === 'leaveReasonCategory' && value === '';
          const unmatched = !automatic && !chosen && !blankReason;
          const shown = value || t('alumniImport.blankValue');
          return (
            <SimpleGrid
              key={value}
              cols={{ base: 1, xs: 2 }}
              spacing="sm"
              verticalSpacing={4}
              style={{ alignItems: 'center' }}
              data-testid="value-map-row"
            >
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} className="kizuna-break" c={value ? undefined : 'dimmed'}>
                  {shown}
                </Text>
                <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                  {t('alumniImport.rowsCount', { count: rows })}
                </Badge>
                <Box visibleFrom="xs" style={{ flexShrink: 0, display: 'flex' }}>
                  <IconArrowRight size={14} color="var(--mantine-color-dimmed)" />
                </Box>
              </Group>
              <Select
                aria-label={t('alumniImport.valueMapFor', { header, value: shown })}
                data={options}
                value={chosen}
                onChange={(code) => choose(value, code)}
                clearable
                placeholder={
                  automatic
                    ? t('alumniImport.autoValue', { label: labelOf(automatic) })
                    : blankReason
                      ? t('alumniImport.keepBlank')
                      : t('alumniImport.needsValue')
                }
                error={unmatched}
                size="sm"
              />
            </SimpleGrid>
          );
        })}
      </Stack>
    </Box>
  );
}
