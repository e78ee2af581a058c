import type { Locale } from '@kizuna/contract';
import { alumniI18n } from '../features/alumni/i18n';
import { alumniImportI18n } from '../features/alumni-import/i18n';
import { analyticsI18n } from '../features/analytics/i18n';
import { auditI18n } from '../features/audit/i18n';
import { identityI18n } from '../features/identity/i18n';
import { mailI18n } from '../features/mail/i18n';
import { membershipI18n } from '../features/membership/i18n';
import { networkI18n } from '../features/network/i18n';
import { rehirePolicyI18n } from '../features/rehire-policy/i18n';
import { segmentsI18n } from '../features/segments/i18n';
import { tenantsI18n } from '../features/tenants/i18n';
import { en } from './en';
import { ja } from './ja';

/**
 * Each feature's words (features/<name>/i18n.ts) under its name: a key's first part says which
 * folder holds it — `membership.portal.title` is in features/membership/i18n.ts. The shell's own
 * words (app, nav, errors, pages, common) are in ja.ts and en.ts here.
 */
const features = {
  alumni: alumniI18n,
  alumniImport: alumniImportI18n,
  analytics: analyticsI18n,
  audit: auditI18n,
  identity: identityI18n,
  mail: mailI18n,
  membership: membershipI18n,
  network: networkI18n,
  rehirePolicy: rehirePolicyI18n,
  segments: segmentsI18n,
  tenants: tenantsI18n,
};

function translation(locale: Locale) {
  const words = Object.entries(features).map(([name, feature]) => [name, feature[locale]]);
  return { ...(locale === 'ja' ? ja : en), ...Object.fromEntries(words) };
}

export const resources = {
  ja: { translation: translation('ja') },
  en: { translation: translation('en') },
};
