import type { ImportPreview, ImportProgress } from '@kizuna/contract';
import { Alert, Button, Card, Group, Progress, Stack, Stepper, Text, ThemeIcon, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconArrowRight,
  IconCircleCheck,
  IconDatabaseImport,
  IconList,
  IconRefresh,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { fieldErrorsOf, messageOf } from '../../../lib/http';
import {
  type ColumnMapping,
  type ImportDefaults,
  type ImportEncoding,
  type ImportResult,
  type ImportValueMaps,
  useApplyImport,
  useImportProgress,
  usePreviewImport,
} from '../api/import';
import { effectiveDefaults, mappingProblems } from '../mapping-rules';
import { ImportFileStep } from './ImportFileStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportPreviewStep, SummaryCounts } from './ImportPreviewStep';

type Step = 0 | 1 | 2 | 3;

/** A refused upload: the general message and what the server said about the file or its rows. */
function ImportError({ error, title }: { error: unknown; title?: string }) {
  const details = Object.entries(fieldErrorsOf(error));
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      <Stack gap={4}>
        <Text size="sm">{messageOf(error)}</Text>
        {details.slice(0, 20).map(([where, message]) => (
          <Text key={where} size="xs" className="kizuna-break">
            {where === 'body' ? message : `${where}: ${message}`}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** Every header of the file with a field or null, starting from what the server suggested. */
function completeMapping(preview: ImportPreview): ColumnMapping {
  return Object.fromEntries(preview.headers.map((h) => [h, preview.mapping[h] ?? null]));
}

/**
 * The import wizard: ① file ② column mapping ③ preview ④ apply. Nothing changes in the
 * register before ④, and ④ applies all rows (or all valid rows) in one transaction.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<ImportEncoding>('auto');
  /** The first look at the file: headers, detected encoding and suggested mapping */
  const [firstLook, setFirstLook] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  /** One value for all rows, for fields the file has no column for */
  const [defaults, setDefaults] = useState<ImportDefaults>({});
  /** The file's own values of a fixed list, read as our codes */
  const [values, setValues] = useState<ImportValueMaps>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  // each step starts at its top (the buttons that lead to it are at the bottom of the last)
  useEffect(() => {
    if (step >= 0) window.scrollTo({ top: 0 });
  }, [step]);
  const look = usePreviewImport();
  const check = usePreviewImport();
  const apply = useApplyImport();
  const progress = useImportProgress(apply.progressId, apply.isPending);

  const restart = () => {
    setStep(0);
    setFile(null);
    setFirstLook(null);
    setPreview(null);
    setMapping({});
    setDefaults({});
    setValues({});
    setSkipInvalid(false);
    setResult(null);
    look.reset();
    check.reset();
    apply.reset();
  };

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setFirstLook(null);
    setPreview(null);
    look.reset();
  };

  const readFile = () => {
    if (!file) return;
    look.mutate(
      { file, encoding },
      {
        onSuccess: (answer) => {
          // back from the mapping with the same file: keep what the user chose
          const sameColumns = firstLook?.headers.join('\u0000') === answer.headers.join('\u0000');
          setFirstLook(answer);
          if (!sameColumns) {
            setMapping(completeMapping(answer));
            setDefaults({});
            setValues({});
          }
          setPreview(null);
          setStep(1);
        },
      },
    );
  };

  const showPreview = () => {
    if (!file) return;
    check.mutate(
      { file, encoding, mapping, defaults: effectiveDefaults(mapping, defaults), values },
      {
        onSuccess: (answer) => {
          setPreview(answer);
          setSkipInvalid(false);
          setStep(2);
        },
      },
    );
  };

  const runImport = () => {
    if (!file) return;
    setStep(3);
    apply.mutate(
      { file, encoding, mapping, defaults: effectiveDefaults(mapping, defaults), values, skipInvalid },
      { onSuccess: setResult },
    );
  };

  const noHeaders = firstLook !== null && firstLook.headers.length === 0;
  const mappingBlocked = mappingProblems(mapping, defaults).missing.length > 0;
  const toApply = preview ? preview.summary.create + preview.summary.update : 0;
  const applyBlocked = !preview || toApply === 0 || (preview.summary.rejected > 0 && !skipInvalid);
  const busy = apply.isPending;

  const stepLabel = (key: 'file' | 'mapping' | 'preview' | 'apply') => ({
    label: t(`alumniImport.steps.${key}`),
    description: isPhone ? undefined : t(`alumniImport.steps.${key}Desc`),
  });

  let body: ReactNode = null;
  let footer: ReactNode = null;
  if (step === 0) {
    body = (
      <Stack gap="md">
        <ImportFileStep file={file} encoding={encoding} onFile={chooseFile} onEncoding={setEncoding} />
        {look.error ? <ImportError error={look.error} /> : null}
        {noHeaders ? (
          <Alert color="red" role="alert">
            {firstLook.problems[0]?.message}
          </Alert>
        ) : null}
      </Stack>
    );
    footer = (
      <Button
        onClick={readFile}
        disabled={!file}
        loading={look.isPending}
        rightSection={<IconArrowRight size={16} />}
      >
        {t('alumniImport.next')}
      </Button>
    );
  } else if (step === 1 && file && firstLook) {
    body = (
      <Stack gap="md">
        <ImportMappingStep
          file={file}
          preview={firstLook}
          initial={firstLook.mapping}
          mapping={mapping}
          onMapping={setMapping}
          defaults={defaults}
          onDefaults={setDefaults}
          values={values}
          onValues={setValues}
        />
        {check.error ? <ImportError error={check.error} /> : null}
      </Stack>
    );
    footer = (
      <Button
        onClick={showPreview}
        disabled={mappingBlocked}
        loading={check.isPending}
        rightSection={<IconArrowRight size={16} />}
      >
        {t('alumniImport.toPreview')}
      </Button>
    );
  } else if (step === 2 && file && preview) {
    body = (
      <ImportPreviewStep
        preview={preview}
        fileName={file.name}
        skipInvalid={skipInvalid}
        onSkipInvalid={setSkipInvalid}
      />
    );
    footer = (
      <Button
        onClick={runImport}
        disabled={applyBlocked}
        leftSection={<IconDatabaseImport size={16} />}
        data-testid="import-apply"
      >
        {t('alumniImport.apply', { count: toApply })}
      </Button>
    );
  } else if (step === 3) {
    if (apply.isPending) body = <ApplyProgress progress={progress.data} />;
    else if (result)
      body = (
        <Stack gap="lg" data-testid="import-result">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={48} radius="xl" color="teal" variant="light">
              <IconCircleCheck size={30} />
            </ThemeIcon>
            <Stack gap={0}>
              <Title order={2} fz="lg">
                {t('alumniImport.doneTitle')}
              </Title>
              <Text size="sm" c="dimmed" className="kizuna-break">
                {t('alumniImport.doneBody', { fileName: file?.name ?? '' })}
              </Text>
            </Stack>
          </Group>
          <SummaryCounts summary={result.summary} testId="import-result-summary" />
          <Group gap="sm">
            <Button component={Link} to="/alumni?sort=created_desc" leftSection={<IconList size={16} />}>
              {t('alumniImport.toList')}
            </Button>
            <Button variant="default" onClick={restart} leftSection={<IconRefresh size={16} />}>
              {t('alumniImport.again')}
            </Button>
          </Group>
        </Stack>
      );
    else if (apply.error)
      body = (
        <Stack gap="sm">
          <ImportError error={apply.error} title={t('alumniImport.failedTitle')} />
          <Text size="sm">{t('alumniImport.failedBody')}</Text>
        </Stack>
      );
  }

  const canGoBack = step > 0 && !busy && !result;

  return (
    <Stack gap="md">
      <PageHeader title={t('alumniImport.title')} lead={t('alumniImport.lead')} />
      <Stepper
        active={result ? 4 : step}
        onStepClick={(s) => canGoBack && s < step && setStep(s as Step)}
        allowNextStepsSelect={false}
        size={isPhone ? 'xs' : 'sm'}
        iconSize={isPhone ? 28 : undefined}
        labelPosition={isPhone ? 'bottom' : 'right'}
      >
        <Stepper.Step {...stepLabel('file')} />
        <Stepper.Step {...stepLabel('mapping')} />
        <Stepper.Step {...stepLabel('preview')} />
        <Stepper.Step {...stepLabel('apply')} loading={busy} />
      </Stepper>
      <Card withBorder radius="md" padding="lg">
        {body}
      </Card>
      {footer || canGoBack ? (
        <Group justify="space-between" gap="sm">
          {canGoBack ? (
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => setStep((step - 1) as Step)}
            >
              {t('alumniImport.back')}
            </Button>
          ) : (
            <span />
          )}
          {footer}
        </Group>
      ) : null}
      {step === 3 && apply.error ? (
        <Group>
          <Button variant="subtle" onClick={restart} leftSection={<IconRefresh size={16} />}>
            {t('alumniImport.restart')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/**
 * The apply under way: what it is doing, and how many records of the total are written. Without
 * figures (before the server answers, or from another server process) the bar just moves.
 */
function ApplyProgress({ progress }: { progress: ImportProgress | undefined }) {
  const { t } = useTranslation();
  // figures once records are being written (or saved); before that the bar just moves
  const figures =
    progress && progress.total > 0 && (progress.phase === 'writing' || progress.phase === 'saving')
      ? { ...progress, phase: progress.phase }
      : null;
  const moving = !figures || figures.phase === 'saving';
  const percent = figures ? Math.round((100 * figures.done) / figures.total) : 100;
  return (
    <Stack
      gap="sm"
      py="xl"
      align="center"
      ta="center"
      role="status"
      aria-live="polite"
      data-testid="import-progress"
    >
      <Title order={2} fz="lg">
        {t('alumniImport.applying')}
      </Title>
      <Progress
        value={percent}
        animated={moving}
        striped={moving}
        w="100%"
        maw={480}
        size="lg"
        radius="xl"
        aria-label={t('alumniImport.applying')}
      />
      <Text size="sm" fw={500}>
        {figures
          ? t(`alumniImport.phase.${figures.phase}`, {
              done: figures.done.toLocaleString(),
              total: figures.total.toLocaleString(),
              percent,
            })
          : t('alumniImport.phase.checking')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('alumniImport.applyingHint')}
      </Text>
    </Stack>
  );
}
