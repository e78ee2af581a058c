import { type ImportPreview, importFieldNames } from '@kizuna/contract';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { fieldErrorsOf, messageOf } from '../../../lib/http';
import {
  type ColumnMapping,
  type ImportDefaults,
  type ImportField,
  type ImportValueMaps,
  useSavedMappings,
  useSaveMapping,
} from '../api/import';
import { firstDataRow } from '../csv-sample';
import {
  effectiveDefaults,
  isValueField,
  mappingProblems,
  unmatchedValues,
  useFieldLabel,
} from '../mapping-rules';
import { ImportDefaultsPanel } from './ImportDefaultsPanel';
import { ValueMapPanel } from './ValueMapPanel';

const IGNORE = '__ignore__';

type FieldGroup = 'person' | 'employment' | 'current';
const groups: FieldGroup[] = ['person', 'employment', 'current'];

/** Where each field the contract imports sits in the list of targets (a new one must be placed). */
const fieldGroup: Record<ImportField, FieldGroup> = {
  employeeNumber: 'person',
  familyName: 'person',
  givenName: 'person',
  fullName: 'person',
  familyNameKana: 'person',
  givenNameKana: 'person',
  fullNameKana: 'person',
  email: 'person',
  phone: 'person',
  department: 'employment',
  position: 'employment',
  joinedOn: 'employment',
  leftOn: 'employment',
  leaveType: 'employment',
  leaveReason: 'employment',
  leaveReasonCategory: 'employment',
  leaveReasonNote: 'employment',
  currentCompany: 'current',
  currentTitle: 'current',
  hasDecisionAuthority: 'current',
  skills: 'current',
  interests: 'current',
  tags: 'current',
  internalNotes: 'current',
  doNotContact: 'current',
};

/**
 * ② Which field each column of the file goes to (presets pre-filled, saved mappings at hand), one
 * value for all rows for fields the file lacks, and what the file's own values of a fixed list mean.
 */
