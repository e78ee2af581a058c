import {
  ActionIcon,
  Alert,
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
import { IconFileTypeCsv, IconInfoCircle, IconUpload, IconX } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportEncoding, importEncodings } from '../api/import';

const MAX_BYTES = 64 * 1024 * 1024;

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
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (chosen: File | null | undefined) => {
    if (!chosen) return;
    const looksCsv =
      /\.(csv|txt)$/i.test(chosen.name) || ['text/csv', 'application/vnd.ms-excel'].includes(chosen.type);
    if (!looksCsv) return setProblem(t('alumniImport.notCsv'));
    if (chosen.size > MAX_BYTES) return setProblem(t('alumniImport.tooLarge'));
    setProblem(null);
    onFile(chosen);
  };

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
            <FileButton onChange={pick} accept=".csv,text/csv,application/vnd.ms-excel">
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
      {problem ? (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      ) : null}

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
    </Stack>
  );
}
