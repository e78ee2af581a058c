import {
  type AlumniInterest,
  alumniInterests,
  interestLabels,
  type LeaveReasonCategory,
  type LeaveType,
  type Locale,
  leaveReasonCategories,
  leaveReasonLabels,
  leaveTypeLabels,
  leaveTypes,
} from '@kizuna/contract';

/** The contract's own words for the fixed lists, in the user's language. */
export const leaveTypeLabel = (code: LeaveType, locale: Locale) => leaveTypeLabels[code]?.[locale] ?? code;
export const leaveReasonLabel = (code: LeaveReasonCategory, locale: Locale) =>
  leaveReasonLabels[code]?.[locale] ?? code;
export const interestLabel = (code: AlumniInterest, locale: Locale) => interestLabels[code]?.[locale] ?? code;

export const leaveTypeOptions = (locale: Locale) =>
  leaveTypes.map((value) => ({ value, label: leaveTypeLabel(value, locale) }));
export const leaveReasonOptions = (locale: Locale) =>
  leaveReasonCategories.map((value) => ({ value, label: leaveReasonLabel(value, locale) }));
export const interestOptions = (locale: Locale) =>
  alumniInterests.map((value) => ({ value, label: interestLabel(value, locale) }));

/** Badge colours that stay the same on every screen. */
export const leaveTypeColor: Record<LeaveType, string> = {
  voluntary: 'blue',
  company: 'orange',
  contract_end: 'cyan',
  retirement: 'violet',
  other: 'gray',
};

export const interestColor: Record<AlumniInterest, string> = {
  rehire: 'grape',
  side_job: 'teal',
  referral: 'indigo',
  monitor: 'yellow',
  events: 'pink',
  business: 'green',
};

/** 山田 太郎 */
export function fullName(a: { familyName: string; givenName: string }) {
  return `${a.familyName} ${a.givenName}`.trim();
}

/** ヤマダ タロウ, or null when neither part is known. */
export function fullKana(a: { familyNameKana: string | null; givenNameKana: string | null }) {
  const kana = `${a.familyNameKana ?? ''} ${a.givenNameKana ?? ''}`.trim();
  return kana || null;
}
