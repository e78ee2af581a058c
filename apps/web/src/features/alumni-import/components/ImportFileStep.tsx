import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  FileButton,
  Group,
  List,
  Paper,
  Radio,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import {
  IconDownload,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconInfoCircle,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { type DragEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportEncoding, importEncodings, templateUrl } from '../api/import';

const MAX_BYTES = 64 * 1024 * 1024;
/** Excel's own formats (and OpenDocument's): refused with how to save them as CSV. */
const SPREADSHEET = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

/** How to save a workbook as CSV from Excel, step by step. */
export function SaveAsCsvSteps({ fileName }: { fileName: string }) {
  const { t } = useTranslation();
  const steps = t('alumniImport.excelSteps', { returnObjects: true }) as string[];
  return (
    <Stack gap={6}>
      <Text size="sm" className="kizuna-break">
        {t('alumniImport.excelLead', { fileName })}
      </Text>
      <List type="ordered" size="sm" spacing={4}>
        {steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('alumniImport.excelNote')}
      </Text>
    </Stack>
  );
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** ① Choose the file (drop it or pick it) and, when needed, its encoding. */
export function ImportFileStep({
  file,
  encoding,
  onFile,
  onEncoding,
}: {
  file: File | null;
  encoding: ImportEncoding;
  onFile: (file: File | null) => void;
  onEncoding: (encoding: ImportEncoding) => void;
}) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<ReactNode>(null);
  const [excel, setExcel] = useState<string | null>(null);

  const pick = (chosen: File | null | undefined) => {
    if (!chosen) return;
    setExcel(null);
    // before the MIME type: Windows reports CSV files as application/vnd.ms-excel too
    if (SPREADSHEET.test(chosen.name)) {
      setProblem(null);
      return setExcel(chosen.name);
    }
    const looksCsv =
      /\.(csv|txt)$/i.test(chosen.name) || ['text/csv', 'application/vnd.ms-excel'].includes(chosen.type);
    if (!looksCsv) return setProblem(t('alumniImport.notCsv'));
    if (chosen.size > MAX_BYTES) return setProblem(t('alumniImport.tooLarge'));
    setProblem(null);
    onFile(chosen);
  };
  const problemAlert: ReactNode = excel ? (
    <Alert
      color="orange"
      icon={<IconFileSpreadsheet size={18} />}
      title={t('alumniImport.excelTitle')}
      role="alert"
      data-testid="import-excel"
    >
      <SaveAsCsvSteps fileName={excel} />
    </Alert>
  ) : problem ? (
    <Alert color="red" role="alert">
      {problem}
    </Alert>
  ) : null;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap="lg">
      {file ? (
        <Paper withBorder radius="md" p="md" data-testid="import-file">
          <Group wrap="nowrap" gap="md">
            <ThemeIcon size={44} radius="md" variant="light" color="teal">
              <IconFileTypeCsv size={26} />
            </ThemeIcon>
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Text size="xs" c="dimmed">
                {t('alumniImport.selected')}
              </Text>
              <Text fw={600} className="kizuna-break">
                {file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {sizeOf(file.size)}
              </Text>
            </Stack>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => onFile(null)}
              aria-label={t('alumniImport.remove')}
              title={t('alumniImport.remove')}
            >
              <IconX size={18} />
            </ActionIcon>
          </Group>
        </Paper>
      ) : (
        <Paper
          radius="md"
          p={{ base: 'lg', sm: 'xl' }}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
          style={{
            border: `2px dashed var(--mantine-color-${dragging ? 'grape-5' : 'gray-4'})`,
            background: dragging ? 'var(--mantine-color-grape-0)' : 'var(--mantine-color-gray-0)',
            transition: 'background 120ms, border-color 120ms',
          }}
        >
          <Stack align="center" gap="sm" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light">
              <IconUpload size={28} />
            </ThemeIcon>
            <Text fw={600}>{dragging ? t('alumniImport.dropActive') : t('alumniImport.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('alumniImport.dropOr')}
            </Text>
            <FileButton onChange={pick} accept=".csv,.txt,.xlsx,.xls,text/csv,application/vnd.ms-excel">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconFileTypeCsv size={16} />}>
                  {t('alumniImport.choose')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed" maw={460}>
              {t('alumniImport.fileHint')}
            </Text>
          </Stack>
        </Paper>
      )}
      {problemAlert}

      <Radio.Group
        label={t('alumniImport.encoding')}
        description={t('alumniImport.encodingHint')}
        value={encoding}
        onChange={(v) => onEncoding(v as ImportEncoding)}
      >
        <Group gap="lg" mt="xs">
          {importEncodings.map((e) => (
            <Radio key={e} value={e} label={t(`alumniImport.encodings.${e}`)} />
          ))}
        </Group>
      </Radio.Group>

      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
        <List size="sm" spacing={4}>
          <List.Item>{t('alumniImport.requirements')}</List.Item>
          <List.Item>{t('alumniImport.allOrNothing')}</List.Item>
        </List>
      </Alert>

      <Stack gap={4} data-testid="import-template">
        <Text size="sm" fw={600}>
          {t('alumniImport.templateTitle')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('alumniImport.templateLead')}
        </Text>
        <Group gap="lg">
          {(['cp932', 'utf8'] as const).map((encoding) => (
            <Anchor
              key={encoding}
              href={templateUrl(encoding)}
              download
              size="sm"
              style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
            >
              <IconDownload size={16} />
              {t(encoding === 'cp932' ? 'alumniImport.templateCp932' : 'alumniImport.templateUtf8')}
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Stack>
  );
}