export function ImportMappingStep({
  file,
  preview,
  initial,
  mapping,
  onMapping,
  defaults,
  onDefaults,
  values,
  onValues,
}: {
  file: File;
  preview: ImportPreview;
  /** The mapping the server suggested (to tell which headers it did not recognise) */
  initial: ColumnMapping;
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  defaults: ImportDefaults;
  onDefaults: (defaults: ImportDefaults) => void;
  values: ImportValueMaps;
  onValues: (values: ImportValueMaps) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const separator = locale === 'ja' ? '、' : ', ';
  const saved = useSavedMappings();
  const save = useSaveMapping();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [samples, setSamples] = useState<string[]>([]);
  const fieldLabel = useFieldLabel();

  useEffect(() => {
    let cancelled = false;
    void firstDataRow(file, preview.encoding).then((row) => {
      if (!cancelled) setSamples(row);
    });
    return () => {
      cancelled = true;
    };
  }, [file, preview.encoding]);

  const options = [
    { value: IGNORE, label: t('alumniImport.ignore') },
    ...groups.map((group) => ({
      group: t(`alumniImport.groups.${group}`),
      items: importFieldNames
        .filter((f) => fieldGroup[f] === group)
        .map((f) => ({ value: f, label: fieldLabel(f) })),
    })),
  ];
  const { missing, twice } = mappingProblems(mapping, defaults);
  const unmatched = unmatchedValues(preview, mapping, values);

  const applySaved = (id: string | null) => {
    setChosen(id);
    const found = saved.data?.find((m) => m.id === id);
    if (!found) return;
    const next = { ...mapping };
    for (const header of preview.headers)
      if (header in found.columns) next[header] = found.columns[header] ?? null;
    onMapping(next);
    onDefaults(found.defaults);
    onValues(found.values);
    notifications.show({ color: 'teal', message: t('alumniImport.mappingApplied', { name: found.name }) });
  };

  const saveMapping = () =>
    save.mutate(
      { name: name.trim(), columns: mapping, defaults: effectiveDefaults(mapping, defaults), values },
      {
        onSuccess: (m) => {
          notifications.show({ color: 'teal', message: t('alumniImport.mappingSaved', { name: m.name }) });
          setChosen(m.id);
          setName('');
        },
        onError: (error) =>
          notifications.show({ color: 'red', message: fieldErrorsOf(error).name ?? messageOf(error) }),
      },
    );

  return (
    <Stack gap="md">
      <Text size="sm">{t('alumniImport.mappingLead')}</Text>
      <Text size="xs" c="dimmed">
        {t('alumniImport.detected', {
          encoding: t(`audit.encodings.${preview.encoding}`),
          rows: preview.rows.toLocaleString(),
        })}
      </Text>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('alumniImport.savedMappings')}
          placeholder={t('alumniImport.savedMappingsPlaceholder')}
          data={(saved.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          value={chosen}
          onChange={applySaved}
          disabled={!saved.data?.length}
          clearable
        />
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('alumniImport.saveName')}
            placeholder={t('alumniImport.saveNamePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={saveMapping}
            loading={save.isPending}
            disabled={!name.trim()}
          >
            {t('alumniImport.saveMapping')}
          </Button>
        </Group>
      </SimpleGrid>

      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Box
          visibleFrom="sm"
          px="md"
          py="xs"
          bg="gray.0"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <SimpleGrid cols={3} spacing="md">
            <Text size="xs" fw={700} c="dimmed">
              {t('alumniImport.column')}
            </Text>
            <Text size="xs" fw={700} c="dimmed">
              {t('alumniImport.sample')}
            </Text>
            <Text size="xs" fw={700} c="dimmed">
              {t('alumniImport.target')}
            </Text>
          </SimpleGrid>
        </Box>
        {preview.headers.map((header, index) => {
          const value = mapping[header] ?? null;
          const unknown = !initial[header];
          return (
            <Box
              // biome-ignore lint/suspicious/noArrayIndexKey: a file may repeat a header; the order never changes
              key={`${header}-${index}`}
              px="md"
              py="sm"
              data-testid="mapping-row"
              style={{ borderTop: index ? '1px solid var(--mantine-color-gray-2)' : undefined }}
            >
              <SimpleGrid
                cols={{ base: 1, sm: 3 }}
                spacing={{ base: 6, sm: 'md' }}
                verticalSpacing={6}
                style={{ alignItems: 'center' }}
              >
                <Group gap={6} wrap="wrap" align="center">
                  <Text fw={600} size="sm" className="kizuna-break">
                    {header || '—'}
                  </Text>
                  {unknown ? (
                    <Badge size="xs" color={value ? 'gray' : 'orange'} variant="light">
                      {t('alumniImport.unknownColumn')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed" className="kizuna-break" lineClamp={2} title={samples[index]}>
                  {samples[index] || '—'}
                </Text>
                <Select
                  aria-label={`${t('alumniImport.target')}: ${header}`}
                  data={options}
                  value={value ?? IGNORE}
                  onChange={(v) =>
                    onMapping({ ...mapping, [header]: !v || v === IGNORE ? null : (v as ImportField) })
                  }
                  allowDeselect={false}
                  searchable
                  styles={value ? undefined : { input: { color: 'var(--mantine-color-dimmed)' } }}
                />
              </SimpleGrid>
              {isValueField(value) ? (
                <ValueMapPanel
                  header={header}
                  field={value}
                  found={preview.distinctValues[header] ?? null}
                  values={values}
                  onValues={onValues}
                />
              ) : null}
            </Box>
          );
        })}
      </Paper>

      <ImportDefaultsPanel mapping={mapping} defaults={defaults} onDefaults={onDefaults} />

      {missing.length ? (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
          {t('alumniImport.missingRequired', { fields: missing.map(fieldLabel).join(separator) })}
        </Alert>
      ) : null}
      {unmatched.length ? (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} data-testid="unmatched-values">
          {t('alumniImport.unmatchedValues', {
            count: unmatched.length,
            values: unmatched.map((u) => u.value || t('alumniImport.blankValue')).join(separator),
          })}
        </Alert>
      ) : null}
      {twice.length ? (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          {t('alumniImport.duplicateTargets', { fields: twice.map(fieldLabel).join(separator) })}
        </Alert>
      ) : null}
    </Stack>
  );
}
