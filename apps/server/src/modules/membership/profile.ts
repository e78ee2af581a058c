import {
  type AlumniInterest,
  type ConsentPurpose,
  consentPurposeLabels,
  interestLabels,
  type LeaveReasonCategory,
  type Locale,
  leaveReasonLabels,
  leaveTypeLabels,
  type MemberProfileInput,
} from '@kizuna/contract';
import { encodeCsv } from '../../platform/csv.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type AlumnusRow, changedFields, columnsOf, inputOf, setAlumnusFields } from '../alumni/index.js';
import { recordAudit } from '../audit/index.js';
import { isProfileReviewDue, profileReviewMonthsOf } from '../network/index.js';
import { exportMyData, myAlumnus } from './membership.js';

type DirectoryField = MemberProfileInput['directoryFields'][number];

const blankToNull = (v: string | null | undefined) => (v ? v : null);

function presentProfile(row: AlumnusRow, reviewMonths: number) {
  return {
    phone: row.phone,
    currentCompany: row.currentCompany,
    currentTitle: row.currentTitle,
    hasDecisionAuthority: row.hasDecisionAuthority,
    skills: row.skills,
    interests: row.interests as AlumniInterest[],
    returnConditions: row.returnConditions,
    directoryFields: row.directoryFields as DirectoryField[],
    familyName: row.familyName,
    givenName: row.givenName,
    familyNameKana: row.familyNameKana,
    givenNameKana: row.givenNameKana,
    email: row.email,
    department: row.department,
    leftOn: row.leftOn,
    confirmedAt: row.profileConfirmedAt?.toISOString() ?? null,
    reviewDue: isProfileReviewDue(row, reviewMonths),
    version: row.version,
  };
}

/** The member's own profile. Reading it is audited like every read of personal data. */
export async function readMyProfile(tx: Tx, tenantId: string, userId: string, ip: string) {
  const a = await myAlumnus(tx, tenantId, userId);
  await recordAudit(
    tx,
    { userId, name: `${a.familyName} ${a.givenName}`, ip },
    { action: 'alumnus.self_read', subjectType: 'alumnus', subjectId: a.id },
  );
  return presentProfile(a, await profileReviewMonthsOf(tx, tenantId));
}

/**
 * Saves the member's profile as edited on `version` (a concurrent change is a conflict). The
 * stored columns are recomputed by `columnsOf`, so the staff search text stays in sync; saving
 * also counts as confirming the profile.
 */
export async function saveMyProfile(
  tx: Tx,
  tenantId: string,
  userId: string,
  ip: string,
  version: number,
  profile: MemberProfileInput,
) {
  const a = await myAlumnus(tx, tenantId, userId, true);
  if (a.version !== version) throw new AppError('conflict');
  const next = columnsOf({
    ...inputOf(a),
    phone: blankToNull(profile.phone),
    currentCompany: blankToNull(profile.currentCompany),
    currentTitle: blankToNull(profile.currentTitle),
    hasDecisionAuthority: profile.hasDecisionAuthority,
    skills: profile.skills,
    interests: profile.interests,
    returnConditions: {
      workStyle: blankToNull(profile.returnConditions.workStyle),
      location: blankToNull(profile.returnConditions.location),
      payExpectation: blankToNull(profile.returnConditions.payExpectation),
      earliestDate: profile.returnConditions.earliestDate ?? null,
    },
  });
  const changed: string[] = changedFields(a, next);
  const directoryFields = [...new Set(profile.directoryFields)];
  if (JSON.stringify(directoryFields) !== JSON.stringify(a.directoryFields)) changed.push('directoryFields');
  const updated = await setAlumnusFields(tx, tenantId, a.id, {
    phone: next.phone,
    currentCompany: next.currentCompany,
    currentTitle: next.currentTitle,
    hasDecisionAuthority: next.hasDecisionAuthority,
    skills: next.skills,
    interests: next.interests,
    returnConditions: next.returnConditions,
    searchText: next.searchText,
    searchGrams: next.searchGrams,
    directoryFields,
    profileConfirmedAt: new Date(),
    version: a.version + 1,
    updatedAt: new Date(),
  });
  // field names only, as for staff edits
  await recordAudit(
    tx,
    { userId, name: `${a.familyName} ${a.givenName}`, ip },
    { action: 'alumnus.self_update', subjectType: 'alumnus', subjectId: a.id, detail: { fields: changed } },
  );
  return presentProfile(updated, await profileReviewMonthsOf(tx, tenantId));
}

/** "Still right": one click that records the confirmation and nothing else. */
export async function confirmMyProfile(tx: Tx, tenantId: string, userId: string, ip: string) {
  const a = await myAlumnus(tx, tenantId, userId, true);
  const updated = await setAlumnusFields(tx, tenantId, a.id, { profileConfirmedAt: new Date() });
  await recordAudit(
    tx,
    { userId, name: `${a.familyName} ${a.givenName}`, ip },
    { action: 'alumnus.profile_confirm', subjectType: 'alumnus', subjectId: a.id },
  );
  return presentProfile(updated, await profileReviewMonthsOf(tx, tenantId));
}

