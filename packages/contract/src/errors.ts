import { z } from 'zod';

/** Every error the API returns carries one of these codes; each maps to one HTTP status. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  tenant_suspended: 403,
  not_found: 404,
  conflict: 409,
  slug_taken: 409,
  already_member: 409,
  last_admin: 409,
  invitation_pending: 409,
  invitation_invalid: 410,
  verification_invalid: 410,
  anonymized: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  busy: 503,
} as const;
export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const locales = ['ja', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Messages shown to users, in both languages. The web uses the same table. */
export const errorMessages: Record<ErrorCode, Record<Locale, string>> = {
  validation_failed: { ja: '入力内容に誤りがあります。', en: 'Some of the input is not valid.' },
  unauthenticated: { ja: 'ログインしてください。', en: 'Please sign in.' },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  tenant_suspended: {
    ja: 'この企業の利用は停止されています。',
    en: 'This company’s account is suspended.',
  },
  not_found: { ja: '見つかりませんでした。', en: 'Not found.' },
  conflict: { ja: '他の変更と競合しました。', en: 'This conflicts with another change.' },
  slug_taken: {
    ja: 'このスラッグは既に使われています。',
    en: 'This slug is already in use.',
  },
  already_member: {
    ja: 'このメールアドレスの方は既にメンバーです。',
    en: 'A person with this e-mail address is already a member.',
  },
  last_admin: {
    ja: '最後の管理者は、外すことも役割を変えることもできません。先に別の方を管理者にしてください。',
    en: 'The last admin cannot be removed or given another role. Make someone else an admin first.',
  },
  invitation_pending: {
    ja: 'このメールアドレスには、承諾待ちの招待があります。',
    en: 'An invitation to this e-mail address is still pending.',
  },
  invitation_invalid: {
    ja: '招待リンクが無効か、有効期限が切れています。',
    en: 'This invitation link is invalid or has expired.',
  },
  verification_invalid: {
    ja: '確認リンクが無効か、有効期限が切れています。もう一度登録してください。',
    en: 'This confirmation link is invalid or has expired. Please register again.',
  },
  anonymized: {
    ja: 'この方は削除のご依頼により匿名化されています。',
    en: 'This person’s record was anonymized at their request.',
  },
  payload_too_large: { ja: 'データが大きすぎます。', en: 'The request is too large.' },
  rate_limited: {
    ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。',
    en: 'Too many requests. Please try again later.',
  },
  internal: {
    ja: 'サーバーでエラーが発生しました。時間をおいて再度お試しください。',
    en: 'Something went wrong on the server. Please try again later.',
  },
  unavailable: {
    ja: 'サービスを一時的に利用できません。',
    en: 'The service is temporarily unavailable.',
  },
  busy: {
    ja: 'ただいま混み合っています。数秒待ってから、もう一度お試しください。',
    en: 'The server is busy right now. Please wait a few seconds and try again.',
  },
};

