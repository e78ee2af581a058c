import { createTenantSchema, operatingModels, type Tenant, tenantNameSchema } from '@kizuna/contract';
import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useCreateTenant, useUpdateTenant } from '../api/tenants';

type Model = (typeof operatingModels)[number];
const editSchema = z.object({ name: tenantNameSchema });

function ModelChoice({ value, onChange }: { value: Model; onChange: (m: Model) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={t('tenants.operatingModel')} value={value} onChange={(v) => onChange(v as Model)}>
      <Stack gap="xs" mt={6}>
        {operatingModels.map((m) => (
          <Radio.Card key={m} value={m} p="sm" radius="md">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <div>
                <Text fw={600} size="sm">
                  {t(`tenants.models.${m}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`tenants.modelHints.${m}`)}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

export function CreateTenantModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const create = useCreateTenant();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [model, setModel] = useState<Model>('broadcast');
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(create.error), ...errors };

  const close = () => {
    setName('');
    setSlug('');
    setModel('broadcast');
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = { name, slug: slug.trim(), operatingModel: model };
    const found = validateWith(createTenantSchema, values, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    create.mutate(
      { name: name.trim(), slug: values.slug, operatingModel: model },
      {
        onSuccess: (tenant) => {
          notifications.show({ color: 'teal', message: t('tenants.created', { name: tenant.name }) });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('tenants.createTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('tenants.name')}
            placeholder={t('tenants.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
            required
            data-autofocus
          />
          <TextInput
            label={t('tenants.slug')}
            description={t('tenants.slugHint')}
            placeholder="sakura"
            value={slug}
            onChange={(e) => setSlug(e.currentTarget.value.toLowerCase())}
            error={fieldErrors.slug}
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            required
          />
          <ModelChoice value={model} onChange={setModel} />
          {create.error && !hasErrors(fieldErrorsOf(create.error)) ? (
            <FormError error={create.error} />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('tenants.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EditTenantModal({ tenant, onClose }: { tenant: Tenant | null; onClose: () => void }) {
  return (
    <Modal.Root opened={tenant !== null} onClose={onClose} centered size="lg">
      {tenant ? <EditTenantForm key={tenant.id} tenant={tenant} onClose={onClose} /> : null}
    </Modal.Root>
  );
}

function EditTenantForm({ tenant, onClose }: { tenant: Tenant; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const update = useUpdateTenant();
  const [name, setName] = useState(tenant.name);
  const [model, setModel] = useState<Model>(tenant.operatingModel);
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(update.error), ...errors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(editSchema, { name }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    update.mutate(
      { id: tenant.id, name: name.trim(), operatingModel: model },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('tenants.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('tenants.editTitle')}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('tenants.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={fieldErrors.name}
                required
                data-autofocus
              />
              <TextInput label={t('tenants.slug')} value={tenant.slug} readOnly disabled />
              <ModelChoice value={model} onChange={setModel} />
              {update.error && !hasErrors(fieldErrorsOf(update.error)) ? (
                <FormError error={update.error} />
              ) : null}
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={onClose} disabled={update.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={update.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal.Body>
      </Modal.Content>
    </>
  );
}