const RECORD_LABELS: Record<string, { ja: string; en: string }> = {
  id: { ja: 'ID', en: 'ID' },
  familyName: { ja: '姓', en: 'Family name' },
  givenName: { ja: '名', en: 'Given name' },
  familyNameKana: { ja: 'セイ', en: 'Family name kana' },
  givenNameKana: { ja: 'メイ', en: 'Given name kana' },
  email: { ja: 'メールアドレス', en: 'E-mail' },
  phone: { ja: '電話番号', en: 'Phone' },
  employeeNumber: { ja: '社員番号', en: 'Employee number' },
  department: { ja: '部署', en: 'Department' },
  position: { ja: '役職', en: 'Position' },
  joinedOn: { ja: '入社日', en: 'Join date' },
  leftOn: { ja: '退職日', en: 'Leave date' },
  leaveType: { ja: '退職区分', en: 'Leave type' },
  leaveReasonCategory: { ja: '退職理由区分', en: 'Leave reason category' },
  leaveReasonNote: { ja: '退職理由詳細', en: 'Leave reason note' },
  currentCompany: { ja: '現在の勤務先', en: 'Current company' },
  currentTitle: { ja: '現在の役職', en: 'Current title' },
  hasDecisionAuthority: { ja: '決裁権', en: 'Decision authority' },
  skills: { ja: 'スキル', en: 'Skills' },
  interests: { ja: '関心', en: 'Interests' },
  returnConditions: { ja: '出戻り条件', en: 'Return conditions' },
  tags: { ja: 'タグ', en: 'Tags' },
  doNotContact: { ja: '連絡不可', en: 'Do not contact' },
  doNotContactReason: { ja: '連絡不可の理由', en: 'Do-not-contact reason' },
  registeredAt: { ja: '会員登録日時', en: 'Registered at' },
  profileConfirmedAt: { ja: 'プロフィール確認日時', en: 'Profile confirmed at' },
  directoryFields: { ja: '他のアルムナイに公開する項目', en: 'Visible to other alumni' },
  createdAt: { ja: '作成日時', en: 'Created at' },
  updatedAt: { ja: '更新日時', en: 'Updated at' },
};

function cell(key: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (key === 'leaveType')
    return leaveTypeLabels[value as AlumnusRow['leaveType']]?.[locale] ?? String(value);
  if (key === 'leaveReasonCategory')
    return leaveReasonLabels[value as LeaveReasonCategory]?.[locale] ?? String(value);
  if (key === 'interests')
    return (value as string[]).map((i) => interestLabels[i as AlumniInterest]?.[locale] ?? i).join('、');
  if (typeof value === 'boolean')
    return value ? (locale === 'ja' ? 'はい' : 'yes') : locale === 'ja' ? 'いいえ' : 'no';
  if (Array.isArray(value)) return value.join('、');
  if (key === 'returnConditions') {
    const rc = value as Record<string, string | null | undefined>;
    return Object.entries(rc)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' / ');
  }
  return String(value);
}

/**
 * The member's data as CSV for Excel (UTF-8 with BOM, formula cells neutralized): a profile
 * section with one row per field, then a consents section with one row per consent given.
 */
export async function exportMyDataCsv(tx: Tx, tenantId: string, userId: string, ip: string, locale: Locale) {
  const data = await exportMyData(tx, tenantId, userId, ip);
  const ja = locale === 'ja';
  const profileSection = ja ? 'プロフィール' : 'Profile';
  const consentSection = ja ? '同意' : 'Consents';
  const rows: (string | number | null)[][] = [
    [ja ? '区分' : 'Section', ja ? '項目' : 'Field', ja ? '値' : 'Value'],
    ...Object.entries(RECORD_LABELS)
      .filter(([key]) => key in data.record)
      .map(([key, label]) => [
        profileSection,
        label[locale],
        cell(key, (data.record as Record<string, unknown>)[key], locale),
      ]),
    [],
    [
      ja ? '区分' : 'Section',
      ja ? '利用目的' : 'Purpose',
      ja ? '通知の版' : 'Notice version',
      ja ? '同意日時' : 'Granted at',
      ja ? '撤回日時' : 'Withdrawn at',
    ],
    ...data.consents.map((c) => [
      consentSection,
      consentPurposeLabels[c.purpose as ConsentPurpose]?.[locale] ?? c.purpose,
      c.noticeVersion,
      c.grantedAt.toISOString(),
      c.withdrawnAt?.toISOString() ?? '',
    ]),
  ];
  return encodeCsv(rows, 'utf8');
}