/** Messages for individual field problems (zod issue codes mapped to user words). */
export const fieldMessages = {
  required: { ja: '必須項目です。', en: 'This field is required.' },
  invalid_email: { ja: 'メールアドレスの形式が正しくありません。', en: 'Enter a valid e-mail address.' },
  too_short: { ja: '{{min}}文字以上で入力してください。', en: 'Enter at least {{min}} characters.' },
  too_long: { ja: '{{max}}文字以内で入力してください。', en: 'Enter at most {{max}} characters.' },
  invalid_slug: {
    ja: '半角英小文字・数字・ハイフンで入力してください。',
    en: 'Use lowercase letters, digits and hyphens.',
  },
  invalid_value: { ja: '値が正しくありません。', en: 'This value is not valid.' },
  invalid_kana: {
    ja: 'フリガナはカタカナかひらがなで入力してください（ローマ字は使えません）。',
    en: 'Enter the furigana in katakana or hiragana (not in romaji).',
  },
  invalid_phone: {
    ja: '電話番号は数字と + - ( ) と空白で入力してください。',
    en: 'Enter a phone number with digits, +, -, ( ) and spaces only.',
  },
  slug_taken: { ja: 'このスラッグは既に使われています。', en: 'This slug is already in use.' },
  invalid_date: {
    ja: '日付は 2019/04/01・2019-04-01・2019年4月1日 の形式で入力してください。',
    en: 'Enter a date like 2019/04/01, 2019-04-01 or 2019年4月1日.',
  },
  date_order: {
    ja: '退職日は入社日より後にしてください。',
    en: 'The leave date must be after the join date.',
  },
  employee_number_taken: {
    ja: 'この社員番号は既に登録されています。',
    en: 'This employee number is already registered.',
  },
  consent_required: {
    ja: '会員情報の管理への同意が必要です。',
    en: 'Consent to keeping your member record is required.',
  },
  no_email: { ja: 'メールアドレスが登録されていません。', en: 'No e-mail address is on record.' },
  do_not_contact: { ja: '連絡不可の方です。', en: 'This person must not be contacted.' },
  already_registered: { ja: '既に会員登録済みです。', en: 'Already registered as a member.' },
  identity_confirmation_required: {
    ja: 'この記録とはお名前だけが一致しています。社員番号・入社日・退職日のいずれかをご本人に確認し、確認した項目と方法を入力してください。',
    en: 'Only the name matches this record. Confirm the employee number, join date or leave date with the person, then say which and how.',
  },
  retiree_not_alumnus: {
    ja: '定年退職の方は、アルムナイに含めない設定です（ネットワーク設定で変更できます）。',
    en: 'People who left at the retirement age are not counted as alumni (change it in the network settings).',
  },
  name_taken: { ja: 'この名前は既に使われています。', en: 'This name is already in use.' },
  email_taken: {
    ja: 'このメールアドレスは既に登録されています。',
    en: 'This e-mail address is already registered.',
  },
  already_member: { ja: '既にメンバーです。', en: 'Already a member.' },
  invitation_pending: {
    ja: '{{date}}に送信した招待が承諾待ちです。新しい招待を送ると、前のリンクは使えなくなります。',
    en: 'An invitation sent on {{date}} is still pending. A new invitation makes the earlier link stop working.',
  },
  wrong_password: {
    ja: '現在のパスワードが正しくありません。',
    en: 'The current password is incorrect.',
  },
  no_password: {
    ja: 'このアカウントにはパスワードが設定されていません。ログイン画面の「パスワードを忘れた方」から設定してください。',
    en: 'This account has no password yet. Set one with “Forgot your password?” on the sign-in page.',
  },
  csv_quote_not_closed: {
    ja: 'CSV を読み取れません：引用符（"）が閉じられていません（{{line}}行目付近）。',
    en: 'The CSV cannot be read: a quote (") is never closed (near line {{line}}).',
  },
  csv_invalid_quote: {
    ja: 'CSV を読み取れません：{{line}}行目で、引用符（"）の後に余分な文字があります。',
    en: 'The CSV cannot be read: on line {{line}}, characters follow a closing quote (").',
  },
  csv_unreadable: {
    ja: 'CSV を読み取れません（{{line}}行目付近）。Excel で「CSV（コンマ区切り）」として保存し直してください。',
    en: 'The CSV cannot be read (near line {{line}}). Save it again from Excel as “CSV (Comma delimited)”.',
  },
  email_mismatch: {
    ja: '登録されているメールアドレスと一致しません。',
    en: 'This is not the e-mail address on record.',
  },
  anonymized: {
    ja: '削除のご依頼により匿名化された記録です。',
    en: 'This record was anonymized on request.',
  },
  already_decided: {
    ja: 'この登録申請は既に処理されています。',
    en: 'This registration request was already handled.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
export type FieldMessageKey = keyof typeof fieldMessages;

export const fieldErrorSchema = z.object({
  path: z.string().meta({ description: 'Dotted path of the field, e.g. `body.email`' }),
  message: z.string(),
});

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      fields: z.array(fieldErrorSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return 'ja';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

/**
 * "Too many requests" with the wait in words (server answers and the web's reading of a
 * Retry-After header say the same): seconds under a minute, else whole minutes rounded up.
 */
export function retryAfterMessage(seconds: number | null | undefined, locale: Locale): string {
  if (!seconds || !Number.isFinite(seconds) || seconds <= 0) return errorMessages.rate_limited[locale];
  const minutes = Math.ceil(seconds / 60);
  if (locale === 'en')
    return seconds < 60
      ? `Too many requests. Please try again in ${Math.ceil(seconds)} seconds.`
      : `Too many requests. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  return seconds < 60
    ? `リクエストが多すぎます。${Math.ceil(seconds)}秒ほどしてから再度お試しください。`
    : `リクエストが多すぎます。${minutes}分ほどしてから再度お試しください。`;
}
