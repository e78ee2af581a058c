import { type ImportDefaultField, importDefaultFields } from '@kizuna/contract';
import {
  ActionIcon,
  Badge,
  Box,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { interestOptions, leaveReasonOptions, leaveTypeOptions } from '../../alumni/labels';
import type { ColumnMapping, ImportDefaults } from '../api/import';
import { coveredFields, requiredDefaults, shownDefaultFields, useFieldLabel } from '../mapping-rules';

const LIST_SEPARATOR = '、';

/** The input for one field's value for all rows, as the field is written in a cell. */
function DefaultValueInput({
  field,
  value,
  label,
  onChange,
}: {
  field: ImportDefaultField;
  value: string;
  label: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const common = { 'aria-label': label, 'data-testid': `default-value-${field}` };
  switch (field) {
    case 'leaveType':
    case 'leaveReasonCategory':
      return (
        <Select
          {...common}
          data={field === 'leaveType' ? leaveTypeOptions(locale) : leaveReasonOptions(locale)}
          value={value || null}
          onChange={(v) => onChange(v ?? '')}
          placeholder={t('alumniImport.chooseValue')}
          error={!value && requiredDefaults.includes(field)}
          allowDeselect={false}
        />
      );
    case 'joinedOn':
    case 'leftOn':
      return (
        <TextInput
          {...common}
          type="date"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={!value && requiredDefaults.includes(field)}
        />
      );
    case 'interests':
      return (
        <MultiSelect
          {...common}
          data={interestOptions(locale)}
          value={value ? value.split(LIST_SEPARATOR) : []}
          onChange={(v) => onChange(v.join(LIST_SEPARATOR))}
          placeholder={value ? undefined : t('alumniImport.chooseValue')}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          description={field === 'skills' || field === 'tags' ? t('alumniImport.listHint') : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maxLength={2000}
        />
      );
  }
}

/**
 * Fields the file has no column for, each with one value for all rows: the required ones are
 * offered as soon as no column holds them; others can be added. Records already registered keep a
 * value they have (the server fills only what is empty).
 */
export function ImportDefaultsPanel({
  mapping,
  defaults,
  onDefaults,
}: {
  mapping: ColumnMapping;
  defaults: ImportDefaults;
  onDefaults: (defaults: ImportDefaults) => void;
}) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const shown = shownDefaultFields(mapping, defaults);
  const covered = coveredFields(mapping);
  const addable = importDefaultFields.filter((f) => !covered.has(f) && !shown.includes(f));
  const set = (field: ImportDefaultField, value: string) => onDefaults({ ...defaults, [field]: value });
  const remove = (field: ImportDefaultField) => {
    const { [field]: _gone, ...rest } = defaults;
    onDefaults(rest);
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="import-defaults"
      data-testid="import-defaults"
    >
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} fz="md" id="import-defaults">
            {t('alumniImport.defaultsTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('alumniImport.defaultsLead')}
          </Text>
        </Stack>
        {shown.map((field, index) => {
          const required = requiredDefaults.includes(field);
          const label = `${t('alumniImport.allRows')}: ${fieldLabel(field)}`;
          return (
            <Box
              key={field}
              data-testid="default-row"
              pt={index ? 'sm' : 0}
              style={{ borderTop: index ? '1px solid var(--mantine-color-gray-2)' : undefined }}
            >
              <SimpleGrid
                cols={{ base: 1, sm: 3 }}
                spacing={{ base: 6, sm: 'md' }}
                verticalSpacing={6}
                style={{ alignItems: 'center' }}
              >
                <Group gap={6} wrap="wrap">
                  <Text fw={600} size="sm">
                    {fieldLabel(field)}
                  </Text>
                  {required ? (
                    <Badge size="xs" variant="light" color={defaults[field]?.trim() ? 'gray' : 'orange'}>
                      {t('alumniImport.required')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('alumniImport.noColumn')}
                </Text>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <DefaultValueInput
                      field={field}
                      label={label}
                      value={defaults[field] ?? ''}
                      onChange={(v) => set(field, v)}
                    />
                  </Box>
                  {required ? null : (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      onClick={() => remove(field)}
                      aria-label={t('alumniImport.removeDefault', { field: fieldLabel(field) })}
                      title={t('alumniImport.removeDefault', { field: fieldLabel(field) })}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  )}
                </Group>
              </SimpleGrid>
            </Box>
          );
        })}
        {addable.length ? (
          <Select
            aria-label={t('alumniImport.addDefault')}
            placeholder={t('alumniImport.addDefault')}
            data={addable.map((f) => ({ value: f, label: fieldLabel(f) }))}
            value={null}
            onChange={(v) => v && set(v as ImportDefaultField, '')}
            maw={360}
            data-testid="add-default"
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
