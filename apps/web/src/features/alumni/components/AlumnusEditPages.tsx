import { Alert, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { BackLink } from '../../../components/BackLink';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useAlumnus, useCreateAlumnus, useUpdateAlumnus } from '../api/alumni';
import { fullName } from '../labels';
import { AlumnusForm, blankAlumnus, isVersionConflict, valuesOf } from './AlumnusForm';

export function AlumnusCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAlumnus();
  return (
    <Stack gap="sm">
      <BackLink to="/alumni" label={t('alumni.detail.back')} />
      <PageHeader title={t('alumni.form.createTitle')} lead={t('alumni.form.createLead')} />
      <AlumnusForm
        initial={blankAlumnus}
        submitLabel={t('alumni.form.create')}
        pending={create.isPending}
        error={create.error}
        onCancel={() => void navigate('/alumni')}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (created) => {
              notifications.show({
                color: 'teal',
                message: t('alumni.form.created', { name: fullName(created) }),
              });
              void navigate(`/alumni/${created.id}`);
            },
          })
        }
      />
    </Stack>
  );
}

/**
 * Edits the version that was loaded. When someone else saved first the server answers 409: the
 * latest version is loaded into the form and the user is told why their change was not saved.
 */
export function AlumnusEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { alumnusId = '' } = useParams();
  const alumnus = useAlumnus(alumnusId);
  const update = useUpdateAlumnus(alumnusId);
  const [conflict, setConflict] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const detailPath = `/alumni/${alumnusId}`;

  if (alumnus.isPending) return <LoadingState />;
  if (alumnus.isError) return <ErrorState error={alumnus.error} onRetry={() => void alumnus.refetch()} />;
  const current = alumnus.data;

  return (
    <Stack gap="sm">
      <BackLink to={detailPath} label={fullName(current)} />
      <PageHeader
        title={t('alumni.form.editTitle', { name: fullName(current) })}
        lead={t('alumni.form.editLead')}
      />
      <AlumnusForm
        key={`${current.id}:${current.version}:${formKey}`}
        initial={valuesOf(current)}
        submitLabel={t('alumni.form.save')}
        pending={update.isPending}
        error={update.error}
        banner={
          conflict ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title={t('alumni.form.conflictTitle')}
              role="alert"
              withCloseButton
              onClose={() => setConflict(false)}
            >
              {t('alumni.form.conflictBody')}
            </Alert>
          ) : null
        }
        onCancel={() => void navigate(detailPath)}
        onSubmit={(input) => {
          setConflict(false);
          update.mutate(
            { version: current.version, alumnus: input },
            {
              onSuccess: (saved) => {
                notifications.show({
                  color: 'teal',
                  message:
                    saved.version === current.version ? t('alumni.form.unchanged') : t('alumni.form.saved'),
                });
                void navigate(detailPath);
              },
              onError: async (error) => {
                if (!isVersionConflict(error)) return;
                await alumnus.refetch();
                update.reset();
                setConflict(true);
                setFormKey((k) => k + 1);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              },
            },
          );
        }}
      />
    </Stack>
  );
}
