import { PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../../lib/http';

/**
 * The new password, typed twice, as every form that sets one asks for it (a reset link, the
 * account's password change): `fields(errors)` draws the two inputs, `checkConfirm` adds "the two
 * differ" to the errors found when the password itself is fine.
 */
export function useNewPasswordFields() {
  const { t } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const checkConfirm = (found: FieldErrors): FieldErrors => {
    if (!found.newPassword && confirm !== newPassword) found.confirm = t('identity.auth.passwordsDiffer');
    return found;
  };
  const fields = (errors: FieldErrors) => (
    <>
      <PasswordInput
        label={t('identity.auth.newPassword')}
        description={t('identity.auth.passwordHint')}
        autoComplete="new-password"
        value={newPassword}
        onChange={(e) => setNewPassword(e.currentTarget.value)}
        error={errors.newPassword}
        required
      />
      <PasswordInput
        label={t('identity.auth.confirmPassword')}
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.currentTarget.value)}
        error={errors.confirm}
        required
      />
    </>
  );
  return { newPassword, checkConfirm, fields };
}
